/* sipsimple - the message command: one SIP MESSAGE, and whether it was
 * delivered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

static void
message_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;

  if (sip_simple_account_send_message_finish (SIP_SIMPLE_ACCOUNT (source), result, &error))
    {
      out ("Message to %s delivered", cli->to);
      cli_finish (cli, 0);
    }
  else
    {
      if (error->domain == SIP_SIMPLE_SIP_ERROR)
        out ("Message to %s failed: %s", cli->to, error->message);
      else
        err ("message: %s", error->message);
      cli_finish (cli, 1);
    }
}

static void
send_message (Cli *cli)
{
  g_autofree char *text = g_strjoinv (" ", cli->args);

  sip_simple_account_send_text_async (cli->account, cli->to, text, NULL, message_sent, cli);
}

int
cli_message_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to, "Recipient (URI, user@domain or user)",
            "URI" },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, NULL },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, "TEXT...",
                             "Send a SIP MESSAGE with TEXT (the arguments, joined by spaces).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->to == NULL || cli->args == NULL || cli->args[0] == NULL)
    return cli_usage_error (cli, "message needs --to URI and the TEXT to send");
  /* sending needs no registration */
  return cli_run (cli, FALSE, send_message);
}
