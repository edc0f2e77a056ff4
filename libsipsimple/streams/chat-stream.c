/* libsipsimple - SipSimpleChatStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/chat-stream.h>
#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/sip/cpim.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/streams/media-stream.h>

#include "sip/random-internal.h"
#include "msrp-media-private.h"
#include "msrp-stream-private.h"
#include "engine/context-source-internal.h"

#include <string.h>

/**
 * SipSimpleChatStream:
 *
 * A chat: an `m=message … TCP/MSRP *` media line of a
 * [class@SipSimple.Session], negotiated alone or next to audio, added or
 * removed by re-INVITE. Incoming offers create it through the
 * [class@SipSimple.MediaStreamRegistry].
 *
 * Messages are wrapped in CPIM (RFC 3862) with `From`, `To` and
 * `DateTime` when the peer accepts `message/cpim`, sent as they are
 * otherwise. [method@SipSimple.ChatStream.send_message] returns the
 * message's id; each message then ends in exactly one of
 * [signal@SipSimple.ChatStream::message-delivered] and
 * [signal@SipSimple.ChatStream::message-failed], also when the stream
 * ends with messages in flight. Messages sent before the MSRP connection
 * is up wait for it.
 *
 * Typing notifications (RFC 3994): [method@SipSimple.ChatStream.set_composing]
 * on this side, [signal@SipSimple.ChatStream::composing-changed] for the
 * peer's. Delivery and display notifications (RFC 5438 IMDN) are asked
 * for with [property@SipSimple.ChatStream:request-delivery-notification]
 * and [property@SipSimple.ChatStream:request-display-notification] and
 * arrive as [signal@SipSimple.ChatStream::notification-received].
 *
 * Since: 0.1
 */

#define ISCOMPOSING_TYPE "application/im-iscomposing+xml"
#define IMDN_TYPE "message/imdn+xml"
#define IMDN_NS "urn:ietf:params:imdn"
#define DEFAULT_REFRESH 60
#define DEFAULT_IDLE_TIMEOUT 15
#define REMOTE_DEFAULT_TIMEOUT 120
#define LOST_GRACE_MS 1000

typedef struct
{
  char   *id;      /* the chat id (also imdn.Message-ID) */
  guint64 seq;     /* sending order */
  char   *msrp_id; /* NULL while queued */
  char   *content_type;
  GBytes *payload; /* what goes on the wire */
} Pending;

struct _SipSimpleChatStream
{
  SipSimpleMsrpStream parent_instance;

  GSource *lost_source;
  GError  *lost_error;

  SipSimpleNameAddr *local_identity;
  SipSimpleNameAddr *remote_identity;
  GStrv              accept_types;
  GStrv              accept_wrapped_types;
  GStrv              remote_accept_types;
  GStrv              remote_wrapped_types;
  gboolean           use_cpim;
  gboolean           request_delivery;
  gboolean           request_display;
  gboolean           send_delivery;
  guint              idle_timeout;

  GHashTable *pending; /* chat id -> Pending, every message not yet delivered or failed */
  GHashTable *by_msrp; /* MSRP Message-ID -> chat id (borrowed from Pending) */
  GQueue      queued;  /* chat ids waiting for the connection, in order */
  guint64     next_seq;

  /* timers on the thread-default context of the stream's thread */
  gboolean local_composing;
  GSource *idle_source;
  GSource *refresh_source;
  gboolean remote_composing;
  GSource *remote_source;

  GHashTable *display_requests; /* incoming chat id -> sender (string) */
};

enum
{
  PROP_0,
  PROP_LOCAL_IDENTITY,
  PROP_REMOTE_IDENTITY,
  PROP_ACCEPT_TYPES,
  PROP_ACCEPT_WRAPPED_TYPES,
  PROP_USE_CPIM,
  PROP_REQUEST_DELIVERY,
  PROP_REQUEST_DISPLAY,
  PROP_SEND_DELIVERY,
  PROP_COMPOSING_IDLE_TIMEOUT,
  PROP_REMOTE_COMPOSING,
  PROP_MSRP_SESSION,
  N_PROPS
};

enum
{
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_MESSAGE_DELIVERED,
  SIGNAL_MESSAGE_FAILED,
  SIGNAL_COMPOSING_CHANGED,
  SIGNAL_NOTIFICATION_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleChatStream, sip_simple_chat_stream, SIP_SIMPLE_TYPE_MSRP_STREAM)

#define BASE(self) SIP_SIMPLE_MSRP_STREAM (self)
#define MSRP(self) sip_simple_msrp_stream_get_session (BASE (self))

static const char *const default_accept_types[]
    = { "message/cpim", "text/*", ISCOMPOSING_TYPE, NULL };
static const char *const default_wrapped_types[] = { "*", NULL };

static void
pending_free (Pending *p)
{
  g_free (p->id);
  g_free (p->msrp_id);
  g_free (p->content_type);
  g_clear_pointer (&p->payload, g_bytes_unref);
  g_free (p);
}

/* ---- sending ------------------------------------------------------------ */

/* Ends message @id with failure (it is in self->pending). */
static void
fail_pending (SipSimpleChatStream *self, const char *id, guint code, const char *reason)
{
  Pending         *p = g_hash_table_lookup (self->pending, id);
  g_autofree char *chat_id = NULL;

  if (p == NULL)
    return;
  chat_id = g_strdup (p->id);
  if (p->msrp_id)
    g_hash_table_remove (self->by_msrp, p->msrp_id);
  g_hash_table_remove (self->pending, chat_id);
  g_signal_emit (self, signals[SIGNAL_MESSAGE_FAILED], 0, chat_id, code, reason);
}

static gboolean
wants_cpim (SipSimpleChatStream *self)
{
  if (!self->use_cpim)
    return FALSE;
  /* before the answer, assume CPIM (our offer asks for it) */
  return self->remote_accept_types == NULL
         || sip_simple_msrp_accept_types_match ((const char *const *)self->remote_accept_types,
                                                "message/cpim");
}

static SipSimpleNameAddr *
bare_identity (SipSimpleNameAddr *id)
{
  if (id == NULL)
    return NULL;
  return sip_simple_name_addr_new (sip_simple_name_addr_get_display_name (id),
                                   sip_simple_name_addr_get_uri (id));
}

/* The bytes and content type that go on the wire for a message. */
static GBytes *
wrap (SipSimpleChatStream *self, const char *id, const char *content_type, GBytes *body,
      gboolean is_message, char **wire_type)
{
  g_autoptr (SipSimpleCpimMessage) cpim = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleNameAddr) to = NULL;

  if (!wants_cpim (self))
    {
      *wire_type = g_strdup (content_type);
      return g_bytes_ref (body);
    }
  cpim = sip_simple_cpim_message_new (content_type, body);
  from = bare_identity (self->local_identity);
  to = bare_identity (self->remote_identity);
  if (from)
    sip_simple_cpim_message_set_from (cpim, from);
  if (to)
    sip_simple_cpim_message_set_to (cpim, to);
  now = g_date_time_new_now_utc ();
  sip_simple_cpim_message_set_datetime (cpim, now);
  if (id)
    {
      sip_simple_cpim_message_set_namespace_header (cpim, IMDN_NS, "imdn", "Message-ID", id, NULL);
      if (is_message && (self->request_delivery || self->request_display))
        {
          const char *value = self->request_delivery && self->request_display
                                  ? "positive-delivery, display"
                              : self->request_delivery ? "positive-delivery"
                                                       : "display";
          sip_simple_cpim_message_set_namespace_header (cpim, IMDN_NS, "imdn",
                                                        "Disposition-Notification", value, NULL);
        }
    }
  *wire_type = g_strdup ("message/cpim");
  return sip_simple_cpim_message_to_bytes (cpim);
}

/* Hands a queued message to the MSRP session. */
static void
submit (SipSimpleChatStream *self, Pending *p)
{
  g_autoptr (GError) error = NULL;
  char *msrp_id
      = sip_simple_msrp_session_send_message (MSRP (self), p->content_type, p->payload, &error);

  if (msrp_id == NULL)
    {
      fail_pending (self, p->id, 0, error->message);
      return;
    }
  p->msrp_id = msrp_id;
  g_hash_table_insert (self->by_msrp, p->msrp_id, p->id);
}

static void
flush_queue (SipSimpleChatStream *self)
{
  char *id;

  while ((id = g_queue_pop_head (&self->queued)) != NULL)
    {
      Pending *p = g_hash_table_lookup (self->pending, id);
      if (p != NULL)
        {
          g_autoptr (GBytes) raw = g_steal_pointer (&p->payload);
          g_autofree char *type = g_steal_pointer (&p->content_type);

          p->payload = wrap (self, p->id, type, raw, TRUE, &p->content_type);
          submit (self, p);
        }
      g_free (id);
    }
}

/* Control messages (is-composing, IMDN): best effort, not tracked. */
static void
send_control (SipSimpleChatStream *self, const char *content_type, const char *body, const char *id)
{
  g_autoptr (GBytes) raw = g_bytes_new (body, strlen (body));
  g_autofree char *wire_type = NULL;
  g_autoptr (GBytes) payload = NULL;
  g_autofree char *msrp_id = NULL;

  if (!sip_simple_msrp_stream_is_connected (BASE (self)) || MSRP (self) == NULL)
    return;
  payload = wrap (self, id, content_type, raw, FALSE, &wire_type);
  msrp_id = sip_simple_msrp_session_send_message (MSRP (self), wire_type, payload, NULL);
}

/* ---- is-composing (RFC 3994) -------------------------------------------- */

static void
send_iscomposing (SipSimpleChatStream *self, gboolean active)
{
  g_autofree char *xml
      = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\n"
                         "  <state>%s</state>\n"
                         "  <contenttype>text/plain</contenttype>\n"
                         "%s"
                         "</isComposing>\n",
                         active ? "active" : "idle",
                         active ? "  <refresh>" G_STRINGIFY (DEFAULT_REFRESH) "</refresh>\n" : "");
  g_autofree char   *id = NULL;
  const char *const *accepted
      = (const char *const *)(wants_cpim (self) ? self->remote_wrapped_types
                                                : self->remote_accept_types);

  /* only to a peer that takes it (no wrapped types listed: anything) */
  if (accepted && !sip_simple_msrp_accept_types_match (accepted, ISCOMPOSING_TYPE))
    return;
  id = sip_simple_random_string (16, SIP_SIMPLE_RANDOM_ALNUM);
  send_control (self, ISCOMPOSING_TYPE, xml, id);
}

static void
stop_local_composing (SipSimpleChatStream *self)
{
  sip_simple_source_clear (&self->idle_source);
  sip_simple_source_clear (&self->refresh_source);
  self->local_composing = FALSE;
}

static gboolean
local_idle_timeout (gpointer data)
{
  SipSimpleChatStream *self = data;

  sip_simple_source_clear (&self->idle_source);
  stop_local_composing (self);
  send_iscomposing (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
local_refresh (gpointer data)
{
  SipSimpleChatStream *self = data;

  send_iscomposing (self, TRUE);
  return G_SOURCE_CONTINUE;
}

static gboolean remote_composing_expired (gpointer data);

static void
set_remote_composing (SipSimpleChatStream *self, gboolean composing, guint timeout)
{
  sip_simple_source_clear (&self->remote_source);
  if (composing)
    self->remote_source
        = sip_simple_timeout_attach_seconds (timeout, remote_composing_expired, self);
  if (self->remote_composing == composing)
    return;
  self->remote_composing = composing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_COMPOSING]);
  g_signal_emit (self, signals[SIGNAL_COMPOSING_CHANGED], 0, composing);
}

/* the peer neither refreshed nor went idle in time (RFC 3994 section 4.2) */
static gboolean
remote_composing_expired (gpointer data)
{
  SipSimpleChatStream *self = data;

  sip_simple_source_clear (&self->remote_source);
  set_remote_composing (self, FALSE, 0);
  return G_SOURCE_REMOVE;
}

/* ---- XML bodies ---------------------------------------------------------- */

typedef struct
{
  GString *text;
  char    *state;      /* isComposing/state */
  char    *refresh;    /* isComposing/refresh */
  char    *message_id; /* imdn/message-id */
  char    *status;     /* the element inside imdn/.../status */
  gboolean in_status;
} XmlInfo;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon ? colon + 1 : name;
}

static void
xml_start (G_GNUC_UNUSED GMarkupParseContext *ctx, const char *element,
           G_GNUC_UNUSED const char **names, G_GNUC_UNUSED const char **values, gpointer data,
           G_GNUC_UNUSED GError **error)
{
  XmlInfo    *info = data;
  const char *name = local_name (element);

  g_string_truncate (info->text, 0);
  if (info->in_status && info->status == NULL)
    info->status = g_strdup (name);
  if (strcmp (name, "status") == 0)
    info->in_status = TRUE;
}

static void
xml_end (G_GNUC_UNUSED GMarkupParseContext *ctx, const char *element, gpointer data,
         G_GNUC_UNUSED GError **error)
{
  XmlInfo    *info = data;
  const char *name = local_name (element);
  char      **slot = NULL;

  if (strcmp (name, "state") == 0)
    slot = &info->state;
  else if (strcmp (name, "refresh") == 0)
    slot = &info->refresh;
  else if (strcmp (name, "message-id") == 0)
    slot = &info->message_id;
  else if (strcmp (name, "status") == 0)
    info->in_status = FALSE;
  if (slot && *slot == NULL)
    *slot = g_strstrip (g_strdup (info->text->str));
}

static void
xml_text (G_GNUC_UNUSED GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
          G_GNUC_UNUSED GError **error)
{
  XmlInfo *info = data;
  g_string_append_len (info->text, text, (gssize)len);
}

static void
xml_info_clear (XmlInfo *info)
{
  g_string_free (info->text, TRUE);
  g_free (info->state);
  g_free (info->refresh);
  g_free (info->message_id);
  g_free (info->status);
}

static gboolean
parse_xml (GBytes *body, XmlInfo *info)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) ctx = NULL;
  gsize       len;
  const char *data = g_bytes_get_data (body, &len);
  gboolean    ok;

  memset (info, 0, sizeof *info);
  info->text = g_string_new (NULL);
  if (data == NULL || !g_utf8_validate (data, (gssize)len, NULL))
    return FALSE;
  /* GMarkup does not take the XML declaration */
  if (len > 5 && strncmp (data, "<?xml", 5) == 0)
    {
      const char *end = g_strstr_len (data, (gssize)len, "?>");
      if (end == NULL)
        return FALSE;
      len -= (gsize)(end + 2 - data);
      data = end + 2;
    }
  ctx = g_markup_parse_context_new (&parser, 0, info, NULL);
  ok = g_markup_parse_context_parse (ctx, data, (gssize)len, NULL)
       && g_markup_parse_context_end_parse (ctx, NULL);
  return ok;
}

/* ---- receiving ----------------------------------------------------------- */

static void
send_imdn (SipSimpleChatStream *self, const char *message_id, const char *status)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *escaped = g_markup_escape_text (message_id, -1);
  const char      *kind
      = strcmp (status, "displayed") == 0 ? "display-notification" : "delivery-notification";
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
                                          "  <message-id>%s</message-id>\n"
                                          "  <datetime>%s</datetime>\n"
                                          "  <%s><status><%s/></status></%s>\n"
                                          "</imdn>\n",
                                          escaped, when, kind, status, kind);
  g_autofree char *id = sip_simple_random_string (16, SIP_SIMPLE_RANDOM_ALNUM);

  send_control (self, IMDN_TYPE, xml, id);
}

static void
handle_iscomposing (SipSimpleChatStream *self, GBytes *body)
{
  XmlInfo info;

  if (parse_xml (body, &info) && info.state)
    {
      guint refresh = REMOTE_DEFAULT_TIMEOUT;

      if (info.refresh)
        {
          guint64 r = g_ascii_strtoull (info.refresh, NULL, 10);
          /* the sender refreshes within r; allow for delay */
          if (r > 0 && r < 3600)
            refresh = (guint)r + 10;
        }
      set_remote_composing (self, g_ascii_strcasecmp (info.state, "active") == 0, refresh);
    }
  else
    g_debug ("ChatStream: ignoring a malformed is-composing document");
  xml_info_clear (&info);
}

static void
handle_imdn (SipSimpleChatStream *self, GBytes *body)
{
  XmlInfo info;

  if (parse_xml (body, &info) && info.message_id && info.status)
    g_signal_emit (self, signals[SIGNAL_NOTIFICATION_RECEIVED], 0, info.message_id, info.status);
  else
    g_debug ("ChatStream: ignoring a malformed IMDN document");
  xml_info_clear (&info);
}

static gboolean
type_is (const char *content_type, const char *wanted)
{
  gsize n = strlen (wanted);
  return content_type && g_ascii_strncasecmp (content_type, wanted, n) == 0
         && (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ');
}

static void
on_msrp_message_received (SipSimpleMsrpSession *msrp, const char *msrp_id, const char *content_type,
                          GBytes *body, SipSimpleChatStream *self)
{
  g_autoptr (SipSimpleCpimMessage) cpim = NULL;
  g_autoptr (SipSimpleNameAddr) sender = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  const char      *inner_type = content_type;
  GBytes          *inner = body;
  const char      *data;
  gsize            len;

  (void)msrp;
  if (body == NULL || content_type == NULL)
    return;
  if (type_is (content_type, "message/cpim"))
    {
      g_autoptr (GError) error = NULL;
      SipSimpleNameAddr *from;

      cpim = sip_simple_cpim_message_parse (body, &error);
      if (cpim == NULL)
        {
          g_debug ("ChatStream: dropping a malformed CPIM message: %s", error->message);
          return;
        }
      inner_type = sip_simple_cpim_message_get_content_type (cpim);
      inner = sip_simple_cpim_message_get_body (cpim);
      from = sip_simple_cpim_message_get_from (cpim);
      if (from)
        sender = sip_simple_name_addr_ref (from);
      if (sip_simple_cpim_message_get_datetime (cpim))
        when = g_date_time_ref (sip_simple_cpim_message_get_datetime (cpim));
      id = sip_simple_cpim_message_get_namespace_header (cpim, IMDN_NS, "Message-ID");
    }
  if (inner == NULL)
    return;
  if (type_is (inner_type, ISCOMPOSING_TYPE))
    {
      handle_iscomposing (self, inner);
      return;
    }
  if (type_is (inner_type, IMDN_TYPE))
    {
      handle_imdn (self, inner);
      return;
    }
  if (sender == NULL && self->remote_identity)
    sender = sip_simple_name_addr_ref (self->remote_identity);
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  if (id == NULL)
    id = g_strdup (msrp_id);
  data = g_bytes_get_data (inner, &len);
  text = g_utf8_make_valid (data ? data : "", (gssize)len);
  /* a message ends the peer's typing (RFC 3994 section 3) */
  set_remote_composing (self, FALSE, 0);
  if (cpim)
    {
      g_autofree char *dn = sip_simple_cpim_message_get_namespace_header (
          cpim, IMDN_NS, "Disposition-Notification");
      if (dn && strstr (dn, "positive-delivery") && self->send_delivery)
        send_imdn (self, id, "delivered");
      if (dn && strstr (dn, "display"))
        g_hash_table_replace (self->display_requests, g_strdup (id), NULL);
    }
  g_signal_emit (self, signals[SIGNAL_MESSAGE_RECEIVED], 0, id, sender,
                 inner_type ? inner_type : "text/plain", text, when);
}

static void
on_msrp_delivered (SipSimpleMsrpSession *msrp, const char *msrp_id, SipSimpleChatStream *self)
{
  const char      *chat_id = g_hash_table_lookup (self->by_msrp, msrp_id);
  g_autofree char *id = NULL;

  (void)msrp;
  if (chat_id == NULL)
    return;
  id = g_strdup (chat_id);
  g_hash_table_remove (self->by_msrp, msrp_id);
  g_hash_table_remove (self->pending, id);
  g_signal_emit (self, signals[SIGNAL_MESSAGE_DELIVERED], 0, id);
}

static void fail_everything (SipSimpleChatStream *self, const char *reason);

static void
on_msrp_failed (SipSimpleMsrpSession *msrp, const char *msrp_id, guint code, const char *reason,
                SipSimpleChatStream *self)
{
  const char      *chat_id = g_hash_table_lookup (self->by_msrp, msrp_id);
  g_autofree char *id = NULL;

  if (chat_id == NULL)
    return;
  /* a closing session fails its messages in no particular order: fail
   * ours in the order they were sent */
  if (sip_simple_msrp_session_get_state (msrp) == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      fail_everything (self, reason);
      return;
    }
  id = g_strdup (chat_id);
  fail_pending (self, id, code, reason);
}

static gboolean
report_lost_connection (gpointer data)
{
  SipSimpleChatStream *self = data;

  sip_simple_source_clear (&self->lost_source);
  if (sip_simple_msrp_stream_get_state (BASE (self)) == SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING
      && !sip_simple_msrp_stream_is_deactivated (BASE (self)))
    sip_simple_msrp_stream_fail (BASE (self), self->lost_error);
  return G_SOURCE_REMOVE;
}

static void
on_msrp_closed (SipSimpleMsrpSession *msrp, const GError *error, SipSimpleChatStream *self)
{
  (void)msrp;
  fail_everything (self, error ? error->message : "The MSRP session was closed");
  if (error
      && sip_simple_msrp_stream_get_state (BASE (self)) == SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING
      && !sip_simple_msrp_stream_is_deactivated (BASE (self)))
    {
      /* A peer that hangs up or removes the stream closes the connection
       * about when its BYE or re-INVITE arrives: give the signalling a
       * moment to end the stream before calling it a failure. */
      g_clear_error (&self->lost_error);
      self->lost_error = g_error_copy (error);
      if (self->lost_source == NULL)
        self->lost_source = sip_simple_timeout_attach (LOST_GRACE_MS, report_lost_connection, self);
    }
}

static gint
by_seq (gconstpointer a, gconstpointer b)
{
  const Pending *x = *(const Pending *const *)a, *y = *(const Pending *const *)b;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Fails every message not yet delivered, in the order they were sent. */
static void
fail_everything (SipSimpleChatStream *self, const char *reason)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, by_seq);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (ids, g_strdup (((Pending *)g_ptr_array_index (list, i))->id));
  g_queue_clear_full (&self->queued, g_free);
  for (guint i = 0; i < ids->len; i++)
    fail_pending (self, g_ptr_array_index (ids, i), 0, reason);
}

/* ---- the MSRP stream's hooks -------------------------------------------- */

static gboolean
chat_accepts (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index)
{
  const GstSDPMedia *m = gst_sdp_message_get_media (remote_sdp, index);
  g_auto (GStrv) types = NULL;

  if (sip_simple_msrp_media_get_attribute (m, "file-selector") != NULL)
    return FALSE;
  types = sip_simple_msrp_parse_accept_types (
      sip_simple_msrp_media_get_attribute (m, "accept-types"), NULL);
  /* a malformed line is ours still: answering it gives 488 */
  return types == NULL
         || sip_simple_msrp_accept_types_match ((const char *const *)types, "message/cpim")
         || sip_simple_msrp_accept_types_match ((const char *const *)types, "text/plain");
}

/* What the peer's line accepts: a=accept-types, a=accept-wrapped-types */
static gboolean
read_accept_types (SipSimpleChatStream *self, const GstSDPMessage *remote_sdp, guint index,
                   GError **error)
{
  const GstSDPMedia *m = gst_sdp_message_get_media (remote_sdp, index);
  const char        *wrapped = sip_simple_msrp_media_get_attribute (m, "accept-wrapped-types");
  g_auto (GStrv) types = sip_simple_msrp_parse_accept_types (
      sip_simple_msrp_media_get_attribute (m, "accept-types"), error);

  if (types == NULL)
    return FALSE;
  g_strfreev (self->remote_accept_types);
  self->remote_accept_types = g_steal_pointer (&types);
  g_strfreev (self->remote_wrapped_types);
  self->remote_wrapped_types = wrapped ? sip_simple_msrp_parse_accept_types (wrapped, NULL) : NULL;
  return TRUE;
}

static gboolean
chat_answer (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index,
             GError **error)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (base);

  if (!read_accept_types (self, remote_sdp, index, error))
    return FALSE;
  if (!sip_simple_msrp_accept_types_match ((const char *const *)self->remote_accept_types,
                                           "message/cpim")
      && !sip_simple_msrp_accept_types_match ((const char *const *)self->remote_accept_types,
                                              "text/plain"))
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                           "The peer accepts neither message/cpim nor text/plain");
      return FALSE;
    }
  return TRUE;
}

static void
chat_add_attributes (SipSimpleMsrpStream *base, GstSDPMedia *media)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (base);
  g_autofree char     *accept = g_strjoinv (" ", self->accept_types);
  g_autofree char     *wrapped = g_strjoinv (" ", self->accept_wrapped_types);

  gst_sdp_media_add_attribute (media, "accept-types", accept);
  if (g_strv_contains ((const char *const *)self->accept_types, "message/cpim"))
    gst_sdp_media_add_attribute (media, "accept-wrapped-types", wrapped);
}

/* the answer (or our answer's offer) says what the peer accepts */
static gboolean
chat_start (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  return read_accept_types (SIP_SIMPLE_CHAT_STREAM (base), remote_sdp, index, error);
}

/* messages sent before the connection was up go now, before "started" */
static void
chat_running (SipSimpleMsrpStream *base)
{
  flush_queue (SIP_SIMPLE_CHAT_STREAM (base));
}

static void
chat_start_failed (SipSimpleMsrpStream *base, const GError *error)
{
  sip_simple_msrp_stream_set_state (base, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
  fail_everything (SIP_SIMPLE_CHAT_STREAM (base), error->message);
  sip_simple_media_stream_emit_failed (SIP_SIMPLE_MEDIA_STREAM (base), error);
}

static void
chat_deactivate (SipSimpleMsrpStream *base)
{
  stop_local_composing (SIP_SIMPLE_CHAT_STREAM (base));
}

static void
chat_ending (SipSimpleMsrpStream *base)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (base);

  stop_local_composing (self);
  sip_simple_source_clear (&self->remote_source);
  sip_simple_source_clear (&self->lost_source);
}

/* in-flight messages failed through the MSRP session's message-failed */
static void
chat_ended (SipSimpleMsrpStream *base)
{
  fail_everything (SIP_SIMPLE_CHAT_STREAM (base), "The chat stream ended");
}

/* ---- GObject ------------------------------------------------------------- */

static void
sip_simple_chat_stream_init (SipSimpleChatStream *self)
{
  self->accept_types = g_strdupv ((char **)default_accept_types);
  self->accept_wrapped_types = g_strdupv ((char **)default_wrapped_types);
  self->use_cpim = TRUE;
  self->send_delivery = TRUE;
  self->idle_timeout = DEFAULT_IDLE_TIMEOUT;
  self->pending
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)pending_free);
  self->by_msrp = g_hash_table_new (g_str_hash, g_str_equal);
  self->display_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->queued);
  g_signal_connect (MSRP (self), "message-received", G_CALLBACK (on_msrp_message_received), self);
  g_signal_connect (MSRP (self), "message-delivered", G_CALLBACK (on_msrp_delivered), self);
  g_signal_connect (MSRP (self), "message-failed", G_CALLBACK (on_msrp_failed), self);
  g_signal_connect (MSRP (self), "closed", G_CALLBACK (on_msrp_closed), self);
}

static void
sip_simple_chat_stream_dispose (GObject *object)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (object);

  stop_local_composing (self);
  sip_simple_source_clear (&self->remote_source);
  sip_simple_source_clear (&self->lost_source);
  G_OBJECT_CLASS (sip_simple_chat_stream_parent_class)->dispose (object);
}

static void
sip_simple_chat_stream_finalize (GObject *object)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (object);

  g_clear_pointer (&self->local_identity, sip_simple_name_addr_unref);
  g_clear_pointer (&self->remote_identity, sip_simple_name_addr_unref);
  g_strfreev (self->accept_types);
  g_strfreev (self->accept_wrapped_types);
  g_strfreev (self->remote_accept_types);
  g_strfreev (self->remote_wrapped_types);
  g_queue_clear_full (&self->queued, g_free);
  g_hash_table_unref (self->by_msrp);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->display_requests);
  g_clear_error (&self->lost_error);
  G_OBJECT_CLASS (sip_simple_chat_stream_parent_class)->finalize (object);
}

static void
sip_simple_chat_stream_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (object);

  switch (prop_id)
    {
    case PROP_LOCAL_IDENTITY:
      g_value_set_boxed (value, self->local_identity);
      break;
    case PROP_REMOTE_IDENTITY:
      g_value_set_boxed (value, self->remote_identity);
      break;
    case PROP_ACCEPT_TYPES:
      g_value_set_boxed (value, self->accept_types);
      break;
    case PROP_ACCEPT_WRAPPED_TYPES:
      g_value_set_boxed (value, self->accept_wrapped_types);
      break;
    case PROP_USE_CPIM:
      g_value_set_boolean (value, self->use_cpim);
      break;
    case PROP_REQUEST_DELIVERY:
      g_value_set_boolean (value, self->request_delivery);
      break;
    case PROP_REQUEST_DISPLAY:
      g_value_set_boolean (value, self->request_display);
      break;
    case PROP_SEND_DELIVERY:
      g_value_set_boolean (value, self->send_delivery);
      break;
    case PROP_COMPOSING_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;
    case PROP_REMOTE_COMPOSING:
      g_value_set_boolean (value, self->remote_composing);
      break;
    case PROP_MSRP_SESSION:
      g_value_set_object (value, MSRP (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_strv (GObject *object, GStrv *slot, const GValue *value, const char *const *fallback,
          GParamSpec *pspec)
{
  const char *const *v = g_value_get_boxed (value);

  if (v == NULL || v[0] == NULL)
    v = fallback;
  if (*slot && g_strv_equal ((const char *const *)*slot, v))
    return;
  g_strfreev (*slot);
  *slot = g_strdupv ((char **)v);
  g_object_notify_by_pspec (object, pspec);
}

static void
set_bool (GObject *object, gboolean *slot, const GValue *value, GParamSpec *pspec)
{
  gboolean v = g_value_get_boolean (value);

  if (*slot == v)
    return;
  *slot = v;
  g_object_notify_by_pspec (object, pspec);
}

static void
sip_simple_chat_stream_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  SipSimpleChatStream *self = SIP_SIMPLE_CHAT_STREAM (object);

  switch (prop_id)
    {
    case PROP_LOCAL_IDENTITY:
      sip_simple_chat_stream_set_local_identity (self, g_value_get_boxed (value));
      break;
    case PROP_REMOTE_IDENTITY:
      sip_simple_chat_stream_set_remote_identity (self, g_value_get_boxed (value));
      break;
    case PROP_ACCEPT_TYPES:
      set_strv (object, &self->accept_types, value, default_accept_types, pspec);
      break;
    case PROP_ACCEPT_WRAPPED_TYPES:
      set_strv (object, &self->accept_wrapped_types, value, default_wrapped_types, pspec);
      break;
    case PROP_USE_CPIM:
      set_bool (object, &self->use_cpim, value, pspec);
      break;
    case PROP_REQUEST_DELIVERY:
      set_bool (object, &self->request_delivery, value, pspec);
      break;
    case PROP_REQUEST_DISPLAY:
      set_bool (object, &self->request_display, value, pspec);
      break;
    case PROP_SEND_DELIVERY:
      set_bool (object, &self->send_delivery, value, pspec);
      break;
    case PROP_COMPOSING_IDLE_TIMEOUT:
      if (self->idle_timeout != g_value_get_uint (value))
        {
          self->idle_timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_chat_stream_class_init (SipSimpleChatStreamClass *klass)
{
  GObjectClass             *object_class = G_OBJECT_CLASS (klass);
  SipSimpleMsrpStreamHooks *hooks = sip_simple_msrp_stream_class_get_hooks (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sip_simple_chat_stream_dispose;
  object_class->finalize = sip_simple_chat_stream_finalize;
  object_class->get_property = sip_simple_chat_stream_get_property;
  object_class->set_property = sip_simple_chat_stream_set_property;

  hooks->name = "chat";
  hooks->accepts = chat_accepts;
  hooks->answer = chat_answer;
  hooks->add_attributes = chat_add_attributes;
  hooks->start = chat_start;
  hooks->running = chat_running;
  hooks->start_failed = chat_start_failed;
  hooks->deactivate = chat_deactivate;
  hooks->ending = chat_ending;
  hooks->ended = chat_ended;

  /**
   * SipSimpleChatStream:local-identity:
   *
   * This side's address, the CPIM `From` of sent messages. A
   * [class@SipSimple.Session] sets it from the dialog before starting the
   * stream.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_IDENTITY]
      = g_param_spec_boxed ("local-identity", NULL, NULL, SIP_SIMPLE_TYPE_NAME_ADDR, rw);
  /**
   * SipSimpleChatStream:remote-identity:
   *
   * The peer's address, the CPIM `To` of sent messages and the sender of
   * received messages that carry no CPIM `From`. Set by the session.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_IDENTITY]
      = g_param_spec_boxed ("remote-identity", NULL, NULL, SIP_SIMPLE_TYPE_NAME_ADDR, rw);
  /**
   * SipSimpleChatStream:accept-types:
   *
   * The media types this side accepts (`a=accept-types`); setting an empty
   * list restores the default (`message/cpim`, `text` types, `application/im-iscomposing+xml`).
   *
   * Since: 0.1
   */
  properties[PROP_ACCEPT_TYPES] = g_param_spec_boxed ("accept-types", NULL, NULL, G_TYPE_STRV, rw);
  /**
   * SipSimpleChatStream:accept-wrapped-types:
   *
   * The media types accepted inside CPIM (`a=accept-wrapped-types`),
   * `*` by default.
   *
   * Since: 0.1
   */
  properties[PROP_ACCEPT_WRAPPED_TYPES]
      = g_param_spec_boxed ("accept-wrapped-types", NULL, NULL, G_TYPE_STRV, rw);
  /**
   * SipSimpleChatStream:use-cpim:
   *
   * Whether to wrap messages in CPIM when the peer accepts it.
   *
   * Since: 0.1
   */
  properties[PROP_USE_CPIM] = g_param_spec_boolean ("use-cpim", NULL, NULL, TRUE, rw);
  /**
   * SipSimpleChatStream:request-delivery-notification:
   *
   * Whether sent messages ask for an IMDN delivery notification
   * (`imdn.Disposition-Notification: positive-delivery`; CPIM only).
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_DELIVERY]
      = g_param_spec_boolean ("request-delivery-notification", NULL, NULL, FALSE, rw);
  /**
   * SipSimpleChatStream:request-display-notification:
   *
   * Whether sent messages ask for an IMDN display notification (the peer's
   * application sends it with
   * [method@SipSimple.ChatStream.send_display_notification]).
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_DISPLAY]
      = g_param_spec_boolean ("request-display-notification", NULL, NULL, FALSE, rw);
  /**
   * SipSimpleChatStream:send-delivery-notifications:
   *
   * Whether received messages that ask for a delivery notification get
   * one automatically.
   *
   * Since: 0.1
   */
  properties[PROP_SEND_DELIVERY]
      = g_param_spec_boolean ("send-delivery-notifications", NULL, NULL, TRUE, rw);
  /**
   * SipSimpleChatStream:composing-idle-timeout:
   *
   * Seconds after the last sip_simple_chat_stream_set_composing() with
   * %TRUE before this side tells the peer it went idle (RFC 3994).
   *
   * Since: 0.1
   */
  properties[PROP_COMPOSING_IDLE_TIMEOUT]
      = g_param_spec_uint ("composing-idle-timeout", NULL, NULL, 1, 3600, DEFAULT_IDLE_TIMEOUT, rw);
  /**
   * SipSimpleChatStream:remote-composing:
   *
   * Whether the peer is typing.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_COMPOSING]
      = g_param_spec_boolean ("remote-composing", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleChatStream:msrp-session:
   *
   * The MSRP session underneath, for its settings (relay, TLS, chunk
   * size, timeouts) before the stream is initialized.
   *
   * Since: 0.1
   */
  properties[PROP_MSRP_SESSION]
      = sip_simple_msrp_stream_class_install_session_property (object_class, PROP_MSRP_SESSION);
  for (guint i = PROP_LOCAL_IDENTITY; i < PROP_MSRP_SESSION; i++)
    g_object_class_install_property (object_class, i, properties[i]);

  /**
   * SipSimpleChatStream::message-received:
   * @self: the stream
   * @message_id: the message's id (its `imdn.Message-ID`, else its MSRP Message-ID)
   * @sender: (nullable): who sent it (the CPIM `From`, else the session's
   *   remote identity)
   * @content_type: the content type of the message (inside CPIM)
   * @body: the message text
   * @timestamp: when it was sent (the CPIM `DateTime`), else when it arrived
   *
   * A chat message arrived.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_RECEIVED]
      = g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 5, G_TYPE_STRING, SIP_SIMPLE_TYPE_NAME_ADDR,
                      G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DATE_TIME);
  /**
   * SipSimpleChatStream::message-delivered:
   * @self: the stream
   * @message_id: the id sip_simple_chat_stream_send_message() returned
   *
   * The peer has the message (its MSRP 200 response arrived).
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_DELIVERED]
      = g_signal_new ("message-delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleChatStream::message-failed:
   * @self: the stream
   * @message_id: the id sip_simple_chat_stream_send_message() returned
   * @code: the MSRP status (a response or failure report), or 0 for a
   *   local failure (connection lost, stream ended)
   * @reason: what went wrong
   *
   * The message did not arrive.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_FAILED]
      = g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleChatStream::composing-changed:
   * @self: the stream
   * @composing: whether the peer is typing now
   *
   * The peer started or stopped typing (RFC 3994); also see
   * [property@SipSimple.ChatStream:remote-composing].
   *
   * Since: 0.1
   */
  signals[SIGNAL_COMPOSING_CHANGED]
      = g_signal_new ("composing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * SipSimpleChatStream::notification-received:
   * @self: the stream
   * @message_id: the id of the message it is about
   * @status: the IMDN status: `delivered`, `displayed`, `failed`,
   *   `forbidden`, `error`, …
   *
   * An IMDN (RFC 5438) notification about a sent message arrived.
   *
   * Since: 0.1
   */
  signals[SIGNAL_NOTIFICATION_RECEIVED]
      = g_signal_new ("notification-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * sip_simple_chat_stream_new:
 *
 * Makes a chat stream to offer with sip_simple_session_connect_to() or
 * sip_simple_session_add_stream().
 *
 * Returns: (transfer full): a new chat stream
 *
 * Since: 0.1
 */
SipSimpleChatStream *
sip_simple_chat_stream_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_CHAT_STREAM, NULL);
}

/**
 * sip_simple_chat_stream_send_message:
 * @self: a #SipSimpleChatStream
 * @content_type: (nullable): the content type, `text/plain` when %NULL
 * @body: the message text (UTF-8)
 * @error: return location for a #GError
 *
 * Sends a message, now if the MSRP connection is up, else as soon as it
 * is. The message ends in [signal@SipSimple.ChatStream::message-delivered]
 * or [signal@SipSimple.ChatStream::message-failed] (never before this
 * function returns). Sending also ends this side's typing state.
 *
 * Returns: (transfer full): the message's id, or %NULL with @error set
 *   when the stream has ended
 *
 * Since: 0.1
 */
char *
sip_simple_chat_stream_send_message (SipSimpleChatStream *self, const char *content_type,
                                     const char *body, GError **error)
{
  g_autoptr (GBytes) raw = NULL;
  Pending *p;

  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);
  if (sip_simple_msrp_stream_get_state (BASE (self)) == SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED
      || sip_simple_msrp_stream_get_state (BASE (self)) == SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED)
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE, "The chat stream has ended");
      return NULL;
    }
  if (content_type == NULL || *content_type == '\0')
    content_type = "text/plain";
  stop_local_composing (self);
  raw = g_bytes_new (body, strlen (body));
  p = g_new0 (Pending, 1);
  p->id = sip_simple_random_string (16, SIP_SIMPLE_RANDOM_ALNUM);
  p->seq = self->next_seq++;
  g_hash_table_insert (self->pending, p->id, p);
  if (sip_simple_msrp_stream_is_connected (BASE (self)))
    {
      p->payload = wrap (self, p->id, content_type, raw, TRUE, &p->content_type);
      submit (self, p);
    }
  else
    {
      /* wrapped when the peer's accept-types are known */
      p->content_type = g_strdup (content_type);
      p->payload = g_bytes_ref (raw);
      g_queue_push_tail (&self->queued, g_strdup (p->id));
    }
  return g_strdup (p->id);
}

/**
 * sip_simple_chat_stream_set_composing:
 * @self: a #SipSimpleChatStream
 * @composing: whether the user is typing
 *
 * Tells the peer this side is typing or stopped (RFC 3994). While
 * composing, the state is refreshed every 60 seconds; without another call
 * with %TRUE within [property@SipSimple.ChatStream:composing-idle-timeout]
 * seconds the peer is told this side went idle. Nothing is sent while the
 * state does not change.
 *
 * Since: 0.1
 */
void
sip_simple_chat_stream_set_composing (SipSimpleChatStream *self, gboolean composing)
{
  g_return_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self));
  if (composing)
    {
      sip_simple_source_clear (&self->idle_source);
      self->idle_source
          = sip_simple_timeout_attach_seconds (self->idle_timeout, local_idle_timeout, self);
      if (self->local_composing)
        return;
      self->local_composing = TRUE;
      self->refresh_source
          = sip_simple_timeout_attach_seconds (DEFAULT_REFRESH, local_refresh, self);
      send_iscomposing (self, TRUE);
    }
  else if (self->local_composing)
    {
      stop_local_composing (self);
      send_iscomposing (self, FALSE);
    }
}

/**
 * sip_simple_chat_stream_send_display_notification:
 * @self: a #SipSimpleChatStream
 * @message_id: the id of a received message that asked for one
 * @error: return location for a #GError
 *
 * Tells the sender that message @message_id was shown to the user (IMDN
 * `displayed`).
 *
 * Returns: %TRUE when sent, %FALSE with @error set when the message did
 *   not ask for a display notification or the stream is not running
 *
 * Since: 0.1
 */
gboolean
sip_simple_chat_stream_send_display_notification (SipSimpleChatStream *self, const char *message_id,
                                                  GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  if (!g_hash_table_remove (self->display_requests, message_id))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED,
                   "Message “%s” did not ask for a display notification", message_id);
      return FALSE;
    }
  if (!sip_simple_msrp_stream_is_connected (BASE (self)))
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE, "The chat stream is not connected");
      return FALSE;
    }
  send_imdn (self, message_id, "displayed");
  return TRUE;
}

/**
 * sip_simple_chat_stream_get_remote_composing:
 * @self: a #SipSimpleChatStream
 *
 * Tells whether the peer is typing (RFC 3994).
 *
 * Returns: whether the peer is typing
 *
 * Since: 0.1
 */
gboolean
sip_simple_chat_stream_get_remote_composing (SipSimpleChatStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), FALSE);
  return self->remote_composing;
}

/**
 * sip_simple_chat_stream_get_pending_count:
 * @self: a #SipSimpleChatStream
 *
 * Counts the sent messages still waiting for their outcome.
 *
 * Returns: how many sent messages are neither delivered nor failed yet
 *
 * Since: 0.1
 */
guint
sip_simple_chat_stream_get_pending_count (SipSimpleChatStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), 0);
  return g_hash_table_size (self->pending);
}

/**
 * sip_simple_chat_stream_get_local_identity:
 * @self: a #SipSimpleChatStream
 *
 * Gets the address sent messages come from.
 *
 * Returns: (transfer none) (nullable): see [property@SipSimple.ChatStream:local-identity]
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_chat_stream_get_local_identity (SipSimpleChatStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), NULL);
  return self->local_identity;
}

/**
 * sip_simple_chat_stream_set_local_identity:
 * @self: a #SipSimpleChatStream
 * @identity: (nullable): this side's address
 *
 * Sets [property@SipSimple.ChatStream:local-identity].
 *
 * Since: 0.1
 */
void
sip_simple_chat_stream_set_local_identity (SipSimpleChatStream *self, SipSimpleNameAddr *identity)
{
  g_return_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self));
  if (identity == self->local_identity)
    return;
  g_clear_pointer (&self->local_identity, sip_simple_name_addr_unref);
  self->local_identity = identity ? sip_simple_name_addr_ref (identity) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_IDENTITY]);
}

/**
 * sip_simple_chat_stream_get_remote_identity:
 * @self: a #SipSimpleChatStream
 *
 * Gets the peer's address.
 *
 * Returns: (transfer none) (nullable): see [property@SipSimple.ChatStream:remote-identity]
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_chat_stream_get_remote_identity (SipSimpleChatStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self), NULL);
  return self->remote_identity;
}

/**
 * sip_simple_chat_stream_set_remote_identity:
 * @self: a #SipSimpleChatStream
 * @identity: (nullable): the peer's address
 *
 * Sets [property@SipSimple.ChatStream:remote-identity].
 *
 * Since: 0.1
 */
void
sip_simple_chat_stream_set_remote_identity (SipSimpleChatStream *self, SipSimpleNameAddr *identity)
{
  g_return_if_fail (SIP_SIMPLE_IS_CHAT_STREAM (self));
  if (identity == self->remote_identity)
    return;
  g_clear_pointer (&self->remote_identity, sip_simple_name_addr_unref);
  self->remote_identity = identity ? sip_simple_name_addr_ref (identity) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IDENTITY]);
}
