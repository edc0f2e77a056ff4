/* sipsimple - the register and listen commands: an account registered,
 * what the registrar says, and the MESSAGEs that arrive
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

int
cli_register_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Registration lifetime to ask for",
            "N" },
          { "once", 0, 0, G_OPTION_ARG_NONE, &cli->once,
            "Register, report, unregister and exit (status 0 on success)", NULL },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, NULL, "Register a SIP account and report what happens.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_usage_error (cli, "register takes no arguments");
  return cli_run (cli, TRUE, NULL);
}

static void
listening (Cli *cli)
{
  if (cli->received == 0)
    out ("Listening for messages to %s", sip_simple_account_get_id (cli->account));
}

int
cli_listen_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N messages", "N" },
          { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Registration lifetime to ask for",
            "N" },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, NULL, "Register and print each incoming MESSAGE.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_usage_error (cli, "listen takes no arguments");
  cli->registered = listening;
  return cli_run (cli, TRUE, NULL);
}
