/* libsipsimple - SipSimpleApplication: starts and stops the SDK's parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/application.h>
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/session-manager.h>
#include <sipsimple/app/settings.h>
#include <sipsimple/app/storage.h>
#include <sipsimple/engine/engine.h>
#include "account-manager-private.h"
#include "config-binding-private.h"
#include "session-manager-private.h"

/**
 * SipSimpleApplication:
 *
 * The top of the middleware: it loads the configuration from a
 * [iface@SipSimple.Storage], starts the SIP [class@SipSimple.Engine] with
 * the [class@SipSimple.Settings], and lets the accounts of its
 * [class@SipSimple.AccountManager] register. Everything runs in the
 * thread-default main context of the thread that calls
 * [method@SipSimple.Application.start_async].
 *
 * Several applications may run in one process, each on the thread-default
 * main context of the thread that started it, each with its own storage,
 * settings, engine and accounts: nothing in the SDK is process-global.
 * Stopping one unregisters the accounts (waiting a few seconds at most for the
 * registrars) and shuts the engine down; #SipSimpleApplication::stopped
 * says when that is done.
 *
 * ```python
 * app = SipSimple.Application.new()
 * app.connect("started", lambda app: print("running"))
 * app.start_async(SipSimple.FileStorage.new("config"), None, None)
 * ```
 *
 * Since: 0.1
 */

#define UNREGISTER_TIMEOUT_MS 5000
#define SESSION_END_TIMEOUT_MS 5000

struct _SipSimpleApplication
{
  GObject parent_instance;

  SipSimpleApplicationState state;
  SipSimpleStorage        *storage;
  SipSimpleSettings       *settings;
  SipSimpleEngine         *engine;
  SipSimpleAccountManager *account_manager;
  SipSimpleSessionManager *session_manager;
  GTask                   *start_task;
  GTask                   *stop_task;
  GPtrArray               *bindings;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_STORAGE,
  PROP_SETTINGS,
  PROP_ENGINE,
  PROP_ACCOUNT_MANAGER,
  PROP_SESSION_MANAGER,
  N_PROPS
};

enum {
  SIGNAL_WILL_START,
  SIGNAL_STARTED,
  SIGNAL_STOPPED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


G_DEFINE_FINAL_TYPE (SipSimpleApplication, sip_simple_application, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleApplicationState, sip_simple_application_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_STATE_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_STATE_STOPPING, "stopping"))

static void
set_state (SipSimpleApplication *self, SipSimpleApplicationState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}


/**
 * sip_simple_application_new:
 *
 * Creates a new, stopped application.
 *
 * Returns: (transfer full): a new, stopped application
 *
 * Since: 0.1
 */
SipSimpleApplication *
sip_simple_application_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_APPLICATION, NULL);
}

static void
unbind_settings (SipSimpleApplication *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
bind_settings (SipSimpleApplication *self)
{
  static const char *const props[] = {
    "user-agent", "ip-address", "port", "tls-port", "transports", "tls-certificate-file",
    "tls-private-key-file", "tls-ca-file", "tls-verify-server", "sip-trace",
  };

  unbind_settings (self);
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      GBinding *b = g_object_bind_property (self->settings, props[i], self->engine, props[i],
                                            G_BINDING_SYNC_CREATE);
      g_ptr_array_add (self->bindings, g_object_ref (b));
    }
}

static void
start_failed (SipSimpleApplication *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->start_task);

  unbind_settings (self);
  g_clear_object (&self->engine);
  set_state (self, SIP_SIMPLE_APPLICATION_STATE_STOPPED);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
engine_started (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleApplication) self = user_data;
  GError *error = NULL;
  GTask *task;

  if (!sip_simple_engine_start_finish (SIP_SIMPLE_ENGINE (source), result, &error))
    {
      if (self->start_task != NULL)
        start_failed (self, error);
      else
        g_error_free (error);
      return;
    }
  if (self->start_task == NULL)
    return;

  sip_simple_account_manager_start (self->account_manager, self->engine);
  g_clear_object (&self->session_manager);
  self->session_manager = sip_simple_session_manager_new (self->account_manager);
  sip_simple_session_manager_start (self->session_manager, self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_MANAGER]);
  set_state (self, SIP_SIMPLE_APPLICATION_STATE_RUNNING);
  task = g_steal_pointer (&self->start_task);
  g_signal_emit (self, signals[SIGNAL_STARTED], 0);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * sip_simple_application_start_async:
 * @self: an application
 * @storage: where the settings and accounts are kept, e.g. a
 *   [class@SipSimple.FileStorage]
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the application runs or failed to start
 * @user_data: data for @callback
 *
 * Loads the configuration from @storage and starts the engine; enabled
 * accounts then start registering. Emits #SipSimpleApplication::started
 * or #SipSimpleApplication::failed. A configuration that can't be read is
 * an error naming the file, the line or the setting; a transport that
 * can't be bound names the address and port.
 *
 * Since: 0.1
 */
void
sip_simple_application_start_async (SipSimpleApplication *self,
                                    SipSimpleStorage     *storage,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_APPLICATION (self));
  g_return_if_fail (SIP_SIMPLE_IS_STORAGE (storage));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_application_start_async);

  if (self->state != SIP_SIMPLE_APPLICATION_STATE_STOPPED)
    {
      g_task_return_new_error (task, SIP_SIMPLE_APPLICATION_ERROR,
                               SIP_SIMPLE_APPLICATION_ERROR_ALREADY_RUNNING,
                               "The application is already started");
      return;
    }
  set_state (self, SIP_SIMPLE_APPLICATION_STATE_STARTING);
  self->start_task = g_steal_pointer (&task);

  if (self->storage != storage)
    {
      /* A new storage: the settings are loaded from it (values set before
       * the first start stay unless the storage has its own), the accounts
       * are those of the storage. */
      g_set_object (&self->storage, storage);
      sip_simple_config_unbind (G_OBJECT (self->settings));
      g_clear_object (&self->account_manager);
      self->account_manager = sip_simple_account_manager_new ();
      sip_simple_account_manager_set_application (self->account_manager, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_MANAGER]);

      if (!sip_simple_storage_load (storage, &error)
          || !sip_simple_settings_bind_storage (self->settings, storage, &error)
          || !sip_simple_account_manager_load (self->account_manager, storage, &error))
        {
          g_clear_object (&self->storage);
          start_failed (self, error);
          return;
        }
    }

  self->engine = sip_simple_engine_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
  bind_settings (self);
  g_signal_emit (self, signals[SIGNAL_WILL_START], 0);
  if (self->start_task == NULL)
    return; /* stopped from a handler */
  sip_simple_engine_start_async (self->engine, cancellable, engine_started, g_object_ref (self));
}

/**
 * sip_simple_application_start_finish:
 * @self: an application
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Application.start_async].
 *
 * Returns: %TRUE if the application runs
 *
 * Since: 0.1
 */
gboolean
sip_simple_application_start_finish (SipSimpleApplication *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
engine_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleApplication) self = user_data;
  GTask *task;

  sip_simple_engine_stop_finish (SIP_SIMPLE_ENGINE (source), result, NULL);
  unbind_settings (self);
  g_clear_object (&self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
  set_state (self, SIP_SIMPLE_APPLICATION_STATE_STOPPED);
  task = g_steal_pointer (&self->stop_task);
  g_signal_emit (self, signals[SIGNAL_STOPPED], 0);
  if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void accounts_stopped (GObject *source, GAsyncResult *result, gpointer user_data);

static void
sessions_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SipSimpleApplication *self = user_data;

  sip_simple_session_manager_stop_finish (SIP_SIMPLE_SESSION_MANAGER (source), result);
  sip_simple_account_manager_stop_async (self->account_manager, UNREGISTER_TIMEOUT_MS,
                                         accounts_stopped, self);
}

static void
accounts_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SipSimpleApplication *self = user_data;

  sip_simple_account_manager_stop_finish (SIP_SIMPLE_ACCOUNT_MANAGER (source), result);
  sip_simple_engine_stop_async (self->engine, NULL, engine_stopped, self);
}

/**
 * sip_simple_application_stop_async:
 * @self: an application
 * @cancellable: (nullable): a #GCancellable (unused for now)
 * @callback: called when everything is stopped
 * @user_data: data for @callback
 *
 * Unregisters the accounts and stops the engine; emits
 * #SipSimpleApplication::stopped when done. Stopping a stopped application
 * completes at once.
 *
 * Since: 0.1
 */
void
sip_simple_application_stop_async (SipSimpleApplication *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_APPLICATION (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_application_stop_async);

  switch (self->state)
    {
    case SIP_SIMPLE_APPLICATION_STATE_STOPPED:
      g_task_return_boolean (task, TRUE);
      return;
    case SIP_SIMPLE_APPLICATION_STATE_STOPPING:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The application is already stopping");
      return;
    case SIP_SIMPLE_APPLICATION_STATE_STARTING:
      if (self->start_task != NULL)
        {
          GTask *st = g_steal_pointer (&self->start_task);
          g_task_return_new_error (st, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "The application was stopped while starting");
          g_object_unref (st);
        }
      break;
    case SIP_SIMPLE_APPLICATION_STATE_RUNNING:
      break;
    }

  set_state (self, SIP_SIMPLE_APPLICATION_STATE_STOPPING);
  self->stop_task = g_steal_pointer (&task);
  /* sessions end first (BYE), then accounts unregister, then the engine */
  if (self->session_manager != NULL)
    sip_simple_session_manager_stop_async (self->session_manager, SESSION_END_TIMEOUT_MS,
                                           sessions_stopped, g_object_ref (self));
  else
    sip_simple_account_manager_stop_async (self->account_manager, UNREGISTER_TIMEOUT_MS,
                                           accounts_stopped, g_object_ref (self));
}

/**
 * sip_simple_application_stop_finish:
 * @self: an application
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Application.stop_async].
 *
 * Returns: %TRUE when stopped
 *
 * Since: 0.1
 */
gboolean
sip_simple_application_stop_finish (SipSimpleApplication *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_application_get_state:
 * @self: an application
 *
 * Gets the application's state.
 *
 * Returns: the state
 *
 * Since: 0.1
 */
SipSimpleApplicationState
sip_simple_application_get_state (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), SIP_SIMPLE_APPLICATION_STATE_STOPPED);
  return self->state;
}

/**
 * sip_simple_application_get_storage:
 * @self: an application
 *
 * Gets the storage given to start.
 *
 * Returns: (transfer none) (nullable): the storage given to start
 *
 * Since: 0.1
 */
SipSimpleStorage *
sip_simple_application_get_storage (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), NULL);
  return self->storage;
}

/**
 * sip_simple_application_get_settings:
 * @self: an application
 *
 * The application-wide settings; changes are saved in the storage. Most
 * take effect at the next start.
 *
 * Returns: (transfer none): the settings
 *
 * Since: 0.1
 */
SipSimpleSettings *
sip_simple_application_get_settings (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * sip_simple_application_get_engine:
 * @self: an application
 *
 * Gets the engine, while started.
 *
 * Returns: (transfer none) (nullable): the engine, while started
 *
 * Since: 0.1
 */
SipSimpleEngine *
sip_simple_application_get_engine (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), NULL);
  return self->engine;
}

/**
 * sip_simple_application_get_session_manager:
 * @self: an application
 *
 * Gets the session manager, once started.
 *
 * Returns: (transfer none) (nullable): the sessions, once started
 *
 * Since: 0.1
 */
SipSimpleSessionManager *
sip_simple_application_get_session_manager (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), NULL);
  return self->session_manager;
}

/**
 * sip_simple_application_get_account_manager:
 * @self: an application
 *
 * Gets the account manager, which holds the accounts.
 *
 * Returns: (transfer none): the accounts
 *
 * Since: 0.1
 */
SipSimpleAccountManager *
sip_simple_application_get_account_manager (SipSimpleApplication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_APPLICATION (self), NULL);
  return self->account_manager;
}

static void
sip_simple_application_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SipSimpleApplication *self = SIP_SIMPLE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STORAGE:
      g_value_set_object (value, self->storage);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_ACCOUNT_MANAGER:
      g_value_set_object (value, self->account_manager);
      break;
    case PROP_SESSION_MANAGER:
      g_value_set_object (value, self->session_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_application_dispose (GObject *object)
{
  SipSimpleApplication *self = SIP_SIMPLE_APPLICATION (object);

  unbind_settings (self);
  g_clear_object (&self->session_manager);
  g_clear_object (&self->account_manager);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (sip_simple_application_parent_class)->dispose (object);
}

static void
sip_simple_application_finalize (GObject *object)
{
  SipSimpleApplication *self = SIP_SIMPLE_APPLICATION (object);

  g_ptr_array_unref (self->bindings);
  G_OBJECT_CLASS (sip_simple_application_parent_class)->finalize (object);
}

static void
sip_simple_application_class_init (SipSimpleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sip_simple_application_get_property;
  object_class->dispose = sip_simple_application_dispose;
  object_class->finalize = sip_simple_application_finalize;

  /**
   * SipSimpleApplication:state:
   *
   * The application's state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The application state", SIP_SIMPLE_TYPE_APPLICATION_STATE,
                       SIP_SIMPLE_APPLICATION_STATE_STOPPED, ro);
  /**
   * SipSimpleApplication:storage:
   *
   * The storage of settings and accounts.
   */
  properties[PROP_STORAGE] =
    g_param_spec_object ("storage", NULL, "The storage", SIP_SIMPLE_TYPE_STORAGE, ro);
  /**
   * SipSimpleApplication:settings:
   *
   * The application-wide settings.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, "The settings", SIP_SIMPLE_TYPE_SETTINGS, ro);
  /**
   * SipSimpleApplication:engine:
   *
   * The SIP engine, while started.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, "The SIP engine", SIP_SIMPLE_TYPE_ENGINE, ro);
  /**
   * SipSimpleApplication:account-manager:
   *
   * The accounts.
   */
  properties[PROP_ACCOUNT_MANAGER] =
    g_param_spec_object ("account-manager", NULL, "The accounts",
                         SIP_SIMPLE_TYPE_ACCOUNT_MANAGER, ro);
  /**
   * SipSimpleApplication:session-manager:
   *
   * The sessions, while started.
   */
  properties[PROP_SESSION_MANAGER] =
    g_param_spec_object ("session-manager", NULL, "The sessions",
                         SIP_SIMPLE_TYPE_SESSION_MANAGER, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleApplication::will-start:
   * @self: the application
   *
   * The configuration is loaded and the engine is created but not started:
   * the last moment to adjust the engine (for example its address) for
   * this run without changing the stored settings.
   */
  signals[SIGNAL_WILL_START] =
    g_signal_new ("will-start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * SipSimpleApplication::started:
   * @self: the application
   *
   * Everything is running (accounts may still be registering).
   */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * SipSimpleApplication::stopped:
   * @self: the application
   *
   * Everything is stopped.
   */
  signals[SIGNAL_STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * SipSimpleApplication::failed:
   * @self: the application
   * @error: what went wrong
   *
   * Starting failed; the application is stopped and can be started again.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sip_simple_application_init (SipSimpleApplication *self)
{
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->account_manager = sip_simple_account_manager_new ();
  sip_simple_account_manager_set_application (self->account_manager, self);
  self->settings = sip_simple_settings_new ();
}
