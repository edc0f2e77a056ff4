/* libsipsimple - SipSimpleFileStorage
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

#define SIP_SIMPLE_TYPE_FILE_STORAGE (sip_simple_file_storage_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleFileStorage, sip_simple_file_storage, SIP_SIMPLE, FILE_STORAGE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileStorage *sip_simple_file_storage_new           (const char           *directory);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_file_storage_get_directory (SipSimpleFileStorage *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_file_storage_get_path      (SipSimpleFileStorage *self);

G_END_DECLS
