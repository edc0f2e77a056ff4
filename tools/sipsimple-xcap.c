/* sipsimple - the xcap command: the buddy list (a resource-lists
 * document) read from or written to the XCAP server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <stdio.h>

static void
xcap_stored (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *etag = NULL;

  if (!sip_simple_xcap_client_put_finish (SIP_SIMPLE_XCAP_CLIENT (source), result, &etag, &error))
    {
      out ("Storing the buddy list failed: %s", error->message);
      cli_finish (cli, 1);
      return;
    }
  out ("Stored the buddy list of %s (ETag %s)", sip_simple_account_get_id (cli->account),
       etag ? etag : "none");
  cli_finish (cli, 0);
}

static void
xcap_got (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr (GBytes) doc_bytes
      = sip_simple_xcap_client_get_finish (SIP_SIMPLE_XCAP_CLIENT (source), result, &etag, &error);
  gboolean missing
      = doc_bytes == NULL
        && g_error_matches (error, SIP_SIMPLE_XCAP_ERROR, SIP_SIMPLE_XCAP_ERROR_NOT_FOUND);
  g_autoptr (SipSimpleResourceLists) doc = NULL;
  g_autoptr (GBytes) out_bytes = NULL;

  if (g_strcmp0 (cli->args ? cli->args[0] : NULL, "get") == 0)
    {
      g_autoptr (GPtrArray) entries = NULL;
      if (doc_bytes == NULL)
        {
          out ("%s", missing ? "No buddy list on the server" : error->message);
          cli_finish (cli, 1);
          return;
        }
      if (cli->raw)
        {
          fwrite (g_bytes_get_data (doc_bytes, NULL), 1, g_bytes_get_size (doc_bytes), stdout);
          fflush (stdout);
          cli_finish (cli, 0);
          return;
        }
      doc = sip_simple_resource_lists_parse (doc_bytes, &error);
      if (doc == NULL)
        {
          out ("The server's resource-lists is unreadable: %s", error->message);
          cli_finish (cli, 1);
          return;
        }
      entries = sip_simple_resource_lists_get_entries (doc, "buddies");
      for (guint i = 0; i < entries->len; i++)
        {
          g_autofree char *text = sip_simple_name_addr_to_string (entries->pdata[i]);
          out ("%s", text);
        }
      out ("%u buddies (ETag %s)", entries->len, etag ? etag : "none");
      cli_finish (cli, 0);
      return;
    }

  /* put: the "buddies" list becomes the entries given, other lists stay */
  if (doc_bytes == NULL && !missing)
    {
      out ("Reading the buddy list failed: %s", error->message);
      cli_finish (cli, 1);
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
          g_autoptr (SipSimpleUri) uri
              = sip_simple_account_resolve_target (cli->account, cli->args[i], &error);
          if (uri == NULL)
            {
              err ("%s: %s", cli->args[i], error->message);
              cli_finish (cli, 2);
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
      cli_finish (cli, 2);
      return;
    }
  cli->xcap = sip_simple_xcap_client_new (root, aor, &error);
  if (cli->xcap == NULL)
    {
      err ("xcap: %s", error->message);
      cli_finish (cli, 2);
      return;
    }
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user, NULL);
  sip_simple_xcap_client_set_credentials (
      cli->xcap,
      auth_user ? auth_user : sip_simple_uri_get_user (sip_simple_account_get_uri (cli->account)),
      password);
  if (g_strcmp0 (cli->args[0], "put") == 0 && cli->file != NULL)
    {
      char *contents = NULL;
      gsize len = 0;
      g_autoptr (GBytes) bytes = NULL;
      if (!g_file_get_contents (cli->file, &contents, &len, &error))
        {
          err ("xcap: %s", error->message);
          cli_finish (cli, 2);
          return;
        }
      bytes = g_bytes_new_take (contents, len);
      sip_simple_xcap_client_put_async (cli->xcap, "resource-lists", NULL, NULL, bytes, NULL, NULL,
                                        xcap_stored, cli);
      return;
    }
  sip_simple_xcap_client_get_async (cli->xcap, "resource-lists", NULL, NULL, xcap_got, cli);
}

int
cli_xcap_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "xcap-root", 0, 0, G_OPTION_ARG_STRING, &cli->xcap_root,
            "The XCAP root (default: the account's xcap-root)", "URL" },
          { "raw", 0, 0, G_OPTION_ARG_NONE, &cli->raw, "get: print the whole document", NULL },
          { "file", 'f', 0, G_OPTION_ARG_FILENAME, &cli->file,
            "put: store this resource-lists document", "FILE" },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, NULL },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, "get|put [BUDDY...]",
                             "Read (get) or write (put BUDDY... or put --file FILE) the buddy "
                             "list on the XCAP server.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->args == NULL
      || (g_strcmp0 (cli->args[0], "get") != 0 && g_strcmp0 (cli->args[0], "put") != 0))
    return cli_usage_error (cli, "xcap needs get or put (put BUDDY... or put --file FILE)");
  /* XCAP needs no registration */
  return cli_run (cli, FALSE, start_xcap);
}
