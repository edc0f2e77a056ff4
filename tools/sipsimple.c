/* sipsimple - command-line client of libsipsimple
 *
 * One program with subcommands named after the classic sipclients tools.
 * This file is the table of commands and the dispatch to them; each
 * command parses its own options and lives in the file of its group
 * (sipsimple-common.h says how they are built).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const CliCommand commands[] = {
  { "account", "keep accounts in the configuration: add|list|show|set|remove|default",
    cli_account_run },
  { "register", "register an account (--once: register, report, unregister)", cli_register_run },
  { "message", "send a SIP MESSAGE: --to URI TEXT", cli_message_run },
  { "listen", "register and print each incoming MESSAGE", cli_listen_run },
  { "call", "place an audio call: --to URI [--tone HZ|--play F] [--record F]", cli_call_run },
  { "answer", "register and answer calls, chats and (--accept-files DIR) files [--count N]",
    cli_answer_run },
  { "chat", "chat over MSRP: --to URI; sends the lines of stdin, prints what arrives",
    cli_chat_run },
  { "send-file", "send a file over MSRP: --to URI FILE", cli_send_file_run },
  { "publish-presence", "publish --status online|away|busy --note TEXT until interrupted",
    cli_publish_presence_run },
  { "subscribe-presence", "print the presence of URI... as it changes [--count N]",
    cli_subscribe_presence_run },
  { "subscribe-winfo", "print who watches the account's presence", cli_subscribe_winfo_run },
  { "subscribe-mwi", "print message waiting indications [--voicemail URI]", cli_subscribe_mwi_run },
  { "xcap", "read or write the buddy list: get|put (--xcap-root URL)", cli_xcap_run },
};

static const CliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
usage (FILE *to)
{
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int)strlen (commands[i].name));
  fputs ("Usage:\n"
         "  sipsimple COMMAND [OPTION…] [ARGUMENT…]\n"
         "  sipsimple help [COMMAND [SUBCOMMAND]]\n"
         "  sipsimple --version\n\n"
         "Commands:\n",
         to);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-*s  %s\n", width, commands[i].name, commands[i].summary);
  fputs ("\nCommands use the default account of the configuration directory (see\n"
         "'sipsimple account --help'), or the one --account names.\n"
         "Run 'sipsimple COMMAND --help' for the options of a command.\n"
         "Set TPORT_LOG=1 (or --trace) to see every SIP message.\n",
         to);
  fflush (to);
}

static char *
command_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", commands[i].name);
  return g_string_free (s, FALSE);
}

static int
unknown_command (const char *name)
{
  g_autofree char *names = command_names ();

  g_printerr ("sipsimple: unknown command \"%s\"; commands: %s\n", name, names);
  g_printerr ("Run 'sipsimple --help' for the usage.\n");
  return 2;
}

static int
run_command (const CliCommand *command, int argc, char **argv)
{
  Cli cli = { .command = command };
  int status;

  status = command->run (&cli, argc, argv);
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
  g_free (cli.input);
  g_free (cli.output);
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
  return status;
}

int
main (int argc, char **argv)
{
  const CliCommand *command;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || (g_str_equal (argv[1], "help") && argc == 2))
    {
      usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "version"))
    {
      printf ("sipsimple %s\n", SIPSIMPLE_VERSION);
      return 0;
    }
  if (g_str_equal (argv[1], "help"))
    {
      /* sipsimple help COMMAND [SUBCOMMAND]: the command's own --help */
      char *help_argv[] = { argv[2], argc > 3 ? argv[3] : "--help", "--help", NULL };

      if ((command = find_command (argv[2])) == NULL)
        return unknown_command (argv[2]);
      return run_command (command, argc > 3 ? 3 : 2, help_argv);
    }
  if ((command = find_command (argv[1])) == NULL)
    return unknown_command (argv[1]);
  /* the command sees itself as argv[0] */
  return run_command (command, argc - 1, argv + 1);
}
