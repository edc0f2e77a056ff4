/* libsipsimple - SipSimpleStorage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_STORAGE (sip_simple_storage_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (SipSimpleStorage, sip_simple_storage, SIP_SIMPLE, STORAGE, GObject)

/**
 * SipSimpleStorageInterface:
 * @g_iface: the parent interface
 * @list_groups: virtual function for [method@Storage.list_groups]
 * @list_keys: virtual function for [method@Storage.list_keys]
 * @get: virtual function for [method@Storage.get]
 * @set: virtual function for [method@Storage.set]; it receives
 *   a non-floating reference and the names are already checked
 * @remove_key: virtual function for [method@Storage.remove_key]
 * @remove_group: virtual function for [method@Storage.remove_group]
 * @load: virtual function for [method@Storage.load]
 * @flush: virtual function for [method@Storage.flush]
 * @changed: class handler of the [signal@Storage::changed] signal
 *
 * The virtual functions of [iface@Storage]. An implementation emits
 * [signal@Storage::changed] itself, with [method@Storage.emit_changed].
 *
 * Since: 0.1
 */
/**
 * SipSimpleStorageInterface::changed:
 * @self: a storage
 * @group: the group of the value that changed
 * @key: the key of the value that changed
 *
 * The class closure of [signal@SipSimple.Storage::changed].
 *
 * Since: 0.1
 */
struct _SipSimpleStorageInterface
{
  GTypeInterface g_iface;

  GStrv      (*list_groups)  (SipSimpleStorage *self);
  GStrv      (*list_keys)    (SipSimpleStorage *self,
                              const char       *group);
  GVariant * (*get)          (SipSimpleStorage *self,
                              const char       *group,
                              const char       *key);
  gboolean   (*set)          (SipSimpleStorage *self,
                              const char       *group,
                              const char       *key,
                              GVariant         *value,
                              GError          **error);
  gboolean   (*remove_key)   (SipSimpleStorage *self,
                              const char       *group,
                              const char       *key,
                              GError          **error);
  gboolean   (*remove_group) (SipSimpleStorage *self,
                              const char       *group,
                              GError          **error);
  gboolean   (*load)         (SipSimpleStorage *self,
                              GError          **error);
  gboolean   (*flush)        (SipSimpleStorage *self,
                              GError          **error);

  /* signals */
  void       (*changed)      (SipSimpleStorage *self,
                              const char       *group,
                              const char       *key);

  /*< private >*/
  gpointer padding[8];
};

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_is_valid_name (const char        *name);

SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv      sip_simple_storage_list_groups   (SipSimpleStorage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv      sip_simple_storage_list_keys     (SipSimpleStorage  *self,
                                             const char        *group);
SIP_SIMPLE_AVAILABLE_IN_ALL
GVariant  *sip_simple_storage_get           (SipSimpleStorage  *self,
                                             const char        *group,
                                             const char        *key);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_set           (SipSimpleStorage  *self,
                                             const char        *group,
                                             const char        *key,
                                             GVariant          *value,
                                             GError           **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_remove_key    (SipSimpleStorage  *self,
                                             const char        *group,
                                             const char        *key,
                                             GError           **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_remove_group  (SipSimpleStorage  *self,
                                             const char        *group,
                                             GError           **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_load          (SipSimpleStorage  *self,
                                             GError           **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_storage_flush         (SipSimpleStorage  *self,
                                             GError           **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void       sip_simple_storage_emit_changed  (SipSimpleStorage  *self,
                                             const char        *group,
                                             const char        *key);

G_END_DECLS
