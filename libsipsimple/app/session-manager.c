/* libsipsimple - SipSimpleSessionManager: the application's sessions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/session-manager.h>
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/session.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/sdp/sdp.h>
#include <sipsimple/sip/error.h>
#include "session-manager-private.h"
#include "session-private.h"
#include "account-manager-private.h"
#include "account-private.h"
#include "engine/context-source-internal.h"
#include "engine/engine-internal.h"
#include "engine/invitation-internal.h"

/**
 * SipSimpleSessionManager:
 *
 * Creates a [class@SipSimple.Session] for every INVITE addressed to an
 * enabled account and announces it with
 * [signal@SipSimple.SessionManager::new-incoming]; is the live list
 * (a #GListModel of [class@SipSimple.Session]) of the sessions that are
 * not terminated, outgoing and incoming; ends them all when the
 * application stops. Get it with
 * [method@SipSimple.Application.get_session_manager].
 *
 * An INVITE without an offer, with malformed SDP, or with no media a
 * registered stream type supports is answered 488 Not Acceptable Here
 * (with a Warning header that says why). An INVITE with Replaces
 * (RFC 3891) that matches an established session is accepted at once and
 * replaces it (attended transfer).
 *
 * Since: 0.1
 */

struct _SipSimpleSessionManager
{
  GObject parent_instance;

  SipSimpleAccountManager *accounts;
  SipSimpleEngine         *engine;
  guint                    invite_handler;
  GPtrArray               *sessions;
  GTask                   *stop_task;
  GSource                 *stop_timeout;
};

enum
{
  SIGNAL_NEW_INCOMING,
  SIGNAL_NEW_OUTGOING,
  N_SIGNALS
};

enum
{
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static guint       signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleSessionManager, sip_simple_session_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return SIP_SIMPLE_TYPE_SESSION;
}

static guint
list_get_n_items (GListModel *model)
{
  return SIP_SIMPLE_SESSION_MANAGER (model)->sessions->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  SipSimpleSessionManager *self = SIP_SIMPLE_SESSION_MANAGER (model);

  if (position >= self->sessions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sessions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
items_changed (SipSimpleSessionManager *self, guint position, guint removed, guint added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void check_stopped (SipSimpleSessionManager *self);

static void
on_session_state (SipSimpleSession *session, GParamSpec *pspec, SipSimpleSessionManager *self)
{
  if (sip_simple_session_get_state (session) != SIP_SIMPLE_SESSION_STATE_TERMINATED)
    return;
  guint index;

  g_signal_handlers_disconnect_by_data (session, self);
  if (g_ptr_array_find (self->sessions, session, &index))
    {
      g_ptr_array_remove_index (self->sessions, index);
      items_changed (self, index, 1, 0);
    }
  check_stopped (self);
}

static void
add_session (SipSimpleSessionManager *self, SipSimpleSession *session)
{
  if (g_ptr_array_find (self->sessions, session, NULL))
    return;
  g_ptr_array_add (self->sessions, g_object_ref (session));
  g_signal_connect (session, "notify::state", G_CALLBACK (on_session_state), self);
  items_changed (self, self->sessions->len - 1, 0, 1);
}

void
sip_simple_session_manager_track (SipSimpleSessionManager *self, SipSimpleSession *session)
{
  add_session (self, session);
  g_signal_emit (self, signals[SIGNAL_NEW_OUTGOING], 0, session);
}

/* Answers an INVITE we won't take, with a Warning that says why.
 * nua_respond() keeps the phrase pointer: static phrases only. */
static void
refuse (SipSimpleSessionManager *self, const SipSimpleNuaEvent *ev, int code, const char *why)
{
  nua_t           *nua = sip_simple_engine_get_nua (self->engine);
  g_autofree char *text = g_strdelimit (g_strdup (why), "\"\\\r\n", '\'');
  g_autofree char *warning = g_strdup_printf ("399 sipsimple \"%s\"", text);

  g_debug ("Refusing an INVITE with %d: %s", code, why);
  nua_respond (ev->nh, code, sip_simple_status_phrase (code), NUTAG_WITH_THIS (nua),
               SIPTAG_WARNING_STR (warning), TAG_END ());
  nua_handle_destroy (ev->nh);
}

static SipSimpleSession *
session_by_handle (SipSimpleSessionManager *self, nua_handle_t *nh)
{
  for (guint i = 0; nh != NULL && i < self->sessions->len; i++)
    {
      SipSimpleSession    *s = g_ptr_array_index (self->sessions, i);
      SipSimpleInvitation *inv = sip_simple_session_peek_invitation (s);
      if (inv != NULL && sip_simple_invitation_get_handle (inv) == nh)
        return s;
    }
  return NULL;
}

static gboolean
on_incoming_invite (gpointer user_data, const SipSimpleNuaEvent *ev)
{
  SipSimpleSessionManager *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleInvitation) inv = NULL;
  g_autoptr (SipSimpleSession) session = NULL;
  g_autofree char  *sdp = NULL;
  SipSimpleSession *replaced = NULL;
  SipSimpleAccount *account;
  GstSDPMessage    *offer;

  if (ev->sip == NULL)
    return FALSE;
  account = sip_simple_account_manager_account_for_request (self->accounts, ev->sip);
  if (account == NULL)
    return FALSE;

  if (ev->sip->sip_replaces != NULL)
    {
      nua_handle_t *old = nua_handle_by_replaces (sip_simple_engine_get_nua (self->engine),
                                                  ev->sip->sip_replaces);
      replaced = session_by_handle (self, old);
      if (old != NULL)
        nua_handle_unref (old);
      if (replaced == NULL)
        {
          refuse (self, ev, 481, "The dialog to replace does not exist");
          return TRUE;
        }
    }

  sdp = sip_simple_invitation_sdp_of (ev->sip);
  if (sdp == NULL)
    {
      refuse (self, ev, 488, "An SDP offer is required in the INVITE");
      return TRUE;
    }
  offer = sip_simple_sdp_parse (sdp, &error);
  if (offer == NULL)
    {
      refuse (self, ev, 488, error->message);
      return TRUE;
    }

  inv = sip_simple_invitation_new_incoming (self->engine, ev->nh, ev->sip);
  sip_simple_invitation_set_contact_user (inv, sip_simple_account_get_contact_user (account));
  session = sip_simple_session_new_incoming (account, inv, offer, &error);
  if (session == NULL)
    {
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return TRUE;
    }
  add_session (self, session);
  if (replaced != NULL)
    sip_simple_session_set_replaced (session, replaced);
  g_signal_emit (self, signals[SIGNAL_NEW_INCOMING], 0, session);

  /* RFC 3891: the replacing call is accepted without ringing */
  if (replaced != NULL
      && sip_simple_session_get_state (session) == SIP_SIMPLE_SESSION_STATE_INCOMING)
    {
      g_autoptr (GPtrArray) proposed = sip_simple_session_get_proposed_streams (session);
      sip_simple_session_accept (session, (SipSimpleMediaStream **)proposed->pdata, proposed->len,
                                 NULL);
    }
  return TRUE;
}

SipSimpleSessionManager *
sip_simple_session_manager_new (SipSimpleAccountManager *accounts)
{
  SipSimpleSessionManager *self = g_object_new (SIP_SIMPLE_TYPE_SESSION_MANAGER, NULL);
  self->accounts = g_object_ref (accounts);
  return self;
}

void
sip_simple_session_manager_start (SipSimpleSessionManager *self, SipSimpleEngine *engine)
{
  g_set_object (&self->engine, engine);
  self->invite_handler
      = sip_simple_engine_add_incoming_handler (engine, nua_i_invite, on_incoming_invite, self);
}

static void
finish_stop (SipSimpleSessionManager *self)
{
  GTask *task = g_steal_pointer (&self->stop_task);

  sip_simple_source_clear (&self->stop_timeout);
  if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
check_stopped (SipSimpleSessionManager *self)
{
  if (self->stop_task != NULL && self->sessions->len == 0)
    finish_stop (self);
}

static gboolean
stop_timeout_cb (gpointer data)
{
  SipSimpleSessionManager *self = data;
  finish_stop (self);
  return G_SOURCE_REMOVE;
}

void
sip_simple_session_manager_stop_async (SipSimpleSessionManager *self, guint timeout_ms,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GPtrArray) sessions = NULL;

  if (self->engine != NULL)
    {
      sip_simple_engine_remove_incoming_handler (self->engine, self->invite_handler);
      self->invite_handler = 0;
    }
  self->stop_task = g_task_new (self, NULL, callback, user_data);
  sessions = g_ptr_array_copy (self->sessions, (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (sessions, g_object_unref);
  for (guint i = 0; i < sessions->len; i++)
    sip_simple_session_end (g_ptr_array_index (sessions, i));
  if (self->sessions->len == 0)
    finish_stop (self);
  else
    self->stop_timeout = sip_simple_timeout_attach (timeout_ms, stop_timeout_cb, self);
}

void
sip_simple_session_manager_stop_finish (SipSimpleSessionManager *self, GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
  g_clear_object (&self->engine);
}

static void
sip_simple_session_manager_get_property (GObject *object, guint prop_id, GValue *value,
                                         GParamSpec *pspec)
{
  SipSimpleSessionManager *self = SIP_SIMPLE_SESSION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->sessions->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_session_manager_dispose (GObject *object)
{
  SipSimpleSessionManager *self = SIP_SIMPLE_SESSION_MANAGER (object);

  if (self->engine != NULL && self->invite_handler != 0)
    sip_simple_engine_remove_incoming_handler (self->engine, self->invite_handler);
  self->invite_handler = 0;
  for (guint i = 0; i < self->sessions->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->sessions, i), self);
  g_ptr_array_set_size (self->sessions, 0);
  sip_simple_source_clear (&self->stop_timeout);
  g_clear_object (&self->engine);
  g_clear_object (&self->accounts);
  G_OBJECT_CLASS (sip_simple_session_manager_parent_class)->dispose (object);
}

static void
sip_simple_session_manager_finalize (GObject *object)
{
  SipSimpleSessionManager *self = SIP_SIMPLE_SESSION_MANAGER (object);
  g_ptr_array_unref (self->sessions);
  G_OBJECT_CLASS (sip_simple_session_manager_parent_class)->finalize (object);
}

static void
sip_simple_session_manager_class_init (SipSimpleSessionManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sip_simple_session_manager_get_property;
  object_class->dispose = sip_simple_session_manager_dispose;
  object_class->finalize = sip_simple_session_manager_finalize;

  /**
   * SipSimpleSessionManager:n-items:
   *
   * The number of sessions in the list.
   */
  properties[PROP_N_ITEMS]
      = g_param_spec_uint ("n-items", NULL, "The number of sessions", 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleSessionManager::new-incoming:
   * @self: the manager
   * @session: the new session, in the incoming state
   *
   * Someone calls one of our accounts (SIPSessionNewIncoming). Answer with
   * [method@SipSimple.Session.send_ring_indication],
   * [method@SipSimple.Session.accept] or [method@SipSimple.Session.reject].
   */
  signals[SIGNAL_NEW_INCOMING]
      = g_signal_new ("new-incoming", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_SESSION);
  /**
   * SipSimpleSessionManager::new-outgoing:
   * @self: the manager
   * @session: the session that is connecting
   *
   * An outgoing session started connecting, including the ones the
   * library starts itself (an accepted transfer).
   */
  signals[SIGNAL_NEW_OUTGOING]
      = g_signal_new ("new-outgoing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_SESSION);
}

static void
sip_simple_session_manager_init (SipSimpleSessionManager *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
}
