/* libsipsimple - SipSimpleBinding
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/binding.h>
#include <sipsimple/sip/uri.h>

/**
 * SipSimpleBinding:
 *
 * One contact bound to an address-of-record (RFC 3261 section 10): the
 * contact URI, when the binding expires, its q-value, the Call-ID and CSeq
 * of the REGISTER that made it (for the ordering rules of section 10.3),
 * the Path (RFC 3327) and the address the REGISTER came from.
 *
 * The expiry is an absolute wall-clock time in seconds since the Unix
 * epoch, so that bindings mean the same to every server instance that
 * shares a [iface@SipSimple.Location] backend.
 *
 * The received address is where requests for the contact are sent when it
 * is set (the contact may name a private address or a TCP port nobody
 * listens on): a `sip:` URI such as `sip:192.0.2.7:5060;transport=tcp`.
 *
 * A #SipSimpleBinding is mutable and reference counted. A location service
 * keeps its own copies; change one you got from a lookup and store it
 * again to change the location.
 *
 * Since: 0.1
 */
struct _SipSimpleBinding
{
  gatomicrefcount ref_count;
  SipSimpleUri   *contact;
  gint64          expires_at;
  gdouble         q; /* < 0: not given */
  char           *call_id;
  guint32         cseq;
  GStrv           path;
  char           *received;
  char           *user_agent;
};

G_DEFINE_BOXED_TYPE (SipSimpleBinding, sip_simple_binding, sip_simple_binding_ref,
                     sip_simple_binding_unref)

/**
 * sip_simple_binding_new:
 * @contact: the contact URI
 *
 * Makes a binding of @contact that expires now; set its expiry with
 * [method@SipSimple.Binding.set_expires].
 *
 * Returns: (transfer full): a new binding
 *
 * Since: 0.1
 */
SipSimpleBinding *
sip_simple_binding_new (SipSimpleUri *contact)
{
  SipSimpleBinding *self;

  g_return_val_if_fail (contact != NULL, NULL);
  self = g_new0 (SipSimpleBinding, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->contact = sip_simple_uri_ref (contact);
  self->expires_at = g_get_real_time () / G_USEC_PER_SEC;
  self->q = -1;
  return self;
}

/**
 * sip_simple_binding_ref:
 * @self: a binding
 *
 * Takes a reference on a binding.
 *
 * Returns: (transfer full): @self, with one more reference
 *
 * Since: 0.1
 */
SipSimpleBinding *
sip_simple_binding_ref (SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_binding_unref:
 * @self: (transfer full): a binding
 *
 * Drops a reference; the last one frees the binding.
 *
 * Since: 0.1
 */
void
sip_simple_binding_unref (SipSimpleBinding *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  sip_simple_uri_unref (self->contact);
  g_free (self->call_id);
  g_strfreev (self->path);
  g_free (self->received);
  g_free (self->user_agent);
  g_free (self);
}

/**
 * sip_simple_binding_copy:
 * @self: a binding
 *
 * Makes a deep copy of a binding.
 *
 * Returns: (transfer full): a deep copy of @self
 *
 * Since: 0.1
 */
SipSimpleBinding *
sip_simple_binding_copy (const SipSimpleBinding *self)
{
  SipSimpleBinding *copy;
  g_autoptr (SipSimpleUri) contact = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  contact = sip_simple_uri_copy (self->contact);
  copy = sip_simple_binding_new (contact);
  copy->expires_at = self->expires_at;
  copy->q = self->q;
  copy->call_id = g_strdup (self->call_id);
  copy->cseq = self->cseq;
  copy->path = g_strdupv (self->path);
  copy->received = g_strdup (self->received);
  copy->user_agent = g_strdup (self->user_agent);
  return copy;
}

/**
 * sip_simple_binding_to_string:
 * @self: a binding
 *
 * The binding as a Contact header value of a registrar's answer:
 * `<sip:alice@192.0.2.4>;expires=3599;q=0.5`.
 *
 * Returns: (transfer full): the Contact value
 *
 * Since: 0.1
 */
char *
sip_simple_binding_to_string (const SipSimpleBinding *self)
{
  g_autofree char *uri = NULL;
  GString         *s;

  g_return_val_if_fail (self != NULL, NULL);
  uri = sip_simple_uri_to_string (self->contact);
  s = g_string_new (NULL);
  g_string_append_printf (s, "<%s>;expires=%u", uri, sip_simple_binding_get_expires (self));
  if (self->q >= 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (s, ";q=%s", g_ascii_formatd (buf, sizeof buf, "%.3g", self->q));
    }
  return g_string_free (s, FALSE);
}

/**
 * sip_simple_binding_get_contact:
 * @self: a binding
 *
 * Gets the contact URI.
 *
 * Returns: (transfer none): the contact URI
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_binding_get_contact (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->contact;
}

/**
 * sip_simple_binding_get_expires_at:
 * @self: a binding
 *
 * Gets when the binding expires, in seconds since the Unix epoch.
 *
 * Returns: when the binding expires, in seconds since the Unix epoch
 *
 * Since: 0.1
 */
gint64
sip_simple_binding_get_expires_at (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expires_at;
}

/**
 * sip_simple_binding_set_expires_at:
 * @self: a binding
 * @expires_at: seconds since the Unix epoch
 *
 * Sets when the binding expires.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_expires_at (SipSimpleBinding *self, gint64 expires_at)
{
  g_return_if_fail (self != NULL);
  self->expires_at = expires_at;
}

/**
 * sip_simple_binding_get_expires:
 * @self: a binding
 *
 * Gets the seconds left until the binding expires (0 once expired).
 *
 * Returns: the seconds left until the binding expires (0 once expired)
 *
 * Since: 0.1
 */
guint
sip_simple_binding_get_expires (const SipSimpleBinding *self)
{
  gint64 left;

  g_return_val_if_fail (self != NULL, 0);
  left = self->expires_at - g_get_real_time () / G_USEC_PER_SEC;
  return left > 0 ? (guint)MIN (left, G_MAXUINT) : 0;
}

/**
 * sip_simple_binding_set_expires:
 * @self: a binding
 * @seconds: seconds from now
 *
 * Makes the binding expire @seconds from now (0: now).
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_expires (SipSimpleBinding *self, guint seconds)
{
  g_return_if_fail (self != NULL);
  self->expires_at = g_get_real_time () / G_USEC_PER_SEC + seconds;
}

/**
 * sip_simple_binding_is_expired:
 * @self: a binding
 *
 * Tells whether the binding's expiry time has come.
 *
 * Returns: %TRUE once the binding's expiry time has come
 *
 * Since: 0.1
 */
gboolean
sip_simple_binding_is_expired (const SipSimpleBinding *self)
{
  return sip_simple_binding_get_expires (self) == 0;
}

/**
 * sip_simple_binding_get_q:
 * @self: a binding
 *
 * Gets the q-value (0 to 1); 1.0 when the contact gave none.
 *
 * Returns: the q-value (0 to 1); 1.0 when the contact gave none
 *
 * Since: 0.1
 */
gdouble
sip_simple_binding_get_q (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->q < 0 ? 1.0 : self->q;
}

/**
 * sip_simple_binding_has_q:
 * @self: a binding
 *
 * Tells whether a q-value was set.
 *
 * Returns: %TRUE if a q-value was set
 *
 * Since: 0.1
 */
gboolean
sip_simple_binding_has_q (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->q >= 0;
}

/**
 * sip_simple_binding_set_q:
 * @self: a binding
 * @q: a q-value from 0 to 1, or a negative number for none
 *
 * Sets the binding's preference: higher q-values are tried first.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_q (SipSimpleBinding *self, gdouble q)
{
  g_return_if_fail (self != NULL);
  self->q = q < 0 ? -1 : MIN (q, 1.0);
}

/**
 * sip_simple_binding_get_call_id:
 * @self: a binding
 *
 * Gets the Call-ID of the REGISTER that made or last refreshed the binding.
 *
 * Returns: (transfer none) (nullable): the Call-ID of the REGISTER that
 *   made or last refreshed the binding
 *
 * Since: 0.1
 */
const char *
sip_simple_binding_get_call_id (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->call_id;
}

/**
 * sip_simple_binding_set_call_id:
 * @self: a binding
 * @call_id: (nullable): a Call-ID
 *
 * Sets the Call-ID of the REGISTER the binding comes from.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_call_id (SipSimpleBinding *self, const char *call_id)
{
  g_return_if_fail (self != NULL);
  g_free (self->call_id);
  self->call_id = g_strdup (call_id);
}

/**
 * sip_simple_binding_get_cseq:
 * @self: a binding
 *
 * Gets the CSeq number of the REGISTER that made or last refreshed the
 * binding.
 *
 * Returns: the CSeq number of the REGISTER that made or last refreshed the
 *   binding
 *
 * Since: 0.1
 */
guint32
sip_simple_binding_get_cseq (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cseq;
}

/**
 * sip_simple_binding_set_cseq:
 * @self: a binding
 * @cseq: a CSeq number
 *
 * Sets the CSeq number of the REGISTER the binding comes from.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_cseq (SipSimpleBinding *self, guint32 cseq)
{
  g_return_if_fail (self != NULL);
  self->cseq = cseq;
}

/**
 * sip_simple_binding_get_path:
 * @self: a binding
 *
 * Gets the Path header values (RFC 3327) the REGISTER carried, topmost first:
 * requests for the contact are routed through them.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the Path
 *   header values (RFC 3327) the REGISTER carried, topmost first: requests
 *   for the contact are routed through them
 *
 * Since: 0.1
 */
const char *const *
sip_simple_binding_get_path (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *)self->path;
}

/**
 * sip_simple_binding_set_path:
 * @self: a binding
 * @path: (nullable) (array zero-terminated=1): Path values, or %NULL
 *
 * Sets the Path of the binding.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_path (SipSimpleBinding *self, const char *const *path)
{
  g_return_if_fail (self != NULL);
  g_strfreev (self->path);
  self->path = path && path[0] ? g_strdupv ((char **)path) : NULL;
}

/**
 * sip_simple_binding_get_received:
 * @self: a binding
 *
 * Gets where the REGISTER came from, as a URI (`sip:IP:PORT;transport=T`);
 * requests for the contact are sent there.
 *
 * Returns: (transfer none) (nullable): where the REGISTER came from, as a
 *   URI (`sip:IP:PORT;transport=T`); requests for the contact are sent
 *   there
 *
 * Since: 0.1
 */
const char *
sip_simple_binding_get_received (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->received;
}

/**
 * sip_simple_binding_set_received:
 * @self: a binding
 * @received: (nullable): a `sip:` URI of the source address, or %NULL
 *
 * Sets the address requests for this contact are sent to.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_received (SipSimpleBinding *self, const char *received)
{
  g_return_if_fail (self != NULL);
  g_free (self->received);
  self->received = g_strdup (received);
}

/**
 * sip_simple_binding_get_user_agent:
 * @self: a binding
 *
 * Gets the User-Agent of the REGISTER.
 *
 * Returns: (transfer none) (nullable): the User-Agent of the REGISTER
 *
 * Since: 0.1
 */
const char *
sip_simple_binding_get_user_agent (const SipSimpleBinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user_agent;
}

/**
 * sip_simple_binding_set_user_agent:
 * @self: a binding
 * @user_agent: (nullable): a User-Agent value
 *
 * Remembers which software registered the contact.
 *
 * Since: 0.1
 */
void
sip_simple_binding_set_user_agent (SipSimpleBinding *self, const char *user_agent)
{
  g_return_if_fail (self != NULL);
  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
}
