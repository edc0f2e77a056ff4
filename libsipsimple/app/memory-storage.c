/* libsipsimple - SipSimpleMemoryStorage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/memory-storage.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/storage.h>
#include "storage-private.h"

#include <string.h>

/**
 * SipSimpleMemoryStorage:
 *
 * A [iface@Storage] that keeps its values in memory only: everything is
 * gone when the object is. For tests, and for applications that keep their
 * configuration somewhere else and fill the storage themselves.
 * [method@Storage.load] and [method@Storage.flush] do nothing and never
 * fail; lists of groups and keys come out sorted.
 *
 * Since: 0.1
 */

struct _SipSimpleMemoryStorage
{
  GObject parent_instance;

  /* group name -> (key name -> GVariant) */
  GHashTable *groups;
};

static void sip_simple_memory_storage_storage_init (SipSimpleStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleMemoryStorage, sip_simple_memory_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_STORAGE,
                                                      sip_simple_memory_storage_storage_init))

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GStrv
sorted_keys (GHashTable *table)
{
  GStrv keys = (GStrv) g_hash_table_get_keys_as_array (table, NULL);

  /* The array holds the table's own strings: copy them. */
  for (char **p = keys; *p != NULL; p++)
    *p = g_strdup (*p);
  g_qsort_with_data (keys, g_strv_length (keys), sizeof (char *),
                     compare_names, NULL);
  return keys;
}

static GStrv
memory_storage_list_groups (SipSimpleStorage *storage)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);

  return sorted_keys (self->groups);
}

static GStrv
memory_storage_list_keys (SipSimpleStorage *storage,
                          const char       *group)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);
  GHashTable *keys = g_hash_table_lookup (self->groups, group);

  return keys != NULL ? sorted_keys (keys) : g_new0 (char *, 1);
}

static GVariant *
memory_storage_get (SipSimpleStorage *storage,
                          const char       *group,
                          const char       *key)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);
  GHashTable *keys = g_hash_table_lookup (self->groups, group);
  GVariant *value = keys != NULL ? g_hash_table_lookup (keys, key) : NULL;

  return value != NULL ? g_variant_ref (value) : NULL;
}

static gboolean
memory_storage_set (SipSimpleStorage  *storage,
                          const char        *group,
                          const char        *key,
                          GVariant          *value,
                          GError           **error)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);
  GHashTable *keys = g_hash_table_lookup (self->groups, group);
  GVariant *old;

  if (keys == NULL)
    {
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_variant_unref);
      g_hash_table_insert (self->groups, g_strdup (group), keys);
    }

  old = g_hash_table_lookup (keys, key);
  if (old != NULL && g_variant_equal (old, value))
    return TRUE;

  g_hash_table_insert (keys, g_strdup (key), g_variant_ref (value));
  sip_simple_storage_emit_changed (storage, group, key);
  return TRUE;
}

static gboolean
memory_storage_remove_key (SipSimpleStorage  *storage,
                           const char        *group,
                           const char        *key,
                           GError           **error)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);
  GHashTable *keys = g_hash_table_lookup (self->groups, group);

  if (keys == NULL || !g_hash_table_remove (keys, key))
    return sip_simple_storage_no_key (error, group, key);

  if (g_hash_table_size (keys) == 0)
    g_hash_table_remove (self->groups, group);

  sip_simple_storage_emit_changed (storage, group, key);
  return TRUE;
}

static gboolean
memory_storage_remove_group (SipSimpleStorage  *storage,
                             const char        *group,
                             GError           **error)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (storage);
  g_autoptr(GHashTable) keys = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *group_name = NULL;

  if (!g_hash_table_steal_extended (self->groups, group,
                                    (gpointer *) &group_name, (gpointer *) &keys))
    return sip_simple_storage_no_group (error, group);

  /* Handlers may look at the storage: the group is gone before they run. */
  names = sorted_keys (keys);
  for (char **p = names; *p != NULL; p++)
    sip_simple_storage_emit_changed (storage, group_name, *p);
  return TRUE;
}

static void
sip_simple_memory_storage_storage_init (SipSimpleStorageInterface *iface)
{
  iface->list_groups = memory_storage_list_groups;
  iface->list_keys = memory_storage_list_keys;
  iface->get = memory_storage_get;
  iface->set = memory_storage_set;
  iface->remove_key = memory_storage_remove_key;
  iface->remove_group = memory_storage_remove_group;
}

static void
sip_simple_memory_storage_finalize (GObject *object)
{
  SipSimpleMemoryStorage *self = SIP_SIMPLE_MEMORY_STORAGE (object);

  g_hash_table_unref (self->groups);

  G_OBJECT_CLASS (sip_simple_memory_storage_parent_class)->finalize (object);
}

static void
sip_simple_memory_storage_class_init (SipSimpleMemoryStorageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_memory_storage_finalize;
}

static void
sip_simple_memory_storage_init (SipSimpleMemoryStorage *self)
{
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
}

/**
 * sip_simple_memory_storage_new:
 *
 * Creates an empty storage that keeps its values in memory.
 *
 * Returns: (transfer full): a new #SipSimpleMemoryStorage
 *
 * Since: 0.1
 */
SipSimpleMemoryStorage *
sip_simple_memory_storage_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_MEMORY_STORAGE, NULL);
}
