/* libsipsimple - SipSimpleFileTransferStream: file transfer over MSRP
 * (RFC 5547)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/streams/media-stream.h>
#include <sipsimple/streams/file-selector.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM:
 *
 * The #GType of #SipSimpleFileTransferStream.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM (sip_simple_file_transfer_stream_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleFileTransferStream, sip_simple_file_transfer_stream, SIP_SIMPLE, FILE_TRANSFER_STREAM,
                      GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileTransferStream *sip_simple_file_transfer_stream_new_for_path          (const char                  *path,
                                                                                    const char                  *content_type);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileTransferStream *sip_simple_file_transfer_stream_new_for_request       (SipSimpleFileSelector       *selector);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                         sip_simple_file_transfer_stream_set_source_path       (SipSimpleFileTransferStream *self,
                                                                                    const char                  *path,
                                                                                    const char                  *content_type);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                         sip_simple_file_transfer_stream_set_destination_path  (SipSimpleFileTransferStream *self,
                                                                                    const char                  *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                         sip_simple_file_transfer_stream_set_destination_stream (SipSimpleFileTransferStream *self,
                                                                                    GOutputStream               *stream);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                         sip_simple_file_transfer_stream_set_range_start       (SipSimpleFileTransferStream *self,
                                                                                    guint64                      offset);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint64                      sip_simple_file_transfer_stream_get_range_start       (SipSimpleFileTransferStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleFileSelector       *sip_simple_file_transfer_stream_get_file_selector     (SipSimpleFileTransferStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                     sip_simple_file_transfer_stream_get_sending           (SipSimpleFileTransferStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint64                      sip_simple_file_transfer_stream_get_transferred       (SipSimpleFileTransferStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                  *sip_simple_file_transfer_stream_get_transfer_id       (SipSimpleFileTransferStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                     sip_simple_file_transfer_stream_get_finished          (SipSimpleFileTransferStream *self);

G_END_DECLS
