/* libsipsimple - SipSimpleMemoryLocation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/memory-location.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/agent/location.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"

#include <string.h>

/**
 * SipSimpleMemoryLocation:
 *
 * The default [iface@SipSimple.Location]: bindings in a hash table in
 * this process, gone when it exits. Operations finish without waiting;
 * for code that knows it has a memory location,
 * [method@SipSimple.MemoryLocation.lookup] answers synchronously.
 * Expired bindings are never returned, and are dropped from memory by
 * [method@SipSimple.MemoryLocation.purge], which runs once a minute while
 * the main loop runs.
 *
 * Since: 0.1
 */
struct _SipSimpleMemoryLocation
{
  GObject     parent_instance;
  GHashTable *aors; /* char * -> GPtrArray of SipSimpleBinding */
  GSource    *purge;
  guint       max_aors; /* 0: no limit */
  gint64      full_purged; /* when a full location last purged, monotonic µs */
};

enum
{
  PROP_0,
  PROP_MAX_AORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void location_iface_init (SipSimpleLocationInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleMemoryLocation, sip_simple_memory_location, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_LOCATION,
                                                      location_iface_init))

static gint
compare_q (gconstpointer a, gconstpointer b)
{
  gdouble qa = sip_simple_binding_get_q (*(SipSimpleBinding *const *)a);
  gdouble qb = sip_simple_binding_get_q (*(SipSimpleBinding *const *)b);
  return qa > qb ? -1 : qa < qb ? 1 : 0;
}

static gint
compare_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* Call-ID/CSeq ordering (RFC 3261 10.3 step 7) against what is stored:
 * the changes that the stored bindings supersede are left out. */
GPtrArray *
sip_simple_location_in_order_changes (GPtrArray *changes, GPtrArray *stored)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      SipSimpleBinding *c = changes->pdata[i];
      gboolean          keep = TRUE;

      for (guint j = 0; j < stored->len && keep; j++)
        {
          SipSimpleBinding *s = stored->pdata[j];
          if (sip_simple_binding_get_call_id (c) != NULL
              && g_strcmp0 (sip_simple_binding_get_call_id (c), sip_simple_binding_get_call_id (s))
                     == 0
              && sip_simple_binding_get_cseq (c) <= sip_simple_binding_get_cseq (s)
              && sip_simple_uri_equal (sip_simple_binding_get_contact (c),
                                       sip_simple_binding_get_contact (s)))
            keep = FALSE;
        }
      if (keep)
        g_ptr_array_add (out, c);
    }
  return out;
}

/* Copies of the live bindings, highest q first (shared with the other
 * backends: agent-private.h) */
GPtrArray *
sip_simple_location_live_copies (GPtrArray *list)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  gint64     now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      SipSimpleBinding *b = list->pdata[i];
      if (sip_simple_binding_get_expires_at (b) > now)
        g_ptr_array_add (out, sip_simple_binding_copy (b));
    }
  /* a stable sort: equal q-values keep the order they were stored in */
  if (out->len > 1)
    g_ptr_array_sort (out, compare_q);
  return out;
}

/* The update rule of [method@SipSimple.Location.update_async] applied to
 * @list in place (shared with the other backends: agent-private.h) */
void
sip_simple_location_apply (GPtrArray *list, GPtrArray *bindings, gboolean remove_all)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (remove_all)
    g_ptr_array_set_size (list, 0);

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    {
      SipSimpleBinding *b = bindings->pdata[i];
      SipSimpleUri     *contact = sip_simple_binding_get_contact (b);
      gboolean          live = sip_simple_binding_get_expires_at (b) > now;
      guint             j;

      for (j = 0; j < list->len; j++)
        if (sip_simple_uri_equal (sip_simple_binding_get_contact (list->pdata[j]), contact))
          break;
      if (j < list->len)
        {
          if (live)
            {
              sip_simple_binding_unref (list->pdata[j]);
              list->pdata[j] = sip_simple_binding_copy (b);
            }
          else
            g_ptr_array_remove_index (list, j);
        }
      else if (live)
        g_ptr_array_add (list, sip_simple_binding_copy (b));
    }
}

/**
 * sip_simple_memory_location_lookup:
 * @self: a memory location
 * @aor: an address-of-record
 *
 * Looks up @aor synchronously (what the asynchronous lookup of the
 * [iface@SipSimple.Location] interface returns, without waiting).
 *
 * Returns: (transfer container) (element-type SipSimpleBinding): copies of
 *   the unexpired bindings of @aor, highest q-value first
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_memory_location_lookup (SipSimpleMemoryLocation *self, const char *aor)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEMORY_LOCATION (self), NULL);
  g_return_val_if_fail (aor != NULL, NULL);
  return sip_simple_location_live_copies (g_hash_table_lookup (self->aors, aor));
}

GPtrArray *
sip_simple_memory_location_update (SipSimpleMemoryLocation *self, const char *aor,
                                   GPtrArray *bindings, gboolean remove_all, GError **error)
{
  GPtrArray *list = g_hash_table_lookup (self->aors, aor);

  if (list == NULL && self->max_aors > 0 && g_hash_table_size (self->aors) >= self->max_aors)
    {
      /* expired ones may make room; a purge walks every AoR, so under a
       * flood not more than once a second */
      gint64 now = g_get_monotonic_time ();
      if (now - self->full_purged >= G_USEC_PER_SEC)
        {
          self->full_purged = now;
          sip_simple_memory_location_purge (self);
        }
      if (g_hash_table_size (self->aors) >= self->max_aors)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       "The location holds its most addresses-of-record (%u)", self->max_aors);
          return NULL;
        }
    }
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
      g_hash_table_insert (self->aors, g_strdup (aor), list);
    }
  sip_simple_location_apply (list, bindings, remove_all);
  if (list->len == 0)
    {
      g_hash_table_remove (self->aors, aor);
      list = NULL;
    }
  return sip_simple_location_live_copies (list);
}

/**
 * sip_simple_memory_location_get_aors:
 * @self: a memory location
 *
 * Gets the AoRs that have at least one unexpired binding, sorted.
 *
 * Returns: (transfer full): the AoRs that have at least one unexpired
 *   binding, sorted
 *
 * Since: 0.1
 */
GStrv
sip_simple_memory_location_get_aors (SipSimpleMemoryLocation *self)
{
  GPtrArray     *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key, value;
  gint64         now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEMORY_LOCATION (self), NULL);
  g_hash_table_iter_init (&iter, self->aors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;
      for (guint i = 0; i < list->len; i++)
        if (sip_simple_binding_get_expires_at (list->pdata[i]) > now)
          {
            g_ptr_array_add (out, g_strdup (key));
            break;
          }
    }
  g_ptr_array_sort (out, compare_str);
  g_ptr_array_add (out, NULL);
  return (GStrv)g_ptr_array_free (out, FALSE);
}

/**
 * sip_simple_memory_location_purge:
 * @self: a memory location
 *
 * Drops expired bindings from memory (they are never returned anyway).
 *
 * Returns: how many bindings were dropped
 *
 * Since: 0.1
 */
guint
sip_simple_memory_location_purge (SipSimpleMemoryLocation *self)
{
  GHashTableIter iter;
  gpointer       value;
  gint64         now = g_get_real_time () / G_USEC_PER_SEC;
  guint          dropped = 0;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEMORY_LOCATION (self), 0);
  g_hash_table_iter_init (&iter, self->aors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;
      for (guint i = list->len; i-- > 0;)
        if (sip_simple_binding_get_expires_at (list->pdata[i]) <= now)
          {
            g_ptr_array_remove_index (list, i);
            dropped++;
          }
      if (list->len == 0)
        g_hash_table_iter_remove (&iter);
    }
  return dropped;
}

static gboolean
purge_cb (gpointer data)
{
  sip_simple_memory_location_purge (data);
  return G_SOURCE_CONTINUE;
}

/* ---- the interface ----------------------------------------------------- */

static void
memory_lookup_async (SipSimpleLocation *location, const char *aor, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  SipSimpleMemoryLocation *self = SIP_SIMPLE_MEMORY_LOCATION (location);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_lookup_async);
  g_task_return_pointer (task, sip_simple_memory_location_lookup (self, aor),
                         (GDestroyNotify)g_ptr_array_unref);
}

static GPtrArray *
memory_lookup_finish (SipSimpleLocation *location, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, location), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_update_async (SipSimpleLocation *location, const char *aor, GPtrArray *bindings,
                     gboolean remove_all, GCancellable *cancellable, GAsyncReadyCallback callback,
                     gpointer user_data)
{
  SipSimpleMemoryLocation *self = SIP_SIMPLE_MEMORY_LOCATION (location);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  GError                  *error = NULL;
  GPtrArray               *after;

  g_task_set_source_tag (task, memory_update_async);
  after = sip_simple_memory_location_update (self, aor, bindings, remove_all, &error);
  if (after == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, after, (GDestroyNotify)g_ptr_array_unref);
}

static void
location_iface_init (SipSimpleLocationInterface *iface)
{
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->update_async = memory_update_async;
  iface->update_finish = memory_lookup_finish;
}

static void
sip_simple_memory_location_finalize (GObject *object)
{
  SipSimpleMemoryLocation *self = SIP_SIMPLE_MEMORY_LOCATION (object);

  if (self->purge != NULL)
    {
      g_source_destroy (self->purge);
      g_source_unref (self->purge);
    }
  g_hash_table_unref (self->aors);
  G_OBJECT_CLASS (sip_simple_memory_location_parent_class)->finalize (object);
}

static void
sip_simple_memory_location_set_property (GObject *object, guint prop_id, const GValue *value,
                                         GParamSpec *pspec)
{
  SipSimpleMemoryLocation *self = SIP_SIMPLE_MEMORY_LOCATION (object);

  if (prop_id == PROP_MAX_AORS)
    self->max_aors = g_value_get_uint (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sip_simple_memory_location_get_property (GObject *object, guint prop_id, GValue *value,
                                         GParamSpec *pspec)
{
  SipSimpleMemoryLocation *self = SIP_SIMPLE_MEMORY_LOCATION (object);

  if (prop_id == PROP_MAX_AORS)
    g_value_set_uint (value, self->max_aors);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sip_simple_memory_location_class_init (SipSimpleMemoryLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sip_simple_memory_location_finalize;
  object_class->set_property = sip_simple_memory_location_set_property;
  object_class->get_property = sip_simple_memory_location_get_property;

  /**
   * SipSimpleMemoryLocation:max-aors:
   *
   * The most addresses-of-record with bindings the location holds, 0
   * for no limit. A change that would add one more fails with
   * %G_IO_ERROR_NO_SPACE (a registrar answers it `503` with
   * `Retry-After`); the bindings of those already there can always be
   * refreshed. It bounds the memory an open registrar gives to a flood
   * of made-up users (some 600 bytes each).
   *
   * Since: 0.1
   */
  properties[PROP_MAX_AORS] = g_param_spec_uint (
      "max-aors", NULL, "Addresses-of-record held at most (0: no limit)", 0, G_MAXUINT, 0,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_memory_location_init (SipSimpleMemoryLocation *self)
{
  self->aors
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * sip_simple_memory_location_new:
 *
 * Makes an empty in-memory location service. It purges expired bindings
 * every minute from the thread-default main context.
 *
 * Returns: (transfer full): a new memory location
 *
 * Since: 0.1
 */
SipSimpleMemoryLocation *
sip_simple_memory_location_new (void)
{
  SipSimpleMemoryLocation *self = g_object_new (SIP_SIMPLE_TYPE_MEMORY_LOCATION, NULL);

  /* no reference: the source must not keep the location alive */
  self->purge = g_timeout_source_new_seconds (60);
  g_source_set_callback (self->purge, purge_cb, self, NULL);
  g_source_set_name (self->purge, "sipsimple memory location purge");
  g_source_attach (self->purge, g_main_context_get_thread_default ());
  return self;
}
