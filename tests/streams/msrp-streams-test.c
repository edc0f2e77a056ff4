/* Unit tests: ChatStream and FileTransferStream negotiated by hand over
 * loopback (no SIP): CPIM, is-composing, messages queued before the
 * connection, messages in flight when the stream ends, a file transfer
 * with its hash checked, and malformed offers. Run under ASan too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-utils.h"
#include "streams/msrp-stream-private.h"

static void
initialized (GObject *source, GAsyncResult *result, gpointer data)
{
  gboolean *flag = data;
  g_autoptr (GError) error = NULL;

  g_assert_true (
      sip_simple_media_stream_initialize_finish (SIP_SIMPLE_MEDIA_STREAM (source), result, &error));
  g_assert_no_error (error);
  *flag = TRUE;
}

/* connected swapped: the flag comes first */
static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static GstSDPMessage *
new_sdp (void)
{
  GstSDPMessage *sdp = NULL;

  gst_sdp_message_new (&sdp);
  gst_sdp_message_set_version (sdp, "0");
  gst_sdp_message_set_origin (sdp, "-", "1", "1", "IN", "IP4", "127.0.0.1");
  gst_sdp_message_set_session_name (sdp, "-");
  gst_sdp_message_set_connection (sdp, "IN", "IP4", "127.0.0.1", 0, 0);
  gst_sdp_message_add_time (sdp, "0", "0", NULL);
  return sdp;
}

/* @a offers, @b answers; both started and connected on return */
static void
negotiate (SipSimpleMediaStream *a, SipSimpleMediaStream *b)
{
  gboolean ia = FALSE, ib = FALSE, sa = FALSE, sb = FALSE;
  g_autoptr (GstSDPMessage) offer = new_sdp ();
  g_autoptr (GstSDPMessage) answer = new_sdp ();
  g_autoptr (GError) error = NULL;
  gulong ha, hb;

  sip_simple_media_stream_initialize_async (a, "127.0.0.1", NULL, initialized, &ia);
  sip_simple_media_stream_initialize_async (b, "127.0.0.1", NULL, initialized, &ib);
  g_assert_true (test_wait_for_flag (&ia, 5000));
  g_assert_true (test_wait_for_flag (&ib, 5000));
  sip_simple_media_stream_add_local_media (a, offer, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (sip_simple_media_stream_accepts_remote_media (b, offer, 0));
  sip_simple_media_stream_add_local_media (b, answer, offer, 0, &error);
  g_assert_no_error (error);
  ha = g_signal_connect_swapped (a, "started", G_CALLBACK (set_flag), &sa);
  hb = g_signal_connect_swapped (b, "started", G_CALLBACK (set_flag), &sb);
  g_assert_true (sip_simple_media_stream_start (b, answer, offer, 0, &error));
  g_assert_true (sip_simple_media_stream_start (a, offer, answer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_for_flag (&sa, 5000));
  g_assert_true (test_wait_for_flag (&sb, 5000));
  g_signal_handler_disconnect (a, ha);
  g_signal_handler_disconnect (b, hb);
}

typedef struct
{
  GPtrArray *received; /* "aor|type|body" */
  GPtrArray *delivered;
  GPtrArray *failed;
  GArray    *composing;
} ChatLog;

static void
on_received (SipSimpleChatStream *chat, const char *id, SipSimpleNameAddr *sender, const char *type,
             const char *body, GDateTime *when, ChatLog *log)
{
  g_autofree char *aor
      = sender ? sip_simple_uri_get_aor (sip_simple_name_addr_get_uri (sender)) : g_strdup ("-");

  g_assert_nonnull (when);
  g_ptr_array_add (log->received, g_strdup_printf ("%s|%s|%s", aor, type, body));
}

static void
on_delivered (SipSimpleChatStream *chat, const char *id, ChatLog *log)
{
  g_ptr_array_add (log->delivered, g_strdup (id));
}

static void
on_failed (SipSimpleChatStream *chat, const char *id, guint code, const char *reason, ChatLog *log)
{
  g_ptr_array_add (log->failed, g_strdup (id));
}

static void
on_composing (SipSimpleChatStream *chat, gboolean composing, ChatLog *log)
{
  g_array_append_val (log->composing, composing);
}

static void
chat_log_init (ChatLog *log, SipSimpleChatStream *chat)
{
  log->received = g_ptr_array_new_with_free_func (g_free);
  log->delivered = g_ptr_array_new_with_free_func (g_free);
  log->failed = g_ptr_array_new_with_free_func (g_free);
  log->composing = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_signal_connect (chat, "message-received", G_CALLBACK (on_received), log);
  g_signal_connect (chat, "message-delivered", G_CALLBACK (on_delivered), log);
  g_signal_connect (chat, "message-failed", G_CALLBACK (on_failed), log);
  g_signal_connect (chat, "composing-changed", G_CALLBACK (on_composing), log);
}

static void
chat_log_clear (ChatLog *log)
{
  g_ptr_array_unref (log->received);
  g_ptr_array_unref (log->delivered);
  g_ptr_array_unref (log->failed);
  g_array_unref (log->composing);
}

static gboolean
wait_len (GPtrArray *array, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (array->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return array->len >= n;
}

static SipSimpleNameAddr *
identity (const char *text)
{
  return sip_simple_name_addr_parse (text, NULL);
}

static void
test_chat (void)
{
  g_autoptr (SipSimpleChatStream) a = sip_simple_chat_stream_new ();
  g_autoptr (SipSimpleChatStream) b = g_object_new (SIP_SIMPLE_TYPE_CHAT_STREAM, NULL);
  g_autoptr (SipSimpleNameAddr) alice = identity ("\"Alice\" <sip:alice@example.com>;tag=1");
  g_autoptr (SipSimpleNameAddr) bob = identity ("<sip:bob@example.com>");
  g_autoptr (GError) error = NULL;
  g_autofree char *early = NULL;
  ChatLog          la, lb;
  char            *ids[5];

  chat_log_init (&la, a);
  chat_log_init (&lb, b);
  sip_simple_chat_stream_set_local_identity (a, alice);
  sip_simple_chat_stream_set_remote_identity (a, bob);
  sip_simple_chat_stream_set_local_identity (b, bob);
  sip_simple_chat_stream_set_remote_identity (b, alice);
  early = sip_simple_chat_stream_send_message (a, NULL, "sent before the connection", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sip_simple_chat_stream_get_pending_count (a), ==, 1);
  negotiate (SIP_SIMPLE_MEDIA_STREAM (a), SIP_SIMPLE_MEDIA_STREAM (b));

  g_assert_true (wait_len (la.delivered, 1));
  g_assert_cmpstr (g_ptr_array_index (la.delivered, 0), ==, early);
  g_assert_true (wait_len (lb.received, 1));
  g_assert_cmpstr (g_ptr_array_index (lb.received, 0), ==,
                   "alice@example.com|text/plain|sent before the connection");

  sip_simple_chat_stream_set_composing (a, TRUE);
  while (lb.composing->len < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sip_simple_chat_stream_get_remote_composing (b));
  g_free (sip_simple_chat_stream_send_message (a, "text/plain", "hello ✓", NULL));
  g_assert_true (wait_len (lb.received, 2));
  g_assert_cmpstr (g_ptr_array_index (lb.received, 1), ==, "alice@example.com|text/plain|hello ✓");
  g_assert_cmpuint (lb.composing->len, ==, 2);
  g_assert_false (g_array_index (lb.composing, gboolean, 1));

  /* garbage in CPIM, is-composing and IMDN bodies is dropped, nothing else happens */
  {
    g_autoptr (SipSimpleMsrpSession) raw = NULL;
    static const char *const junk[][2] = {
      { "message/cpim", "no headers at all" },
      { "message/cpim", "From: <sip:x@y>\r\n\r\nContent-Type: text/plain\r\n" },
      { "message/cpim", "\xff\xfe\r\n\r\n\r\n" },
      { "application/im-iscomposing+xml", "<isComposing><state>active" },
      { "application/im-iscomposing+xml", "\xff<<>>" },
      { "message/cpim",
        "From: <sip:a@b>\r\n\r\nContent-Type: message/imdn+xml\r\n\r\n<imdn><message-id>" },
    };

    g_object_get (b, "msrp-session", &raw, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
      {
        g_autoptr (GBytes) body = g_bytes_new (junk[i][1], strlen (junk[i][1]));
        g_free (sip_simple_msrp_session_send_message (raw, junk[i][0], body, NULL));
      }
  }
  g_free (sip_simple_chat_stream_send_message (b, "text/plain", "hi", NULL));
  g_assert_true (wait_len (la.received, 1));
  g_assert_cmpstr (g_ptr_array_index (la.received, 0), ==, "bob@example.com|text/plain|hi");
  g_assert_cmpuint (la.received->len, ==, 1);
  g_assert_cmpuint (la.composing->len, ==, 0);

  /* messages in flight when the stream ends fail, in order */
  g_assert_true (wait_len (la.delivered, 2));
  for (guint i = 0; i < 5; i++)
    ids[i] = sip_simple_chat_stream_send_message (a, "text/plain", "in flight", NULL);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (a));
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (a));
  g_assert_cmpuint (la.failed->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (la.failed, i), ==, ids[i]);
      g_free (ids[i]);
    }
  g_assert_cmpuint (sip_simple_chat_stream_get_pending_count (a), ==, 0);
  g_assert_null (sip_simple_chat_stream_send_message (a, "text/plain", "too late", &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (b));
  chat_log_clear (&la);
  chat_log_clear (&lb);
}

static gboolean
parse_offer (const char *media, GstSDPMessage **sdp)
{
  g_autofree char *text
      = g_strdup_printf ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                         "t=0 0\r\n%s",
                         media);
  *sdp = sip_simple_sdp_parse (text, NULL);
  return *sdp != NULL;
}

static void
answer_fails (GType type, const char *media, gint code)
{
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autoptr (GstSDPMessage) answer = new_sdp ();
  g_autoptr (GObject) stream = g_object_new (type, NULL);
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;

  g_assert_true (parse_offer (media, &offer));
  sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (stream), "127.0.0.1", NULL,
                                            initialized, &done);
  g_assert_true (test_wait_for_flag (&done, 5000));
  /* the stream claims the line (so that the answer is a 488, not a port 0) */
  g_assert_true (
      sip_simple_media_stream_accepts_remote_media (SIP_SIMPLE_MEDIA_STREAM (stream), offer, 0));
  g_assert_false (sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (stream), answer,
                                                           offer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, code);
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (stream));
}

static void
test_bad_offers (void)
{
  answer_fails (SIP_SIMPLE_TYPE_CHAT_STREAM,
                "m=message 9 TCP/MSRP *\r\na=accept-types:text/plain\r\n",
                SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  answer_fails (
      SIP_SIMPLE_TYPE_CHAT_STREAM,
      "m=message 9 TCP/MSRP *\r\na=accept-types:text/\r\na=path:msrp://127.0.0.1:9/x;tcp\r\n",
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  answer_fails (
      SIP_SIMPLE_TYPE_CHAT_STREAM,
      "m=message 9 TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://127.0.0.1:9/x;tcp\r\n"
      "a=setup:holdconn\r\n",
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  answer_fails (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM,
                "m=message 9 TCP/MSRP "
                "*\r\na=sendonly\r\na=accept-types:*\r\na=path:msrp://127.0.0.1:9/x;tcp\r\n"
                "a=file-selector:name:\"a.txt\" size:1x\r\n",
                SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  answer_fails (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM,
                "m=message 9 TCP/MSRP "
                "*\r\na=sendonly\r\na=accept-types:*\r\na=path:msrp://127.0.0.1:9/x;tcp\r\n"
                "a=file-selector:name:\"a.txt\" size:10\r\na=file-range:5-20\r\n",
                SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  /* well formed, but there is nowhere to put the file */
  answer_fails (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM,
                "m=message 9 TCP/MSRP "
                "*\r\na=sendonly\r\na=accept-types:*\r\na=path:msrp://127.0.0.1:9/x;tcp\r\n"
                "a=file-selector:name:\"a.txt\" size:10\r\n",
                SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
}

static void
test_file_transfer (void)
{
  g_autofree char   *dir = g_dir_make_tmp ("msrp-streams-XXXXXX", NULL);
  g_autofree char   *src = g_build_filename (dir, "data.bin", NULL);
  g_autofree char   *dst = g_build_filename (dir, "copy.bin", NULL);
  gsize              size = 3 * 1024 * 1024 + 11;
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char   *copy = NULL;
  gsize              copy_len = 0;
  g_autoptr (SipSimpleFileTransferStream) a = NULL;
  g_autoptr (SipSimpleFileTransferStream) b = NULL;
  gboolean               fa = FALSE, fb = FALSE;
  SipSimpleFileSelector *sel;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8)(i * 7 + i / 251);
  g_assert_true (g_file_set_contents (src, (const char *)data, (gssize)size, NULL));
  a = sip_simple_file_transfer_stream_new_for_path (src, "application/x-test");
  b = g_object_new (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM, NULL);
  sip_simple_file_transfer_stream_set_destination_path (b, dst);
  g_signal_connect_swapped (a, "finished", G_CALLBACK (set_flag), &fa);
  g_signal_connect_swapped (b, "finished", G_CALLBACK (set_flag), &fb);
  negotiate (SIP_SIMPLE_MEDIA_STREAM (a), SIP_SIMPLE_MEDIA_STREAM (b));
  sel = sip_simple_file_transfer_stream_get_file_selector (b);
  g_assert_cmpstr (sip_simple_file_selector_get_name (sel), ==, "data.bin");
  g_assert_cmpint (sip_simple_file_selector_get_size (sel), ==, (gint64)size);
  g_assert_cmpstr (sip_simple_file_selector_get_content_type (sel), ==, "application/x-test");
  g_assert_true (sip_simple_file_transfer_stream_get_sending (a));
  g_assert_false (sip_simple_file_transfer_stream_get_sending (b));
  g_assert_true (test_wait_for_flag (&fa, 10000));
  g_assert_true (test_wait_for_flag (&fb, 10000));
  g_assert_true (g_file_get_contents (dst, &copy, &copy_len, NULL));
  g_assert_cmpuint (copy_len, ==, size);
  g_assert_true (memcmp (copy, data, size) == 0);
  g_assert_cmpuint (sip_simple_file_transfer_stream_get_transferred (b), ==, size);
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (a));
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (b));
  g_unlink (src);
  g_unlink (dst);
  g_rmdir (dir);
}

static void
count_notify (gint *count)
{
  (*count)++;
}

typedef struct
{
  gint     code; /* the SipSimpleMediaStreamError expected */
  gboolean done;
  char    *message;
} Refusal;

static void
initialize_fails (GObject *source, GAsyncResult *result, gpointer data)
{
  Refusal *refusal = data;
  g_autoptr (GError) error = NULL;

  g_assert_false (
      sip_simple_media_stream_initialize_finish (SIP_SIMPLE_MEDIA_STREAM (source), result, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, refusal->code);
  refusal->message = g_strdup (error->message);
  refusal->done = TRUE;
}

/* An MSRP relay that is down: the stream cannot initialize, and its
 * reason (the MSRP session's) says MSRP once */
static void
test_relay_down (void)
{
  g_autoptr (SipSimpleChatStream) chat = sip_simple_chat_stream_new ();
  g_autoptr (SipSimpleMsrpSession) msrp = NULL;
  g_autofree char *text = g_strdup_printf ("msrp://127.0.0.1:%u;tcp", test_free_tcp_port ());
  g_autoptr (SipSimpleMsrpUri) relay = sip_simple_msrp_uri_parse (text, NULL);
  Refusal          refusal = { SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT };

  g_object_get (chat, "msrp-session", &msrp, NULL);
  sip_simple_msrp_session_set_relay (msrp, relay, "alice", "pw");
  sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (chat), "127.0.0.1", NULL,
                                            initialize_fails, &refusal);
  g_assert_true (test_wait_for_flag (&refusal.done, 5000));
  g_assert_true (g_str_has_prefix (refusal.message, "MSRP: cannot connect to 127.0.0.1"));
  g_assert_null (strstr (refusal.message, "MSRP: MSRP"));
  g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (chat)), ==,
                   SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
  g_free (refusal.message);
}

/* Both MSRP streams stand on the private SipSimpleMsrpStream: the media
 * stream interface and its state come from there, while msrp-session
 * stays a property of each public class (where introspection shows it). */
static void
test_common_base (void)
{
  GType       types[] = { SIP_SIMPLE_TYPE_CHAT_STREAM, SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM };
  const char *names[] = { "The chat stream is already initialized",
                          "The file transfer stream is already initialized" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GObject) stream = NULL;
      g_autoptr (GTypeClass) klass = g_type_class_ref (types[i]);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "msrp-session");
      g_autoptr (SipSimpleMsrpSession) msrp = NULL;
      g_autoptr (SipSimpleFileSelector) selector
          = sip_simple_file_selector_new ("x.bin", 3, NULL, NULL);
      Refusal  refusal = { SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE };
      gboolean done = FALSE;
      gint     notified = 0;

      g_assert_true (g_type_is_a (types[i], SIP_SIMPLE_TYPE_MSRP_STREAM));
      g_assert_true (g_type_is_a (types[i], SIP_SIMPLE_TYPE_MEDIA_STREAM));
      g_assert_nonnull (pspec);
      g_assert_true (pspec->owner_type == types[i]);
      if (types[i] == SIP_SIMPLE_TYPE_CHAT_STREAM)
        stream = G_OBJECT (sip_simple_chat_stream_new ());
      else
        stream = G_OBJECT (sip_simple_file_transfer_stream_new_for_request (selector));
      g_object_get (stream, "msrp-session", &msrp, NULL);
      g_assert_true (SIP_SIMPLE_IS_MSRP_SESSION (msrp));
      g_signal_connect_swapped (stream, "notify::state", G_CALLBACK (count_notify), &notified);
      sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (stream), "127.0.0.1", NULL,
                                                initialized, &done);
      g_assert_true (test_wait_for_flag (&done, 5000));
      g_assert_cmpint (notified, ==, 2); /* initializing, initialized */
      g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (stream)), ==,
                       SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
      g_assert_cmpstr (sip_simple_media_stream_get_media_type (SIP_SIMPLE_MEDIA_STREAM (stream)),
                       ==, "message");
      sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (stream), "127.0.0.1", NULL,
                                                initialize_fails, &refusal);
      g_assert_true (test_wait_for_flag (&refusal.done, 5000));
      g_assert_cmpstr (refusal.message, ==, names[i]);
      g_free (refusal.message);
      sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (stream));
      g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (stream)), ==,
                       SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED);
      g_assert_cmpint (sip_simple_msrp_session_get_state (msrp), ==,
                       SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED);
    }
}

static gboolean
wait_composing (ChatLog *log, guint n, GMainContext *ctx)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (log->composing->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (ctx, FALSE) || (g_usleep (1000), TRUE);
  return log->composing->len >= n;
}

/* A stream made on a thread-default context of its own keeps every timer
 * there: the composing indication goes idle after composing-idle-timeout although
 * the global default context never runs. */
static void
test_own_context (void)
{
  g_autoptr (GMainContext) ctx = g_main_context_new ();
  SipSimpleChatStream *a, *b;
  ChatLog              la, lb;

  g_main_context_push_thread_default (ctx);
  a = sip_simple_chat_stream_new ();
  b = sip_simple_chat_stream_new ();
  chat_log_init (&la, a);
  chat_log_init (&lb, b);
  g_object_set (a, "composing-idle-timeout", 1, NULL);
  negotiate (SIP_SIMPLE_MEDIA_STREAM (a), SIP_SIMPLE_MEDIA_STREAM (b));

  sip_simple_chat_stream_set_composing (a, TRUE);
  g_assert_true (wait_composing (&lb, 1, ctx));
  g_assert_true (g_array_index (lb.composing, gboolean, 0));
  /* a's idle timer fires on ctx and tells b */
  g_assert_true (wait_composing (&lb, 2, ctx));
  g_assert_false (g_array_index (lb.composing, gboolean, 1));
  g_assert_false (g_main_context_pending (NULL));

  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (a));
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (b));
  chat_log_clear (&la);
  chat_log_clear (&lb);
  g_object_unref (a);
  g_object_unref (b);
  while (g_main_context_iteration (ctx, FALSE))
    ;
  g_main_context_pop_thread_default (ctx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/streams/msrp-streams/chat", test_chat);
  g_test_add_func ("/streams/msrp-streams/file-transfer", test_file_transfer);
  g_test_add_func ("/streams/msrp-streams/bad-offers", test_bad_offers);
  g_test_add_func ("/streams/msrp-streams/common-base", test_common_base);
  g_test_add_func ("/streams/msrp-streams/own-context", test_own_context);
  g_test_add_func ("/streams/msrp-streams/relay-down", test_relay_down);
  return g_test_run ();
}
