/* sipsimple - the presence commands: publish-presence, and
 * subscribe-presence, subscribe-winfo and subscribe-mwi with what their
 * NOTIFYs say
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

/* ---- subscriptions ------------------------------------------------------------- */

/* A subscription from the account (identity, credentials, proxy). */
static SipSimpleSubscription *
cli_subscription (Cli *cli, const char *target, const char *event, GError **error)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_account_resolve_target (cli->account, target, error);
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleUri) proxy = NULL;
  g_autofree char       *password = NULL;
  g_autofree char       *auth_user = NULL;
  g_autofree char       *proxy_text = NULL;
  SipSimpleSubscription *sub;
  SipSimpleUri          *aor = sip_simple_account_get_uri (cli->account);

  if (uri == NULL)
    return NULL;
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user, "outbound-proxy",
                &proxy_text, NULL);
  if (proxy_text != NULL && (proxy = sip_simple_uri_parse (proxy_text, error)) == NULL)
    return NULL;
  from = sip_simple_name_addr_new (sip_simple_account_get_display_name (cli->account), aor);
  sub = sip_simple_subscription_new (sip_simple_application_get_engine (cli->app), from, uri,
                                     event);
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (sub),
                                             auth_user ? auth_user : sip_simple_uri_get_user (aor), password);
  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (sub), proxy);
  sip_simple_subscription_set_contact_user (sub, sip_simple_uri_get_user (aor));
  return sub;
}

static void
count_update (Cli *cli)
{
  cli->updates++;
  if (cli->count > 0 && cli->updates >= cli->count)
    cli_finish (cli, cli->failures > 0 ? 1 : 0);
}

static void
subscription_over (Cli *cli)
{
  for (guint i = 0; i < cli->subscriptions->len; i++)
    if (sip_simple_subscription_get_state (cli->subscriptions->pdata[i])
        != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
      return;
  /* nothing left to wait for */
  cli_finish (cli, cli->failures > 0 ? 1 : 0);
}

static const char *
target_of (SipSimpleSubscription *sub, char **text)
{
  *text = sip_simple_uri_to_string (sip_simple_subscription_get_target (sub));
  return *text;
}

static void
on_sub_failed (SipSimpleSubscription *sub, guint code, const char *reason, int retry_after,
               Cli *cli)
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
  out ("%s: %s subscription ended%s%s", target_of (sub, &t),
       sip_simple_subscription_get_event (sub), reason ? ": " : "", reason ? reason : "");
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
  const char      *note;

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
  out ("%s: %s%s%s%s%s%s", t,
       sip_simple_presence_status_to_string (sip_simple_pidf_get_status (pidf)), note ? " \"" : "",
       note ? note : "", note ? "\"" : "", acts[0] ? " activities: " : "", acts[0] ? joined : "");
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
  sip_simple_message_summary_get_counts (summary, SIP_SIMPLE_MESSAGE_CONTEXT_VOICE, NULL, NULL, &nu,
                                         &ou);
  out ("Messages waiting: %s, %u new, %u old (urgent %u/%u)",
       sip_simple_message_summary_get_messages_waiting (summary) ? "yes" : "no",
       sip_simple_message_summary_get_new_messages (summary),
       sip_simple_message_summary_get_old_messages (summary), nu, ou);
  count_update (cli);
}

/* One subscription to @event per target, each NOTIFY to @on_notify */
static void
start_subscriptions (Cli *cli, const char *event, const char *accept, GCallback on_notify,
                     const char *const *targets)
{
  g_autoptr (GError) error = NULL;

  cli->subscriptions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; targets[i]; i++)
    {
      const char *const      types[] = { accept, NULL };
      SipSimpleSubscription *sub = cli_subscription (cli, targets[i], event, &error);
      if (sub == NULL)
        {
          err ("%s: %s", targets[i], error->message);
          cli_finish (cli, 2);
          return;
        }
      sip_simple_subscription_set_accept (sub, types);
      g_signal_connect (sub, "notification-received", on_notify, cli);
      g_signal_connect (sub, "ended", G_CALLBACK (on_sub_ended), cli);
      g_signal_connect (sub, "failed", G_CALLBACK (on_sub_failed), cli);
      g_ptr_array_add (cli->subscriptions, sub);
    }
  for (guint i = 0; i < cli->subscriptions->len; i++)
    if (!sip_simple_subscription_start (cli->subscriptions->pdata[i], &error))
      {
        err ("%s", error->message);
        cli_finish (cli, 1);
        return;
      }
}

static void
start_presence_subscriptions (Cli *cli)
{
  start_subscriptions (cli, "presence", SIP_SIMPLE_PIDF_CONTENT_TYPE,
                       G_CALLBACK (on_presence_notify), (const char *const *)cli->args);
}

static void
start_winfo_subscription (Cli *cli)
{
  g_autofree char  *own = sip_simple_uri_to_string (sip_simple_account_get_uri (cli->account));
  const char *const one[] = { own, NULL };

  start_subscriptions (cli, "presence.winfo", SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE,
                       G_CALLBACK (on_winfo_notify), one);
}

static void
start_mwi_subscription (Cli *cli)
{
  g_autofree char  *own = sip_simple_uri_to_string (sip_simple_account_get_uri (cli->account));
  const char *const one[] = { cli->voicemail ? cli->voicemail : own, NULL };

  start_subscriptions (cli, "message-summary", SIP_SIMPLE_MESSAGE_SUMMARY_CONTENT_TYPE,
                       G_CALLBACK (on_mwi_notify), one);
}

/* ---- publication --------------------------------------------------------------- */

static void
presence_published (GObject *source, GAsyncResult *result, gpointer data)
{
  Cli *cli = data;
  g_autoptr (GError) error = NULL;

  if (!sip_simple_publication_publish_finish (SIP_SIMPLE_PUBLICATION (source), result, &error))
    {
      out ("Publishing the presence of %s failed: %s", sip_simple_account_get_id (cli->account),
           error->message);
      cli_finish (cli, 1);
      return;
    }
  out ("Published presence of %s: %s%s%s%s (for %u s)", sip_simple_account_get_id (cli->account),
       cli->status ? cli->status : "online", cli->note ? " \"" : "", cli->note ? cli->note : "",
       cli->note ? "\"" : "", sip_simple_publication_get_granted_expires (cli->publication));
  if (cli->once)
    cli_finish (cli, 0);
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
  g_object_get (cli->account, "password", &password, "auth-username", &auth_user, "outbound-proxy",
                &proxy_text, NULL);
  if (proxy_text != NULL && (proxy = sip_simple_uri_parse (proxy_text, &error)) == NULL)
    {
      err ("invalid proxy: %s", error->message);
      cli_finish (cli, 2);
      return;
    }
  cli->publication
      = sip_simple_publication_new (sip_simple_application_get_engine (cli->app), from, "presence");
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (cli->publication),
                                             auth_user ? auth_user : sip_simple_uri_get_user (aor), password);
  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (cli->publication), proxy);
  if (cli->expires > 0)
    sip_simple_publication_set_expires (cli->publication, (guint)cli->expires);
  pidf = sip_simple_pidf_new_for_status (entity, status, cli->note);
  body = sip_simple_pidf_to_bytes (pidf);
  sip_simple_publication_publish_async (cli->publication, SIP_SIMPLE_PIDF_CONTENT_TYPE, body, NULL,
                                        presence_published, cli);
}

/* ---- the commands ---------------------------------------------------------- */

int
cli_publish_presence_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "status", 's', 0, G_OPTION_ARG_STRING, &cli->status, "online, away, busy or offline",
            "STATUS" },
          { "note", 0, 0, G_OPTION_ARG_STRING, &cli->note, "A note to publish", "TEXT" },
          { "expires", 'e', 0, G_OPTION_ARG_INT, &cli->expires, "Publication lifetime to ask for",
            "N" },
          { "once", 0, 0, G_OPTION_ARG_NONE, &cli->once,
            "Publish, report, remove the presence and exit", NULL },
          G_OPTION_ENTRY_NULL };
  SipSimplePresenceStatus status;

  context = cli_context_new (cli, NULL,
                             "Publish a presence status and note until interrupted (then remove "
                             "it).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->status != NULL && !sip_simple_presence_status_from_string (cli->status, &status))
    return cli_usage_error (cli, "--status must be online, away, busy or offline, not \"%s\"",
                            cli->status);
  if (argc > 1)
    return cli_usage_error (cli, "publish-presence takes no arguments");
  /* presence needs no registration; requests go out through the proxy */
  return cli_run (cli, FALSE, start_publication);
}

static int
subscribe (Cli *cli, int argc, char **argv, const char *summary, gboolean voicemail,
           CliStartFunc start)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N updates", "N" },
          G_OPTION_ENTRY_NULL };
  const GOptionEntry mwi[] = { { "voicemail", 0, 0, G_OPTION_ARG_STRING, &cli->voicemail,
                                 "Where to subscribe (default: the account itself)", "URI" },
                               G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, NULL, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (voicemail)
    g_option_context_add_main_entries (context, mwi, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_usage_error (cli, "%s takes no arguments", cli->command->name);
  return cli_run (cli, FALSE, start);
}

int
cli_subscribe_winfo_run (Cli *cli, int argc, char **argv)
{
  return subscribe (cli, argc, argv, "Print who watches the account's presence.", FALSE,
                    start_winfo_subscription);
}

int
cli_subscribe_mwi_run (Cli *cli, int argc, char **argv)
{
  return subscribe (cli, argc, argv, "Print message waiting indications (RFC 3842).", TRUE,
                    start_mwi_subscription);
}

int
cli_subscribe_presence_run (Cli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[]
      = { { "count", 'n', 0, G_OPTION_ARG_INT, &cli->count, "Exit after N updates", "N" },
          { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->args, NULL, NULL },
          G_OPTION_ENTRY_NULL };

  context = cli_context_new (cli, "URI...", "Print the presence of each URI as it changes.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (cli, context, &argc, &argv))
    return 2;
  if (cli->args == NULL || cli->args[0] == NULL)
    return cli_usage_error (cli, "subscribe-presence needs the URIs to watch");
  return cli_run (cli, FALSE, start_presence_subscriptions);
}
