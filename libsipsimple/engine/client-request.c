/* libsipsimple - SipSimpleClientRequest: what every request we send shares
 * (the engine, the NUA handle, credentials and digest rounds, the outbound
 * proxy and the first hop, the engine's state)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/client-request.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/uri.h>
#include "client-request-private.h"

/**
 * SipSimpleClientRequest:
 *
 * The base of the requests the engine sends: [class@SipSimple.Registration],
 * [class@SipSimple.Subscription], [class@SipSimple.Publication],
 * [class@SipSimple.Invitation] and [class@SipSimple.Message]. It cannot be
 * instantiated itself.
 *
 * What they share lives here: the [class@SipSimple.Engine] the request
 * goes through, the credentials that answer digest challenges (MD5 or
 * SHA-256, RFC 8760) and the outbound proxy that is the first hop instead
 * of the target's own servers.
 *
 * A `401 Unauthorized` or `407 Proxy Authentication Required` is answered
 * with the credentials once for each request sent; when the server
 * challenges the answer again, the credentials are wrong and the request
 * fails with that status and the reason "Authentication failed: wrong
 * username or password" (or "Authentication required but no password is
 * set" without a password).
 *
 * The `Contact` of a request names the engine's listening point for the
 * transport the request leaves on (the outbound proxy's, else the
 * target's), so that the peer's requests come back the same way.
 *
 * When the engine stops, each kind of request ends what it has going: see
 * the `engine_stopped` virtual method of [class@SipSimple.ClientRequest].
 *
 * Since: 0.1
 */

typedef struct
{
  SipSimpleEngine *engine;
  char            *username;
  char            *password;
  SipSimpleUri    *proxy;

  nua_handle_t                   *nh;
  SipSimpleClientRequestEventFunc event_func;
  guint                           auth_rounds;
  gulong                          engine_state_id;
  gboolean                        engine_running;
} SipSimpleClientRequestPrivate;

enum
{
  PROP_0,
  PROP_ENGINE,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_OUTBOUND_PROXY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SipSimpleClientRequest, sip_simple_client_request,
                                     G_TYPE_OBJECT)

#define PRIV(self)                                                                                 \
  ((SipSimpleClientRequestPrivate *)sip_simple_client_request_get_instance_private (self))

/* ---- the engine --------------------------------------------------------- */

static void
engine_stopped (SipSimpleClientRequest *self)
{
  g_object_ref (self);
  SIP_SIMPLE_CLIENT_REQUEST_GET_CLASS (self)->engine_stopped (self);
  g_object_unref (self);
}

/* Once per stop: when the engine leaves the running state. */
static void
on_engine_state (SipSimpleEngine *engine, GParamSpec *pspec, SipSimpleClientRequest *self)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);
  gboolean                       was_running = priv->engine_running;

  priv->engine_running = sip_simple_engine_get_state (engine) == SIP_SIMPLE_ENGINE_STATE_RUNNING;
  if (was_running && !priv->engine_running)
    engine_stopped (self);
}

gboolean
sip_simple_client_request_check_running (SipSimpleClientRequest *self, GError **error)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  if (priv->engine != NULL
      && sip_simple_engine_get_state (priv->engine) == SIP_SIMPLE_ENGINE_STATE_RUNNING)
    return TRUE;
  g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
                       "The SIP engine is not running");
  return FALSE;
}

/* ---- the handle ---------------------------------------------------------- */

static void
on_nua_event (gpointer owner, const SipSimpleNuaEvent *ev)
{
  SipSimpleClientRequest        *self = owner;
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  if (ev->engine_gone)
    {
      /* the stack is gone, and the handle with it */
      priv->nh = NULL;
      priv->auth_rounds = 0;
      engine_stopped (self);
      return;
    }
  if (priv->event_func != NULL)
    {
      g_object_ref (self);
      priv->event_func (self, ev);
      g_object_unref (self);
    }
}

nua_handle_t *
sip_simple_client_request_create_handle (SipSimpleClientRequest *self, const char *from,
                                         const char *to, SipSimpleClientRequestEventFunc func,
                                         GError **error)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  g_return_val_if_fail (priv->nh == NULL, NULL);
  if (!sip_simple_client_request_check_running (self, error))
    return NULL;

  priv->nh = sip_simple_engine_create_handle (priv->engine, on_nua_event, self, SIPTAG_TO_STR (to),
                                              SIPTAG_FROM_STR (from), TAG_END ());
  if (priv->nh == NULL)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   "Could not create a SIP request from %s to %s", from, to);
      return NULL;
    }
  priv->event_func = func;
  priv->auth_rounds = 0;
  if (priv->proxy != NULL)
    {
      g_autofree char *proxy = sip_simple_uri_to_string (priv->proxy);

      /* NTA-level tags are handle parameters, not handle creation tags */
      nua_set_hparams (priv->nh, NUTAG_PROXY (proxy), TAG_END ());
    }
  return priv->nh;
}

void
sip_simple_client_request_bind_handle (SipSimpleClientRequest *self, nua_handle_t *nh,
                                       SipSimpleClientRequestEventFunc func)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  g_return_if_fail (priv->nh == NULL && priv->engine != NULL);
  sip_simple_engine_bind_handle (priv->engine, nh, on_nua_event, self);
  priv->nh = nh;
  priv->event_func = func;
  priv->auth_rounds = 0;
}

nua_handle_t *
sip_simple_client_request_get_handle (SipSimpleClientRequest *self)
{
  return PRIV (self)->nh;
}

void
sip_simple_client_request_release_handle (SipSimpleClientRequest *self)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  if (priv->nh != NULL)
    {
      sip_simple_engine_destroy_handle (priv->engine, priv->nh);
      priv->nh = NULL;
    }
  priv->auth_rounds = 0;
}

/* ---- digest -------------------------------------------------------------- */

void
sip_simple_client_request_reset_auth (SipSimpleClientRequest *self)
{
  PRIV (self)->auth_rounds = 0;
}

gboolean
sip_simple_client_request_authenticate (SipSimpleClientRequest *self, const SipSimpleNuaEvent *ev)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);
  const sip_t                   *sip = ev->sip;
  gboolean                       any = FALSE;

  if ((ev->status != 401 && ev->status != 407) || priv->nh == NULL || sip == NULL
      || priv->username == NULL || priv->password == NULL || priv->auth_rounds > 0)
    return FALSE;

  /* One set of credentials per Digest realm challenged, by the registrar
   * or server (WWW-Authenticate) and by proxies (Proxy-Authenticate); the
   * auth plugin computes MD5 or SHA-256 as each challenge asks. */
  for (int pass = 0; pass < 2; pass++)
    {
      msg_auth_t const *ch = pass == 0 ? sip->sip_www_authenticate : sip->sip_proxy_authenticate;

      for (; ch; ch = ch->au_next)
        {
          const char      *realm = msg_header_find_param (ch->au_common, "realm=");
          g_autofree char *creds = NULL;

          if (realm == NULL || ch->au_scheme == NULL
              || g_ascii_strcasecmp (ch->au_scheme, "Digest") != 0)
            continue;
          /* realm keeps its quotes, as auc_credentials() expects */
          creds = g_strdup_printf ("Digest:%s%s%s:%s:%s", realm[0] == '"' ? "" : "\"", realm,
                                   realm[0] == '"' ? "" : "\"", priv->username, priv->password);
          nua_authenticate (priv->nh, NUTAG_AUTH (creds), TAG_END ());
          any = TRUE;
        }
    }
  if (any)
    priv->auth_rounds++;
  return any;
}

const char *
sip_simple_client_request_auth_failure (SipSimpleClientRequest *self, guint status)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  if (status != 401 && status != 407)
    return NULL;
  if (priv->auth_rounds > 0)
    return "Authentication failed: wrong username or password";
  if (priv->password == NULL)
    return "Authentication required but no password is set";
  return NULL;
}

const char *
sip_simple_client_request_failure_reason (SipSimpleClientRequest *self, guint status,
                                          const char *phrase)
{
  const char *auth_failure = sip_simple_client_request_auth_failure (self, status);

  if (auth_failure != NULL)
    return auth_failure;
  return phrase != NULL && *phrase != '\0' ? phrase : sip_simple_status_phrase (status);
}

gboolean
sip_simple_client_request_final_answer (SipSimpleClientRequest *self, const SipSimpleNuaEvent *ev)
{
  return ev->status >= 200 && !sip_simple_client_request_authenticate (self, ev);
}

/* ---- lifetimes ------------------------------------------------------------ */

GParamSpec *
sip_simple_client_request_expires_param (void)
{
  return g_param_spec_uint ("expires", NULL, "The requested lifetime (s)", 0, G_MAXUINT32, 600,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

GParamSpec *
sip_simple_client_request_granted_expires_param (void)
{
  return g_param_spec_uint ("granted-expires", NULL, "The granted lifetime (s)", 0, G_MAXUINT32, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

guint
sip_simple_client_request_expires_of (const sip_t *sip, guint fallback)
{
  if (sip == NULL || sip->sip_expires == NULL)
    return fallback;
  return (guint) MIN (sip->sip_expires->ex_delta, G_MAXUINT32);
}

void
sip_simple_client_request_set_uint (SipSimpleClientRequest *self, guint *field, guint value,
                                    GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* ---- the first hop -------------------------------------------------------- */

SipSimpleTransport
sip_simple_client_request_first_hop (SipSimpleClientRequest *self, SipSimpleUri *target)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);
  SipSimpleUri                  *hop = priv->proxy ? priv->proxy : target;
  g_autofree char               *tp = NULL;
  SipSimpleTransport             t = SIP_SIMPLE_TRANSPORT_UDP;

  if (hop == NULL)
    return SIP_SIMPLE_TRANSPORT_UDP;
  if (sip_simple_uri_is_secure (hop))
    return SIP_SIMPLE_TRANSPORT_TLS;
  tp = sip_simple_uri_get_transport (hop);
  if (tp != NULL && sip_simple_transport_from_string (tp, &t))
    return t;
  return SIP_SIMPLE_TRANSPORT_UDP;
}

char *
sip_simple_client_request_contact (SipSimpleClientRequest *self, const char *user,
                                   SipSimpleUri *target)
{
  SipSimpleClientRequestPrivate *priv = PRIV (self);
  g_autofree char               *uri = NULL;

  if (priv->engine == NULL)
    return NULL;
  uri = sip_simple_engine_contact_string (priv->engine, user,
                                          sip_simple_client_request_first_hop (self, target));
  /* angle brackets: the URI's parameters are not header parameters */
  return uri ? g_strdup_printf ("<%s>", uri) : NULL;
}

/* ---- public API ------------------------------------------------------------ */

/**
 * sip_simple_client_request_get_engine: (get-property engine)
 * @self: a request
 *
 * Gets the engine the request goes through.
 *
 * Returns: (transfer none) (nullable): the engine; %NULL for a received
 *   [class@SipSimple.Message]
 *
 * Since: 0.1
 */
SipSimpleEngine *
sip_simple_client_request_get_engine (SipSimpleClientRequest *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CLIENT_REQUEST (self), NULL);
  return PRIV (self)->engine;
}

/**
 * sip_simple_client_request_get_username: (get-property username)
 * @self: a request
 *
 * Gets the user name that digest challenges are answered with.
 *
 * Returns: (transfer none) (nullable): the user name
 *
 * Since: 0.1
 */
const char *
sip_simple_client_request_get_username (SipSimpleClientRequest *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CLIENT_REQUEST (self), NULL);
  return PRIV (self)->username;
}

static void
set_string (SipSimpleClientRequest *self, char **field, const char *value, GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * sip_simple_client_request_set_credentials:
 * @self: a request
 * @username: (nullable): the digest user name
 * @password: (nullable): the password
 *
 * Sets the credentials that digest challenges (401 and 407) are answered
 * with; see [property@SipSimple.ClientRequest:username] and
 * [property@SipSimple.ClientRequest:password]. Without both, a challenge
 * makes the request fail.
 *
 * Since: 0.1
 */
void
sip_simple_client_request_set_credentials (SipSimpleClientRequest *self, const char *username,
                                           const char *password)
{
  SipSimpleClientRequestPrivate *priv;

  g_return_if_fail (SIP_SIMPLE_IS_CLIENT_REQUEST (self));
  priv = PRIV (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &priv->username, username, properties[PROP_USERNAME]);
  set_string (self, &priv->password, password, properties[PROP_PASSWORD]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sip_simple_client_request_get_outbound_proxy: (get-property outbound-proxy)
 * @self: a request
 *
 * Gets the outbound proxy.
 *
 * Returns: (transfer none) (nullable): the outbound proxy
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_client_request_get_outbound_proxy (SipSimpleClientRequest *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CLIENT_REQUEST (self), NULL);
  return PRIV (self)->proxy;
}

/**
 * sip_simple_client_request_set_outbound_proxy: (set-property outbound-proxy)
 * @self: a request
 * @proxy: (nullable): where to send the request instead of the servers of
 *   the target's domain, e.g. `sip:127.0.0.1:5060;transport=tcp`
 *
 * Sets the outbound proxy; see
 * [property@SipSimple.ClientRequest:outbound-proxy].
 *
 * Since: 0.1
 */
void
sip_simple_client_request_set_outbound_proxy (SipSimpleClientRequest *self, SipSimpleUri *proxy)
{
  SipSimpleClientRequestPrivate *priv;

  g_return_if_fail (SIP_SIMPLE_IS_CLIENT_REQUEST (self));
  priv = PRIV (self);
  if (priv->proxy == proxy
      || (priv->proxy != NULL && proxy != NULL && sip_simple_uri_equal (priv->proxy, proxy)))
    return;
  g_clear_pointer (&priv->proxy, sip_simple_uri_unref);
  priv->proxy = proxy ? sip_simple_uri_copy (proxy) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOUND_PROXY]);
}

/* ---- GObject -------------------------------------------------------------- */

static void
sip_simple_client_request_set_property (GObject *object, guint prop_id, const GValue *value,
                                        GParamSpec *pspec)
{
  SipSimpleClientRequest        *self = SIP_SIMPLE_CLIENT_REQUEST (object);
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  switch (prop_id)
    {
    case PROP_ENGINE:
      priv->engine = g_value_dup_object (value);
      break;
    case PROP_USERNAME:
      set_string (self, &priv->username, g_value_get_string (value), pspec);
      break;
    case PROP_PASSWORD:
      set_string (self, &priv->password, g_value_get_string (value), pspec);
      break;
    case PROP_OUTBOUND_PROXY:
      sip_simple_client_request_set_outbound_proxy (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_client_request_get_property (GObject *object, guint prop_id, GValue *value,
                                        GParamSpec *pspec)
{
  SipSimpleClientRequestPrivate *priv = PRIV (SIP_SIMPLE_CLIENT_REQUEST (object));

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, priv->engine);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, priv->username);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, priv->password);
      break;
    case PROP_OUTBOUND_PROXY:
      g_value_set_boxed (value, priv->proxy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_client_request_constructed (GObject *object)
{
  SipSimpleClientRequest        *self = SIP_SIMPLE_CLIENT_REQUEST (object);
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  G_OBJECT_CLASS (sip_simple_client_request_parent_class)->constructed (object);
  if (priv->engine == NULL)
    return;
  priv->engine_running
      = sip_simple_engine_get_state (priv->engine) == SIP_SIMPLE_ENGINE_STATE_RUNNING;
  priv->engine_state_id
      = g_signal_connect (priv->engine, "notify::state", G_CALLBACK (on_engine_state), self);
}

static void
sip_simple_client_request_dispose (GObject *object)
{
  SipSimpleClientRequest        *self = SIP_SIMPLE_CLIENT_REQUEST (object);
  SipSimpleClientRequestPrivate *priv = PRIV (self);

  sip_simple_client_request_release_handle (self);
  if (priv->engine != NULL)
    {
      g_clear_signal_handler (&priv->engine_state_id, priv->engine);
      g_clear_object (&priv->engine);
    }
  G_OBJECT_CLASS (sip_simple_client_request_parent_class)->dispose (object);
}

static void
sip_simple_client_request_finalize (GObject *object)
{
  SipSimpleClientRequestPrivate *priv = PRIV (SIP_SIMPLE_CLIENT_REQUEST (object));

  g_free (priv->username);
  g_free (priv->password);
  g_clear_pointer (&priv->proxy, sip_simple_uri_unref);
  G_OBJECT_CLASS (sip_simple_client_request_parent_class)->finalize (object);
}

static void
sip_simple_client_request_real_engine_stopped (SipSimpleClientRequest *self)
{
}

static void
sip_simple_client_request_class_init (SipSimpleClientRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = sip_simple_client_request_set_property;
  object_class->get_property = sip_simple_client_request_get_property;
  object_class->constructed = sip_simple_client_request_constructed;
  object_class->dispose = sip_simple_client_request_dispose;
  object_class->finalize = sip_simple_client_request_finalize;
  klass->engine_stopped = sip_simple_client_request_real_engine_stopped;

  /**
   * SipSimpleClientRequest:engine: (getter get_engine)
   *
   * The engine the request goes through; %NULL only for a received
   * [class@SipSimple.Message].
   *
   * Since: 0.1
   */
  properties[PROP_ENGINE]
      = g_param_spec_object ("engine", NULL, "The SIP engine", SIP_SIMPLE_TYPE_ENGINE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleClientRequest:username: (getter get_username)
   *
   * The user name that digest challenges are answered with, often the
   * user part of the address-of-record.
   *
   * Since: 0.1
   */
  properties[PROP_USERNAME]
      = g_param_spec_string ("username", NULL, "The digest user name", NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleClientRequest:password:
   *
   * The password that digest challenges are answered with.
   *
   * Since: 0.1
   */
  properties[PROP_PASSWORD]
      = g_param_spec_string ("password", NULL, "The digest password", NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleClientRequest:outbound-proxy: (getter get_outbound_proxy) (setter set_outbound_proxy)
   *
   * Where to send the request instead of the servers of the target's
   * domain. Read when the request opens its dialog or transaction: a change
   * takes effect with the next registration or subscription started, the
   * next initial publication, the next INVITE or MESSAGE.
   *
   * Since: 0.1
   */
  properties[PROP_OUTBOUND_PROXY]
      = g_param_spec_boxed ("outbound-proxy", NULL, "The outbound proxy", SIP_SIMPLE_TYPE_URI,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_client_request_init (SipSimpleClientRequest *self)
{
}
