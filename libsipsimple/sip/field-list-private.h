/* libsipsimple - lists of named header fields, as SipSimpleHeaders and
 * SipSimpleCpimMessage keep them (private to the sip folder)
 *
 * A list is a GPtrArray (with a free function) of structs whose first
 * member is the field's name (`char *name`). Each kind of list compares
 * names its own way (compact forms for SIP, case only for CPIM): @same
 * tells whether a stored name is @name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*SipSimpleSameNameFunc) (const char *stored,
                                           const char *name);

/* The index of the first field called @name at or after @from, or -1. */
int    sip_simple_field_list_find       (GPtrArray            *fields,
                                         const char           *name,
                                         guint                 from,
                                         SipSimpleSameNameFunc same);
/* Removes the fields called @name but the first; returns the first's
 * index, or -1 when there is none. */
int    sip_simple_field_list_keep_first (GPtrArray            *fields,
                                         const char           *name,
                                         SipSimpleSameNameFunc same);
/* Removes every field called @name; returns how many. */
guint  sip_simple_field_list_remove     (GPtrArray            *fields,
                                         const char           *name,
                                         SipSimpleSameNameFunc same);
/* The values of every field called @name, in order; @value gives a
 * field's value as a new string. */
GStrv  sip_simple_field_list_values     (GPtrArray            *fields,
                                         const char           *name,
                                         SipSimpleSameNameFunc same,
                                         char               *(*value) (gconstpointer field));
/* The distinct names, in the order they first appear. */
GStrv  sip_simple_field_list_names      (GPtrArray            *fields,
                                         SipSimpleSameNameFunc same);

G_END_DECLS
