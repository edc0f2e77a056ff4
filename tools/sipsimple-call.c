/* sipsimple - the call and answer commands: audio calls placed and
 * answered (answer takes chats and files too), and what every command
 * with a session prints about it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- sessions ---------------------------------------------------------------- */

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

/* What --input/--output name, as the stream's input/output property: a
 * path ending in .wav is a file, anything else (silence, none, tone:HZ,
 * auto, pulse:DEVICE, a device name...) is the stream's own syntax. */
static char *
audio_spec (const char *value)
{
  static const char *const schemes[] = { "file:", "gst:", "pulse:", "alsa:", "tone:" };
  g_autofree char *lower = g_ascii_strdown (value, -1);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_has_prefix (value, schemes[i]))
      return g_strdup (value);
  if (g_str_has_suffix (lower, ".wav"))
    return g_strconcat ("file:", value, NULL);
  return g_strdup (value);
}

/* A device that cannot be opened (or fails) is replaced by the stream:
 * the call goes on, the user is told. */
static void
on_device_error (SipSimpleAudioStream *audio, const GError *error,
                 SipSimpleAudioDirection direction, Cli *cli)
{
  if (direction == SIP_SIMPLE_AUDIO_DIRECTION_INPUT)
    err ("warning: audio input failed (%s): sending silence, the call goes on", error->message);
  else
    err ("warning: audio output failed (%s): what the call brings is discarded, the call goes on",
         error->message);
}

/* An audio stream set up from the command line options. */
static gboolean
configure_audio (Cli *cli, SipSimpleAudioStream *audio, GError **error)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  if (cli->input != NULL)
    input = audio_spec (cli->input);
  else if (cli->play != NULL)
    input = g_strconcat ("file:", cli->play, NULL);
  else if (cli->tone > 0)
    input = g_strdup_printf ("tone:%d", cli->tone);
  if (input != NULL)
    sip_simple_audio_stream_set_input (audio, input);
  if (cli->output != NULL)
    output = audio_spec (cli->output);
  else if (cli->record != NULL)
    output = g_strconcat ("file:", cli->record, NULL);
  if (output != NULL)
    sip_simple_audio_stream_set_output (audio, output);
  g_signal_connect (audio, "device-error", G_CALLBACK (on_device_error), cli);
  if (cli->codecs != NULL)
    {
      g_auto (GStrv) list = g_strsplit (cli->codecs, ",", -1);
      sip_simple_audio_stream_set_codecs (audio, (const char *const *)list);
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
      sip_simple_audio_stream_set_srtp (audio, (SipSimpleSrtpMode)v->value);
    }
  if (cli->ice)
    sip_simple_audio_stream_set_ice (audio, TRUE);
  return TRUE;
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
      char    line[256];
      ssize_t n;
      cli_restore_terminal (cli);
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
      char                  digit[2] = { c, '\0' };
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
  if (!isatty (STDIN_FILENO) || cli->stdin_watch != 0)
    return;
  cli_terminal_keys (cli, on_stdin);
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
  g_autofree char      *peer
      = sip_simple_name_addr_to_string (sip_simple_session_get_remote_identity (session));

  if (audio != NULL)
    {
      out ("Call with %s established: codec %s at %u Hz%s", peer,
           sip_simple_audio_stream_get_codec (audio),
           sip_simple_audio_stream_get_sample_rate (audio),
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

void
cli_session_over (Cli *cli, SipSimpleSession *session, int status)
{
  int code;

  /* a received file is checked after the sender hung up: wait for it */
  if (cli->transfer != NULL && !cli->transfer_over && cli->ended_session == NULL
      && !sip_simple_file_transfer_stream_get_sending (cli->transfer)
      && sip_simple_file_transfer_stream_get_transferred (cli->transfer) > 0
      && (gint64)sip_simple_file_transfer_stream_get_transferred (cli->transfer)
             == sip_simple_file_selector_get_size (
                 sip_simple_file_transfer_stream_get_file_selector (cli->transfer)))
    {
      cli->ended_session = g_object_ref (session);
      cli->ended_status = status;
      return;
    }
  if (cli->session == session)
    {
      cli_restore_terminal (cli);
      g_clear_object (&cli->session);
    }
  code = cli->session_over != NULL ? cli->session_over (cli, status) : -1;
  if (code >= 0)
    cli_finish (cli, code);
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
        out ("RTP: %" G_GUINT64_FORMAT " packets sent, %" G_GUINT64_FORMAT
             " received, %" G_GUINT64_FORMAT " lost",
             stats->packets_sent, stats->packets_received, stats->packets_lost);
    }
}

static void
on_call_ended (SipSimpleSession *session, SipSimpleOriginator originator, const char *reason,
               Cli *cli)
{
  out ("Call ended by %s (%s)", originator_name (originator), reason);
  cli_session_over (cli, session, 0);
}

static void
on_call_failed (SipSimpleSession *session, SipSimpleOriginator originator, guint code,
                const char *reason, const char *failure_reason, Cli *cli)
{
  if (code)
    out ("Call failed: %u %s (%s)", code, reason, failure_reason);
  else
    out ("Call failed: %s", failure_reason);
  cli_session_over (cli, session, 1);
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

void
cli_watch_session (Cli *cli, SipSimpleSession *session)
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
      cli_restore_terminal (cli);
      cli_watch_session (cli, session);
      g_autofree char *target = sip_simple_uri_to_string (
          sip_simple_name_addr_get_uri (sip_simple_session_get_remote_identity (session)));
      out ("Calling %s", target);
    }
}

static gboolean
accept_call_cb (gpointer data)
{
  SipSimpleSession *session = data;
  g_autoptr (GError) error = NULL;
  GPtrArray *chosen = g_object_get_data (G_OBJECT (session), "cli-accept");
  g_autoptr (GPtrArray) proposed
      = chosen ? g_ptr_array_ref (chosen) : sip_simple_session_get_proposed_streams (session);

  if (sip_simple_session_get_state (session) == SIP_SIMPLE_SESSION_STATE_INCOMING
      && !sip_simple_session_accept (session, (SipSimpleMediaStream **)proposed->pdata,
                                     proposed->len, &error))
    err ("accept: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
on_new_incoming (SipSimpleSessionManager *manager, SipSimpleSession *session, Cli *cli)
{
  g_autoptr (GPtrArray) proposed = sip_simple_session_get_proposed_streams (session);
  g_autofree char *peer
      = sip_simple_name_addr_to_string (sip_simple_session_get_remote_identity (session));
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
          cli_watch_chat (cli, SIP_SIMPLE_CHAT_STREAM (stream));
        }
      else if (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (stream))
        {
          SipSimpleFileTransferStream *ft = SIP_SIMPLE_FILE_TRANSFER_STREAM (stream);
          SipSimpleFileSelector       *sel = sip_simple_file_transfer_stream_get_file_selector (ft);
          g_autofree char             *dest = NULL;

          if (sel == NULL || sip_simple_file_transfer_stream_get_sending (ft))
            continue; /* a request for one of our files: not served */
          out ("File offered: %s (%" G_GINT64_FORMAT " bytes, %s)",
               sip_simple_file_selector_get_name (sel) ? sip_simple_file_selector_get_name (sel)
                                                       : "unnamed",
               sip_simple_file_selector_get_size (sel),
               sip_simple_file_selector_get_content_type (sel)
                   ? sip_simple_file_selector_get_content_type (sel)
                   : "no type");
          if (cli->accept_files == NULL)
            continue;
          dest = cli_destination_for (cli, sel);
          sip_simple_file_transfer_stream_set_destination_path (ft, dest);
          g_object_set_data_full (G_OBJECT (ft), "cli-destination", g_strdup (dest), g_free);
          cli_watch_transfer (cli, ft);
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
                          (GDestroyNotify)g_ptr_array_unref);
  cli_watch_session (cli, session);
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
      cli_finish (cli, 2);
      return;
    }
  cli_watch_session (cli, session);
  g_set_object (&cli->session, session);
  out ("Calling %s", cli->to);
  if (!sip_simple_session_connect_to (session, cli->to, streams, 1, &error))
    {
      err ("call: %s", error->message);
      g_clear_object (&cli->session);
      cli_finish (cli, 2);
    }
}

/* ---- the commands ---------------------------------------------------------- */

/* --input, --output, --play, --tone, --record, --dtmf, --duration, --codecs, --srtp, --ice */
static GOptionEntry *
media_entries (Cli *cli)
{
  const GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_STRING, &cli->input,
      "Send from an audio device (auto, pulse:NAME, a device name), silence, a tone or a WAV "
      "file (looped)", "DEVICE|silence|tone:HZ|FILE" },
    { "output", 0, 0, G_OPTION_ARG_STRING, &cli->output,
      "Play what we hear on an audio device, nowhere (none) or record it to a WAV file",
      "DEVICE|none|FILE" },
    { "play", 0, 0, G_OPTION_ARG_FILENAME, &cli->play, "Send this WAV file (looped)", "FILE.wav" },
    { "tone", 0, 0, G_OPTION_ARG_INT, &cli->tone, "Send a sine tone of this frequency", "HZ" },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &cli->record, "Record what we hear to a WAV file",
      "FILE.wav" },
    { "duration", 'd', 0, G_OPTION_ARG_INT, &cli->duration,
      "Hang up S seconds after the call starts", "S" },
    { "dtmf", 0, 0, G_OPTION_ARG_STRING, &cli->dtmf, "Send these DTMF digits once the call runs",
      "DIGITS" },
    { "codecs", 0, 0, G_OPTION_ARG_STRING, &cli->codecs,
      "Codecs in order of preference (opus,G722,PCMU,PCMA)", "LIST" },
    { "srtp", 0, 0, G_OPTION_ARG_STRING, &cli->srtp, "disabled, optional or mandatory", "MODE" },
    { "ice", 0, 0, G_OPTION_ARG_NONE, &cli->ice, "Use ICE for media", NULL },
    G_OPTION_ENTRY_NULL
  };

  return g_memdup2 (entries, sizeof entries);
}

static int
check_media_options (Cli *cli)
{
  g_autofree char *input = cli->input ? audio_spec (cli->input) : NULL;
  g_autofree char *output = cli->output ? audio_spec (cli->output) : NULL;

  if (cli->input != NULL && (cli->play != NULL || cli->tone > 0))
    return cli_usage_error (cli, "--input and --play/--tone are exclusive");
  if (cli->output != NULL && cli->record != NULL)
    return cli_usage_error (cli, "--output and --record are exclusive");
  if (input != NULL && g_str_has_prefix (input, "tone:"))
    {
      char *end = NULL;
      double freq = g_ascii_strtod (input + 5, &end);

      if (end == input + 5 || *end != '\0' || freq <= 0 || freq >= 20000)
        return cli_usage_error (cli, "--input: not a tone: %s (tone:HZ, below 20000)",
                                cli->input);
    }
  if (input != NULL && g_str_has_prefix (input, "file:")
      && !g_file_test (input + 5, G_FILE_TEST_IS_REGULAR))
    return cli_usage_error (cli, "--input: no such file: %s", input + 5);
  if (output != NULL && (g_str_equal (output, "silence") || g_str_has_prefix (output, "tone:")))
    return cli_usage_error (cli, "--output: %s is an input", cli->output);
  if (cli->play != NULL && cli->tone > 0)
    return cli_usage_error (cli, "--play and --tone are exclusive");
  if (cli->play != NULL && !g_file_test (cli->play, G_FILE_TEST_IS_REGULAR))
    return cli_usage_error (cli, "--play: no such file: %s", cli->play);
  return 0;
}

static int
call_over (Cli *cli, int status)
{
  return status;
}

static void
call_start (Cli *cli)
{
  g_signal_connect (sip_simple_application_get_session_manager (cli->app), "new-outgoing",
                    G_CALLBACK (on_new_outgoing), cli);
  start_call (cli);
}

int
cli_call_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree GOptionEntry *media = media_entries (cli);
  const GOptionEntry       entries[] = { { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to,
                                           "Whom to call (URI, user@domain or user)", "URI" },
                                         G_OPTION_ENTRY_NULL };
  int                      status;

  context = cli_context_new (cli, NULL,
                             "Place an audio call. On a terminal, keys hold (h), transfer (t), "
                             "send DTMF (0-9 * #) and hang up (q).");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, media, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_usage_error (cli, "call takes no arguments: --to URI says whom to call");
  if (cli->to == NULL)
    return cli_usage_error (cli, "call needs --to URI");
  if ((status = check_media_options (cli)) != 0)
    return status;
  cli->session_over = call_over;
  /* calling needs no registration */
  return cli_run (cli, FALSE, call_start);
}

static void
waiting_for_calls (Cli *cli)
{
  if (!cli->registered_once)
    out ("Waiting for calls to %s", sip_simple_account_get_id (cli->account));
}

static int
answered_call_over (Cli *cli, int status)
{
  if (cli->count > 0 && ++cli->calls >= cli->count)
    return 0;
  return -1;
}

static void
answer_start (Cli *cli)
{
  g_signal_connect (sip_simple_application_get_session_manager (cli->app), "new-incoming",
                    G_CALLBACK (on_new_incoming), cli);
}

int
cli_answer_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree GOptionEntry *media = media_entries (cli);
  const GOptionEntry       entries[]
      = { { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N calls", "N" },
          { "answer-after", 0, 0, G_OPTION_ARG_INT, &cli->answer_delay,
            "Ring this long before answering", "MS" },
          { "accept-files", 0, 0, G_OPTION_ARG_FILENAME, &cli->accept_files,
            "Accept offered files into this directory", "DIR" },
          { "msrp-relay", 0, 0, G_OPTION_ARG_STRING, &cli->msrp_relay,
            "Chat and files through this MSRP relay (RFC 4976), with the account's credentials",
            "msrp://HOST:PORT;tcp" },
          G_OPTION_ENTRY_NULL };
  int status;

  context = cli_context_new (cli, NULL,
                             "Register and answer calls: audio, chats (printed) and, with "
                             "--accept-files, files.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, media, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_usage_error (cli, "answer takes no arguments");
  if (cli->accept_files != NULL && !g_file_test (cli->accept_files, G_FILE_TEST_IS_DIR))
    return cli_usage_error (cli, "--accept-files: not a directory: %s", cli->accept_files);
  if ((status = check_media_options (cli)) != 0)
    return status;
  cli->registered = waiting_for_calls;
  cli->session_over = answered_call_over;
  return cli_run (cli, TRUE, answer_start);
}
