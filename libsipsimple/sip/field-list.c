/* libsipsimple - lists of named header fields (see field-list-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "field-list-private.h"

static const char *
name_at (GPtrArray *fields, guint i)
{
  /* every field struct starts with its name */
  return *(char *const *)fields->pdata[i];
}

int
sip_simple_field_list_find (GPtrArray *fields, const char *name, guint from,
                            SipSimpleSameNameFunc same)
{
  for (guint i = from; i < fields->len; i++)
    if (same (name_at (fields, i), name))
      return (int)i;
  return -1;
}

int
sip_simple_field_list_keep_first (GPtrArray *fields, const char *name, SipSimpleSameNameFunc same)
{
  int i = sip_simple_field_list_find (fields, name, 0, same);
  int dup;

  if (i < 0)
    return -1;
  while ((dup = sip_simple_field_list_find (fields, name, i + 1, same)) >= 0)
    g_ptr_array_remove_index (fields, dup);
  return i;
}

guint
sip_simple_field_list_remove (GPtrArray *fields, const char *name, SipSimpleSameNameFunc same)
{
  guint removed = 0;
  int   i;

  while ((i = sip_simple_field_list_find (fields, name, 0, same)) >= 0)
    {
      g_ptr_array_remove_index (fields, i);
      removed++;
    }
  return removed;
}

GStrv
sip_simple_field_list_values (GPtrArray *fields, const char *name, SipSimpleSameNameFunc same,
                              char *(*value) (gconstpointer field))
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv         values;
  int           i = -1;

  while ((i = sip_simple_field_list_find (fields, name, i + 1, same)) >= 0)
    {
      g_autofree char *v = value (fields->pdata[i]);

      g_strv_builder_add (builder, v);
    }
  values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return values;
}

GStrv
sip_simple_field_list_names (GPtrArray *fields, SipSimpleSameNameFunc same)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv         names;

  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = name_at (fields, i);

      if (sip_simple_field_list_find (fields, name, 0, same) == (int)i)
        g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}
