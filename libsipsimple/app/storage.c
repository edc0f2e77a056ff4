/* libsipsimple - SipSimpleStorage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/storage.h>
#include <sipsimple/app/app-error.h>
#include "storage-private.h"

#include <string.h>

/**
 * SipSimpleStorage:
 *
 * Where the middleware keeps its configuration: typed values
 * ([struct@GLib.Variant]) under a group and a key, like an INI file.
 * [class@Settings] keeps its properties in the group `settings`; accounts
 * use one group each.
 *
 * Two implementations come with the library: [class@FileStorage], which
 * keeps everything in one file and saves every change before returning,
 * and [class@MemoryStorage], which keeps nothing on disk (tests, and
 * applications that store their configuration elsewhere). An application
 * can implement the interface itself.
 *
 * Group and key names follow [func@Storage.is_valid_name]. Everything runs
 * on the caller's thread; a storage is not thread-safe.
 *
 * Since: 0.1
 */

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_INTERFACE (SipSimpleStorage, sip_simple_storage, G_TYPE_OBJECT)

static void
sip_simple_storage_default_init (SipSimpleStorageInterface *iface)
{
  /**
   * SipSimpleStorage::changed:
   * @self: the storage
   * @group: the group of the value that changed
   * @key: the key of the value that changed
   *
   * Emitted after the value under @group and @key changed: it was set to a
   * different value, it was removed (alone or with its group), or
   * [method@Storage.load] found a different value in the backing store.
   * Setting a value equal to the stored one does not emit it.
   *
   * The signal detail is the group, so an object interested in one group
   * connects to `changed::GROUP`.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  G_STRUCT_OFFSET (SipSimpleStorageInterface, changed),
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
}

/**
 * sip_simple_storage_is_valid_name:
 * @name: (nullable): a group or key name
 *
 * Checks whether @name can be used as a group or key name with every
 * storage. A valid name is non-empty UTF-8 without control characters,
 * without `[`, `]` and `=`, does not start with `#` and does not start or
 * end with white space. Account ids such as `alice@example.com` and
 * property names such as `tls-port` are valid.
 *
 * The storage methods reject invalid names as programming errors; check
 * names that come from users with this function first.
 *
 * Returns: whether @name is a valid group or key name
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_is_valid_name (const char *name)
{
  size_t len;

  if (name == NULL || name[0] == '\0' || name[0] == '#')
    return FALSE;
  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;

  len = strlen (name);
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[len - 1]))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f || c == '[' || c == ']' || c == '=')
        return FALSE;
    }

  return TRUE;
}

/**
 * sip_simple_storage_list_groups:
 * @self: a storage
 *
 * Lists the groups that hold at least one value. A group exists as long as
 * it has a key: removing its last key removes it.
 *
 * Returns: (transfer full): the group names, in no particular order
 *
 * Since: 0.1
 */
GStrv
sip_simple_storage_list_groups (SipSimpleStorage *self)
{
  SipSimpleStorageInterface *iface;
  GStrv groups;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), NULL);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->list_groups != NULL, NULL);

  groups = iface->list_groups (self);
  return groups != NULL ? groups : g_new0 (char *, 1);
}

/**
 * sip_simple_storage_list_keys:
 * @self: a storage
 * @group: a group name
 *
 * Lists the keys of @group.
 *
 * Returns: (transfer full): the key names, in no particular order; empty
 *   if the group does not exist
 *
 * Since: 0.1
 */
GStrv
sip_simple_storage_list_keys (SipSimpleStorage *self,
                              const char       *group)
{
  SipSimpleStorageInterface *iface;
  GStrv keys;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), NULL);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), NULL);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->list_keys != NULL, NULL);

  keys = iface->list_keys (self, group);
  return keys != NULL ? keys : g_new0 (char *, 1);
}

/**
 * sip_simple_storage_get:
 * @self: a storage
 * @group: a group name
 * @key: a key name
 *
 * Gets the value stored under @group and @key, with the type it was
 * stored with.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if there is none
 *
 * Since: 0.1
 */
GVariant *
sip_simple_storage_get (SipSimpleStorage *self,
                              const char       *group,
                              const char       *key)
{
  SipSimpleStorageInterface *iface;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), NULL);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), NULL);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (key), NULL);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->get != NULL, NULL);

  return iface->get (self, group, key);
}

/**
 * sip_simple_storage_set:
 * @self: a storage
 * @group: a group name; the group is created if needed
 * @key: a key name
 * @value: the value; a floating reference is consumed
 * @error: return location for a #GError
 *
 * Stores @value under @group and @key, replacing any previous value (of
 * any type). A storage that has a backing store saves the change before
 * returning; if that fails, the previous value stays and @error is set.
 *
 * Emits [signal@Storage::changed] if the value differs from the previous
 * one.
 *
 * Returns: %TRUE on success, %FALSE with @error set (a
 *   %SIP_SIMPLE_STORAGE_ERROR) otherwise
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_set (SipSimpleStorage  *self,
                              const char        *group,
                              const char        *key,
                              GVariant          *value,
                              GError           **error)
{
  SipSimpleStorageInterface *iface;
  g_autoptr(GVariant) owned = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (key), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->set != NULL, FALSE);

  owned = g_variant_ref_sink (value);
  return iface->set (self, group, key, owned, error);
}

/**
 * sip_simple_storage_remove_key:
 * @self: a storage
 * @group: a group name
 * @key: a key name
 * @error: return location for a #GError
 *
 * Removes the value under @group and @key, and the group with it if it was
 * the group's last key. Saved before returning, as with
 * [method@Storage.set].
 *
 * Returns: %TRUE on success; %FALSE with @error set otherwise, with
 *   %SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND if there is no such key
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_remove_key (SipSimpleStorage  *self,
                               const char        *group,
                               const char        *key,
                               GError           **error)
{
  SipSimpleStorageInterface *iface;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (key), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->remove_key != NULL, FALSE);

  return iface->remove_key (self, group, key, error);
}

/**
 * sip_simple_storage_remove_group:
 * @self: a storage
 * @group: a group name
 * @error: return location for a #GError
 *
 * Removes @group and every value in it, emitting
 * [signal@Storage::changed] once for each key. Saved before returning, as
 * with [method@Storage.set].
 *
 * Returns: %TRUE on success; %FALSE with @error set otherwise, with
 *   %SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND if there is no such group
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_remove_group (SipSimpleStorage  *self,
                                 const char        *group,
                                 GError           **error)
{
  SipSimpleStorageInterface *iface;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  g_return_val_if_fail (iface->remove_group != NULL, FALSE);

  return iface->remove_group (self, group, error);
}

/**
 * sip_simple_storage_load:
 * @self: a storage
 * @error: return location for a #GError
 *
 * Reads the backing store again, replacing what the storage holds, and
 * emits [signal@Storage::changed] for every value that is new, different
 * or gone. Call it once after creating a storage to learn about read
 * errors early. A storage without a backing store does nothing.
 *
 * If the data cannot be read (%SIP_SIMPLE_STORAGE_ERROR_IO) or is
 * malformed (%SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA, the message names the
 * file and line), the storage keeps what it held before.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_load (SipSimpleStorage  *self,
                         GError           **error)
{
  SipSimpleStorageInterface *iface;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  if (iface->load == NULL)
    return TRUE;

  return iface->load (self, error);
}

/**
 * sip_simple_storage_flush:
 * @self: a storage
 * @error: return location for a #GError
 *
 * Writes everything the storage holds to its backing store. The storages
 * of this library save every change as it is made, so this is only needed
 * to rewrite a file that was changed or deleted behind the storage's back,
 * or with implementations that delay writes.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 *
 * Since: 0.1
 */
gboolean
sip_simple_storage_flush (SipSimpleStorage  *self,
                          GError           **error)
{
  SipSimpleStorageInterface *iface;

  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = SIP_SIMPLE_STORAGE_GET_IFACE (self);
  if (iface->flush == NULL)
    return TRUE;

  return iface->flush (self, error);
}

/**
 * sip_simple_storage_emit_changed:
 * @self: a storage
 * @group: the group of the value that changed
 * @key: the key of the value that changed
 *
 * Emits [signal@Storage::changed] with @group as the detail. For
 * implementations of the interface.
 *
 * Since: 0.1
 */
void
sip_simple_storage_emit_changed (SipSimpleStorage *self,
                                 const char       *group,
                                 const char       *key)
{
  g_return_if_fail (SIP_SIMPLE_IS_STORAGE (self));
  g_return_if_fail (group != NULL);
  g_return_if_fail (key != NULL);

  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (group),
                 group, key);
}

gboolean
sip_simple_storage_no_key (GError **error, const char *group, const char *key)
{
  g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND,
               "No value for key “%s” in group “%s”", key, group);
  return FALSE;
}

gboolean
sip_simple_storage_no_group (GError **error, const char *group)
{
  g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND,
               "No group “%s”", group);
  return FALSE;
}
