/* libsipsimple - SipSimpleRegistration: one REGISTER binding kept alive
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/registration.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/uri.h>
#include "client-request-private.h"

#include <string.h>

/**
 * SipSimpleRegistration:
 *
 * Registers one contact of the engine for an address-of-record with a
 * registrar (RFC 3261 section 10) and keeps the binding alive: the stack
 * refreshes it before it expires, answers digest challenges (MD5 or
 * SHA-256) with the credentials of [class@SipSimple.ClientRequest], and
 * retries with the registrar's Min-Expires after `423 Interval Too Brief`.
 * The REGISTER goes to the outbound proxy when one is set, else to the
 * registrar.
 *
 * [class@SipSimple.Account] wraps a registration with retries and
 * back-off; use this class directly for a registration outside the
 * middleware.
 *
 * Since: 0.1
 */

struct _SipSimpleRegistration
{
  SipSimpleClientRequest parent_instance;

  SipSimpleUri    *aor;
  char            *display_name;
  char            *contact_user;
  SipSimpleUri    *registrar;
  guint            expires;

  SipSimpleRegistrationState state;
  char            *contact;
  guint            granted_expires;
};

enum {
  PROP_0,
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

G_DEFINE_FINAL_TYPE (SipSimpleRegistration, sip_simple_registration,
                     SIP_SIMPLE_TYPE_CLIENT_REQUEST)

#define REQUEST(self) SIP_SIMPLE_CLIENT_REQUEST (self)

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
  sip_simple_client_request_release_handle (REQUEST (self));
}

static void
fail (SipSimpleRegistration *self, guint code, const char *reason)
{
  g_autofree char *r = g_strdup (reason);

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

  sip_simple_client_request_reset_auth (REQUEST (self));
  if (sip != NULL)
    {
      expires = sip_simple_client_request_expires_of (sip, expires);
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
on_nua_event (SipSimpleClientRequest *request, const SipSimpleNuaEvent *ev)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (request);
  nua_handle_t *nh = sip_simple_client_request_get_handle (request);

  switch (ev->event)
    {
    case nua_r_register:
      if (!sip_simple_client_request_final_answer (request, ev))
        break;
      if (ev->status >= 300)
        {
          gboolean challenged = ev->status == 401 || ev->status == 407;

          /* An unregistration that was requested meanwhile ends here too. */
          if (self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING && !challenged)
            unregistered (self);
          else
            fail (self, ev->status,
                  sip_simple_client_request_failure_reason (request, ev->status, ev->phrase));
          break;
        }
      if (self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING)
        {
          /* stop() came while the REGISTER was pending: now remove it */
          nua_unregister (nh, TAG_END ());
          break;
        }
      registered (self, ev->sip);
      break;

    case nua_r_unregister:
      if (!sip_simple_client_request_final_answer (request, ev))
        break;
      if (ev->status >= 300)
        g_debug ("Unregistering %s failed: %d %s (the binding expires by itself)",
                 sip_simple_uri_get_aor (self->aor), ev->status, ev->phrase);
      unregistered (self);
      break;

    default:
      break;
    }
}

/* The engine stopping: the handle goes without an un-REGISTER (the binding
 * expires at the registrar) and the state is left as it was. The stack
 * torn down while the handle was still ours: the registration is over. */
static void
sip_simple_registration_engine_stopped (SipSimpleClientRequest *request)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (request);

  if (sip_simple_client_request_get_handle (request) != NULL)
    forget_handle (self);
  else if (self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED
           || self->state == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING
           || self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING)
    unregistered (self);
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
 *
 * Since: 0.1
 */
gboolean
sip_simple_registration_start (SipSimpleRegistration *self, GError **error)
{
  SipSimpleClientRequest *request = REQUEST (self);
  g_autofree char *registrar = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *contact = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRATION (self), FALSE);

  if (!sip_simple_client_request_check_running (request, error))
    return FALSE;
  if (self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING
      || self->state == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED)
    return TRUE;

  if (sip_simple_client_request_get_handle (request) == NULL)
    {
      g_autofree char *to = sip_simple_uri_to_string (self->aor);
      g_autofree char *from = self->display_name
                                ? g_strdup_printf ("\"%s\" <%s>", self->display_name, to)
                                : g_strdup (to);

      if (sip_simple_client_request_create_handle (request, from, to, on_nua_event, error) == NULL)
        return FALSE;
    }

  registrar = self->registrar ? sip_simple_uri_to_string (self->registrar) : NULL;
  expires = g_strdup_printf ("%u", self->expires);
  /* Our Contact must use the transport the REGISTER leaves on (the
   * proxy's, else the registrar's, else the address-of-record's), so that
   * the registrar's requests come back the same way; sofia-sip would pick
   * one of its listening points, not necessarily that one. */
  contact = sip_simple_client_request_contact (request, self->contact_user,
                                               self->registrar ? self->registrar : self->aor);
  sip_simple_client_request_reset_auth (request);
  set_state (self, SIP_SIMPLE_REGISTRATION_STATE_REGISTERING);
  nua_register (sip_simple_client_request_get_handle (request),
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
 *
 * Since: 0.1
 */
void
sip_simple_registration_stop (SipSimpleRegistration *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));

  switch (self->state)
    {
    case SIP_SIMPLE_REGISTRATION_STATE_REGISTERED:
      set_state (self, SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING);
      sip_simple_client_request_reset_auth (REQUEST (self));
      nua_unregister (sip_simple_client_request_get_handle (REQUEST (self)), TAG_END ());
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
 * Creates a new registration, not started.
 *
 * Returns: (transfer full): a new registration, not started
 *
 * Since: 0.1
 */
SipSimpleRegistration *
sip_simple_registration_new (SipSimpleEngine *engine, SipSimpleUri *aor)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (aor != NULL, NULL);
  return g_object_new (SIP_SIMPLE_TYPE_REGISTRATION, "engine", engine, "aor", aor, NULL);
}

/**
 * sip_simple_registration_set_registrar:
 * @self: a registration
 * @registrar: (nullable): the request-URI of the REGISTER; by default the
 *   domain of the address-of-record
 *
 * Sets the registrar URI.
 *
 * Since: 0.1
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
 *
 * Since: 0.1
 */
void
sip_simple_registration_set_expires (SipSimpleRegistration *self, guint expires)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRATION (self));
  sip_simple_client_request_set_uint (REQUEST (self), &self->expires, expires,
                                      properties[PROP_EXPIRES]);
}

/**
 * sip_simple_registration_set_contact_user:
 * @self: a registration
 * @user: (nullable): the user part of the registered Contact
 *
 * Sets the user part of the Contact URI. Incoming requests routed by the
 * registrar arrive with this user in their request-URI.
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 * Gets the current state.
 *
 * Returns: the current state
 *
 * Since: 0.1
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
 * Gets the address-of-record.
 *
 * Returns: (transfer none): the address-of-record
 *
 * Since: 0.1
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
 * Gets the registered contact URI, while registered.
 *
 * Returns: (transfer none) (nullable): the registered contact URI, while
 *   registered
 *
 * Since: 0.1
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
 * Gets the requested lifetime in seconds.
 *
 * Returns: the requested lifetime in seconds
 *
 * Since: 0.1
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
 * Gets the lifetime the registrar granted, in seconds (0 when not registered).
 *
 * Returns: the lifetime the registrar granted, in seconds (0 when not
 *   registered)
 *
 * Since: 0.1
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
  g_return_if_fail (sip_simple_client_request_get_engine (REQUEST (self)) != NULL
                    && self->aor != NULL);
}

static void
sip_simple_registration_finalize (GObject *object)
{
  SipSimpleRegistration *self = SIP_SIMPLE_REGISTRATION (object);

  g_clear_pointer (&self->aor, sip_simple_uri_unref);
  g_clear_pointer (&self->registrar, sip_simple_uri_unref);
  g_free (self->display_name);
  g_free (self->contact_user);
  g_free (self->contact);
  G_OBJECT_CLASS (sip_simple_registration_parent_class)->finalize (object);
}

static void
sip_simple_registration_class_init (SipSimpleRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SipSimpleClientRequestClass *request_class = SIP_SIMPLE_CLIENT_REQUEST_CLASS (klass);

  object_class->set_property = sip_simple_registration_set_property;
  object_class->get_property = sip_simple_registration_get_property;
  object_class->constructed = sip_simple_registration_constructed;
  object_class->finalize = sip_simple_registration_finalize;
  request_class->engine_stopped = sip_simple_registration_engine_stopped;

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
  properties[PROP_EXPIRES] = sip_simple_client_request_expires_param ();
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
  properties[PROP_GRANTED_EXPIRES] = sip_simple_client_request_granted_expires_param ();

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
