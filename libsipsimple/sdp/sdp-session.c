/* libsipsimple - session-level SDP offer/answer bookkeeping
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/version.h>
#include "sdp-session-internal.h"

struct _SipSimpleSdpSession
{
  char   *address;
  char   *addrtype;
  guint64 id;
  guint64 version;
};

SipSimpleSdpSession *
sip_simple_sdp_session_new (const char *address)
{
  SipSimpleSdpSession *self = g_new0 (SipSimpleSdpSession, 1);

  self->address = g_strdup (address ? address : "0.0.0.0");
  self->addrtype = g_strdup (strchr (self->address, ':') ? "IP6" : "IP4");
  /* NTP-based ids as RFC 4566 suggests, made unique with a random part */
  self->id = (guint64) (g_get_real_time () / G_USEC_PER_SEC) + 2208988800ULL;
  self->id = self->id * 1000 + (guint64) g_random_int_range (0, 1000);
  self->version = self->id;
  return self;
}

void
sip_simple_sdp_session_free (SipSimpleSdpSession *self)
{
  if (self == NULL)
    return;
  g_free (self->address);
  g_free (self->addrtype);
  g_free (self);
}

GstSDPMessage *
sip_simple_sdp_session_new_message (SipSimpleSdpSession *self)
{
  GstSDPMessage *msg = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->id);
  g_autofree char *version = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->version);

  gst_sdp_message_new (&msg);
  gst_sdp_message_set_version (msg, "0");
  gst_sdp_message_set_origin (msg, "-", id, version, "IN", self->addrtype, self->address);
  gst_sdp_message_set_session_name (msg, "-");
  gst_sdp_message_set_connection (msg, "IN", self->addrtype, self->address, 0, 0);
  gst_sdp_message_add_time (msg, "0", "0", NULL);
  return msg;
}

void
sip_simple_sdp_add_rejected_media (GstSDPMessage *local, const GstSDPMessage *model, guint index)
{
  GstSDPMedia *m = NULL;

  gst_sdp_media_new (&m);
  if (model != NULL && index < gst_sdp_message_medias_len (model))
    {
      const GstSDPMedia *r = gst_sdp_message_get_media (model, index);
      gst_sdp_media_set_media (m, gst_sdp_media_get_media (r));
      gst_sdp_media_set_proto (m, gst_sdp_media_get_proto (r));
      /* at least one format is required even when rejecting (RFC 3264 6) */
      gst_sdp_media_add_format (m, gst_sdp_media_formats_len (r) > 0 ? gst_sdp_media_get_format (r, 0) : "0");
    }
  else
    {
      gst_sdp_media_set_media (m, "audio");
      gst_sdp_media_set_proto (m, "RTP/AVP");
      gst_sdp_media_add_format (m, "0");
    }
  gst_sdp_media_set_port_info (m, 0, 1);
  gst_sdp_message_add_media (local, m);
  gst_sdp_media_free (m);
}
