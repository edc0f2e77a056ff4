/* sipsimple - what every command does: options, the account from them,
 * the main loop, ending politely, the terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void
out (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
  fflush (stdout);
}

void
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

/* ---- ending ---------------------------------------------------------------- */

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

void
cli_finish (Cli *cli, int code)
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
      && sip_simple_publication_get_state (cli->publication)
             == SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED)
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
  cli_finish (cli, cli->exit_code);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer data)
{
  Cli *cli = data;
  err ("%s: timed out after %d s", cli->command->name, cli->timeout);
  cli_finish (cli, 3);
  return G_SOURCE_REMOVE;
}

/* ---- the account's events, shown by every command ---------------------- */

static void
on_registered (SipSimpleAccount *account, const char *contact, guint expires, Cli *cli)
{
  out ("Registered %s as %s for %u s", sip_simple_account_get_id (account), contact, expires);
  if (cli->registered != NULL)
    cli->registered (cli);
  cli->registered_once = TRUE;
  if (cli->once)
    cli_finish (cli, 0);
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
    cli_finish (cli, 1);
}

static void
on_unregistered (SipSimpleAccount *account, Cli *cli)
{
  out ("Unregistered %s", sip_simple_account_get_id (account));
}

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
    cli_finish (cli, 0);
}

/* ---- the account from the options ------------------------------------------ */

/* The account: given on the command line (kept in memory only), or the
 * one named (or the default one) in the configuration. */
static SipSimpleAccount *
find_account (Cli *cli, GError **error)
{
  SipSimpleAccountManager *manager = sip_simple_application_get_account_manager (cli->app);
  g_autoptr (GError) local = NULL;
  SipSimpleAccount *a;

  if (cli->password != NULL)
    {
      g_autoptr (SipSimpleAccount) account = sip_simple_account_new (cli->account_id, &local);
      if (account == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "invalid --account: %s",
                       local->message);
          return NULL;
        }
      g_object_set (account, "password", cli->password, "enabled", FALSE, NULL);
      if (!sip_simple_account_manager_add (manager, account, error))
        return NULL;
      return g_steal_pointer (&account);
    }
  a = cli->account_id ? sip_simple_account_manager_find (manager, cli->account_id)
                      : sip_simple_account_manager_get_default_account (manager);
  if (a == NULL && cli->account_id == NULL)
    {
      /* no default: every stored account is disabled; name the first */
      g_autoptr (SipSimpleAccount) first = g_list_model_get_item (G_LIST_MODEL (manager), 0);
      a = first; /* the manager keeps it */
    }
  if (a == NULL)
    {
      if (cli->account_id)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "no account %s in %s: add it with 'sipsimple account add %s' (or give "
                     "--password to use it without storing it)",
                     cli->account_id, cli->config_dir, cli->account_id);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "no account configured in %s: add one with 'sipsimple account add URI' (or "
                     "give --account and --password)",
                     cli->config_dir);
      return NULL;
    }
  if (!sip_simple_account_get_enabled (a))
    {
      /* quoted for a shell only when it needs to be */
      g_autofree char *dir
          = cli->config_dir[strspn (cli->config_dir, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                                     "QRSTUVWXYZ0123456789/._-+,:@%=~")]
                    == '\0'
                ? g_strdup (cli->config_dir)
                : g_shell_quote (cli->config_dir);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the account %s in %s is disabled: enable it with 'sipsimple account set -c %s "
                   "%s --enable'",
                   sip_simple_account_get_id (a), cli->config_dir, dir,
                   sip_simple_account_get_id (a));
      return NULL;
    }
  sip_simple_account_set_enabled (a, FALSE);
  return g_object_ref (a);
}

char *
cli_outbound_proxy (SipSimpleAccount *account, const char *proxy, const char *transport,
                    GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autoptr (GError) local = NULL;

  if (proxy != NULL)
    text = g_strdup (proxy);
  else if (sip_simple_account_get_outbound_proxy (account) != NULL)
    text = g_strdup (sip_simple_account_get_outbound_proxy (account));
  else
    text = g_strdup_printf ("sip:%s",
                            sip_simple_uri_get_host (sip_simple_account_get_uri (account)));
  uri = sip_simple_uri_parse (text, &local);
  if (uri == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "invalid --proxy: %s",
                   local->message);
      return NULL;
    }
  if (transport != NULL)
    sip_simple_uri_set_param (uri, "transport", transport);
  return sip_simple_uri_to_string (uri);
}

/* --proxy, --transport, --expires and --msrp-relay, for this run */
static gboolean
configure_account (Cli *cli, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (cli->proxy != NULL || cli->transport != NULL)
    {
      g_autofree char *proxy = cli_outbound_proxy (cli->account, cli->proxy, cli->transport, error);

      if (proxy == NULL)
        return FALSE;
      g_object_set (cli->account, "outbound-proxy", proxy, NULL);
    }
  if (cli->expires > 0)
    g_object_set (cli->account, "register-interval", (guint)cli->expires, NULL);
  if (cli->msrp_relay != NULL)
    {
      g_autoptr (SipSimpleMsrpUri) relay = sip_simple_msrp_uri_parse (cli->msrp_relay, &local);
      if (relay == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "invalid --msrp-relay: %s",
                       local->message);
          return FALSE;
        }
      g_object_set (cli->account, "msrp-relay", cli->msrp_relay, NULL);
    }
  return TRUE;
}

static void
app_started (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;

  if (!sip_simple_application_start_finish (SIP_SIMPLE_APPLICATION (source), result, &error))
    {
      err ("could not start: %s", error->message);
      cli->exit_code = 2;
      g_main_loop_quit (cli->loop);
      return;
    }
  cli->account = find_account (cli, &error);
  if (cli->account == NULL || !configure_account (cli, &error))
    {
      err ("%s", error->message);
      cli_finish (cli, 2);
      return;
    }

  g_signal_connect (cli->account, "registered", G_CALLBACK (on_registered), cli);
  g_signal_connect (cli->account, "registration-failed", G_CALLBACK (on_registration_failed), cli);
  g_signal_connect (cli->account, "unregistered", G_CALLBACK (on_unregistered), cli);
  g_signal_connect (cli->account, "message-received", G_CALLBACK (on_message), cli);

  /* only register and listen (and answer, to be called) register: the
   * others send their requests through the proxy as they are */
  g_object_set (cli->account, "register", cli->register_account, NULL);
  sip_simple_account_set_enabled (cli->account, TRUE);
  if (cli->start != NULL)
    cli->start (cli);
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

/* ---- options ------------------------------------------------------------------ */

GOptionContext *
cli_context_new (Cli *cli, const char *parameters, const char *summary)
{
  g_autofree char *prgname = g_strdup_printf ("sipsimple %s", cli->command->name);
  GOptionContext  *context = g_option_context_new (parameters);

  /* the usage line names the command */
  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    "Set TPORT_LOG=1 (or --trace) to see every SIP message.");
  return context;
}

int
cli_usage_error (Cli *cli, const char *fmt, ...)
{
  g_autofree char *message = NULL;
  va_list          ap;

  va_start (ap, fmt);
  message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  err ("%s", message);
  fprintf (stderr, "Run 'sipsimple %s --help' for its usage and options.\n", cli->command->name);
  return 2;
}

gboolean
cli_parse (Cli *cli, GOptionContext *context, int *argc, char ***argv)
{
  const GOptionEntry common[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &cli->account_id, "The account (user@domain)",
      "URI" },
    { "password", 'p', 0, G_OPTION_ARG_STRING, &cli->password,
      "Password; with it the account is used without storing it", "PW" },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &cli->proxy, "Outbound proxy, e.g. sip:127.0.0.1:5060",
      "URI" },
    { "transport", 't', 0, G_OPTION_ARG_STRING, &cli->transport, "udp, tcp or tls", "T" },
    CLI_CONFIG_ENTRY (cli),
    { "ip-address", 0, 0, G_OPTION_ARG_STRING, &cli->ip_address, "Local address to bind", "IP" },
    { "tls-ca-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->tls_ca_file,
      "CA certificates to trust for TLS", "FILE" },
    { "no-verify-tls", 0, 0, G_OPTION_ARG_NONE, &cli->no_verify_tls,
      "Do not verify TLS server certificates", NULL },
    { "trace", 0, 0, G_OPTION_ARG_NONE, &cli->trace, "Log every SIP message to stderr", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &cli->timeout, "Give up after S seconds", "S" },
    G_OPTION_ENTRY_NULL
  };

  /* after the command's own options, in --help too */
  g_option_context_add_main_entries (context, common, NULL);
  return cli_parse_options (cli, context, argc, argv);
}

gboolean
cli_parse_options (Cli *cli, GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }
  if (cli->password != NULL && cli->account_id == NULL)
    {
      cli_usage_error (cli, "--password needs --account");
      return FALSE;
    }
  if (cli->transport != NULL && g_strcmp0 (cli->transport, "udp") != 0
      && g_strcmp0 (cli->transport, "tcp") != 0 && g_strcmp0 (cli->transport, "tls") != 0)
    {
      cli_usage_error (cli, "--transport must be udp, tcp or tls, not \"%s\"", cli->transport);
      return FALSE;
    }
  if (cli->config_dir == NULL)
    cli->config_dir = g_build_filename (g_get_user_config_dir (), "sipsimple", NULL);
  return TRUE;
}

/* ---- the run ---------------------------------------------------------------- */

static void
cli_clear (Cli *cli)
{
  cli_restore_terminal (cli);
  g_clear_object (&cli->session);
  g_clear_pointer (&cli->subscriptions, g_ptr_array_unref);
  g_clear_object (&cli->publication);
  g_clear_object (&cli->winfo);
  g_clear_object (&cli->xcap);
  g_clear_object (&cli->chat);
  g_clear_object (&cli->lines);
  if (cli->typed != NULL)
    g_string_free (g_steal_pointer (&cli->typed), TRUE);
  g_clear_object (&cli->transfer);
  g_clear_object (&cli->ended_session);
  g_clear_object (&cli->account);
  g_clear_object (&cli->app);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
}

/* The run works on a copy of the configuration in @dir: the options of
 * the command line (--proxy, --expires, ...) and what the run does with
 * the account (enabling it, registering or not) are for this run only and
 * never written back to the file. */
static gboolean
copy_configuration (const char *dir, SipSimpleStorage *to, GError **error)
{
  g_autoptr (SipSimpleStorage) from = SIP_SIMPLE_STORAGE (sip_simple_file_storage_new (dir));
  g_auto (GStrv) groups = NULL;

  if (!sip_simple_storage_load (from, error))
    return FALSE;
  groups = sip_simple_storage_list_groups (from);
  for (char **g = groups; g && *g; g++)
    {
      g_auto (GStrv) keys = sip_simple_storage_list_keys (from, *g);

      for (char **k = keys; k && *k; k++)
        {
          g_autoptr (GVariant) value = sip_simple_storage_get (from, *g, *k);

          if (value != NULL && !sip_simple_storage_set (to, *g, *k, value, error))
            return FALSE;
        }
    }
  return TRUE;
}

int
cli_run (Cli *cli, gboolean register_account, CliStartFunc start)
{
  g_autoptr (SipSimpleStorage) storage = NULL;

  cli->register_account = register_account;
  cli->start = start;
  if (cli->trace)
    {
      /* show sofia-sip's message log (debug level) before any thread exists */
      const char      *domains = g_getenv ("G_MESSAGES_DEBUG");
      g_autofree char *all
          = g_strdup_printf ("%s%sSipSimple-sofia", domains ? domains : "", domains ? " " : "");
      g_setenv ("G_MESSAGES_DEBUG", all, TRUE);
    }

  /* Everything in memory: with --password the account is not stored, so
   * that a one-off command leaves no trace; without it, a copy of the
   * configuration. */
  storage = SIP_SIMPLE_STORAGE (sip_simple_memory_storage_new ());
  if (cli->password == NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!copy_configuration (cli->config_dir, storage, &error))
        {
          err ("could not start: %s", error->message);
          return 2;
        }
    }

  cli->loop = g_main_loop_new (NULL, FALSE);
  cli->app = sip_simple_application_new ();
  g_signal_connect (cli->app, "will-start", G_CALLBACK (on_will_start), cli);

  g_unix_signal_add (SIGINT, on_signal, cli);
  g_unix_signal_add (SIGTERM, on_signal, cli);
  if (cli->timeout > 0)
    g_timeout_add_seconds (cli->timeout, on_timeout, cli);

  sip_simple_application_start_async (cli->app, storage, NULL, app_started, cli);
  g_main_loop_run (cli->loop);

  cli_clear (cli);
  return cli->exit_code;
}

/* ---- the terminal ------------------------------------------------------------ */

void
cli_restore_terminal (Cli *cli)
{
  if (cli->raw_terminal)
    tcsetattr (STDIN_FILENO, TCSANOW, &cli->saved_termios);
  cli->raw_terminal = FALSE;
  g_clear_handle_id (&cli->stdin_watch, g_source_remove);
}

void
cli_terminal_keys (Cli *cli, GUnixFDSourceFunc on_key)
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
  cli->stdin_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN, on_key, cli);
}
