/* sipsimple - the chat and send-file commands: MSRP sessions, chats
 * typed and printed, files sent and received (also for answer)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- chats ------------------------------------------------------------------- */

static char *
peer_name (SipSimpleNameAddr *who)
{
  if (who == NULL)
    return g_strdup ("?");
  if (sip_simple_name_addr_get_display_name (who) && *sip_simple_name_addr_get_display_name (who))
    return g_strdup (sip_simple_name_addr_get_display_name (who));
  return sip_simple_uri_get_aor (sip_simple_name_addr_get_uri (who));
}

static void
on_chat_message (SipSimpleChatStream *chat, const char *id, SipSimpleNameAddr *sender,
                 const char *content_type, const char *body, GDateTime *when, Cli *cli)
{
  g_autofree char *name = peer_name (sender);
  out ("%s: %s", name, body);
}

static void
on_chat_composing (SipSimpleChatStream *chat, gboolean composing, Cli *cli)
{
  g_autofree char *name = peer_name (sip_simple_chat_stream_get_remote_identity (chat));
  out ("%s %s", name, composing ? "is typing..." : "stopped typing");
}

static void maybe_done_chatting (Cli *cli);

static void
on_chat_delivered (SipSimpleChatStream *chat, const char *id, Cli *cli)
{
  if (chat != cli->chat)
    return;
  if (cli->chat_pending > 0)
    cli->chat_pending--;
  maybe_done_chatting (cli);
}

static void
on_chat_failed (SipSimpleChatStream *chat, const char *id, guint code, const char *reason, Cli *cli)
{
  if (chat != cli->chat)
    return;
  err ("chat: message not delivered: %u %s", code, reason);
  cli->chat_failed++;
  if (cli->chat_pending > 0)
    cli->chat_pending--;
  maybe_done_chatting (cli);
}

void
cli_watch_chat (Cli *cli, SipSimpleChatStream *chat)
{
  g_signal_connect (chat, "message-received", G_CALLBACK (on_chat_message), cli);
  g_signal_connect (chat, "composing-changed", G_CALLBACK (on_chat_composing), cli);
  g_signal_connect (chat, "message-delivered", G_CALLBACK (on_chat_delivered), cli);
  g_signal_connect (chat, "message-failed", G_CALLBACK (on_chat_failed), cli);
}

/* chat: done when the input ended (end of a pipe, Ctrl-D on a terminal)
 * and every line sent is delivered or failed */
static void
maybe_done_chatting (Cli *cli)
{
  if (!cli->input_done || cli->chat_pending > 0 || cli->session == NULL)
    return;
  out ("All %s", cli->chat_failed ? "messages sent, some not delivered" : "messages delivered");
  sip_simple_session_end (cli->session);
}

static void read_next_line (Cli *cli);

static void
line_read (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  gsize            len;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                     result, &len, &error);

  if (cli->stopping)
    return;
  if (line == NULL)
    {
      if (error)
        err ("stdin: %s", error->message);
      cli->input_done = TRUE;
      if (isatty (STDIN_FILENO) && cli->session)
        sip_simple_session_end (cli->session);
      else
        maybe_done_chatting (cli);
      return;
    }
  if (*line && cli->chat)
    {
      g_autofree char *id
          = sip_simple_chat_stream_send_message (cli->chat, "text/plain", line, &error);
      if (id)
        cli->chat_pending++;
      else
        err ("chat: %s", error->message);
    }
  read_next_line (cli);
}

static void
read_next_line (Cli *cli)
{
  g_data_input_stream_read_line_async (cli->lines, G_PRIORITY_DEFAULT, NULL, line_read, cli);
}

/* On a terminal the chat reads keys itself (no canonical mode) so that
 * typing is known as it happens (RFC 3994 is-composing): printable keys
 * are echoed and collected, backspace erases, Enter sends the line and
 * Ctrl-D on an empty line ends the chat. */

static gboolean
on_chat_key (gint fd, GIOCondition condition, gpointer data)
{
  Cli *cli = data;
  char c;

  if (read (fd, &c, 1) != 1 || (c == 4 && cli->typed->len == 0))
    {
      cli->stdin_watch = 0;
      cli_restore_terminal (cli);
      putchar ('\n');
      /* the chat ends once what was sent is delivered (or failed) */
      cli->input_done = TRUE;
      if (cli->chat_pending > 0)
        out ("Waiting for %u message%s to be delivered", cli->chat_pending,
             cli->chat_pending > 1 ? "s" : "");
      maybe_done_chatting (cli);
      return G_SOURCE_REMOVE;
    }
  if (c == '\r' || c == '\n')
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = NULL;

      putchar ('\n');
      fflush (stdout);
      if (cli->typed->len == 0 || cli->chat == NULL)
        return G_SOURCE_CONTINUE;
      id = sip_simple_chat_stream_send_message (cli->chat, "text/plain", cli->typed->str, &error);
      if (id)
        cli->chat_pending++;
      else
        err ("chat: %s", error->message);
      g_string_truncate (cli->typed, 0);
    }
  else if (c == 0x7f || c == '\b')
    {
      if (cli->typed->len > 0)
        {
          /* drop a whole UTF-8 character */
          gsize len = cli->typed->len - 1;
          while (len > 0 && ((guchar)cli->typed->str[len] & 0xC0) == 0x80)
            len--;
          g_string_truncate (cli->typed, len);
          fputs ("\b \b", stdout);
          fflush (stdout);
        }
      if (cli->typed->len == 0 && cli->chat)
        sip_simple_chat_stream_set_composing (cli->chat, FALSE);
    }
  else if ((guchar)c >= ' ' || c == '\t')
    {
      g_string_append_c (cli->typed, c);
      putchar (c);
      fflush (stdout);
      if (cli->chat)
        sip_simple_chat_stream_set_composing (cli->chat, TRUE);
    }
  return G_SOURCE_CONTINUE;
}

static void
chat_keys (Cli *cli)
{
  if (cli->typed == NULL)
    cli->typed = g_string_new (NULL);
  cli_terminal_keys (cli, on_chat_key);
}

static void
start_chat (Cli *cli)
{
  g_autoptr (SipSimpleSession) session = sip_simple_session_new (cli->account);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  SipSimpleMediaStream *streams[1];

  cli->chat = sip_simple_chat_stream_new ();
  streams[0] = SIP_SIMPLE_MEDIA_STREAM (cli->chat);
  cli_watch_chat (cli, cli->chat);
  cli_watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Chatting with %s%s", cli->to, isatty (STDIN_FILENO) ? " (type lines, Ctrl-D to end)" : "");
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("chat: %s", error->message);
      g_clear_object (&cli->session);
      cli_finish (cli, 2);
      return;
    }
  /* lines typed before the chat is up are queued by the stream */
  if (isatty (STDIN_FILENO))
    {
      chat_keys (cli);
      return;
    }
  cli->lines = g_data_input_stream_new (in);
  read_next_line (cli);
}

/* ---- files ------------------------------------------------------------------- */

static char *
human_bytes (guint64 n)
{
  return g_format_size_full (n, G_FORMAT_SIZE_IEC_UNITS);
}

static void
on_transfer_progress (SipSimpleFileTransferStream *ft, guint64 bytes, guint64 total, Cli *cli)
{
  gint64  now = g_get_monotonic_time ();
  double  secs = (now - cli->transfer_t0) / 1e6;
  guint64 base = sip_simple_file_transfer_stream_get_range_start (ft);
  double  rate = secs > 0 ? (bytes - MIN (bytes, base)) / secs : 0;
  int     pct = total ? (int)(bytes * 100 / total) : 0;

  if (cli->transfer_t0 == 0)
    {
      cli->transfer_t0 = now;
      return;
    }
  if (bytes == cli->transfer_last_bytes)
    return; /* the confirmation of the last chunk repeats the total */
  cli->transfer_last_bytes = bytes;
  if (cli->progress_bar && isatty (STDOUT_FILENO))
    {
      /* a bar redrawn in place, at most 10 times a second */
      g_autofree char *done = NULL;
      g_autofree char *all = NULL;
      g_autofree char *speed = NULL;
      char             bar[31];
      int              filled = pct * 30 / 100;

      if (now - cli->transfer_last_draw < 100000 && bytes < total)
        return;
      cli->transfer_last_draw = now;
      done = human_bytes (bytes);
      all = human_bytes (total);
      speed = human_bytes ((guint64)rate);
      memset (bar, '#', filled);
      memset (bar + filled, '-', 30 - filled);
      bar[30] = '\0';
      printf ("\r[%s] %3d%% %s / %s  %s/s ", bar, pct, done, all, speed);
      if (bytes >= total)
        putchar ('\n');
      fflush (stdout);
      return;
    }
  /* plain lines, every 10 % */
  if (pct / 10 <= cli->transfer_step && bytes < total)
    return;
  cli->transfer_step = pct / 10;
  out ("Progress: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " bytes (%d%%, %.1f MB/s)", bytes,
       total, pct, rate / 1e6);
}

static void
transfer_over (Cli *cli)
{
  g_autoptr (SipSimpleSession) ended = g_steal_pointer (&cli->ended_session);

  cli->transfer_over = TRUE;
  if (ended != NULL)
    cli_session_over (cli, ended, cli->ended_status);
}

static void
on_transfer_finished (SipSimpleFileTransferStream *ft, Cli *cli)
{
  SipSimpleFileSelector *sel = sip_simple_file_transfer_stream_get_file_selector (ft);
  const char            *dest = g_object_get_data (G_OBJECT (ft), "cli-destination");

  if (sip_simple_file_transfer_stream_get_sending (ft))
    {
      cli->transfer_ok = TRUE;
      out ("File sent: %s (%" G_GINT64_FORMAT " bytes, %s)",
           sip_simple_file_selector_get_name (sel), sip_simple_file_selector_get_size (sel),
           sip_simple_file_selector_get_hash (sel));
      if (cli->session)
        sip_simple_session_end (cli->session);
    }
  else
    out ("File received: %s (%" G_GINT64_FORMAT " bytes, hash verified)", dest ? dest : "?",
         sip_simple_file_selector_get_size (sel));
  transfer_over (cli);
}

static void
on_transfer_failed (SipSimpleFileTransferStream *ft, const GError *error, Cli *cli)
{
  out ("File transfer failed: %s", error->message);
  transfer_over (cli);
}

void
cli_watch_transfer (Cli *cli, SipSimpleFileTransferStream *ft)
{
  cli->transfer_t0 = 0;
  cli->transfer_step = 0;
  cli->transfer_last_bytes = 0;
  cli->transfer_over = FALSE;
  g_set_object (&cli->transfer, ft);
  g_signal_connect (ft, "progress", G_CALLBACK (on_transfer_progress), cli);
  g_signal_connect (ft, "finished", G_CALLBACK (on_transfer_finished), cli);
  g_signal_connect (ft, "failed", G_CALLBACK (on_transfer_failed), cli);
}

char *
cli_destination_for (Cli *cli, SipSimpleFileSelector *sel)
{
  const char      *offered = sip_simple_file_selector_get_name (sel);
  g_autofree char *base = g_path_get_basename (offered && *offered ? offered : "received-file");
  char            *path;

  if (g_str_equal (base, ".") || g_str_equal (base, "..") || g_str_equal (base, "/"))
    {
      g_free (base);
      base = g_strdup ("received-file");
    }
  path = g_build_filename (cli->accept_files, base, NULL);
  for (int i = 1; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/%d-%s", cli->accept_files, i, base);
    }
  return path;
}

static void
start_send_file (Cli *cli)
{
  g_autoptr (SipSimpleSession) session = sip_simple_session_new (cli->account);
  g_autoptr (GError) error = NULL;
  SipSimpleMediaStream *streams[1];

  g_autoptr (SipSimpleFileTransferStream) ft
      = sip_simple_file_transfer_stream_new_for_path (cli->args[0], NULL);

  streams[0] = SIP_SIMPLE_MEDIA_STREAM (ft);
  cli_watch_transfer (cli, ft);
  cli_watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Sending %s to %s", cli->args[0], cli->to);
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("send-file: %s", error->message);
      g_clear_object (&cli->session);
      cli_finish (cli, 2);
    }
}

/* ---- the commands ---------------------------------------------------------- */

static int
chat_over (Cli *cli, int status)
{
  return status == 0 && cli->chat_failed == 0 && cli->chat_pending == 0 ? 0 : 1;
}

int
cli_chat_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to,
            "Whom to chat with (URI, user@domain or user)", "URI" },
          { "msrp-relay", 0, 0, G_OPTION_ARG_STRING, &cli->msrp_relay,
            "Chat through this MSRP relay (RFC 4976), with the account's credentials",
            "msrp://HOST:PORT;tcp" },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, NULL,
                             "Chat over MSRP: send the lines of stdin, print what arrives. The "
                             "chat ends at the end of the input, once every line is delivered.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->to == NULL)
    return cli_usage_error (cli, "chat needs --to URI");
  if (argc > 1)
    return cli_usage_error (cli, "chat takes no arguments: it sends the lines of stdin");
  cli->session_over = chat_over;
  /* a session needs no registration */
  return cli_run (cli, FALSE, start_chat);
}

static int
send_file_over (Cli *cli, int status)
{
  return cli->transfer_ok ? 0 : 1;
}

int
cli_send_file_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to,
            "Whom to send it to (URI, user@domain or user)", "URI" },
          { "msrp-relay", 0, 0, G_OPTION_ARG_STRING, &cli->msrp_relay,
            "Send through this MSRP relay (RFC 4976), with the account's credentials",
            "msrp://HOST:PORT;tcp" },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli->args, NULL, NULL },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, "FILE", "Send FILE over MSRP (RFC 5547).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->to == NULL || cli->args == NULL || cli->args[0] == NULL || cli->args[1] != NULL)
    return cli_usage_error (cli, "send-file needs --to URI and one FILE");
  if (!g_file_test (cli->args[0], G_FILE_TEST_IS_REGULAR))
    return cli_usage_error (cli, "send-file: no such file: %s", cli->args[0]);
  cli->session_over = send_file_over;
  cli->progress_bar = TRUE;
  return cli_run (cli, FALSE, start_send_file);
}
