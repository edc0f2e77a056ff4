/* libsipsimple - persistent GObject properties (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/storage.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/* Put on a property (with G_PARAM_READWRITE, not construct-only) that must
 * be kept in the storage the object is bound to. The key is the property
 * name. Supported types and how they are stored:
 *
 *   gboolean b; int i; uint u; int64 and long x; uint64 and ulong t;
 *   double and float d; string ms (NULL is "nothing");
 *   strv as (NULL is stored as the empty list and comes back as one);
 *   enum s (the value's nick); flags as (the nicks of the set bits);
 *   GVariant: the value itself, of the property's type.
 *
 * When reading, integer properties accept any GVariant integer type whose
 * value fits, double properties also accept integers and string properties
 * also accept a plain s, so that hand-edited values such as "port=5060"
 * work. Values outside the property's range are errors.
 *
 * Defaults: whatever is set is stored, even when it equals the property's
 * default, so an explicit choice survives a later change of the default.
 * Properties that were never set are not written, except by
 * sip_simple_config_save_all(). */
#define SIP_SIMPLE_PARAM_PERSISTENT (1 << G_PARAM_USER_SHIFT)

/* Sets every persistent property of @object that @storage has a value for
 * in @group, then saves each persistent property on its "notify" (failures
 * are logged as warnings). Checks every stored value before setting any: a
 * value of the wrong type, out of range or an unknown enum/flags nick is a
 * SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA naming group, key and value, and
 * then nothing is set and an earlier binding stays. Replaces an earlier
 * binding on success. The binding keeps a reference to @storage and ends
 * with sip_simple_config_unbind() or when @object is finalized. */
gboolean  sip_simple_config_bind       (GObject           *object,
                                        SipSimpleStorage  *storage,
                                        const char        *group,
                                        GError           **error);

/* Stops saving @object's properties; does nothing if it is not bound. */
void      sip_simple_config_unbind     (GObject           *object);

/* Writes every persistent property of a bound @object now, defaults
 * included; stops at the first error. */
gboolean  sip_simple_config_save_all   (GObject           *object,
                                        GError           **error);

/* The storage and group @object is bound to, or FALSE if it is not. */
gboolean  sip_simple_config_get_binding (GObject           *object,
                                         SipSimpleStorage **storage,
                                         const char       **group);

G_END_DECLS
