/* libsipsimple - SipSimpleSession: a call with media streams
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
#include "account-private.h"
#include "sdp/sdp-session-internal.h"
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
 * `got-ring-indication`, `got-provisional-response`, `will-start`,
 * `started`, `failed`, `will-end`, `ended`, `hold-state-changed`,
 * `got-proposal`, `got-accept-proposal`, `got-reject-proposal`,
 * `proposal-failed`, `streams-renegotiated` and the `transfer-*` family;
 * [property@SipSimple.Session:state] follows every transition.
 */

typedef enum {
  PROPOSAL_NONE,
  PROPOSAL_ADD,
  PROPOSAL_REMOVE,
  PROPOSAL_HOLD,
} ProposalKind;

struct _SipSimpleSession
{
  GObject parent_instance;

  SipSimpleAccount    *account;
  SipSimpleEngine     *engine;
  SipSimpleInvitation *inv;
  gboolean             incoming;
  SipSimpleSessionState state;
  char                *subject;

  /* m-line slots of the negotiated SDP: a stream, or NULL for port 0 */
  GPtrArray           *slots;
  /* an incoming offer's streams (index-aligned with its m-lines), or the
   * streams of our pending proposal */
  GPtrArray           *proposed;
  SipSimpleSdpSession *sdp;
  GstSDPMessage       *local_sdp;
  GstSDPMessage       *remote_sdp;
  GstSDPMessage       *offer;          /* the offer being answered */

  guint                pending_init;
  GError              *init_error;
  guint                pending_start;
  gboolean             streams_started;
  gboolean             dialog_ready;
  gboolean             ring_reported;
  gboolean             end_requested;
  gboolean             started_emitted;
  SipSimpleOriginator  end_originator;

  ProposalKind         proposal;
  SipSimpleMediaStream *proposal_stream;
  gboolean             hold_requested;
  gboolean             hold_pending;    /* a hold change waits for a quiet moment */
  gboolean             remote_hold;
  guint                retry_source;

  GDateTime           *start_time;
  GDateTime           *stop_time;
  SipSimpleSession    *replaced;
  SipSimpleHeaders    *extra_headers;

  /* transfers */
  char                *refer_to;        /* incoming REFER waiting for the user */
  SipSimpleSession    *transfer_session;
  gboolean             transferring;     /* we sent a REFER */
  gboolean             transfer_started;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_ACCOUNT,
  PROP_ON_HOLD,
  PROP_SUBJECT,
  N_PROPS
};

enum {
  SIGNAL_NEW_OUTGOING,
  SIGNAL_GOT_RING_INDICATION,
  SIGNAL_GOT_PROVISIONAL_RESPONSE,
  SIGNAL_WILL_START,
  SIGNAL_STARTED,
  SIGNAL_FAILED,
  SIGNAL_WILL_END,
  SIGNAL_ENDED,
  SIGNAL_HOLD_STATE_CHANGED,
  SIGNAL_GOT_PROPOSAL,
  SIGNAL_GOT_ACCEPT_PROPOSAL,
  SIGNAL_GOT_REJECT_PROPOSAL,
  SIGNAL_PROPOSAL_FAILED,
  SIGNAL_STREAMS_RENEGOTIATED,
  SIGNAL_TRANSFER_NEW_INCOMING,
  SIGNAL_TRANSFER_NEW_OUTGOING,
  SIGNAL_TRANSFER_STARTED,
  SIGNAL_TRANSFER_SUCCEEDED,
  SIGNAL_TRANSFER_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleSession, sip_simple_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleSessionState, sip_simple_session_state,
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
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT, "invalid-argument"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SESSION_ERROR_NOT_RUNNING, "not-running"))

/**
 * sip_simple_session_error_quark:
 *
 * Returns: the quark of %SIP_SIMPLE_SESSION_ERROR
 */
G_DEFINE_QUARK (sip-simple-session-error-quark, sip_simple_session_error)

/* slot and proposal arrays hold NULL for rejected/removed m-lines */
static void
unref_nullable (gpointer p)
{
  if (p != NULL)
    g_object_unref (p);
}

/* Empties slot @i (its stream is rejected or removed). */
static void
clear_slot (SipSimpleSession *self, guint i)
{
  gpointer old = g_ptr_array_index (self->slots, i);
  g_ptr_array_index (self->slots, i) = NULL;
  unref_nullable (old);
}

static const char *
state_name (SipSimpleSessionState state)
{
  GEnumClass *klass = g_type_class_peek (SIP_SIMPLE_TYPE_SESSION_STATE);
  GEnumValue *v = klass ? g_enum_get_value (klass, state) : NULL;
  return v ? v->value_nick : "?";
}

static gboolean
check_state (SipSimpleSession *self, GError **error, const char *what, guint n, ...)
{
  va_list ap;
  gboolean ok = FALSE;

  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    if ((SipSimpleSessionState) va_arg (ap, int) == self->state)
      ok = TRUE;
  va_end (ap);
  if (!ok)
    g_set_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                 "Cannot %s a session in state \"%s\"", what, state_name (self->state));
  return ok;
}

static void
set_state (SipSimpleSession *self, SipSimpleSessionState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static GPtrArray *
active_streams (SipSimpleSession *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (self->slots, i)));
  return out;
}

/* ---- streams ------------------------------------------------------------ */

static void on_stream_started (SipSimpleMediaStream *stream, SipSimpleSession *self);
static void on_stream_failed (SipSimpleMediaStream *stream, const GError *error, SipSimpleSession *self);
static void maybe_connected (SipSimpleSession *self);
static void terminate (SipSimpleSession *self, gboolean failed, SipSimpleOriginator originator,
                       guint code, const char *reason, const char *failure_reason);

static void
watch_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  g_signal_handlers_disconnect_by_data (stream, self);
  g_signal_connect (stream, "started", G_CALLBACK (on_stream_started), self);
  g_signal_connect (stream, "failed", G_CALLBACK (on_stream_failed), self);
}

static void
end_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
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
    end_stream (self, g_ptr_array_index (self->slots, i));
  for (guint i = 0; self->proposed && i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->proposed, i);
      if (s != NULL && !g_ptr_array_find (self->slots, s, NULL))
        end_stream (self, s);
    }
}

static GQuark
added_quark (void)
{
  return g_quark_from_static_string ("sipsimple-session-added-stream");
}

static void
on_stream_started (SipSimpleMediaStream *stream, SipSimpleSession *self)
{
  /* a stream added by renegotiation is usable now */
  if (g_object_get_qdata (G_OBJECT (stream), added_quark ()) != NULL)
    {
      g_object_set_qdata (G_OBJECT (stream), added_quark (), NULL);
      g_signal_emit (self, signals[SIGNAL_STREAMS_RENEGOTIATED], 0, "add", stream);
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

static void
on_stream_failed (SipSimpleMediaStream *stream, const GError *error, SipSimpleSession *self)
{
  g_autofree char *why = g_strdup_printf ("media stream failed: %s", error->message);

  g_debug ("Session stream %s failed: %s", sip_simple_media_stream_get_media_type (stream),
           error->message);
  if (g_object_get_qdata (G_OBJECT (stream), added_quark ()) != NULL)
    {
      /* an added stream that fails to start is a failed proposal */
      g_object_set_qdata (G_OBJECT (stream), added_quark (), NULL);
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, why);
      return;
    }
  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATING
      || self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED)
    return;
  /* a stream that dies takes the session with it (as the middleware does) */
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

/* Copies @src's @src_prop into @stream's @prop, unless the application
 * already chose a value for the stream (it differs from a fresh stream's). */
static void
apply_default (GObject *stream, GObject *fresh, const char *prop, GObject *src,
               const char *src_prop)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (stream), prop);
  GParamSpec *src_spec = src ? g_object_class_find_property (G_OBJECT_GET_CLASS (src), src_prop) : NULL;
  g_auto (GValue) current = G_VALUE_INIT;
  g_auto (GValue) initial = G_VALUE_INIT;
  g_auto (GValue) wanted = G_VALUE_INIT;

  if (spec == NULL || src_spec == NULL || !(spec->flags & G_PARAM_WRITABLE)
      || spec->value_type != src_spec->value_type)
    return;
  g_value_init (&current, spec->value_type);
  g_value_init (&initial, spec->value_type);
  g_value_init (&wanted, spec->value_type);
  g_object_get_property (stream, prop, &current);
  g_object_get_property (fresh, prop, &initial);
  g_object_get_property (src, src_prop, &wanted);
  if (!values_equal (&current, &initial))
    return;
  /* unset settings (NULL strings and lists) keep the stream's default */
  if ((G_VALUE_HOLDS_STRING (&wanted) && g_value_get_string (&wanted) == NULL)
      || (G_VALUE_HOLDS (&wanted, G_TYPE_STRV) && g_value_get_boxed (&wanted) == NULL))
    return;
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
  const char *user = sip_simple_account_get_auth_user (self->account);

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
  sip_simple_msrp_session_set_relay (msrp, relay, user && *user ? user : sip_simple_uri_get_user (aor),
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
  g_autoptr (GObject) fresh = NULL;
  SipSimpleApplication *app = sip_simple_account_get_application (self->account);
  GObject *settings = app ? G_OBJECT (sip_simple_application_get_settings (app)) : NULL;

  if (!SIP_SIMPLE_IS_AUDIO_STREAM (stream))
    return;
  fresh = g_object_new (G_OBJECT_TYPE (stream), NULL);
  apply_default (G_OBJECT (stream), fresh, "codecs", G_OBJECT (self->account), "audio-codecs");
  apply_default (G_OBJECT (stream), fresh, "srtp", G_OBJECT (self->account), "srtp");
  apply_default (G_OBJECT (stream), fresh, "ice", G_OBJECT (self->account), "use-ice");
  apply_default (G_OBJECT (stream), fresh, "stun-server", G_OBJECT (self->account), "stun-server");
  apply_default (G_OBJECT (stream), fresh, "input", settings, "audio-input-device");
  apply_default (G_OBJECT (stream), fresh, "output", settings, "audio-output-device");
}

typedef void (*AfterInit) (SipSimpleSession *self);

typedef struct {
  SipSimpleSession *self;
  AfterInit         after;
} InitData;

static void
stream_initialized (GObject *source, GAsyncResult *result, gpointer user_data)
{
  InitData *data = user_data;
  SipSimpleSession *self = data->self;
  GError *error = NULL;

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
static void
initialize_streams (SipSimpleSession *self, GPtrArray *streams, AfterInit after)
{
  const char *address = sip_simple_engine_get_bound_host (self->engine);
  GError *error = NULL;

  g_clear_error (&self->init_error);
  self->pending_init = 1;
  for (guint i = 0; i < streams->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (streams, i);
      InitData *data;

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
static void
identify_stream (SipSimpleSession *self, SipSimpleMediaStream *stream)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (stream);
  const char *names[2] = { "local-identity", "remote-identity" };
  SipSimpleNameAddr *ids[2];

  if (self->inv == NULL)
    return;
  ids[0] = sip_simple_invitation_get_local_identity (self->inv);
  ids[1] = sip_simple_invitation_get_remote_identity (self->inv);
  for (guint i = 0; i < 2; i++)
    {
      GParamSpec *spec = g_object_class_find_property (klass, names[i]);
      if (spec && spec->value_type == SIP_SIMPLE_TYPE_NAME_ADDR && (spec->flags & G_PARAM_WRITABLE) && ids[i])
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
      watch_stream (self, s);
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
      identify_stream (self, s);
      if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Builds a local description from the slots: offer when @remote is NULL,
 * else the answer to @remote (whose extra m-lines, beyond the slots, are
 * answered from @extra). */
static GstSDPMessage *
build_sdp (SipSimpleSession *self, const GstSDPMessage *remote, GPtrArray *slots, GError **error)
{
  g_autoptr (GstSDPMessage) sdp = sip_simple_sdp_session_new_message (self->sdp);
  guint n = remote ? gst_sdp_message_medias_len (remote) : slots->len;

  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = i < slots->len ? g_ptr_array_index (slots, i) : NULL;
      if (s == NULL || (remote && gst_sdp_media_get_port (gst_sdp_message_get_media (remote, i)) == 0))
        sip_simple_sdp_add_rejected_media (sdp, remote ? remote : self->local_sdp, i);
      else if (!sip_simple_media_stream_add_local_media (s, sdp, remote, i, error))
        return NULL;
    }
  return g_steal_pointer (&sdp);
}

static char *
sdp_text (const GstSDPMessage *sdp)
{
  return sip_simple_sdp_to_text (sdp);
}

/* ---- life cycle --------------------------------------------------------- */

static void
terminate (SipSimpleSession *self, gboolean failed, SipSimpleOriginator originator, guint code,
           const char *reason, const char *failure_reason)
{
  if (self->state == SIP_SIMPLE_SESSION_STATE_TERMINATED)
    return;
  g_object_ref (self);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  end_all_streams (self);
  if (self->stop_time == NULL)
    self->stop_time = g_date_time_new_now_utc ();
  set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATED);
  if (failed)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, originator, code, reason ? reason : "",
                   failure_reason ? failure_reason : (reason ? reason : ""));
  else
    g_signal_emit (self, signals[SIGNAL_ENDED], 0, originator,
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
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  self->started_emitted = TRUE;
  g_signal_emit (self, signals[SIGNAL_STARTED], 0);
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

static void send_proposal (SipSimpleSession *self);

static void
check_hold_changes (SipSimpleSession *self)
{
  gboolean remote_hold = FALSE, local_hold = FALSE, any = FALSE, all = TRUE;

  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      gboolean r = FALSE, l = FALSE;
      if (s == NULL)
        continue;
      g_object_get (s, "on-hold-by-remote", &r, "on-hold-by-local", &l, NULL);
      remote_hold = remote_hold || r;
      local_hold = local_hold || l;
      any = any || r || l;
      all = all && (r || l);
    }
  if (remote_hold != self->remote_hold)
    {
      self->remote_hold = remote_hold;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_HOLD]);
      g_signal_emit (self, signals[SIGNAL_HOLD_STATE_CHANGED], 0, SIP_SIMPLE_ORIGINATOR_REMOTE,
                     remote_hold, any && !all);
    }
  (void) local_hold;
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
      g_autofree char *why = g_strdup_printf ("bad SDP answer: %s",
                                              error ? error->message : "no SDP in the 200 OK");
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
        end_stream (self, g_ptr_array_index (self->slots, i));
        clear_slot (self, i);
      }
  {
    g_autoptr (GPtrArray) active = active_streams (self);
    if (active->len == 0)
      {
        self->end_requested = TRUE;
        g_object_set_data_full (G_OBJECT (self), "failure-reason",
                                g_strdup ("the peer accepted none of the streams"), g_free);
        sip_simple_invitation_end (self->inv);
        return;
      }
  }

  g_signal_emit (self, signals[SIGNAL_WILL_START], 0);
  if (!start_streams (self, &error))
    on_stream_failed (g_ptr_array_index (self->slots, 0), error, self);
}

static void
proposal_answered (SipSimpleSession *self, guint code, const char *reason, const char *sdp)
{
  ProposalKind kind = self->proposal;
  SipSimpleMediaStream *added = self->proposal_stream;
  g_autoptr (GError) error = NULL;
  GstSDPMessage *answer = NULL;

  self->proposal = PROPOSAL_NONE;
  self->proposal_stream = NULL;
  if (self->state == SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL
      || self->state == SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL)
    set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);

  if (code >= 300)
    {
      if (code == 491 && kind == PROPOSAL_HOLD)
        {
          /* glare: try again after a random pause (RFC 3261 14.1) */
          self->hold_pending = TRUE;
        }
      if (kind == PROPOSAL_ADD && added != NULL)
        {
          g_ptr_array_remove (self->slots, added);
          end_stream (self, added);
          g_signal_emit (self, signals[SIGNAL_GOT_REJECT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_LOCAL,
                         code, reason);
          g_clear_pointer (&self->proposed, g_ptr_array_unref);
        }
      if (kind == PROPOSAL_REMOVE && added != NULL)
        {
          /* the stream goes anyway: the peer may keep a stale view */
          guint idx;
          end_stream (self, added);
          g_signal_emit (self, signals[SIGNAL_STREAMS_RENEGOTIATED], 0, "remove", added);
          if (g_ptr_array_find (self->slots, added, &idx))
            clear_slot (self, idx);
        }
      if (code == 408 || code == 481)
        sip_simple_session_end (self);
      if (added != NULL)
        g_object_unref (added);
      return;
    }

  answer = sdp ? sip_simple_sdp_parse (sdp, &error) : NULL;
  if (answer == NULL || gst_sdp_message_medias_len (answer) != self->slots->len)
    {
      g_autofree char *why = g_strdup_printf ("bad SDP answer to a re-INVITE: %s",
                                              error ? error->message : "wrong number of media lines");
      if (answer)
        gst_sdp_message_free (answer);
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, why);
      if (added != NULL)
        {
          if (kind == PROPOSAL_ADD)
            g_ptr_array_remove (self->slots, added);
          end_stream (self, added);
          g_object_unref (added);
        }
      return;
    }
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = answer;

  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      gboolean rejected = gst_sdp_media_get_port (gst_sdp_message_get_media (answer, i)) == 0;

      if (s == NULL)
        continue;
      if (s == added && kind == PROPOSAL_ADD)
        {
          if (rejected)
            {
              end_stream (self, s);
              g_signal_emit (self, signals[SIGNAL_GOT_REJECT_PROPOSAL], 0,
                             SIP_SIMPLE_ORIGINATOR_LOCAL, 488, "Not Acceptable Here");
              clear_slot (self, i);
            }
          else
            {
              watch_stream (self, s);
              g_object_set_qdata (G_OBJECT (s), added_quark (), GINT_TO_POINTER (1));
              g_signal_emit (self, signals[SIGNAL_GOT_ACCEPT_PROPOSAL], 0,
                             SIP_SIMPLE_ORIGINATOR_LOCAL);
              identify_stream (self, s);
              if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, &error))
                g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, error->message);
            }
          continue;
        }
      if ((s == added && kind == PROPOSAL_REMOVE) || rejected)
        {
          end_stream (self, s);
          g_signal_emit (self, signals[SIGNAL_STREAMS_RENEGOTIATED], 0, "remove", s);
          clear_slot (self, i);
          continue;
        }
      sip_simple_media_stream_update (s, self->local_sdp, self->remote_sdp, i, NULL);
    }
  g_clear_pointer (&self->proposed, g_ptr_array_unref);

  if (kind == PROPOSAL_HOLD)
    {
      gboolean any = FALSE, all = TRUE;
      for (guint i = 0; i < self->slots->len; i++)
        {
          SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
          gboolean l = FALSE;
          if (s == NULL)
            continue;
          g_object_get (s, "on-hold-by-local", &l, NULL);
          any = any || l;
          all = all && l;
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_HOLD]);
      g_signal_emit (self, signals[SIGNAL_HOLD_STATE_CHANGED], 0, SIP_SIMPLE_ORIGINATOR_LOCAL,
                     any, any && !all);
    }
  if (added != NULL)
    g_object_unref (added);

  /* a hold change asked for while this proposal was in flight */
  if (self->hold_pending && self->state == SIP_SIMPLE_SESSION_STATE_CONNECTED)
    {
      self->hold_pending = FALSE;
      send_proposal (self);
    }
}

static void
on_response (SipSimpleInvitation *inv, guint code, const char *reason, const char *sdp,
             gboolean reinvite, SipSimpleSession *self)
{
  if (reinvite)
    {
      if (code >= 200)
        proposal_answered (self, code, reason, sdp);
      return;
    }
  if (code < 200)
    {
      g_signal_emit (self, signals[SIGNAL_GOT_PROVISIONAL_RESPONSE], 0, code, reason);
      if ((code == 180 || code == 183) && !self->ring_reported)
        {
          self->ring_reported = TRUE;
          g_signal_emit (self, signals[SIGNAL_GOT_RING_INDICATION], 0);
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
on_invitation_state (SipSimpleInvitation *inv, SipSimpleInvitationState state, guint code,
                     const char *reason, SipSimpleSession *self)
{
  switch (state)
    {
    case SIP_SIMPLE_INVITATION_STATE_CONNECTED:
      self->dialog_ready = TRUE;
      maybe_connected (self);
      break;

    case SIP_SIMPLE_INVITATION_STATE_DISCONNECTED:
      {
        gboolean was_up = self->started_emitted;
        SipSimpleOriginator who = self->end_requested ? self->end_originator
                                                      : SIP_SIMPLE_ORIGINATOR_REMOTE;
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
                set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
                g_signal_emit (self, signals[SIGNAL_WILL_END], 0);
              }
            terminate (self, FALSE, who, final_code, final_reason,
                       end_reason ? end_reason : (who == SIP_SIMPLE_ORIGINATOR_LOCAL
                                                    ? "user request" : "remote request"));
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

static void
on_reinvite (SipSimpleInvitation *inv, const char *sdp, SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *offer;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (sdp == NULL)
    {
      /* an offerless re-INVITE: offer our current view (RFC 3261 14.2);
       * simplest correct answer for a session refresh is to repeat it */
      text = self->local_sdp ? sdp_text (self->local_sdp) : NULL;
      sip_simple_invitation_send_response (inv, text ? 200 : 488, NULL, text, NULL);
      return;
    }
  offer = sip_simple_sdp_parse (sdp, &error);
  if (offer == NULL)
    {
      g_debug ("Rejecting a re-INVITE: %s", error->message);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTED)
    {
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 491, NULL, NULL, NULL);
      return;
    }
  n = gst_sdp_message_medias_len (offer);
  if (n < self->slots->len)
    {
      /* m-lines are never removed (RFC 3264 8.2) */
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }

  if (n > self->slots->len)
    {
      /* new streams proposed */
      SipSimpleMediaStreamRegistry *registry = sip_simple_media_stream_registry_get_default ();
      gboolean any = FALSE;

      g_clear_pointer (&self->proposed, g_ptr_array_unref);
      self->proposed = g_ptr_array_new_with_free_func (unref_nullable);
      for (guint i = 0; i < n; i++)
        {
          SipSimpleMediaStream *s = i >= self->slots->len
                                      ? sip_simple_media_stream_registry_create_stream (registry, offer, i)
                                      : NULL;
          g_ptr_array_add (self->proposed, s);
          any = any || s != NULL;
        }
      if (!any)
        {
          g_clear_pointer (&self->proposed, g_ptr_array_unref);
          gst_sdp_message_free (offer);
          sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
          return;
        }
      g_clear_pointer (&self->offer, gst_sdp_message_free);
      self->offer = offer;
      set_state (self, SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL);
      g_signal_emit (self, signals[SIGNAL_GOT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_REMOTE);
      return;
    }

  /* same streams: hold/unhold, codec or address change, or removals */
  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s != NULL && gst_sdp_media_get_port (gst_sdp_message_get_media (offer, i)) != 0
          && !sip_simple_media_stream_validate_update (s, offer, i, &error))
        {
          g_debug ("Rejecting a re-INVITE: %s", error->message);
          gst_sdp_message_free (offer);
          sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
          return;
        }
    }
  answer = build_sdp (self, offer, self->slots, &error);
  if (answer == NULL)
    {
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }
  text = sdp_text (answer);
  sip_simple_invitation_send_response (inv, 200, NULL, text, NULL);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&answer);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = offer;
  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      if (gst_sdp_media_get_port (gst_sdp_message_get_media (offer, i)) == 0)
        {
          end_stream (self, s);
          g_signal_emit (self, signals[SIGNAL_STREAMS_RENEGOTIATED], 0, "remove", s);
          clear_slot (self, i);
          continue;
        }
      sip_simple_media_stream_update (s, self->local_sdp, self->remote_sdp, i, NULL);
    }
  check_hold_changes (self);
}

static void
on_reinvite_cancelled (SipSimpleInvitation *inv, SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL)
    return;
  for (guint i = self->slots->len; self->proposed && i < self->proposed->len; i++)
    end_stream (self, g_ptr_array_index (self->proposed, i));
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, signals[SIGNAL_GOT_REJECT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_REMOTE, 487,
                 "Request Terminated");
}

/* ---- transfers ---------------------------------------------------------- */

static void
on_refer (SipSimpleInvitation *inv, const char *refer_to, const char *referred_by,
          SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTED || self->refer_to != NULL)
    {
      sip_simple_invitation_respond_refer (inv, 403, NULL, NULL);
      return;
    }
  self->refer_to = g_strdup (refer_to);
  g_signal_emit (self, signals[SIGNAL_TRANSFER_NEW_INCOMING], 0, refer_to,
                 referred_by ? referred_by : "");
}

static void
on_refer_status (SipSimpleInvitation *inv, guint code, const char *reason, gboolean final,
                 SipSimpleSession *self)
{
  if (!self->transferring)
    return;
  if (code < 300 && !self->transfer_started)
    {
      self->transfer_started = TRUE;
      g_signal_emit (self, signals[SIGNAL_TRANSFER_STARTED], 0);
    }
  if (!final && code < 200)
    return;
  if (code >= 200 && code < 300)
    {
      self->transferring = FALSE;
      g_signal_emit (self, signals[SIGNAL_TRANSFER_SUCCEEDED], 0);
      /* the transferee talks to the target now */
      sip_simple_session_end (self);
    }
  else if (code >= 300 || final)
    {
      self->transferring = FALSE;
      g_signal_emit (self, signals[SIGNAL_TRANSFER_FAILED], 0, code, reason);
    }
}

/* ---- construction ------------------------------------------------------- */

static void
bind_invitation (SipSimpleSession *self, SipSimpleInvitation *inv)
{
  self->inv = g_object_ref (inv);
  g_signal_connect (inv, "response", G_CALLBACK (on_response), self);
  g_signal_connect (inv, "state-changed", G_CALLBACK (on_invitation_state), self);
  g_signal_connect (inv, "reinvite", G_CALLBACK (on_reinvite), self);
  g_signal_connect (inv, "refer", G_CALLBACK (on_refer), self);
  g_signal_connect (inv, "reinvite-cancelled", G_CALLBACK (on_reinvite_cancelled), self);
  g_signal_connect (inv, "refer-status", G_CALLBACK (on_refer_status), self);
}

/**
 * sip_simple_session_new:
 * @account: the account the session belongs to
 *
 * Returns: (transfer full): a new session in the null state
 */
SipSimpleSession *
sip_simple_session_new (SipSimpleAccount *account)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ACCOUNT (account), NULL);
  return g_object_new (SIP_SIMPLE_TYPE_SESSION, "account", account, NULL);
}

SipSimpleSession *
sip_simple_session_new_incoming (SipSimpleAccount    *account,
                                 SipSimpleInvitation *inv,
                                 GstSDPMessage       *offer,
                                 GError             **error)
{
  g_autoptr (SipSimpleSession) self = sip_simple_session_new (account);
  SipSimpleMediaStreamRegistry *registry = sip_simple_media_stream_registry_get_default ();
  gboolean any = FALSE;

  self->incoming = TRUE;
  self->engine = g_object_ref (sip_simple_account_get_engine (account));
  self->sdp = sip_simple_sdp_session_new (sip_simple_engine_get_bound_host (self->engine));
  self->offer = offer;
  self->proposed = g_ptr_array_new_with_free_func (unref_nullable);
  for (guint i = 0; i < gst_sdp_message_medias_len (offer); i++)
    {
      SipSimpleMediaStream *s = sip_simple_media_stream_registry_create_stream (registry, offer, i);
      g_ptr_array_add (self->proposed, s);
      any = any || s != NULL;
    }
  if (!any)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "None of the offered media streams is supported");
      return NULL;
    }
  if (sip_simple_invitation_get_request_headers (inv) != NULL)
    self->subject = g_strdup (sip_simple_headers_get (sip_simple_invitation_get_request_headers (inv),
                                                      "Subject"));
  bind_invitation (self, inv);
  set_state (self, SIP_SIMPLE_SESSION_STATE_INCOMING);
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
      g_autofree char *why = g_strdup_printf ("media stream failed to initialize: %s",
                                              self->init_error->message);
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, why);
      return;
    }
  offer = build_sdp (self, NULL, self->slots, &error);
  if (offer == NULL)
    {
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
      return;
    }
  text = sdp_text (offer);
  self->local_sdp = g_steal_pointer (&offer);
  if (self->subject != NULL)
    {
      if (self->extra_headers == NULL)
        self->extra_headers = sip_simple_headers_new ();
      sip_simple_headers_set (self->extra_headers, "Subject", self->subject, NULL);
    }
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTING);
  if (!sip_simple_invitation_send_invite (self->inv, text, self->extra_headers, &error))
    terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
}

gboolean
sip_simple_session_connect_full (SipSimpleSession      *self,
                                 const char            *to,
                                 SipSimpleMediaStream **streams,
                                 guint                  n_streams,
                                 SipSimpleHeaders      *extra_headers,
                                 GError               **error)
{
  g_autoptr (SipSimpleUri) target = NULL;
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleNameAddr) to_na = NULL;
  g_autoptr (SipSimpleInvitation) inv = NULL;
  SipSimpleEngine *engine;

  if (!check_state (self, error, "connect", 1, SIP_SIMPLE_SESSION_STATE_NULL))
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
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "A session needs at least one media stream");
      return FALSE;
    }
  for (guint i = 0; i < n_streams; i++)
    if (!SIP_SIMPLE_IS_MEDIA_STREAM (streams[i])
        || sip_simple_media_stream_get_state (streams[i]) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
      {
        g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
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

  set_state (self, SIP_SIMPLE_SESSION_STATE_OUTGOING);
  g_signal_emit (self, signals[SIGNAL_NEW_OUTGOING], 0);
  {
    SipSimpleApplication *app = sip_simple_account_get_application (self->account);
    SipSimpleSessionManager *manager = app ? sip_simple_application_get_session_manager (app) : NULL;
    if (manager != NULL)
      sip_simple_session_manager_track (manager, self);
  }
  initialize_streams (self, self->slots, outgoing_streams_ready);
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
 */
gboolean
sip_simple_session_connect_to (SipSimpleSession      *self,
                            const char            *to,
                            SipSimpleMediaStream **streams,
                            guint                  n_streams,
                            GError               **error)
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
 */
gboolean
sip_simple_session_send_ring_indication (SipSimpleSession *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "send a ring indication for", 1, SIP_SIMPLE_SESSION_STATE_INCOMING))
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
      g_autofree char *why = g_strdup_printf ("media stream failed to initialize: %s",
                                              self->init_error->message);
      sip_simple_invitation_send_response (self->inv, 500, NULL, NULL, NULL);
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (why), g_free);
      self->end_requested = TRUE;
      return;
    }
  answer = build_sdp (self, self->offer, self->slots, &error);
  if (answer == NULL)
    {
      sip_simple_invitation_send_response (self->inv, 488, NULL, NULL, NULL);
      g_object_set_data_full (G_OBJECT (self), "failure-reason", g_strdup (error->message), g_free);
      self->end_requested = TRUE;
      return;
    }
  text = sdp_text (answer);
  self->local_sdp = g_steal_pointer (&answer);
  self->remote_sdp = g_steal_pointer (&self->offer);
  if (!sip_simple_invitation_send_response (self->inv, 200, NULL, text, &error))
    {
      terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_WILL_START], 0);
  if (!start_streams (self, &error))
    on_stream_failed (g_ptr_array_index (self->slots, 0), error, self);
}

/* Maps the streams the user picked onto the offer's m-lines. */
static GPtrArray *
match_proposed (SipSimpleSession *self, SipSimpleMediaStream **streams, guint n, guint first,
                GError **error)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (unref_nullable);

  for (guint i = 0; i < n; i++)
    if (!g_ptr_array_find (self->proposed, streams[i], NULL))
      {
        g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                             "Only proposed streams can be accepted");
        g_ptr_array_unref (slots);
        return NULL;
      }
  for (guint i = first; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      gboolean chosen = FALSE;
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
 */
gboolean
sip_simple_session_accept (SipSimpleSession      *self,
                           SipSimpleMediaStream **streams,
                           guint                  n_streams,
                           GError               **error)
{
  g_autoptr (GPtrArray) slots = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "accept", 1, SIP_SIMPLE_SESSION_STATE_INCOMING))
    return FALSE;
  if (n_streams == 0)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "Accept at least one stream, or reject the session");
      return FALSE;
    }
  slots = match_proposed (self, streams, n_streams, 0, error);
  if (slots == NULL)
    return FALSE;
  g_ptr_array_unref (self->slots);
  self->slots = g_steal_pointer (&slots);
  for (guint i = 0; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      if (p != NULL && !g_ptr_array_find (self->slots, p, NULL))
        end_stream (self, p);
    }
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTING);
  initialize_streams (self, self->slots, incoming_streams_ready);
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
 */
gboolean
sip_simple_session_reject (SipSimpleSession *self, guint code, const char *reason, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "reject", 1, SIP_SIMPLE_SESSION_STATE_INCOMING))
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
  set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
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
      set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
      g_signal_emit (self, signals[SIGNAL_WILL_END], 0);
    }
  else
    set_state (self, SIP_SIMPLE_SESSION_STATE_TERMINATING);
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      sip_simple_media_stream_deactivate (g_ptr_array_index (self->slots, i));
  if (self->inv != NULL)
    sip_simple_invitation_end (self->inv);
  else
    terminate (self, TRUE, SIP_SIMPLE_ORIGINATOR_LOCAL, 0, NULL, "user request");
}

/* ---- proposals ----------------------------------------------------------- */

static void
send_proposal (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autofree char *text = NULL;
  GPtrArray *slots = self->slots;

  if (self->init_error != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, self->init_error->message);
      if (self->proposal == PROPOSAL_ADD && self->proposal_stream)
        {
          g_ptr_array_remove (self->slots, self->proposal_stream);
          end_stream (self, self->proposal_stream);
          g_clear_object (&self->proposal_stream);
        }
      self->proposal = PROPOSAL_NONE;
      set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  if (self->proposal == PROPOSAL_NONE)
    self->proposal = PROPOSAL_HOLD;
  if (self->proposal == PROPOSAL_REMOVE)
    {
      /* offer the removed line with port 0 */
      slots = g_ptr_array_new ();
      for (guint i = 0; i < self->slots->len; i++)
        g_ptr_array_add (slots, g_ptr_array_index (self->slots, i));
      for (guint i = 0; i < slots->len; i++)
        if (g_ptr_array_index (slots, i) == self->proposal_stream)
          g_ptr_array_index (slots, i) = NULL;
    }
  offer = build_sdp (self, NULL, slots, &error);
  if (slots != self->slots)
    g_ptr_array_unref (slots);
  if (offer == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, error->message);
      self->proposal = PROPOSAL_NONE;
      set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  text = sdp_text (offer);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&offer);
  set_state (self, SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL);
  if (!sip_simple_invitation_send_reinvite (self->inv, text, &error))
    {
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, error->message);
      self->proposal = PROPOSAL_NONE;
      set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
    }
}

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
  send_proposal (self);
  return TRUE;
}

/**
 * sip_simple_session_hold:
 * @self: a session
 * @error: return location for a #GError
 *
 * Puts the streams on hold (a re-INVITE with sendonly/inactive media), now
 * or as soon as the session allows. #SipSimpleSession::hold-state-changed
 * follows.
 *
 * Returns: %FALSE if the session is ending
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
 * Takes the streams off hold.
 *
 * Returns: %FALSE if the session is ending
 */
gboolean
sip_simple_session_unhold (SipSimpleSession *self, GError **error)
{
  return change_hold (self, FALSE, error);
}

static void
added_stream_ready (SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL)
    return;
  send_proposal (self);
}

/**
 * sip_simple_session_add_stream:
 * @self: a connected session
 * @stream: a new stream
 * @error: return location for a #GError
 *
 * Proposes @stream to the peer (re-INVITE). #SipSimpleSession::got-proposal
 * is emitted, then #SipSimpleSession::got-accept-proposal and
 * #SipSimpleSession::streams-renegotiated, or
 * #SipSimpleSession::got-reject-proposal.
 *
 * Returns: %FALSE when not connected or @stream is not new
 */
gboolean
sip_simple_session_add_stream (SipSimpleSession *self, SipSimpleMediaStream *stream, GError **error)
{
  g_autoptr (GPtrArray) one = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (stream), FALSE);
  if (!check_state (self, error, "add a stream to", 1, SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;
  if (sip_simple_media_stream_get_state (stream) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           "The stream is not new");
      return FALSE;
    }
  self->proposal = PROPOSAL_ADD;
  self->proposal_stream = g_object_ref (stream);
  g_ptr_array_add (self->slots, g_object_ref (stream));
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  self->proposed = g_ptr_array_new_with_free_func (unref_nullable);
  g_ptr_array_add (self->proposed, g_object_ref (stream));
  set_state (self, SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL);
  g_signal_emit (self, signals[SIGNAL_GOT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_LOCAL);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, stream);
  initialize_streams (self, one, added_stream_ready);
  return TRUE;
}

/**
 * sip_simple_session_remove_stream:
 * @self: a connected session
 * @stream: one of its streams
 * @error: return location for a #GError
 *
 * Stops @stream and tells the peer (its media line gets port 0). The
 * stream is removed even if the peer refuses the re-INVITE.
 * #SipSimpleSession::streams-renegotiated follows.
 *
 * Returns: %FALSE when not connected, or if @stream is not in the session
 *   or is its last stream (end the session instead)
 */
gboolean
sip_simple_session_remove_stream (SipSimpleSession *self, SipSimpleMediaStream *stream, GError **error)
{
  g_autoptr (GPtrArray) active = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "remove a stream from", 1, SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;
  active = active_streams (self);
  if (!g_ptr_array_find (active, stream, NULL) || active->len < 2)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           active->len < 2 ? "The last stream cannot be removed: end the session"
                                           : "The stream is not part of this session");
      return FALSE;
    }
  sip_simple_media_stream_deactivate (stream);
  self->proposal = PROPOSAL_REMOVE;
  self->proposal_stream = g_object_ref (stream);
  send_proposal (self);
  return TRUE;
}

static void
accepted_proposal_ready (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autofree char *text = NULL;
  guint old = self->slots->len;

  if (self->state != SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL)
    return;
  /* the new m-lines join the slots (NULL where rejected) */
  {
    GPtrArray *chosen = g_object_get_data (G_OBJECT (self), "accept-slots");
    for (guint i = 0; chosen && i < chosen->len; i++)
      {
        SipSimpleMediaStream *s = g_ptr_array_index (chosen, i);
        g_ptr_array_add (self->slots, s ? g_object_ref (s) : NULL);
      }
  }
  g_object_set_data (G_OBJECT (self), "accept-slots", NULL);

  if (self->init_error != NULL)
    {
      sip_simple_invitation_send_response (self->inv, 500, NULL, NULL, NULL);
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, self->init_error->message);
      for (guint i = self->slots->len; i > old; i--)
        {
          end_stream (self, g_ptr_array_index (self->slots, i - 1));
          g_ptr_array_remove_index (self->slots, i - 1);
        }
      set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  answer = build_sdp (self, self->offer, self->slots, &error);
  if (answer == NULL)
    {
      sip_simple_invitation_send_response (self->inv, 488, NULL, NULL, NULL);
      g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, error->message);
      g_ptr_array_set_size (self->slots, old);
      set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  text = sdp_text (answer);
  sip_simple_invitation_send_response (self->inv, 200, NULL, text, NULL);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&answer);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = g_steal_pointer (&self->offer);
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, signals[SIGNAL_GOT_ACCEPT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_REMOTE);
  for (guint i = old; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      watch_stream (self, s);
      g_object_set_qdata (G_OBJECT (s), added_quark (), GINT_TO_POINTER (1));
      identify_stream (self, s);
      if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, &error))
        {
          g_signal_emit (self, signals[SIGNAL_PROPOSAL_FAILED], 0, error->message);
          g_clear_error (&error);
        }
    }
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
}

/**
 * sip_simple_session_accept_proposal:
 * @self: a session that received a proposal
 * @streams: (array length=n_streams): the proposed streams to accept
 * @n_streams: how many
 * @error: return location for a #GError
 *
 * Accepts some of the streams the peer proposed (the others are refused).
 *
 * Returns: %FALSE when there is no proposal or the streams are not proposed ones
 */
gboolean
sip_simple_session_accept_proposal (SipSimpleSession      *self,
                                    SipSimpleMediaStream **streams,
                                    guint                  n_streams,
                                    GError               **error)
{
  GPtrArray *chosen;
  g_autoptr (GPtrArray) init = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "accept a proposal of", 1, SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL))
    return FALSE;
  chosen = match_proposed (self, streams, n_streams, self->slots->len, error);
  if (chosen == NULL)
    return FALSE;
  g_object_set_data_full (G_OBJECT (self), "accept-slots", chosen, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = self->slots->len; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      if (p != NULL && !g_ptr_array_find (chosen, p, NULL))
        end_stream (self, p);
    }
  set_state (self, SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL);
  initialize_streams (self, chosen, accepted_proposal_ready);
  return TRUE;
}

/**
 * sip_simple_session_reject_proposal:
 * @self: a session that received a proposal
 * @code: the status, usually 488 (Not Acceptable Here)
 * @reason: (nullable): ignored; the standard phrase is sent
 * @error: return location for a #GError
 *
 * Refuses the peer's proposal; #SipSimpleSession::got-reject-proposal follows.
 *
 * Returns: %FALSE when there is no proposal
 */
gboolean
sip_simple_session_reject_proposal (SipSimpleSession *self,
                                    guint             code,
                                    const char       *reason,
                                    GError          **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "reject a proposal of", 1, SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL))
    return FALSE;
  if (code < 300 || code > 699)
    code = 488;
  sip_simple_invitation_send_response (self->inv, code, NULL, NULL, NULL);
  for (guint i = self->slots->len; i < self->proposed->len; i++)
    end_stream (self, g_ptr_array_index (self->proposed, i));
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, signals[SIGNAL_GOT_REJECT_PROPOSAL], 0, SIP_SIMPLE_ORIGINATOR_REMOTE, code,
                 reason ? reason : sip_simple_status_phrase (code));
  return TRUE;
}

/**
 * sip_simple_session_cancel_proposal:
 * @self: a session that sent a proposal
 * @error: return location for a #GError
 *
 * Cancels our pending proposal (CANCEL of the re-INVITE);
 * #SipSimpleSession::got-reject-proposal with 487 follows.
 *
 * Returns: %FALSE when no proposal of ours is pending
 */
gboolean
sip_simple_session_cancel_proposal (SipSimpleSession *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "cancel the proposal of", 1, SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL))
    return FALSE;
  if (!sip_simple_invitation_cancel_reinvite (self->inv, error))
    return FALSE;
  set_state (self, SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL);
  return TRUE;
}

/* ---- transfers ----------------------------------------------------------- */

static char *
escape_for_uri_header (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/**
 * sip_simple_session_transfer:
 * @self: a connected session
 * @target: (nullable): whom the peer should call: a SIP URI, `user@domain` or a
 *   user; for an attended transfer %NULL means the peer of @replaced_session
 * @replaced_session: (nullable): for an attended transfer, our session with
 *   @target that the new call replaces
 * @error: return location for a #GError
 *
 * Transfers the peer (REFER, RFC 3515; with Replaces, RFC 3891, when
 * @replaced_session is given). #SipSimpleSession::transfer-new-outgoing,
 * then transfer-started and transfer-succeeded (the session then ends) or
 * transfer-failed.
 *
 * Returns: %FALSE when not connected or the target is invalid
 */
gboolean
sip_simple_session_transfer (SipSimpleSession *self,
                             const char       *target,
                             SipSimpleSession *replaced_session,
                             GError          **error)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *uri_text = NULL;
  g_autofree char *refer_to = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!check_state (self, error, "transfer", 1, SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;

  if (replaced_session != NULL)
    {
      g_autofree char *replaces = NULL;
      g_autofree char *escaped = NULL;
      SipSimpleNameAddr *peer;

      if (replaced_session->inv == NULL
          || sip_simple_invitation_get_state (replaced_session->inv) != SIP_SIMPLE_INVITATION_STATE_CONNECTED)
        {
          g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                               "The replaced session is not established");
          return FALSE;
        }
      replaces = sip_simple_invitation_make_replaces (replaced_session->inv);
      peer = sip_simple_invitation_get_remote_identity (replaced_session->inv);
      if (replaces == NULL || peer == NULL)
        {
          g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_FAILED,
                               "Could not identify the replaced dialog");
          return FALSE;
        }
      /* "Replaces: callid;to-tag=..;from-tag=.." -> the header value */
      if (g_str_has_prefix (replaces, "Replaces:"))
        {
          char *v = replaces + strlen ("Replaces:");
          while (*v == ' ')
            v++;
          escaped = escape_for_uri_header (g_strchomp (v));
        }
      else
        escaped = escape_for_uri_header (replaces);
      uri = target ? sip_simple_account_resolve_target (self->account, target, error)
                   : sip_simple_uri_copy (sip_simple_name_addr_get_uri (peer));
      if (uri == NULL)
        return FALSE;
      uri_text = sip_simple_uri_to_string (uri);
      refer_to = g_strdup_printf ("<%s?Replaces=%s>", uri_text, escaped);
    }
  else
    {
      uri = sip_simple_account_resolve_target (self->account, target, error);
      if (uri == NULL)
        return FALSE;
      uri_text = sip_simple_uri_to_string (uri);
      refer_to = g_strdup_printf ("<%s>", uri_text);
    }

  if (!sip_simple_invitation_send_refer (self->inv, refer_to, error))
    return FALSE;
  self->transferring = TRUE;
  self->transfer_started = FALSE;
  g_signal_emit (self, signals[SIGNAL_TRANSFER_NEW_OUTGOING], 0, uri_text);
  return TRUE;
}

static void
transfer_progress (SipSimpleSession *target, guint code, const char *reason, SipSimpleSession *self)
{
  sip_simple_invitation_notify_refer (self->inv, code, reason, FALSE, NULL);
}

static void
transfer_started (SipSimpleSession *target, SipSimpleSession *self)
{
  sip_simple_invitation_notify_refer (self->inv, 200, "OK", TRUE, NULL);
  g_signal_emit (self, signals[SIGNAL_TRANSFER_SUCCEEDED], 0);
  g_signal_handlers_disconnect_by_data (target, self);
  g_clear_object (&self->transfer_session);
  /* we are connected to the target now */
  sip_simple_session_end (self);
}

static void
transfer_failed (SipSimpleSession *target, SipSimpleOriginator originator, guint code,
                 const char *reason, const char *failure_reason, SipSimpleSession *self)
{
  guint c = code >= 300 ? code : 500;
  sip_simple_invitation_notify_refer (self->inv, c, reason, TRUE, NULL);
  g_signal_emit (self, signals[SIGNAL_TRANSFER_FAILED], 0, c, reason && *reason ? reason : failure_reason);
  g_signal_handlers_disconnect_by_data (target, self);
  g_clear_object (&self->transfer_session);
}

/**
 * sip_simple_session_accept_transfer:
 * @self: a session that received a transfer request
 * @error: return location for a #GError
 *
 * Accepts the transfer: calls the target with new streams of the same
 * types and settings as this session's (codecs, SRTP, ICE, audio input and
 * output — not GStreamer elements the application set as input-element or
 * output-element, which belong to the old stream; set new ones on the
 * streams of the session announced below), reports progress to the
 * transferor, and ends
 * this session when the new one starts. The new session is announced by
 * [signal@SipSimple.SessionManager::new-outgoing].
 *
 * Returns: %FALSE when no transfer is pending
 */
/* A new stream of the same type and configuration as @s, for the call a
 * transfer makes: the same codecs, crypto, ICE and audio input/output as
 * the call being transferred. Object-valued properties (GStreamer elements
 * the application handed over) stay with the old stream: an element
 * belongs to one pipeline. */
static SipSimpleMediaStream *
new_stream_like (SipSimpleMediaStream *s)
{
  guint n_specs = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (s), &n_specs);
  g_autofree const char **names = g_new0 (const char *, n_specs + 1);
  GValue *values = g_new0 (GValue, n_specs + 1);
  guint n = 0;
  GObject *copy;

  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *spec = specs[i];
      if ((spec->flags & G_PARAM_READABLE) == 0 || (spec->flags & G_PARAM_WRITABLE) == 0
          || (spec->flags & G_PARAM_DEPRECATED) != 0
          || g_type_is_a (spec->value_type, G_TYPE_OBJECT)
          || g_type_is_a (spec->value_type, G_TYPE_INTERFACE))
        continue;
      names[n] = spec->name;
      g_value_init (&values[n], spec->value_type);
      g_object_get_property (G_OBJECT (s), spec->name, &values[n]);
      n++;
    }
  copy = g_object_new_with_properties (G_OBJECT_TYPE (s), n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  g_free (values);
  return SIP_SIMPLE_MEDIA_STREAM (copy);
}

gboolean
sip_simple_session_accept_transfer (SipSimpleSession *self, GError **error)
{
  g_autoptr (SipSimpleNameAddr) na = NULL;
  g_autoptr (SipSimpleHeaders) extra = NULL;
  g_autoptr (GPtrArray) streams = NULL;
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *replaces = NULL;
  g_autofree char *target = NULL;
  SipSimpleSession *next;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (self->refer_to == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                           "No transfer request is pending");
      return FALSE;
    }
  na = sip_simple_name_addr_parse (self->refer_to, error);
  g_clear_pointer (&self->refer_to, g_free);
  if (na == NULL)
    {
      sip_simple_invitation_respond_refer (self->inv, 400, NULL, NULL);
      return FALSE;
    }
  uri = sip_simple_uri_copy (sip_simple_name_addr_get_uri (na));
  replaces = g_strdup (sip_simple_uri_get_header (uri, "Replaces"));
  if (replaces != NULL)
    {
      sip_simple_uri_remove_header (uri, "Replaces");
      extra = sip_simple_headers_new ();
      sip_simple_headers_append (extra, "Replaces", replaces, NULL);
    }
  target = sip_simple_uri_to_string (uri);

  streams = g_ptr_array_new_with_free_func (unref_nullable);
  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s != NULL)
        g_ptr_array_add (streams, new_stream_like (s));
    }
  if (!sip_simple_invitation_respond_refer (self->inv, 202, NULL, error))
    return FALSE;
  sip_simple_invitation_notify_refer (self->inv, 100, "Trying", FALSE, NULL);

  next = sip_simple_session_new (self->account);
  g_signal_connect (next, "got-provisional-response", G_CALLBACK (transfer_progress), self);
  g_signal_connect (next, "started", G_CALLBACK (transfer_started), self);
  g_signal_connect (next, "failed", G_CALLBACK (transfer_failed), self);
  self->transfer_session = next;
  g_signal_emit (self, signals[SIGNAL_TRANSFER_STARTED], 0);
  if (!sip_simple_session_connect_full (next, target, (SipSimpleMediaStream **) streams->pdata,
                                        streams->len, extra, error))
    {
      sip_simple_invitation_notify_refer (self->inv, 500, "Server Internal Error", TRUE, NULL);
      g_signal_handlers_disconnect_by_data (next, self);
      g_clear_object (&self->transfer_session);
      return FALSE;
    }
  return TRUE;
}

/**
 * sip_simple_session_reject_transfer:
 * @self: a session that received a transfer request
 * @code: the status, usually 486 or 603
 * @reason: (nullable): ignored; the standard phrase is sent
 * @error: return location for a #GError
 *
 * Refuses the transfer request.
 *
 * Returns: %FALSE when no transfer is pending
 */
gboolean
sip_simple_session_reject_transfer (SipSimpleSession *self,
                                    guint             code,
                                    const char       *reason,
                                    GError          **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (self->refer_to == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                           "No transfer request is pending");
      return FALSE;
    }
  g_clear_pointer (&self->refer_to, g_free);
  return sip_simple_invitation_respond_refer (self->inv, code >= 300 && code <= 699 ? code : 603,
                                              reason, error);
}

/* ---- accessors ----------------------------------------------------------- */

/**
 * sip_simple_session_get_state:
 * @self: a session
 *
 * Returns: the state
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
 * Returns: (transfer none): the account
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
 * Returns: whether the peer started the session
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
 * Returns: (transfer container) (element-type SipSimpleMediaStream): the
 *   streams of the session, in SDP order
 */
GPtrArray *
sip_simple_session_get_streams (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  return active_streams (self);
}

/**
 * sip_simple_session_get_proposed_streams:
 * @self: a session
 *
 * The streams of an incoming offer or of a pending proposal (empty when
 * there is none); pass some of them to [method@SipSimple.Session.accept]
 * or [method@SipSimple.Session.accept_proposal].
 *
 * Returns: (transfer container) (element-type SipSimpleMediaStream): the
 *   proposed streams
 */
GPtrArray *
sip_simple_session_get_proposed_streams (SipSimpleSession *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->proposed && i < self->proposed->len; i++)
    if (g_ptr_array_index (self->proposed, i) != NULL)
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (self->proposed, i)));
  return out;
}

/**
 * sip_simple_session_get_remote_identity:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the peer
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
 * Returns: (transfer none) (nullable): our identity in the session
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
 * Returns: (transfer none) (nullable): the peer's User-Agent, once known
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
 * Returns: (transfer none) (nullable): when the session started
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
 * Returns: (transfer none) (nullable): when the session ended
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
 * Returns: whether a stream is on hold, by either side
 */
gboolean
sip_simple_session_get_on_hold (SipSimpleSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL
        && sip_simple_media_stream_get_on_hold (g_ptr_array_index (self->slots, i)))
      return TRUE;
  return FALSE;
}

/**
 * sip_simple_session_get_subject:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the Subject
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
 * Returns: (transfer none) (nullable): the session an incoming INVITE with
 *   Replaces takes the place of
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
 * Returns: (transfer none) (nullable): the signalling of the session
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
 * Returns: (transfer none) (nullable): the current local description
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
 * Returns: (transfer none) (nullable): the current remote description
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
sip_simple_session_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_SUBJECT:
      g_free (self->subject);
      self->subject = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
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
      g_value_set_boolean (value, sip_simple_session_get_on_hold (self));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_session_dispose (GObject *object)
{
  SipSimpleSession *self = SIP_SIMPLE_SESSION (object);

  g_clear_handle_id (&self->retry_source, g_source_remove);
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
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
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
  g_clear_pointer (&self->sdp, sip_simple_sdp_session_free);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->stop_time, g_date_time_unref);
  g_clear_pointer (&self->extra_headers, sip_simple_headers_unref);
  g_clear_error (&self->init_error);
  g_free (self->subject);
  g_free (self->refer_to);
  G_OBJECT_CLASS (sip_simple_session_parent_class)->finalize (object);
}

static void
sip_simple_session_class_init (SipSimpleSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->set_property = sip_simple_session_set_property;
  object_class->get_property = sip_simple_session_get_property;
  object_class->dispose = sip_simple_session_dispose;
  object_class->finalize = sip_simple_session_finalize;

  /**
   * SipSimpleSession:state:
   *
   * The session state; `notify::state` fires on every transition.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The session state", SIP_SIMPLE_TYPE_SESSION_STATE,
                       SIP_SIMPLE_SESSION_STATE_NULL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:account:
   *
   * The account of the session.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, "The account", SIP_SIMPLE_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:on-hold:
   *
   * Whether a stream is on hold (by either side).
   */
  properties[PROP_ON_HOLD] =
    g_param_spec_boolean ("on-hold", NULL, "On hold", FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSession:subject:
   *
   * The session's Subject.
   */
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, "The subject", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleSession::new-outgoing:
   * @self: the session
   *
   * [method@SipSimple.Session.connect_to] started (SIPSessionNewOutgoing).
   */
  signals[SIGNAL_NEW_OUTGOING] =
    g_signal_new ("new-outgoing", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::got-ring-indication:
   * @self: the session
   *
   * The callee is ringing (SIPSessionGotRingIndication).
   */
  signals[SIGNAL_GOT_RING_INDICATION] =
    g_signal_new ("got-ring-indication", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::got-provisional-response:
   * @self: the session
   * @code: the status code (1xx)
   * @reason: the reason phrase
   *
   * A provisional response to our INVITE (SIPSessionGotProvisionalResponse).
   */
  signals[SIGNAL_GOT_PROVISIONAL_RESPONSE] =
    g_signal_new ("got-provisional-response", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleSession::will-start:
   * @self: the session
   *
   * The offer/answer completed; the streams are being started
   * (SIPSessionWillStart).
   */
  signals[SIGNAL_WILL_START] =
    g_signal_new ("will-start", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::started:
   * @self: the session
   *
   * The session is established and all its streams run
   * (SIPSessionDidStart); see [method@SipSimple.Session.get_streams].
   */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleSession::will-end:
   * @self: the session
   *
   * The session is about to end (SIPSessionWillEnd).
   */
  signals[SIGNAL_WILL_END] =
    g_signal_new ("will-end", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::ended:
   * @self: the session
   * @originator: who ended it
   * @end_reason: why, e.g. "user request"
   *
   * A started session ended (SIPSessionDidEnd).
   */
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_STRING);
  /**
   * SipSimpleSession::hold-state-changed:
   * @self: the session
   * @originator: who changed it
   * @on_hold: whether a stream is now on hold in that direction
   * @partial: whether some streams are held and others not
   *
   * SIPSessionDidChangeHoldState.
   */
  signals[SIGNAL_HOLD_STATE_CHANGED] =
    g_signal_new ("hold-state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  3, SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
  /**
   * SipSimpleSession::got-proposal:
   * @self: the session
   * @originator: who proposes
   *
   * New streams are proposed (SIPSessionGotProposal); see
   * [method@SipSimple.Session.get_proposed_streams].
   */
  signals[SIGNAL_GOT_PROPOSAL] =
    g_signal_new ("got-proposal", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  SIP_SIMPLE_TYPE_ORIGINATOR);
  /**
   * SipSimpleSession::got-accept-proposal:
   * @self: the session
   * @originator: who proposed
   *
   * The proposal was accepted (SIPSessionGotAcceptProposal).
   */
  signals[SIGNAL_GOT_ACCEPT_PROPOSAL] =
    g_signal_new ("got-accept-proposal", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_ORIGINATOR);
  /**
   * SipSimpleSession::got-reject-proposal:
   * @self: the session
   * @originator: who proposed
   * @code: the rejection status
   * @reason: its reason phrase
   *
   * The proposal was refused or cancelled (SIPSessionGotRejectProposal).
   */
  signals[SIGNAL_GOT_REJECT_PROPOSAL] =
    g_signal_new ("got-reject-proposal", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, SIP_SIMPLE_TYPE_ORIGINATOR, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleSession::proposal-failed:
   * @self: the session
   * @failure_reason: what went wrong
   *
   * A renegotiation failed for a local reason (SIPSessionHadProposalFailure).
   */
  signals[SIGNAL_PROPOSAL_FAILED] =
    g_signal_new ("proposal-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);
  /**
   * SipSimpleSession::streams-renegotiated:
   * @self: the session
   * @action: "add" or "remove"
   * @stream: the stream added or removed
   *
   * A stream joined or left the session (SIPSessionDidRenegotiateStreams).
   */
  signals[SIGNAL_STREAMS_RENEGOTIATED] =
    g_signal_new ("streams-renegotiated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
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
  signals[SIGNAL_TRANSFER_NEW_INCOMING] =
    g_signal_new ("transfer-new-incoming", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleSession::transfer-new-outgoing:
   * @self: the session
   * @target: the transfer target
   *
   * We asked the peer to call @target (SIPSessionTransferNewOutgoing).
   */
  signals[SIGNAL_TRANSFER_NEW_OUTGOING] =
    g_signal_new ("transfer-new-outgoing", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleSession::transfer-started:
   * @self: the session
   *
   * The transfer is under way (SIPSessionTransferDidStart).
   */
  signals[SIGNAL_TRANSFER_STARTED] =
    g_signal_new ("transfer-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::transfer-succeeded:
   * @self: the session
   *
   * The transfer target answered; this session ends.
   */
  signals[SIGNAL_TRANSFER_SUCCEEDED] =
    g_signal_new ("transfer-succeeded", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * SipSimpleSession::transfer-failed:
   * @self: the session
   * @code: the SIP status
   * @reason: the reason
   *
   * The transfer failed (SIPSessionTransferDidFail).
   */
  signals[SIGNAL_TRANSFER_FAILED] =
    g_signal_new ("transfer-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_UINT, G_TYPE_STRING);
}

static void
sip_simple_session_init (SipSimpleSession *self)
{
  self->slots = g_ptr_array_new_with_free_func (unref_nullable);
}
