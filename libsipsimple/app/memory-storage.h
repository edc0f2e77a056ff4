/* libsipsimple - SipSimpleMemoryStorage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/app/storage.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_MEMORY_STORAGE (sip_simple_memory_storage_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMemoryStorage, sip_simple_memory_storage, SIP_SIMPLE, MEMORY_STORAGE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMemoryStorage *sip_simple_memory_storage_new (void);

G_END_DECLS
