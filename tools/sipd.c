/* sipd - a SIP registrar, record-routing proxy and presence server on libsipsimple's Agent
 *
 *   sipd --listen udp:127.0.0.1:5060 --listen tcp:127.0.0.1:5060 \
 *        [--domain example.com] [--auth users-file] [--scripts DIR] \
 *        [--location memory|redis://HOST:PORT[/DB]|postgresql://...]
 *
 * The routing logic is the route() of examples/python/sipd.py, in C:
 *
 *   Max-Forwards 0                          -> 483
 *   larger than 8192 bytes                  -> 513
 *   OPTIONS from sipsak without a user part -> 200 (health check)
 *   REGISTER                                -> digest auth, registrar
 *   PUBLISH, SUBSCRIBE for a local user     -> digest auth of local senders,
 *                                              presence server (PIDF store,
 *                                              NOTIFY of the watchers)
 *   in a dialog we record-routed            -> relayed by the Agent itself
 *   other requests for a local user         -> digest auth (407) of local
 *   (a To tag makes no difference)             senders, location lookup (503
 *                                              if unavailable), proxy with
 *                                              Record-Route
 *   unknown user                            -> 404
 *
 * Users file: one "user:password" per line; empty lines and lines starting
 * with '#' are ignored. With it, REGISTER needs credentials of the To user
 * and requests from local users need credentials of the From user.
 *
 * Scripts: with --scripts DIR, a request for sip:USER@domain reads
 * DIR/USER.conf when it exists (the Python sipd runs DIR/USER.py), a key file such as
 *
 *   [call]
 *   timeout=10                                # seconds to ring
 *   voicemail=sip:bob@voicemail.example.com   # on busy/no answer/failure
 *   forward=sip:bob@192.0.2.7                 # ring this instead
 *
 * --location: memory, or Redis or PostgreSQL shared by instances (a farm);
 * lookups and updates are asynchronous: a slow database never blocks the loop.
 *
 * One line per request goes to stdout; SIGINT or SIGTERM stop it cleanly.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MESSAGE_SIZE 8192

typedef struct
{
  /* options */
  char   **listen;
  char   **domains;
  char    *auth_file;
  char    *scripts_dir;
  char    *location_uri;
  char    *config_file;
  int      max_aors;
  char    *tls_certificate;
  char    *tls_key;
  char   **algorithms;
  int      min_expires;
  int      max_expires;
  int      max_transactions; /* -1: the agent's default */
  gboolean stateless_answers;
  int      retry_after;
  int      tcp_idle_timeout;    /* -1: the agent's default */
  int      max_connections;     /* -1: the agent's default */
  int      tcp_message_timeout; /* -1: the agent's default */
  gboolean trace;
  gboolean quiet;
  gboolean version;

  /* state */
  GMainLoop               *loop;
  SipSimpleAgent          *agent;
  SipSimpleLocation       *location;
  SipSimpleRegistrar      *registrar;
  SipSimplePresenceServer *presence;
  GHashTable              *users; /* user -> password, NULL without --auth */
  const char              *realm;
} Sipd;

/* ---- helpers ---------------------------------------------------------------- */

static GHashTable *
load_users (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *users;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *colon;

      if (*line == '\0' || *line == '#')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: expected user:password",
                       path, i + 1);
          g_hash_table_unref (users);
          return NULL;
        }
      g_hash_table_replace (users, g_strndup (line, colon - line), g_strdup (colon + 1));
    }
  return users;
}

static char *
lookup_password (const char *username, const char *realm, gpointer data)
{
  Sipd *d = data;
  return g_strdup (g_hash_table_lookup (d->users, username));
}

static gboolean
is_local_uri (Sipd *d, SipSimpleUri *uri)
{
  return uri != NULL && sip_simple_agent_is_local (d->agent, uri);
}

/* The AoR a local URI stands for: user@first-domain, so that
 * sip:bob@127.0.0.1 and sip:bob@example.com are the same user */
static char *
local_aor (Sipd *d, SipSimpleUri *uri)
{
  const char *user = sip_simple_uri_get_user (uri);
  if (user == NULL || *user == '\0')
    return NULL;
  if (d->domains && d->domains[0])
    return g_strdup_printf ("%s@%s", user, d->domains[0]);
  return sip_simple_uri_get_aor (uri);
}

/* No --domain: serve the addresses sipd listens on and the host's name,
 * as Kamailio's automatic aliases do, so that phones configured as
 * sip:alice@127.0.0.1 register and reach each other with no option. */
static void
serve_own_addresses (Sipd *d)
{
  g_auto (GStrv) addresses = sip_simple_agent_get_addresses (d->agent);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *list = NULL;

  g_strv_builder_addv (b, (const char **)addresses);
  if (!g_strv_contains ((const char *const *)addresses, g_get_host_name ()))
    g_strv_builder_add (b, g_get_host_name ());
  g_strfreev (d->domains);
  d->domains = g_strv_builder_end (b);
  sip_simple_agent_set_domains (d->agent, (const char *const *)d->domains);
  list = g_strjoinv (" ", d->domains);
  printf ("sipd: no --domain given: serving %s\n", list);
}

static gboolean
reject (SipSimpleEvent *event, guint code, const char *reason)
{
  return sip_simple_event_reject (event, code, reason, NULL);
}

/* The command line with the options of a --config file (GKeyFile, group
 * [sipd], one key per long option) before the others, so that the
 * command line wins for single values and adds to repeatable ones. A flag
 * takes true or false; a repeatable option a list (a;b). */
static GStrv
with_config (int argc, char **argv, const GOptionEntry *entries, GError **error)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (GKeyFile) kf = NULL;
  g_auto (GStrv) keys = NULL;
  const char *file = NULL;

  for (int i = 1; i < argc && file == NULL; i++)
    if (strcmp (argv[i], "--") == 0)
      break;
    else if (strcmp (argv[i], "--config") == 0 && i + 1 < argc)
      file = argv[i + 1];
    else if (g_str_has_prefix (argv[i], "--config="))
      file = argv[i] + strlen ("--config=");

  g_strv_builder_add (b, argv[0]);
  if (file != NULL)
    {
      kf = g_key_file_new ();
      if (!g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, error))
        {
          g_prefix_error (error, "--config %s: ", file);
          return NULL;
        }
      if (!g_key_file_has_group (kf, "sipd"))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                       "--config %s: no [sipd] group", file);
          return NULL;
        }
      keys = g_key_file_get_keys (kf, "sipd", NULL, error);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          const GOptionEntry *e = entries;
          while (e->long_name != NULL && strcmp (e->long_name, keys[k]) != 0)
            e++;
          if (e->long_name == NULL || strcmp (keys[k], "config") == 0
              || strcmp (keys[k], "version") == 0)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                           "--config %s: %s is not an option of sipd", file, keys[k]);
              return NULL;
            }
          if (e->arg == G_OPTION_ARG_NONE)
            {
              GError  *local = NULL;
              gboolean on = g_key_file_get_boolean (kf, "sipd", keys[k], &local);
              if (local != NULL)
                {
                  g_propagate_prefixed_error (error, local, "--config %s: ", file);
                  return NULL;
                }
              if (on)
                {
                  g_autofree char *flag = g_strconcat ("--", keys[k], NULL);
                  g_strv_builder_add (b, flag);
                }
            }
          else
            {
              g_auto (GStrv) values = g_key_file_get_string_list (kf, "sipd", keys[k], NULL, NULL);
              for (guint v = 0; values != NULL && values[v] != NULL; v++)
                {
                  g_autofree char *arg = g_strdup_printf ("--%s=%s", keys[k], values[v]);
                  g_strv_builder_add (b, arg);
                }
            }
        }
    }
  for (int i = 1; i < argc; i++)
    g_strv_builder_add (b, argv[i]);
  return g_strv_builder_end (b);
}

/* The location service --location names; @max_aors bounds the memory one */
static SipSimpleLocation *
open_location (const char *uri, guint max_aors, GError **error)
{
  if (uri == NULL || strcmp (uri, "memory") == 0)
    {
      SipSimpleMemoryLocation *memory = sip_simple_memory_location_new ();
      g_object_set (memory, "max-aors", max_aors, NULL);
      return SIP_SIMPLE_LOCATION (memory);
    }
  if (g_str_has_prefix (uri, "redis://"))
    return (SipSimpleLocation *)sip_simple_redis_location_new (uri, error);
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    return (SipSimpleLocation *)sip_simple_postgres_location_new (uri, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "--location: expected memory, redis://HOST[:PORT][/DB] or "
               "postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME, not %s",
               uri);
  return NULL;
}

/* ---- the log ---------------------------------------------------------------- */

static void
on_finished (SipSimpleAgent *agent, SipSimpleEvent *event, Sipd *d)
{
  SipSimpleNameAddr *from = sip_simple_event_get_from (event);
  SipSimpleNameAddr *to = sip_simple_event_get_to (event);
  SipSimpleUri      *ruri = sip_simple_event_get_uri (event);
  g_autofree char   *f
      = from ? sip_simple_uri_to_string (sip_simple_name_addr_get_uri (from)) : g_strdup ("-");
  g_autofree char *t
      = to ? sip_simple_uri_to_string (sip_simple_name_addr_get_uri (to)) : g_strdup ("-");
  g_autofree char *r = ruri ? sip_simple_uri_to_string (ruri) : g_strdup ("-");
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  guint            status = sip_simple_event_get_status (event);
  const char      *address = sip_simple_event_get_source_address (event);
  /* written as --listen takes it: an IPv6 address in brackets */
  g_autofree char *src = g_strdup_printf (
      address && strchr (address, ':') ? "%s:[%s]:%u" : "%s:%s:%u",
      sip_simple_transport_to_string (sip_simple_event_get_transport (event)), address,
      sip_simple_event_get_source_port (event));

  if (status == 0)
    printf ("%s.%03d %s %s from=%s to=%s src=%s -> forwarded\n", stamp,
            g_date_time_get_microsecond (now) / 1000, sip_simple_event_get_method (event), r, f, t,
            src);
  else
    printf ("%s.%03d %s %s from=%s to=%s src=%s -> %u %s\n", stamp,
            g_date_time_get_microsecond (now) / 1000, sip_simple_event_get_method (event), r, f, t,
            src, status, sip_simple_event_get_reason (event) ? sip_simple_event_get_reason (event) : "");
  fflush (stdout);
}

/* ---- per-user scripts (key files) --------------------------------------------- */

typedef struct
{
  char *voicemail;
} Fallback;

static void
fallback_free (Fallback *f)
{
  g_free (f->voicemail);
  g_free (f);
}

static void
proxied_with_fallback (GObject *source, GAsyncResult *result, gpointer data)
{
  SipSimpleEvent      *event = SIP_SIMPLE_EVENT (source);
  Fallback            *f = data;
  SipSimpleProxyResult r = sip_simple_event_proxy_finish (event, result, NULL);

  if (f->voicemail != NULL
      && (r == SIP_SIMPLE_PROXY_RESULT_BUSY || r == SIP_SIMPLE_PROXY_RESULT_NOANSWER
          || r == SIP_SIMPLE_PROXY_RESULT_FAILURE))
    {
      g_autoptr (GPtrArray) contacts
          = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
      SipSimpleUri *vm = sip_simple_uri_parse (f->voicemail, NULL);
      if (vm != NULL)
        {
          g_ptr_array_add (contacts, vm);
          sip_simple_event_redirect (event, contacts, NULL);
        }
    }
  fallback_free (f);
}

/* Returns TRUE if a script for @user handled the event */
static gboolean
run_user_script (Sipd *d, SipSimpleEvent *event, const char *user, GPtrArray *bindings)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *forward = NULL;
  Fallback        *f;
  guint            timeout;

  if (d->scripts_dir == NULL || strchr (user, '/') != NULL || user[0] == '.'
      || strcmp (sip_simple_event_get_method (event), "INVITE") != 0)
    return FALSE;
  path = g_strdup_printf ("%s/%s.conf", d->scripts_dir, user);
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  f = g_new0 (Fallback, 1);
  f->voicemail = g_key_file_get_string (kf, "call", "voicemail", NULL);
  timeout = (guint)g_key_file_get_integer (kf, "call", "timeout", NULL);
  forward = g_key_file_get_string (kf, "call", "forward", NULL);
  if (forward != NULL)
    {
      g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (forward, NULL);
      if (uri != NULL)
        sip_simple_event_set_target (event, uri);
    }
  else
    sip_simple_event_add_bindings (event, bindings);

  if (forward == NULL && bindings->len == 0)
    {
      /* nobody to ring: straight to voicemail */
      if (f->voicemail != NULL)
        {
          g_autoptr (GPtrArray) contacts
              = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
          SipSimpleUri *vm = sip_simple_uri_parse (f->voicemail, NULL);
          if (vm != NULL)
            {
              g_ptr_array_add (contacts, vm);
              sip_simple_event_redirect (event, contacts, NULL);
            }
        }
      fallback_free (f);
      if (!sip_simple_event_is_answered (event))
        reject (event, 480, NULL);
      return TRUE;
    }
  sip_simple_event_proxy_async (event, timeout, SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, NULL,
                                proxied_with_fallback, f);
  return TRUE;
}

/* ---- route() ------------------------------------------------------------------ */

static void
registered (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  if (!sip_simple_registrar_handle_finish (SIP_SIMPLE_REGISTRAR (source), result, &error))
    g_printerr ("sipd: REGISTER failed: %s\n", error->message);
}

/* Digest check of @user; answers and returns FALSE when the request must
 * not go on */
static gboolean
authorized (Sipd *d, SipSimpleEvent *event, const char *user)
{
  SipSimpleAuthResult r;

  if (d->users == NULL)
    return TRUE;
  r = sip_simple_event_authenticate (event, d->realm, lookup_password, d);
  if (r == SIP_SIMPLE_AUTH_RESULT_OK)
    {
      if (g_strcmp0 (sip_simple_event_get_auth_user (event), user) != 0)
        {
          reject (event, 403, "Forbidden");
          return FALSE;
        }
      return TRUE;
    }
  if (r == SIP_SIMPLE_AUTH_RESULT_FAILED)
    reject (event, 403, "Forbidden");
  else
    sip_simple_event_challenge (event, d->realm, NULL);
  return FALSE;
}

/* PUBLISH and SUBSCRIBE for a local user. With --auth, only local users
 * who prove who they are may watch (anybody), publish (for themselves
 * only) or refresh (a SUBSCRIBE in a dialog is known by its dialog). */
static void
handle_presence (Sipd *d, SipSimpleEvent *event, const char *method, SipSimpleUri *ruri,
                 SipSimpleUri *from_uri)
{
  g_autofree char *aor = NULL;
  g_autoptr (GError) error = NULL;

  if (!sip_simple_event_is_in_dialog (event))
    {
      if (d->users != NULL && !is_local_uri (d, from_uri))
        {
          reject (event, 403, "Presence For Local Users Only");
          return;
        }
      if (!authorized (d, event, from_uri ? sip_simple_uri_get_user (from_uri) : NULL))
        return;
      if (strcmp (method, "PUBLISH") == 0 && d->users != NULL
          && g_strcmp0 (sip_simple_uri_get_user (ruri), sip_simple_event_get_auth_user (event))
                 != 0)
        {
          reject (event, 403, "Publish For Yourself Only");
          return;
        }
      if (d->users != NULL
          && (sip_simple_uri_get_user (ruri) == NULL
              || !g_hash_table_contains (d->users, sip_simple_uri_get_user (ruri))))
        {
          reject (event, 404, "Unknown Presentity");
          return;
        }
      aor = local_aor (d, ruri);
    }
  if (!sip_simple_presence_server_handle (d->presence, event, aor, &error))
    g_printerr ("sipd: %s: %s\n", method, error->message);
}

typedef struct
{
  Sipd           *d;
  SipSimpleEvent *event;
  char           *user;
} Lookup;

/* The bindings of a local user: proxy to them */
static void
looked_up (GObject *source, GAsyncResult *result, gpointer data)
{
  Lookup          *l = data;
  Sipd            *d = l->d;
  SipSimpleEvent  *event = l->event;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bindings
      = sip_simple_location_lookup_finish (SIP_SIMPLE_LOCATION (source), result, &error);

  if (sip_simple_event_is_answered (event))
    ; /* answered meanwhile (the agent closed) */
  else if (bindings == NULL)
    {
      g_printerr ("sipd: location lookup failed: %s\n", error->message);
      sip_simple_event_reject_unavailable (event, "Location Service Unavailable", NULL);
    }
  else if (run_user_script (d, event, l->user, bindings))
    ;
  else if (bindings->len == 0)
    {
      if (d->users != NULL && g_hash_table_contains (d->users, l->user))
        reject (event, 480, "Temporarily Unavailable");
      else
        reject (event, 404, "Not Found");
    }
  else
    {
      sip_simple_event_add_bindings (event, bindings);
      sip_simple_event_proxy_async (event, 0, SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, NULL, NULL,
                                    NULL);
    }
  g_object_unref (l->event);
  g_free (l->user);
  g_free (l);
}

static void
route (SipSimpleAgent *agent, SipSimpleEvent *event, Sipd *d)
{
  const char        *method = sip_simple_event_get_method (event);
  SipSimpleUri      *ruri = sip_simple_event_get_uri (event);
  SipSimpleNameAddr *from = sip_simple_event_get_from (event);
  SipSimpleUri      *from_uri = from ? sip_simple_name_addr_get_uri (from) : NULL;
  g_autofree char   *aor = NULL;
  Lookup            *l;

  /* sanity checks */
  if (sip_simple_event_get_max_forwards (event) == 0)
    {
      reject (event, 483, "Too Many Hops");
      return;
    }
  if (sip_simple_event_get_size (event) > MAX_MESSAGE_SIZE)
    {
      reject (event, 513, "Message Too Large");
      return;
    }
  if (ruri == NULL)
    {
      reject (event, 416, NULL);
      return;
    }

  /* health check of sipsak */
  if (strcmp (method, "OPTIONS") == 0 && from_uri != NULL
      && g_strcmp0 (sip_simple_uri_get_user (from_uri), "sipsak") == 0
      && (sip_simple_uri_get_user (ruri) == NULL || *sip_simple_uri_get_user (ruri) == '\0'))
    {
      sip_simple_event_accept (event, NULL, NULL, NULL, NULL);
      return;
    }

  if (strcmp (method, "REGISTER") == 0)
    {
      SipSimpleNameAddr *to = sip_simple_event_get_to (event);
      SipSimpleUri      *to_uri = to ? sip_simple_name_addr_get_uri (to) : NULL;

      if (!is_local_uri (d, to_uri) || (aor = local_aor (d, to_uri)) == NULL)
        {
          reject (event, 403, "Domain Not Served");
          return;
        }
      if (!authorized (d, event, sip_simple_uri_get_user (to_uri)))
        return;
      sip_simple_registrar_handle_async (d->registrar, event, aor, NULL, registered, d);
      return;
    }

  /* a CANCEL that matches no transaction of ours */
  if (strcmp (method, "CANCEL") == 0)
    {
      reject (event, 481, NULL);
      return;
    }

  /* presence of local users: this server is their presence agent */
  if ((strcmp (method, "PUBLISH") == 0 || strcmp (method, "SUBSCRIBE") == 0)
      && is_local_uri (d, ruri))
    {
      handle_presence (d, event, method, ruri, from_uri);
      return;
    }

  /* Requests inside a dialog we record-routed never get here: the agent
   * relays them. One with a To tag that does get here is treated as a new
   * request (a To tag is no credential); an ACK of that kind is dropped. */
  if (strcmp (method, "ACK") == 0)
    return;

  /* local senders prove who they are */
  if (is_local_uri (d, from_uri) && !authorized (d, event, sip_simple_uri_get_user (from_uri)))
    return;

  if (!is_local_uri (d, ruri))
    {
      /* a foreign domain: relay for our own users only */
      if (d->users != NULL && sip_simple_event_get_auth_user (event) == NULL)
        {
          reject (event, 403, "Relaying Denied");
          return;
        }
      sip_simple_event_proxy_async (event, 0, SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, NULL, NULL,
                                    NULL);
      return;
    }

  aor = local_aor (d, ruri);
  if (aor == NULL)
    {
      reject (event, 404, "Not Found");
      return;
    }
  /* the location may be a database: the answer comes later */
  sip_simple_event_pause (event);
  l = g_new0 (Lookup, 1);
  l->d = d;
  l->event = g_object_ref (event);
  l->user = g_strdup (sip_simple_uri_get_user (ruri));
  sip_simple_location_lookup_async (d->location, aor, NULL, looked_up, l);
}

/* ---- main --------------------------------------------------------------------- */

static gboolean
on_signal (gpointer data)
{
  Sipd *d = data;

  if (!d->quiet)
    {
      printf ("sipd: stopping\n");
      fflush (stdout);
    }
  sip_simple_agent_close (d->agent);
  g_main_loop_quit (d->loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  Sipd d = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GPtrArray) uris = NULL;
  const char  *default_listen[] = { "udp:127.0.0.1:5060", "tcp:127.0.0.1:5060", NULL };
  GOptionEntry entries[]
      = { { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &d.listen,
            "Listen on TRANSPORT:ADDRESS[:PORT] (udp, tcp, tls; port 0: any free port); repeatable",
            "SPEC" },
          { "domain", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &d.domains,
            "A domain served (the first is the digest realm); repeatable; default: the addresses listened on and the host name", "DOMAIN" },
          { "auth", 'a', 0, G_OPTION_ARG_FILENAME, &d.auth_file,
            "Require digest authentication; FILE has user:password lines", "FILE" },
          { "scripts", 's', 0, G_OPTION_ARG_FILENAME, &d.scripts_dir,
            "Per-user call settings in DIR/USER.conf", "DIR" },
          { "location", 0, 0, G_OPTION_ARG_STRING, &d.location_uri,
            "Where the bindings live: memory (the default), redis://HOST[:PORT][/DB] or "
            "postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME, which several instances may "
            "share", "URI" },
          { "max-aors", 0, 0, G_OPTION_ARG_INT, &d.max_aors,
            "With --location memory: users registered at most, beyond them a REGISTER for a "
            "new one gets 503 (default 200000, some 120 MB; 0: no limit)", "N" },
          { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &d.tls_certificate,
            "PEM certificate (and key) for TLS listeners", "FILE" },
          { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &d.tls_key, "PEM private key", "FILE" },
          { "auth-algorithm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.algorithms,
            "Digest algorithm to offer (SHA-256, MD5); repeatable, default both", "ALG" },
          { "min-expires", 0, 0, G_OPTION_ARG_INT, &d.min_expires,
            "Shortest registration accepted, seconds (default 60)", "S" },
          { "max-expires", 0, 0, G_OPTION_ARG_INT, &d.max_expires,
            "Longest registration granted, seconds (default 3600)", "S" },
          { "max-transactions", 0, 0, G_OPTION_ARG_INT, &d.max_transactions,
            "Overload control: server transactions kept at most, beyond them new requests get "
            "503 (default 16000, 0: no limit)", "N" },
          { "no-stateless-answers", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE,
            &d.stateless_answers,
            "Give every request a server transaction, also those answered at once "
            "(REGISTER, OPTIONS, challenges) that are otherwise answered statelessly",
            NULL },
          { "retry-after", 0, 0, G_OPTION_ARG_INT, &d.retry_after,
            "Retry-After of the overload 503s, seconds (default 5)", "S" },
          { "max-connections", 0, 0, G_OPTION_ARG_INT, &d.max_connections,
            "TCP/TLS connections accepted at most, beyond them new ones are refused (default "
            "2048, 0: no limit)", "N" },
          { "tcp-idle-timeout", 0, 0, G_OPTION_ARG_INT, &d.tcp_idle_timeout,
            "Close TCP/TLS connections idle this long, unless a registration lives behind them, "
            "seconds (default 120, 0: never)", "S" },
          { "tcp-message-timeout", 0, 0, G_OPTION_ARG_INT, &d.tcp_message_timeout,
            "Give up a message arriving over TCP/TLS that stalls this long, seconds (default 10, "
            "0: never)", "S" },
          { "trace", 0, 0, G_OPTION_ARG_NONE, &d.trace, "Log every SIP message (as TPORT_LOG=1)",
            NULL },
          { "quiet", 'q', 0, G_OPTION_ARG_NONE, &d.quiet, "No log line per request", NULL },
          { "config", 0, 0, G_OPTION_ARG_FILENAME, &d.config_file,
            "Read options from FILE first (group [sipd], a key per long option: listen=udp:0.0.0.0:5060;tcp:0.0.0.0:5060); the command line wins",
            "FILE" },
          { "version", 0, 0, G_OPTION_ARG_NONE, &d.version, "Print the version and exit", NULL },
          { NULL } };
  g_auto (GStrv) args = NULL;

  setlocale (LC_ALL, "");
  d.min_expires = 60;
  d.max_expires = 3600;
  d.max_transactions = -1;
  d.max_aors = 200000;
  d.stateless_answers = TRUE;
  d.retry_after = -1;
  d.tcp_idle_timeout = -1;
  d.max_connections = -1;
  d.tcp_message_timeout = -1;
  ctx = g_option_context_new (NULL);
  g_option_context_set_summary (ctx, "SIP registrar, record-routing proxy and presence server.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if ((args = with_config (argc, argv, entries, &error)) == NULL)
    {
      g_printerr ("sipd: %s\n", error->message);
      return 2;
    }
  if (!g_option_context_parse_strv (ctx, &args, &error))
    {
      g_printerr ("sipd: %s\n", error->message);
      g_printerr ("Run 'sipd --help' for the options.\n");
      return 2;
    }
  if (d.version)
    {
      printf ("sipd %s\n", SIPSIMPLE_VERSION);
      return 0;
    }
  if (d.trace)
    g_setenv ("TPORT_LOG", "1", TRUE);

  if (d.auth_file != NULL && (d.users = load_users (d.auth_file, &error)) == NULL)
    {
      g_printerr ("sipd: %s\n", error->message);
      return 2;
    }
  d.realm = d.domains && d.domains[0] ? d.domains[0] : "sipd";
  if ((d.location = open_location (d.location_uri, (guint)MAX (d.max_aors, 0), &error)) == NULL)
    {
      g_printerr ("sipd: %s\n", error->message);
      return 2;
    }
  if (SIP_SIMPLE_IS_REDIS_LOCATION (d.location))
    printf ("sipd: bindings in Redis at %s\n", d.location_uri);
  else if (SIP_SIMPLE_IS_POSTGRES_LOCATION (d.location)) /* not the URI: it may hold a password */
    printf ("sipd: bindings in PostgreSQL\n");

  d.loop = g_main_loop_new (NULL, FALSE);
  d.agent = sip_simple_agent_new ();
  sip_simple_agent_set_user_agent (d.agent, "sipd (libsipsimple)");
  sip_simple_agent_set_domains (d.agent, (const char *const *)d.domains);
  g_object_set (d.agent, "tls-certificate-file", d.tls_certificate, "tls-private-key-file",
                d.tls_key, NULL);
  if (d.algorithms != NULL)
    g_object_set (d.agent, "digest-algorithms", d.algorithms, NULL);
  g_object_set (d.agent, "stateless-answers", d.stateless_answers, NULL);
  if (d.max_transactions >= 0)
    g_object_set (d.agent, "max-transactions", (guint)d.max_transactions, NULL);
  if (d.retry_after >= 0)
    g_object_set (d.agent, "retry-after", (guint)MIN (d.retry_after, 86400), NULL);
  if (d.max_connections >= 0)
    g_object_set (d.agent, "max-connections", (guint)d.max_connections, NULL);
  if (d.tcp_idle_timeout >= 0)
    g_object_set (d.agent, "tcp-idle-timeout", (guint)MIN (d.tcp_idle_timeout, 4000000), NULL);
  if (d.tcp_message_timeout >= 0)
    g_object_set (d.agent, "tcp-message-timeout", (guint)MIN (d.tcp_message_timeout, 4000000),
                  NULL);
  for (char **spec = d.listen ? d.listen : (char **)default_listen; *spec; spec++)
    if (!sip_simple_agent_listen_spec (d.agent, *spec, &error))
      {
        g_printerr ("sipd: %s\n", error->message);
        return 1;
      }
  if (d.domains == NULL || d.domains[0] == NULL)
    serve_own_addresses (&d);

  d.registrar = sip_simple_registrar_new (d.location);
  sip_simple_registrar_set_min_expires (d.registrar, (guint)MAX (d.min_expires, 0));
  sip_simple_registrar_set_max_expires (d.registrar, (guint)MAX (d.max_expires, 0));
  d.presence = sip_simple_presence_server_new (d.agent);
  g_signal_connect (d.agent, "incoming", G_CALLBACK (route), &d);
  if (!d.quiet)
    g_signal_connect (d.agent, "finished", G_CALLBACK (on_finished), &d);
  g_unix_signal_add (SIGINT, on_signal, &d);
  g_unix_signal_add (SIGTERM, on_signal, &d);

  uris = sip_simple_agent_get_uris (d.agent);
  printf ("sipd: listening on");
  for (guint i = 0; i < uris->len; i++)
    {
      g_autofree char *u = sip_simple_uri_to_string (uris->pdata[i]);
      printf (" %s", u);
    }
  printf ("\n");
  fflush (stdout);

  g_main_loop_run (d.loop);

  g_object_unref (d.presence);
  g_object_unref (d.registrar);
  g_object_unref (d.location);
  g_object_unref (d.agent);
  g_main_loop_unref (d.loop);
  if (d.users)
    g_hash_table_unref (d.users);
  g_strfreev (d.listen);
  g_strfreev (d.domains);
  g_strfreev (d.algorithms);
  g_free (d.auth_file);
  g_free (d.scripts_dir);
  g_free (d.location_uri);
  g_free (d.config_file);
  g_free (d.tls_certificate);
  g_free (d.tls_key);
  return 0;
}
