/* libsipsimple - SipSimpleRegistrar
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/registrar.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/location.h>
#include <sipsimple/agent/memory-location.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"
#include "expires-private.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>

/**
 * SipSimpleRegistrar:
 *
 * Answers REGISTER requests as RFC 3261 section 10.3 says, keeping the
 * bindings in a [iface@SipSimple.Location]:
 *
 * - the AoR is the To URI's (`user@host`, see [method@SipSimple.Uri.get_aor]);
 * - a REGISTER without Contact is a query: `200` with the bindings;
 * - `Contact: *` with `Expires: 0` removes every binding (`400` otherwise);
 * - each contact's lifetime is its `expires` parameter, else the Expires
 *   header, else #SipSimpleRegistrar:default-expires; a lifetime below
 *   #SipSimpleRegistrar:min-expires is refused with `423 Interval Too
 *   Brief` and a Min-Expires header; one above
 *   #SipSimpleRegistrar:max-expires is shortened; 0 removes the binding;
 * - a binding made by the same Call-ID can only be changed by a higher
 *   CSeq (else `400`, nothing changes);
 * - the `200 OK` lists every binding with its remaining lifetime and
 *   q-value, and has a Date header.
 *
 * Authentication and the check that the domain is served are the
 * handler's job, before calling [method@SipSimple.Registrar.handle_async]:
 * ```python
 * if event.get_method() == "REGISTER":
 *     if event.authenticate(domain, lookup) != SipSimple.AuthResult.OK:
 *         return event.challenge(domain)
 *     return registrar.handle_async(event, None, None, None)
 * ```
 *
 * Requests for a binding go to its Contact. A binding remembers where
 * the REGISTER came from (its received address), and requests go there
 * instead, only when the client asked for its connection to be reused
 * (RFC 5626 outbound: `;ob` or `reg-id`; `alias` in its Via, RFC 5923),
 * when it registered over TCP or TLS a Contact of that kind on its own
 * address (the connection it keeps open reaches it, which a new
 * connection may not), or when the Contact is a private address other
 * than the source (a phone behind NAT). A Path header (RFC 3327) is kept
 * too.
 *
 * Since: 0.1
 */
struct _SipSimpleRegistrar
{
  GObject            parent_instance;
  SipSimpleLocation *location;
  guint              min_expires;
  guint              max_expires;
  guint              default_expires;
};

enum
{
  PROP_0,
  PROP_LOCATION,
  PROP_MIN_EXPIRES,
  PROP_MAX_EXPIRES,
  PROP_DEFAULT_EXPIRES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SipSimpleRegistrar, sip_simple_registrar, G_TYPE_OBJECT)

typedef struct
{
  SipSimpleEvent *event;
  char           *aor;
  GPtrArray      *changes; /* SipSimpleBinding * to store */
  gboolean        wildcard;
  gboolean        query;
} Register;

static void
register_free (Register *r)
{
  g_object_unref (r->event);
  g_free (r->aor);
  if (r->changes != NULL)
    g_ptr_array_unref (r->changes);
  g_free (r);
}

/* ---- the answer ---------------------------------------------------------- */

static char *
http_date (void)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[]
      = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_strdup_printf (
      "%s, %02d %s %04d %02d:%02d:%02d GMT", days[g_date_time_get_day_of_week (now) - 1],
      g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
      g_date_time_get_year (now), g_date_time_get_hour (now), g_date_time_get_minute (now),
      g_date_time_get_second (now));
}

static void
answer_bindings (SipSimpleEvent *event, GPtrArray *bindings)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
  g_autofree char *date = http_date ();

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    {
      g_autofree char *contact = sip_simple_binding_to_string (bindings->pdata[i]);
      sip_simple_headers_append (headers, "Contact", contact, NULL);
    }
  sip_simple_headers_append (headers, "Date", date, NULL);
  if (event->sip->sip_path != NULL)
    sip_simple_headers_append (headers, "Supported", "path", NULL);
  sip_simple_event_respond (event, 200, NULL, headers, NULL, NULL, NULL);
}

static void
answer (SipSimpleEvent *event, guint code, const char *reason)
{
  sip_simple_event_respond (event, code, reason, NULL, NULL, NULL, NULL);
}

/* ---- RFC 3261 10.3 ------------------------------------------------------------ */

static SipSimpleBinding *
find_binding (GPtrArray *bindings, SipSimpleUri *contact)
{
  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    if (sip_simple_uri_equal (sip_simple_binding_get_contact (bindings->pdata[i]), contact))
      return bindings->pdata[i];
  return NULL;
}

/* Step 7's ordering rule: a binding made by this Call-ID may only be
 * changed by a higher CSeq. */
static gboolean
out_of_order (SipSimpleEvent *event, SipSimpleBinding *existing)
{
  const char *call_id = sip_simple_event_get_call_id (event);

  return existing != NULL && g_strcmp0 (sip_simple_binding_get_call_id (existing), call_id) == 0
         && sip_simple_event_get_cseq (event) <= sip_simple_binding_get_cseq (existing);
}

/* Checks the request against the current bindings; answers and returns
 * FALSE when it must be refused. */
static gboolean
check_order (Register *r, GPtrArray *current)
{
  if (r->wildcard)
    {
      for (guint i = 0; current != NULL && i < current->len; i++)
        if (out_of_order (r->event, current->pdata[i]))
          goto refuse;
      return TRUE;
    }
  for (guint i = 0; i < r->changes->len; i++)
    if (out_of_order (r->event, find_binding (current, sip_simple_binding_get_contact (
                                                           r->changes->pdata[i]))))
      goto refuse;
  return TRUE;

refuse:
  answer (r->event, 400, "CSeq Out Of Order");
  return FALSE;
}

/* An address no one outside its own network reaches: RFC 1918, shared
 * (RFC 6598), link-local, and IPv6 unique-local and link-local. */
static gboolean
is_private_address (const char *host)
{
  g_autoptr (GInetAddress) a = NULL;
  char bare[64];
  gsize len;

  if (host[0] == '[')
    host++;
  len = strcspn (host, "]");
  if (len == 0 || len >= sizeof bare)
    return FALSE;
  memcpy (bare, host, len);
  bare[len] = '\0';
  if ((a = g_inet_address_new_from_string (bare)) == NULL)
    return FALSE;
  if (g_inet_address_get_is_site_local (a) || g_inet_address_get_is_link_local (a))
    return TRUE;
  if (g_inet_address_get_family (a) == G_SOCKET_FAMILY_IPV4)
    {
      const guint8 *b = g_inet_address_to_bytes (a);
      return b[0] == 100 && (b[1] & 0xc0) == 64; /* 100.64.0.0/10 */
    }
  return (g_inet_address_to_bytes (a)[0] & 0xfe) == 0xfc; /* fc00::/7 */
}

/* A Contact that names a connection-oriented transport */
static gboolean
contact_is_stream (const url_t *url)
{
  char transport[16];

  if (url->url_type == url_sips)
    return TRUE;
  if (url_param (url->url_params, "transport", transport, sizeof transport) <= 0)
    return FALSE;
  return g_ascii_strcasecmp (transport, "udp") != 0;
}

/* Whether requests for this contact go to where the REGISTER came from
 * rather than to the Contact itself. The Contact is the rule (a phone
 * may register from another socket than the one it listens on, or for
 * somebody else). The source wins only when the client asks for its
 * connection to be reused (RFC 5626 outbound: `;ob`, `reg-id`; RFC 5923
 * `alias` in Via) or when the Contact evidently cannot be reached: a
 * private address that is not the one the request came from (a phone
 * behind NAT). Over TCP and TLS, a Contact for the same transport on the
 * source's own address is reached over the connection it registered on. */
static gboolean
route_to_source (SipSimpleEvent *event, const sip_t *sip, const sip_contact_t *m)
{
  gboolean stream = event->transport != SIP_SIMPLE_TRANSPORT_UDP;

  const char *h = m->m_url->url_host;
  gboolean    same_host = FALSE;

  if (h != NULL)
    {
      gsize len;
      h += h[0] == '[';
      len = strcspn (h, "]");
      same_host = strlen (event->source_address) == len
                  && g_ascii_strncasecmp (event->source_address, h, len) == 0;
    }
  if (stream
      && (url_has_param (m->m_url, "ob") || msg_params_find (m->m_params, "reg-id") != NULL
          || (sip->sip_via != NULL && msg_params_find (sip->sip_via->v_params, "alias") != NULL)))
    return TRUE;
  /* a phone on a connection from its own address: the connection it
   * keeps open reaches it even where nothing can connect to it (a TLS
   * client has no certificate to serve) */
  if (stream && same_host && contact_is_stream (m->m_url))
    return TRUE;
  return h != NULL && is_private_address (m->m_url->url_host) && !same_host;
}

/* Turns the Contact headers into bindings to store; answers and returns
 * FALSE on a malformed or refused request. */
static gboolean
parse_contacts (SipSimpleRegistrar *self, Register *r)
{
  SipSimpleEvent  *event = r->event;
  sip_t           *sip = event->sip;
  g_autofree char *received = sip_simple_event_get_source_uri (event);
  g_autoptr (GPtrArray) path = NULL;
  gint64 header_expires = sip->sip_expires ? (gint64)sip->sip_expires->ex_delta : -1;

  if (sip->sip_contact == NULL)
    {
      r->query = TRUE;
      return TRUE;
    }
  for (sip_contact_t *m = sip->sip_contact; m; m = m->m_next)
    if (m->m_url->url_type == url_any)
      {
        if (m != sip->sip_contact || m->m_next != NULL || header_expires != 0)
          {
            answer (event, 400, "Invalid Wildcard Contact");
            return FALSE;
          }
        r->wildcard = TRUE;
        return TRUE;
      }

  if (sip->sip_path != NULL)
    {
      path = g_ptr_array_new_with_free_func (g_free);
      for (sip_path_t *p = sip->sip_path; p; p = p->r_next)
        {
          char     buf[1024];
          issize_t n = msg_header_field_e (buf, sizeof buf, (msg_header_t *)p, 0);
          if (n > 0 && (gsize)n < sizeof buf)
            g_ptr_array_add (path, g_strndup (buf, n));
        }
      g_ptr_array_add (path, NULL);
    }

  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  for (sip_contact_t *m = sip->sip_contact; m; m = m->m_next)
    {
      su_home_t home[1] = { SU_HOME_INIT (home) };
      g_autoptr (SipSimpleUri) uri = NULL;
      SipSimpleBinding *b;
      char             *text = url_as_string (home, m->m_url);
      gint64            expires;

      uri = text ? sip_simple_uri_parse (text, NULL) : NULL;
      su_home_deinit (home);
      if (uri == NULL)
        {
          answer (event, 400, "Invalid Contact");
          return FALSE;
        }
      if (m->m_expires != NULL)
        {
          /* delta-seconds: digits only (RFC 3261 20.10); "-1" is no
           * lifetime at all, not a removal */
          gsize len = strlen (m->m_expires);
          if (len == 0 || strspn (m->m_expires, "0123456789") != len)
            {
              answer (event, 400, "Invalid Contact Expires");
              return FALSE;
            }
          expires = len > 10 ? G_MAXUINT32 : MIN (g_ascii_strtoll (m->m_expires, NULL, 10), G_MAXUINT32);
        }
      else if (header_expires >= 0)
        expires = header_expires;
      else
        expires = self->default_expires;
      expires = sip_simple_agent_grant_expires (event, expires, self->min_expires,
                                                self->max_expires);
      if (expires < 0)
        return FALSE;

      b = sip_simple_binding_new (uri);
      if (expires == 0)
        sip_simple_binding_set_expires_at (b, 0);
      else
        sip_simple_binding_set_expires (b, (guint)MIN (expires, G_MAXUINT32));
      if (m->m_q != NULL)
        sip_simple_binding_set_q (b, g_ascii_strtod (m->m_q, NULL));
      sip_simple_binding_set_call_id (b, sip_simple_event_get_call_id (event));
      sip_simple_binding_set_cseq (b, sip_simple_event_get_cseq (event));
      if (route_to_source (event, sip, m))
        sip_simple_binding_set_received (b, received);
      if (path != NULL)
        sip_simple_binding_set_path (b, (const char *const *)path->pdata);
      if (sip->sip_user_agent != NULL)
        sip_simple_binding_set_user_agent (b, sip->sip_user_agent->g_string);
      g_ptr_array_add (r->changes, b);
    }
  return TRUE;
}

/* ---- the asynchronous path (any Location) ------------------------------------------ */

/* An error that says the location service cannot be reached now (a
 * database connection that is down, refused or too slow), rather than
 * that it failed: worth trying again later */
static gboolean
location_unavailable (const GError *error)
{
  static const GIOErrorEnum codes[]
      = { G_IO_ERROR_NOT_CONNECTED,      G_IO_ERROR_CONNECTION_REFUSED,
          G_IO_ERROR_CONNECTION_CLOSED,  G_IO_ERROR_BROKEN_PIPE,
          G_IO_ERROR_TIMED_OUT,          G_IO_ERROR_HOST_UNREACHABLE,
          G_IO_ERROR_NETWORK_UNREACHABLE, G_IO_ERROR_NO_SPACE /* full */ };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_error_matches (error, G_IO_ERROR, codes[i]))
      return TRUE;
  return FALSE;
}

static void
location_failed (GTask *task, Register *r, GError *error)
{
  g_debug ("location service failed for %s: %s", r->aor, error->message);
  if (location_unavailable (error))
    {
      /* nothing was stored: the client tries again after the agent's
       * Retry-After, as after an overload 503 */
      sip_simple_event_reject_unavailable (r->event, "Location Service Unavailable", NULL);
    }
  else
    answer (r->event, 500, "Location Service Failed");
  g_task_return_new_error (task, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_LOCATION,
                           "The location service failed: %s", error->message);
  g_error_free (error);
}

static void
updated (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask    *task = data;
  Register *r = g_task_get_task_data (task);
  GError   *error = NULL;
  g_autoptr (GPtrArray) bindings = NULL;

  bindings = sip_simple_location_update_finish (SIP_SIMPLE_LOCATION (source), result, &error);
  if (bindings == NULL)
    location_failed (task, r, error);
  else
    {
      answer_bindings (r->event, bindings);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static void
looked_up (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask    *task = data;
  Register *r = g_task_get_task_data (task);
  GError   *error = NULL;
  g_autoptr (GPtrArray) current = NULL;

  current = sip_simple_location_lookup_finish (SIP_SIMPLE_LOCATION (source), result, &error);
  if (current == NULL)
    {
      location_failed (task, r, error);
      g_object_unref (task);
      return;
    }
  if (r->query)
    {
      answer_bindings (r->event, current);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (!check_order (r, current))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  sip_simple_location_update_async (SIP_SIMPLE_LOCATION (source), r->aor, r->changes, r->wildcard,
                                    g_task_get_cancellable (task), updated, task);
}

/**
 * sip_simple_registrar_handle_async:
 * @self: a registrar
 * @event: a REGISTER request
 * @aor: (nullable): the address-of-record to register, %NULL for the To
 *   URI's
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the REGISTER is answered
 * @user_data: data for @callback
 *
 * Processes a REGISTER (see [class@SipSimple.Registrar]) and answers it.
 * This counts as acting on the event; with an in-memory location the
 * answer goes out before this returns.
 *
 * Since: 0.1
 */
void
sip_simple_registrar_handle_async (SipSimpleRegistrar *self, SipSimpleEvent *event, const char *aor,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError   *error = NULL;
  Register *r;

  g_return_if_fail (SIP_SIMPLE_IS_REGISTRAR (self));
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (event));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_registrar_handle_async);
  sip_simple_event_pause (event);

  if (!sip_simple_event_check_actionable (event, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (event->method != sip_method_register)
    {
      g_task_return_new_error (task, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                               "Only a REGISTER can be registered (this is %s)",
                               sip_simple_event_get_method (event));
      return;
    }

  r = g_new0 (Register, 1);
  r->event = g_object_ref (event);
  if (aor != NULL)
    r->aor = g_strdup (aor);
  else
    {
      SipSimpleNameAddr *to = sip_simple_event_get_to (event);
      if (to != NULL)
        r->aor = sip_simple_uri_get_aor (sip_simple_name_addr_get_uri (to));
    }
  g_task_set_task_data (task, r, (GDestroyNotify)register_free);
  if (r->aor == NULL || *r->aor == '\0')
    {
      answer (event, 400, "Invalid To");
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!parse_contacts (self, r))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The in-memory location answers at once: skip the round trips */
  if (SIP_SIMPLE_IS_MEMORY_LOCATION (self->location))
    {
      SipSimpleMemoryLocation *memory = SIP_SIMPLE_MEMORY_LOCATION (self->location);
      g_autoptr (GPtrArray) current = sip_simple_memory_location_lookup (memory, r->aor);

      if (r->query)
        answer_bindings (event, current);
      else if (check_order (r, current))
        {
          GError *failure = NULL;
          g_autoptr (GPtrArray) after = sip_simple_memory_location_update (
              memory, r->aor, r->changes, r->wildcard, &failure);
          if (after == NULL)
            {
              location_failed (task, r, failure);
              return;
            }
          answer_bindings (event, after);
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  sip_simple_location_lookup_async (self->location, r->aor, cancellable, looked_up,
                                    g_object_ref (task));
}

/**
 * sip_simple_registrar_handle_finish:
 * @self: a registrar
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Registrar.handle_async].
 *
 * Returns: %TRUE when the REGISTER was answered as RFC 3261 says (with
 *   `200` or a refusal); %FALSE with @error when the location service
 *   failed (the request got `503` with `Retry-After` when the service
 *   could not be reached — a #GIOError such as
 *   %G_IO_ERROR_NOT_CONNECTED or %G_IO_ERROR_TIMED_OUT —, `500` for any
 *   other failure) or the event could not be answered
 *
 * Since: 0.1
 */
gboolean
sip_simple_registrar_handle_finish (SipSimpleRegistrar *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- properties ------------------------------------------------------------------ */

/**
 * sip_simple_registrar_new:
 * @location: where to keep the bindings
 *
 * Creates a new registrar.
 *
 * Returns: (transfer full): a new registrar
 *
 * Since: 0.1
 */
SipSimpleRegistrar *
sip_simple_registrar_new (SipSimpleLocation *location)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOCATION (location), NULL);
  return g_object_new (SIP_SIMPLE_TYPE_REGISTRAR, "location", location, NULL);
}

/**
 * sip_simple_registrar_get_location:
 * @self: a registrar
 *
 * Gets the location service.
 *
 * Returns: (transfer none): the location service
 *
 * Since: 0.1
 */
SipSimpleLocation *
sip_simple_registrar_get_location (SipSimpleRegistrar *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRAR (self), NULL);
  return self->location;
}

/**
 * sip_simple_registrar_get_min_expires:
 * @self: a registrar
 *
 * Gets the shortest binding lifetime accepted, in seconds.
 *
 * Returns: the shortest binding lifetime accepted, in seconds
 *
 * Since: 0.1
 */
guint
sip_simple_registrar_get_min_expires (SipSimpleRegistrar *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRAR (self), 0);
  return self->min_expires;
}

/**
 * sip_simple_registrar_set_min_expires:
 * @self: a registrar
 * @seconds: the shortest lifetime accepted, 0 for no limit
 *
 * Shorter registrations get `423 Interval Too Brief`.
 *
 * Since: 0.1
 */
void
sip_simple_registrar_set_min_expires (SipSimpleRegistrar *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRAR (self));
  if (self->min_expires == seconds)
    return;
  self->min_expires = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_EXPIRES]);
}

/**
 * sip_simple_registrar_get_max_expires:
 * @self: a registrar
 *
 * Gets the longest binding lifetime granted, in seconds (0: no limit).
 *
 * Returns: the longest binding lifetime granted, in seconds (0: no limit)
 *
 * Since: 0.1
 */
guint
sip_simple_registrar_get_max_expires (SipSimpleRegistrar *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRAR (self), 0);
  return self->max_expires;
}

/**
 * sip_simple_registrar_set_max_expires:
 * @self: a registrar
 * @seconds: the longest lifetime granted, 0 for no limit
 *
 * Longer registrations are shortened to this.
 *
 * Since: 0.1
 */
void
sip_simple_registrar_set_max_expires (SipSimpleRegistrar *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRAR (self));
  if (self->max_expires == seconds)
    return;
  self->max_expires = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_EXPIRES]);
}

/**
 * sip_simple_registrar_get_default_expires:
 * @self: a registrar
 *
 * Gets the lifetime of a contact whose REGISTER does not say.
 *
 * Returns: the lifetime of a contact whose REGISTER does not say
 *
 * Since: 0.1
 */
guint
sip_simple_registrar_get_default_expires (SipSimpleRegistrar *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REGISTRAR (self), 0);
  return self->default_expires;
}

/**
 * sip_simple_registrar_set_default_expires:
 * @self: a registrar
 * @seconds: a lifetime
 *
 * Sets the lifetime of contacts whose REGISTER gives none.
 *
 * Since: 0.1
 */
void
sip_simple_registrar_set_default_expires (SipSimpleRegistrar *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_REGISTRAR (self));
  if (self->default_expires == seconds)
    return;
  self->default_expires = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_EXPIRES]);
}

static void
sip_simple_registrar_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  SipSimpleRegistrar *self = SIP_SIMPLE_REGISTRAR (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      self->location = g_value_dup_object (value);
      break;
    case PROP_MIN_EXPIRES:
      sip_simple_registrar_set_min_expires (self, g_value_get_uint (value));
      break;
    case PROP_MAX_EXPIRES:
      sip_simple_registrar_set_max_expires (self, g_value_get_uint (value));
      break;
    case PROP_DEFAULT_EXPIRES:
      sip_simple_registrar_set_default_expires (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_registrar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleRegistrar *self = SIP_SIMPLE_REGISTRAR (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;
    case PROP_MIN_EXPIRES:
      g_value_set_uint (value, self->min_expires);
      break;
    case PROP_MAX_EXPIRES:
      g_value_set_uint (value, self->max_expires);
      break;
    case PROP_DEFAULT_EXPIRES:
      g_value_set_uint (value, self->default_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_registrar_dispose (GObject *object)
{
  SipSimpleRegistrar *self = SIP_SIMPLE_REGISTRAR (object);

  g_clear_object (&self->location);
  G_OBJECT_CLASS (sip_simple_registrar_parent_class)->dispose (object);
}

static void
sip_simple_registrar_class_init (SipSimpleRegistrarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = sip_simple_registrar_set_property;
  object_class->get_property = sip_simple_registrar_get_property;
  object_class->dispose = sip_simple_registrar_dispose;

  /**
   * SipSimpleRegistrar:location:
   *
   * Where the bindings are kept.
   *
   * Since: 0.1
   */
  properties[PROP_LOCATION]
      = g_param_spec_object ("location", NULL, "Location service", SIP_SIMPLE_TYPE_LOCATION,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistrar:min-expires:
   *
   * The shortest registration accepted, in seconds (0: no limit).
   *
   * Since: 0.1
   */
  properties[PROP_MIN_EXPIRES] = g_param_spec_uint (
      "min-expires", NULL, "Shortest lifetime accepted (s)", 0, G_MAXUINT32, 60,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistrar:max-expires:
   *
   * The longest registration granted, in seconds (0: no limit).
   *
   * Since: 0.1
   */
  properties[PROP_MAX_EXPIRES]
      = g_param_spec_uint ("max-expires", NULL, "Longest lifetime granted (s)", 0, G_MAXUINT32, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRegistrar:default-expires:
   *
   * The lifetime of a contact whose REGISTER gives none, in seconds.
   *
   * Since: 0.1
   */
  properties[PROP_DEFAULT_EXPIRES] = g_param_spec_uint (
      "default-expires", NULL, "Lifetime when none is given (s)", 1, G_MAXUINT32, 3600,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_registrar_init (SipSimpleRegistrar *self)
{
  self->min_expires = 60;
  self->default_expires = 3600;
}
