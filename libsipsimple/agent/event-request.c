/* libsipsimple - SipSimpleEvent: the request as a handler sees it
 *
 * The getters of the request (method, Request-URI, From/To, Contact, Via,
 * any header, body, where it came from) and the changes a handler makes
 * to it before forwarding (Request-URI, headers). Values are made lazily
 * and kept for the event's life.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/sip/via.h>
#include "agent-private.h"
#include "event-private.h"
#include "message-class-private.h"
#include "sip/via-internal.h"

#include <string.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/su_string.h>

/* ---- header text ---------------------------------------------------------- */

gboolean
sip_simple_event_valid_header_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("-.!%*_+`'~", *p))
      return FALSE;
  return TRUE;
}

gboolean
sip_simple_event_valid_header_value (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

gboolean
sip_simple_msg_add_header_text (msg_t *msg, const char *name, const char *value, GError **error)
{
  g_autofree char *line = NULL;

  if (!sip_simple_event_valid_header_name (name) || !sip_simple_event_valid_header_value (value))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Not a valid header: \"%s: %s\"", name ? name : "", value ? value : "");
      return FALSE;
    }
  line = g_strdup_printf ("%s: %s\r\n", name, value);
  if (msg_header_add_str (msg, NULL, line) < 0)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Could not add the header \"%s: %s\"", name, value);
      return FALSE;
    }
  return TRUE;
}

/* ---- the request ------------------------------------------------------- */

/* The text of one header field value, g_malloc'd */
static char *
field_text (const msg_header_t *h)
{
  char     buf[512];
  issize_t n;
  char    *big;

  if (h->sh_class->hc_hash == msg_unknown_hash)
    return g_strdup (h->sh_unknown->un_value ? h->sh_unknown->un_value : "");
  n = msg_header_field_e (buf, sizeof buf, h, 0);
  if (n < 0)
    return g_strdup ("");
  if ((gsize)n < sizeof buf)
    return g_strndup (buf, n);
  big = g_malloc (n + 1);
  msg_header_field_e (big, n + 1, h, 0);
  big[n] = '\0';
  return big;
}

/**
 * sip_simple_event_get_agent:
 * @self: an event
 *
 * Gets the agent that received the request.
 *
 * Returns: (transfer none): the agent that received the request
 *
 * Since: 0.1
 */
SipSimpleAgent *
sip_simple_event_get_agent (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->agent;
}

/**
 * sip_simple_event_get_method:
 * @self: an event
 *
 * Gets the request method, such as `INVITE`.
 *
 * Returns: (transfer none): the request method, such as `INVITE`
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_method (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->sip->sip_request->rq_method_name;
}

/**
 * sip_simple_event_get_uri:
 * @self: an event
 *
 * Gets the Request-URI (as changed by [method@SipSimple.Event.set_uri]), or
 * %NULL if it is not a SIP, SIPS or tel URI.
 *
 * Returns: (transfer none) (nullable): the Request-URI (as changed by
 *   [method@SipSimple.Event.set_uri]), or %NULL if it is not a SIP, SIPS
 *   or tel URI
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_event_get_uri (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->uri == NULL)
    {
      su_home_t home[1] = { SU_HOME_INIT (home) };
      char     *text = url_as_string (home, self->sip->sip_request->rq_url);
      if (text != NULL)
        self->uri = sip_simple_uri_parse (text, NULL);
      su_home_deinit (home);
    }
  return self->uri;
}

/**
 * sip_simple_event_set_uri:
 * @self: an event
 * @uri: the new Request-URI
 *
 * Changes the Request-URI of the request that
 * [method@SipSimple.Event.proxy_async] forwards (when no target is set).
 *
 * Since: 0.1
 */
void
sip_simple_event_set_uri (SipSimpleEvent *self, SipSimpleUri *uri)
{
  g_autofree char *text = NULL;
  sip_request_t   *rq;

  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  g_return_if_fail (uri != NULL);

  text = sip_simple_uri_to_string (uri);
  rq = sip_simple_agent_request_line (msg_home (self->msg), self->sip->sip_request->rq_method,
                                      self->sip->sip_request->rq_method_name, text);
  if (rq == NULL)
    {
      g_warning ("sofia-sip rejected the Request-URI %s", text);
      return;
    }
  msg_header_insert (self->msg, (msg_pub_t *)self->sip, (msg_header_t *)rq);
  g_clear_pointer (&self->uri, sip_simple_uri_unref);
  self->uri = sip_simple_uri_copy (uri);
}

static SipSimpleNameAddr *
name_addr_of (const msg_header_t *h)
{
  g_autofree char *text = NULL;

  if (h == NULL)
    return NULL;
  text = field_text (h);
  return sip_simple_name_addr_parse (text, NULL);
}

/**
 * sip_simple_event_get_from:
 * @self: an event
 *
 * Gets the From header (%NULL only if it does not parse as a name-addr).
 *
 * Returns: (transfer none) (nullable): the From header (%NULL only if it
 *   does not parse as a name-addr)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_event_get_from (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->from == NULL)
    self->from = name_addr_of ((const msg_header_t *)self->sip->sip_from);
  return self->from;
}

/**
 * sip_simple_event_get_to:
 * @self: an event
 *
 * Gets the To header (%NULL only if it does not parse as a name-addr).
 *
 * Returns: (transfer none) (nullable): the To header (%NULL only if it
 *   does not parse as a name-addr)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_event_get_to (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->to == NULL)
    self->to = name_addr_of ((const msg_header_t *)self->sip->sip_to);
  return self->to;
}

/**
 * sip_simple_event_get_contacts:
 * @self: an event
 *
 * The Contact header values; the wildcard `*` of a REGISTER that removes
 * every binding is not among them (see
 * [method@SipSimple.Event.get_header]).
 *
 * Returns: (transfer container) (element-type SipSimpleNameAddr): the
 *   contacts, in order
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_event_get_contacts (SipSimpleEvent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_name_addr_unref);
  for (sip_contact_t *m = self->sip->sip_contact; m; m = m->m_next)
    {
      SipSimpleNameAddr *na;
      if (m->m_url->url_type == url_any)
        continue;
      na = name_addr_of ((const msg_header_t *)m);
      if (na != NULL)
        g_ptr_array_add (out, na);
    }
  return out;
}

/**
 * sip_simple_event_get_vias:
 * @self: an event
 *
 * Gets the Via values, topmost (the previous hop) first; the topmost has
 * `received` and `rport` filled in with the real source address.
 *
 * Returns: (transfer container) (element-type SipSimpleVia): the Via
 *   values, topmost (the previous hop) first; the topmost has `received`
 *   and `rport` filled in with the real source address
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_event_get_vias (SipSimpleEvent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_via_unref);
  for (sip_via_t *v = self->sip->sip_via; v; v = v->v_next)
    g_ptr_array_add (out, sip_simple_via_new_from_sofia (v));
  return out;
}

/**
 * sip_simple_event_get_max_forwards:
 * @self: an event
 *
 * Gets the Max-Forwards value, or -1 when the header is absent.
 *
 * Returns: the Max-Forwards value, or -1 when the header is absent
 *
 * Since: 0.1
 */
gint
sip_simple_event_get_max_forwards (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), -1);
  if (self->sip->sip_max_forwards == NULL)
    return -1;
  return (gint)MIN (self->sip->sip_max_forwards->mf_count, G_MAXINT);
}

/**
 * sip_simple_event_get_expires:
 * @self: an event
 *
 * Gets the Expires header value in seconds, or -1 when absent.
 *
 * Returns: the Expires header value in seconds, or -1 when absent
 *
 * Since: 0.1
 */
gint
sip_simple_event_get_expires (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), -1);
  if (self->sip->sip_expires == NULL)
    return -1;
  return (gint)MIN (self->sip->sip_expires->ex_delta, G_MAXINT);
}

/**
 * sip_simple_event_get_call_id:
 * @self: an event
 *
 * Gets the Call-ID.
 *
 * Returns: (transfer none): the Call-ID
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_call_id (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->sip->sip_call_id ? self->sip->sip_call_id->i_id : "";
}

/**
 * sip_simple_event_get_cseq:
 * @self: an event
 *
 * Gets the CSeq number.
 *
 * Returns: the CSeq number
 *
 * Since: 0.1
 */
guint32
sip_simple_event_get_cseq (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->sip->sip_cseq ? self->sip->sip_cseq->cs_seq : 0;
}

/**
 * sip_simple_event_is_in_dialog:
 * @self: an event
 *
 * Tells whether the request belongs to a dialog (its To header has a tag): a
 * BYE, a re-INVITE, the ACK of a 2xx and so on.
 *
 * Returns: %TRUE if the request belongs to a dialog (its To header has a
 *   tag): a BYE, a re-INVITE, the ACK of a 2xx, ...
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_is_in_dialog (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  return self->sip->sip_to != NULL && self->sip->sip_to->a_tag != NULL;
}

static msg_href_t const *
find_class (SipSimpleEvent *self, const char *name)
{
  return msg_find_hclass (msg_mclass (self->msg), name, NULL);
}

static gboolean
is_unknown (msg_href_t const *hr)
{
  return hr->hr_class->hc_hash == msg_unknown_hash;
}

static msg_header_t **
header_slot (SipSimpleEvent *self, msg_href_t const *hr)
{
  return (msg_header_t **)((char *)self->sip + hr->hr_offset);
}

static gboolean
unknown_matches (const msg_header_t *h, const char *name)
{
  return h->sh_unknown->un_name != NULL && su_casematch (h->sh_unknown->un_name, name);
}

/**
 * sip_simple_event_get_header:
 * @self: an event
 * @name: a header name, any case, full or compact (`Contact` or `m`)
 *
 * Returns the first value of a header. Headers whose values are lists
 * (Via, Contact, Route, Supported, ...) give their first element.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_header (SipSimpleEvent *self, const char *name)
{
  msg_href_t const *hr;
  msg_header_t     *h;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  hr = find_class (self, name);
  if (hr == NULL)
    return NULL;
  for (h = *header_slot (self, hr); h; h = h->sh_next)
    if (!is_unknown (hr) || unknown_matches (h, name))
      {
        g_autofree char *text = field_text (h);
        return sip_simple_event_keep (self, text);
      }
  return NULL;
}

/**
 * sip_simple_event_get_header_all:
 * @self: an event
 * @name: a header name, any case, full or compact
 *
 * Gets every value of a header field of the request, in order (list headers
 * split into their elements); empty when the header is absent.
 *
 * Returns: (transfer full): every value of the header, in order (list
 *   headers split into their elements); empty when absent
 *
 * Since: 0.1
 */
GStrv
sip_simple_event_get_header_all (SipSimpleEvent *self, const char *name)
{
  GPtrArray        *out;
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  out = g_ptr_array_new ();
  hr = find_class (self, name);
  if (hr != NULL)
    for (msg_header_t *h = *header_slot (self, hr); h; h = h->sh_next)
      if (!is_unknown (hr) || unknown_matches (h, name))
        g_ptr_array_add (out, field_text (h));
  g_ptr_array_add (out, NULL);
  return (GStrv)g_ptr_array_free (out, FALSE);
}

/**
 * sip_simple_event_get_headers:
 * @self: an event
 *
 * Gets a copy of all header fields of the request, in order.
 *
 * Returns: (transfer full): a copy of all header fields of the request,
 *   in order
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_event_get_headers (SipSimpleEvent *self)
{
  SipSimpleHeaders *headers;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  headers = sip_simple_headers_new ();
  for (msg_header_t *h = *msg_chain_head (self->msg); h; h = h->sh_succ)
    {
      const char      *name;
      g_autofree char *value = NULL;

      if (sip_simple_hclass_is_request (h->sh_class) || h->sh_class == sip_separator_class
          || h->sh_class == sip_payload_class || h->sh_class == sip_error_class)
        continue;
      name = h->sh_class->hc_hash == msg_unknown_hash ? h->sh_unknown->un_name
                                                      : h->sh_class->hc_name;
      if (name == NULL)
        continue;
      value = field_text (h);
      sip_simple_headers_append (headers, name, value, NULL);
    }
  return headers;
}

static gboolean
is_protected (SipSimpleEvent *self, msg_href_t const *hr, GError **error)
{
  msg_hclass_t const *hc = hr->hr_class;

  if (hc == sip_via_class || hc == sip_from_class || hc == sip_to_class || hc == sip_call_id_class
      || hc == sip_cseq_class || hc == sip_content_length_class
      || sip_simple_hclass_is_request (hc))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                   "The %s header identifies the transaction and cannot be changed", hc->hc_name);
      return TRUE;
    }
  return FALSE;
}

/**
 * sip_simple_event_add_header:
 * @self: an event
 * @name: a header name
 * @value: its value
 * @error: return location for a #GError
 *
 * Appends a header field to the request (for
 * [method@SipSimple.Event.proxy_async] to forward). The transaction
 * headers (Via, From, To, Call-ID, CSeq, Content-Length) cannot be
 * changed.
 *
 * Returns: %TRUE if the header was added
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_add_header (SipSimpleEvent *self, const char *name, const char *value,
                             GError **error)
{
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  hr = sip_simple_event_valid_header_name (name) ? find_class (self, name) : NULL;
  if (hr == NULL)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Not a header name: \"%s\"", name);
      return FALSE;
    }
  if (is_protected (self, hr, error))
    return FALSE;
  if (!is_unknown (hr))
    {
      if (!sip_simple_event_valid_header_value (value)
          || msg_header_add_make (self->msg, (msg_pub_t *)self->sip, hr->hr_class, value) < 0)
        {
          g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                       "Not a valid %s value: \"%s\"", hr->hr_class->hc_name, value);
          return FALSE;
        }
      return TRUE;
    }
  return sip_simple_msg_add_header_text (self->msg, name, value, error);
}

/**
 * sip_simple_event_remove_header:
 * @self: an event
 * @name: a header name, any case, full or compact
 *
 * Removes every field of a header from the request. The transaction
 * headers cannot be removed.
 *
 * Returns: how many header values were removed
 *
 * Since: 0.1
 */
guint
sip_simple_event_remove_header (SipSimpleEvent *self, const char *name)
{
  msg_href_t const *hr;
  msg_header_t    **slot, *h, *next;
  guint             removed = 0;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  hr = find_class (self, name);
  if (hr == NULL || is_protected (self, hr, NULL))
    return 0;
  slot = header_slot (self, hr);
  for (h = *slot; h; h = next)
    {
      next = h->sh_next;
      if (is_unknown (hr) && !unknown_matches (h, name))
        continue;
      if (msg_header_remove (self->msg, (msg_pub_t *)self->sip, h) == 0)
        removed++;
    }
  if (hr->hr_class == sip_payload_class || hr->hr_class == sip_content_type_class)
    {
      g_clear_pointer (&self->body, g_bytes_unref);
      g_clear_pointer (&self->content_type, g_free);
    }
  return removed;
}

/**
 * sip_simple_event_set_header:
 * @self: an event
 * @name: a header name
 * @value: its value
 * @error: return location for a #GError
 *
 * Replaces every field of a header with one holding @value.
 *
 * Returns: %TRUE if the header was set
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_set_header (SipSimpleEvent *self, const char *name, const char *value,
                             GError **error)
{
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  hr = sip_simple_event_valid_header_name (name) ? find_class (self, name) : NULL;
  if (hr != NULL && is_protected (self, hr, error))
    return FALSE;
  if (!sip_simple_event_valid_header_value (value))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "A header value cannot hold line breaks");
      return FALSE;
    }
  sip_simple_event_remove_header (self, name);
  return sip_simple_event_add_header (self, name, value, error);
}

/**
 * sip_simple_event_get_body:
 * @self: an event
 *
 * Gets the message body (empty when there is none).
 *
 * Returns: (transfer none): the message body (empty when there is none)
 *
 * Since: 0.1
 */
GBytes *
sip_simple_event_get_body (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->body == NULL)
    {
      sip_payload_t *pl = self->sip->sip_payload;
      self->body = pl ? g_bytes_new (pl->pl_data, pl->pl_len) : g_bytes_new (NULL, 0);
    }
  return self->body;
}

/**
 * sip_simple_event_get_content_type:
 * @self: an event
 *
 * Gets the Content-Type of the body.
 *
 * Returns: (transfer none) (nullable): the Content-Type of the body
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_content_type (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->content_type == NULL && self->sip->sip_content_type != NULL)
    self->content_type = field_text ((const msg_header_t *)self->sip->sip_content_type);
  return self->content_type;
}

/**
 * sip_simple_event_get_transport:
 * @self: an event
 *
 * Gets the transport the request came over.
 *
 * Returns: the transport the request came over
 *
 * Since: 0.1
 */
SipSimpleTransport
sip_simple_event_get_transport (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), SIP_SIMPLE_TRANSPORT_UDP);
  return self->transport;
}

/**
 * sip_simple_event_get_source_address:
 * @self: an event
 *
 * Gets the IP address the request came from.
 *
 * Returns: (transfer none): the IP address the request came from
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_source_address (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->source_address;
}

/**
 * sip_simple_event_get_source_port:
 * @self: an event
 *
 * Gets the port the request came from.
 *
 * Returns: the port the request came from
 *
 * Since: 0.1
 */
guint
sip_simple_event_get_source_port (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->source_port;
}

/**
 * sip_simple_event_get_source_uri:
 * @self: an event
 *
 * Where the request came from as a URI that reaches that address again,
 * such as `sip:192.0.2.4:5060;transport=tcp` (over TCP and TLS: the same
 * connection, while it is open). A registrar stores it as the binding's
 * received address.
 *
 * Returns: (transfer full): the source URI
 *
 * Since: 0.1
 */
char *
sip_simple_event_get_source_uri (SipSimpleEvent *self)
{
  gboolean v6;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  v6 = strchr (self->source_address, ':') != NULL;
  return g_strdup_printf ("sip:%s%s%s:%u;transport=%s", v6 ? "[" : "", self->source_address,
                          v6 ? "]" : "", self->source_port,
                          sip_simple_transport_to_string (self->transport));
}

/**
 * sip_simple_event_to_string:
 * @self: an event
 *
 * Serializes the whole request as text (as changed by the handler).
 *
 * Returns: (transfer full): the whole request as text (as changed by the
 *   handler)
 *
 * Since: 0.1
 */
char *
sip_simple_event_to_string (SipSimpleEvent *self)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  size_t    len = 0;
  char     *s, *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  s = msg_as_string (home, self->msg, (msg_pub_t *)self->sip, 0, &len);
  out = s ? g_strndup (s, len) : g_strdup ("");
  su_home_deinit (home);
  return out;
}

/**
 * sip_simple_event_get_size:
 * @self: an event
 *
 * Gets the size of the request as received, in bytes (start line, headers and
 * body).
 *
 * Returns: the size of the request as received, in bytes (start line,
 *   headers and body)
 *
 * Since: 0.1
 */
gsize
sip_simple_event_get_size (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->size;
}
