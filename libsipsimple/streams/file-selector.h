/* libsipsimple - SipSimpleFileSelector: the file-selector of an SDP offer
 * for a file transfer (RFC 5547 section 5)
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

/**
 * SIP_SIMPLE_TYPE_FILE_SELECTOR:
 *
 * The #GType of #SipSimpleFileSelector.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_FILE_SELECTOR (sip_simple_file_selector_get_type ())

typedef struct _SipSimpleFileSelector SipSimpleFileSelector;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType                  sip_simple_file_selector_get_type     (void) G_GNUC_CONST;
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileSelector *sip_simple_file_selector_new          (const char                  *name,
                                                              gint64                       size,
                                                              const char                  *content_type,
                                                              const char                  *hash);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileSelector *sip_simple_file_selector_parse        (const char                  *text,
                                                              GError                     **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileSelector *sip_simple_file_selector_ref          (SipSimpleFileSelector       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                   sip_simple_file_selector_unref        (SipSimpleFileSelector       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                  *sip_simple_file_selector_to_string    (const SipSimpleFileSelector *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char            *sip_simple_file_selector_get_name     (const SipSimpleFileSelector *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gint64                 sip_simple_file_selector_get_size     (const SipSimpleFileSelector *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char            *sip_simple_file_selector_get_content_type (const SipSimpleFileSelector *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char            *sip_simple_file_selector_get_hash     (const SipSimpleFileSelector *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                  *sip_simple_file_selector_format_sha1  (const guint8                *digest,
                                                              gsize                        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleFileSelector, sip_simple_file_selector_unref)

G_END_DECLS
