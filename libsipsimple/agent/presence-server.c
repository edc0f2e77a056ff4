/* libsipsimple - SipSimplePresenceServer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/presence-server.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/watcher-info.h>
#include <sipsimple/presence/watcher.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"
#include "expires-private.h"
#include "sip/random-internal.h"

#include <string.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>

/**
 * SipSimplePresenceServer:
 *
 * A presence agent for an [class@SipSimple.Agent]: a route handler gives
 * it the PUBLISH and SUBSCRIBE requests of the presentities it serves.
 *
 * PUBLISH (RFC 3903), `Event: presence`, `application/pidf+xml`:
 *
 * - a publication without `SIP-If-Match` needs a body, which must be a
 *   well-formed PIDF document (`400` otherwise, `415` for another type);
 *   the answer carries a new `SIP-ETag` and the granted `Expires`;
 * - with `SIP-If-Match`, the entity tag must name a live publication of
 *   the same presentity (`412 Conditional Request Failed` otherwise): no
 *   body refreshes it, a body modifies it, `Expires: 0` removes it;
 * - a lifetime below #SipSimplePresenceServer:min-expires is refused with
 *   `423 Interval Too Brief`, one above #SipSimplePresenceServer:max-expires
 *   is shortened; a publication that is not refreshed expires.
 *
 * SUBSCRIBE (RFC 6665) for `Event: presence` (RFC 3856) and
 * `Event: presence.winfo` (RFC 3857):
 *
 * - the answer is `200` with a Contact of the agent; a NOTIFY with the
 *   current state follows at once and after every change: the composed
 *   PIDF of the presentity (the tuples, persons, devices and notes of all
 *   its live publications; no tuple at all, which reads as offline, when
 *   there is none), or a full watcherinfo document of who watches it;
 * - a refresh (in the dialog) gets a NOTIFY too; `Expires: 0` ends the
 *   subscription with a `terminated` NOTIFY; so does its expiry
 *   (`reason=timeout`) and the agent's closing (nothing is sent then);
 * - a NOTIFY that fails (a 3xx-6xx, a timeout) ends the subscription;
 *   one NOTIFY at a time is in flight per subscription, the next one
 *   carries the latest state;
 * - another event package is answered `489 Bad Event` with
 *   `Allow-Events`; an unknown dialog `481`.
 *
 * Authorization is the route handler's: whoever it lets through may watch
 * every presentity (sipd lets in any authenticated user of its domains,
 * and lets a user publish for itself only). The one check made here: when
 * the event carries an authenticated user
 * ([method@SipSimple.Event.get_auth_user]), a presence.winfo subscription
 * must be its own (`403` otherwise).
 *
 * ```python
 * presence = SipSimple.PresenceServer.new(agent)
 * def route(agent, event):
 *     if event.get_method() in ("PUBLISH", "SUBSCRIBE") and agent.is_local(event.get_uri()):
 *         return presence.handle(event, event.get_uri().get_aor())
 * ```
 *
 * State lives in memory: a restarted server starts empty (clients
 * refresh their publications and subscriptions within their lifetime).
 *
 * Since: 0.1
 */

#define DEFAULT_EXPIRES 3600

typedef enum
{
  PKG_PRESENCE,
  PKG_WINFO,
} Package;

typedef struct _Pub    Pub;
typedef struct _Sub    Sub;
typedef struct _Entity Entity;

struct _Pub
{
  Entity        *entity;
  char          *etag;
  SipSimplePidf *doc;
  guint          timer;
};

struct _Sub
{
  SipSimplePresenceServer *server;
  Entity                  *entity;
  Package                  package;
  char                    *key;        /* call-id \n local tag \n remote tag */
  char                    *id;         /* a watcher id */
  char                    *event_id;   /* Event's id parameter, or NULL */
  char                    *local;      /* From of our NOTIFY, with our tag */
  char                    *remote;     /* To of our NOTIFY, with its tag */
  char                    *remote_uri; /* the watcher, for watcherinfo */
  char                    *call_id;
  char                    *target;   /* the subscriber's Contact */
  char                    *route;    /* Route header value, or NULL */
  char                    *next_hop; /* where to send when no route */
  char                    *contact;  /* ours */
  guint32                  cseq;
  guint                    expires;    /* granted lifetime */
  gint64                   expires_at; /* monotonic, seconds */
  guint                    timer;
  guint                    winfo_version;
  nta_outgoing_t          *orq;        /* the NOTIFY in flight */
  gboolean                 dirty;      /* send again when orq completes */
  gboolean                 terminated; /* the last NOTIFY says so */
  char                    *reason;     /* terminated reason */
};

struct _Entity
{
  char      *aor;  /* user@host */
  GPtrArray *pubs; /* Pub * (owned) */
  GPtrArray *subs; /* Sub * (not owned: server->subs owns them) */
};

struct _SipSimplePresenceServer
{
  GObject         parent_instance;
  SipSimpleAgent *agent;
  GMainContext   *context;
  gulong          closing_id;
  gboolean        closed;
  guint           min_expires;
  guint           max_expires;
  GHashTable     *entities; /* aor -> Entity */
  GHashTable     *etags;    /* etag -> Pub (not owned) */
  GHashTable     *subs;     /* key -> Sub (owned) */
  guint           next_id;
};

enum
{
  PROP_0,
  PROP_AGENT,
  PROP_MIN_EXPIRES,
  PROP_MAX_EXPIRES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimplePresenceServer, sip_simple_presence_server, G_TYPE_OBJECT)

static void send_notify (Sub *s);
static void entity_changed (SipSimplePresenceServer *self, Entity *e, Package package);

/* ---- helpers ----------------------------------------------------------------- */

static guint
add_timer (SipSimplePresenceServer *self, guint seconds, GSourceFunc fn, gpointer data)
{
  GSource *source = g_timeout_source_new_seconds (MAX (seconds, 1));
  guint    id;

  g_source_set_callback (source, fn, data, NULL);
  g_source_set_name (source, "sipsimple presence expiry");
  id = g_source_attach (source, self->context);
  g_source_unref (source);
  return id;
}

static void
remove_timer (SipSimplePresenceServer *self, guint *id)
{
  if (*id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, *id);
      if (source != NULL)
        g_source_destroy (source);
      *id = 0;
    }
}

/* user@host of "sip:user@host", "user@host" or "<sip:user@host;p>" */
static char *
normalize_aor (const char *entity)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *text = NULL;

  if (entity == NULL)
    return NULL;
  if (g_str_has_prefix (entity, "sip:") || g_str_has_prefix (entity, "sips:"))
    text = g_strdup (entity);
  else if (g_str_has_prefix (entity, "pres:"))
    text = g_strconcat ("sip:", entity + 5, NULL);
  else
    text = g_strconcat ("sip:", entity, NULL);
  uri = sip_simple_uri_parse (text, NULL);
  if (uri == NULL || sip_simple_uri_get_user (uri) == NULL)
    return NULL;
  return sip_simple_uri_get_aor (uri);
}

static char *
random_token (void)
{
  return sip_simple_random_hex (8);
}

static void
answer (SipSimpleEvent *event, guint code, const char *reason, SipSimpleHeaders *headers)
{
  sip_simple_event_respond (event, code, reason, headers, NULL, NULL, NULL);
}

static void
answer_with (SipSimpleEvent *event, guint code, const char *reason, const char *name,
             const char *value)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();

  sip_simple_headers_append (headers, name, value, NULL);
  answer (event, code, reason, headers);
}

/* The Event header's package and id; FALSE when there is none */
static gboolean
event_package (SipSimpleEvent *event, const char **package, char **id)
{
  sip_event_t *o = event->sip->sip_event;

  if (o == NULL || o->o_type == NULL)
    return FALSE;
  *package = o->o_type;
  *id = o->o_id ? g_strdup (o->o_id) : NULL;
  return TRUE;
}

/* The lifetime asked for, checked against the limits; answers 423 and
 * returns -1 if too brief. */
static gint64
granted_expires (SipSimplePresenceServer *self, SipSimpleEvent *event)
{
  gint64 asked
      = event->sip->sip_expires ? (gint64)event->sip->sip_expires->ex_delta : DEFAULT_EXPIRES;

  return sip_simple_agent_grant_expires (event, asked, self->min_expires, self->max_expires);
}

static Entity *
entity_get (SipSimplePresenceServer *self, const char *aor, gboolean create)
{
  Entity *e = g_hash_table_lookup (self->entities, aor);

  if (e == NULL && create)
    {
      e = g_new0 (Entity, 1);
      e->aor = g_strdup (aor);
      e->pubs = g_ptr_array_new ();
      e->subs = g_ptr_array_new ();
      g_hash_table_insert (self->entities, e->aor, e);
    }
  return e;
}

static void
entity_free (Entity *e)
{
  g_ptr_array_unref (e->pubs);
  g_ptr_array_unref (e->subs);
  g_free (e->aor);
  g_free (e);
}

static void
entity_maybe_drop (SipSimplePresenceServer *self, Entity *e)
{
  if (e->pubs->len == 0 && e->subs->len == 0)
    g_hash_table_remove (self->entities, e->aor);
}

/* ---- documents ----------------------------------------------------------------- */

static SipSimplePidf *
compose_pidf (Entity *e)
{
  g_autofree char *entity = g_strconcat ("sip:", e->aor, NULL);
  SipSimplePidf   *doc = sip_simple_pidf_new (entity);

  for (guint i = 0; i < e->pubs->len; i++)
    {
      SipSimplePidf     *p = ((Pub *)e->pubs->pdata[i])->doc;
      GPtrArray         *items;
      const char *const *notes;

      items = sip_simple_pidf_get_tuples (p);
      for (guint j = 0; items && j < items->len; j++)
        sip_simple_pidf_add_tuple (doc, items->pdata[j]);
      items = sip_simple_pidf_get_persons (p);
      for (guint j = 0; items && j < items->len; j++)
        sip_simple_pidf_add_person (doc, items->pdata[j]);
      items = sip_simple_pidf_get_devices (p);
      for (guint j = 0; items && j < items->len; j++)
        sip_simple_pidf_add_device (doc, items->pdata[j]);
      notes = sip_simple_pidf_get_notes (p);
      for (guint j = 0; notes && notes[j]; j++)
        sip_simple_pidf_add_note (doc, notes[j]);
    }
  return doc;
}

static GBytes *
compose_winfo (Entity *e, guint version)
{
  g_autoptr (SipSimpleWatcherInfo) doc = sip_simple_watcher_info_new ();
  g_autofree char *resource = g_strconcat ("sip:", e->aor, NULL);

  sip_simple_watcher_info_set_version (doc, version);
  sip_simple_watcher_info_set_full (doc, TRUE);
  for (guint i = 0; i < e->subs->len; i++)
    {
      Sub *s = e->subs->pdata[i];
      g_autoptr (SipSimpleWatcher) w = NULL;

      if (s->package != PKG_PRESENCE || s->terminated)
        continue;
      w = sip_simple_watcher_new (s->id, s->remote_uri, SIP_SIMPLE_WATCHER_STATUS_ACTIVE);
      sip_simple_watcher_set_event (w, "subscribe");
      sip_simple_watcher_set_resource (w, resource);
      sip_simple_watcher_set_package (w, "presence");
      sip_simple_watcher_info_add_watcher (doc, w);
    }
  return sip_simple_watcher_info_to_bytes (doc);
}

/* ---- subscriptions ------------------------------------------------------------ */

static void
sub_free (Sub *s)
{
  if (s->orq != NULL)
    nta_outgoing_destroy (s->orq);
  remove_timer (s->server, &s->timer);
  g_free (s->key);
  g_free (s->id);
  g_free (s->event_id);
  g_free (s->local);
  g_free (s->remote);
  g_free (s->remote_uri);
  g_free (s->call_id);
  g_free (s->target);
  g_free (s->route);
  g_free (s->next_hop);
  g_free (s->contact);
  g_free (s->reason);
  g_free (s);
}

/* Takes @s out of the tables and frees it; watchers of the entity learn
 * that a watcher went. */
static void
sub_drop (Sub *s)
{
  SipSimplePresenceServer *self = s->server;
  Entity                  *e = s->entity;
  Package                  package = s->package;

  g_ptr_array_remove (e->subs, s);
  g_hash_table_remove (self->subs, s->key); /* frees s */
  if (package == PKG_PRESENCE)
    entity_changed (self, e, PKG_WINFO);
  entity_maybe_drop (self, e);
}

static int
notify_response (nta_outgoing_magic_t *magic, nta_outgoing_t *orq, const sip_t *sip)
{
  Sub  *s = (Sub *)magic;
  guint status = sip && sip->sip_status ? (guint)sip->sip_status->st_status
                                        : (guint)MAX (nta_outgoing_status (orq), 0);

  if (status < 200)
    return 0;
  nta_outgoing_destroy (orq);
  s->orq = NULL;
  if (status >= 300)
    {
      g_debug ("NOTIFY to %s failed with %u: subscription dropped", s->remote_uri, status);
      sub_drop (s);
    }
  else if (s->dirty)
    {
      send_notify (s);
      if (s->orq == NULL && s->terminated)
        sub_drop (s);
    }
  else if (s->terminated)
    sub_drop (s);
  return 0;
}

static void
send_notify (Sub *s)
{
  SipSimplePresenceServer *self = s->server;
  nta_agent_t             *nta = sip_simple_agent_get_nta (self->agent);
  g_autoptr (GString) head = g_string_new (NULL);
  g_autoptr (GBytes) body = NULL;
  const char         *type;
  msg_t              *msg;
  sip_t              *sip;
  su_home_t          *home;
  sip_request_t      *rq;
  url_string_t const *route_url = NULL;
  gsize               len;
  const char         *data;

  if (s->orq != NULL)
    {
      s->dirty = TRUE;
      return;
    }
  s->dirty = FALSE;
  if (nta == NULL)
    return;

  if (s->package == PKG_PRESENCE)
    {
      g_autoptr (SipSimplePidf) doc = compose_pidf (s->entity);
      body = sip_simple_pidf_to_bytes (doc);
      type = SIP_SIMPLE_PIDF_CONTENT_TYPE;
    }
  else
    {
      body = compose_winfo (s->entity, s->winfo_version++);
      type = SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE;
    }

  g_string_append_printf (head,
                          "Max-Forwards: 70\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\n"
                          "CSeq: %u NOTIFY\r\nContact: %s\r\nEvent: %s%s%s\r\n",
                          s->local, s->remote, s->call_id, ++s->cseq, s->contact,
                          s->package == PKG_PRESENCE ? "presence" : "presence.winfo",
                          s->event_id ? ";id=" : "", s->event_id ? s->event_id : "");
  if (s->terminated)
    g_string_append_printf (head, "Subscription-State: terminated;reason=%s\r\n",
                            s->reason ? s->reason : "timeout");
  else
    {
      gint64 left = s->expires_at - g_get_monotonic_time () / G_USEC_PER_SEC;
      g_string_append_printf (head, "Subscription-State: active;expires=%" G_GINT64_FORMAT "\r\n",
                              MAX (left, 0));
    }
  if (s->route != NULL)
    g_string_append_printf (head, "Route: %s\r\n", s->route);
  if (sip_simple_agent_get_user_agent (self->agent) != NULL)
    g_string_append_printf (head, "User-Agent: %s\r\n",
                            sip_simple_agent_get_user_agent (self->agent));
  g_string_append_printf (head, "Content-Type: %s\r\n", type);

  msg = nta_msg_create (nta, 0);
  sip = sip_object (msg);
  home = msg_home (msg);
  rq = sip_simple_agent_request_line (home, SIP_METHOD_NOTIFY, s->target);
  data = g_bytes_get_data (body, &len);
  if (rq == NULL || msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)rq) < 0
      || msg_header_add_str (msg, (msg_pub_t *)sip, head->str) < 0
      || msg_header_insert (msg, (msg_pub_t *)sip,
                            (msg_header_t *)sip_payload_create (home, data, (isize_t)len))
             < 0
      || msg_header_insert (msg, (msg_pub_t *)sip,
                            (msg_header_t *)sip_content_length_create (home, (uint32_t)len))
             < 0)
    {
      g_warning ("could not make a NOTIFY for %s", s->remote_uri);
      msg_destroy (msg);
      return;
    }
  if (s->route == NULL && s->next_hop != NULL)
    route_url = URL_STRING_MAKE (su_strdup (home, s->next_hop));
  route_url = sip_simple_agent_next_hop (home, route_url, sip);
  s->orq = nta_outgoing_mcreate (nta, notify_response, (nta_outgoing_magic_t *)s, route_url, msg,
                                 TAG_END ());
  if (s->orq == NULL)
    {
      g_debug ("could not send a NOTIFY to %s", s->target);
      msg_destroy (msg);
    }
}

static void
entity_changed (SipSimplePresenceServer *self, Entity *e, Package package)
{
  for (guint i = 0; i < e->subs->len; i++)
    {
      Sub *s = e->subs->pdata[i];
      if (s->package == package && !s->terminated)
        send_notify (s);
    }
  if (package == PKG_PRESENCE)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, e->aor);
}

/* Sends the terminated NOTIFY; the subscription goes when it is answered */
static void
sub_terminate (Sub *s, const char *reason)
{
  remove_timer (s->server, &s->timer);
  s->terminated = TRUE;
  g_free (s->reason);
  s->reason = g_strdup (reason);
  send_notify (s);
  if (s->orq == NULL && !s->dirty)
    sub_drop (s);
}

static gboolean
sub_expired (gpointer data)
{
  Sub *s = data;

  s->timer = 0;
  sub_terminate (s, "timeout");
  return G_SOURCE_REMOVE;
}

static void
sub_set_expires (Sub *s, guint expires)
{
  remove_timer (s->server, &s->timer);
  s->expires = expires;
  s->expires_at = g_get_monotonic_time () / G_USEC_PER_SEC + expires;
  if (expires > 0)
    s->timer = add_timer (s->server, expires, sub_expired, s);
}

static gboolean
accepts (SipSimpleEvent *event, const char *type)
{
  gboolean any = FALSE;

  if (event->sip->sip_accept == NULL)
    return TRUE;
  for (sip_accept_t *a = event->sip->sip_accept; a; a = a->ac_next)
    {
      if (a->ac_type == NULL)
        continue;
      any = TRUE;
      if (su_casematch (a->ac_type, type) || su_casematch (a->ac_type, "*/*")
          || su_casematch (a->ac_type, "application/*"))
        return TRUE;
    }
  return !any;
}

static char *
sub_key (const char *call_id, const char *local_tag, const char *remote_tag)
{
  return g_strdup_printf ("%s\n%s\n%s", call_id, local_tag ? local_tag : "",
                          remote_tag ? remote_tag : "");
}

static void
handle_subscribe (SipSimplePresenceServer *self, SipSimpleEvent *event, const char *aor)
{
  sip_t           *sip = event->sip;
  const char      *package_name;
  g_autofree char *event_id = NULL;
  Package          package;
  gint64           expires;
  Sub             *s;
  Entity          *e;
  g_autoptr (SipSimpleHeaders) headers = NULL;
  g_autofree char *expires_text = NULL;

  if (!event_package (event, &package_name, &event_id))
    {
      answer_with (event, 489, "Bad Event", "Allow-Events", "presence, presence.winfo");
      return;
    }
  if (su_casematch (package_name, "presence"))
    package = PKG_PRESENCE;
  else if (su_casematch (package_name, "presence.winfo"))
    package = PKG_WINFO;
  else
    {
      answer_with (event, 489, "Bad Event", "Allow-Events", "presence, presence.winfo");
      return;
    }
  if (!accepts (event, package == PKG_PRESENCE ? SIP_SIMPLE_PIDF_CONTENT_TYPE
                                               : SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE))
    {
      answer_with (event, 406, NULL, "Accept",
                   package == PKG_PRESENCE ? SIP_SIMPLE_PIDF_CONTENT_TYPE
                                           : SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE);
      return;
    }
  if ((expires = granted_expires (self, event)) < 0)
    return;

  if (sip_simple_event_is_in_dialog (event))
    {
      g_autofree char *key = sub_key (sip->sip_call_id->i_id, sip->sip_to->a_tag,
                                      sip->sip_from ? sip->sip_from->a_tag : NULL);
      s = g_hash_table_lookup (self->subs, key);
      if (s != NULL && s->terminated && expires == 0 && s->package == package)
        {
          /* ending already (the terminated NOTIFY is on its way): a
           * watcher that unsubscribes again is told it is done */
          answer_with (event, 200, NULL, "Expires", "0");
          return;
        }
      if (s == NULL || s->terminated || s->package != package)
        {
          answer (event, 481, "Subscription Does Not Exist", NULL);
          return;
        }
      headers = sip_simple_headers_new ();
      expires_text = g_strdup_printf ("%" G_GINT64_FORMAT, expires);
      sip_simple_headers_append (headers, "Expires", expires_text, NULL);
      sip_simple_headers_append (headers, "Contact", s->contact, NULL);
      answer (event, 200, NULL, headers);
      if (expires == 0)
        sub_terminate (s, "timeout");
      else
        {
          sub_set_expires (s, (guint)expires);
          send_notify (s);
        }
      return;
    }

  if (aor == NULL)
    {
      answer (event, 404, "Unknown Presentity", NULL);
      return;
    }
  if (sip->sip_contact == NULL || sip->sip_contact->m_url->url_type == url_any
      || sip->sip_from == NULL || sip->sip_from->a_tag == NULL || sip->sip_call_id == NULL)
    {
      answer (event, 400, "Missing Contact Or From Tag", NULL);
      return;
    }
  {
    /* the NOTIFYs go to the Contact: it must read back as a SIP URI */
    su_home_t *home = msg_home (event->msg);
    char      *text = url_as_string (home, sip->sip_contact->m_url);
    url_t     *back = text != NULL ? url_make (home, text) : NULL;

    if (back == NULL || (back->url_type != url_sip && back->url_type != url_sips))
      {
        answer (event, 400, "Bad Contact", NULL);
        return;
      }
  }
  if (package == PKG_WINFO && sip_simple_event_get_auth_user (event) != NULL)
    {
      g_autofree char *user = g_strndup (aor, strcspn (aor, "@"));
      if (g_strcmp0 (user, sip_simple_event_get_auth_user (event)) != 0)
        {
          answer (event, 403, "Only The Presentity May Watch Its Watchers", NULL);
          return;
        }
    }

  {
    su_home_t       *home = msg_home (event->msg);
    const char      *local_tag = nta_incoming_tag (event->irq, NULL);
    g_autofree char *local = NULL;
    g_autofree char *proto = NULL;
    g_autofree char *contact = NULL;
    char            *remote;
    char            *target;
    url_t           *remote_url;

    if (local_tag == NULL)
      {
        answer (event, 500, "No Tag", NULL);
        return;
      }
    s = g_new0 (Sub, 1);
    s->server = self;
    s->package = package;
    s->event_id = g_steal_pointer (&event_id);
    s->call_id = g_strdup (sip->sip_call_id->i_id);
    s->key = sub_key (s->call_id, local_tag, sip->sip_from->a_tag);
    s->id = g_strdup_printf ("w%u", ++self->next_id);
    local = g_strdup (url_as_string (home, sip->sip_to->a_url));
    s->local = g_strdup_printf ("<%s>;tag=%s", local ? local : "sip:unknown@invalid", local_tag);
    remote = sip_header_as_string (home, (sip_header_t *)sip->sip_from);
    s->remote = g_strdup (remote);
    remote_url = url_hdup (home, sip->sip_from->a_url);
    remote_url->url_params = NULL;
    remote_url->url_headers = NULL;
    s->remote_uri = url_as_string (home, remote_url);
    s->remote_uri = g_strdup (s->remote_uri);
    target = url_as_string (home, sip->sip_contact->m_url);
    s->target = g_strdup (target);
    if (sip->sip_record_route != NULL)
      {
        g_autoptr (GString) route = g_string_new (NULL);
        for (sip_record_route_t *r = sip->sip_record_route; r; r = r->r_next)
          {
            char *one = sip_header_as_string (home, (sip_header_t *)r);
            if (route->len > 0)
              g_string_append (route, ", ");
            g_string_append (route, one);
          }
        s->route = g_string_free (g_steal_pointer (&route), FALSE);
      }
    s->next_hop = sip_simple_event_get_source_uri (event);
    proto = g_ascii_strdown (sip_simple_transport_to_string (event->transport), -1);
    contact = sip_simple_agent_record_route_uri (self->agent, event->tport, proto, 0);
    if (contact != NULL && g_str_has_suffix (contact, ";lr"))
      contact[strlen (contact) - 3] = '\0';
    s->contact = g_strdup_printf ("<%s>", contact ? contact : "sip:invalid");
    s->cseq = g_random_int_range (1, 10000);
  }

  headers = sip_simple_headers_new ();
  expires_text = g_strdup_printf ("%" G_GINT64_FORMAT, expires);
  sip_simple_headers_append (headers, "Expires", expires_text, NULL);
  sip_simple_headers_append (headers, "Contact", s->contact, NULL);
  if (!sip_simple_event_respond (event, 200, NULL, headers, NULL, NULL, NULL))
    {
      sub_free (s);
      return;
    }

  e = entity_get (self, aor, TRUE);
  s->entity = e;
  g_ptr_array_add (e->subs, s);
  g_hash_table_insert (self->subs, s->key, s);
  sub_set_expires (s, (guint)expires);
  if (expires == 0)
    {
      /* a fetch: one NOTIFY with the state, terminated */
      sub_terminate (s, "timeout");
      return;
    }
  send_notify (s);
  if (package == PKG_PRESENCE)
    entity_changed (self, e, PKG_WINFO);
}

/* ---- publications ------------------------------------------------------------- */

static void
pub_free (Pub *p)
{
  g_free (p->etag);
  g_clear_object (&p->doc);
  g_free (p);
}

static void
pub_drop (SipSimplePresenceServer *self, Pub *p)
{
  Entity *e = p->entity;

  remove_timer (self, &p->timer);
  g_hash_table_remove (self->etags, p->etag);
  g_ptr_array_remove (e->pubs, p);
  pub_free (p);
  entity_changed (self, e, PKG_PRESENCE);
  entity_maybe_drop (self, e);
}

typedef struct
{
  SipSimplePresenceServer *server;
  Pub                     *pub;
} PubTimer;

static gboolean
pub_timer_fired (gpointer data)
{
  PubTimer *t = data;

  t->pub->timer = 0;
  pub_drop (t->server, t->pub);
  return G_SOURCE_REMOVE;
}

static void
pub_set_expires (SipSimplePresenceServer *self, Pub *p, guint expires)
{
  GSource  *source;
  PubTimer *t;

  remove_timer (self, &p->timer);
  t = g_new0 (PubTimer, 1);
  t->server = self;
  t->pub = p;
  source = g_timeout_source_new_seconds (MAX (expires, 1));
  g_source_set_callback (source, pub_timer_fired, t, g_free);
  g_source_set_name (source, "sipsimple publication expiry");
  p->timer = g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
answer_etag (SipSimpleEvent *event, const char *etag, gint64 expires)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
  g_autofree char *expires_text = g_strdup_printf ("%" G_GINT64_FORMAT, expires);

  if (etag != NULL)
    sip_simple_headers_append (headers, "SIP-ETag", etag, NULL);
  sip_simple_headers_append (headers, "Expires", expires_text, NULL);
  answer (event, 200, NULL, headers);
}

/* The body as a PIDF document; answers and returns NULL when it is not one */
static SipSimplePidf *
parse_body (SipSimpleEvent *event)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  const char      *type = sip_simple_event_get_content_type (event);
  GBytes          *body = sip_simple_event_get_body (event);
  SipSimplePidf   *doc;

  if (type == NULL
      || g_ascii_strncasecmp (type, SIP_SIMPLE_PIDF_CONTENT_TYPE,
                              strlen (SIP_SIMPLE_PIDF_CONTENT_TYPE))
             != 0)
    {
      answer_with (event, 415, NULL, "Accept", SIP_SIMPLE_PIDF_CONTENT_TYPE);
      return NULL;
    }
  doc = sip_simple_pidf_parse (body, &error);
  if (doc == NULL)
    {
      /* one line, short: it becomes the reason phrase */
      reason = g_strdup_printf ("Bad PIDF: %.80s", error ? error->message : "not a document");
      g_strdelimit (reason, "\r\n", ' ');
      answer (event, 400, reason, NULL);
    }
  return doc;
}

static void
handle_publish (SipSimplePresenceServer *self, SipSimpleEvent *event, const char *aor)
{
  sip_t           *sip = event->sip;
  const char      *package_name;
  g_autofree char *event_id = NULL;
  const char      *if_match;
  GBytes          *body = sip_simple_event_get_body (event);
  gboolean         has_body = body != NULL && g_bytes_get_size (body) > 0;
  gint64           expires;
  Entity          *e;
  Pub             *p;

  if (!event_package (event, &package_name, &event_id) || !su_casematch (package_name, "presence"))
    {
      answer_with (event, 489, "Bad Event", "Allow-Events", "presence");
      return;
    }
  if (aor == NULL)
    {
      answer (event, 404, "Unknown Presentity", NULL);
      return;
    }
  if ((expires = granted_expires (self, event)) < 0)
    return;
  if_match = sip_simple_event_get_header (event, "SIP-If-Match");
  (void)sip;

  if (if_match == NULL)
    {
      g_autoptr (SipSimplePidf) doc = NULL;

      if (!has_body)
        {
          answer (event, 400, "Initial Publication Without Body", NULL);
          return;
        }
      if (expires == 0)
        {
          answer (event, 400, "Initial Publication With Expires 0", NULL);
          return;
        }
      if ((doc = parse_body (event)) == NULL)
        return;
      e = entity_get (self, aor, TRUE);
      p = g_new0 (Pub, 1);
      p->entity = e;
      p->doc = g_steal_pointer (&doc);
      p->etag = random_token ();
      g_ptr_array_add (e->pubs, p);
      g_hash_table_insert (self->etags, p->etag, p);
      pub_set_expires (self, p, (guint)expires);
      answer_etag (event, p->etag, expires);
      entity_changed (self, e, PKG_PRESENCE);
      return;
    }

  p = g_hash_table_lookup (self->etags, if_match);
  if (p == NULL || g_strcmp0 (p->entity->aor, aor) != 0)
    {
      answer (event, 412, "Conditional Request Failed", NULL);
      return;
    }
  e = p->entity;
  if (expires == 0)
    {
      answer_etag (event, NULL, 0);
      pub_drop (self, p);
      return;
    }
  if (has_body)
    {
      SipSimplePidf *doc = parse_body (event);
      if (doc == NULL)
        return;
      g_object_unref (p->doc);
      p->doc = doc;
    }
  /* a new entity tag for every change, refresh included (RFC 3903 6) */
  g_hash_table_remove (self->etags, p->etag);
  g_free (p->etag);
  p->etag = random_token ();
  g_hash_table_insert (self->etags, p->etag, p);
  pub_set_expires (self, p, (guint)expires);
  answer_etag (event, p->etag, expires);
  if (has_body)
    entity_changed (self, e, PKG_PRESENCE);
}

/* ---- the agent closes --------------------------------------------------------- */

static void
forget_all (SipSimplePresenceServer *self)
{
  GHashTableIter iter;
  gpointer       value;

  /* NTA goes with the agent: let go of every transaction first */
  g_hash_table_iter_init (&iter, self->subs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Sub *s = value;
      if (s->orq != NULL)
        {
          nta_outgoing_destroy (s->orq);
          s->orq = NULL;
        }
    }
  g_hash_table_iter_init (&iter, self->etags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    remove_timer (self, &((Pub *)value)->timer);
  g_hash_table_remove_all (self->subs);
  g_hash_table_remove_all (self->etags);
  g_hash_table_remove_all (self->entities);
}

static void
on_agent_closing (SipSimpleAgent *agent, SipSimplePresenceServer *self)
{
  self->closed = TRUE;
  forget_all (self);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
entity_free_all (gpointer data)
{
  Entity *e = data;

  for (guint i = 0; i < e->pubs->len; i++)
    {
      Pub *p = e->pubs->pdata[i];
      pub_free (p);
    }
  entity_free (e);
}

static void
sip_simple_presence_server_dispose (GObject *object)
{
  SipSimplePresenceServer *self = SIP_SIMPLE_PRESENCE_SERVER (object);

  if (self->agent != NULL)
    {
      forget_all (self);
      g_clear_signal_handler (&self->closing_id, self->agent);
      g_clear_object (&self->agent);
    }
  G_OBJECT_CLASS (sip_simple_presence_server_parent_class)->dispose (object);
}

static void
sip_simple_presence_server_finalize (GObject *object)
{
  SipSimplePresenceServer *self = SIP_SIMPLE_PRESENCE_SERVER (object);

  g_hash_table_unref (self->subs);
  g_hash_table_unref (self->etags);
  g_hash_table_unref (self->entities);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_presence_server_parent_class)->finalize (object);
}

static void
sip_simple_presence_server_set_property (GObject *object, guint prop_id, const GValue *value,
                                         GParamSpec *pspec)
{
  SipSimplePresenceServer *self = SIP_SIMPLE_PRESENCE_SERVER (object);

  switch (prop_id)
    {
    case PROP_AGENT:
      self->agent = g_value_dup_object (value);
      if (self->agent != NULL)
        self->closing_id
            = g_signal_connect (self->agent, "closing", G_CALLBACK (on_agent_closing), self);
      break;
    case PROP_MIN_EXPIRES:
      sip_simple_presence_server_set_min_expires (self, g_value_get_uint (value));
      break;
    case PROP_MAX_EXPIRES:
      sip_simple_presence_server_set_max_expires (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_presence_server_get_property (GObject *object, guint prop_id, GValue *value,
                                         GParamSpec *pspec)
{
  SipSimplePresenceServer *self = SIP_SIMPLE_PRESENCE_SERVER (object);

  switch (prop_id)
    {
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    case PROP_MIN_EXPIRES:
      g_value_set_uint (value, self->min_expires);
      break;
    case PROP_MAX_EXPIRES:
      g_value_set_uint (value, self->max_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_presence_server_class_init (SipSimplePresenceServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_presence_server_dispose;
  object_class->finalize = sip_simple_presence_server_finalize;
  object_class->set_property = sip_simple_presence_server_set_property;
  object_class->get_property = sip_simple_presence_server_get_property;

  /**
   * SipSimplePresenceServer:agent:
   *
   * The agent whose requests this server answers and whose transports
   * send its NOTIFYs.
   *
   * Since: 0.1
   */
  properties[PROP_AGENT]
      = g_param_spec_object ("agent", NULL, "The agent", SIP_SIMPLE_TYPE_AGENT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePresenceServer:min-expires:
   *
   * The shortest lifetime of a publication or subscription, in seconds;
   * shorter requests are refused with `423 Interval Too Brief`.
   *
   * Since: 0.1
   */
  properties[PROP_MIN_EXPIRES] = g_param_spec_uint (
      "min-expires", NULL, "Shortest lifetime accepted", 1, G_MAXUINT32, 60,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePresenceServer:max-expires:
   *
   * The longest lifetime granted, in seconds; longer requests are
   * shortened. It is also the lifetime of a request without Expires.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_EXPIRES] = g_param_spec_uint (
      "max-expires", NULL, "Longest lifetime granted", 1, G_MAXUINT32, 3600,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimplePresenceServer::changed:
   * @self: the server
   * @entity: the presentity, `user@host`
   *
   * The state of a presentity changed: a publication came, changed,
   * was removed or expired. Its watchers are being notified.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sip_simple_presence_server_init (SipSimplePresenceServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entity_free_all);
  self->etags = g_hash_table_new (g_str_hash, g_str_equal);
  self->subs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)sub_free);
}

/* ---- public API --------------------------------------------------------------- */

/**
 * sip_simple_presence_server_new:
 * @agent: the agent
 *
 * Makes a presence server for the requests of @agent. It keeps its state
 * until @agent closes.
 *
 * Returns: (transfer full): a new presence server
 *
 * Since: 0.1
 */
SipSimplePresenceServer *
sip_simple_presence_server_new (SipSimpleAgent *agent)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (agent), NULL);
  return g_object_new (SIP_SIMPLE_TYPE_PRESENCE_SERVER, "agent", agent, NULL);
}

/**
 * sip_simple_presence_server_get_agent:
 * @self: a presence server
 *
 * Gets the agent the presence server answers through.
 *
 * Returns: (transfer none): the agent
 *
 * Since: 0.1
 */
SipSimpleAgent *
sip_simple_presence_server_get_agent (SipSimplePresenceServer *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), NULL);
  return self->agent;
}

/**
 * sip_simple_presence_server_get_min_expires:
 * @self: a presence server
 *
 * Gets [property@SipSimple.PresenceServer:min-expires].
 *
 * Returns: #SipSimplePresenceServer:min-expires
 *
 * Since: 0.1
 */
guint
sip_simple_presence_server_get_min_expires (SipSimplePresenceServer *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), 0);
  return self->min_expires;
}

/**
 * sip_simple_presence_server_set_min_expires:
 * @self: a presence server
 * @seconds: the shortest lifetime, at least 1
 *
 * Sets #SipSimplePresenceServer:min-expires.
 *
 * Since: 0.1
 */
void
sip_simple_presence_server_set_min_expires (SipSimplePresenceServer *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self));
  seconds = MAX (seconds, 1);
  if (self->min_expires == seconds)
    return;
  self->min_expires = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_EXPIRES]);
}

/**
 * sip_simple_presence_server_get_max_expires:
 * @self: a presence server
 *
 * Gets [property@SipSimple.PresenceServer:max-expires].
 *
 * Returns: #SipSimplePresenceServer:max-expires
 *
 * Since: 0.1
 */
guint
sip_simple_presence_server_get_max_expires (SipSimplePresenceServer *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), 0);
  return self->max_expires;
}

/**
 * sip_simple_presence_server_set_max_expires:
 * @self: a presence server
 * @seconds: the longest lifetime, at least 1
 *
 * Sets #SipSimplePresenceServer:max-expires.
 *
 * Since: 0.1
 */
void
sip_simple_presence_server_set_max_expires (SipSimplePresenceServer *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self));
  seconds = MAX (seconds, 1);
  if (self->max_expires == seconds)
    return;
  self->max_expires = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_EXPIRES]);
}

/**
 * sip_simple_presence_server_handle:
 * @self: a presence server
 * @event: a PUBLISH or SUBSCRIBE request
 * @entity: (nullable): the presentity the request is for, `user@host` or
 *   a SIP URI (usually the AoR of the Request-URI); ignored for a
 *   SUBSCRIBE inside a dialog, which names its subscription
 * @error: return location for a #GError
 *
 * Answers @event as a presence agent (see [class@SipSimple.PresenceServer])
 * and sends the NOTIFYs that follow. Requests it cannot take get a SIP
 * failure response, not a #GError: `405` for another method, `489` for
 * another event package, `400`, `412`, `415`, `423`, `481` as RFC 3903
 * and RFC 6665 say.
 *
 * Returns: %TRUE if @event was answered; %FALSE with @error set if it
 *   could not be acted on (already answered, the agent is closed)
 *
 * Since: 0.1
 */
gboolean
sip_simple_presence_server_handle (SipSimplePresenceServer *self, SipSimpleEvent *event,
                                   const char *entity, GError **error)
{
  g_autofree char *aor = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sip_simple_event_check_actionable (event, error))
    return FALSE;
  if (self->closed || self->agent == NULL || sip_simple_agent_is_closed (self->agent))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_CLOSED,
                   "The agent is closed");
      return FALSE;
    }
  aor = normalize_aor (entity);
  if (event->method == sip_method_publish)
    handle_publish (self, event, aor);
  else if (event->method == sip_method_subscribe)
    handle_subscribe (self, event, aor);
  else
    answer_with (event, 405, NULL, "Allow", "PUBLISH, SUBSCRIBE");
  if (!sip_simple_event_is_answered (event))
    answer (event, 500, "Presence Request Not Answered", NULL);
  return TRUE;
}

/**
 * sip_simple_presence_server_get_document:
 * @self: a presence server
 * @entity: a presentity, `user@host` or a SIP URI
 *
 * The state its watchers are told: the composed PIDF document of the
 * live publications of @entity.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when
 *   nothing is published for @entity
 *
 * Since: 0.1
 */
GBytes *
sip_simple_presence_server_get_document (SipSimplePresenceServer *self, const char *entity)
{
  g_autofree char *aor = NULL;
  Entity          *e;
  g_autoptr (SipSimplePidf) doc = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  aor = normalize_aor (entity);
  e = aor ? entity_get (self, aor, FALSE) : NULL;
  if (e == NULL || e->pubs->len == 0)
    return NULL;
  doc = compose_pidf (e);
  return sip_simple_pidf_to_bytes (doc);
}

/**
 * sip_simple_presence_server_count_publications:
 * @self: a presence server
 * @entity: (nullable): a presentity, or %NULL for all
 *
 * Counts how many live publications there are for @entity.
 *
 * Returns: how many live publications there are for @entity
 *
 * Since: 0.1
 */
guint
sip_simple_presence_server_count_publications (SipSimplePresenceServer *self, const char *entity)
{
  g_autofree char *aor = NULL;
  Entity          *e;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), 0);
  if (entity == NULL)
    return g_hash_table_size (self->etags);
  aor = normalize_aor (entity);
  e = aor ? entity_get (self, aor, FALSE) : NULL;
  return e ? e->pubs->len : 0;
}

/**
 * sip_simple_presence_server_count_subscriptions:
 * @self: a presence server
 * @entity: (nullable): a presentity, or %NULL for all
 *
 * Counts how many subscriptions (presence and presence.winfo) there are to
 * @entity, those whose terminating NOTIFY is in flight included.
 *
 * Returns: how many subscriptions (presence and presence.winfo) there
 *   are to @entity, those whose terminating NOTIFY is in flight included
 *
 * Since: 0.1
 */
guint
sip_simple_presence_server_count_subscriptions (SipSimplePresenceServer *self, const char *entity)
{
  g_autofree char *aor = NULL;
  Entity          *e;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRESENCE_SERVER (self), 0);
  if (entity == NULL)
    return g_hash_table_size (self->subs);
  aor = normalize_aor (entity);
  e = aor ? entity_get (self, aor, FALSE) : NULL;
  return e ? e->subs->len : 0;
}
