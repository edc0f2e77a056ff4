/* libsipsimple - an account's presence: publication, buddies, watchers, MWI, XCAP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/account.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/buddy.h>
#include <sipsimple/app/xcap-client.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/publication.h>
#include <sipsimple/engine/subscription.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/pres-rules.h>
#include <sipsimple/presence/resource-lists.h>
#include <sipsimple/presence/rlmi-resource.h>
#include <sipsimple/presence/rlmi.h>
#include <sipsimple/presence/watcher-info.h>
#include <sipsimple/presence/watcher.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "account-private.h"
#include "account-presence-private.h"
#include "backoff-private.h"
#include "buddy-private.h"
#include "engine/context-source-internal.h"
#include "sip/mime-internal.h"

#include <string.h>

/* What one account runs for presence while its engine runs:
 *
 * - a Publication of the account's status and note (PIDF), refreshed by
 *   the stack, published again when they change, retried after failures;
 * - subscriptions to the buddies' presence: one to the resource list
 *   server when the account has an rls-uri (its RLMI notifications update
 *   every buddy), one per buddy otherwise or when the RLS turns out not to
 *   be there;
 * - a presence.winfo subscription to the account itself, whose watcher
 *   documents feed the watchers list;
 * - a message-summary subscription (MWI) when enabled;
 * - with an xcap-root: the buddy list kept as the "buddies" list of the
 *   user's resource-lists document (the server's copy wins at start, local
 *   changes are written back), an rls-services document naming the
 *   rls-uri, and pres-rules edits.
 *
 * Subscriptions that end are renewed as RFC 6665 suggests: at once after
 * "timeout", after Retry-After (or 30 s) after "probation"/"giveup",
 * never after "rejected", "noresource" or a permanent failure (403, 404,
 * 489, ...); other failures back off from 5 s to 5 min. */

#define BUDDY_LIST "buddies"
/* subscription and publication retries: 5 s, 10 s, ... up to 5 minutes */
#define RETRY_MIN_SECONDS 5
#define RETRY_MAX_SECONDS 300
#define RETRY_MAX_DOUBLINGS 6

typedef enum {
  SUB_BUDDY,
  SUB_RLS,
  SUB_WINFO,
  SUB_MWI,
} SubKind;

typedef struct _Sub Sub;

struct _SipSimpleAccountPresence
{
  SipSimpleAccount     *account;        /* owner, not a reference */
  SipSimpleEngine      *engine;         /* while attached */

  GListStore           *buddies;        /* SipSimpleBuddy */
  GListStore           *watchers;       /* SipSimpleWatcher of winfo_state */
  SipSimpleWatcherInfo *winfo_state;

  char                 *running_config; /* settings the running parts were made for */
  GSource              *update_idle;

  /* publication */
  SipSimplePublication *publication;
  gboolean              published;
  SipSimpleBackoff      publish_retry;
  GSource              *publish_idle;   /* coalesces changes into one PUBLISH */
  GCancellable         *cancel;         /* publish calls and XCAP requests */

  /* subscriptions */
  GHashTable           *buddy_subs;     /* normalized URI -> Sub* */
  Sub                  *rls;
  gboolean              rls_unavailable;
  gboolean              rls_waits_for_xcap;
  Sub                  *winfo;
  Sub                  *mwi;

  /* bumped by stop_parts(): late callbacks of older runs are ignored */
  guint                 generation;

  /* XCAP */
  SipSimpleXcapClient  *xcap;
  GQueue                xcap_ops;
  gboolean              xcap_busy;
  gboolean              pulling;        /* applying the server's list */

  /* detaching */
  guint                 detach_pending;
  GCallback             detach_done;
  gpointer              detach_data;
};

struct _Sub
{
  SipSimpleAccountPresence *owner;
  SubKind                   kind;
  char                     *target;
  SipSimpleSubscription    *sub;
  SipSimpleBackoff          retry;
  gboolean                  detaching;
};

static void start_parts (SipSimpleAccountPresence *self);
static void stop_parts (SipSimpleAccountPresence *self);
static void start_buddy_subscriptions (SipSimpleAccountPresence *self);
static void xcap_queue (SipSimpleAccountPresence *self, int kind, const char *uri,
                        SipSimpleWatcherPolicy policy, GTask *task);
static void detach_step_done (SipSimpleAccountPresence *self);

/* ---- settings ----------------------------------------------------------- */

static gboolean
get_bool (SipSimpleAccountPresence *self, const char *name)
{
  gboolean v = FALSE;
  g_object_get (self->account, name, &v, NULL);
  return v;
}

static char *
get_string (SipSimpleAccountPresence *self, const char *name)
{
  char *v = NULL;
  g_object_get (self->account, name, &v, NULL);
  if (v != NULL && *v == '\0')
    g_clear_pointer (&v, g_free);
  return v;
}

static char *
account_aor (SipSimpleAccountPresence *self)
{
  return sip_simple_uri_to_string (sip_simple_account_get_uri (self->account));
}

/* URIs of lists compare as text after a round trip through the parser */
static char *
normalize_uri (const char *text)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (text, NULL);
  return uri ? sip_simple_uri_to_string (uri) : g_strdup (text);
}

static gboolean
presence_enabled (SipSimpleAccountPresence *self)
{
  return self->engine != NULL && get_bool (self, "presence-enabled")
         && sip_simple_account_get_enabled (self->account);
}

static gboolean
mwi_enabled (SipSimpleAccountPresence *self)
{
  return self->engine != NULL && get_bool (self, "mwi-enabled")
         && sip_simple_account_get_enabled (self->account);
}

/* Everything that, when it changes, means starting over. */
static char *
config_signature (SipSimpleAccountPresence *self)
{
  g_autofree char *rls = get_string (self, "rls-uri");
  g_autofree char *xcap = get_string (self, "xcap-root");
  g_autofree char *vm = get_string (self, "voicemail-uri");
  g_autofree char *proxy = get_string (self, "outbound-proxy");
  g_autofree char *password = get_string (self, "password");
  g_autofree char *user = get_string (self, "auth-username");

  return g_strdup_printf ("%d|%d|%s|%s|%s|%s|%s|%s", presence_enabled (self), mwi_enabled (self),
                          rls ? rls : "", xcap ? xcap : "", vm ? vm : "", proxy ? proxy : "",
                          password ? password : "", user ? user : "");
}

/* ---- buddies ------------------------------------------------------------ */

GListModel *
sip_simple_account_presence_get_buddies (SipSimpleAccountPresence *self)
{
  return G_LIST_MODEL (self->buddies);
}

GListModel *
sip_simple_account_presence_get_watchers (SipSimpleAccountPresence *self)
{
  return G_LIST_MODEL (self->watchers);
}

gboolean
sip_simple_account_presence_is_published (SipSimpleAccountPresence *self)
{
  return self->published;
}

static SipSimpleBuddy *
find_buddy (SipSimpleAccountPresence *self, const char *uri, guint *position)
{
  g_autofree char *norm = normalize_uri (uri);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      if (g_strcmp0 (sip_simple_buddy_get_uri (b), norm) == 0)
        {
          if (position)
            *position = i;
          return b;   /* the store keeps it alive */
        }
    }
  return NULL;
}

/* The account's buddy-list property as (URI, display name) pairs. */
static GPtrArray *
wanted_buddies (SipSimpleAccountPresence *self)
{
  g_auto (GStrv) list = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sip_simple_name_addr_unref);

  g_object_get (self->account, "buddy-list", &list, NULL);
  for (guint i = 0; list && list[i]; i++)
    {
      SipSimpleNameAddr *na = sip_simple_name_addr_parse (list[i], NULL);
      if (na == NULL)
        {
          g_warning ("Account %s: ignoring the buddy \"%s\": not a SIP address",
                     sip_simple_account_get_id (self->account), list[i]);
          continue;
        }
      g_ptr_array_add (out, na);
    }
  return out;
}

/* ---- subscriptions ------------------------------------------------------ */

static const char *
event_of (SubKind kind)
{
  switch (kind)
    {
    case SUB_BUDDY:
    case SUB_RLS:
      return "presence";
    case SUB_WINFO:
      return "presence.winfo";
    case SUB_MWI:
      return "message-summary";
    }
  return NULL;
}

static void sub_schedule_retry (Sub *s, int seconds);
static void sub_start (Sub *s);

static void
apply_pidf (SipSimpleBuddy *buddy, const char *content_type, GBytes *body)
{
  g_autofree char *type = sip_simple_mime_type (content_type);
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimplePidf) pidf = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return;
  if (g_strcmp0 (type, SIP_SIMPLE_PIDF_CONTENT_TYPE) != 0)
    {
      g_debug ("Presence of %s in %s: not understood", sip_simple_buddy_get_uri (buddy), type);
      return;
    }
  pidf = sip_simple_pidf_parse (body, &error);
  if (pidf == NULL)
    {
      g_debug ("Presence of %s: %s", sip_simple_buddy_get_uri (buddy), error->message);
      return;
    }
  sip_simple_buddy_set_pidf (buddy, pidf);
}

static SipSimpleSubscriptionState
rlmi_state (const char *state)
{
  if (g_strcmp0 (state, "active") == 0)
    return SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE;
  if (g_strcmp0 (state, "pending") == 0)
    return SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING;
  if (g_strcmp0 (state, "terminated") == 0)
    return SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED;
  return SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING;
}

static void
apply_rlmi (SipSimpleAccountPresence *self, SipSimpleRlmi *rlmi)
{
  g_autoptr (GPtrArray) resources = sip_simple_rlmi_get_resources (rlmi);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      SipSimpleRlmiResource *res = NULL;

      for (guint r = 0; r < resources->len && res == NULL; r++)
        {
          g_autofree char *uri = normalize_uri (sip_simple_rlmi_resource_get_uri (resources->pdata[r]));
          if (g_strcmp0 (uri, sip_simple_buddy_get_uri (b)) == 0)
            res = resources->pdata[r];
        }
      if (res == NULL)
        {
          if (sip_simple_rlmi_get_full_state (rlmi))
            sip_simple_buddy_set_subscription_state (b, SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING);
          continue;
        }
      /* the document first, so the state change shows it */
      apply_pidf (b, sip_simple_rlmi_resource_get_content_type (res),
                  sip_simple_rlmi_resource_get_body (res));
      sip_simple_buddy_set_subscription_state (b, rlmi_state (sip_simple_rlmi_resource_get_state (res)));
    }
}

static void
apply_winfo (SipSimpleAccountPresence *self, Sub *s, GBytes *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleWatcherInfo) doc = sip_simple_watcher_info_parse (body, &error);
  g_autoptr (GHashTable) before = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, NULL);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();

  if (doc == NULL)
    {
      g_debug ("Watcher info of %s: %s", sip_simple_account_get_id (self->account), error->message);
      return;
    }
  if (self->winfo_state == NULL)
    {
      if (!sip_simple_watcher_info_get_full (doc))
        {
          sip_simple_subscription_refresh (s->sub);   /* ask for the full state */
          return;
        }
      self->winfo_state = sip_simple_watcher_info_new ();
    }
  all = sip_simple_watcher_info_get_watchers (self->winfo_state);
  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (before, all->pdata[i],
                         GINT_TO_POINTER (sip_simple_watcher_get_status (all->pdata[i]) + 1));
  g_clear_pointer (&all, g_ptr_array_unref);
  if (!sip_simple_watcher_info_update (self->winfo_state, doc, &error))
    {
      g_debug ("Watcher info of %s: %s; asking for the full state",
               sip_simple_account_get_id (self->account), error->message);
      sip_simple_subscription_refresh (s->sub);
      return;
    }

  all = sip_simple_watcher_info_get_watchers (self->winfo_state);
  for (guint i = 0; i < all->len; i++)
    {
      SipSimpleWatcher *w = all->pdata[i];
      if (g_strcmp0 (sip_simple_watcher_get_package (w), "presence") == 0
          && sip_simple_watcher_get_status (w) != SIP_SIMPLE_WATCHER_STATUS_TERMINATED)
        g_ptr_array_add (wanted, w);
    }
  /* drop the ones that went */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->watchers)); i-- > 0;)
    {
      g_autoptr (SipSimpleWatcher) w = g_list_model_get_item (G_LIST_MODEL (self->watchers), i);
      if (!g_ptr_array_find (wanted, w, NULL))
        g_list_store_remove (self->watchers, i);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      SipSimpleWatcher *w = wanted->pdata[i];
      int was = GPOINTER_TO_INT (g_hash_table_lookup (before, w)) - 1;
      gboolean listed = g_list_store_find (self->watchers, w, NULL);
      gboolean pending = sip_simple_watcher_get_status (w) == SIP_SIMPLE_WATCHER_STATUS_PENDING;

      if (!listed)
        g_list_store_append (self->watchers, w);
      if (!listed)
        sip_simple_account_emit_watcher (self->account, w, TRUE);
      if (pending && (!listed || was != SIP_SIMPLE_WATCHER_STATUS_PENDING))
        sip_simple_account_emit_watcher (self->account, w, FALSE);
    }
}

static void
apply_summary (SipSimpleAccountPresence *self, const char *content_type, GBytes *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleMessageSummary) summary = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return;   /* the empty first NOTIFY some servers send */
  summary = sip_simple_message_summary_parse (body, &error);
  if (summary == NULL)
    {
      g_debug ("Message summary for %s: %s", sip_simple_account_get_id (self->account),
               error->message);
      return;
    }
  sip_simple_account_set_message_summary (self->account, summary);
}

static void
rls_unavailable (SipSimpleAccountPresence *self, const char *why)
{
  Sub *s = g_steal_pointer (&self->rls);

  g_debug ("Account %s: no resource list server at the rls-uri (%s); subscribing to each buddy",
           sip_simple_account_get_id (self->account), why);
  self->rls_unavailable = TRUE;
  if (s != NULL)
    {
      g_signal_handlers_disconnect_by_data (s->sub, s);
      sip_simple_subscription_stop (s->sub);
      sip_simple_backoff_clear (&s->retry);
      g_clear_object (&s->sub);
      g_free (s->target);
      g_free (s);
    }
  start_buddy_subscriptions (self);
}

static void
on_got_notify (SipSimpleSubscription *sub, const char *content_type, GBytes *body, Sub *s)
{
  SipSimpleAccountPresence *self = s->owner;
  g_autofree char *type = sip_simple_mime_type (content_type);

  sip_simple_backoff_reset (&s->retry);
  switch (s->kind)
    {
    case SUB_BUDDY:
      {
        SipSimpleBuddy *b = find_buddy (self, s->target, NULL);
        if (b != NULL)
          apply_pidf (b, content_type, body);
      }
      break;
    case SUB_RLS:
      if (!sip_simple_subscription_is_list (sub))
        {
          /* a plain presentity answered: the rls-uri is not a list */
          rls_unavailable (self, "no Require: eventlist");
          break;
        }
      if (g_bytes_get_size (body) == 0)
        break;
      if (g_strcmp0 (type, "multipart/related") == 0 || g_strcmp0 (type, SIP_SIMPLE_RLMI_CONTENT_TYPE) == 0)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (SipSimpleRlmi) rlmi = sip_simple_rlmi_parse (content_type, body, &error);
          if (rlmi == NULL)
            g_debug ("Resource list notification for %s: %s",
                     sip_simple_account_get_id (self->account), error->message);
          else
            apply_rlmi (self, rlmi);
        }
      else
        /* a plain presentity answered: the rls-uri is not a list */
        rls_unavailable (self, type ? type : "no list");
      break;
    case SUB_WINFO:
      if (g_bytes_get_size (body) > 0)
        apply_winfo (self, s, body);
      break;
    case SUB_MWI:
      apply_summary (self, content_type, body);
      break;
    }
}

static void
on_sub_state (SipSimpleSubscription *sub, GParamSpec *pspec, Sub *s)
{
  SipSimpleSubscriptionState state = sip_simple_subscription_get_state (sub);

  if (s->kind == SUB_BUDDY)
    {
      SipSimpleBuddy *b = find_buddy (s->owner, s->target, NULL);
      if (b != NULL)
        sip_simple_buddy_set_subscription_state (b, state);
    }
  else if (s->kind == SUB_RLS && state == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (s->owner->buddies));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (s->owner->buddies), i);
          sip_simple_buddy_set_subscription_state (b, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
        }
    }
}

static void
on_sub_ended (SipSimpleSubscription *sub, const char *reason, int retry_after, Sub *s)
{
  int delay;

  if (s->detaching)
    {
      s->detaching = FALSE;
      detach_step_done (s->owner);
      return;
    }
  if (reason == NULL)
    return;   /* we ended it, or the engine stopped */
  if (g_str_equal (reason, "rejected") || g_str_equal (reason, "noresource")
      || g_str_equal (reason, "invariant"))
    {
      if (s->kind == SUB_RLS)
        rls_unavailable (s->owner, reason);
      return;
    }
  if (g_str_equal (reason, "timeout") || g_str_equal (reason, "deactivated"))
    delay = 0;
  else if (retry_after >= 0)
    delay = retry_after;
  else
    delay = (int) sip_simple_backoff_next_delay (&s->retry);
  sub_schedule_retry (s, delay);
}

static void
on_sub_failed (SipSimpleSubscription *sub, guint code, const char *reason, int retry_after, Sub *s)
{
  g_debug ("Account %s: %s subscription to %s failed: %u %s",
           sip_simple_account_get_id (s->owner->account), event_of (s->kind), s->target, code, reason);
  if (s->detaching)
    {
      s->detaching = FALSE;
      detach_step_done (s->owner);
      return;
    }
  if (sip_simple_backoff_is_permanent (code))
    {
      if (s->kind == SUB_RLS)
        rls_unavailable (s->owner, reason);
      return;
    }
  sub_schedule_retry (s, retry_after >= 0 ? retry_after
                                          : (int) sip_simple_backoff_next_delay (&s->retry));
}

static void
sub_schedule_retry (Sub *s, int seconds)
{
  sip_simple_backoff_schedule (&s->retry, (guint) MAX (seconds, 0), (SipSimpleBackoffFunc) sub_start,
                               s);
}

static void
sub_start (Sub *s)
{
  SipSimpleAccountPresence *self = s->owner;
  g_autoptr (GError) error = NULL;

  if (self->engine == NULL)
    return;
  if (s->sub == NULL)
    {
      g_autoptr (SipSimpleUri) target = sip_simple_uri_parse (s->target, &error);
      g_autoptr (SipSimpleNameAddr) from = NULL;
      g_autoptr (SipSimpleUri) proxy = sip_simple_account_dup_outbound_proxy (self->account);

      if (target == NULL)
        {
          g_warning ("Account %s: cannot subscribe to %s: %s",
                     sip_simple_account_get_id (self->account), s->target, error->message);
          return;
        }
      from = sip_simple_name_addr_new (sip_simple_account_get_display_name (self->account),
                                       sip_simple_account_get_uri (self->account));
      s->sub = sip_simple_subscription_new (self->engine, from, target, event_of (s->kind));
      sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (s->sub),
                                                 sip_simple_account_get_auth_user (self->account),
                                                 sip_simple_account_get_password (self->account));
      sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (s->sub), proxy);
      sip_simple_subscription_set_contact_user (s->sub, sip_simple_account_get_contact_user (self->account));
      switch (s->kind)
        {
        case SUB_BUDDY:
          {
            const char *const accept[] = { SIP_SIMPLE_PIDF_CONTENT_TYPE, NULL };
            sip_simple_subscription_set_accept (s->sub, accept);
          }
          break;
        case SUB_RLS:
          {
            const char *const accept[] = { "multipart/related", SIP_SIMPLE_RLMI_CONTENT_TYPE,
                                           SIP_SIMPLE_PIDF_CONTENT_TYPE, NULL };
            sip_simple_subscription_set_accept (s->sub, accept);
            sip_simple_subscription_set_eventlist (s->sub, TRUE);
          }
          break;
        case SUB_WINFO:
          {
            const char *const accept[] = { SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE, NULL };
            sip_simple_subscription_set_accept (s->sub, accept);
          }
          break;
        case SUB_MWI:
          {
            const char *const accept[] = { SIP_SIMPLE_MESSAGE_SUMMARY_CONTENT_TYPE, NULL };
            sip_simple_subscription_set_accept (s->sub, accept);
          }
          break;
        }
      g_signal_connect (s->sub, "notification-received", G_CALLBACK (on_got_notify), s);
      g_signal_connect (s->sub, "notify::state", G_CALLBACK (on_sub_state), s);
      g_signal_connect (s->sub, "ended", G_CALLBACK (on_sub_ended), s);
      g_signal_connect (s->sub, "failed", G_CALLBACK (on_sub_failed), s);
    }
  if (!sip_simple_subscription_start (s->sub, &error))
    g_debug ("Account %s: %s", sip_simple_account_get_id (self->account), error->message);
}

static Sub *
sub_new (SipSimpleAccountPresence *self, SubKind kind, const char *target)
{
  Sub *s = g_new0 (Sub, 1);

  s->owner = self;
  s->kind = kind;
  s->target = g_strdup (target);
  sip_simple_backoff_init (&s->retry, RETRY_MIN_SECONDS, RETRY_MAX_SECONDS, RETRY_MAX_DOUBLINGS, 0);
  sub_start (s);
  return s;
}

/* A subscription left to end by itself: let go once it has ended, or
 * after 40 s (more than a transaction lives) if it never says so */
typedef struct
{
  SipSimpleSubscription *sub;
  GSource               *timeout;
} Release;

static gboolean
release (gpointer data)
{
  Release *r = data;

  g_signal_handlers_disconnect_by_data (r->sub, r);
  sip_simple_source_clear (&r->timeout);
  g_object_unref (r->sub);
  g_free (r);
  return G_SOURCE_REMOVE;
}

static void
release_when_terminated (SipSimpleSubscription *sub, GParamSpec *pspec, Release *r)
{
  if (sip_simple_subscription_get_state (sub) != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    return;
  g_signal_handlers_disconnect_by_data (sub, r);
  /* not inside its own notification */
  sip_simple_source_clear (&r->timeout);
  r->timeout = sip_simple_idle_attach (release, r);
}

/* Ends the subscription and frees the Sub at once; the subscription
 * itself lives on until it has ended: its un-SUBSCRIBE may need to answer
 * a challenge, or wait for the answer to a SUBSCRIBE still pending, and
 * a handle destroyed before that would leave the notifier thinking we
 * still watch (the watcher would stay in the buddy's watcher list). */
static void
sub_free (Sub *s)
{
  if (s == NULL)
    return;
  sip_simple_backoff_clear (&s->retry);
  if (s->sub != NULL)
    {
      SipSimpleSubscription *sub = g_steal_pointer (&s->sub);

      g_signal_handlers_disconnect_by_data (sub, s);
      sip_simple_subscription_stop (sub);
      if (sip_simple_subscription_get_state (sub) == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
        {
          Release *r = g_new0 (Release, 1);
          r->sub = sub;
          r->timeout = sip_simple_timeout_attach_seconds (40, release, r);
          g_signal_connect (sub, "notify::state", G_CALLBACK (release_when_terminated), r);
        }
      else
        g_object_unref (sub);
    }
  g_free (s->target);
  g_free (s);
}

/* Starts ending the subscription; TRUE if detach_step_done() will follow. */
static gboolean
sub_detach (Sub *s)
{
  SipSimpleSubscriptionState st;

  sip_simple_backoff_clear (&s->retry);
  if (s->sub == NULL)
    return FALSE;
  st = sip_simple_subscription_get_state (s->sub);
  if (st == SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE || st == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    return FALSE;
  s->detaching = TRUE;
  sip_simple_subscription_stop (s->sub);
  /* stop() may have ended it at once */
  return s->detaching;
}

static void
start_buddy_subscriptions (SipSimpleAccountPresence *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));

  if (!presence_enabled (self))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      const char *uri = sip_simple_buddy_get_uri (b);
      if (!g_hash_table_contains (self->buddy_subs, uri))
        g_hash_table_insert (self->buddy_subs, g_strdup (uri), sub_new (self, SUB_BUDDY, uri));
    }
}

static gboolean
use_rls (SipSimpleAccountPresence *self)
{
  g_autofree char *rls = get_string (self, "rls-uri");
  return rls != NULL && !self->rls_unavailable;
}

static void
start_rls (SipSimpleAccountPresence *self)
{
  g_autofree char *rls = get_string (self, "rls-uri");

  self->rls_waits_for_xcap = FALSE;
  if (self->rls == NULL && rls != NULL && presence_enabled (self))
    self->rls = sub_new (self, SUB_RLS, rls);
}

/* ---- publication -------------------------------------------------------- */

static void publish_now (SipSimpleAccountPresence *self);

static void
set_published (SipSimpleAccountPresence *self, gboolean published)
{
  if (self->published == published)
    return;
  self->published = published;
  g_object_notify (G_OBJECT (self->account), "presence-published");
}

static gboolean
publish_retry_cb (gpointer data)
{
  SipSimpleAccountPresence *self = data;

  sip_simple_backoff_clear (&self->publish_retry);
  sip_simple_source_clear (&self->publish_idle);
  publish_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_republish (SipSimpleAccountPresence *self, guint seconds)
{
  sip_simple_source_clear (&self->publish_idle);
  sip_simple_backoff_schedule (&self->publish_retry, seconds, (SipSimpleBackoffFunc) publish_now,
                               self);
}

static void
published_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (SipSimpleAccount) account = data;
  SipSimpleAccountPresence *self = sip_simple_account_get_presence (account);
  g_autoptr (GError) error = NULL;
  gboolean ok = sip_simple_publication_publish_finish (SIP_SIMPLE_PUBLICATION (source), result, &error);

  /* a publication of an earlier run, or the account is going away */
  if (self == NULL || self->publication != SIP_SIMPLE_PUBLICATION (source))
    return;
  if (ok)
    {
      sip_simple_backoff_reset (&self->publish_retry);
      set_published (self, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Account %s: publishing presence failed: %s",
           sip_simple_account_get_id (self->account), error->message);
  set_published (self, FALSE);
  if (self->publication != NULL
      && !(error->domain == SIP_SIMPLE_SIP_ERROR
           && sip_simple_backoff_is_permanent ((guint) error->code)))
    schedule_republish (self, sip_simple_backoff_next_delay (&self->publish_retry));
}

static void
on_publication_failed (SipSimplePublication *pub, guint code, const char *reason,
                       SipSimpleAccountPresence *self)
{
  /* a refresh was refused: the state agent forgot us, publish anew */
  set_published (self, FALSE);
  schedule_republish (self, sip_simple_backoff_is_permanent (code) ? RETRY_MAX_SECONDS : 1);
}

static void
publish_now (SipSimpleAccountPresence *self)
{
  g_autofree char *aor = NULL;
  g_autofree char *note = NULL;
  SipSimplePresenceStatus status = SIP_SIMPLE_PRESENCE_STATUS_ONLINE;
  g_autoptr (SipSimplePidf) pidf = NULL;
  g_autoptr (GBytes) body = NULL;

  if (!presence_enabled (self))
    return;
  sip_simple_backoff_clear (&self->publish_retry);
  sip_simple_source_clear (&self->publish_idle);
  if (self->publication == NULL)
    {
      g_autoptr (SipSimpleNameAddr) from = sip_simple_name_addr_new (
        NULL, sip_simple_account_get_uri (self->account));
      g_autoptr (SipSimpleUri) proxy = sip_simple_account_dup_outbound_proxy (self->account);

      self->publication = sip_simple_publication_new (self->engine, from, "presence");
      sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (self->publication),
                                                 sip_simple_account_get_auth_user (self->account),
                                                 sip_simple_account_get_password (self->account));
      sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (self->publication),
                                                    proxy);
      g_signal_connect (self->publication, "failed", G_CALLBACK (on_publication_failed), self);
    }
  g_object_get (self->account, "presence-status", &status, "presence-note", &note, NULL);
  aor = account_aor (self);
  pidf = sip_simple_pidf_new_for_status (aor, status, note);
  body = sip_simple_pidf_to_bytes (pidf);
  sip_simple_publication_publish_async (self->publication, SIP_SIMPLE_PIDF_CONTENT_TYPE, body,
                                        self->cancel, published_cb, g_object_ref (self->account));
}

/* Changes made together (a note, then a status) go out as one PUBLISH:
 * the publication is sent once the main loop is idle again, so watchers
 * never see a mix of the old and the new state. */
void
sip_simple_account_presence_republish (SipSimpleAccountPresence *self)
{
  if (self->publication != NULL || presence_enabled (self))
    {
      sip_simple_backoff_clear (&self->publish_retry);
      sip_simple_source_clear (&self->publish_idle);
      self->publish_idle = sip_simple_idle_attach (publish_retry_cb, self);
    }
}

/* ---- XCAP --------------------------------------------------------------- */

typedef enum {
  XOP_PULL_BUDDIES,
  XOP_PUSH_BUDDIES,
  XOP_PUSH_RLS_SERVICES,
  XOP_SET_POLICY,
} XopKind;

typedef struct {
  SipSimpleAccount      *account;     /* a reference: callbacks may come late */
  guint                  generation;
  XopKind                kind;
  char                  *uri;
  SipSimpleWatcherPolicy policy;
  GTask                 *task;
  guint                  attempts;
} Xop;

static void xcap_next (SipSimpleAccountPresence *self);

/* The presence of the op's account if the run that queued the op still
 * goes on, else NULL. */
static SipSimpleAccountPresence *
xop_owner (Xop *op)
{
  SipSimpleAccountPresence *self = sip_simple_account_get_presence (op->account);
  return self != NULL && self->generation == op->generation ? self : NULL;
}

static void
xop_free (Xop *op)
{
  g_free (op->uri);
  g_clear_object (&op->task);
  g_clear_object (&op->account);
  g_free (op);
}

static void
xop_finish (Xop *op, GError *error)
{
  SipSimpleAccountPresence *self = xop_owner (op);

  if (op->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (op->task, g_steal_pointer (&error));
      else
        g_task_return_boolean (op->task, TRUE);
    }
  else if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Account %s: XCAP: %s", sip_simple_account_get_id (op->account), error->message);
    }
  g_clear_error (&error);
  xop_free (op);
  if (self != NULL)
    {
      self->xcap_busy = FALSE;
      xcap_next (self);
    }
}

static char *
rls_services_document (SipSimpleAccountPresence *self, const char *service)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" "
                             "xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">\n");
  g_autofree char *svc = g_markup_escape_text (service, -1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));

  g_string_append_printf (s, "  <service uri=\"%s\">\n    <list name=\"%s\">\n", svc, BUDDY_LIST);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      g_autofree char *uri = g_markup_escape_text (sip_simple_buddy_get_uri (b), -1);
      g_string_append_printf (s, "      <rl:entry uri=\"%s\"/>\n", uri);
    }
  g_string_append (s, "    </list>\n    <packages>\n      <package>presence</package>\n"
                      "    </packages>\n  </service>\n</rls-services>\n");
  return g_string_free (s, FALSE);
}

/* The server's buddies list becomes the account's. */
static void
adopt_server_list (SipSimpleAccountPresence *self, SipSimpleResourceLists *doc)
{
  g_autoptr (GPtrArray) entries = sip_simple_resource_lists_get_entries (doc, BUDDY_LIST);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  g_auto (GStrv) current = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *text = sip_simple_name_addr_to_string (entries->pdata[i]);
      g_strv_builder_add (b, text);
    }
  list = g_strv_builder_end (b);
  g_object_get (self->account, "buddy-list", &current, NULL);
  if (current != NULL && g_strv_equal ((const char *const *) current, (const char *const *) list))
    return;
  self->pulling = TRUE;
  sip_simple_account_set_buddy_list_from_server (self->account, (const char *const *) list);
  self->pulling = FALSE;
}

static void
after_buddies_synced (SipSimpleAccountPresence *self)
{
  g_autofree char *rls = get_string (self, "rls-uri");

  if (rls != NULL)
    xcap_queue (self, XOP_PUSH_RLS_SERVICES, NULL, 0, NULL);
}

static void xop_run (Xop *op);

static void
xop_put_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Xop *op = data;
  SipSimpleAccountPresence *self = xop_owner (op);
  g_autoptr (GError) error = NULL;

  if (!sip_simple_xcap_client_put_finish (SIP_SIMPLE_XCAP_CLIENT (source), result, NULL, &error))
    {
      if (self != NULL && g_error_matches (error, SIP_SIMPLE_XCAP_ERROR,
                                           SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED)
          && ++op->attempts < 3)
        {
          /* someone else wrote the document meanwhile: redo on the new one */
          xop_run (op);
          return;
        }
      xop_finish (op, g_steal_pointer (&error));
      return;
    }
  if (self != NULL)
    {
      if (op->kind == XOP_PUSH_BUDDIES || op->kind == XOP_PULL_BUDDIES)
        after_buddies_synced (self);
      else if (op->kind == XOP_PUSH_RLS_SERVICES && self->rls_waits_for_xcap)
        start_rls (self);
    }
  xop_finish (op, NULL);
}

static void
xop_got (GObject *source, GAsyncResult *result, gpointer data)
{
  Xop *op = data;
  SipSimpleAccountPresence *self = xop_owner (op);
  SipSimpleXcapClient *xcap = SIP_SIMPLE_XCAP_CLIENT (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr (GBytes) data_in = sip_simple_xcap_client_get_finish (xcap, result, &etag, &error);
  gboolean missing = data_in == NULL
                     && g_error_matches (error, SIP_SIMPLE_XCAP_ERROR, SIP_SIMPLE_XCAP_ERROR_NOT_FOUND);
  g_autoptr (GBytes) out = NULL;

  if (self == NULL)
    {
      xop_finish (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Account gone"));
      return;
    }
  if (data_in == NULL && !missing)
    {
      xop_finish (op, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (op->kind == XOP_PULL_BUDDIES || op->kind == XOP_PUSH_BUDDIES)
    {
      g_autoptr (SipSimpleResourceLists) doc = data_in ? sip_simple_resource_lists_parse (data_in, &error) : NULL;
      g_autoptr (GPtrArray) wanted = NULL;
      g_autoptr (GPtrArray) have = NULL;
      gboolean changed = FALSE;

      if (data_in != NULL && doc == NULL)
        g_debug ("Account %s: the server's resource-lists is unusable (%s); replacing it",
                 sip_simple_account_get_id (self->account), error->message);
      if (op->kind == XOP_PULL_BUDDIES && doc != NULL
          && sip_simple_resource_lists_has_list (doc, BUDDY_LIST))
        {
          adopt_server_list (self, doc);
          after_buddies_synced (self);
          xop_finish (op, NULL);
          return;
        }
      /* push: the server's list becomes ours */
      if (doc == NULL)
        {
          doc = sip_simple_resource_lists_new ();
          g_clear_pointer (&etag, g_free);
        }
      sip_simple_resource_lists_add_list (doc, BUDDY_LIST);
      wanted = wanted_buddies (self);
      have = sip_simple_resource_lists_get_entries (doc, BUDDY_LIST);
      for (guint i = 0; i < have->len; i++)
        {
          g_autofree char *u = sip_simple_uri_to_string (sip_simple_name_addr_get_uri (have->pdata[i]));
          gboolean keep = FALSE;
          for (guint j = 0; j < wanted->len && !keep; j++)
            {
              g_autofree char *w = sip_simple_uri_to_string (sip_simple_name_addr_get_uri (wanted->pdata[j]));
              keep = g_strcmp0 (u, w) == 0;
            }
          if (!keep)
            changed |= sip_simple_resource_lists_remove_entry (doc, BUDDY_LIST, u);
        }
      for (guint j = 0; j < wanted->len; j++)
        changed |= sip_simple_resource_lists_add_entry (doc, BUDDY_LIST, wanted->pdata[j]);
      if (!changed && data_in != NULL)
        {
          after_buddies_synced (self);
          xop_finish (op, NULL);
          return;
        }
      out = sip_simple_resource_lists_to_bytes (doc);
      sip_simple_xcap_client_put_async (xcap, "resource-lists", NULL, NULL, out, etag,
                                        self->cancel, xop_put_done, op);
      return;
    }

  if (op->kind == XOP_SET_POLICY)
    {
      g_autoptr (SipSimplePresRules) rules = data_in ? sip_simple_pres_rules_parse (data_in, &error) : NULL;
      if (data_in != NULL && rules == NULL)
        {
          xop_finish (op, g_steal_pointer (&error));
          return;
        }
      if (rules == NULL)
        {
          rules = sip_simple_pres_rules_new ();
          g_clear_pointer (&etag, g_free);
        }
      if (!sip_simple_pres_rules_set_policy (rules, op->uri, op->policy) && data_in != NULL)
        {
          xop_finish (op, NULL);
          return;
        }
      out = sip_simple_pres_rules_to_bytes (rules);
      sip_simple_xcap_client_put_async (xcap, "pres-rules", NULL, NULL, out, etag, self->cancel,
                                        xop_put_done, op);
      return;
    }
  g_assert_not_reached ();
}

static void
xop_run (Xop *op)
{
  SipSimpleAccountPresence *self = xop_owner (op);

  if (self == NULL || self->xcap == NULL)
    {
      xop_finish (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped"));
      return;
    }

  switch (op->kind)
    {
    case XOP_PULL_BUDDIES:
    case XOP_PUSH_BUDDIES:
      sip_simple_xcap_client_get_async (self->xcap, "resource-lists", NULL, self->cancel, xop_got, op);
      break;
    case XOP_SET_POLICY:
      sip_simple_xcap_client_get_async (self->xcap, "pres-rules", NULL, self->cancel, xop_got, op);
      break;
    case XOP_PUSH_RLS_SERVICES:
      {
        g_autofree char *rls = get_string (self, "rls-uri");
        g_autofree char *doc = rls ? rls_services_document (self, rls) : NULL;
        g_autoptr (GBytes) body = NULL;
        gsize len;
        if (doc == NULL)
          {
            xop_finish (op, NULL);
            return;
          }
        len = strlen (doc);
        body = g_bytes_new_take (g_steal_pointer (&doc), len);
        /* the document is ours alone: written unconditionally */
        sip_simple_xcap_client_put_async (self->xcap, "rls-services", NULL, NULL, body, NULL,
                                          self->cancel, xop_put_done, op);
      }
      break;
    }
}

static void
xcap_next (SipSimpleAccountPresence *self)
{
  Xop *op;

  if (self->xcap_busy || self->xcap == NULL)
    return;
  op = g_queue_pop_head (&self->xcap_ops);
  if (op == NULL)
    return;
  self->xcap_busy = TRUE;
  xop_run (op);
}

static void
xcap_queue (SipSimpleAccountPresence *self, int kind, const char *uri,
            SipSimpleWatcherPolicy policy, GTask *task)
{
  Xop *op = g_new0 (Xop, 1);

  op->account = g_object_ref (self->account);
  op->generation = self->generation;
  op->kind = (XopKind) kind;
  op->uri = g_strdup (uri);
  op->policy = policy;
  op->task = task ? g_object_ref (task) : NULL;
  if (self->xcap == NULL)
    {
      xop_finish (op, g_error_new_literal (SIP_SIMPLE_APPLICATION_ERROR,
                                           SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING,
                                           "The account has no XCAP server (xcap-root), or is not active"));
      return;
    }
  g_queue_push_tail (&self->xcap_ops, op);
  xcap_next (self);
}

void
sip_simple_account_presence_set_policy_async (SipSimpleAccountPresence *self,
                                              const char               *uri,
                                              SipSimpleWatcherPolicy    policy,
                                              GTask                    *task)
{
  g_autofree char *norm = normalize_uri (uri);
  xcap_queue (self, XOP_SET_POLICY, norm, policy, task);
}

/* ---- life cycle --------------------------------------------------------- */

static void
start_parts (SipSimpleAccountPresence *self)
{
  g_autofree char *xcap_root = get_string (self, "xcap-root");
  g_autofree char *rls = get_string (self, "rls-uri");

  g_free (self->running_config);
  self->running_config = config_signature (self);
  if (self->engine == NULL)
    return;
  self->cancel = g_cancellable_new ();
  self->rls_unavailable = FALSE;

  if (xcap_root != NULL)
    {
      g_autofree char *aor = account_aor (self);
      g_autoptr (GError) error = NULL;
      self->xcap = sip_simple_xcap_client_new (xcap_root, aor, &error);
      if (self->xcap == NULL)
        g_warning ("Account %s: %s", sip_simple_account_get_id (self->account), error->message);
      else
        {
          sip_simple_xcap_client_set_credentials (self->xcap,
                                                  sip_simple_account_get_auth_user (self->account),
                                                  sip_simple_account_get_password (self->account));
          xcap_queue (self, XOP_PULL_BUDDIES, NULL, 0, NULL);
        }
    }

  if (presence_enabled (self))
    {
      publish_now (self);
      if (rls != NULL)
        {
          /* with XCAP the list must be on the server before subscribing */
          if (self->xcap != NULL)
            self->rls_waits_for_xcap = TRUE;
          else
            start_rls (self);
        }
      else
        start_buddy_subscriptions (self);
      {
        g_autofree char *aor = account_aor (self);
        self->winfo = sub_new (self, SUB_WINFO, aor);
      }
    }
  if (mwi_enabled (self))
    {
      g_autofree char *vm = get_string (self, "voicemail-uri");
      g_autofree char *aor = account_aor (self);
      self->mwi = sub_new (self, SUB_MWI, vm ? vm : aor);
    }
}

/* Ends everything without waiting. */
static void
stop_parts (SipSimpleAccountPresence *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));

  if (self->cancel != NULL)
    {
      g_cancellable_cancel (self->cancel);
      g_clear_object (&self->cancel);
    }
  sip_simple_backoff_clear (&self->publish_retry);
  sip_simple_source_clear (&self->publish_idle);
  if (self->publication != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->publication, self);
      if (sip_simple_publication_get_state (self->publication) == SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED)
        sip_simple_publication_unpublish_async (self->publication, NULL, NULL, NULL);
      g_clear_object (&self->publication);
    }
  set_published (self, FALSE);
  g_hash_table_remove_all (self->buddy_subs);
  g_clear_pointer (&self->rls, sub_free);
  g_clear_pointer (&self->winfo, sub_free);
  g_clear_pointer (&self->mwi, sub_free);
  self->rls_waits_for_xcap = FALSE;
  /* queued XCAP work is dropped; the one in flight is cancelled and its
   * callback, from an older generation, changes nothing */
  self->generation++;
  while (!g_queue_is_empty (&self->xcap_ops))
    xop_finish (g_queue_pop_head (&self->xcap_ops),
                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped"));
  self->xcap_busy = FALSE;
  g_clear_object (&self->xcap);
  g_clear_object (&self->winfo_state);
  g_list_store_remove_all (self->watchers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      sip_simple_buddy_set_subscription_state (b, SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE);
      sip_simple_buddy_set_pidf (b, NULL);
    }
  g_clear_pointer (&self->running_config, g_free);
}

void
sip_simple_account_presence_attach (SipSimpleAccountPresence *self, SipSimpleEngine *engine)
{
  if (self->engine == engine)
    return;
  stop_parts (self);
  g_set_object (&self->engine, engine);
  start_parts (self);
}

static gboolean
update_idle (gpointer data)
{
  SipSimpleAccountPresence *self = data;
  g_autofree char *config = NULL;

  sip_simple_source_clear (&self->update_idle);
  if (self->engine == NULL || self->detach_done != NULL)
    return G_SOURCE_REMOVE;
  config = config_signature (self);
  if (g_strcmp0 (config, self->running_config) != 0)
    {
      stop_parts (self);
      start_parts (self);
    }
  return G_SOURCE_REMOVE;
}

void
sip_simple_account_presence_update (SipSimpleAccountPresence *self)
{
  /* settings often change several at a time: start over once */
  if (self->engine != NULL && self->update_idle == NULL)
    self->update_idle = sip_simple_idle_attach (update_idle, self);
}

static void
detach_step_done (SipSimpleAccountPresence *self)
{
  GCallback done;

  if (self->detach_pending == 0 || --self->detach_pending > 0)
    return;
  done = self->detach_done;
  self->detach_done = NULL;
  stop_parts (self);
  g_clear_object (&self->engine);
  if (done != NULL)
    ((void (*) (gpointer)) done) (self->detach_data);
}

static void
unpublished_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (SipSimpleAccount) account = data;
  SipSimpleAccountPresence *self = sip_simple_account_get_presence (account);

  sip_simple_publication_unpublish_finish (SIP_SIMPLE_PUBLICATION (source), result, NULL);
  if (self != NULL)
    detach_step_done (self);
}

void
sip_simple_account_presence_detach (SipSimpleAccountPresence *self, GCallback done, gpointer data)
{
  GHashTableIter iter;
  Sub *s;

  if (self->detach_done != NULL)
    {
      /* already on its way: the first caller is told */
      return;
    }
  self->detach_done = done;
  self->detach_data = data;
  self->detach_pending = 1;    /* held until everything is started */
  if (self->engine != NULL)
    {
      if (self->cancel != NULL)
        g_cancellable_cancel (self->cancel);
      sip_simple_backoff_clear (&self->publish_retry);
      sip_simple_source_clear (&self->publish_idle);
      if (self->publication != NULL)
        {
          SipSimplePublicationState st = sip_simple_publication_get_state (self->publication);
          if (st == SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED || st == SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING)
            {
              self->detach_pending++;
              sip_simple_publication_unpublish_async (self->publication, NULL, unpublished_cb,
                                                      g_object_ref (self->account));
            }
        }
      g_hash_table_iter_init (&iter, self->buddy_subs);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &s))
        if (sub_detach (s))
          self->detach_pending++;
      if (self->rls != NULL && sub_detach (self->rls))
        self->detach_pending++;
      if (self->winfo != NULL && sub_detach (self->winfo))
        self->detach_pending++;
      if (self->mwi != NULL && sub_detach (self->mwi))
        self->detach_pending++;
    }
  detach_step_done (self);
}

void
sip_simple_account_presence_stop (SipSimpleAccountPresence *self)
{
  sip_simple_source_clear (&self->update_idle);
  self->detach_done = NULL;
  self->detach_pending = 0;
  stop_parts (self);
  g_clear_object (&self->engine);
}

/* ---- buddy list --------------------------------------------------------- */

void
sip_simple_account_presence_buddies_changed (SipSimpleAccountPresence *self, gboolean local)
{
  g_autoptr (GPtrArray) wanted = wanted_buddies (self);
  g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  guint n;

  for (guint i = 0; i < wanted->len; i++)
    g_ptr_array_add (uris, sip_simple_uri_to_string (sip_simple_name_addr_get_uri (wanted->pdata[i])));

  /* removed buddies */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->buddies));
  for (guint i = n; i-- > 0;)
    {
      g_autoptr (SipSimpleBuddy) b = g_list_model_get_item (G_LIST_MODEL (self->buddies), i);
      const char *uri = sip_simple_buddy_get_uri (b);
      gboolean keep = FALSE;
      for (guint j = 0; j < uris->len && !keep; j++)
        keep = g_strcmp0 (uris->pdata[j], uri) == 0;
      if (!keep)
        {
          g_hash_table_remove (self->buddy_subs, uri);
          g_list_store_remove (self->buddies, i);
        }
    }
  /* new buddies and new names */
  for (guint j = 0; j < wanted->len; j++)
    {
      SipSimpleBuddy *b = find_buddy (self, uris->pdata[j], NULL);
      const char *name = sip_simple_name_addr_get_display_name (wanted->pdata[j]);
      if (b != NULL)
        sip_simple_buddy_set_display_name (b, name);
      else
        {
          g_autoptr (SipSimpleBuddy) nb = sip_simple_buddy_new (uris->pdata[j], name);
          g_list_store_append (self->buddies, nb);
        }
    }

  if (self->engine == NULL || self->detach_done != NULL)
    return;
  if (!use_rls (self))
    start_buddy_subscriptions (self);
  if (local && !self->pulling && self->xcap != NULL)
    xcap_queue (self, XOP_PUSH_BUDDIES, NULL, 0, NULL);
}

void
sip_simple_account_presence_deliver_summary (SipSimpleAccountPresence *self,
                                             SipSimpleMessageSummary  *summary)
{
  sip_simple_account_set_message_summary (self->account, summary);
}

SipSimpleAccountPresence *
sip_simple_account_presence_new (SipSimpleAccount *account)
{
  SipSimpleAccountPresence *self = g_new0 (SipSimpleAccountPresence, 1);

  self->account = account;
  sip_simple_backoff_init (&self->publish_retry, RETRY_MIN_SECONDS, RETRY_MAX_SECONDS,
                           RETRY_MAX_DOUBLINGS, 0);
  self->buddies = g_list_store_new (SIP_SIMPLE_TYPE_BUDDY);
  self->watchers = g_list_store_new (SIP_SIMPLE_TYPE_WATCHER);
  self->buddy_subs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sub_free);
  g_queue_init (&self->xcap_ops);
  return self;
}

void
sip_simple_account_presence_free (SipSimpleAccountPresence *self)
{
  if (self == NULL)
    return;
  sip_simple_account_presence_stop (self);
  g_hash_table_unref (self->buddy_subs);
  g_object_unref (self->buddies);
  g_object_unref (self->watchers);
  g_free (self);
}
