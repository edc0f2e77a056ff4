/* libsipsimple - SipSimpleAccountManager: the application's accounts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/storage.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/message.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/sip/uri.h>
#include "account-manager-private.h"
#include "account-private.h"
#include "config-binding-private.h"
#include "engine/engine-internal.h"
#include "engine/message-internal.h"

/**
 * SipSimpleAccountManager:
 *
 * The accounts of the [class@SipSimple.Application], loaded from its
 * storage when it starts, as a [iface@Gio.ListModel] of
 * [class@SipSimple.Account] (bind it to a list widget directly).
 *
 * Adding an account stores it and, while the application runs, registers
 * it if enabled; removing it unregisters it and deletes its settings.
 * Incoming SIP MESSAGEs are delivered to the account they are addressed to.
 *
 * Since: 0.1
 */

#define ACCOUNTS_GROUP "accounts"
#define DEFAULT_KEY "default-account"

struct _SipSimpleAccountManager
{
  GObject parent_instance;

  GPtrArray        *accounts;
  SipSimpleApplication *application;    /* weak: the application owns us */
  SipSimpleStorage *storage;
  SipSimpleEngine  *engine;
  guint             message_handler;
  guint             notify_handler;
  char             *default_id;
};

enum {
  PROP_0,
  PROP_DEFAULT_ACCOUNT,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  SIGNAL_ACCOUNT_ADDED,
  SIGNAL_ACCOUNT_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleAccountManager, sip_simple_account_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return SIP_SIMPLE_TYPE_ACCOUNT;
}

static guint
list_get_n_items (GListModel *model)
{
  return SIP_SIMPLE_ACCOUNT_MANAGER (model)->accounts->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  SipSimpleAccountManager *self = SIP_SIMPLE_ACCOUNT_MANAGER (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/**
 * sip_simple_account_manager_new:
 *
 * Creates an empty manager. The [class@SipSimple.Application] has one; use
 * [method@SipSimple.Application.get_account_manager].
 *
 * Returns: (transfer full): a new account manager
 *
 * Since: 0.1
 */
SipSimpleAccountManager *
sip_simple_account_manager_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_ACCOUNT_MANAGER, NULL);
}

void
sip_simple_account_manager_set_application (SipSimpleAccountManager *self, SipSimpleApplication *app)
{
  g_set_weak_pointer (&self->application, app);
}

SipSimpleApplication *
sip_simple_account_manager_get_application (SipSimpleAccountManager *self)
{
  return self->application;
}

static gboolean
bind_account (SipSimpleAccountManager *self, SipSimpleAccount *account, gboolean save,
              GError **error)
{
  g_autofree char *group = NULL;

  if (self->storage == NULL)
    return TRUE;
  group = sip_simple_account_storage_group (sip_simple_account_get_id (account));
  if (!sip_simple_config_bind (G_OBJECT (account), self->storage, group, error))
    return FALSE;
  if (save && !sip_simple_config_save_all (G_OBJECT (account), error))
    {
      sip_simple_config_unbind (G_OBJECT (account));
      return FALSE;
    }
  return TRUE;
}

static void
append_account (SipSimpleAccountManager *self, SipSimpleAccount *account)
{
  g_ptr_array_add (self->accounts, g_object_ref (account));
  sip_simple_account_set_manager (account, self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (self->engine != NULL)
    sip_simple_account_attach (account, self->engine);
  g_signal_emit (self, signals[SIGNAL_ACCOUNT_ADDED], 0, account);
  if (self->default_id == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
}

/**
 * sip_simple_account_manager_load:
 * @self: an account manager
 * @storage: where the accounts are kept
 * @error: return location for a #GError
 *
 * Loads the accounts saved in @storage; accounts added afterwards are saved
 * there. The application calls this when it starts.
 *
 * Returns: %FALSE if an account's settings could not be read (the error
 *   names the account and the setting)
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_manager_load (SipSimpleAccountManager *self,
                                 SipSimpleStorage        *storage,
                                 GError                 **error)
{
  g_auto (GStrv) groups = NULL;
  g_autoptr (GVariant) def = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (storage), FALSE);

  g_set_object (&self->storage, storage);
  groups = sip_simple_storage_list_groups (storage);
  for (char **g = groups; g && *g; g++)
    {
      g_autoptr (SipSimpleAccount) account = NULL;
      const char *id;

      if (!g_str_has_prefix (*g, "account "))
        continue;
      id = *g + strlen ("account ");
      if (sip_simple_account_manager_find (self, id) != NULL)
        continue;
      account = sip_simple_account_new (id, error);
      if (account == NULL)
        {
          g_prefix_error (error, "Stored account \"%s\": ", id);
          return FALSE;
        }
      if (!bind_account (self, account, FALSE, error))
        {
          g_prefix_error (error, "Stored account \"%s\": ", id);
          return FALSE;
        }
      append_account (self, account);
    }

  def = sip_simple_storage_get (storage, ACCOUNTS_GROUP, DEFAULT_KEY);
  if (def != NULL && g_variant_is_of_type (def, G_VARIANT_TYPE_STRING))
    {
      g_free (self->default_id);
      self->default_id = g_variant_dup_string (def, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
    }
  return TRUE;
}

/**
 * sip_simple_account_manager_add:
 * @self: an account manager
 * @account: an account not yet in a manager
 * @error: return location for a #GError
 *
 * Adds @account, saves its settings and, if the application runs and the
 * account is enabled, registers it.
 *
 * Returns: %FALSE with %SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_EXISTS if an
 *   account with the same id exists, or a storage error
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_manager_add (SipSimpleAccountManager *self,
                                SipSimpleAccount        *account,
                                GError                 **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (account), FALSE);

  /* an account made without its GInitable step may have a wrong id */
  if (!g_initable_init (G_INITABLE (account), NULL, error))
    return FALSE;
  if (sip_simple_account_manager_find (self, sip_simple_account_get_id (account)) != NULL)
    {
      g_set_error (error, SIP_SIMPLE_APPLICATION_ERROR, SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_EXISTS,
                   "An account %s exists already", sip_simple_account_get_id (account));
      return FALSE;
    }
  if (!bind_account (self, account, TRUE, error))
    return FALSE;
  append_account (self, account);
  return TRUE;
}

static void
detached (GObject *source, GAsyncResult *result, gpointer user_data)
{
  sip_simple_account_detach_finish (SIP_SIMPLE_ACCOUNT (source), result);
}

/**
 * sip_simple_account_manager_remove:
 * @self: an account manager
 * @account: an account of this manager
 * @error: return location for a #GError
 *
 * Removes @account: it unregisters and its saved settings are deleted.
 *
 * Returns: %FALSE if the account is not in this manager or its settings
 *   could not be deleted
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_manager_remove (SipSimpleAccountManager *self,
                                   SipSimpleAccount        *account,
                                   GError                 **error)
{
  guint index;
  g_autofree char *group = NULL;
  gboolean was_default;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (account), FALSE);

  if (!g_ptr_array_find (self->accounts, account, &index))
    {
      g_set_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                   SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_NOT_FOUND,
                   "The account %s is not managed here", sip_simple_account_get_id (account));
      return FALSE;
    }

  g_object_ref (account);
  was_default = sip_simple_account_manager_get_default_account (self) == account;
  sip_simple_config_unbind (G_OBJECT (account));
  g_ptr_array_remove_index (self->accounts, index);
  sip_simple_account_set_manager (account, NULL);
  sip_simple_account_detach_async (account, 3000, detached, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[SIGNAL_ACCOUNT_REMOVED], 0, account);

  if (was_default)
    {
      g_clear_pointer (&self->default_id, g_free);
      if (self->storage != NULL)
        sip_simple_storage_remove_key (self->storage, ACCOUNTS_GROUP, DEFAULT_KEY, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
    }

  if (self->storage != NULL)
    {
      group = sip_simple_account_storage_group (sip_simple_account_get_id (account));
      if (!sip_simple_storage_remove_group (self->storage, group, error))
        {
          g_object_unref (account);
          return FALSE;
        }
    }
  g_object_unref (account);
  return TRUE;
}

/**
 * sip_simple_account_manager_find:
 * @self: an account manager
 * @id: an account id (`user@domain`, with or without `sip:`)
 *
 * Looks up an account by its id.
 *
 * Returns: (transfer none) (nullable): the account, or %NULL
 *
 * Since: 0.1
 */
SipSimpleAccount *
sip_simple_account_manager_find (SipSimpleAccountManager *self, const char *id)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_str_has_prefix (id, "sip:"))
    id += 4;
  for (guint i = 0; i < self->accounts->len; i++)
    {
      SipSimpleAccount *a = g_ptr_array_index (self->accounts, i);
      if (g_ascii_strcasecmp (sip_simple_account_get_id (a), id) == 0)
        return a;
    }
  return NULL;
}

/**
 * sip_simple_account_manager_get_default_account:
 * @self: an account manager
 *
 * The account chosen with
 * [method@SipSimple.AccountManager.set_default_account], else the first
 * enabled account.
 *
 * Returns: (transfer none) (nullable): the default account
 *
 * Since: 0.1
 */
SipSimpleAccount *
sip_simple_account_manager_get_default_account (SipSimpleAccountManager *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), NULL);

  if (self->default_id != NULL)
    {
      SipSimpleAccount *a = sip_simple_account_manager_find (self, self->default_id);
      if (a != NULL)
        return a;
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      SipSimpleAccount *a = g_ptr_array_index (self->accounts, i);
      if (sip_simple_account_get_enabled (a))
        return a;
    }
  return NULL;
}

/**
 * sip_simple_account_manager_set_default_account:
 * @self: an account manager
 * @account: (nullable): an account of this manager, or %NULL for the
 *   first enabled one
 * @error: return location for a #GError
 *
 * Chooses the default account (saved in the storage).
 *
 * Returns: %FALSE if @account is not managed here or saving failed
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_manager_set_default_account (SipSimpleAccountManager *self,
                                                SipSimpleAccount        *account,
                                                GError                 **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self), FALSE);

  if (account != NULL && !g_ptr_array_find (self->accounts, account, NULL))
    {
      g_set_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                   SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_NOT_FOUND,
                   "The account %s is not managed here", sip_simple_account_get_id (account));
      return FALSE;
    }
  g_free (self->default_id);
  self->default_id = account ? g_strdup (sip_simple_account_get_id (account)) : NULL;
  if (self->storage != NULL)
    {
      gboolean ok = account
                      ? sip_simple_storage_set (self->storage, ACCOUNTS_GROUP, DEFAULT_KEY,
                                                g_variant_new_string (self->default_id), error)
                      : sip_simple_storage_remove_key (self->storage, ACCOUNTS_GROUP, DEFAULT_KEY,
                                                       error);
      if (!ok)
        return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
  return TRUE;
}

/* ---- incoming MESSAGE -------------------------------------------------- */

SipSimpleAccount *
sip_simple_account_manager_account_for_request (SipSimpleAccountManager *self, const sip_t *sip)
{
  const char *ruri_user = sip->sip_request ? sip->sip_request->rq_url->url_user : NULL;
  const char *ruri_host = sip->sip_request ? sip->sip_request->rq_url->url_host : NULL;
  const char *to_host = sip->sip_to ? sip->sip_to->a_url->url_host : NULL;
  const char *to_user = sip->sip_to ? sip->sip_to->a_url->url_user : NULL;
  SipSimpleAccount *by_user = NULL;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      SipSimpleAccount *a = g_ptr_array_index (self->accounts, i);
      SipSimpleUri *uri = sip_simple_account_get_uri (a);
      const char *host = sip_simple_uri_get_host (uri);

      if (!sip_simple_account_get_enabled (a))
        continue;
      /* Addressed to the AOR (direct, or a proxy that keeps the R-URI) */
      if (g_strcmp0 (ruri_user, sip_simple_uri_get_user (uri)) == 0 && ruri_host
          && g_ascii_strcasecmp (ruri_host, host) == 0)
        return a;
      /* Routed to our registered contact: same contact user; the To header
       * tells which of the accounts with that user it was meant for. */
      if (g_strcmp0 (ruri_user, sip_simple_account_get_contact_user (a)) == 0)
        {
          if (to_host && g_ascii_strcasecmp (to_host, host) == 0
              && g_strcmp0 (to_user, sip_simple_uri_get_user (uri)) == 0)
            return a;
          if (by_user == NULL)
            by_user = a;
        }
    }
  return by_user;
}

/* Answers a request the manager took and lets its handle go: 200, or
 * with @error 400 and the error's text in a Warning header. */
static void
answer_request (SipSimpleAccountManager *self, const SipSimpleNuaEvent *ev, const GError *error)
{
  nua_t *nua = sip_simple_engine_get_nua (self->engine);

  if (error != NULL)
    {
      /* nua_respond() keeps the phrase pointer until the response is sent:
       * only a static phrase; the details go in a Warning header (copied). */
      g_autofree char *text = g_strdelimit (g_strdup (error->message), "\"\\\r\n", '\'');
      g_autofree char *warning = g_strdup_printf ("399 sipsimple \"%s\"", text);

      nua_respond (ev->nh, 400, "Bad Request", NUTAG_WITH_THIS (nua),
                   SIPTAG_WARNING_STR (warning), TAG_END ());
    }
  else
    nua_respond (ev->nh, 200, "OK", NUTAG_WITH_THIS (nua), TAG_END ());
  nua_handle_destroy (ev->nh);
}

static gboolean
on_incoming_message (gpointer user_data, const SipSimpleNuaEvent *ev)
{
  SipSimpleAccountManager *self = user_data;
  g_autoptr (SipSimpleMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  SipSimpleAccount *account;

  if (ev->sip == NULL)
    return FALSE;
  account = sip_simple_account_manager_account_for_request (self, ev->sip);
  if (account == NULL)
    return FALSE;

  message = sip_simple_message_new_from_request (ev->sip, &error);
  if (message == NULL)
    g_debug ("Rejecting a MESSAGE for %s: %s", sip_simple_account_get_id (account),
             error->message);
  answer_request (self, ev, error);
  if (message != NULL)
    sip_simple_account_deliver_message (account, message);
  return TRUE;
}

/* A NOTIFY outside any subscription: voicemail servers send message
 * summaries that way (RFC 3842 allows it). Anything else is left to the
 * engine, which answers 481. */
static gboolean
on_incoming_notify (gpointer user_data, const SipSimpleNuaEvent *ev)
{
  SipSimpleAccountManager *self = user_data;
  g_autoptr (SipSimpleMessageSummary) summary = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SipSimpleAccount *account;

  if (ev->sip == NULL || ev->sip->sip_event == NULL
      || g_strcmp0 (ev->sip->sip_event->o_type, "message-summary") != 0)
    return FALSE;
  account = sip_simple_account_manager_account_for_request (self, ev->sip);
  if (account == NULL)
    return FALSE;
  body = ev->sip->sip_payload ? g_bytes_new (ev->sip->sip_payload->pl_data, ev->sip->sip_payload->pl_len)
                              : g_bytes_new (NULL, 0);
  summary = sip_simple_message_summary_parse (body, &error);
  answer_request (self, ev, error);
  if (summary != NULL)
    sip_simple_account_deliver_message_summary (account, summary);
  return TRUE;
}

void
sip_simple_account_manager_start (SipSimpleAccountManager *self, SipSimpleEngine *engine)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT_MANAGER (self));

  g_set_object (&self->engine, engine);
  self->message_handler = sip_simple_engine_add_incoming_handler (engine, nua_i_message,
                                                                  on_incoming_message, self);
  self->notify_handler = sip_simple_engine_add_incoming_handler (engine, nua_i_notify,
                                                                 on_incoming_notify, self);
  for (guint i = 0; i < self->accounts->len; i++)
    sip_simple_account_attach (g_ptr_array_index (self->accounts, i), engine);
}

typedef struct {
  guint pending;
} StopData;

static void
account_detached (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  StopData *data = g_task_get_task_data (task);

  sip_simple_account_detach_finish (SIP_SIMPLE_ACCOUNT (source), result);
  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
sip_simple_account_manager_stop_async (SipSimpleAccountManager *self,
                                       guint                    timeout_ms,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, callback, user_data);
  StopData *data = g_new0 (StopData, 1);

  g_task_set_task_data (task, data, g_free);
  if (self->engine != NULL)
    {
      sip_simple_engine_remove_incoming_handler (self->engine, self->message_handler);
      sip_simple_engine_remove_incoming_handler (self->engine, self->notify_handler);
      self->message_handler = 0;
      self->notify_handler = 0;
      g_clear_object (&self->engine);
    }
  data->pending = 1;
  for (guint i = 0; i < self->accounts->len; i++)
    {
      data->pending++;
      sip_simple_account_detach_async (g_ptr_array_index (self->accounts, i), timeout_ms,
                                       account_detached, g_object_ref (task));
    }
  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

void
sip_simple_account_manager_stop_finish (SipSimpleAccountManager *self, GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
sip_simple_account_manager_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  SipSimpleAccountManager *self = SIP_SIMPLE_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DEFAULT_ACCOUNT:
      g_value_set_object (value, sip_simple_account_manager_get_default_account (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->accounts->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_account_manager_dispose (GObject *object)
{
  SipSimpleAccountManager *self = SIP_SIMPLE_ACCOUNT_MANAGER (object);

  if (self->engine != NULL && self->message_handler != 0)
    sip_simple_engine_remove_incoming_handler (self->engine, self->message_handler);
  if (self->engine != NULL && self->notify_handler != 0)
    sip_simple_engine_remove_incoming_handler (self->engine, self->notify_handler);
  self->message_handler = 0;
  self->notify_handler = 0;
  g_clear_object (&self->engine);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      sip_simple_config_unbind (g_ptr_array_index (self->accounts, i));
      sip_simple_account_set_manager (g_ptr_array_index (self->accounts, i), NULL);
    }
  g_ptr_array_set_size (self->accounts, 0);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (sip_simple_account_manager_parent_class)->dispose (object);
}

static void
sip_simple_account_manager_finalize (GObject *object)
{
  SipSimpleAccountManager *self = SIP_SIMPLE_ACCOUNT_MANAGER (object);

  g_ptr_array_unref (self->accounts);
  g_free (self->default_id);
  G_OBJECT_CLASS (sip_simple_account_manager_parent_class)->finalize (object);
}

static void
sip_simple_account_manager_class_init (SipSimpleAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sip_simple_account_manager_get_property;
  object_class->dispose = sip_simple_account_manager_dispose;
  object_class->finalize = sip_simple_account_manager_finalize;

  /**
   * SipSimpleAccountManager:default-account:
   *
   * The default account (see
   * [method@SipSimple.AccountManager.get_default_account]).
   */
  properties[PROP_DEFAULT_ACCOUNT] =
    g_param_spec_object ("default-account", NULL, "The default account", SIP_SIMPLE_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccountManager:n-items:
   *
   * The number of accounts.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, "The number of accounts", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleAccountManager::account-added:
   * @self: the manager
   * @account: the account
   *
   * An account was added (or loaded from storage).
   */
  signals[SIGNAL_ACCOUNT_ADDED] =
    g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_ACCOUNT);
  /**
   * SipSimpleAccountManager::account-removed:
   * @self: the manager
   * @account: the account
   *
   * An account was removed.
   */
  signals[SIGNAL_ACCOUNT_REMOVED] =
    g_signal_new ("account-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_ACCOUNT);
}

static void
sip_simple_account_manager_init (SipSimpleAccountManager *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}
