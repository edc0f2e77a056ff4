/* sipsimple - command-line client of libsipsimple
 *
 * One program with subcommands named after the classic sipclients tools:
 *   sipsimple register   register an account and report what happens
 *   sipsimple message    send one SIP MESSAGE
 *   sipsimple listen     register and print incoming MESSAGEs
 *   sipsimple call       place an audio call
 *   sipsimple answer     register and answer incoming calls (audio, chat, files)
 *   sipsimple chat       chat over MSRP: lines typed are sent, messages printed
 *   sipsimple send-file  send a file over MSRP (RFC 5547)
 *   sipsimple publish-presence    publish a presence status and note
 *   sipsimple subscribe-presence  print the presence of others as it changes
 *   sipsimple subscribe-winfo     print who watches one's presence
 *   sipsimple subscribe-mwi       print message waiting indications
 *   sipsimple xcap get|put        read or write the buddy list on an XCAP server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <locale.h>
#include <termios.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  /* options */
  char     *account_id;
  char     *password;
  char     *proxy;
  char     *transport;
  char     *config_dir;
  char     *ip_address;
  char     *tls_ca_file;
  gboolean  no_verify_tls;
  gboolean  trace;
  int       expires;
  gboolean  once;
  char     *to;
  int       count;
  int       timeout;
  char     *play;
  int       tone;
  char     *record;
  int       duration;
  char     *dtmf;
  char     *codecs;
  char     *srtp;
  gboolean  ice;
  int       answer_delay;
  char     *status;
  char     *note;
  char     *xcap_root;
  char     *voicemail;
  char     *file;
  gboolean  raw;
  char     *accept_files;
  char     *msrp_relay;

  /* state */
  const char           *command;
  GMainLoop            *loop;
  SipSimpleApplication *app;
  SipSimpleAccount     *account;
  char                **args;
  int                   exit_code;
  int                   received;
  gboolean              stopping;
  gboolean              registered_once;
  SipSimpleSession     *session;        /* the call being shown */
  int                   calls;          /* answered calls that ended */
  guint                 stdin_watch;
  gboolean              raw_terminal;
  struct termios        saved_termios;
  SipSimplePublication *publication;    /* publish-presence */
  GPtrArray            *subscriptions;  /* subscribe-* */
  SipSimpleWatcherInfo *winfo;          /* subscribe-winfo */
  SipSimpleXcapClient  *xcap;           /* xcap */
  int                   updates;        /* NOTIFYs printed */
  int                   failures;

  /* chat and file transfer */
  SipSimpleChatStream         *chat;
  GDataInputStream            *lines;
  guint                        chat_pending;  /* sent, not yet delivered or failed */
  guint                        chat_failed;
  gboolean                     input_done;
  SipSimpleFileTransferStream *transfer;
  gboolean                     transfer_ok;
  gboolean                     transfer_over;   /* finished or failed */
  SipSimpleSession            *ended_session;   /* ended before its transfer's outcome */
  int                          ended_status;
  gint64                       transfer_t0;
  int                          transfer_step; /* last 10 % step printed */
  gint64                       transfer_last_draw;
  guint64                      transfer_last_bytes;
} Cli;

static void
out (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

/* One line on stdout, flushed: other programs (and tests) read it live. */
static void
out (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
  fflush (stdout);
}

static void
err (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static void
err (const char *fmt, ...)
{
  va_list ap;
  fputs ("sipsimple: ", stderr);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  fflush (stderr);
}

static void
app_stopped (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  sip_simple_application_stop_finish (SIP_SIMPLE_APPLICATION (source), result, NULL);
  g_main_loop_quit (cli->loop);
}

static void
unpublished (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  sip_simple_publication_unpublish_finish (SIP_SIMPLE_PUBLICATION (source), result, NULL);
  out ("Presence of %s removed", sip_simple_account_get_id (cli->account));
  sip_simple_application_stop_async (cli->app, NULL, app_stopped, cli);
}

static void
finish (Cli *cli, int code)
{
  if (cli->stopping)
    return;
  cli->stopping = TRUE;
  cli->exit_code = code;
  /* end subscriptions politely; the engine's stop would end them too */
  for (guint i = 0; cli->subscriptions && i < cli->subscriptions->len; i++)
    {
      g_signal_handlers_disconnect_by_data (cli->subscriptions->pdata[i], cli);
      sip_simple_subscription_stop (cli->subscriptions->pdata[i]);
    }
  if (cli->publication != NULL
      && sip_simple_publication_get_state (cli->publication) == SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED)
    {
      sip_simple_publication_unpublish_async (cli->publication, NULL, unpublished, cli);
      return;
    }
  sip_simple_application_stop_async (cli->app, NULL, app_stopped, cli);
}

static gboolean
on_signal (gpointer data)
{
  Cli *cli = data;
  if (cli->stopping)
    {
      g_main_loop_quit (cli->loop);
      return G_SOURCE_REMOVE;
    }
  finish (cli, cli->exit_code);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer data)
{
  Cli *cli = data;
  err ("%s: timed out after %d s", cli->command, cli->timeout);
  finish (cli, 3);
  return G_SOURCE_REMOVE;
}

/* ---- register ---------------------------------------------------------- */

static void
on_registered (SipSimpleAccount *account, const char *contact, guint expires, Cli *cli)
{
  out ("Registered %s as %s for %u s", sip_simple_account_get_id (account), contact, expires);
  if (g_strcmp0 (cli->command, "listen") == 0 && cli->received == 0)
    out ("Listening for messages to %s", sip_simple_account_get_id (account));
  if (g_strcmp0 (cli->command, "answer") == 0 && !cli->registered_once)
    out ("Waiting for calls to %s", sip_simple_account_get_id (account));
  cli->registered_once = TRUE;
  if (cli->once)
    finish (cli, 0);
}

static void
on_registration_failed (SipSimpleAccount *account, guint code, const char *reason,
                        gboolean will_retry, Cli *cli)
{
  if (code)
    out ("Registration of %s failed: %u %s%s", sip_simple_account_get_id (account), code, reason,
         will_retry ? " (will retry)" : "");
  else
    out ("Registration of %s failed: %s", sip_simple_account_get_id (account), reason);
  if (cli->once || !will_retry)
    finish (cli, 1);
}

static void
on_unregistered (SipSimpleAccount *account, Cli *cli)
{
  out ("Unregistered %s", sip_simple_account_get_id (account));
}

/* ---- message ----------------------------------------------------------- */

static void
message_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;

  if (sip_simple_account_send_message_finish (SIP_SIMPLE_ACCOUNT (source), result, &error))
    {
      out ("Message to %s delivered", cli->to);
      finish (cli, 0);
    }
  else
    {
      if (error->domain == SIP_SIMPLE_SIP_ERROR)
        out ("Message to %s failed: %s", cli->to, error->message);
      else
        err ("message: %s", error->message);
      finish (cli, 1);
    }
}

/* ---- listen ------------------------------------------------------------ */

static void
on_message (SipSimpleAccount *account, SipSimpleMessage *message, Cli *cli)
{
  g_autofree char *text = sip_simple_message_get_text (message);
  g_autofree char *from = sip_simple_uri_to_string (
    sip_simple_name_addr_get_uri (sip_simple_message_get_from (message)));

  if (text != NULL)
    {
      /* one line per message */
      g_strdelimit (text, "\r\n", ' ');
      out ("MESSAGE from <%s>: %s", from, text);
    }
  else
    out ("MESSAGE from <%s>: (%s, %zu bytes)", from, sip_simple_message_get_content_type (message),
         g_bytes_get_size (sip_simple_message_get_body (message)));
  cli->received++;
  if (cli->count > 0 && cli->received >= cli->count)
    finish (cli, 0);
}


/* ---- call / answer ----------------------------------------------------- */

static const char *
originator_name (SipSimpleOriginator o)
{
  return o == SIP_SIMPLE_ORIGINATOR_LOCAL ? "local" : "remote";
}

static SipSimpleAudioStream *
session_audio (SipSimpleSession *session)
{
  GListModel *streams = sip_simple_session_get_streams (session);
  for (guint i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr (GObject) s = g_list_model_get_item (streams, i);
      if (SIP_SIMPLE_IS_AUDIO_STREAM (s))
        return SIP_SIMPLE_AUDIO_STREAM (s); /* the session keeps it */
    }
  return NULL;
}

/* An audio stream set up from the command line options. */
static gboolean
configure_audio (Cli *cli, SipSimpleAudioStream *audio, GError **error)
{
  g_autofree char *input = NULL;

  if (cli->play != NULL)
    input = g_strconcat ("file:", cli->play, NULL);
  else if (cli->tone > 0)
    input = g_strdup_printf ("tone:%d", cli->tone);
  if (input != NULL)
    sip_simple_audio_stream_set_input (audio, input);
  if (cli->record != NULL)
    {
      g_autofree char *output = g_strconcat ("file:", cli->record, NULL);
      sip_simple_audio_stream_set_output (audio, output);
    }
  if (cli->codecs != NULL)
    {
      g_auto (GStrv) list = g_strsplit (cli->codecs, ",", -1);
      sip_simple_audio_stream_set_codecs (audio, (const char *const *) list);
    }
  if (cli->srtp != NULL)
    {
      GEnumClass *klass = g_type_class_ref (SIP_SIMPLE_TYPE_SRTP_MODE);
      GEnumValue *v = g_enum_get_value_by_nick (klass, cli->srtp);
      g_type_class_unref (klass);
      if (v == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--srtp must be disabled, optional or mandatory, not \"%s\"", cli->srtp);
          return FALSE;
        }
      sip_simple_audio_stream_set_srtp (audio, (SipSimpleSrtpMode) v->value);
    }
  if (cli->ice)
    sip_simple_audio_stream_set_ice (audio, TRUE);
  return TRUE;
}

static void
restore_terminal (Cli *cli)
{
  if (cli->raw_terminal)
    tcsetattr (STDIN_FILENO, TCSANOW, &cli->saved_termios);
  cli->raw_terminal = FALSE;
  g_clear_handle_id (&cli->stdin_watch, g_source_remove);
}

static gboolean
send_dtmf_cb (gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  SipSimpleAudioStream *audio = cli->session ? session_audio (cli->session) : NULL;

  if (audio != NULL && cli->dtmf != NULL)
    {
      if (sip_simple_audio_stream_send_dtmf (audio, cli->dtmf, 120, &error))
        out ("DTMF sent: %s", cli->dtmf);
      else
        err ("DTMF: %s", error->message);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
hang_up_cb (gpointer data)
{
  Cli *cli = data;
  if (cli->session != NULL)
    sip_simple_session_end (cli->session);
  return G_SOURCE_REMOVE;
}

static void interactive_keys (Cli *cli);

/* Keys while attached to a terminal: h hold/unhold, q hang up, t transfer,
 * digits * # DTMF. */
static gboolean
on_stdin (gint fd, GIOCondition condition, gpointer data)
{
  Cli *cli = data;
  char c;
  g_autoptr (GError) error = NULL;

  if (read (fd, &c, 1) != 1)
    {
      cli->stdin_watch = 0;
      return G_SOURCE_REMOVE;
    }
  if (cli->session == NULL
      || sip_simple_session_get_state (cli->session) != SIP_SIMPLE_SESSION_STATE_CONNECTED)
    return G_SOURCE_CONTINUE;
  if (c == 'q')
    sip_simple_session_end (cli->session);
  else if (c == 'h')
    {
      if (sip_simple_session_get_on_hold (cli->session))
        sip_simple_session_unhold (cli->session, &error);
      else
        sip_simple_session_hold (cli->session, &error);
    }
  else if (c == 't')
    {
      char line[256];
      ssize_t n;
      restore_terminal (cli);
      fputs ("Transfer to: ", stdout);
      fflush (stdout);
      n = read (STDIN_FILENO, line, sizeof line - 1);
      if (n > 0)
        {
          line[n] = '\0';
          g_strstrip (line);
          if (*line)
            sip_simple_session_transfer (cli->session, line, NULL, &error);
        }
      /* keys again while the transfer runs (and after it failed) */
      interactive_keys (cli);
    }
  else if (strchr ("0123456789*#ABCD", c) != NULL && c != '\0')
    {
      char digit[2] = { c, '\0' };
      SipSimpleAudioStream *audio = session_audio (cli->session);
      if (audio != NULL)
        sip_simple_audio_stream_send_dtmf (audio, digit, 120, &error);
    }
  if (error != NULL)
    err ("%s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
interactive_keys (Cli *cli)
{
  struct termios raw;

  if (!isatty (STDIN_FILENO) || cli->stdin_watch != 0)
    return;
  if (tcgetattr (STDIN_FILENO, &cli->saved_termios) == 0)
    {
      raw = cli->saved_termios;
      raw.c_lflag &= ~(ICANON | ECHO);
      raw.c_cc[VMIN] = 1;
      raw.c_cc[VTIME] = 0;
      cli->raw_terminal = tcsetattr (STDIN_FILENO, TCSANOW, &raw) == 0;
    }
  cli->stdin_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN, on_stdin, cli);
  out ("Keys: h hold/unhold, t transfer, 0-9 * # DTMF, q hang up");
}

static void
on_call_provisional (SipSimpleSession *session, guint code, const char *reason, Cli *cli)
{
  if (code == 180 || code == 183)
    out ("Ringing (%u %s)", code, reason);
  else
    out ("Progress: %u %s", code, reason);
}

static void
on_dtmf_received (SipSimpleAudioStream *audio, const char *digit, Cli *cli)
{
  out ("DTMF received: %s", digit);
}

static void
on_call_started (SipSimpleSession *session, Cli *cli)
{
  SipSimpleAudioStream *audio = session_audio (session);
  g_autofree char *peer = sip_simple_name_addr_to_string (sip_simple_session_get_remote_identity (session));

  if (audio != NULL)
    {
      out ("Call with %s established: codec %s at %u Hz%s", peer,
           sip_simple_audio_stream_get_codec (audio), sip_simple_audio_stream_get_sample_rate (audio),
           sip_simple_audio_stream_get_srtp_active (audio) ? ", SRTP" : "");
      g_signal_connect (audio, "dtmf-received", G_CALLBACK (on_dtmf_received), cli);
    }
  else
    out ("Call with %s established", peer);
  g_set_object (&cli->session, session);
  if (cli->dtmf != NULL)
    g_timeout_add (700, send_dtmf_cb, cli);
  if (cli->duration > 0)
    g_timeout_add_seconds (cli->duration, hang_up_cb, cli);
  if (audio != NULL)
    interactive_keys (cli);
}

static void
on_call_hold (SipSimpleSession *session, GParamSpec *pspec, Cli *cli)
{
  gboolean remote = g_str_equal (pspec->name, "remote-on-hold");
  gboolean on_hold = remote ? sip_simple_session_get_remote_on_hold (session)
                            : sip_simple_session_get_on_hold (session);
  out ("Call %s hold by %s", on_hold ? "put on" : "taken off",
       originator_name (remote ? SIP_SIMPLE_ORIGINATOR_REMOTE : SIP_SIMPLE_ORIGINATOR_LOCAL));
}

static void
call_over (Cli *cli, SipSimpleSession *session, int status)
{
  /* a received file is checked after the sender hung up: wait for it */
  if (cli->transfer != NULL && !cli->transfer_over && cli->ended_session == NULL
      && !sip_simple_file_transfer_stream_get_sending (cli->transfer)
      && sip_simple_file_transfer_stream_get_transferred (cli->transfer) > 0
      && (gint64) sip_simple_file_transfer_stream_get_transferred (cli->transfer)
           == sip_simple_file_selector_get_size (sip_simple_file_transfer_stream_get_file_selector (cli->transfer)))
    {
      cli->ended_session = g_object_ref (session);
      cli->ended_status = status;
      return;
    }
  if (cli->session == session)
    {
      restore_terminal (cli);
      g_clear_object (&cli->session);
    }
  if (g_strcmp0 (cli->command, "call") == 0)
    finish (cli, status);
  else if (g_strcmp0 (cli->command, "chat") == 0)
    finish (cli, status == 0 && cli->chat_failed == 0 && cli->chat_pending == 0 ? 0 : 1);
  else if (g_strcmp0 (cli->command, "send-file") == 0)
    finish (cli, cli->transfer_ok ? 0 : 1);
  else if (cli->count > 0 && ++cli->calls >= cli->count)
    finish (cli, 0);
}

/* the streams still run when the session is about to end */
static void
on_call_will_end (SipSimpleSession *session, Cli *cli)
{
  SipSimpleAudioStream *audio = session_audio (session);
  if (audio != NULL)
    {
      g_autoptr (SipSimpleAudioStatistics) stats = sip_simple_audio_stream_get_statistics (audio);
      if (stats != NULL)
        out ("RTP: %" G_GUINT64_FORMAT " packets sent, %" G_GUINT64_FORMAT " received, %"
             G_GUINT64_FORMAT " lost", stats->packets_sent, stats->packets_received, stats->packets_lost);
    }
}

static void
on_call_ended (SipSimpleSession *session, SipSimpleOriginator originator, const char *reason,
               Cli *cli)
{
  out ("Call ended by %s (%s)", originator_name (originator), reason);
  call_over (cli, session, 0);
}

static void
on_call_failed (SipSimpleSession *session, SipSimpleOriginator originator, guint code,
                const char *reason, const char *failure_reason, Cli *cli)
{
  if (code)
    out ("Call failed: %u %s (%s)", code, reason, failure_reason);
  else
    out ("Call failed: %s", failure_reason);
  call_over (cli, session, 1);
}

static void
on_transfer_incoming (SipSimpleSession *session, const char *target, const char *by, Cli *cli)
{
  g_autoptr (GError) error = NULL;
  out ("Transferred to %s: following", target);
  if (!sip_simple_session_accept_transfer (session, &error))
    err ("transfer: %s", error->message);
}

static void
on_call_transfer_succeeded (SipSimpleSession *session, Cli *cli)
{
  out ("Transfer succeeded");
}

static void
on_call_transfer_failed (SipSimpleSession *session, guint code, const char *reason, Cli *cli)
{
  out ("Transfer failed: %u %s", code, reason);
}

static void
watch_session (Cli *cli, SipSimpleSession *session)
{
  g_signal_connect (session, "provisional-response", G_CALLBACK (on_call_provisional), cli);
  g_signal_connect (session, "started", G_CALLBACK (on_call_started), cli);
  g_signal_connect (session, "will-end", G_CALLBACK (on_call_will_end), cli);
  g_signal_connect (session, "ended", G_CALLBACK (on_call_ended), cli);
  g_signal_connect (session, "failed", G_CALLBACK (on_call_failed), cli);
  g_signal_connect (session, "notify::on-hold", G_CALLBACK (on_call_hold), cli);
  g_signal_connect (session, "notify::remote-on-hold", G_CALLBACK (on_call_hold), cli);
  g_signal_connect (session, "transfer-new-incoming", G_CALLBACK (on_transfer_incoming), cli);
  g_signal_connect (session, "transfer-succeeded", G_CALLBACK (on_call_transfer_succeeded), cli);
  g_signal_connect (session, "transfer-failed", G_CALLBACK (on_call_transfer_failed), cli);
}

/* a session started by an accepted transfer replaces the shown one */
static void
on_new_outgoing (SipSimpleSessionManager *manager, SipSimpleSession *session, Cli *cli)
{
  if (cli->session != NULL && session != cli->session)
    {
      g_signal_handlers_disconnect_by_data (cli->session, cli);
      g_clear_object (&cli->session);
      restore_terminal (cli);
      watch_session (cli, session);
      g_autofree char *target = sip_simple_uri_to_string (sip_simple_name_addr_get_uri (
        sip_simple_session_get_remote_identity (session)));
      out ("Calling %s", target);
    }
}

static gboolean
accept_call_cb (gpointer data)
{
  SipSimpleSession *session = data;
  g_autoptr (GError) error = NULL;
  GPtrArray *chosen = g_object_get_data (G_OBJECT (session), "cli-accept");
  g_autoptr (GPtrArray) proposed = chosen ? g_ptr_array_ref (chosen) : sip_simple_session_get_proposed_streams (session);

  if (sip_simple_session_get_state (session) == SIP_SIMPLE_SESSION_STATE_INCOMING
      && !sip_simple_session_accept (session, (SipSimpleMediaStream **) proposed->pdata,
                                     proposed->len, &error))
    err ("accept: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void watch_chat (Cli *cli, SipSimpleChatStream *chat);
static void watch_transfer (Cli *cli, SipSimpleFileTransferStream *transfer);
static char *destination_for (Cli *cli, SipSimpleFileSelector *selector);

static void
on_new_incoming (SipSimpleSessionManager *manager, SipSimpleSession *session, Cli *cli)
{
  g_autoptr (GPtrArray) proposed = sip_simple_session_get_proposed_streams (session);
  g_autofree char *peer = sip_simple_name_addr_to_string (sip_simple_session_get_remote_identity (session));
  g_autoptr (GError) error = NULL;
  gboolean usable = FALSE;

  out ("Incoming call from %s", peer);
  if (cli->session != NULL)
    {
      out ("Busy: refusing it");
      sip_simple_session_reject (session, 486, NULL, NULL);
      return;
    }
  for (guint i = 0; i < proposed->len; i++)
    {
      SipSimpleMediaStream *stream = g_ptr_array_index (proposed, i);

      if (SIP_SIMPLE_IS_AUDIO_STREAM (stream))
        {
          usable = TRUE;
          if (!configure_audio (cli, SIP_SIMPLE_AUDIO_STREAM (stream), &error))
            {
              err ("%s", error->message);
              sip_simple_session_reject (session, 488, NULL, NULL);
              return;
            }
        }
      else if (SIP_SIMPLE_IS_CHAT_STREAM (stream))
        {
          usable = TRUE;
          out ("Chat offered");
          watch_chat (cli, SIP_SIMPLE_CHAT_STREAM (stream));
        }
      else if (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (stream))
        {
          SipSimpleFileTransferStream *ft = SIP_SIMPLE_FILE_TRANSFER_STREAM (stream);
          SipSimpleFileSelector *sel = sip_simple_file_transfer_stream_get_file_selector (ft);
          g_autofree char *dest = NULL;

          if (sel == NULL || sip_simple_file_transfer_stream_get_sending (ft))
            continue; /* a request for one of our files: not served */
          out ("File offered: %s (%" G_GINT64_FORMAT " bytes, %s)",
               sip_simple_file_selector_get_name (sel) ? sip_simple_file_selector_get_name (sel) : "unnamed",
               sip_simple_file_selector_get_size (sel),
               sip_simple_file_selector_get_content_type (sel) ? sip_simple_file_selector_get_content_type (sel)
                                                               : "no type");
          if (cli->accept_files == NULL)
            continue;
          dest = destination_for (cli, sel);
          sip_simple_file_transfer_stream_set_destination_path (ft, dest);
          g_object_set_data_full (G_OBJECT (ft), "cli-destination", g_strdup (dest), g_free);
          watch_transfer (cli, ft);
          usable = TRUE;
        }
    }
  if (!usable)
    {
      out ("Nothing acceptable offered: refusing it");
      sip_simple_session_reject (session, 488, NULL, NULL);
      return;
    }
  /* only what we can use: the rest is refused (port 0) */
  for (guint i = proposed->len; i > 0; i--)
    {
      SipSimpleMediaStream *stream = g_ptr_array_index (proposed, i - 1);
      if (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (stream)
          && g_object_get_data (G_OBJECT (stream), "cli-destination") == NULL)
        g_ptr_array_remove_index (proposed, i - 1);
    }
  g_object_set_data_full (G_OBJECT (session), "cli-accept", g_ptr_array_ref (proposed),
                          (GDestroyNotify) g_ptr_array_unref);
  watch_session (cli, session);
  g_set_object (&cli->session, session);
  sip_simple_session_send_ring_indication (session, NULL);
  g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (cli->answer_delay, 0), accept_call_cb,
                      g_object_ref (session), g_object_unref);
}

static void
start_call (Cli *cli)
{
  g_autoptr (SipSimpleAudioStream) audio = sip_simple_audio_stream_new ();
  g_autoptr (SipSimpleSession) session = sip_simple_session_new (cli->account);
  g_autoptr (GError) error = NULL;
  SipSimpleMediaStream *streams[1] = { SIP_SIMPLE_MEDIA_STREAM (audio) };

  if (!configure_audio (cli, audio, &error))
    {
      err ("%s", error->message);
      finish (cli, 2);
      return;
    }
  watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Calling %s", cli->to);
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("call: %s", error->message);
      g_clear_object (&cli->session);
      finish (cli, 2);
    }
}

/* ---- presence ---------------------------------------------------------- */

/* A subscription from the account (identity, credentials, proxy). */
static SipSimpleSubscription *
cli_subscription (Cli *cli, const char *target, const char *event, GError **error)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_account_resolve_target (cli->account, target, error);
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleUri) proxy = NULL;
  g_autofree char *password = NULL;
  g_autofree char *auth_user = NULL;
  g_autofree char *proxy_text = NULL;
  SipSimpleSubscription *sub;
  SipSimpleUri *aor = sip_simple_account_get_uri (cli->account);

  if (uri == NULL)
    return NULL;
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user,
                "outbound-proxy", &proxy_text, NULL);
  if (proxy_text != NULL && (proxy = sip_simple_uri_parse (proxy_text, error)) == NULL)
    return NULL;
  from = sip_simple_name_addr_new (sip_simple_account_get_display_name (cli->account), aor);
  sub = sip_simple_subscription_new (sip_simple_application_get_engine (cli->app), from, uri, event);
  sip_simple_subscription_set_credentials (sub, auth_user ? auth_user : sip_simple_uri_get_user (aor),
                                           password);
  sip_simple_subscription_set_outbound_proxy (sub, proxy);
  sip_simple_subscription_set_contact_user (sub, sip_simple_uri_get_user (aor));
  return sub;
}

static void
count_update (Cli *cli)
{
  cli->updates++;
  if (cli->count > 0 && cli->updates >= cli->count)
    finish (cli, cli->failures > 0 ? 1 : 0);
}

static void
subscription_over (Cli *cli)
{
  for (guint i = 0; i < cli->subscriptions->len; i++)
    if (sip_simple_subscription_get_state (cli->subscriptions->pdata[i])
        != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
      return;
  /* nothing left to wait for */
  finish (cli, cli->failures > 0 ? 1 : 0);
}

static const char *
target_of (SipSimpleSubscription *sub, char **text)
{
  *text = sip_simple_uri_to_string (sip_simple_subscription_get_target (sub));
  return *text;
}

static void
on_sub_failed (SipSimpleSubscription *sub, guint code, const char *reason, int retry_after, Cli *cli)
{
  g_autofree char *t = NULL;
  out ("%s: %s subscription failed: %u %s", target_of (sub, &t),
       sip_simple_subscription_get_event (sub), code, reason);
  cli->failures++;
  subscription_over (cli);
}

static void
on_sub_ended (SipSimpleSubscription *sub, const char *reason, int retry_after, Cli *cli)
{
  g_autofree char *t = NULL;
  out ("%s: %s subscription ended%s%s", target_of (sub, &t), sip_simple_subscription_get_event (sub),
       reason ? ": " : "", reason ? reason : "");
  subscription_over (cli);
}

static void
on_presence_notify (SipSimpleSubscription *sub, const char *content_type, GBytes *body, Cli *cli)
{
  g_autofree char *t = NULL;
  g_autoptr (SipSimplePidf) pidf = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) acts = NULL;
  g_autofree char *joined = NULL;
  const char *note;

  target_of (sub, &t);
  if (sip_simple_subscription_get_state (sub) == SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING)
    {
      out ("%s: waiting for authorization", t);
      return;
    }
  if (g_bytes_get_size (body) == 0)
    return;
  pidf = sip_simple_pidf_parse (body, &error);
  if (pidf == NULL)
    {
      out ("%s: unreadable presence: %s", t, error->message);
      return;
    }
  note = sip_simple_pidf_get_note (pidf);
  acts = sip_simple_pidf_get_activities (pidf);
  joined = g_strjoinv (", ", acts);
  out ("%s: %s%s%s%s%s%s", t, sip_simple_presence_status_to_string (sip_simple_pidf_get_status (pidf)),
       note ? " \"" : "", note ? note : "", note ? "\"" : "",
       acts[0] ? " activities: " : "", acts[0] ? joined : "");
  count_update (cli);
}

static const char *const watcher_status_names[] = { "pending", "active", "waiting", "terminated" };

static void
on_winfo_notify (SipSimpleSubscription *sub, const char *content_type, GBytes *body, Cli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleWatcherInfo) doc = NULL;
  g_autoptr (GPtrArray) watchers = NULL;

  if (g_bytes_get_size (body) == 0)
    return;
  doc = sip_simple_watcher_info_parse (body, &error);
  if (doc == NULL)
    {
      out ("Unreadable watcher information: %s", error->message);
      return;
    }
  watchers = sip_simple_watcher_info_get_watchers (doc);
  if (cli->winfo == NULL)
    cli->winfo = sip_simple_watcher_info_new ();
  if (!sip_simple_watcher_info_update (cli->winfo, doc, &error))
    {
      sip_simple_subscription_refresh (sub);
      return;
    }
  if (watchers->len == 0 && sip_simple_watcher_info_get_full (doc))
    out ("No watchers");
  for (guint i = 0; i < watchers->len; i++)
    {
      SipSimpleWatcher *w = watchers->pdata[i];
      out ("Watcher %s: %s (%s) of %s", sip_simple_watcher_get_uri (w),
           watcher_status_names[sip_simple_watcher_get_status (w)],
           sip_simple_watcher_get_event (w) ? sip_simple_watcher_get_event (w) : "",
           sip_simple_watcher_get_package (w));
    }
  count_update (cli);
}

static void
on_mwi_notify (SipSimpleSubscription *sub, const char *content_type, GBytes *body, Cli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleMessageSummary) summary = NULL;
  guint nu = 0, ou = 0;

  if (g_bytes_get_size (body) == 0)
    return;
  summary = sip_simple_message_summary_parse (body, &error);
  if (summary == NULL)
    {
      out ("Unreadable message summary: %s", error->message);
      return;
    }
  sip_simple_message_summary_get_counts (summary, SIP_SIMPLE_MESSAGE_CONTEXT_VOICE, NULL, NULL, &nu, &ou);
  out ("Messages waiting: %s, %u new, %u old (urgent %u/%u)",
       sip_simple_message_summary_get_messages_waiting (summary) ? "yes" : "no",
       sip_simple_message_summary_get_new_messages (summary),
       sip_simple_message_summary_get_old_messages (summary), nu, ou);
  count_update (cli);
}

static void
start_subscriptions (Cli *cli)
{
  g_autoptr (GError) error = NULL;
  const char *event;
  GCallback handler;
  const char *accept;
  g_autofree char *own = sip_simple_uri_to_string (sip_simple_account_get_uri (cli->account));
  g_auto (GStrv) targets = NULL;

  if (g_strcmp0 (cli->command, "subscribe-presence") == 0)
    {
      event = "presence";
      handler = G_CALLBACK (on_presence_notify);
      accept = SIP_SIMPLE_PIDF_CONTENT_TYPE;
      targets = g_strdupv (cli->args);
    }
  else if (g_strcmp0 (cli->command, "subscribe-winfo") == 0)
    {
      const char *const one[] = { own, NULL };
      event = "presence.winfo";
      handler = G_CALLBACK (on_winfo_notify);
      accept = SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE;
      targets = g_strdupv ((char **) one);
    }
  else
    {
      const char *const one[] = { cli->voicemail ? cli->voicemail : own, NULL };
      event = "message-summary";
      handler = G_CALLBACK (on_mwi_notify);
      accept = SIP_SIMPLE_MESSAGE_SUMMARY_CONTENT_TYPE;
      targets = g_strdupv ((char **) one);
    }

  cli->subscriptions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; targets[i]; i++)
    {
      const char *const types[] = { accept, NULL };
      SipSimpleSubscription *sub = cli_subscription (cli, targets[i], event, &error);
      if (sub == NULL)
        {
          err ("%s: %s", targets[i], error->message);
          finish (cli, 2);
          return;
        }
      sip_simple_subscription_set_accept (sub, types);
      g_signal_connect (sub, "got-notify", handler, cli);
      g_signal_connect (sub, "ended", G_CALLBACK (on_sub_ended), cli);
      g_signal_connect (sub, "failed", G_CALLBACK (on_sub_failed), cli);
      g_ptr_array_add (cli->subscriptions, sub);
    }
  for (guint i = 0; i < cli->subscriptions->len; i++)
    if (!sip_simple_subscription_start (cli->subscriptions->pdata[i], &error))
      {
        err ("%s", error->message);
        finish (cli, 1);
        return;
      }
}

static void
presence_published (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;

  if (!sip_simple_publication_publish_finish (SIP_SIMPLE_PUBLICATION (source), result, &error))
    {
      out ("Publishing the presence of %s failed: %s", sip_simple_account_get_id (cli->account),
           error->message);
      finish (cli, 1);
      return;
    }
  out ("Published presence of %s: %s%s%s%s (for %u s)", sip_simple_account_get_id (cli->account),
       cli->status ? cli->status : "online", cli->note ? " \"" : "", cli->note ? cli->note : "",
       cli->note ? "\"" : "", sip_simple_publication_get_granted_expires (cli->publication));
  if (cli->once)
    finish (cli, 0);
}

static void
start_publication (Cli *cli)
{
  g_autoptr (GError) error = NULL;
  SipSimpleUri *aor = sip_simple_account_get_uri (cli->account);
  g_autoptr (SipSimpleNameAddr) from = sip_simple_name_addr_new (NULL, aor);
  g_autofree char *entity = sip_simple_uri_to_string (aor);
  g_autofree char *password = NULL;
  g_autofree char *auth_user = NULL;
  g_autofree char *proxy_text = NULL;
  g_autoptr (SipSimpleUri) proxy = NULL;
  g_autoptr (SipSimplePidf) pidf = NULL;
  g_autoptr (GBytes) body = NULL;
  SipSimplePresenceStatus status = SIP_SIMPLE_PRESENCE_STATUS_ONLINE;

  if (cli->status != NULL)
    sip_simple_presence_status_from_string (cli->status, &status);
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user,
                "outbound-proxy", &proxy_text, NULL);
  if (proxy_text != NULL && (proxy = sip_simple_uri_parse (proxy_text, &error)) == NULL)
    {
      err ("invalid proxy: %s", error->message);
      finish (cli, 2);
      return;
    }
  cli->publication = sip_simple_publication_new (sip_simple_application_get_engine (cli->app), from,
                                                 "presence");
  sip_simple_publication_set_credentials (cli->publication,
                                          auth_user ? auth_user : sip_simple_uri_get_user (aor),
                                          password);
  sip_simple_publication_set_outbound_proxy (cli->publication, proxy);
  if (cli->expires > 0)
    sip_simple_publication_set_expires (cli->publication, (guint) cli->expires);
  pidf = sip_simple_pidf_new_for_status (entity, status, cli->note);
  body = sip_simple_pidf_to_bytes (pidf);
  sip_simple_publication_publish_async (cli->publication, SIP_SIMPLE_PIDF_CONTENT_TYPE, body, NULL,
                                        presence_published, cli);
}

/* ---- xcap -------------------------------------------------------------- */

static void
xcap_stored (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *etag = NULL;

  if (!sip_simple_xcap_client_put_finish (SIP_SIMPLE_XCAP_CLIENT (source), result, &etag, &error))
    {
      out ("Storing the buddy list failed: %s", error->message);
      finish (cli, 1);
      return;
    }
  out ("Stored the buddy list of %s (ETag %s)", sip_simple_account_get_id (cli->account),
       etag ? etag : "none");
  finish (cli, 0);
}

static void
xcap_got (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr (GBytes) doc_bytes = sip_simple_xcap_client_get_finish (SIP_SIMPLE_XCAP_CLIENT (source),
                                                                    result, &etag, &error);
  gboolean missing = doc_bytes == NULL
                     && g_error_matches (error, SIP_SIMPLE_XCAP_ERROR, SIP_SIMPLE_XCAP_ERROR_NOT_FOUND);
  g_autoptr (SipSimpleResourceLists) doc = NULL;
  g_autoptr (GBytes) out_bytes = NULL;

  if (g_strcmp0 (cli->args ? cli->args[0] : NULL, "get") == 0)
    {
      g_autoptr (GPtrArray) entries = NULL;
      if (doc_bytes == NULL)
        {
          out ("%s", missing ? "No buddy list on the server" : error->message);
          finish (cli, 1);
          return;
        }
      if (cli->raw)
        {
          fwrite (g_bytes_get_data (doc_bytes, NULL), 1, g_bytes_get_size (doc_bytes), stdout);
          fflush (stdout);
          finish (cli, 0);
          return;
        }
      doc = sip_simple_resource_lists_parse (doc_bytes, &error);
      if (doc == NULL)
        {
          out ("The server's resource-lists is unreadable: %s", error->message);
          finish (cli, 1);
          return;
        }
      entries = sip_simple_resource_lists_get_entries (doc, "buddies");
      for (guint i = 0; i < entries->len; i++)
        {
          g_autofree char *text = sip_simple_name_addr_to_string (entries->pdata[i]);
          out ("%s", text);
        }
      out ("%u buddies (ETag %s)", entries->len, etag ? etag : "none");
      finish (cli, 0);
      return;
    }

  /* put: the "buddies" list becomes the entries given, other lists stay */
  if (doc_bytes == NULL && !missing)
    {
      out ("Reading the buddy list failed: %s", error->message);
      finish (cli, 1);
      return;
    }
  g_clear_error (&error);
  if (doc_bytes != NULL)
    doc = sip_simple_resource_lists_parse (doc_bytes, NULL);
  if (doc == NULL)
    {
      doc = sip_simple_resource_lists_new ();
      g_clear_pointer (&etag, g_free);
    }
  sip_simple_resource_lists_remove_list (doc, "buddies");
  sip_simple_resource_lists_add_list (doc, "buddies");
  for (guint i = 1; cli->args[i]; i++)
    {
      g_autoptr (SipSimpleNameAddr) na = sip_simple_name_addr_parse (cli->args[i], NULL);
      if (na == NULL)
        {
          g_autoptr (SipSimpleUri) uri = sip_simple_account_resolve_target (cli->account, cli->args[i], &error);
          if (uri == NULL)
            {
              err ("%s: %s", cli->args[i], error->message);
              finish (cli, 2);
              return;
            }
          na = sip_simple_name_addr_new (NULL, uri);
        }
      sip_simple_resource_lists_add_entry (doc, "buddies", na);
    }
  out_bytes = sip_simple_resource_lists_to_bytes (doc);
  sip_simple_xcap_client_put_async (cli->xcap, "resource-lists", NULL, NULL, out_bytes, etag, NULL,
                                    xcap_stored, cli);
}

static void
start_xcap (Cli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = cli->xcap_root ? g_strdup (cli->xcap_root) : NULL;
  g_autofree char *aor = sip_simple_uri_to_string (sip_simple_account_get_uri (cli->account));
  g_autofree char *password = NULL;
  g_autofree char *auth_user = NULL;

  if (root == NULL)
    g_object_get (cli->account, "xcap-root", &root, NULL);
  if (root == NULL)
    {
      err ("xcap: no XCAP root: give --xcap-root URL or set the account's xcap-root");
      finish (cli, 2);
      return;
    }
  cli->xcap = sip_simple_xcap_client_new (root, aor, &error);
  if (cli->xcap == NULL)
    {
      err ("xcap: %s", error->message);
      finish (cli, 2);
      return;
    }
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user, NULL);
  sip_simple_xcap_client_set_credentials (cli->xcap,
                                          auth_user ? auth_user
                                                    : sip_simple_uri_get_user (sip_simple_account_get_uri (cli->account)),
                                          password);
  if (g_strcmp0 (cli->args[0], "put") == 0 && cli->file != NULL)
    {
      char *contents = NULL;
      gsize len = 0;
      g_autoptr (GBytes) bytes = NULL;
      if (!g_file_get_contents (cli->file, &contents, &len, &error))
        {
          err ("xcap: %s", error->message);
          finish (cli, 2);
          return;
        }
      bytes = g_bytes_new_take (contents, len);
      sip_simple_xcap_client_put_async (cli->xcap, "resource-lists", NULL, NULL, bytes, NULL, NULL,
                                        xcap_stored, cli);
      return;
    }
  sip_simple_xcap_client_get_async (cli->xcap, "resource-lists", NULL, NULL, xcap_got, cli);
}

/* ---- chat and file transfer (MSRP) -------------------------------------- */

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
on_chat_message (SipSimpleChatStream *chat, const char *id, SipSimpleNameAddr *sender, const char *content_type,
                 const char *body, GDateTime *when, Cli *cli)
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

static void
watch_chat (Cli *cli, SipSimpleChatStream *chat)
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
  gsize len;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, &len,
                                                                      &error);

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
      g_autofree char *id = sip_simple_chat_stream_send_message (cli->chat, "text/plain", line, &error);
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
static GString *typed;

static gboolean
on_chat_key (gint fd, GIOCondition condition, gpointer data)
{
  Cli *cli = data;
  char c;

  if (read (fd, &c, 1) != 1 || (c == 4 && typed->len == 0))
    {
      cli->stdin_watch = 0;
      restore_terminal (cli);
      putchar ('\n');
      /* the chat ends once what was sent is delivered (or failed) */
      cli->input_done = TRUE;
      if (cli->chat_pending > 0)
        out ("Waiting for %u message%s to be delivered", cli->chat_pending, cli->chat_pending > 1 ? "s" : "");
      maybe_done_chatting (cli);
      return G_SOURCE_REMOVE;
    }
  if (c == '\r' || c == '\n')
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = NULL;

      putchar ('\n');
      fflush (stdout);
      if (typed->len == 0 || cli->chat == NULL)
        return G_SOURCE_CONTINUE;
      id = sip_simple_chat_stream_send_message (cli->chat, "text/plain", typed->str, &error);
      if (id)
        cli->chat_pending++;
      else
        err ("chat: %s", error->message);
      g_string_truncate (typed, 0);
    }
  else if (c == 0x7f || c == '\b')
    {
      if (typed->len > 0)
        {
          /* drop a whole UTF-8 character */
          gsize len = typed->len - 1;
          while (len > 0 && ((guchar) typed->str[len] & 0xC0) == 0x80)
            len--;
          g_string_truncate (typed, len);
          fputs ("\b \b", stdout);
          fflush (stdout);
        }
      if (typed->len == 0 && cli->chat)
        sip_simple_chat_stream_set_composing (cli->chat, FALSE);
    }
  else if ((guchar) c >= ' ' || c == '\t')
    {
      g_string_append_c (typed, c);
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
  struct termios raw;

  if (tcgetattr (STDIN_FILENO, &cli->saved_termios) == 0)
    {
      raw = cli->saved_termios;
      raw.c_lflag &= ~(ICANON | ECHO);
      raw.c_cc[VMIN] = 1;
      raw.c_cc[VTIME] = 0;
      cli->raw_terminal = tcsetattr (STDIN_FILENO, TCSANOW, &raw) == 0;
    }
  if (typed == NULL)
    typed = g_string_new (NULL);
  cli->stdin_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN, on_chat_key, cli);
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
  watch_chat (cli, cli->chat);
  watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Chatting with %s%s", cli->to, isatty (STDIN_FILENO) ? " (type lines, Ctrl-D to end)" : "");
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("chat: %s", error->message);
      g_clear_object (&cli->session);
      finish (cli, 2);
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

static char *
human_bytes (guint64 n)
{
  return g_format_size_full (n, G_FORMAT_SIZE_IEC_UNITS);
}

static void
on_transfer_progress (SipSimpleFileTransferStream *ft, guint64 bytes, guint64 total, Cli *cli)
{
  gint64 now = g_get_monotonic_time ();
  double secs = (now - cli->transfer_t0) / 1e6;
  guint64 base = sip_simple_file_transfer_stream_get_range_start (ft);
  double rate = secs > 0 ? (bytes - MIN (bytes, base)) / secs : 0;
  int pct = total ? (int) (bytes * 100 / total) : 0;

  if (cli->transfer_t0 == 0)
    {
      cli->transfer_t0 = now;
      return;
    }
  if (bytes == cli->transfer_last_bytes)
    return; /* the confirmation of the last chunk repeats the total */
  cli->transfer_last_bytes = bytes;
  if (g_strcmp0 (cli->command, "send-file") == 0 && isatty (STDOUT_FILENO))
    {
      /* a bar redrawn in place, at most 10 times a second */
      g_autofree char *done = NULL;
      g_autofree char *all = NULL;
      g_autofree char *speed = NULL;
      char bar[31];
      int filled = pct * 30 / 100;

      if (now - cli->transfer_last_draw < 100000 && bytes < total)
        return;
      cli->transfer_last_draw = now;
      done = human_bytes (bytes);
      all = human_bytes (total);
      speed = human_bytes ((guint64) rate);
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
  out ("Progress: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " bytes (%d%%, %.1f MB/s)", bytes, total, pct,
       rate / 1e6);
}

static void
transfer_over (Cli *cli)
{
  g_autoptr (SipSimpleSession) ended = g_steal_pointer (&cli->ended_session);

  cli->transfer_over = TRUE;
  if (ended != NULL)
    call_over (cli, ended, cli->ended_status);
}

static void
on_transfer_finished (SipSimpleFileTransferStream *ft, Cli *cli)
{
  SipSimpleFileSelector *sel = sip_simple_file_transfer_stream_get_file_selector (ft);
  const char *dest = g_object_get_data (G_OBJECT (ft), "cli-destination");

  if (sip_simple_file_transfer_stream_get_sending (ft))
    {
      cli->transfer_ok = TRUE;
      out ("File sent: %s (%" G_GINT64_FORMAT " bytes, %s)", sip_simple_file_selector_get_name (sel),
           sip_simple_file_selector_get_size (sel), sip_simple_file_selector_get_hash (sel));
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

static void
watch_transfer (Cli *cli, SipSimpleFileTransferStream *ft)
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

/* DIR/NAME, never outside DIR, never over an existing file */
static char *
destination_for (Cli *cli, SipSimpleFileSelector *sel)
{
  const char *offered = sip_simple_file_selector_get_name (sel);
  g_autofree char *base = g_path_get_basename (offered && *offered ? offered : "received-file");
  char *path;

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

  g_autoptr (SipSimpleFileTransferStream) ft = sip_simple_file_transfer_stream_new_for_path (cli->args[0], NULL);

  streams[0] = SIP_SIMPLE_MEDIA_STREAM (ft);
  watch_transfer (cli, ft);
  watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Sending %s to %s", cli->args[0], cli->to);
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("send-file: %s", error->message);
      g_clear_object (&cli->session);
      finish (cli, 2);
    }
}

/* ---- setup ------------------------------------------------------------- */

static void
app_started (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  SipSimpleAccountManager *manager;

  if (!sip_simple_application_start_finish (SIP_SIMPLE_APPLICATION (source), result, &error))
    {
      err ("could not start: %s", error->message);
      cli->exit_code = 2;
      g_main_loop_quit (cli->loop);
      return;
    }

  manager = sip_simple_application_get_account_manager (cli->app);
  if (cli->password != NULL)
    {
      /* an account given on the command line lives only in memory */
      g_autoptr (SipSimpleAccount) account = sip_simple_account_new (cli->account_id, &error);
      if (account == NULL)
        {
          err ("invalid --account: %s", error->message);
          finish (cli, 2);
          return;
        }
      g_object_set (account, "password", cli->password, "enabled", FALSE, NULL);
      if (!sip_simple_account_manager_add (manager, account, &error))
        {
          err ("%s", error->message);
          finish (cli, 2);
          return;
        }
      cli->account = g_object_ref (account);
    }
  else
    {
      SipSimpleAccount *a = cli->account_id ? sip_simple_account_manager_find (manager, cli->account_id)
                                            : sip_simple_account_manager_get_default_account (manager);
      if (a == NULL)
        {
          if (cli->account_id)
            err ("no account %s in %s (give --password to use an account without storing it)",
                 cli->account_id, cli->config_dir);
          else
            err ("no account configured in %s: give --account and --password", cli->config_dir);
          finish (cli, 2);
          return;
        }
      cli->account = g_object_ref (a);
      sip_simple_account_set_enabled (cli->account, FALSE);
    }

  if (cli->proxy != NULL || cli->transport != NULL)
    {
      g_autofree char *proxy = NULL;
      g_autoptr (SipSimpleUri) uri = NULL;

      if (cli->proxy != NULL)
        proxy = g_strdup (cli->proxy);
      else if (sip_simple_account_get_outbound_proxy (cli->account) != NULL)
        proxy = g_strdup (sip_simple_account_get_outbound_proxy (cli->account));
      else
        proxy = g_strdup_printf ("sip:%s",
                                 sip_simple_uri_get_host (sip_simple_account_get_uri (cli->account)));
      uri = sip_simple_uri_parse (proxy, &error);
      if (uri == NULL)
        {
          err ("invalid --proxy: %s", error->message);
          finish (cli, 2);
          return;
        }
      if (cli->transport != NULL)
        sip_simple_uri_set_param (uri, "transport", cli->transport);
      g_free (proxy);
      proxy = sip_simple_uri_to_string (uri);
      g_object_set (cli->account, "outbound-proxy", proxy, NULL);
    }
  if (cli->expires > 0)
    g_object_set (cli->account, "register-interval", (guint) cli->expires, NULL);
  if (cli->msrp_relay != NULL)
    {
      g_autoptr (SipSimpleMsrpUri) relay = sip_simple_msrp_uri_parse (cli->msrp_relay, &error);
      if (relay == NULL)
        {
          err ("invalid --msrp-relay: %s", error->message);
          finish (cli, 2);
          return;
        }
      g_object_set (cli->account, "msrp-relay", cli->msrp_relay, NULL);
    }

  g_signal_connect (cli->account, "registered", G_CALLBACK (on_registered), cli);
  g_signal_connect (cli->account, "registration-failed", G_CALLBACK (on_registration_failed), cli);
  g_signal_connect (cli->account, "unregistered", G_CALLBACK (on_unregistered), cli);
  g_signal_connect (cli->account, "message-received", G_CALLBACK (on_message), cli);

  if (g_strcmp0 (cli->command, "call") == 0)
    {
      /* calling needs no registration */
      g_object_set (cli->account, "register", FALSE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
      g_signal_connect (sip_simple_application_get_session_manager (cli->app), "new-outgoing",
                        G_CALLBACK (on_new_outgoing), cli);
      start_call (cli);
    }
  else if (g_strcmp0 (cli->command, "answer") == 0)
    {
      g_signal_connect (sip_simple_application_get_session_manager (cli->app), "new-incoming",
                        G_CALLBACK (on_new_incoming), cli);
      g_object_set (cli->account, "register", TRUE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
    }
  else if (g_strcmp0 (cli->command, "publish-presence") == 0
           || g_strcmp0 (cli->command, "subscribe-presence") == 0
           || g_strcmp0 (cli->command, "subscribe-winfo") == 0
           || g_strcmp0 (cli->command, "subscribe-mwi") == 0
           || g_strcmp0 (cli->command, "xcap") == 0)
    {
      /* presence needs no registration; requests go out through the proxy */
      g_object_set (cli->account, "register", FALSE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
      if (g_strcmp0 (cli->command, "publish-presence") == 0)
        start_publication (cli);
      else if (g_strcmp0 (cli->command, "xcap") == 0)
        start_xcap (cli);
      else
        start_subscriptions (cli);
    }
  else if (g_strcmp0 (cli->command, "chat") == 0 || g_strcmp0 (cli->command, "send-file") == 0)
    {
      /* a session needs no registration */
      g_object_set (cli->account, "register", FALSE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
      if (g_strcmp0 (cli->command, "chat") == 0)
        start_chat (cli);
      else
        start_send_file (cli);
    }
  else if (g_strcmp0 (cli->command, "message") == 0)
    {
      g_autofree char *text = g_strjoinv (" ", cli->args);
      /* sending needs no registration */
      g_object_set (cli->account, "register", FALSE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
      sip_simple_account_send_text_async (cli->account, cli->to, text, NULL, message_sent, cli);
    }
  else
    {
      g_object_set (cli->account, "register", TRUE, NULL);
      sip_simple_account_set_enabled (cli->account, TRUE);
    }
}

/* Command-line options apply to this run only: set them on the engine,
 * not on the stored settings. */
static void
on_will_start (SipSimpleApplication *app, Cli *cli)
{
  SipSimpleEngine *engine = sip_simple_application_get_engine (app);

  if (cli->ip_address != NULL)
    g_object_set (engine, "ip-address", cli->ip_address, NULL);
  if (cli->tls_ca_file != NULL)
    g_object_set (engine, "tls-ca-file", cli->tls_ca_file, NULL);
  if (cli->no_verify_tls)
    g_object_set (engine, "tls-verify-server", FALSE, NULL);
  if (cli->trace)
    g_object_set (engine, "sip-trace", TRUE, NULL);
}

static gboolean
parse_args (Cli *cli, int argc, char **argv, GError **error)
{
  g_autoptr (GOptionContext) ctx = NULL;
  g_autofree char *summary = NULL;
  GOptionEntry common[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &cli->account_id, "The account (user@domain)", "URI" },
    { "password", 'p', 0, G_OPTION_ARG_STRING, &cli->password,
      "Password; with it the account is used without storing it", "PW" },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &cli->proxy, "Outbound proxy, e.g. sip:127.0.0.1:5060", "URI" },
    { "transport", 't', 0, G_OPTION_ARG_STRING, &cli->transport, "udp, tcp or tls", "T" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &cli->config_dir,
      "Configuration directory (default: ~/.config/sipsimple)", "DIR" },
    { "ip-address", 0, 0, G_OPTION_ARG_STRING, &cli->ip_address, "Local address to bind", "IP" },
    { "tls-ca-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->tls_ca_file,
      "CA certificates to trust for TLS", "FILE" },
    { "no-verify-tls", 0, 0, G_OPTION_ARG_NONE, &cli->no_verify_tls,
      "Do not verify TLS server certificates", NULL },
    { "trace", 0, 0, G_OPTION_ARG_NONE, &cli->trace, "Log every SIP message to stderr", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &cli->timeout, "Give up after S seconds", "S" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry reg[] = {
    { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Registration lifetime to ask for", "N" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &cli->once,
      "Register, report, unregister and exit (status 0 on success)", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry msg[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to, "Recipient (URI, user@domain or user)", "URI" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry lis[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N messages", "N" },
    { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Registration lifetime to ask for", "N" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry media[] = {
    { "play", 0, 0, G_OPTION_ARG_FILENAME, &cli->play, "Send this WAV file (looped)", "FILE.wav" },
    { "tone", 0, 0, G_OPTION_ARG_INT, &cli->tone, "Send a sine tone of this frequency", "HZ" },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &cli->record, "Record what we hear to a WAV file", "FILE.wav" },
    { "duration", 'd', 0, G_OPTION_ARG_INT, &cli->duration, "Hang up S seconds after the call starts", "S" },
    { "dtmf", 0, 0, G_OPTION_ARG_STRING, &cli->dtmf, "Send these DTMF digits once the call runs", "DIGITS" },
    { "codecs", 0, 0, G_OPTION_ARG_STRING, &cli->codecs, "Codecs in order of preference (opus,G722,PCMU,PCMA)", "LIST" },
    { "srtp", 0, 0, G_OPTION_ARG_STRING, &cli->srtp, "disabled, optional or mandatory", "MODE" },
    { "ice", 0, 0, G_OPTION_ARG_NONE, &cli->ice, "Use ICE for media", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry call[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to, "Whom to call (URI, user@domain or user)", "URI" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry ans[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N calls", "N" },
    { "answer-after", 0, 0, G_OPTION_ARG_INT, &cli->answer_delay, "Ring this long before answering", "MS" },
    { "accept-files", 0, 0, G_OPTION_ARG_FILENAME, &cli->accept_files,
      "Accept offered files into this directory", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry msrp[] = {
    { "msrp-relay", 0, 0, G_OPTION_ARG_STRING, &cli->msrp_relay,
      "Chat and files through this MSRP relay (RFC 4976), with the account's credentials",
      "msrp://HOST:PORT;tcp" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry rest[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry pub[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING, &cli->status, "online, away, busy or offline", "STATUS" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &cli->note, "A note to publish", "TEXT" },
    { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Publication lifetime to ask for", "N" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &cli->once,
      "Publish, report, remove the presence and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry sub[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N updates", "N" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry mwi[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N updates", "N" },
    { "voicemail", 0, 0, G_OPTION_ARG_STRING, &cli->voicemail,
      "Where to subscribe (default: the account itself)", "URI" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry xcap[] = {
    { "xcap-root", 0, 0, G_OPTION_ARG_STRING, &cli->xcap_root,
      "The XCAP root (default: the account's xcap-root)", "URL" },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &cli->raw, "get: print the whole document", NULL },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &cli->file, "put: store this resource-lists document", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry targets[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, "URI..." },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry xcap_args[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, "get|put [BUDDY...]" },
    G_OPTION_ENTRY_NULL
  };

  if (g_strcmp0 (cli->command, "register") == 0)
    {
      ctx = g_option_context_new ("- register a SIP account");
      g_option_context_add_main_entries (ctx, reg, NULL);
    }
  else if (g_strcmp0 (cli->command, "message") == 0)
    {
      ctx = g_option_context_new ("TEXT - send a SIP MESSAGE");
      g_option_context_add_main_entries (ctx, msg, NULL);
      g_option_context_add_main_entries (ctx, rest, NULL);
    }
  else if (g_strcmp0 (cli->command, "listen") == 0)
    {
      ctx = g_option_context_new ("- register and print incoming messages");
      g_option_context_add_main_entries (ctx, lis, NULL);
    }
  else if (g_strcmp0 (cli->command, "call") == 0)
    {
      ctx = g_option_context_new ("- place an audio call");
      g_option_context_add_main_entries (ctx, call, NULL);
      g_option_context_add_main_entries (ctx, media, NULL);
    }
  else if (g_strcmp0 (cli->command, "answer") == 0)
    {
      ctx = g_option_context_new ("- register and answer audio calls");
      g_option_context_add_main_entries (ctx, ans, NULL);
      g_option_context_add_main_entries (ctx, msrp, NULL);
      g_option_context_add_main_entries (ctx, media, NULL);
    }
  else if (g_strcmp0 (cli->command, "publish-presence") == 0)
    {
      ctx = g_option_context_new ("- publish a presence status and note until interrupted");
      g_option_context_add_main_entries (ctx, pub, NULL);
    }
  else if (g_strcmp0 (cli->command, "subscribe-presence") == 0)
    {
      ctx = g_option_context_new ("URI... - print the presence of others as it changes");
      g_option_context_add_main_entries (ctx, sub, NULL);
      g_option_context_add_main_entries (ctx, targets, NULL);
    }
  else if (g_strcmp0 (cli->command, "subscribe-winfo") == 0)
    {
      ctx = g_option_context_new ("- print who watches the account's presence");
      g_option_context_add_main_entries (ctx, sub, NULL);
    }
  else if (g_strcmp0 (cli->command, "subscribe-mwi") == 0)
    {
      ctx = g_option_context_new ("- print message waiting indications");
      g_option_context_add_main_entries (ctx, mwi, NULL);
    }
  else if (g_strcmp0 (cli->command, "xcap") == 0)
    {
      ctx = g_option_context_new ("get|put [BUDDY...] - read or write the buddy list on the XCAP server");
      g_option_context_add_main_entries (ctx, xcap, NULL);
      g_option_context_add_main_entries (ctx, xcap_args, NULL);
    }
  else if (g_strcmp0 (cli->command, "chat") == 0)
    {
      ctx = g_option_context_new ("- chat over MSRP: send the lines of stdin, print what arrives");
      g_option_context_add_main_entries (ctx, call, NULL);
      g_option_context_add_main_entries (ctx, msrp, NULL);
    }
  else if (g_strcmp0 (cli->command, "send-file") == 0)
    {
      ctx = g_option_context_new ("FILE - send a file over MSRP");
      g_option_context_add_main_entries (ctx, call, NULL);
      g_option_context_add_main_entries (ctx, msrp, NULL);
      g_option_context_add_main_entries (ctx, rest, NULL);
    }
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "unknown command \"%s\"; commands: register, message, listen, call, answer, chat, "
                   "send-file, publish-presence, subscribe-presence, subscribe-winfo, subscribe-mwi, xcap",
                   cli->command);
      return FALSE;
    }
  g_option_context_add_main_entries (ctx, common, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, error))
    return FALSE;

  if (cli->password != NULL && cli->account_id == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--password needs --account");
      return FALSE;
    }
  if (cli->transport != NULL && g_strcmp0 (cli->transport, "udp") != 0
      && g_strcmp0 (cli->transport, "tcp") != 0 && g_strcmp0 (cli->transport, "tls") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--transport must be udp, tcp or tls, not \"%s\"", cli->transport);
      return FALSE;
    }
  if (g_strcmp0 (cli->command, "message") == 0
      && (cli->to == NULL || cli->args == NULL || cli->args[0] == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "message needs --to URI and the TEXT to send");
      return FALSE;
    }
  if (g_strcmp0 (cli->command, "publish-presence") == 0 && cli->status != NULL)
    {
      SipSimplePresenceStatus st;
      if (!sip_simple_presence_status_from_string (cli->status, &st))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--status must be online, away, busy or offline, not \"%s\"", cli->status);
          return FALSE;
        }
    }
  if (g_strcmp0 (cli->command, "subscribe-presence") == 0 && (cli->args == NULL || cli->args[0] == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "subscribe-presence needs the URIs to watch");
      return FALSE;
    }
  if (g_strcmp0 (cli->command, "xcap") == 0
      && (cli->args == NULL || (g_strcmp0 (cli->args[0], "get") != 0 && g_strcmp0 (cli->args[0], "put") != 0)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "xcap needs get or put (put BUDDY... or put --file FILE)");
      return FALSE;
    }
  if ((g_strcmp0 (cli->command, "call") == 0 || g_strcmp0 (cli->command, "chat") == 0) && cli->to == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s needs --to URI", cli->command);
      return FALSE;
    }
  if (g_strcmp0 (cli->command, "send-file") == 0)
    {
      if (cli->to == NULL || cli->args == NULL || cli->args[0] == NULL || cli->args[1] != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "send-file needs --to URI and one FILE");
          return FALSE;
        }
      if (!g_file_test (cli->args[0], G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "send-file: no such file: %s", cli->args[0]);
          return FALSE;
        }
    }
  if (cli->accept_files != NULL && !g_file_test (cli->accept_files, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--accept-files: not a directory: %s",
                   cli->accept_files);
      return FALSE;
    }
  if (cli->play != NULL && cli->tone > 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--play and --tone are exclusive");
      return FALSE;
    }
  if (cli->play != NULL && !g_file_test (cli->play, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--play: no such file: %s",
                   cli->play);
      return FALSE;
    }
  if (cli->config_dir == NULL)
    cli->config_dir = g_build_filename (g_get_user_config_dir (), "sipsimple", NULL);
  return TRUE;
}

static void
usage (void)
{
  fputs ("Usage: sipsimple COMMAND [OPTIONS]\n\n"
         "Commands:\n"
         "  register   register an account (--once: register, report, unregister)\n"
         "  message    send a SIP MESSAGE: --to URI TEXT\n"
         "  listen     register and print each incoming MESSAGE\n"
         "  call       place an audio call: --to URI [--tone HZ|--play F] [--record F]\n"
         "  answer     register and answer calls, chats and (--accept-files DIR) files [--count N]\n"
         "  chat       chat over MSRP: --to URI; sends the lines of stdin, prints what arrives\n"
         "  send-file  send a file over MSRP: --to URI FILE\n"
         "  publish-presence    publish --status online|away|busy --note TEXT until interrupted\n"
         "  subscribe-presence  print the presence of URI... as it changes [--count N]\n"
         "  subscribe-winfo     print who watches the account's presence\n"
         "  subscribe-mwi       print message waiting indications [--voicemail URI]\n"
         "  xcap get|put        read or write the buddy list (--xcap-root URL)\n\n"
         "Run 'sipsimple COMMAND --help' for the options of a command.\n"
         "Set TPORT_LOG=1 (or --trace) to see every SIP message.\n",
         stderr);
}

int
main (int argc, char **argv)
{
  Cli cli = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleStorage) storage = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage ();
      return argc < 2 ? 2 : 0;
    }
  cli.command = argv[1];
  argv[1] = argv[0];
  if (!parse_args (&cli, argc - 1, argv + 1, &error))
    {
      err ("%s", error->message);
      return 2;
    }

  if (cli.trace)
    {
      /* show sofia-sip's message log (debug level) before any thread exists */
      const char *domains = g_getenv ("G_MESSAGES_DEBUG");
      g_autofree char *all = g_strdup_printf ("%s%sSipSimple-sofia", domains ? domains : "",
                                              domains ? " " : "");
      g_setenv ("G_MESSAGES_DEBUG", all, TRUE);
    }

  /* With --password the account is not stored: keep everything in memory
   * so a one-off command leaves no trace. */
  if (cli.password != NULL)
    storage = SIP_SIMPLE_STORAGE (sip_simple_memory_storage_new ());
  else
    storage = SIP_SIMPLE_STORAGE (sip_simple_file_storage_new (cli.config_dir));

  cli.loop = g_main_loop_new (NULL, FALSE);
  cli.app = sip_simple_application_new ();
  g_signal_connect (cli.app, "will-start", G_CALLBACK (on_will_start), &cli);

  g_unix_signal_add (SIGINT, on_signal, &cli);
  g_unix_signal_add (SIGTERM, on_signal, &cli);
  if (cli.timeout > 0)
    g_timeout_add_seconds (cli.timeout, on_timeout, &cli);

  sip_simple_application_start_async (cli.app, storage, NULL, app_started, &cli);
  g_main_loop_run (cli.loop);

  restore_terminal (&cli);
  g_clear_object (&cli.session);
  g_clear_pointer (&cli.subscriptions, g_ptr_array_unref);
  g_clear_object (&cli.publication);
  g_clear_object (&cli.winfo);
  g_clear_object (&cli.xcap);
  g_clear_object (&cli.chat);
  g_clear_object (&cli.lines);
  g_clear_object (&cli.transfer);
  g_clear_object (&cli.ended_session);
  g_clear_object (&cli.account);
  g_clear_object (&cli.app);
  g_main_loop_unref (cli.loop);
  g_free (cli.account_id);
  g_free (cli.password);
  g_free (cli.proxy);
  g_free (cli.transport);
  g_free (cli.config_dir);
  g_free (cli.ip_address);
  g_free (cli.tls_ca_file);
  g_free (cli.to);
  g_strfreev (cli.args);
  g_free (cli.play);
  g_free (cli.record);
  g_free (cli.dtmf);
  g_free (cli.codecs);
  g_free (cli.srtp);
  g_free (cli.status);
  g_free (cli.note);
  g_free (cli.xcap_root);
  g_free (cli.voicemail);
  g_free (cli.file);
  g_free (cli.accept_files);
  g_free (cli.msrp_relay);
  return cli.exit_code;
}
