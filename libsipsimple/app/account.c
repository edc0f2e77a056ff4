/* libsipsimple - SipSimpleAccount: a SIP identity that registers and messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/account.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/buddy.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/engine/message.h>
#include <sipsimple/engine/registration.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/pres-rules.h>
#include <sipsimple/presence/watcher.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/streams/audio-stream.h>
#include "account-private.h"
#include "account-manager-private.h"
#include "account-presence-private.h"
#include "backoff-private.h"
#include "engine/context-source-internal.h"
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
 *
 * Presence: with [property@SipSimple.Account:presence-enabled] the account
 * publishes [property@SipSimple.Account:presence-status] and
 * [property@SipSimple.Account:presence-note] (changing them publishes
 * again), subscribes to the presence of its buddies
 * ([method@SipSimple.Account.get_buddies], kept in
 * [property@SipSimple.Account:buddy-list]) — through the resource list
 * server at [property@SipSimple.Account:rls-uri] when there is one, one
 * by one otherwise — and to its own watcher information
 * ([method@SipSimple.Account.get_watchers],
 * [signal@SipSimple.Account::new-watcher],
 * [signal@SipSimple.Account::pending-watcher]). With an
 * [property@SipSimple.Account:xcap-root] the buddy list lives on the XCAP
 * server too and [method@SipSimple.Account.set_watcher_policy_async]
 * edits the presence rules there. With
 * [property@SipSimple.Account:mwi-enabled] the account subscribes to its
 * voicemail's message summary ([property@SipSimple.Account:new-messages]).
 *
 * Since: 0.1
 */

/* registration retries: 2 s, 4 s, ... up to 5 minutes, spread by a quarter */
#define RETRY_MIN_SECONDS 2
#define RETRY_MAX_SECONDS 300
#define RETRY_MAX_DOUBLINGS 8
#define RETRY_SPREAD_PERCENT 25

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
  char        **audio_codecs;
  SipSimpleSrtpMode srtp;
  gboolean      ice;
  char         *stun_server;
  char         *msrp_relay;
  gboolean      presence_enabled;
  SipSimplePresenceStatus presence_status;
  char         *presence_note;
  char        **buddy_list;
  char         *rls_uri;
  char         *xcap_root;
  gboolean      mwi_enabled;
  char         *voicemail_uri;

  /* runtime */
  SipSimpleAccountManager *manager;     /* weak: the manager owns us */
  SipSimpleAccountPresence *presence;
  gboolean               buddy_list_from_server;
  SipSimpleMessageSummary *summary;
  guint                  detach_pending;
  SipSimpleEngine       *engine;
  SipSimpleRegistration *registration;
  SipSimpleBackoff       retry;
  GTask                 *detach_task;
  GSource               *detach_timeout;
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
  PROP_AUDIO_CODECS,
  PROP_SRTP,
  PROP_ICE,
  PROP_STUN_SERVER,
  PROP_MSRP_RELAY,
  PROP_PRESENCE_ENABLED,
  PROP_PRESENCE_STATUS,
  PROP_PRESENCE_NOTE,
  PROP_BUDDY_LIST,
  PROP_RLS_URI,
  PROP_XCAP_ROOT,
  PROP_MWI_ENABLED,
  PROP_VOICEMAIL_URI,
  PROP_REGISTRATION_STATE,
  PROP_CONTACT,
  PROP_PRESENCE_PUBLISHED,
  PROP_MESSAGES_WAITING,
  PROP_NEW_MESSAGES,
  PROP_OLD_MESSAGES,
  PROP_MESSAGE_SUMMARY,
  N_PROPS
};

enum {
  SIGNAL_REGISTERED,
  SIGNAL_REGISTRATION_FAILED,
  SIGNAL_UNREGISTERED,
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_NEW_WATCHER,
  SIGNAL_PENDING_WATCHER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleAccount, sip_simple_account, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

void
sip_simple_account_set_manager (SipSimpleAccount *self, SipSimpleAccountManager *manager)
{
  g_set_weak_pointer (&self->manager, manager);
}

SipSimpleAccountManager *
sip_simple_account_get_manager (SipSimpleAccount *self)
{
  return self->manager;
}

SipSimpleApplication *
sip_simple_account_get_application (SipSimpleAccount *self)
{
  return self->manager != NULL ? sip_simple_account_manager_get_application (self->manager) : NULL;
}

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
  sip_simple_backoff_clear (&self->retry);
}

static void
on_registered (SipSimpleRegistration *reg, const char *contact, guint expires, SipSimpleAccount *self)
{
  sip_simple_backoff_reset (&self->retry);
  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, contact, expires);
}

static void
on_registration_failed (SipSimpleRegistration *reg, guint code, const char *reason,
                        SipSimpleAccount *self)
{
  gboolean retry = !sip_simple_backoff_is_permanent (code) && should_register (self);

  cancel_retry (self);
  if (retry)
    {
      guint delay = sip_simple_backoff_retry (
        &self->retry, (SipSimpleBackoffFunc) update_registration, self);
      g_debug ("Registration of %s failed (%u %s); retrying in %u s", self->id, code, reason, delay);
    }
  g_signal_emit (self, signals[SIGNAL_REGISTRATION_FAILED], 0, code, reason, retry);
}

static void
finish_detach (SipSimpleAccount *self)
{
  GTask *task = g_steal_pointer (&self->detach_task);

  sip_simple_source_clear (&self->detach_timeout);
  self->detach_pending = 0;
  /* whatever presence work did not finish in time is dropped */
  sip_simple_account_presence_stop (self->presence);
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

/* One of the things detaching waits for (unregistration, the end of
 * presence) is over. */
static void
detach_part_done (SipSimpleAccount *self)
{
  if (self->detach_task != NULL && self->detach_pending > 0 && --self->detach_pending == 0)
    finish_detach (self);
}

static void
presence_detached (gpointer data)
{
  detach_part_done (SIP_SIMPLE_ACCOUNT (data));
}

static void
on_unregistered (SipSimpleRegistration *reg, SipSimpleAccount *self)
{
  g_signal_emit (self, signals[SIGNAL_UNREGISTERED], 0);
  if (self->detach_task != NULL && self->detach_pending > 0)
    detach_part_done (self);
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
      sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (reg), proxy);
    }
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (reg),
                                             sip_simple_account_get_auth_user (self),
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
  if (sip_simple_backoff_is_pending (&self->retry))
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
  sip_simple_backoff_reset (&self->retry);
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
  sip_simple_account_presence_attach (self->presence, engine);
}

static gboolean
detach_timeout_cb (gpointer data)
{
  SipSimpleAccount *self = data;

  sip_simple_source_clear (&self->detach_timeout);
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
  self->detach_pending = 2;     /* unregistration and presence */
  self->detach_timeout = sip_simple_timeout_attach (timeout_ms, detach_timeout_cb, self);
  if (self->registration != NULL
      && (sip_simple_registration_get_state (self->registration)
            == SIP_SIMPLE_REGISTRATION_STATE_REGISTERED
          || sip_simple_registration_get_state (self->registration)
               == SIP_SIMPLE_REGISTRATION_STATE_REGISTERING
          || sip_simple_registration_get_state (self->registration)
               == SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING))
    sip_simple_registration_stop (self->registration);
  else
    detach_part_done (self);
  if (self->detach_task != NULL)
    sip_simple_account_presence_detach (self->presence, G_CALLBACK (presence_detached), self);
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
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (invitation),
                                             sip_simple_account_get_auth_user (self),
                                             self->password);
  sip_simple_invitation_set_contact_user (invitation, sip_simple_account_get_contact_user (self));
  if (self->outbound_proxy != NULL && *self->outbound_proxy != '\0')
    {
      g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse (self->outbound_proxy, error);
      if (proxy == NULL)
        return FALSE;
      sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (invitation),
                                                    proxy);
    }
  return TRUE;
}

void
sip_simple_account_deliver_message (SipSimpleAccount *self, SipSimpleMessage *message)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE_RECEIVED], 0, message);
}

SipSimpleAccountPresence *
sip_simple_account_get_presence (SipSimpleAccount *self)
{
  return self->presence;
}

const char *
sip_simple_account_get_auth_user (SipSimpleAccount *self)
{
  return self->auth_username ? self->auth_username : sip_simple_uri_get_user (self->uri);
}

const char *
sip_simple_account_get_password (SipSimpleAccount *self)
{
  return self->password;
}

SipSimpleUri *
sip_simple_account_dup_outbound_proxy (SipSimpleAccount *self)
{
  if (self->outbound_proxy == NULL || *self->outbound_proxy == '\0')
    return NULL;
  return sip_simple_uri_parse (self->outbound_proxy, NULL);
}

void
sip_simple_account_set_buddy_list_from_server (SipSimpleAccount *self, const char *const *list)
{
  self->buddy_list_from_server = TRUE;
  g_object_set (self, "buddy-list", list, NULL);
  self->buddy_list_from_server = FALSE;
}

void
sip_simple_account_set_message_summary (SipSimpleAccount *self, SipSimpleMessageSummary *summary)
{
  gboolean waiting = sip_simple_account_get_messages_waiting (self);
  guint new_msgs = sip_simple_account_get_new_messages (self);
  guint old_msgs = sip_simple_account_get_old_messages (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->summary, summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_SUMMARY]);
  if (waiting != sip_simple_account_get_messages_waiting (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGES_WAITING]);
  if (new_msgs != sip_simple_account_get_new_messages (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_MESSAGES]);
  if (old_msgs != sip_simple_account_get_old_messages (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLD_MESSAGES]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sip_simple_account_emit_watcher (SipSimpleAccount *self, SipSimpleWatcher *watcher, gboolean is_new)
{
  g_signal_emit (self, signals[is_new ? SIGNAL_NEW_WATCHER : SIGNAL_PENDING_WATCHER], 0, watcher);
}

void
sip_simple_account_deliver_message_summary (SipSimpleAccount *self, SipSimpleMessageSummary *summary)
{
  sip_simple_account_presence_deliver_summary (self->presence, summary);
}

/* ---- presence ---------------------------------------------------------- */

/**
 * sip_simple_account_get_buddies:
 * @self: an account
 *
 * The buddy list with each buddy's presence, as a list model of
 * [class@SipSimple.Buddy] (bind it to a list view; the buddies' properties
 * notify). The list follows [property@SipSimple.Account:buddy-list].
 *
 * Returns: (transfer none): the buddies
 *
 * Since: 0.1
 */
GListModel *
sip_simple_account_get_buddies (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return sip_simple_account_presence_get_buddies (self->presence);
}

/**
 * sip_simple_account_find_buddy:
 * @self: an account
 * @uri: a buddy's address (SIP URI, `user@domain` or a user of the
 *   account's domain)
 *
 * Looks up a buddy of the account by its address.
 *
 * Returns: (transfer none) (nullable): the buddy, or %NULL
 *
 * Since: 0.1
 */
SipSimpleBuddy *
sip_simple_account_find_buddy (SipSimpleAccount *self, const char *uri)
{
  g_autoptr (SipSimpleUri) target = NULL;
  g_autofree char *text = NULL;
  GListModel *model;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  target = sip_simple_account_resolve_target (self, uri, NULL);
  if (target == NULL)
    return NULL;
  text = sip_simple_uri_to_string (target);
  model = sip_simple_account_presence_get_buddies (self->presence);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (model, i);
      if (g_strcmp0 (sip_simple_buddy_get_uri (b), text) == 0)
        return b;
    }
  return NULL;
}

/**
 * sip_simple_account_add_buddy:
 * @self: an account
 * @uri: the buddy's address (SIP URI, `user@domain` or a user of the
 *   account's domain)
 * @display_name: (nullable): the name to show
 * @error: return location for a #GError
 *
 * Adds a buddy, or renames one already on the list. The list is saved;
 * while presence runs the buddy's presence is subscribed to, and with an
 * XCAP server the server's list is updated.
 *
 * Returns: %FALSE with a %SIP_SIMPLE_PARSE_ERROR if @uri is not an address
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_add_buddy (SipSimpleAccount *self,
                              const char       *uri,
                              const char       *display_name,
                              GError          **error)
{
  g_autoptr (SipSimpleUri) target = NULL;
  g_autoptr (SipSimpleNameAddr) na = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *text = NULL;
  gboolean replaced = FALSE;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  target = sip_simple_account_resolve_target (self, uri, error);
  if (target == NULL)
    return FALSE;
  na = sip_simple_name_addr_new (display_name && *display_name ? display_name : NULL, target);
  entry = sip_simple_name_addr_to_string (na);
  text = sip_simple_uri_to_string (target);
  for (guint i = 0; self->buddy_list && self->buddy_list[i]; i++)
    {
      g_autoptr (SipSimpleNameAddr) old = sip_simple_name_addr_parse (self->buddy_list[i], NULL);
      g_autofree char *old_uri = old ? sip_simple_uri_to_string (sip_simple_name_addr_get_uri (old)) : NULL;
      if (g_strcmp0 (old_uri, text) == 0)
        {
          g_strv_builder_add (b, entry);
          replaced = TRUE;
        }
      else
        g_strv_builder_add (b, self->buddy_list[i]);
    }
  if (!replaced)
    g_strv_builder_add (b, entry);
  list = g_strv_builder_end (b);
  g_object_set (self, "buddy-list", list, NULL);
  return TRUE;
}

/**
 * sip_simple_account_remove_buddy:
 * @self: an account
 * @uri: the buddy's address
 *
 * Removes a buddy (and unsubscribes from its presence).
 *
 * Returns: whether the buddy was on the list
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_remove_buddy (SipSimpleAccount *self, const char *uri)
{
  g_autoptr (SipSimpleUri) target = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  target = sip_simple_account_resolve_target (self, uri, NULL);
  if (target == NULL)
    return FALSE;
  text = sip_simple_uri_to_string (target);
  for (guint i = 0; self->buddy_list && self->buddy_list[i]; i++)
    {
      g_autoptr (SipSimpleNameAddr) old = sip_simple_name_addr_parse (self->buddy_list[i], NULL);
      g_autofree char *old_uri = old ? sip_simple_uri_to_string (sip_simple_name_addr_get_uri (old)) : NULL;
      if (g_strcmp0 (old_uri, text) == 0)
        found = TRUE;
      else
        g_strv_builder_add (b, self->buddy_list[i]);
    }
  if (!found)
    return FALSE;
  list = g_strv_builder_end (b);
  g_object_set (self, "buddy-list", list, NULL);
  return TRUE;
}

/**
 * sip_simple_account_get_watchers:
 * @self: an account
 *
 * Who watches the account's presence, from its watcher-info subscription
 * (while presence runs): a list model of [class@SipSimple.Watcher], those
 * pending authorization included, ended subscriptions left out.
 *
 * Returns: (transfer none): the watchers
 *
 * Since: 0.1
 */
GListModel *
sip_simple_account_get_watchers (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return sip_simple_account_presence_get_watchers (self->presence);
}

/**
 * sip_simple_account_set_watcher_policy_async:
 * @self: an active account with an [property@SipSimple.Account:xcap-root]
 * @uri: the watcher's address
 * @policy: what to do with its subscriptions;
 *   %SIP_SIMPLE_WATCHER_POLICY_NONE removes the watcher's rule
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server stored the rules
 * @user_data: data for @callback
 *
 * Allows, blocks, politely blocks or asks about a watcher, by editing the
 * account's presence rules (pres-rules) on the XCAP server; the presence
 * server applies them to the watcher's subscriptions.
 *
 * Since: 0.1
 */
void
sip_simple_account_set_watcher_policy_async (SipSimpleAccount       *self,
                                             const char             *uri,
                                             SipSimpleWatcherPolicy  policy,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (SipSimpleUri) target = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_return_if_fail (uri != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_account_set_watcher_policy_async);
  target = sip_simple_account_resolve_target (self, uri, &error);
  if (target == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  text = sip_simple_uri_to_string (target);
  sip_simple_account_presence_set_policy_async (self->presence, text, policy, task);
}

/**
 * sip_simple_account_set_watcher_policy_finish:
 * @self: an account
 * @result: the result passed to the callback
 * @error: return location for a #GError: %SIP_SIMPLE_XCAP_ERROR from the
 *   server, %SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING without XCAP
 *
 * Finishes [method@SipSimple.Account.set_watcher_policy_async].
 *
 * Returns: %TRUE when the rules were stored
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_set_watcher_policy_finish (SipSimpleAccount *self,
                                              GAsyncResult     *result,
                                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_account_get_presence_status:
 * @self: an account
 *
 * Gets the status the account publishes.
 *
 * Returns: the status the account publishes
 *
 * Since: 0.1
 */
SipSimplePresenceStatus
sip_simple_account_get_presence_status (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), SIP_SIMPLE_PRESENCE_STATUS_OFFLINE);
  return self->presence_status;
}

/**
 * sip_simple_account_set_presence_status:
 * @self: an account
 * @status: the status to publish
 *
 * Sets [property@SipSimple.Account:presence-status]; published at once
 * while presence runs.
 *
 * Since: 0.1
 */
void
sip_simple_account_set_presence_status (SipSimpleAccount *self, SipSimplePresenceStatus status)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_object_set (self, "presence-status", status, NULL);
}

/**
 * sip_simple_account_get_presence_note:
 * @self: an account
 *
 * Gets the note the account publishes.
 *
 * Returns: (transfer none) (nullable): the note the account publishes
 *
 * Since: 0.1
 */
const char *
sip_simple_account_get_presence_note (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->presence_note;
}

/**
 * sip_simple_account_set_presence_note:
 * @self: an account
 * @note: (nullable): a note, such as "Back at 3"
 *
 * Sets [property@SipSimple.Account:presence-note]; published at once
 * while presence runs.
 *
 * Since: 0.1
 */
void
sip_simple_account_set_presence_note (SipSimpleAccount *self, const char *note)
{
  g_return_if_fail (SIP_SIMPLE_IS_ACCOUNT (self));
  g_object_set (self, "presence-note", note, NULL);
}

/**
 * sip_simple_account_get_message_summary:
 * @self: an account
 *
 * Gets the last message summary received.
 *
 * Returns: (transfer none) (nullable): the last message summary received
 *
 * Since: 0.1
 */
SipSimpleMessageSummary *
sip_simple_account_get_message_summary (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), NULL);
  return self->summary;
}

/**
 * sip_simple_account_get_messages_waiting:
 * @self: an account
 *
 * Tells whether the voicemail says messages are waiting.
 *
 * Returns: whether the voicemail says messages are waiting
 *
 * Since: 0.1
 */
gboolean
sip_simple_account_get_messages_waiting (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), FALSE);
  return self->summary && sip_simple_message_summary_get_messages_waiting (self->summary);
}

/**
 * sip_simple_account_get_new_messages:
 * @self: an account
 *
 * Gets the new voice messages of the last summary.
 *
 * Returns: the new voice messages of the last summary
 *
 * Since: 0.1
 */
guint
sip_simple_account_get_new_messages (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), 0);
  return self->summary ? sip_simple_message_summary_get_new_messages (self->summary) : 0;
}

/**
 * sip_simple_account_get_old_messages:
 * @self: an account
 *
 * Gets the old voice messages of the last summary.
 *
 * Returns: the old voice messages of the last summary
 *
 * Since: 0.1
 */
guint
sip_simple_account_get_old_messages (SipSimpleAccount *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (self), 0);
  return self->summary ? sip_simple_message_summary_get_old_messages (self->summary) : 0;
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
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
  message = sip_simple_message_new (self->engine, from, to_na, content_type, body);
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (message),
                                             sip_simple_account_get_auth_user (self),
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
      sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (message), proxy);
    }
  sip_simple_message_send_async (message, cancellable, message_sent, g_steal_pointer (&task));
}

/**
 * sip_simple_account_send_message_finish:
 * @self: an account
 * @result: the result passed to the callback
 * @error: return location for a #GError; %SIP_SIMPLE_SIP_ERROR with the
 *   SIP status code when the message was refused
 *
 * Finishes [method@SipSimple.Account.send_message_async].
 *
 * Returns: %TRUE when the message got a 2xx answer
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 * Finishes [method@SipSimple.Account.send_text_async].
 *
 * Returns: %TRUE when the message got a 2xx answer
 *
 * Since: 0.1
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
 *
 * Since: 0.1
 */
SipSimpleAccount *
sip_simple_account_new (const char *id, GError **error)
{
  g_return_val_if_fail (id != NULL, NULL);
  return g_initable_new (SIP_SIMPLE_TYPE_ACCOUNT, NULL, error, "id", id, NULL);
}

/* The URI of an account id (`user@domain`, `sip:user@domain` or
 * `sips:user@domain`); NULL with an error if it is not one. */
static SipSimpleUri *
parse_id (const char *id, GError **error)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, SIP_SIMPLE_APPLICATION_ERROR,
                           SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT,
                           "An account needs an id: user@domain");
      return NULL;
    }
  text = g_str_has_prefix (id, "sip:") || g_str_has_prefix (id, "sips:")
           ? g_strdup (id) : g_strconcat ("sip:", id, NULL);
  uri = sip_simple_uri_parse (text, &local);
  if (uri == NULL || sip_simple_uri_get_user (uri) == NULL || sip_simple_uri_get_port (uri) != 0)
    {
      g_set_error (error, SIP_SIMPLE_APPLICATION_ERROR, SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT,
                   "An account id is user@domain, not \"%s\"%s%s", id, local ? ": " : "",
                   local ? local->message : "");
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/* The id is checked here, so that a wrong one is an error wherever the
 * account is made: sip_simple_account_new(), g_initable_new(), or a
 * binding's constructor that runs GInitable (the Python overrides do). */
static gboolean
sip_simple_account_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (initable);
  g_autoptr (SipSimpleUri) uri = NULL;

  if (self->uri != NULL)
    return TRUE;
  uri = parse_id (self->id, error);
  return uri != NULL;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = sip_simple_account_initable_init;
}

/**
 * sip_simple_account_get_id:
 * @self: an account
 *
 * Gets the account id, `user@domain`.
 *
 * Returns: (transfer none): the account id, `user@domain`
 *
 * Since: 0.1
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
 * Gets the account's SIP URI, `sip:user@domain`.
 *
 * Returns: (transfer none): the account's SIP URI, `sip:user@domain`
 *
 * Since: 0.1
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
 * Tells whether the account is enabled.
 *
 * Returns: whether the account is enabled
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 * Gets the display name.
 *
 * Returns: (transfer none) (nullable): the display name
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 * Gets the outbound proxy URI.
 *
 * Returns: (transfer none) (nullable): the outbound proxy URI
 *
 * Since: 0.1
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
 *
 * Since: 0.1
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
 * Gets the state of the account's registration.
 *
 * Returns: the state of the account's registration
 *
 * Since: 0.1
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
 * Gets the registered contact, while registered.
 *
 * Returns: (transfer none) (nullable): the registered contact, while registered
 *
 * Since: 0.1
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
  gboolean presence = FALSE;
  gboolean republish = FALSE;

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
          sip_simple_backoff_reset (&self->retry);
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
    case PROP_AUDIO_CODECS:
      {
        const char *const *v = g_value_get_boxed (value);
        if (v != NULL && v[0] == NULL)
          v = NULL;
        changed = !(self->audio_codecs == NULL && v == NULL)
                  && (self->audio_codecs == NULL || v == NULL
                      || !g_strv_equal ((const char *const *) self->audio_codecs, v));
        if (changed)
          {
            g_strfreev (self->audio_codecs);
            self->audio_codecs = g_strdupv ((char **) v);
          }
      }
      break;
    case PROP_SRTP:
      changed = self->srtp != (SipSimpleSrtpMode) g_value_get_enum (value);
      self->srtp = g_value_get_enum (value);
      break;
    case PROP_ICE:
      changed = self->ice != g_value_get_boolean (value);
      self->ice = g_value_get_boolean (value);
      break;
    case PROP_STUN_SERVER:
      changed = set_str (&self->stun_server, value);
      break;
    case PROP_MSRP_RELAY:
      changed = set_str (&self->msrp_relay, value);
      break;
    case PROP_PRESENCE_ENABLED:
      changed = self->presence_enabled != g_value_get_boolean (value);
      self->presence_enabled = g_value_get_boolean (value);
      presence = changed;
      break;
    case PROP_PRESENCE_STATUS:
      changed = republish = self->presence_status != (SipSimplePresenceStatus) g_value_get_enum (value);
      self->presence_status = g_value_get_enum (value);
      break;
    case PROP_PRESENCE_NOTE:
      changed = republish = set_str (&self->presence_note, value);
      break;
    case PROP_BUDDY_LIST:
      {
        const char *const *v = g_value_get_boxed (value);
        if (v != NULL && v[0] == NULL)
          v = NULL;
        changed = !(self->buddy_list == NULL && v == NULL)
                  && (self->buddy_list == NULL || v == NULL
                      || !g_strv_equal ((const char *const *) self->buddy_list, v));
        if (changed)
          {
            g_strfreev (self->buddy_list);
            self->buddy_list = g_strdupv ((char **) v);
          }
      }
      break;
    case PROP_RLS_URI:
      changed = presence = set_str (&self->rls_uri, value);
      break;
    case PROP_XCAP_ROOT:
      changed = presence = set_str (&self->xcap_root, value);
      break;
    case PROP_MWI_ENABLED:
      changed = presence = self->mwi_enabled != g_value_get_boolean (value);
      self->mwi_enabled = g_value_get_boolean (value);
      break;
    case PROP_VOICEMAIL_URI:
      changed = presence = set_str (&self->voicemail_uri, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
  if (reregister && self->registration != NULL)
    restart_registration (self);
  if (changed && prop_id == PROP_BUDDY_LIST)
    sip_simple_account_presence_buddies_changed (self->presence, !self->buddy_list_from_server);
  if (changed && (presence || reregister || prop_id == PROP_ENABLED))
    sip_simple_account_presence_update (self->presence);
  if (republish)
    sip_simple_account_presence_republish (self->presence);
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
    case PROP_AUDIO_CODECS:
      g_value_set_boxed (value, self->audio_codecs);
      break;
    case PROP_SRTP:
      g_value_set_enum (value, self->srtp);
      break;
    case PROP_ICE:
      g_value_set_boolean (value, self->ice);
      break;
    case PROP_STUN_SERVER:
      g_value_set_string (value, self->stun_server);
      break;
    case PROP_MSRP_RELAY:
      g_value_set_string (value, self->msrp_relay);
      break;
    case PROP_PRESENCE_ENABLED:
      g_value_set_boolean (value, self->presence_enabled);
      break;
    case PROP_PRESENCE_STATUS:
      g_value_set_enum (value, self->presence_status);
      break;
    case PROP_PRESENCE_NOTE:
      g_value_set_string (value, self->presence_note);
      break;
    case PROP_BUDDY_LIST:
      g_value_set_boxed (value, self->buddy_list);
      break;
    case PROP_RLS_URI:
      g_value_set_string (value, self->rls_uri);
      break;
    case PROP_XCAP_ROOT:
      g_value_set_string (value, self->xcap_root);
      break;
    case PROP_MWI_ENABLED:
      g_value_set_boolean (value, self->mwi_enabled);
      break;
    case PROP_VOICEMAIL_URI:
      g_value_set_string (value, self->voicemail_uri);
      break;
    case PROP_REGISTRATION_STATE:
      g_value_set_enum (value, sip_simple_account_get_registration_state (self));
      break;
    case PROP_CONTACT:
      g_value_set_string (value, sip_simple_account_get_contact (self));
      break;
    case PROP_PRESENCE_PUBLISHED:
      g_value_set_boolean (value, sip_simple_account_presence_is_published (self->presence));
      break;
    case PROP_MESSAGES_WAITING:
      g_value_set_boolean (value, sip_simple_account_get_messages_waiting (self));
      break;
    case PROP_NEW_MESSAGES:
      g_value_set_uint (value, sip_simple_account_get_new_messages (self));
      break;
    case PROP_OLD_MESSAGES:
      g_value_set_uint (value, sip_simple_account_get_old_messages (self));
      break;
    case PROP_MESSAGE_SUMMARY:
      g_value_set_object (value, self->summary);
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
  /* a wrong id leaves uri NULL: GInitable's init reports it */
  self->uri = parse_id (self->id, NULL);
  if (self->uri != NULL)
    {
      /* the id is the address-of-record, whatever form it was given in */
      text = sip_simple_uri_get_aor (self->uri);
      g_free (self->id);
      self->id = g_steal_pointer (&text);
    }
}

static void
sip_simple_account_dispose (GObject *object)
{
  SipSimpleAccount *self = SIP_SIMPLE_ACCOUNT (object);

  cancel_retry (self);
  g_clear_weak_pointer (&self->manager);
  sip_simple_source_clear (&self->detach_timeout);
  if (self->registration != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->registration, self);
      sip_simple_registration_stop (self->registration);
      g_clear_object (&self->registration);
    }
  if (self->presence != NULL)
    sip_simple_account_presence_stop (self->presence);
  g_clear_object (&self->engine);
  g_clear_object (&self->summary);
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
  g_strfreev (self->audio_codecs);
  g_free (self->stun_server);
  g_free (self->msrp_relay);
  g_free (self->presence_note);
  g_strfreev (self->buddy_list);
  g_free (self->rls_uri);
  g_free (self->xcap_root);
  g_free (self->voicemail_uri);
  g_clear_pointer (&self->presence, sip_simple_account_presence_free);
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
   * The account id, `user@domain`: its address-of-record (`sip:` before
   * it is accepted and dropped). An account with a missing or wrong id
   * fails to initialize ([iface@Gio.Initable]) with
   * %SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT.
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
   * SipSimpleAccount:audio-codecs:
   *
   * The audio codecs of the account's calls, most preferred first ("opus",
   * "G722", "PCMU", "PCMA"); %NULL for all available ones. The account
   * names the media (its streams' property is
   * [property@SipSimple.AudioStream:codecs]) because it will carry video
   * codecs too.
   */
  properties[PROP_AUDIO_CODECS] =
    g_param_spec_boxed ("audio-codecs", NULL, "Audio codecs in order of preference", G_TYPE_STRV,
                        persist);
  /**
   * SipSimpleAccount:srtp:
   *
   * Whether the account's calls encrypt audio with SRTP (SDES keys).
   */
  properties[PROP_SRTP] =
    g_param_spec_enum ("srtp", NULL, "SRTP mode of calls", SIP_SIMPLE_TYPE_SRTP_MODE,
                       SIP_SIMPLE_SRTP_MODE_OPTIONAL, persist);
  /**
   * SipSimpleAccount:ice:
   *
   * Whether the account's calls use ICE for media: the default of
   * [property@SipSimple.AudioStream:ice] for the account's streams (the
   * same name on both). Stored under the key "ice".
   */
  properties[PROP_ICE] =
    g_param_spec_boolean ("ice", NULL, "Use ICE for media", FALSE, persist);
  /**
   * SipSimpleAccount:stun-server:
   *
   * A STUN server ("host:port") for ICE candidates.
   */
  properties[PROP_STUN_SERVER] =
    g_param_spec_string ("stun-server", NULL, "STUN server", NULL, persist);
  /**
   * SipSimpleAccount:msrp-relay:
   *
   * An MSRP relay (RFC 4976) for the account's chat and file transfer
   * streams, as an MSRP URI ("msrp://relay.example.com:2855;tcp" or
   * "msrps://..."), or %NULL to connect directly. The streams
   * authenticate at the relay with the account's credentials, and ask the
   * peer for success reports: through a relay, a message (a file) counts
   * as delivered when the peer reports it, not when the relay took it.
   */
  properties[PROP_MSRP_RELAY] =
    g_param_spec_string ("msrp-relay", NULL, "MSRP relay URI", NULL, persist);
  /**
   * SipSimpleAccount:presence-enabled:
   *
   * Whether the account publishes its presence and subscribes to its
   * buddies' presence and its own watcher information.
   */
  properties[PROP_PRESENCE_ENABLED] =
    g_param_spec_boolean ("presence-enabled", NULL, "Use presence", FALSE, persist);
  /**
   * SipSimpleAccount:presence-status:
   *
   * The status the account publishes; changing it publishes again.
   */
  properties[PROP_PRESENCE_STATUS] =
    g_param_spec_enum ("presence-status", NULL, "The published status",
                       SIP_SIMPLE_TYPE_PRESENCE_STATUS, SIP_SIMPLE_PRESENCE_STATUS_ONLINE, persist);
  /**
   * SipSimpleAccount:presence-note:
   *
   * The note the account publishes; changing it publishes again.
   */
  properties[PROP_PRESENCE_NOTE] =
    g_param_spec_string ("presence-note", NULL, "The published note", NULL, persist);
  /**
   * SipSimpleAccount:buddy-list:
   *
   * The buddies, as `"Name" <sip:user@domain>` addresses: the stored form
   * of [method@SipSimple.Account.get_buddies]. Use
   * [method@SipSimple.Account.add_buddy] and
   * [method@SipSimple.Account.remove_buddy] to change it.
   */
  properties[PROP_BUDDY_LIST] =
    g_param_spec_boxed ("buddy-list", NULL, "The buddies", G_TYPE_STRV, persist);
  /**
   * SipSimpleAccount:rls-uri:
   *
   * The URI of a resource list server's list of the account's buddies,
   * such as `sip:alice-buddies@example.com`: the buddies' presence is
   * subscribed to in one subscription there (RFC 4662). With an
   * [property@SipSimple.Account:xcap-root] the account writes the list to
   * the server's rls-services document. If the server turns out to have
   * no such list, each buddy is subscribed to separately.
   */
  properties[PROP_RLS_URI] =
    g_param_spec_string ("rls-uri", NULL, "The resource list server URI", NULL, persist);
  /**
   * SipSimpleAccount:xcap-root:
   *
   * The XCAP root (`https://xcap.example.com/xcap-root`) where the
   * account's buddy list and presence rules are kept; the account's digest
   * credentials are used there too.
   */
  properties[PROP_XCAP_ROOT] =
    g_param_spec_string ("xcap-root", NULL, "The XCAP root URI", NULL, persist);
  /**
   * SipSimpleAccount:mwi-enabled:
   *
   * Whether the account subscribes to message waiting indications
   * (message-summary, RFC 3842).
   */
  properties[PROP_MWI_ENABLED] =
    g_param_spec_boolean ("mwi-enabled", NULL, "Subscribe to message summaries", FALSE, persist);
  /**
   * SipSimpleAccount:voicemail-uri:
   *
   * Where to subscribe for message summaries; the account's own address
   * when unset.
   */
  properties[PROP_VOICEMAIL_URI] =
    g_param_spec_string ("voicemail-uri", NULL, "The voicemail's URI", NULL, persist);
  /**
   * SipSimpleAccount:presence-published:
   *
   * Whether the presence server accepted the account's presence.
   */
  properties[PROP_PRESENCE_PUBLISHED] =
    g_param_spec_boolean ("presence-published", NULL, "Presence is published", FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:messages-waiting:
   *
   * Whether the voicemail says messages are waiting.
   */
  properties[PROP_MESSAGES_WAITING] =
    g_param_spec_boolean ("messages-waiting", NULL, "Messages are waiting", FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:new-messages:
   *
   * The number of new voice messages.
   */
  properties[PROP_NEW_MESSAGES] =
    g_param_spec_uint ("new-messages", NULL, "New voice messages", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:old-messages:
   *
   * The number of old voice messages.
   */
  properties[PROP_OLD_MESSAGES] =
    g_param_spec_uint ("old-messages", NULL, "Old voice messages", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAccount:message-summary:
   *
   * The last message summary received.
   */
  properties[PROP_MESSAGE_SUMMARY] =
    g_param_spec_object ("message-summary", NULL, "The last message summary",
                         SIP_SIMPLE_TYPE_MESSAGE_SUMMARY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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
  /**
   * SipSimpleAccount::new-watcher:
   * @self: the account
   * @watcher: the watcher, as listed in [method@SipSimple.Account.get_watchers]
   *
   * Someone started watching the account's presence (or is waiting to be
   * allowed to).
   */
  signals[SIGNAL_NEW_WATCHER] =
    g_signal_new ("new-watcher", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_WATCHER);
  /**
   * SipSimpleAccount::pending-watcher:
   * @self: the account
   * @watcher: the watcher
   *
   * A watcher's subscription waits for the account to decide: allow or
   * block it with [method@SipSimple.Account.set_watcher_policy_async].
   */
  signals[SIGNAL_PENDING_WATCHER] =
    g_signal_new ("pending-watcher", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_WATCHER);
}

static void
sip_simple_account_init (SipSimpleAccount *self)
{
  self->enabled = TRUE;
  self->do_register = TRUE;
  self->register_interval = 600;
  self->srtp = SIP_SIMPLE_SRTP_MODE_OPTIONAL;
  self->presence_status = SIP_SIMPLE_PRESENCE_STATUS_ONLINE;
  sip_simple_backoff_init (&self->retry, RETRY_MIN_SECONDS, RETRY_MAX_SECONDS, RETRY_MAX_DOUBLINGS,
                           RETRY_SPREAD_PERCENT);
  self->presence = sip_simple_account_presence_new (self);
}
