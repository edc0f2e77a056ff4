/* sipsimple - command-line client of libsipsimple
 *
 * One program with subcommands named after the classic sipclients tools:
 *   sipsimple register   register an account and report what happens
 *   sipsimple message    send one SIP MESSAGE
 *   sipsimple listen     register and print incoming MESSAGEs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include <glib-unix.h>
#include <locale.h>
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
finish (Cli *cli, int code)
{
  if (cli->stopping)
    return;
  cli->stopping = TRUE;
  cli->exit_code = code;
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
  cli->registered_once = TRUE;
  if (g_strcmp0 (cli->command, "listen") == 0 && cli->received == 0)
    out ("Listening for messages to %s", sip_simple_account_get_id (account));
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

  g_signal_connect (cli->account, "registered", G_CALLBACK (on_registered), cli);
  g_signal_connect (cli->account, "registration-failed", G_CALLBACK (on_registration_failed), cli);
  g_signal_connect (cli->account, "unregistered", G_CALLBACK (on_unregistered), cli);
  g_signal_connect (cli->account, "message-received", G_CALLBACK (on_message), cli);

  if (g_strcmp0 (cli->command, "message") == 0)
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
  GOptionEntry rest[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, "TEXT" },
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
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "unknown command \"%s\"; commands: register, message, listen",
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
         "  listen     register and print each incoming MESSAGE\n\n"
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
  return cli.exit_code;
}
