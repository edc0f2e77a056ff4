/* libsipsimple - SipSimpleAccount: a SIP identity that registers and messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>
#include "account-private.h"
#include "config-binding-private.h"

#include <string.h>

/**
 * SipSimpleAccount:
 *
 * A SIP identity (an address-of-record such as `alice@example.com`) with
 * its credentials and settings. While the [class@SipSimple.Application]
 * runs, an enabled account registers with its registrar, keeps the
 * registration alive, retries with back-off after failures, and receives
 * the SIP MESSAGEs addressed to it.
 *
 * Its settings are GObject properties that persist through the
 * application's [iface@SipSimple.Storage] once the account is added to the
 * [class@SipSimple.AccountManager]: changing a property saves it.
 *
 * Registration progress is reported by
 * [signal@SipSimple.Account::registered],
 * [signal@SipSimple.Account::registration-failed] and
 * [signal@SipSimple.Account::unregistered];
 * [property@SipSimple.Account:registration-state] follows it.
 */

#define RETRY_MIN_SECONDS 2
#define RETRY_MAX_SECONDS 300

struct _SipSimpleAccount
{
  GObject parent_instance;

  char         *id;
  SipSimpleUri *uri;

  /* persistent settings */
  gboolean      enabled;
  char         *display_name;
  char         *password;
  char         *auth_username;
  char         *outbound_proxy;
  gboolean      do_register;
  guint         register_interval;
  gboolean      use_cpim;

  /* runtime */
  SipSimpleEngine       *engine;
  SipSimpleRegistration *registration;
  guint                  retry_source;
  guint                  retry_count;
  GTask                 *detach_task;
  guint                  detach_timeout;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_URI,
  PROP_ENABLED,
  PROP_DISPLAY_NAME,
  PROP_PASSWORD,
  PROP_AUTH_USERNAME,
  PROP_OUTBOUND_PROXY,
  PROP_REGISTER,
  PROP_REGISTER_INTERVAL,
  PROP_USE_CPIM,
  PROP_REGISTRATION_STATE,
  PROP_CONTACT,
  N_PROPS
};

enum {
  SIGNAL_REGISTERED,
  SIGNAL_REGISTRATION_FAILED,
  SIGNAL_UNREGISTERED,
  SIGNAL_MESSAGE_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleAccount, sip_simple_account, G_TYPE_OBJECT)

char *
sip_simple_account_storage_group (const char *id)
{
  return g_strconcat ("account ", id, NULL);
}

/* ---- registration ------------------------------------------------------ */

static void update_registration (SipSimpleAccount *self);

static gboolean
should_register (SipSimpleAccount *self)
{
  return self->engine != NULL && self->enabled && self->do_register && self->detach_task == NULL
         && sip_simple_engine_get_state (self->engine) == SIP_SIMPLE_ENGINE_STATE_RUNNING;
}

static void
cancel_retry (SipSimpleAccount *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
}

static gboolean
retry_cb (gpointer data)
{
  SipSimpleAccount *self = data;

  self->retry_source = 0;
  update_registration (self);
  return G_SOURCE_REMOVE;
}

/* Failures that a retry won't fix without the user changing something. */
static gboolean
is_permanent_failure (guint code)
{
  switch (code)
    {
    case 400: case 401: case 403: case 404: case 407: case 416: case 420: case 484: case 604:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_registered (SipSimpleRegistration *reg, const char *contact, guint expires, SipSimpleAccount *self)
{
  self->retry_count = 0;
  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, contact, expires);
}

static void
on_registration_failed (SipSimpleRegistration *reg, guint code, const char *reason,
                        SipSimpleAccount *self)
{
  gboolean retry = !is_permanent_failure (code) && should_register (self);

  cancel_retry (self);
  if (retry)
    {
      guint delay = RETRY_MIN_SECONDS << MIN (self->retry_count, 8);
      delay = MIN (delay, RETRY_MAX_SECONDS);
      /* spread retries of many clients after a server outage */
      delay = g_random_int_range ((gint) (delay * 3 / 4), (gint) delay + 1);
      self->retry_count++;
      self->retry_source = g_timeout_add_seconds (delay, retry_cb, self);
      g_debug ("Registration of %s failed (%u %s); retrying in %u s", self->id, code, reason, delay);
    }
  g_signal_emit (self, signals[SIGNAL_REGISTRATION_FAILED], 0, code, reason, retry);
}

static void
finish_detach (SipSimpleAccount *self)
{
  GTask *task = g_steal_pointer (&self->detach_task);

  g_clear_handle_id (&self->detach_timeout, g_source_remove);
  if (self->registration != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->registration, self);
      g_clear_object (&self->registration);
    }
  g_clear_object (&self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRATION_STATE]);
  if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
on_unregistered (SipSimpleRegistration *reg, SipSimpleAccount *self)
{
  g_signal_emit (self, signals[SIGNAL_UNREGISTERED], 0);
  if (self->detach_task != NULL)
    finish_detach (self);
}

static void
on_registration_state (SipSimpleRegistration *reg, GParamSpec *pspec, SipSimpleAccount *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRATION_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

static SipSimpleRegistration *
create_registration (SipSimpleAccount *self, GError **error)
{
  g_autoptr (SipSimpleRegistration) reg = sip_simple_registration_new (self->engine, self->uri);

  if (self->outbound_proxy != NULL && *self->outbound_proxy != '\0')
    {
      g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse (self->outbound_proxy, error);
      if (proxy == NULL)
        return NULL;
      sip_simple_registration_set_outbound_proxy (reg, proxy);
    }
  sip_simple_registration_set_credentials (reg,
                                           self->auth_username ? self->auth_username
                                                               : sip_simple_uri_get_user (self->uri),
                                           self->password);
  sip_simple_registration_set_expires (reg, self->register_interval);
  sip_simple_registration_set_contact_user (reg, sip_simple_account_get_contact_user (self));
  sip_simple_registration_set_display_name (reg, self->display_name);
  g_signal_connect (reg, "registered", G_CALLBACK (on_registered), self);
  g_signal_connect (reg, "failed", G_CALLBACK (on_registration_failed), self);
  g_signal_connect (reg, "unregistered", G_CALLBACK (on_unregistered), self);
  g_signal_connect (reg, "notify::state", G_CALLBACK (on_registration_state), self);
  return g_steal_pointer (&reg);
}

/* Brings the registration in line with the settings: start, stop, or
 * restart it with new parameters. */
static void
update_registration (SipSimpleAccount *self)
{
  g_autoptr (GError) error = NULL;

  if (!should_register (self))
    {
      cancel_retry (self);
      if (self->registration != NULL)
        sip_simple_registration_stop (self->registration);
      return;
    }
  if (self->retry_source != 0)
    return; /* a retry is scheduled */

  if (self->registration == NULL)
    {
      self->registration = create_registration (self, &error);
      if (self->registration == NULL)
        {
          g_signal_emit (self, signals[SIGNAL_REGISTRATION_FAILED], 0, 0, error->message, FALSE);
          return;
        }
    }
  if (!sip_simple_registration_start (self->registration, &error))
    g_signal_emit (self, signals[SIGNAL_REGISTRATION_FAILED], 0, 0, error->message, FALSE);
}

/* Settings that change the REGISTER itself: re-register from scratch. */
static void
restart_registration (SipSimpleAccount *self)
{
  if (self->registration != NULL)
    {
      SipSimpleRegistration *old = g_steal_pointer (&self->registration);
      g_signal_handlers_disconnect_by_data (old, self);
      sip_simple_registration_stop (old);
      /* the old binding is removed in the background */
      g_object_unref (old);
    }
  self->retry_count = 0;
  cancel_retry (self);
  update_registration (self);
}

void
sip_simple_account_attach (SipSimpleAccount *self, SipSimpleEngine *engine)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  g_set_object (&self->engine, engine);
  g_clear_object (&self->registration);
  update_registration (self);
}

static gboolean
detach_timeout_cb (gpointer data)
{
  SipSimpleAccount *self = data;

  self->detach_timeout = 0;
  g_debug ("Unregistering %s timed out", self->id);
  finish_detach (self);
  return G_SOURCE_REMOVE;
}

void
sip_simple_account_detach_async (SipSimpleAccount   *self,
                                 guint               timeout_ms,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sip_simple_account_detach_async);
  cancel_retry (self);

  if (self->detach_task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  self->detach_task = task;
  if (self->registration != NULL
      && (sip_simple_registration_get_state (self->registration)
            == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED
          || sip_simple_registration_get_state (self->registration)
               == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING
          || sip_simple_registration_get_state (self->registration)
               == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING))
    {
      sip_simple_registration_stop (self->registration);
      self->detach_timeout = g_timeout_add (timeout_ms, detach_timeout_cb, self);
      return;
    }
  finish_detach (self);
}

void
sip_simple_account_detach_finish (SipSimpleAccount *self, GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

const char *
sip_simple_account_get_contact_user (SipSimpleAccount *self)
{
  const char *user = sip_simple_uri_get_user (self->uri);
  return user ? user : "sipsimple";
}

SipSimpleEngine *
sip_simple_account_get_engine (SipSimpleAccount *self)
{
  return self->engine;
}

gboolean
sip_simple_account_prepare_invitation (SipSimpleAccount    *self,
                                       SipSimpleInvitation *invitation,
                                       GError             **error)
{
  sip_simple_invitation_set_credentials (invitation,
                                         self->auth_username ? self->auth_username
                                                             : sip_simple_uri_get_user (self->uri),
                                         self->password);
  sip_simple_invitation_set_contact_user (invitation, sip_simple_account_get_contact_user (self));
  if (self->outbound_proxy != NULL && *self->outbound_proxy != '\0')
    {
      g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse (self->outbound_proxy, error);
      if (proxy == NULL)
        return FALSE;
      sip_simple_invitation_set_outbound_proxy (invitation, proxy);
    }
  return TRUE;
}

void
sip_simple_account_deliver_message (SipSimpleAccount *self, SipSimpleMessage *message)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE_RECEIVED], 0, message);
}

/* ---- messages ---------------------------------------------------------- */

/**
 * sip_simple_account_resolve_target:
 * @self: an account
 * @target: a SIP URI, `user@domain`, or a bare user name (taken to be in
 *   the account's domain)
 * @error: return location for a #GError
 *
 * Turns what a user typed into a SIP URI, the way the command-line tools
 * do.
 *
 * Returns: (transfer full): the URI, or %NULL with a
 *   %SIP_SIMPLE_PARSE_ERROR
 */
SipSimpleUri *
sip_simple_account_resolve_target (SipSimpleAccount *self, const char *target, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (g_str_has_prefix (target, "sip:") || g_str_has_prefix (target, "sips:")
      || g_str_has_prefix (target, "tel:"))
    text = g_strdup (target);
  else if (strchr (target, '@') != NULL)
    text = g_strconcat ("sip:", target, NULL);
  else
    text = g_strdup_printf ("sip:%s@%s", target, sip_simple_uri_get_host (self->uri));
  return sip_simple_uri_parse (text, error);
}

static void
message_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (sip_simple_message_send_finish (SIP_SIMPLE_MESSAGE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * sip_simple_account_send_message_async:
 * @self: an account
 * @to: the recipient: a SIP URI, `user@domain` or a user of the account's domain
 * @content_type: the MIME type of @body
 * @body: the content
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the final answer
 * @user_data: data for @callback
 *
 * Sends a SIP MESSAGE from this account (its identity, credentials and
 * outbound proxy), wrapped in CPIM if [property@SipSimple.Account:use-cpim]
 * is set. The application must be running.
 */
void
sip_simple_account_send_message_async (SipSimpleAccount   *self,
                                       const char         *to,
                                       const char         *content_type,
                                       GBytes             *body,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleUri) to_uri = NULL;
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleNameAddr) to_na = NULL;
  g_autoptr (SipSimpleMessage) message = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_return_if_fail (to != NULL && content_type != NULL && body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_account_send_message_async);

  if (self->engine == NULL)
    {
      g_task_return_new_error (task, SIP_SIMPLE_APPLICATION_ERROR,
                               SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING,
                               "The account %s is not active: start the application and "
                               "add the account first", self->id);
      return;
    }
  to_uri = sip_simple_account_resolve_target (self, to, &error);
  if (to_uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  from = sip_simple_name_addr_new (self->display_name, self->uri);
  to_na = sip_simple_name_addr_new (NULL, to_uri);
  message = sip_simple_message_new (from, to_na, content_type, body);
  sip_simple_message_set_credentials (message,
                                      self->auth_username ? self->auth_username
                                                          : sip_simple_uri_get_user (self->uri),
                                      self->password);
  sip_simple_message_set_use_cpim (message, self->use_cpim);
  if (self->outbound_proxy != NULL && *self->outbound_proxy != '\0')
    {
      g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse (self->outbound_proxy, &error);
      if (proxy == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      sip_simple_message_set_outbound_proxy (message, proxy);
    }
  sip_simple_message_send_async (message, self->engine, cancellable, message_sent,
                                 g_steal_pointer (&task));
}

/**
 * sip_simple_account_send_message_finish:
 * @self: an account
 * @result: the result passed to the callback
 * @error: return location for a #GError; %SIP_SIMPLE_SIP_ERROR with the
 *   SIP status code when the message was refused
 *
 * Returns: %TRUE when the message got a 2xx answer
 */
gboolean
sip_simple_account_send_message_finish (SipSimpleAccount *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_account_send_text_async:
 * @self: an account
 * @to: the recipient
 * @text: UTF-8 text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the final answer
 * @user_data: data for @callback
 *
 * Sends @text as a `text/plain` SIP MESSAGE; see
 * [method@SipSimple.Account.send_message_async].
 */
void
sip_simple_account_send_text_async (SipSimpleAccount   *self,
                                    const char         *to,
                                    const char         *text,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GBytes) body = NULL;

  g_return_if_fail (text != NULL);
  body = g_bytes_new (text, strlen (text));
  sip_simple_account_send_message_async (self, to, "text/plain;charset=utf-8", body,
                                         cancellable, callback, user_data);
}

/**
 * sip_simple_account_send_text_finish:
 * @self: an account
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the message got a 2xx answer
 */
gboolean
sip_simple_account_send_text_finish (SipSimpleAccount *self, GAsyncResult *result, GError **error)
{
  return sip_simple_account_send_message_finish (self, result, error);
}

/* ---- properties -------------------------------------------------------- */

/**
 * sip_simple_account_new:
 * @id: the address-of-record: `user@domain` or `sip:user@domain`
 * @error: return location for a #GError
 *
 * Creates an account. Add it to the [class@SipSimple.AccountManager] to
 * persist it and to have it register.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL if @id is not
 *   a valid SIP address
 */
SipSimpleAccount *
sip_simple_account_new (const char *id, GError **error)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *aor = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  text = g_str_has_prefix (id, "sip:") || g_str_has_prefix (id, "sips:")
           ? g_strdup (id) : g_strconcat ("sip:", id, NULL);
  uri = sip_simple_uri_parse (text, error);
  if (uri == NULL)
    return NULL;
  if (sip_simple_uri_get_user (uri) == NULL || sip_simple_uri_get_port (uri) != 0)
    {
      g_set_error (error, SIP_SIMPLE_APPLICATION_ERROR, SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT,
                   "An account id is user@domain, not \"%s\"", id);
      return NULL;
    }
  aor = sip_simple_uri_get_aor (uri);
  return g_object_new (SIP_SIMPLE_TYPE_ACCOUNT, "id", aor, NULL);
}

/**
 * sip_simple_account_get_id:
 * @self: an account
 *
 * Returns: (transfer none): the account id, `user@domain`
 */
const char *
sip_simple_account_get_id (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->id;
}

/**
 * sip_simple_account_get_uri:
 * @self: an account
 *
 * Returns: (transfer none): the account's SIP URI, `sip:user@domain`
 */
SipSimpleUri *
sip_simple_account_get_uri (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->uri;
}

/**
 * sip_simple_account_get_enabled:
 * @self: an account
 *
 * Returns: whether the account is enabled
 */
gboolean
sip_simple_account_get_enabled (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), FALSE);
  return self->enabled;
}

/**
 * sip_simple_account_set_enabled:
 * @self: an account
 * @enabled: whether the account is used
 *
 * Enables or disables the account; disabling it unregisters it.
 */
void
sip_simple_account_set_enabled (SipSimpleAccount *self, gboolean enabled)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_object_set (self, "enabled", enabled, NULL);
}

/**
 * sip_simple_account_get_display_name:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): the display name
 */
const char *
sip_simple_account_get_display_name (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->display_name;
}

/**
 * sip_simple_account_set_display_name:
 * @self: an account
 * @display_name: (nullable): the name shown to others
 *
 * Sets the display name.
 */
void
sip_simple_account_set_display_name (SipSimpleAccount *self, const char *display_name)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_object_set (self, "display-name", display_name, NULL);
}

/**
 * sip_simple_account_set_password:
 * @self: an account
 * @password: (nullable): the password for digest authentication
 *
 * Sets the password (stored with the account's settings).
 */
void
sip_simple_account_set_password (SipSimpleAccount *self, const char *password)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_object_set (self, "password", password, NULL);
}

/**
 * sip_simple_account_get_outbound_proxy:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): the outbound proxy URI
 */
const char *
sip_simple_account_get_outbound_proxy (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->outbound_proxy;
}

/**
 * sip_simple_account_set_outbound_proxy:
 * @self: an account
 * @proxy: (nullable): a SIP URI such as `sip:proxy.example.com;transport=tls`,
 *   or %NULL to resolve the domain of each request (RFC 3263)
 * @error: return location for a #GError
 *
 * Sets the outbound proxy after checking that it is a valid SIP URI.
 *
 * Returns: %FALSE with a %SIP_SIMPLE_PARSE_ERROR if @proxy is not a SIP URI
 */
gboolean
sip_simple_account_set_outbound_proxy (SipSimpleAccount *self, const char *proxy, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), FALSE);
  if (proxy != NULL && *proxy != '\0')
    {
      g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (proxy, error);
      if (uri == NULL)
        return FALSE;
    }
  g_object_set (self, "outbound-proxy", proxy, NULL);
  return TRUE;
}

/**
 * sip_simple_account_get_registration_state:
 * @self: an account
 *
 * Returns: the state of the account's registration
 */
SipSimpleRegistrationState
sip_simple_account_get_registration_state (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), SIP_SIMPLE_REGISTRATION_STATE_IDLE);
  return self->registration ? sip_simple_registration_get_state (self->registration)
                            : SIP_SIMPLE_REGISTRATION_STATE_IDLE;
}

/**
 * sip_simple_account_get_contact:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): the registered contact, while registered
 */
const char *
sip_simple_account_get_contact (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->registration ? sip_simple_registration_get_contact (self->registration) : NULL;
}

static gboolean
set_str (char **field, const GValue *value)
{
  const char *v = g_value_get_string (value);
  if (v != NULL && *v == '\0')
    v = NULL;
  if (g_strcmp0 (*field, v) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (v);
  return TRUE;
}

static void
sip_simple_account_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);
  gboolean changed = FALSE;
  gboolean reregister = FALSE;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      return;
    case PROP_ENABLED:
      changed = self->enabled != g_value_get_boolean (value);
      self->enabled = g_value_get_boolean (value);
      if (changed)
        {
          self->retry_count = 0;
          cancel_retry (self);
          update_registration (self);
        }
      break;
    case PROP_DISPLAY_NAME:
      changed = reregister = set_str (&self->display_name, value);
      break;
    case PROP_PASSWORD:
      changed = reregister = set_str (&self->password, value);
      break;
    case PROP_AUTH_USERNAME:
      changed = reregister = set_str (&self->auth_username, value);
      break;
    case PROP_OUTBOUND_PROXY:
      changed = reregister = set_str (&self->outbound_proxy, value);
      break;
    case PROP_REGISTER:
      changed = self->do_register != g_value_get_boolean (value);
      self->do_register = g_value_get_boolean (value);
      if (changed)
        update_registration (self);
      break;
    case PROP_REGISTER_INTERVAL:
      changed = reregister = self->register_interval != g_value_get_uint (value);
      self->register_interval = g_value_get_uint (value);
      break;
    case PROP_USE_CPIM:
      changed = self->use_cpim != g_value_get_boolean (value);
      self->use_cpim = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
  if (reregister && self->registration != NULL)
    restart_registration (self);
}

static void
sip_simple_account_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URI:
      g_value_set_boxed (value, self->uri);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;
    case PROP_AUTH_USERNAME:
      g_value_set_string (value, self->auth_username);
      break;
    case PROP_OUTBOUND_PROXY:
      g_value_set_string (value, self->outbound_proxy);
      break;
    case PROP_REGISTER:
      g_value_set_boolean (value, self->do_register);
      break;
    case PROP_REGISTER_INTERVAL:
      g_value_set_uint (value, self->register_interval);
      break;
    case PROP_USE_CPIM:
      g_value_set_boolean (value, self->use_cpim);
      break;
    case PROP_REGISTRATION_STATE:
      g_value_set_enum (value, sip_simple_account_get_registration_state (self));
      break;
    case PROP_CONTACT:
      g_value_set_string (value, sip_simple_account_get_contact (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_account_constructed (GObject *object)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);
  g_autofree char *text = NULL;

  G_OBJECT_CLASS (sip_simple_account_parent_class)->constructed (object);
  text = g_strconcat ("sip:", self->id, NULL);
  self->uri = sip_simple_uri_parse (text, NULL);
  g_return_if_fail (self->uri != NULL);
}

static void
sip_simple_account_dispose (GObject *object)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);

  cancel_retry (self);
  g_clear_handle_id (&self->detach_timeout, g_source_remove);
  if (self->registration != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->registration, self);
      sip_simple_registration_stop (self->registration);
      g_clear_object (&self->registration);
    }
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (sip_simple_account_parent_class)->dispose (object);
}

static void
sip_simple_account_finalize (GObject *object)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);

  g_free (self->id);
  g_clear_pointer (&self->uri, sip_simple_uri_unref);
  g_free (self->display_name);
  g_free (self->password);
  g_free (self->auth_username);
  g_free (self->outbound_proxy);
  G_OBJECT_CLASS (sip_simple_account_parent_class)->finalize (object);
}

static void
sip_simple_account_class_init (SipSimpleAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags persist = rw | SIP_SIMPLE_PARAM_PERSISTENT;

  object_class->set_property = sip_simple_account_set_property;
  object_class->get_property = sip_simple_account_get_property;
  object_class->constructed = sip_simple_account_constructed;
  object_class->dispose = sip_simple_account_dispose;
  object_class->finalize = sip_simple_account_finalize;

  /**
   * SipSimpleAccount:id:
   *
   * The account id, `user@domain`: its address-of-record.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The account id (user@domain)", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:uri:
   *
   * The account's SIP URI.
   */
  properties[PROP_URI] =
    g_param_spec_boxed ("uri", NULL, "The account's SIP URI", SIP_SIMPLE_TYPE_URI,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:enabled:
   *
   * Whether the account is used: registers, receives messages.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, "Whether the account is used", TRUE, persist);
  /**
   * SipSimpleAccount:display-name:
   *
   * The name shown to others in From headers.
   */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, "The display name", NULL, persist);
  /**
   * SipSimpleAccount:password:
   *
   * The password for digest authentication. It is stored in clear in the
   * application's storage.
   */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, "The digest password", NULL, persist);
  /**
   * SipSimpleAccount:auth-username:
   *
   * The digest user name, when it differs from the user part of the id.
   */
  properties[PROP_AUTH_USERNAME] =
    g_param_spec_string ("auth-username", NULL, "The digest user name", NULL, persist);
  /**
   * SipSimpleAccount:outbound-proxy:
   *
   * A SIP URI where every request of the account goes first, such as
   * `sip:proxy.example.com;transport=tcp`; unset to locate servers with
   * DNS (RFC 3263).
   */
  properties[PROP_OUTBOUND_PROXY] =
    g_param_spec_string ("outbound-proxy", NULL, "The outbound proxy URI", NULL, persist);
  /**
   * SipSimpleAccount:register:
   *
   * Whether the enabled account registers with its registrar.
   */
  properties[PROP_REGISTER] =
    g_param_spec_boolean ("register", NULL, "Whether to register", TRUE, persist);
  /**
   * SipSimpleAccount:register-interval:
   *
   * The registration lifetime asked for, in seconds.
   */
  properties[PROP_REGISTER_INTERVAL] =
    g_param_spec_uint ("register-interval", NULL, "The requested registration lifetime (s)",
                       1, G_MAXUINT32, 600, persist);
  /**
   * SipSimpleAccount:use-cpim:
   *
   * Whether messages are sent wrapped in `message/cpim` (RFC 3862).
   */
  properties[PROP_USE_CPIM] =
    g_param_spec_boolean ("use-cpim", NULL, "Send messages as message/cpim", FALSE, persist);
  /**
   * SipSimpleAccount:registration-state:
   *
   * The state of the account's registration.
   */
  properties[PROP_REGISTRATION_STATE] =
    g_param_spec_enum ("registration-state", NULL, "The registration state",
                       SIP_SIMPLE_TYPE_REGISTRATION_STATE, SIP_SIMPLE_REGISTRATION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:contact:
   *
   * The registered contact URI, while registered.
   */
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, "The registered contact", NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleAccount::registered:
   * @self: the account
   * @contact: the registered contact URI
   * @expires: the lifetime granted by the registrar, in seconds
   *
   * The registrar accepted the account's binding; emitted again on every
   * refresh.
   */
  signals[SIGNAL_REGISTERED] =
    g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  /**
   * SipSimpleAccount::registration-failed:
   * @self: the account
   * @code: the SIP status code (408 timeout, 503 unreachable), or 0 when
   *   the request could not be sent at all
   * @reason: what went wrong
   * @will_retry: whether the account retries by itself (with back-off);
   *   authentication and addressing errors are not retried
   *
   * Registering failed.
   */
  signals[SIGNAL_REGISTRATION_FAILED] =
    g_signal_new ("registration-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * SipSimpleAccount::unregistered:
   * @self: the account
   *
   * The account's binding was removed (disabled, application stopped).
   */
  signals[SIGNAL_UNREGISTERED] =
    g_signal_new ("unregistered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleAccount::message-received:
   * @self: the account
   * @message: the message (sender, content type, body, date)
   *
   * A SIP MESSAGE addressed to this account arrived (it was answered 200).
   */
  signals[SIGNAL_MESSAGE_RECEIVED] =
    g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_MESSAGE);
}

static void
sip_simple_account_init (SipSimpleAccount *self)
{
  self->enabled = TRUE;
  self->do_register = TRUE;
  self->register_interval = 600;
}
