/* libsipsimple - SipSimpleSession: a call with media streams. This file is
 * the session's state machine: connect, accept, reject, end, hold, the
 * streams' life and the INVITE's answers. Proposals (re-INVITEs) are in
 * session-proposal.c, transfers (REFER) in session-transfer.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/session.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/application.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/msrp/msrp-uri.h>
#include <sipsimple/sdp/sdp.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/media-stream-registry.h>
#include <sipsimple/streams/media-stream.h>
#include "session-private.h"
#include "session-impl-private.h"
#include "session-manager-private.h"
#include "account-private.h"
#include "engine/engine-internal.h"

#include <string.h>

/**
 * SipSimpleSession:
 *
 * A SIP session (a call) between an account and a peer, carrying any number
 * of [iface@SipSimple.MediaStream]s: audio today, chat and file transfer
 * later. It does the signalling ([class@SipSimple.Invitation]) and the SDP
 * offer/answer (RFC 3264); the streams move the media.
 *
 * Outgoing: `sip_simple_session_new (account)` then
 * [method@SipSimple.Session.connect_to]. Incoming sessions come from
 * [signal@SipSimple.SessionManager::new-incoming]; answer them with
 * [method@SipSimple.Session.accept] or [method@SipSimple.Session.reject].
 *
 * The signals are the notifications of the SIP SIMPLE middleware:
 * `ringing`, `provisional-response`, `will-start`, `started`, `failed`,
 * `will-end`, `ended`, `proposal-received`, `proposal-accepted`,
 * `proposal-rejected`, `proposal-failed`, `streams-renegotiated` and the
 * `transfer-*` family. What can be watched is a property with notify:
 * [property@SipSimple.Session:state] follows every transition,
 * [property@SipSimple.Session:on-hold] and
 * [property@SipSimple.Session:remote-on-hold] the hold state,
 * [property@SipSimple.Session:streams] is a live list, and the
 * identities, the peer's user agent and the start and stop times are
 * properties too.
 *
 * A stream that fails once the session is up (a chat whose MSRP relay went
 * away) leaves it by re-INVITE, with `streams-renegotiated` ("remove"),
 * while the other streams go on; when it was the last one that works the
 * session ends, its reason saying which stream failed and why.
 *
 * Since: 0.1
 */

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ACCOUNT,
  PROP_ON_HOLD,
  PROP_REMOTE_ON_HOLD,
  PROP_SUBJECT,
  PROP_STREAMS,
  PROP_LOCAL_IDENTITY,
  PROP_REMOTE_IDENTITY,
  PROP_REMOTE_USER_AGENT,
  PROP_START_TIME,
  PROP_STOP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint              session_signals[SESSION_N_SIGNALS];

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleSession, sip_simple_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

G_DEFINE_ENUM_TYPE (
    SipSimpleSessionState, sip_simple_session_state,
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_NULL, "null"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_INCOMING, "incoming"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_OUTGOING, "outgoing"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_CONNECTING, "connecting"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_CONNECTED, "connected"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL, "received-proposal"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL, "accepting-proposal"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL, "sending-proposal"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL, "cancelling-proposal"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_TERMINATING, "terminating"),
    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_STATE_TERMINATED, "terminated"))

G_DEFINE_ENUM_TYPE (SipSimpleOriginator, sip_simple_originator,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ORIGINATOR_LOCAL, "local"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ORIGINATOR_REMOTE, "remote"))

G_DEFINE_ENUM_TYPE (SipSimpleSessionError, sip_simple_session_error,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_INVALID_STATE, "invalid-state"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                                         "invalid-argument"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_NOT_RUNNING, "not-running"))

/**
 * sip_simple_session_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_SESSION_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_SESSION_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip - simple - session - error - quark, sip_simple_session_error)

void
session_clear_slot (SipSimpleSession *self, guint i)
{
  gpointer old = g_ptr_array_index (self->slots, i);
  g_ptr_array_index (self->slots, i) = NULL;
  session_unref_nullable (old);
  session_sync_streams (self);
}

void
session_sync_streams (SipSimpleSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->streams));
  g_autoptr (GPtrArray) now = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      g_ptr_array_add (now, g_ptr_array_index (self->slots, i));
  same = now->len == n;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->streams), i);
      same = item == g_ptr_array_index (now, i);
    }
  if (!same)
    g_list_store_splice (self->streams, 0, n, now->pdata, now->len);
}

static const char *
state_name (SipSimpleSessionState state)
{
  GEnumClass *klass = g_type_class_peek (SIP_SIMPLE_TYPE_SESSION_STATE);
  GEnumValue *v = klass ? g_enum_get_value (klass, state) : NULL;
  return v ? v->value_nick : "?";
}

gboolean
session_check_state (SipSimpleSession *self, GError **error, const char *what,
                     SipSimpleSessionState wanted)
{
  gboolean ok = self->state == wanted;

  if (!ok)
    g_set_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                 "Cannot %s a session in state \"%s\"", what, state_name (self->state));
  return ok;
}

void
session_set_state (SipSimpleSession *self, SipSimpleSessionState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- streams ------------------------------------------------------------ */

static void on_stream_started (SipSimpleMediaStream *stream, SipSimpleSession *self);
static void on_stream_failed (SipSimpleMediaStream *stream, const GError *error,
                              SipSimpleSession *self);
static void maybe_connected (SipSimpleSession *self);
static void terminate (SipSimpleSession *self, gboolean failed, SipSimpleOriginator originator,
                       guint code, const char *reason, const char *failure_reason);

void
session_watch_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  g_signal_handlers_disconnect_by_data (stream, self);
  g_signal_connect (stream, "started", G_CALLBACK (on_stream_started), self);
  g_signal_connect (stream, "failed", G_CALLBACK (on_stream_failed), self);
}

void
session_end_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  if (stream == NULL)
    return;
  g_signal_handlers_disconnect_by_data (stream, self);
  if (sip_simple_media_stream_get_state (stream) != SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
    {
      sip_simple_media_stream_deactivate (stream);
      sip_simple_media_stream_end (stream);
    }
}

static void
end_all_streams (SipSimpleSession *self)
{
  for (guint i = 0; i < self->slots->len; i++)
    session_end_stream (self, g_ptr_array_index (self->slots, i));
  for (guint i = 0; self->proposed && i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->proposed, i);
      if (s != NULL && !g_ptr_array_find (self->slots, s, NULL))
        session_end_stream (self, s);
    }
}

GQuark
session_added_quark (void)
{
  return g_quark_from_static_string ("sipsimple-session-added-stream");
}

static void
on_stream_started (SipSimpleMediaStream *stream, SipSimpleSession *self)
{
  /* a stream added by renegotiation is usable now */
  if (g_object_get_qdata (G_OBJECT (stream), session_added_quark ()) != NULL)
    {
      g_object_set_qdata (G_OBJECT (stream), session_added_quark (), NULL);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_STREAMS_RENEGOTIATED], 0, "add", stream);
      return;
    }
  if (self->pending_start > 0)
    self->pending_start--;
  if (self->pending_start == 0 && !self->streams_started)
    {
      self->streams_started = TRUE;
      maybe_connected (self);
    }
}

/* Whether a stream of the session other than @stream still works */
static gboolean
others_alive (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->streams));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleMediaStream) s = g_list_model_get_item (G_LIST_MODEL (self->streams), i);
      SipSimpleMediaStreamState state = sip_simple_media_stream_get_state (s);

      if (s != stream && state != SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED
          && state != SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
        return TRUE;
    }
  return FALSE;
}

static void
on_stream_failed (SipSimpleMediaStream *stream, const GError *error, SipSimpleSession *self)
{
  g_autofree char *why = g_strdup_printf ("media stream failed: %s", error->message);

  g_debug ("Session stream %s failed: %s", sip_simple_media_stream_get_media_type (stream),
           error->message);
  if (g_object_get_qdata (G_OBJECT (stream), session_added_quark ()) != NULL)
    {
      /* an added stream that fails to start is a failed proposal */
      g_object_set_qdata (G_OBJECT (stream), session_added_quark (), NULL);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, why);
      return;
    }
  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATING
      || self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED)
    return;
  /* Next to streams that still work (a chat whose MSRP relay went away
   * during a call) a dead stream leaves by re-INVITE and the rest goes
   * on, as in the Python middleware; the last stream, or one that dies
   * while another offer is under way, takes the session with it. */
  if (self->started_emitted && self->state == SIP_SIMPLE_SESSION_STATE_CONNECTED
      && others_alive (self, stream) && sip_simple_session_remove_stream (self, stream, NULL))
    return;
  if (self->started_emitted)
    {
      self->end_originator = SIP_SIMPLE_ORIGINATOR_LOCAL;
      self->end_requested = TRUE;
      g_object_set_data_full (G_OBJECT (self), "end-reason", g_strdup (why), g_free);
      sip_simple_session_end (self);
    }
  else
    {
      self->end_requested = TRUE;
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (why), g_free);
      if (self->inv != NULL)
        sip_simple_invitation_end (self->inv);
      else
        terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, why);
    }
}

static gboolean
values_equal (const GValue *a, const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char *const *x = g_value_get_boxed (a), *const *y = g_value_get_boxed (b);
      if (x == NULL || y == NULL)
        return x == y;
      return g_strv_equal (x, y);
    }
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_VALUE_HOLDS_ENUM (a))
    return g_value_get_enum (a) == g_value_get_enum (b);
  if (G_VALUE_HOLDS_UINT (a))
    return g_value_get_uint (a) == g_value_get_uint (b);
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  return FALSE; /* unknown type: treat as chosen by the application */
}

/* Whether @stream's @spec still has the stream type's default, read from
 * the param spec. A list (strv) spec has no default of its own: setting
 * it to NULL gives the stream's default list, so a NULL spec default
 * stands for that list. */
static gboolean
is_stream_default (GObject *stream, GParamSpec *spec, const GValue *current)
{
  const GValue *initial = g_param_spec_get_default_value (spec);
  g_auto (GValue) reset = G_VALUE_INIT;

  if (values_equal (current, initial))
    return TRUE;
  if (!G_VALUE_HOLDS (initial, G_TYPE_STRV) || g_value_get_boxed (initial) != NULL)
    return FALSE;
  /* what the stream makes of NULL, then the application's value back */
  g_value_init (&reset, spec->value_type);
  g_object_set_property (stream, spec->name, initial);
  g_object_get_property (stream, spec->name, &reset);
  if (values_equal (current, &reset))
    return TRUE;
  g_object_set_property (stream, spec->name, current);
  return FALSE;
}

/* Copies @src's @src_prop into @stream's @prop, unless the application
 * already chose a value for the stream (it differs from the default). */
static void
apply_default (GObject *stream, const char *prop, GObject *src, const char *src_prop)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (stream), prop);
  GParamSpec *src_spec
      = src ? g_object_class_find_property (G_OBJECT_GET_CLASS (src), src_prop) : NULL;
  g_auto (GValue) current = G_VALUE_INIT;
  g_auto (GValue) wanted = G_VALUE_INIT;

  if (spec == NULL || src_spec == NULL || !(spec->flags & G_PARAM_WRITABLE)
      || spec->value_type != src_spec->value_type)
    return;
  g_value_init (&wanted, spec->value_type);
  g_object_get_property (src, src_prop, &wanted);
  /* unset settings (NULL strings and lists) keep the stream's default */
  if ((G_VALUE_HOLDS_STRING (&wanted) && g_value_get_string (&wanted) == NULL)
      || (G_VALUE_HOLDS (&wanted, G_TYPE_STRV) && g_value_get_boxed (&wanted) == NULL))
    return;
  g_value_init (&current, spec->value_type);
  g_object_get_property (stream, prop, &current);
  if (is_stream_default (stream, spec, &current))
    g_object_set_property (stream, prop, &wanted);
}

/* MSRP streams (chat, file transfer) go through the account's relay, if
 * it has one and the application set none on the stream's MSRP session. */
static gboolean
configure_msrp_stream (SipSimpleSession *self, SipSimpleMediaStream *stream, GError **error)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "msrp-session");
  g_autoptr (SipSimpleMsrpSession) msrp = NULL;
  g_autoptr (SipSimpleMsrpUri) relay = NULL;
  g_autofree char *relay_text = NULL;
  g_autoptr (GError) local = NULL;
  SipSimpleUri *aor = sip_simple_account_get_uri (self->account);
  const char   *user = sip_simple_account_get_auth_user (self->account);

  if (spec == NULL || !g_type_is_a (spec->value_type, SIP_SIMPLE_TYPE_MSRP_SESSION))
    return TRUE;
  g_object_get (self->account, "msrp-relay", &relay_text, NULL);
  if (relay_text == NULL || *relay_text == '\0')
    return TRUE;
  g_object_get (stream, "msrp-session", &msrp, NULL);
  if (msrp == NULL || sip_simple_msrp_session_get_relay (msrp) != NULL)
    return TRUE;
  relay = sip_simple_msrp_uri_parse (relay_text, &local);
  if (relay == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                   "The account's msrp-relay is not an MSRP URI: %s", local->message);
      return FALSE;
    }
  sip_simple_msrp_session_set_relay (msrp, relay,
                                     user && *user ? user : sip_simple_uri_get_user (aor),
                                     sip_simple_account_get_password (self->account));
  /* a relay answers each chunk itself (RFC 4976): only the peer's success
   * report says a message (a whole file) arrived */
  g_object_set (msrp, "report-mode", SIP_SIMPLE_MSRP_REPORT_SUCCESS, NULL);
  return TRUE;
}

/* Audio streams take the account's media settings and the application's
 * audio devices, where the application did not choose for the stream. */
static void
configure_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  SipSimpleApplication *app = sip_simple_account_get_application (self->account);
  GObject *settings = app ? G_OBJECT (sip_simple_application_get_settings (app)) : NULL;

  if (!SIP_SIMPLE_IS_AUDIO_STREAM (stream))
    return;
  apply_default (G_OBJECT (stream), "codecs", G_OBJECT (self->account), "audio-codecs");
  apply_default (G_OBJECT (stream), "srtp", G_OBJECT (self->account), "srtp");
  apply_default (G_OBJECT (stream), "ice", G_OBJECT (self->account), "ice");
  apply_default (G_OBJECT (stream), "stun-server", G_OBJECT (self->account), "stun-server");
  apply_default (G_OBJECT (stream), "input", settings, "audio-input-device");
  apply_default (G_OBJECT (stream), "output", settings, "audio-output-device");
}

typedef struct
{
  SipSimpleSession *self;
  SessionAfterInit  after;
} InitData;

static void
stream_initialized (GObject *source, GAsyncResult *result, gpointer user_data)
{
  InitData         *data = user_data;
  SipSimpleSession *self = data->self;
  GError           *error = NULL;

  if (!sip_simple_media_stream_initialize_finish (SIP_SIMPLE_MEDIA_STREAM (source), result, &error))
    {
      if (self->init_error == NULL)
        self->init_error = error;
      else
        g_error_free (error);
    }
  if (--self->pending_init == 0)
    data->after (self);
  g_object_unref (self);
  g_free (data);
}

/* Initializes @streams (NULL entries skipped) and then calls @after. */
void
session_initialize_streams (SipSimpleSession *self, GPtrArray *streams, SessionAfterInit after)
{
  const char *address = sip_simple_engine_get_bound_host (self->engine);
  GError     *error = NULL;

  g_clear_error (&self->init_error);
  self->pending_init = 1;
  for (guint i = 0; i < streams->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (streams, i);
      InitData             *data;

      if (s == NULL || sip_simple_media_stream_get_state (s) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
        continue;
      configure_stream (self, s);
      if (!configure_msrp_stream (self, s, &error))
        {
          if (self->init_error == NULL)
            self->init_error = g_steal_pointer (&error);
          g_clear_error (&error);
          continue;
        }
      data = g_new0 (InitData, 1);
      data->self = g_object_ref (self);
      data->after = after;
      self->pending_init++;
      sip_simple_media_stream_initialize_async (s, address, NULL, stream_initialized, data);
    }
  if (--self->pending_init == 0)
    after (self);
}

/* Streams that speak for a party (chat: the CPIM From and To) take the
 * dialog's identities, where they have "local-identity" and
 * "remote-identity" properties. */
void
session_identify_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  GObjectClass      *klass = G_OBJECT_GET_CLASS (stream);
  const char        *names[2] = { "local-identity", "remote-identity" };
  SipSimpleNameAddr *ids[2];

  if (self->inv == NULL)
    return;
  ids[0] = sip_simple_invitation_get_local_identity (self->inv);
  ids[1] = sip_simple_invitation_get_remote_identity (self->inv);
  for (guint i = 0; i < 2; i++)
    {
      GParamSpec *spec = g_object_class_find_property (klass, names[i]);
      if (spec && spec->value_type == SIP_SIMPLE_TYPE_NAME_ADDR && (spec->flags & G_PARAM_WRITABLE)
          && ids[i])
        g_object_set (stream, names[i], ids[i], NULL);
    }
}

static gboolean
start_streams (SipSimpleSession *self, GError **error)
{
  self->pending_start = 0;
  self->streams_started = FALSE;
  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      session_watch_stream (self, s);
      self->pending_start++;
    }
  if (self->pending_start == 0)
    {
      self->streams_started = TRUE;
      return TRUE;
    }
  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      session_identify_stream (self, s);
      if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Builds a local description from the slots: offer when @remote is NULL,
 * else the answer to @remote (whose extra m-lines, beyond the slots, are
 * answered from @extra). */
GstSDPMessage *
session_build_sdp (SipSimpleSession *self, const GstSDPMessage *remote, GPtrArray *slots,
                   GError **error)
{
  g_autoptr (GstSDPMessage) sdp = sip_simple_sdp_session_new_message (self->sdp);
  guint n = remote ? gst_sdp_message_medias_len (remote) : slots->len;

  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = i < slots->len ? g_ptr_array_index (slots, i) : NULL;
      if (s == NULL
          || (remote && gst_sdp_media_get_port (gst_sdp_message_get_media (remote, i)) == 0))
        sip_simple_sdp_add_rejected_media (sdp, remote ? remote : self->local_sdp, i);
      else if (!sip_simple_media_stream_add_local_media (s, sdp, remote, i, error))
        return NULL;
    }
  return g_steal_pointer (&sdp);
}

/* ---- life cycle --------------------------------------------------------- */

static void
terminate (SipSimpleSession *self, gboolean failed, SipSimpleOriginator originator, guint code,
           const char *reason, const char *failure_reason)
{
  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED)
    return;
  g_object_ref (self);
  end_all_streams (self);
  if (self->stop_time == NULL)
    {
      self->stop_time = g_date_time_new_now_utc ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP_TIME]);
    }
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATED);
  if (failed)
    g_signal_emit (self, session_signals[SESSION_SIGNAL_FAILED], 0, originator, code,
                   reason ? reason : "", failure_reason ? failure_reason : (reason ? reason : ""));
  else
    g_signal_emit (self, session_signals[SESSION_SIGNAL_ENDED], 0, originator,
                   failure_reason ? failure_reason : "");
  g_object_unref (self);
}

static void
maybe_connected (SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTING || !self->dialog_ready
      || !self->streams_started)
    return;
  self->start_time = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  self->started_emitted = TRUE;
  g_signal_emit (self, session_signals[SESSION_SIGNAL_STARTED], 0);
  /* a hold asked for before the session was up */
  if (self->hold_pending)
    {
      self->hold_pending = FALSE;
      if (self->hold_requested)
        sip_simple_session_hold (self, NULL);
    }
  /* an attended transfer: the new session replaces the old one */
  if (self->replaced != NULL)
    sip_simple_session_end (self->replaced);
}

void
session_update_hold (SipSimpleSession *self)
{
  gboolean remote = FALSE, local = FALSE;

  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      gboolean              r = FALSE, l = FALSE;
      if (s == NULL)
        continue;
      g_object_get (s, "on-hold-by-remote", &r, "on-hold-by-local", &l, NULL);
      remote = remote || r;
      local = local || l;
    }
  if (local != self->on_hold)
    {
      self->on_hold = local;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_HOLD]);
    }
  if (remote != self->remote_on_hold)
    {
      self->remote_on_hold = remote;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ON_HOLD]);
    }
}

/* The peer's User-Agent arrives with its requests and responses. */
static void
update_remote_user_agent (SipSimpleSession *self)
{
  const char *ua = self->inv ? sip_simple_invitation_get_remote_user_agent (self->inv) : NULL;

  if (g_strcmp0 (ua, self->remote_user_agent) == 0)
    return;
  g_free (self->remote_user_agent);
  self->remote_user_agent = g_strdup (ua);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_USER_AGENT]);
}

/* ---- invitation events -------------------------------------------------- */

static void
answer_received (SipSimpleSession *self, const char *sdp)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *answer;

  answer = sdp ? sip_simple_sdp_parse (sdp, &error) : NULL;
  if (answer == NULL)
    {
      g_autofree char *why
          = g_strdup_printf ("bad SDP answer: %s", error ? error->message : "no SDP in the 200 OK");
      self->end_requested = TRUE;
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (why), g_free);
      sip_simple_invitation_end (self->inv);
      return;
    }
  if (gst_sdp_message_medias_len (answer) != self->slots->len)
    {
      gst_sdp_message_free (answer);
      self->end_requested = TRUE;
      g_object_set_data_full (G_OBJECT (self), "failure-reason",
                              g_strdup ("the SDP answer has a different number of media lines"),
                              g_free);
      sip_simple_invitation_end (self->inv);
      return;
    }
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = answer;

  for (guint i = 0; i < self->slots->len; i++)
    if (gst_sdp_media_get_port (gst_sdp_message_get_media (answer, i)) == 0)
      {
        session_end_stream (self, g_ptr_array_index (self->slots, i));
        session_clear_slot (self, i);
      }
  {
    if (g_list_model_get_n_items (G_LIST_MODEL (self->streams)) == 0)
      {
        self->end_requested = TRUE;
        g_object_set_data_full (G_OBJECT (self), "failure-reason",
                                g_strdup ("the peer accepted none of the streams"), g_free);
        sip_simple_invitation_end (self->inv);
        return;
      }
  }

  g_signal_emit (self, session_signals[SESSION_SIGNAL_WILL_START], 0);
  if (!start_streams (self, &error))
    on_stream_failed (g_ptr_array_index (self->slots, 0), error, self);
}

static void
on_response (SipSimpleInvitation *inv, guint code, const char *reason, const char *sdp,
             gboolean reinvite, SipSimpleSession *self)
{
  update_remote_user_agent (self);
  if (reinvite)
    {
      if (code >= 200)
        session_proposal_answered (self, code, reason, sdp);
      return;
    }
  if (code < 200)
    {
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROVISIONAL_RESPONSE], 0, code, reason);
      if ((code == 180 || code == 183) && !self->ring_reported)
        {
          self->ring_reported = TRUE;
          g_signal_emit (self, session_signals[SESSION_SIGNAL_RINGING], 0);
        }
      return;
    }
  if (code < 300 && self->remote_sdp == NULL)
    answer_received (self, sdp);
  /* failures arrive with the DISCONNECTED state change */
  if (code >= 300)
    {
      g_object_set_data (G_OBJECT (self), "final-code", GUINT_TO_POINTER (code));
      g_object_set_data_full (G_OBJECT (self), "final-reason", g_strdup (reason), g_free);
    }
}

static void
on_invitation_state (SipSimpleInvitation *inv, GParamSpec *pspec, SipSimpleSession *self)
{
  guint code = sip_simple_invitation_get_status_code (inv);
  const char *reason = sip_simple_invitation_get_reason (inv);

  switch (sip_simple_invitation_get_state (inv))
    {
    case SIP_SIMPLE_INVITATION_STATE_CONNECTED:
      /* the dialog is set up: the peer's tag, Contact and User-Agent */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IDENTITY]);
      update_remote_user_agent (self);
      self->dialog_ready = TRUE;
      maybe_connected (self);
      break;

    case SIP_SIMPLE_INVITATION_STATE_DISCONNECTED:
      {
        gboolean            was_up = self->started_emitted;
        SipSimpleOriginator who
            = self->end_requested ? self->end_originator : SIP_SIMPLE_ORIGINATOR_REMOTE;
        guint final_code = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "final-code"));
        const char *final_reason = g_object_get_data (G_OBJECT (self), "final-reason");
        const char *failure = g_object_get_data (G_OBJECT (self), "failure-reason");
        const char *end_reason = g_object_get_data (G_OBJECT (self), "end-reason");

        if (final_code == 0)
          {
            final_code = code;
            final_reason = reason;
          }
        if (was_up)
          {
            if (self->state != SIP_SIMPLE_SESSION_STATE_TERMINATING)
              {
                session_set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
                g_signal_emit (self, session_signals[SESSION_SIGNAL_WILL_END], 0);
              }
            terminate (self, FALSE, who, final_code, final_reason,
                       end_reason ? end_reason
                                  : (who == SIP_SIMPLE_ORIGINATOR_LOCAL ? "user request"
                                                                        : "remote request"));
          }
        else
          {
            if (self->end_requested && failure == NULL)
              failure = "user request";
            if (self->end_requested && final_code == 0)
              {
                final_code = 487;
                final_reason = "Session Cancelled";
              }
            terminate (self, TRUE, who, final_code, final_reason, failure);
          }
      }
      break;

    default:
      break;
    }
}

/* ---- transfers ---------------------------------------------------------- */

/* ---- construction ------------------------------------------------------- */

static void
bind_invitation (SipSimpleSession *self, SipSimpleInvitation *inv)
{
  self->inv = g_object_ref (inv);
  g_signal_connect (inv, "response", G_CALLBACK (on_response), self);
  g_signal_connect (inv, "notify::state", G_CALLBACK (on_invitation_state), self);
  session_proposal_bind (self, inv);
  session_transfer_bind (self, inv);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_IDENTITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IDENTITY]);
  update_remote_user_agent (self);
}

/**
 * sip_simple_session_new:
 * @account: the account the session belongs to
 *
 * Creates a new session in the null state.
 *
 * Returns: (transfer full): a new session in the null state
 *
 * Since: 0.1
 */
SipSimpleSession *
sip_simple_session_new (SipSimpleAccount *account)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (account), NULL);
  return g_object_new (SIP_SIMPLE_TYPE_SESSION, "account", account, NULL);
}

/* A session needs its account: made without one (g_object_new(), a
 * binding's constructor) it fails to initialize instead of failing later. */
static gboolean
sip_simple_session_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (initable);

  if (self->account != NULL)
    return TRUE;
  g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                       "A session needs an account (the account property)");
  return FALSE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = sip_simple_session_initable_init;
}

SipSimpleSession *
sip_simple_session_new_incoming (SipSimpleAccount *account, SipSimpleInvitation *inv,
                                 GstSDPMessage *offer, GError **error)
{
  g_autoptr (SipSimpleSession) self = sip_simple_session_new (account);
  SipSimpleMediaStreamRegistry *registry = sip_simple_media_stream_registry_get_default ();
  gboolean                      any = FALSE;

  self->incoming = TRUE;
  self->engine = g_object_ref (sip_simple_account_get_engine (account));
  self->sdp = sip_simple_sdp_session_new (sip_simple_engine_get_bound_host (self->engine));
  self->offer = offer;
  self->proposed = g_ptr_array_new_with_free_func (session_unref_nullable);
  for (guint i = 0; i < gst_sdp_message_medias_len (offer); i++)
    {
      SipSimpleMediaStream *s = sip_simple_media_stream_registry_create_stream (registry, offer, i);
      g_ptr_array_add (self->proposed, s);
      any = any || s != NULL;
    }
  if (!any)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                           SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "None of the offered media streams is supported");
      return NULL;
    }
  if (sip_simple_invitation_get_request_headers (inv) != NULL)
    self->subject = g_strdup (
        sip_simple_headers_get (sip_simple_invitation_get_request_headers (inv), "Subject"));
  bind_invitation (self, inv);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_INCOMING);
  return g_steal_pointer (&self);
}

void
sip_simple_session_set_replaced (SipSimpleSession *self, SipSimpleSession *replaced)
{
  g_set_object (&self->replaced, replaced);
}

/* ---- outgoing ------------------------------------------------------------ */

static void
outgoing_streams_ready (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autofree char *text = NULL;

  if (self->state != SIP_SIMPLE_SESSION_STATE_OUTGOING)
    return; /* ended meanwhile */
  if (self->init_error != NULL)
    {
      g_autofree char *why
          = g_strdup_printf ("media stream failed to initialize: %s", self->init_error->message);
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, why);
      return;
    }
  offer = session_build_sdp (self, NULL, self->slots, &error);
  if (offer == NULL)
    {
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
      return;
    }
  text = sip_simple_sdp_to_text (offer);
  self->local_sdp = g_steal_pointer (&offer);
  if (self->subject != NULL)
    {
      if (self->extra_headers == NULL)
        self->extra_headers = sip_simple_headers_new ();
      sip_simple_headers_set (self->extra_headers, "Subject", self->subject, NULL);
    }
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTING);
  if (!sip_simple_invitation_send_invite (self->inv, text, self->extra_headers, &error))
    terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
}

gboolean
sip_simple_session_connect_full (SipSimpleSession *self, const char *to,
                                 SipSimpleMediaStream **streams, guint n_streams,
                                 SipSimpleHeaders *extra_headers, GError **error)
{
  g_autoptr (SipSimpleUri) target = NULL;
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleNameAddr) to_na = NULL;
  g_autoptr (SipSimpleInvitation) inv = NULL;
  SipSimpleEngine *engine;

  if (!session_check_state (self, error, "connect", SIP_SIMPLE_SESSION_STATE_NULL)
      || !g_initable_init (G_INITABLE (self), NULL, error))
    return FALSE;
  engine = sip_simple_account_get_engine (self->account);
  if (engine == NULL || sip_simple_engine_get_state (engine) != SIP_SIMPLE_ENGINE_STATE_RUNNING)
    {
      g_set_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_NOT_RUNNING,
                   "The account %s is not active: start the application and add the account",
                   sip_simple_account_get_id (self->account));
      return FALSE;
    }
  if (n_streams == 0)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                           SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "A session needs at least one media stream");
      return FALSE;
    }
  for (guint i = 0; i < n_streams; i++)
    if (!SIP_SIMPLE_IS_MEDIA_STREAM (streams[i])
        || sip_simple_media_stream_get_state (streams[i]) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
      {
        g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                             SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                             "Streams must be new, unused media streams");
        return FALSE;
      }
  target = sip_simple_account_resolve_target (self->account, to, error);
  if (target == NULL)
    return FALSE;

  from = sip_simple_name_addr_new (sip_simple_account_get_display_name (self->account),
                                   sip_simple_account_get_uri (self->account));
  to_na = sip_simple_name_addr_new (NULL, target);
  inv = sip_simple_invitation_new (engine, from, to_na);
  if (!sip_simple_account_prepare_invitation (self->account, inv, error))
    return FALSE;

  self->engine = g_object_ref (engine);
  self->sdp = sip_simple_sdp_session_new (sip_simple_engine_get_bound_host (engine));
  bind_invitation (self, inv);
  if (extra_headers != NULL)
    self->extra_headers = sip_simple_headers_copy (extra_headers);
  for (guint i = 0; i < n_streams; i++)
    g_ptr_array_add (self->slots, g_object_ref (streams[i]));
  session_sync_streams (self);

  session_set_state (self, SIP_SIMPLE_SESSION_STATE_OUTGOING);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_NEW_OUTGOING], 0);
  {
    SipSimpleApplication    *app = sip_simple_account_get_application (self->account);
    SipSimpleSessionManager *manager
        = app ? sip_simple_application_get_session_manager (app) : NULL;
    if (manager != NULL)
      sip_simple_session_manager_track (manager, self);
  }
  session_initialize_streams (self, self->slots, outgoing_streams_ready);
  return TRUE;
}

/**
 * sip_simple_session_connect_to:
 * @self: a new session
 * @to: the callee: a SIP URI, `user@domain`, or a user of the account's domain
 * @streams: (array length=n_streams): the streams to offer, new and unused
 * @n_streams: how many
 * @error: return location for a #GError
 *
 * Calls @to through the account's outbound proxy (or the callee's domain).
 * Emits #SipSimpleSession::new-outgoing, then ring indications and
 * provisional responses, then #SipSimpleSession::will-start and
 * #SipSimpleSession::started when the streams run — or
 * #SipSimpleSession::failed.
 *
 * Returns: %FALSE if the session could not even try (wrong state, bad
 *   target, application not running)
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_connect_to (SipSimpleSession *self, const char *to,
                               SipSimpleMediaStream **streams, guint n_streams, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (to != NULL, FALSE);
  return sip_simple_session_connect_full (self, to, streams, n_streams, NULL, error);
}

/* ---- incoming ------------------------------------------------------------ */

/**
 * sip_simple_session_send_ring_indication:
 * @self: an incoming session
 * @error: return location for a #GError
 *
 * Tells the caller that we are ringing (180 Ringing).
 *
 * Returns: %FALSE in another state than incoming
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_send_ring_indication (SipSimpleSession *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "send a ring indication for",
                            SIP_SIMPLE_SESSION_STATE_INCOMING))
    return FALSE;
  return sip_simple_invitation_send_response (self->inv, 180, NULL, NULL, error);
}

static void
incoming_streams_ready (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autofree char *text = NULL;

  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTING)
    return;
  if (self->init_error != NULL)
    {
      g_autofree char *why
          = g_strdup_printf ("media stream failed to initialize: %s", self->init_error->message);
      sip_simple_invitation_send_response (self->inv, 500, NULL, NULL, NULL);
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (why), g_free);
      self->end_requested = TRUE;
      return;
    }
  answer = session_build_sdp (self, self->offer, self->slots, &error);
  if (answer == NULL)
    {
      sip_simple_invitation_send_response (self->inv, 488, NULL, NULL, NULL);
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (error->message), g_free);
      self->end_requested = TRUE;
      return;
    }
  text = sip_simple_sdp_to_text (answer);
  self->local_sdp = g_steal_pointer (&answer);
  self->remote_sdp = g_steal_pointer (&self->offer);
  if (!sip_simple_invitation_send_response (self->inv, 200, NULL, text, &error))
    {
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
      return;
    }
  g_signal_emit (self, session_signals[SESSION_SIGNAL_WILL_START], 0);
  if (!start_streams (self, &error))
    on_stream_failed (g_ptr_array_index (self->slots, 0), error, self);
}

/* Maps the streams the user picked onto the offer's m-lines. */
GPtrArray *
session_match_proposed (SipSimpleSession *self, SipSimpleMediaStream **streams, guint n,
                        guint first, GError **error)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (session_unref_nullable);

  for (guint i = 0; i < n; i++)
    if (!g_ptr_array_find (self->proposed, streams[i], NULL))
      {
        g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                             SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                             "Only proposed streams can be accepted");
        g_ptr_array_unref (slots);
        return NULL;
      }
  for (guint i = first; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      gboolean              chosen = FALSE;
      for (guint j = 0; p != NULL && j < n; j++)
        chosen = chosen || streams[j] == p;
      g_ptr_array_add (slots, chosen ? g_object_ref (p) : NULL);
    }
  return slots;
}

/**
 * sip_simple_session_accept:
 * @self: an incoming session
 * @streams: (array length=n_streams): the proposed streams to accept (see
 *   [method@SipSimple.Session.get_proposed_streams]); the others are rejected
 * @n_streams: how many
 * @error: return location for a #GError
 *
 * Answers the call. #SipSimpleSession::will-start and
 * #SipSimpleSession::started follow, or #SipSimpleSession::failed.
 *
 * Returns: %FALSE in another state, or with no or foreign streams
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_accept (SipSimpleSession *self, SipSimpleMediaStream **streams, guint n_streams,
                           GError **error)
{
  g_autoptr (GPtrArray) slots = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "accept", SIP_SIMPLE_SESSION_STATE_INCOMING))
    return FALSE;
  if (n_streams == 0)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                           SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "Accept at least one stream, or reject the session");
      return FALSE;
    }
  slots = session_match_proposed (self, streams, n_streams, 0, error);
  if (slots == NULL)
    return FALSE;
  g_ptr_array_unref (self->slots);
  self->slots = g_steal_pointer (&slots);
  session_sync_streams (self);
  for (guint i = 0; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      if (p != NULL && !g_ptr_array_find (self->slots, p, NULL))
        session_end_stream (self, p);
    }
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTING);
  session_initialize_streams (self, self->slots, incoming_streams_ready);
  return TRUE;
}

/**
 * sip_simple_session_reject:
 * @self: an incoming session
 * @code: the status code, usually 486 (Busy Here) or 603 (Decline)
 * @reason: (nullable): ignored; the standard reason phrase is sent
 * @error: return location for a #GError
 *
 * Refuses the call; #SipSimpleSession::failed follows.
 *
 * Returns: %FALSE in another state, or for a code outside 300-699
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_reject (SipSimpleSession *self, guint code, const char *reason, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "reject", SIP_SIMPLE_SESSION_STATE_INCOMING))
    return FALSE;
  if (code < 300 || code > 699)
    {
      g_set_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                   "%u is not a rejection code (300-699)", code);
      return FALSE;
    }
  self->end_requested = TRUE;
  self->end_originator = SIP_SIMPLE_ORIGINATOR_LOCAL;
  g_object_set_data (G_OBJECT (self), "final-code", GUINT_TO_POINTER (code));
  g_object_set_data_full (G_OBJECT (self), "final-reason",
                          g_strdup (reason ? reason : sip_simple_status_phrase (code)), g_free);
  g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup ("user request"), g_free);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
  return sip_simple_invitation_send_response (self->inv, code, reason, NULL, error);
}

/**
 * sip_simple_session_end:
 * @self: a session
 *
 * Ends the session in any state: CANCEL before an answer, BYE after,
 * decline when incoming. #SipSimpleSession::will-end and
 * #SipSimpleSession::ended follow for a started session,
 * #SipSimpleSession::failed for one that never started.
 *
 * Since: 0.1
 */
void
sip_simple_session_end (SipSimpleSession *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_SESSION (self));

  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED
      || (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATING && self->end_requested))
    return;
  if (!self->end_requested)
    {
      self->end_requested = TRUE;
      self->end_originator = SIP_SIMPLE_ORIGINATOR_LOCAL;
    }
  if (self->started_emitted && self->state != SIP_SIMPLE_SESSION_STATE_TERMINATING)
    {
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_WILL_END], 0);
    }
  else
    session_set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      sip_simple_media_stream_deactivate (g_ptr_array_index (self->slots, i));
  if (self->inv != NULL)
    sip_simple_invitation_end (self->inv);
  else
    terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, "user request");
}

/* ---- proposals ----------------------------------------------------------- */

static gboolean
change_hold (SipSimpleSession *self, gboolean hold, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);

  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATING
      || self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED)
    {
      g_set_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                   "Cannot %s a session in state \"%s\"", hold ? "hold" : "unhold",
                   state_name (self->state));
      return FALSE;
    }
  self->hold_requested = hold;
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      {
        if (hold)
          sip_simple_media_stream_hold (g_ptr_array_index (self->slots, i));
        else
          sip_simple_media_stream_unhold (g_ptr_array_index (self->slots, i));
      }
  /* "may be called in any state and will send the re-INVITE as soon as
   * possible": later if the session is not established or busy */
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTED)
    {
      self->hold_pending = TRUE;
      return TRUE;
    }
  self->proposal = PROPOSAL_HOLD;
  session_send_proposal (self);
  return TRUE;
}

/**
 * sip_simple_session_hold:
 * @self: a session
 * @error: return location for a #GError
 *
 * Puts the streams on hold (a re-INVITE with sendonly/inactive media), now
 * or as soon as the session allows. [property@SipSimple.Session:on-hold]
 * turns %TRUE when the peer has agreed.
 *
 * Returns: %FALSE if the session is ending
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_hold (SipSimpleSession *self, GError **error)
{
  return change_hold (self, TRUE, error);
}

/**
 * sip_simple_session_unhold:
 * @self: a session
 * @error: return location for a #GError
 *
 * Takes the streams off hold; [property@SipSimple.Session:on-hold] turns
 * %FALSE when the peer has agreed.
 *
 * Returns: %FALSE if the session is ending
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_unhold (SipSimpleSession *self, GError **error)
{
  return change_hold (self, FALSE, error);
}

/* ---- accessors ----------------------------------------------------------- */

/**
 * sip_simple_session_get_state:
 * @self: a session
 *
 * Gets the session's state.
 *
 * Returns: the state
 *
 * Since: 0.1
 */
SipSimpleSessionState
sip_simple_session_get_state (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), SIP_SIMPLE_SESSION_STATE_NULL);
  return self->state;
}

/**
 * sip_simple_session_get_account:
 * @self: a session
 *
 * Gets the account the session belongs to.
 *
 * Returns: (transfer none): the account
 *
 * Since: 0.1
 */
SipSimpleAccount *
sip_simple_session_get_account (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->account;
}

/**
 * sip_simple_session_is_incoming:
 * @self: a session
 *
 * Tells whether the peer started the session.
 *
 * Returns: whether the peer started the session
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_is_incoming (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  return self->incoming;
}

/**
 * sip_simple_session_get_streams:
 * @self: a session
 *
 * The streams of the session in SDP order, as a live list that follows
 * every change (streams added and removed by renegotiation, rejected by
 * the peer, or gone with the end); see [property@SipSimple.Session:streams].
 *
 * Returns: (transfer none): a #GListModel of #SipSimpleMediaStream
 *
 * Since: 0.1
 */
GListModel *
sip_simple_session_get_streams (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->streams);
}

/**
 * sip_simple_session_get_remote_identity:
 * @self: a session
 *
 * Gets the peer of the session.
 *
 * Returns: (transfer none) (nullable): the peer
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_session_get_remote_identity (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->inv ? sip_simple_invitation_get_remote_identity (self->inv) : NULL;
}

/**
 * sip_simple_session_get_local_identity:
 * @self: a session
 *
 * Gets our identity in the session.
 *
 * Returns: (transfer none) (nullable): our identity in the session
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_session_get_local_identity (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->inv ? sip_simple_invitation_get_local_identity (self->inv) : NULL;
}

/**
 * sip_simple_session_get_remote_user_agent:
 * @self: a session
 *
 * Gets the peer's User-Agent, once known.
 *
 * Returns: (transfer none) (nullable): the peer's User-Agent, once known
 *
 * Since: 0.1
 */
const char *
sip_simple_session_get_remote_user_agent (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->inv ? sip_simple_invitation_get_remote_user_agent (self->inv) : NULL;
}

/**
 * sip_simple_session_get_start_time:
 * @self: a session
 *
 * Gets when the session started.
 *
 * Returns: (transfer none) (nullable): when the session started
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_session_get_start_time (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->start_time;
}

/**
 * sip_simple_session_get_stop_time:
 * @self: a session
 *
 * Gets when the session ended.
 *
 * Returns: (transfer none) (nullable): when the session ended
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_session_get_stop_time (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->stop_time;
}

/**
 * sip_simple_session_get_on_hold:
 * @self: a session
 *
 * Tells whether we hold a stream of the session
 * ([property@SipSimple.Session:on-hold]).
 *
 * Returns: whether we hold a stream of the session
 *   ([property@SipSimple.Session:on-hold])
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_get_on_hold (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  return self->on_hold;
}

/**
 * sip_simple_session_get_remote_on_hold:
 * @self: a session
 *
 * Tells whether the peer holds a stream of the session
 * ([property@SipSimple.Session:remote-on-hold]).
 *
 * Returns: whether the peer holds a stream of the session
 *   ([property@SipSimple.Session:remote-on-hold])
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_get_remote_on_hold (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  return self->remote_on_hold;
}

/**
 * sip_simple_session_get_subject:
 * @self: a session
 *
 * Gets the Subject.
 *
 * Returns: (transfer none) (nullable): the Subject
 *
 * Since: 0.1
 */
const char *
sip_simple_session_get_subject (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->subject;
}

/**
 * sip_simple_session_set_subject:
 * @self: a new session
 * @subject: (nullable): the Subject of the INVITE
 *
 * Sets the Subject sent with [method@SipSimple.Session.connect_to].
 *
 * Since: 0.1
 */
void
sip_simple_session_set_subject (SipSimpleSession *self, const char *subject)
{
  g_return_if_fail (SIP_SIMPLE_IS_SESSION (self));
  g_object_set (self, "subject", subject, NULL);
}

/**
 * sip_simple_session_get_replaced_session:
 * @self: a session
 *
 * Gets the session an incoming INVITE with Replaces takes the place of.
 *
 * Returns: (transfer none) (nullable): the session an incoming INVITE with
 *   Replaces takes the place of
 *
 * Since: 0.1
 */
SipSimpleSession *
sip_simple_session_get_replaced_session (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->replaced;
}

/**
 * sip_simple_session_get_invitation:
 * @self: a session
 *
 * Gets the signalling of the session.
 *
 * Returns: (transfer none) (nullable): the signalling of the session
 *
 * Since: 0.1
 */
SipSimpleInvitation *
sip_simple_session_get_invitation (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->inv;
}

/**
 * sip_simple_session_get_local_sdp:
 * @self: a session
 *
 * Gets the current local description.
 *
 * Returns: (transfer none) (nullable): the current local description
 *
 * Since: 0.1
 */
GstSDPMessage *
sip_simple_session_get_local_sdp (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->local_sdp;
}

/**
 * sip_simple_session_get_remote_sdp:
 * @self: a session
 *
 * Gets the current remote description.
 *
 * Returns: (transfer none) (nullable): the current remote description
 *
 * Since: 0.1
 */
GstSDPMessage *
sip_simple_session_get_remote_sdp (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return self->remote_sdp;
}

SipSimpleInvitation *
sip_simple_session_peek_invitation (SipSimpleSession *self)
{
  return self->inv;
}

static void
sip_simple_session_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_SUBJECT:
      if (g_strcmp0 (self->subject, g_value_get_string (value)) != 0)
        {
          g_free (self->subject);
          self->subject = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_ON_HOLD:
      g_value_set_boolean (value, self->on_hold);
      break;
    case PROP_REMOTE_ON_HOLD:
      g_value_set_boolean (value, self->remote_on_hold);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_STREAMS:
      g_value_set_object (value, self->streams);
      break;
    case PROP_LOCAL_IDENTITY:
      g_value_set_boxed (value, sip_simple_session_get_local_identity (self));
      break;
    case PROP_REMOTE_IDENTITY:
      g_value_set_boxed (value, sip_simple_session_get_remote_identity (self));
      break;
    case PROP_REMOTE_USER_AGENT:
      g_value_set_string (value, sip_simple_session_get_remote_user_agent (self));
      break;
    case PROP_START_TIME:
      g_value_set_boxed (value, self->start_time);
      break;
    case PROP_STOP_TIME:
      g_value_set_boxed (value, self->stop_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_session_dispose (GObject *object)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  if (self->inv != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->inv, self);
      if (self->state != SIP_SIMPLE_SESSION_STATE_TERMINATED)
        sip_simple_invitation_end (self->inv);
      g_clear_object (&self->inv);
    }
  if (self->state != SIP_SIMPLE_SESSION_STATE_TERMINATED)
    end_all_streams (self);
  if (self->transfer_session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->transfer_session, self);
      g_clear_object (&self->transfer_session);
    }
  g_ptr_array_set_size (self->slots, 0);
  g_list_store_remove_all (self->streams);
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  g_clear_pointer (&self->accept_slots, g_ptr_array_unref);
  g_clear_object (&self->proposal_stream);
  g_clear_object (&self->replaced);
  g_clear_object (&self->account);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (sip_simple_session_parent_class)->dispose (object);
}

static void
sip_simple_session_finalize (GObject *object)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  g_ptr_array_unref (self->slots);
  g_object_unref (self->streams);
  g_clear_pointer (&self->sdp, sip_simple_sdp_session_free);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->stop_time, g_date_time_unref);
  g_clear_pointer (&self->extra_headers, sip_simple_headers_unref);
  g_clear_error (&self->init_error);
  g_free (self->subject);
  g_free (self->remote_user_agent);
  g_free (self->refer_to);
  G_OBJECT_CLASS (sip_simple_session_parent_class)->finalize (object);
}

static void
sip_simple_session_class_init (SipSimpleSessionClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  GType             type = G_TYPE_FROM_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = sip_simple_session_set_property;
  object_class->get_property = sip_simple_session_get_property;
  object_class->dispose = sip_simple_session_dispose;
  object_class->finalize = sip_simple_session_finalize;

  /**
   * SipSimpleSession:state:
   *
   * The session state; `notify::state` fires on every transition.
   */
  properties[PROP_STATE]
      = g_param_spec_enum ("state", NULL, "The session state", SIP_SIMPLE_TYPE_SESSION_STATE,
                           SIP_SIMPLE_SESSION_STATE_NULL, ro);
  /**
   * SipSimpleSession:account:
   *
   * The account of the session; required: a session made without one
   * fails to initialize ([iface@Gio.Initable]).
   */
  properties[PROP_ACCOUNT]
      = g_param_spec_object ("account", NULL, "The account", SIP_SIMPLE_TYPE_ACCOUNT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:on-hold:
   *
   * Whether we hold a stream of the session ([method@SipSimple.Session.hold],
   * once the peer agreed); `notify::on-hold` replaces the middleware's
   * SIPSessionDidChangeHoldState for our side. Each stream's own
   * `on-hold-by-local` says which streams are held.
   */
  properties[PROP_ON_HOLD] = g_param_spec_boolean ("on-hold", NULL, "We hold a stream", FALSE, ro);
  /**
   * SipSimpleSession:remote-on-hold:
   *
   * Whether the peer holds a stream of the session; each stream's
   * `on-hold-by-remote` says which.
   */
  properties[PROP_REMOTE_ON_HOLD]
      = g_param_spec_boolean ("remote-on-hold", NULL, "The peer holds a stream", FALSE, ro);
  /**
   * SipSimpleSession:subject:
   *
   * The session's Subject: set before [method@SipSimple.Session.connect_to],
   * or the one of an incoming INVITE.
   */
  properties[PROP_SUBJECT]
      = g_param_spec_string ("subject", NULL, "The subject", NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:streams:
   *
   * The streams of the session in SDP order, a live #GListModel of
   * #SipSimpleMediaStream (see [method@SipSimple.Session.get_streams]).
   */
  properties[PROP_STREAMS]
      = g_param_spec_object ("streams", NULL, "The media streams", G_TYPE_LIST_MODEL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:local-identity:
   *
   * Our identity in the session, once it is connecting or incoming.
   */
  properties[PROP_LOCAL_IDENTITY]
      = g_param_spec_boxed ("local-identity", NULL, "Our identity", SIP_SIMPLE_TYPE_NAME_ADDR, ro);
  /**
   * SipSimpleSession:remote-identity:
   *
   * The peer, once the session is connecting or incoming; notified again
   * when the dialog is established.
   */
  properties[PROP_REMOTE_IDENTITY]
      = g_param_spec_boxed ("remote-identity", NULL, "The peer", SIP_SIMPLE_TYPE_NAME_ADDR, ro);
  /**
   * SipSimpleSession:remote-user-agent:
   *
   * The peer's User-Agent (or Server) header, once a message of the peer
   * carried one.
   */
  properties[PROP_REMOTE_USER_AGENT]
      = g_param_spec_string ("remote-user-agent", NULL, "The peer's user agent", NULL, ro);
  /**
   * SipSimpleSession:start-time:
   *
   * When the session started (#SipSimpleSession::started), in UTC.
   */
  properties[PROP_START_TIME]
      = g_param_spec_boxed ("start-time", NULL, "When the session started", G_TYPE_DATE_TIME, ro);
  /**
   * SipSimpleSession:stop-time:
   *
   * When the session ended or failed, in UTC.
   */
  properties[PROP_STOP_TIME]
      = g_param_spec_boxed ("stop-time", NULL, "When the session ended", G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleSession::new-outgoing:
   * @self: the session
   *
   * [method@SipSimple.Session.connect_to] started (SIPSessionNewOutgoing).
   */
  session_signals[SESSION_SIGNAL_NEW_OUTGOING]
      = g_signal_new ("new-outgoing", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::ringing:
   * @self: the session
   *
   * The callee is ringing (SIPSessionGotRingIndication); emitted once.
   */
  session_signals[SESSION_SIGNAL_RINGING]
      = g_signal_new ("ringing", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::provisional-response:
   * @self: the session
   * @code: the status code (1xx)
   * @reason: the reason phrase
   *
   * A provisional response to our INVITE (SIPSessionGotProvisionalResponse).
   */
  session_signals[SESSION_SIGNAL_PROVISIONAL_RESPONSE]
      = g_signal_new ("provisional-response", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleSession::will-start:
   * @self: the session
   *
   * The offer/answer completed; the streams are being started
   * (SIPSessionWillStart).
   */
  session_signals[SESSION_SIGNAL_WILL_START]
      = g_signal_new ("will-start", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::started:
   * @self: the session
   *
   * The session is established and all its streams run
   * (SIPSessionDidStart); see [method@SipSimple.Session.get_streams].
   */
  session_signals[SESSION_SIGNAL_STARTED]
      = g_signal_new ("started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::failed:
   * @self: the session
   * @originator: who caused the failure
   * @code: the SIP status (0 when the failure was local before any answer)
   * @reason: the SIP reason phrase
   * @failure_reason: what happened, e.g. "user request" or a media error
   *
   * The session ended before it started (SIPSessionDidFail); never
   * followed by #SipSimpleSession::ended.
   */
  session_signals[SESSION_SIGNAL_FAILED]
      = g_signal_new ("failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                      SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleSession::will-end:
   * @self: the session
   *
   * The session is about to end (SIPSessionWillEnd).
   */
  session_signals[SESSION_SIGNAL_WILL_END]
      = g_signal_new ("will-end", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::ended:
   * @self: the session
   * @originator: who ended it
   * @end_reason: why, e.g. "user request"
   *
   * A started session ended (SIPSessionDidEnd).
   */
  session_signals[SESSION_SIGNAL_ENDED]
      = g_signal_new ("ended", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                      SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_STRING);
  /**
   * SipSimpleSession::proposal-received:
   * @self: the session
   * @originator: who proposes
   *
   * New streams are proposed (SIPSessionGotProposal); see
   * [method@SipSimple.Session.get_proposed_streams].
   */
  session_signals[SESSION_SIGNAL_PROPOSAL_RECEIVED]
      = g_signal_new ("proposal-received", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_ORIGINATOR);
  /**
   * SipSimpleSession::proposal-accepted:
   * @self: the session
   * @originator: who proposed
   *
   * The proposal was accepted (SIPSessionGotAcceptProposal).
   */
  session_signals[SESSION_SIGNAL_PROPOSAL_ACCEPTED]
      = g_signal_new ("proposal-accepted", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_ORIGINATOR);
  /**
   * SipSimpleSession::proposal-rejected:
   * @self: the session
   * @originator: who proposed
   * @code: the rejection status
   * @reason: its reason phrase
   *
   * The proposal was refused or cancelled (SIPSessionGotRejectProposal).
   */
  session_signals[SESSION_SIGNAL_PROPOSAL_REJECTED]
      = g_signal_new ("proposal-rejected", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 3, SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleSession::proposal-failed:
   * @self: the session
   * @failure_reason: what went wrong
   *
   * A renegotiation failed for a local reason (SIPSessionHadProposalFailure).
   */
  session_signals[SESSION_SIGNAL_PROPOSAL_FAILED]
      = g_signal_new ("proposal-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                      1, G_TYPE_STRING);
  /**
   * SipSimpleSession::streams-renegotiated:
   * @self: the session
   * @action: "add" or "remove"
   * @stream: the stream added or removed
   *
   * A stream joined or left the session (SIPSessionDidRenegotiateStreams).
   */
  session_signals[SESSION_SIGNAL_STREAMS_RENEGOTIATED]
      = g_signal_new ("streams-renegotiated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_STRING, SIP_SIMPLE_TYPE_MEDIA_STREAM);
  /**
   * SipSimpleSession::transfer-new-incoming:
   * @self: the session
   * @refer_to: the transfer target (Refer-To)
   * @referred_by: the Referred-By value, or ""
   *
   * The peer asks us to call someone else; answer with
   * [method@SipSimple.Session.accept_transfer] or
   * [method@SipSimple.Session.reject_transfer].
   */
  session_signals[SESSION_SIGNAL_TRANSFER_NEW_INCOMING]
      = g_signal_new ("transfer-new-incoming", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleSession::transfer-new-outgoing:
   * @self: the session
   * @target: the transfer target
   *
   * We asked the peer to call @target (SIPSessionTransferNewOutgoing).
   */
  session_signals[SESSION_SIGNAL_TRANSFER_NEW_OUTGOING]
      = g_signal_new ("transfer-new-outgoing", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleSession::transfer-started:
   * @self: the session
   *
   * The transfer is under way (SIPSessionTransferDidStart).
   */
  session_signals[SESSION_SIGNAL_TRANSFER_STARTED] = g_signal_new (
      "transfer-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::transfer-succeeded:
   * @self: the session
   *
   * The transfer target answered; this session ends.
   */
  session_signals[SESSION_SIGNAL_TRANSFER_SUCCEEDED] = g_signal_new (
      "transfer-succeeded", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::transfer-failed:
   * @self: the session
   * @code: the SIP status
   * @reason: the reason
   *
   * The transfer failed (SIPSessionTransferDidFail).
   */
  session_signals[SESSION_SIGNAL_TRANSFER_FAILED]
      = g_signal_new ("transfer-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                      2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
sip_simple_session_init (SipSimpleSession *self)
{
  self->slots = g_ptr_array_new_with_free_func (session_unref_nullable);
  self->streams = g_list_store_new (SIP_SIMPLE_TYPE_MEDIA_STREAM);
}
