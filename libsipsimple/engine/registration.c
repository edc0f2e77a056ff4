/* libsipsimple - SipSimpleRegistration: one REGISTER binding kept alive
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/registration.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/uri.h>
#include "engine-private.h"

#include <string.h>

/**
 * SipSimpleRegistration:
 *
 * Registers one contact of the engine for an address-of-record with a
 * registrar (RFC 3261 section 10) and keeps the binding alive: the stack
 * refreshes it before it expires, answers digest challenges (MD5 or
 * SHA-256) with the credentials given, and retries with the registrar's
 * Min-Expires after `423 Interval Too Brief`.
 *
 * [class@SipSimple.Account] wraps a registration with retries and
 * back-off; use this class directly for a registration outside the
 * middleware.
 */

struct _SipSimpleRegistration
{
  GObject parent_instance;

  SipSimpleEngine *engine;
  SipSimpleUri    *aor;
  char            *username;
  char            *password;
  char            *display_name;
  char            *contact_user;
  SipSimpleUri    *proxy;
  SipSimpleUri    *registrar;
  guint            expires;

  SipSimpleRegistrationState state;
  nua_handle_t    *nh;
  guint            auth_rounds;
  char            *contact;
  guint            granted_expires;
  gulong           engine_state_id;
};

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_AOR,
  PROP_STATE,
  PROP_EXPIRES,
  PROP_CONTACT,
  PROP_GRANTED_EXPIRES,
  N_PROPS
};

enum {
  SIGNAL_REGISTERED,
  SIGNAL_FAILED,
  SIGNAL_UNREGISTERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleRegistration, sip_simple_registration, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleRegistrationState, sip_simple_registration_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_REGISTRATION_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_REGISTRATION_STATE_REGISTERING, "registering"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_REGISTRATION_STATE_REGISTERED, "registered"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING, "unregistering"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_REGISTRATION_STATE_FAILED, "failed"))

static void
set_state (SipSimpleRegistration *self, SipSimpleRegistrationState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
forget_handle (SipSimpleRegistration *self)
{
  if (self->nh != NULL)
    {
      sip_simple_engine_destroy_handle (self->engine, self->nh);
      self->nh = NULL;
    }
  self->auth_rounds = 0;
}

/* Answers a 401/407 with our credentials, once per request: a second
 * challenge after we sent credentials means they are wrong. */
gboolean
sip_simple_nua_authenticate (nua_handle_t *nh,
                             const sip_t  *sip,
                             const char   *username,
                             const char   *password,
                             guint        *rounds)
{
  g_autoptr (GString) creds = NULL;
  gboolean any = FALSE;

  if (sip == NULL || username == NULL || password == NULL || *rounds > 0)
    return FALSE;

  for (int pass = 0; pass < 2; pass++)
    {
      msg_auth_t const *ch = pass == 0 ? sip->sip_www_authenticate : sip->sip_proxy_authenticate;
      for (; ch; ch = ch->au_next)
        {
          const char *realm = msg_header_find_param (ch->au_common, "realm=");
          if (realm == NULL || ch->au_scheme == NULL
              || g_ascii_strcasecmp (ch->au_scheme, "Digest") != 0)
            continue;
          /* realm keeps its quotes, as auc_credentials() expects */
          creds = g_string_new (NULL);
          g_string_append_printf (creds, "Digest:%s%s%s:%s:%s",
                                  realm[0] == '"' ? "" : "\"", realm,
                                  realm[0] == '"' ? "" : "\"", username, password);
          nua_authenticate (nh, NUTAG_AUTH (creds->str), TAG_END ());
          g_string_free (g_steal_pointer (&creds), TRUE);
          any = TRUE;
        }
    }
  if (any)
    (*rounds)++;
  return any;
}

static void
fail (SipSimpleRegistration *self, guint code, const char *reason)
{
  g_autofree char *r = g_strdup (reason && *reason ? reason : sip_simple_status_phrase (code));

  forget_handle (self);
  g_clear_pointer (&self->contact, g_free);
  self->granted_expires = 0;
  set_state (self, SIP_SIMPLE_REGISTRATION_STATE_FAILED);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, code, r);
}

static char *
contact_params_expires (sip_contact_t const *m, guint *expires)
{
  if (m->m_expires != NULL)
    {
      *expires = (guint) g_ascii_strtoull (m->m_expires, NULL, 10);
      return url_as_string (NULL, m->m_url);
    }
  return url_as_string (NULL, m->m_url);
}

static void
registered (SipSimpleRegistration *self, const sip_t *sip)
{
  sip_contact_t const *mine = NULL;
  guint expires = self->expires;
  char *su_contact = NULL;

  self->auth_rounds = 0;
  if (sip != NULL)
    {
      if (sip->sip_expires != NULL)
        expires = (guint) sip->sip_expires->ex_delta;
      for (sip_contact_t const *m = sip->sip_contact; m; m = m->m_next)
        {
          const char *user = m->m_url->url_user;
          if (self->contact_user == NULL || g_strcmp0 (user, self->contact_user) == 0)
            {
              /* the newest binding of ours is the one NUA just sent */
              mine = m;
            }
        }
      if (mine == NULL)
        mine = sip->sip_contact;
      if (mine != NULL)
        su_contact = contact_params_expires (mine, &expires);
    }

  g_free (self->contact);
  self->contact = su_contact ? g_strdup (su_contact) : NULL;
  su_free (NULL, su_contact);
  self->granted_expires = expires;
  set_state (self, SIP_SIMPLE_REGISTRATION_STATE_REGISTERED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRANTED_EXPIRES]);
  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, self->contact ? self->contact : "", expires);
}

static void
unregistered (SipSimpleRegistration *self)
{
  forget_handle (self);
  g_clear_pointer (&self->contact, g_free);
  self->granted_expires = 0;
  set_state (self, SIP_SIMPLE_REGISTRATION_STATE_IDLE);
  g_signal_emit (self, signals[SIGNAL_UNREGISTERED], 0);
}

static void
on_nua_event (gpointer owner, const SipSimpleNuaEvent *ev)
{
  SipSimpleRegistration *self = owner;

  g_object_ref (self);
  if (ev->engine_gone)
    {
      self->nh = NULL;
      if (self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED
          || self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING
          || self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING)
        unregistered (self);
      g_object_unref (self);
      return;
    }

  switch (ev->event)
    {
    case nua_r_register:
      if (ev->status < 200)
        break;
      if ((ev->status == 401 || ev->status == 407) && self->nh != NULL)
        {
          if (sip_simple_nua_authenticate (self->nh, ev->sip, self->username, self->password,
                                           &self->auth_rounds))
            break;
          fail (self, ev->status,
                self->password == NULL ? "Authentication required but no password is set"
                                       : "Authentication failed: wrong username or password");
          break;
        }
      if (ev->status >= 300)
        {
          /* An unregistration that was requested meanwhile ends here too. */
          if (self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING)
            unregistered (self);
          else
            fail (self, ev->status, ev->phrase);
          break;
        }
      if (self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING)
        {
          /* stop() came while the REGISTER was pending: now remove it */
          nua_unregister (self->nh, TAG_END ());
          break;
        }
      registered (self, ev->sip);
      break;

    case nua_r_unregister:
      if (ev->status < 200)
        break;
      if ((ev->status == 401 || ev->status == 407) && self->nh != NULL
          && sip_simple_nua_authenticate (self->nh, ev->sip, self->username, self->password,
                                          &self->auth_rounds))
        break;
      if (ev->status >= 300)
        g_debug ("Unregistering %s failed: %d %s (the binding expires by itself)",
                 sip_simple_uri_get_aor (self->aor), ev->status, ev->phrase);
      unregistered (self);
      break;

    default:
      break;
    }
  g_object_unref (self);
}

static void
on_engine_state (SipSimpleEngine *engine, GParamSpec *pspec, SipSimpleRegistration *self)
{
  if (sip_simple_engine_get_state (engine) != SIP_SIMPLE_ENGINE_STATE_RUNNING)
    forget_handle (self);
}

/* The transport of the first hop: the outbound proxy's, else the
 * registrar's, else the address-of-record's (UDP unless the URI says
 * otherwise). */
static SipSimpleTransport
next_hop_transport (SipSimpleRegistration *self)
{
  return sip_simple_uri_hop_transport (self->proxy ? self->proxy : self->registrar ? self->registrar : self->aor);
}

/**
 * sip_simple_registration_start:
 * @self: a registration
 * @error: return location for a #GError
 *
 * Sends the REGISTER. The outcome arrives as
 * #SipSimpleRegistration::registered or #SipSimpleRegistration::failed;
 * once registered, the binding is refreshed until
 * [method@SipSimple.Registration.stop].
 *
 * Returns: %FALSE if the request could not be sent (engine not running,
 *   invalid settings)
 */
gboolean
sip_simple_registration_start (SipSimpleRegistration *self, GError **error)
{
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *registrar = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *contact = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), FALSE);

  if (sip_simple_engine_get_state (self->engine) != SIP_SIMPLE_ENGINE_STATE_RUNNING)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
                           "The SIP engine is not running");
      return FALSE;
    }
  if (self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING
      || self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED)
    return TRUE;

  if (self->nh == NULL)
    {
      to = sip_simple_uri_to_string (self->aor);
      from = self->display_name ? g_strdup_printf ("\"%s\" <%s>", self->display_name, to)
                                : g_strdup (to);
      proxy = self->proxy ? sip_simple_uri_to_string (self->proxy) : NULL;
      self->nh = sip_simple_engine_create_handle (self->engine, on_nua_event, self,
                                                  SIPTAG_TO_STR (to),
                                                  SIPTAG_FROM_STR (from),
                                                  TAG_END ());
      if (self->nh == NULL)
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                       "Could not create a registration for %s", to);
          return FALSE;
        }
      /* NTA-level tags are handle parameters, not handle creation tags */
      if (proxy != NULL)
        nua_set_hparams (self->nh, NUTAG_PROXY (proxy), TAG_END ());
    }

  registrar = self->registrar ? sip_simple_uri_to_string (self->registrar) : NULL;
  expires = g_strdup_printf ("%u", self->expires);
  /* Our Contact must use the transport the REGISTER leaves on, so that the
   * registrar's requests come back the same way; sofia-sip would pick one
   * of its listening points, not necessarily that one. */
  {
    g_autofree char *uri = sip_simple_engine_contact_string (self->engine, self->contact_user,
                                                             next_hop_transport (self));
    /* angle brackets: the URI's parameters are not header parameters */
    contact = uri ? g_strdup_printf ("<%s>", uri) : NULL;
  }
  self->auth_rounds = 0;
  set_state (self, SIP_SIMPLE_REGISTRATION_STATE_REGISTERING);
  nua_register (self->nh,
                TAG_IF (registrar != NULL, NUTAG_REGISTRAR (registrar)),
                TAG_IF (contact != NULL, SIPTAG_CONTACT_STR (contact)),
                TAG_IF (self->contact_user != NULL, NUTAG_M_USERNAME (self->contact_user)),
                TAG_IF (self->display_name != NULL, NUTAG_M_DISPLAY (self->display_name)),
                SIPTAG_EXPIRES_STR (expires),
                TAG_END ());
  return TRUE;
}

/**
 * sip_simple_registration_stop:
 * @self: a registration
 *
 * Removes the binding from the registrar (a REGISTER with Expires 0) and
 * stops refreshing it. #SipSimpleRegistration::unregistered follows.
 */
void
sip_simple_registration_stop (SipSimpleRegistration *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));

  switch (self->state)
    {
    case SIP_SIMPLE_REGISTRATION_STATE_REGISTERED:
      set_state (self, SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING);
      self->auth_rounds = 0;
      nua_unregister (self->nh, TAG_END ());
      break;
    case SIP_SIMPLE_REGISTRATION_STATE_REGISTERING:
      /* finish when the pending REGISTER answers */
      set_state (self, SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING);
      break;
    case SIP_SIMPLE_REGISTRATION_STATE_FAILED:
      forget_handle (self);
      set_state (self, SIP_SIMPLE_REGISTRATION_STATE_IDLE);
      break;
    case SIP_SIMPLE_REGISTRATION_STATE_IDLE:
    case SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING:
      break;
    }
}

/**
 * sip_simple_registration_new:
 * @engine: the engine to register through
 * @aor: the address-of-record to register (To and From of the REGISTER)
 *
 * Returns: (transfer full): a new registration, not started
 */
SipSimpleRegistration *
sip_simple_registration_new (SipSimpleEngine *engine, SipSimpleUri *aor)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (aor != NULL, NULL);
  return g_object_new (SIP_SIMPLE_TYPE_REGISTRATION, "engine", engine, "aor", aor, NULL);
}

/**
 * sip_simple_registration_set_credentials:
 * @self: a registration
 * @username: (nullable): the digest user name
 * @password: (nullable): the password
 *
 * Sets the credentials used to answer digest challenges.
 */
void
sip_simple_registration_set_credentials (SipSimpleRegistration *self,
                                         const char            *username,
                                         const char            *password)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  g_free (self->username);
  g_free (self->password);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
}

/**
 * sip_simple_registration_set_outbound_proxy:
 * @self: a registration
 * @proxy: (nullable): where to send the REGISTER instead of resolving the
 *   registrar's domain, e.g. `sip:127.0.0.1:5060;transport=tcp`
 *
 * Takes effect at the next [method@SipSimple.Registration.start] after
 * the registration was idle or failed.
 */
void
sip_simple_registration_set_outbound_proxy (SipSimpleRegistration *self, SipSimpleUri *proxy)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  g_clear_pointer (&self->proxy, sip_simple_uri_unref);
  self->proxy = proxy ? sip_simple_uri_copy (proxy) : NULL;
}

/**
 * sip_simple_registration_set_registrar:
 * @self: a registration
 * @registrar: (nullable): the request-URI of the REGISTER; by default the
 *   domain of the address-of-record
 *
 * Sets the registrar URI.
 */
void
sip_simple_registration_set_registrar (SipSimpleRegistration *self, SipSimpleUri *registrar)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  g_clear_pointer (&self->registrar, sip_simple_uri_unref);
  self->registrar = registrar ? sip_simple_uri_copy (registrar) : NULL;
}

/**
 * sip_simple_registration_set_expires:
 * @self: a registration
 * @expires: the requested binding lifetime in seconds
 *
 * Sets the Expires value of the next REGISTER (default 600). The
 * registrar may grant less or ask for more (423 Interval Too Brief is
 * handled).
 */
void
sip_simple_registration_set_expires (SipSimpleRegistration *self, guint expires)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  if (self->expires == expires)
    return;
  self->expires = expires;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES]);
}

/**
 * sip_simple_registration_set_contact_user:
 * @self: a registration
 * @user: (nullable): the user part of the registered Contact
 *
 * Sets the user part of the Contact URI. Incoming requests routed by the
 * registrar arrive with this user in their request-URI.
 */
void
sip_simple_registration_set_contact_user (SipSimpleRegistration *self, const char *user)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  g_free (self->contact_user);
  self->contact_user = g_strdup (user);
}

/**
 * sip_simple_registration_set_display_name:
 * @self: a registration
 * @display_name: (nullable): the display name in From and Contact
 *
 * Sets the display name.
 */
void
sip_simple_registration_set_display_name (SipSimpleRegistration *self, const char *display_name)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
}

/**
 * sip_simple_registration_get_state:
 * @self: a registration
 *
 * Returns: the current state
 */
SipSimpleRegistrationState
sip_simple_registration_get_state (SipSimpleRegistration *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), SIP_SIMPLE_REGISTRATION_STATE_IDLE);
  return self->state;
}

/**
 * sip_simple_registration_get_aor:
 * @self: a registration
 *
 * Returns: (transfer none): the address-of-record
 */
SipSimpleUri *
sip_simple_registration_get_aor (SipSimpleRegistration *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), NULL);
  return self->aor;
}

/**
 * sip_simple_registration_get_contact:
 * @self: a registration
 *
 * Returns: (transfer none) (nullable): the registered contact URI, while
 *   registered
 */
const char *
sip_simple_registration_get_contact (SipSimpleRegistration *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), NULL);
  return self->contact;
}

/**
 * sip_simple_registration_get_expires:
 * @self: a registration
 *
 * Returns: the requested lifetime in seconds
 */
guint
sip_simple_registration_get_expires (SipSimpleRegistration *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), 0);
  return self->expires;
}

/**
 * sip_simple_registration_get_granted_expires:
 * @self: a registration
 *
 * Returns: the lifetime the registrar granted, in seconds (0 when not
 *   registered)
 */
guint
sip_simple_registration_get_granted_expires (SipSimpleRegistration *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), 0);
  return self->granted_expires;
}

static void
sip_simple_registration_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_AOR:
      self->aor = g_value_dup_boxed (value);
      break;
    case PROP_EXPIRES:
      sip_simple_registration_set_expires (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_registration_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_AOR:
      g_value_set_boxed (value, self->aor);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_EXPIRES:
      g_value_set_uint (value, self->expires);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;
    case PROP_GRANTED_EXPIRES:
      g_value_set_uint (value, self->granted_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_registration_constructed (GObject *object)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  G_OBJECT_CLASS (sip_simple_registration_parent_class)->constructed (object);
  g_return_if_fail (self->engine != NULL && self->aor != NULL);
  self->engine_state_id = g_signal_connect (self->engine, "notify::state",
                                            G_CALLBACK (on_engine_state), self);
}

static void
sip_simple_registration_dispose (GObject *object)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  forget_handle (self);
  if (self->engine != NULL)
    {
      g_clear_signal_handler (&self->engine_state_id, self->engine);
      g_clear_object (&self->engine);
    }
  G_OBJECT_CLASS (sip_simple_registration_parent_class)->dispose (object);
}

static void
sip_simple_registration_finalize (GObject *object)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  g_clear_pointer (&self->aor, sip_simple_uri_unref);
  g_clear_pointer (&self->proxy, sip_simple_uri_unref);
  g_clear_pointer (&self->registrar, sip_simple_uri_unref);
  g_free (self->username);
  g_free (self->password);
  g_free (self->display_name);
  g_free (self->contact_user);
  g_free (self->contact);
  G_OBJECT_CLASS (sip_simple_registration_parent_class)->finalize (object);
}

static void
sip_simple_registration_class_init (SipSimpleRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = sip_simple_registration_set_property;
  object_class->get_property = sip_simple_registration_get_property;
  object_class->constructed = sip_simple_registration_constructed;
  object_class->dispose = sip_simple_registration_dispose;
  object_class->finalize = sip_simple_registration_finalize;

  /**
   * SipSimpleRegistration:engine:
   *
   * The engine the REGISTER requests go through.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, "The SIP engine", SIP_SIMPLE_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistration:aor:
   *
   * The address-of-record being registered.
   */
  properties[PROP_AOR] =
    g_param_spec_boxed ("aor", NULL, "The address-of-record", SIP_SIMPLE_TYPE_URI,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistration:state:
   *
   * The registration state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The registration state",
                       SIP_SIMPLE_TYPE_REGISTRATION_STATE, SIP_SIMPLE_REGISTRATION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistration:expires:
   *
   * The requested binding lifetime in seconds.
   */
  properties[PROP_EXPIRES] =
    g_param_spec_uint ("expires", NULL, "The requested lifetime (s)", 0, G_MAXUINT32, 600,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistration:contact:
   *
   * The registered contact URI while registered.
   */
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, "The registered contact", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistration:granted-expires:
   *
   * The lifetime granted by the registrar, in seconds.
   */
  properties[PROP_GRANTED_EXPIRES] =
    g_param_spec_uint ("granted-expires", NULL, "The granted lifetime (s)", 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleRegistration::registered:
   * @self: the registration
   * @contact: the registered contact URI
   * @expires: the lifetime granted, in seconds
   *
   * The registrar accepted the binding (also emitted on every refresh).
   */
  signals[SIGNAL_REGISTERED] =
    g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  /**
   * SipSimpleRegistration::failed:
   * @self: the registration
   * @code: the SIP status code (408 for a timeout, 503 when the registrar
   *   could not be reached)
   * @reason: the reason phrase or a description of the failure
   *
   * Registering (or refreshing) failed; the registration is not retried.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleRegistration::unregistered:
   * @self: the registration
   *
   * The binding was removed (after [method@SipSimple.Registration.stop] or
   * when the engine stopped).
   */
  signals[SIGNAL_UNREGISTERED] =
    g_signal_new ("unregistered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
sip_simple_registration_init (SipSimpleRegistration *self)
{
  self->expires = 600;
}
