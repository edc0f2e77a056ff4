/* libsipsimple - SipSimpleLocation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/location.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/sip/uri.h>

/**
 * SipSimpleLocation:
 *
 * A location service (RFC 3261 section 10.2): the contact bindings of
 * each address-of-record (AoR), with their expiry and q-values. A
 * [class@SipSimple.Registrar] fills it from REGISTER requests, a proxy
 * looks targets up in it.
 *
 * An AoR is a string key, by convention what
 * [method@SipSimple.Uri.get_aor] returns for the To URI of a REGISTER
 * (`alice@example.com`): callers normalise, backends compare exactly.
 *
 * Every operation is asynchronous (`_async`/`_finish` with a
 * #GCancellable), so a backend that several server instances share —
 * Redis or PostgreSQL — is a drop-in: it implements the two virtual
 * functions, lookup and update, over its network client. Bindings carry
 * absolute expiry times, which mean the same on every instance. The
 * in-memory backend, [class@SipSimple.MemoryLocation], finishes each
 * operation at once (its callbacks still run from the main loop).
 *
 * [method@SipSimple.Location.update_async] is the one write operation:
 * it applies a set of changes to one AoR all at once, so a backend can
 * make it a single transaction. [method@SipSimple.Location.add_async] and
 * [method@SipSimple.Location.remove_async] are shorthands for it.
 *
 * Since: 0.1
 */

G_DEFINE_INTERFACE (SipSimpleLocation, sip_simple_location, G_TYPE_OBJECT)

static void
sip_simple_location_default_init (SipSimpleLocationInterface *iface)
{
}

/**
 * sip_simple_location_lookup_async:
 * @self: a location service
 * @aor: an address-of-record, such as `alice@example.com`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: data for @callback
 *
 * Looks up the bindings of @aor.
 *
 * Since: 0.1
 */
void
sip_simple_location_lookup_async (SipSimpleLocation *self, const char *aor,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_LOCATION (self));
  g_return_if_fail (aor != NULL);
  SIP_SIMPLE_LOCATION_GET_IFACE (self)->lookup_async (self, aor, cancellable, callback, user_data);
}

/**
 * sip_simple_location_lookup_finish:
 * @self: a location service
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Location.lookup_async].
 *
 * Returns: (transfer container) (element-type SipSimpleBinding): the
 *   unexpired bindings of the AoR, highest q-value first (an empty array
 *   when there are none), or %NULL on error
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_location_lookup_finish (SipSimpleLocation *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOCATION (self), NULL);
  return SIP_SIMPLE_LOCATION_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * sip_simple_location_update_async:
 * @self: a location service
 * @aor: an address-of-record
 * @bindings: (element-type SipSimpleBinding) (nullable): the bindings to
 *   store
 * @remove_all: remove every existing binding of @aor first
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: data for @callback
 *
 * Changes the bindings of @aor, all at once: with @remove_all the AoR's
 * bindings are removed first; then each of @bindings replaces the binding
 * with the same contact URI (compared as RFC 3261 section 19.1.4 says),
 * or is added; a binding that has expired removes the one with its
 * contact instead. The location keeps copies of @bindings.
 *
 * Since: 0.1
 */
void
sip_simple_location_update_async (SipSimpleLocation *self, const char *aor, GPtrArray *bindings,
                                  gboolean remove_all, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_LOCATION (self));
  g_return_if_fail (aor != NULL);
  SIP_SIMPLE_LOCATION_GET_IFACE (self)->update_async (self, aor, bindings, remove_all, cancellable,
                                                      callback, user_data);
}

/**
 * sip_simple_location_update_finish:
 * @self: a location service
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Location.update_async].
 *
 * Returns: (transfer container) (element-type SipSimpleBinding): the
 *   unexpired bindings of the AoR after the change, highest q-value first,
 *   or %NULL on error (then nothing was changed)
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_location_update_finish (SipSimpleLocation *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOCATION (self), NULL);
  return SIP_SIMPLE_LOCATION_GET_IFACE (self)->update_finish (self, result, error);
}

static void
shorthand_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  GError    *error = NULL;
  GPtrArray *bindings;

  bindings = sip_simple_location_update_finish (SIP_SIMPLE_LOCATION (source), result, &error);
  if (bindings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_unref (bindings);
  g_task_return_boolean (task, TRUE);
}

static void
update_one (SipSimpleLocation *self, const char *aor, SipSimpleBinding *binding,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data,
            gpointer tag)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_ptr_array_add (list, binding);
  sip_simple_location_update_async (self, aor, list, FALSE, cancellable, shorthand_done, task);
}

/**
 * sip_simple_location_add_async:
 * @self: a location service
 * @aor: an address-of-record
 * @binding: a binding to add, or to replace the one with its contact
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Stores one binding of @aor (an update with just @binding).
 *
 * Since: 0.1
 */
void
sip_simple_location_add_async (SipSimpleLocation *self, const char *aor, SipSimpleBinding *binding,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_LOCATION (self));
  g_return_if_fail (binding != NULL);
  update_one (self, aor, binding, cancellable, callback, user_data, sip_simple_location_add_async);
}

/**
 * sip_simple_location_add_finish:
 * @self: a location service
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Location.add_async].
 *
 * Returns: %TRUE if the binding was stored
 *
 * Since: 0.1
 */
gboolean
sip_simple_location_add_finish (SipSimpleLocation *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_location_remove_async:
 * @self: a location service
 * @aor: an address-of-record
 * @contact: (nullable): the contact whose binding goes, or %NULL for all
 *   bindings of @aor
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Removes one binding of @aor, or all of them.
 *
 * Since: 0.1
 */
void
sip_simple_location_remove_async (SipSimpleLocation *self, const char *aor, SipSimpleUri *contact,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (SipSimpleBinding) gone = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_LOCATION (self));
  if (contact == NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, sip_simple_location_remove_async);
      sip_simple_location_update_async (self, aor, NULL, TRUE, cancellable, shorthand_done, task);
      return;
    }
  gone = sip_simple_binding_new (contact);
  sip_simple_binding_set_expires_at (gone, 0);
  update_one (self, aor, gone, cancellable, callback, user_data, sip_simple_location_remove_async);
}

/**
 * sip_simple_location_remove_finish:
 * @self: a location service
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Location.remove_async].
 *
 * Returns: %TRUE if the location no longer has the binding(s)
 *
 * Since: 0.1
 */
gboolean
sip_simple_location_remove_finish (SipSimpleLocation *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
