/* libsipsimple - SDP of MSRP media lines (RFC 4975 section 8, RFC 6135,
 * RFC 5547), shared by ChatStream and FileTransferStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/msrp/msrp-session.h>
#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

/* RFC 6135 a=setup */
typedef enum {
  MSRP_SETUP_NONE,    /* absent: RFC 4975 (the offerer connects) */
  MSRP_SETUP_ACTIVE,
  MSRP_SETUP_PASSIVE,
  MSRP_SETUP_ACTPASS,
  MSRP_SETUP_HOLDCONN,
} MsrpSetup;

gboolean    sip_simple_msrp_media_is_msrp            (const GstSDPMedia    *media);
gboolean    sip_simple_msrp_media_check_update       (const GstSDPMessage  *remote_sdp,
                                                      guint                 index,
                                                      const char           *what,
                                                      GError              **error);
GPtrArray  *sip_simple_msrp_media_get_path           (const GstSDPMedia    *media,
                                                      GError              **error);
gboolean    sip_simple_msrp_media_get_setup          (const GstSDPMedia    *media,
                                                      MsrpSetup            *setup,
                                                      GError              **error);
gboolean    sip_simple_msrp_media_answer_active      (MsrpSetup             offered,
                                                      gboolean             *active,
                                                      GError              **error);
gboolean    sip_simple_msrp_media_offerer_active     (MsrpSetup             answered,
                                                      gboolean             *active,
                                                      GError              **error);
void        sip_simple_msrp_media_init_line          (GstSDPMedia          *media,
                                                      SipSimpleMsrpSession *msrp,
                                                      const char           *setup);
GStrv       sip_simple_msrp_parse_accept_types       (const char           *value,
                                                      GError              **error);
gboolean    sip_simple_msrp_accept_types_match       (const char * const   *accepted,
                                                      const char           *content_type);
gboolean    sip_simple_msrp_parse_file_range         (const char           *value,
                                                      guint64              *start,
                                                      guint64              *stop,
                                                      GError              **error);
void        sip_simple_msrp_media_add_fingerprint    (GstSDPMedia          *media,
                                                      SipSimpleMsrpSession *msrp);
gboolean    sip_simple_msrp_media_check_transport    (const GstSDPMessage  *remote_sdp,
                                                      guint                 index,
                                                      SipSimpleMsrpSession *msrp,
                                                      GError              **error);
const char *sip_simple_msrp_media_get_attribute      (const GstSDPMedia    *media,
                                                      const char           *name);

G_END_DECLS
