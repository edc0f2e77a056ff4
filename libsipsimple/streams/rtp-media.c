/* libsipsimple - SDP offer/answer of one RTP m-line (see
 * rtp-media-private.h): reading a media description, writing ours, and
 * what a negotiated pair means for the pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/media-stream.h>
#include "rtp-media-private.h"

#include <nice/interfaces.h>
#include <string.h>

gboolean
sip_simple_rtp_stream_error (GError **error, SipSimpleMediaStreamError code, const char *format,
                             ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (SIP_SIMPLE_MEDIA_STREAM_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

const char *
sip_simple_rtp_direction_to_string (SipSimpleRtpDirection d)
{
  static const char *names[] = { "inactive", "sendonly", "recvonly", "sendrecv" };
  return names[d & SIP_SIMPLE_RTP_SENDRECV];
}

void
sip_simple_rtp_media_info_clear (SipSimpleRtpMediaInfo *info)
{
  g_clear_pointer (&info->formats, g_array_unref);
  g_clear_object (&info->address);
  g_clear_object (&info->rtp);
  g_clear_object (&info->rtcp);
  g_clear_pointer (&info->cryptos, g_ptr_array_unref);
  g_clear_error (&info->crypto_error);
  sip_simple_ice_remote_clear (&info->ice);
}

static void
crypto_free (gpointer data)
{
  sip_simple_crypto_clear (data);
  g_free (data);
}

gboolean
sip_simple_rtp_proto_is_rtp (const char *proto, gboolean *secure)
{
  if (g_strcmp0 (proto, "RTP/AVP") == 0 || g_strcmp0 (proto, "RTP/AVPF") == 0)
    {
      *secure = FALSE;
      return TRUE;
    }
  if (g_strcmp0 (proto, "RTP/SAVP") == 0 || g_strcmp0 (proto, "RTP/SAVPF") == 0)
    {
      *secure = TRUE;
      return TRUE;
    }
  return FALSE;
}

gboolean
sip_simple_rtp_media_accepts (const SipSimpleCodecTable *table, const GstSDPMedia *media)
{
  gboolean secure;

  return g_strcmp0 (gst_sdp_media_get_media (media), table->media) == 0
         && sip_simple_rtp_proto_is_rtp (gst_sdp_media_get_proto (media), &secure);
}

/* ---------------------------------------------------------------------- */
/* reading a media description                                              */

static SipSimpleRtpDirection
read_direction (const GstSDPMessage *sdp, const GstSDPMedia *media)
{
  static const struct
  {
    const char           *key;
    SipSimpleRtpDirection dir;
  } keys[] = {
    { "sendrecv", SIP_SIMPLE_RTP_SENDRECV },
    { "sendonly", SIP_SIMPLE_RTP_SENDONLY },
    { "recvonly", SIP_SIMPLE_RTP_RECVONLY },
    { "inactive", SIP_SIMPLE_RTP_INACTIVE },
  };

  /* flags: a value of NULL (built) or "" (parsed), so look at the keys */
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, keys[k].key) == 0)
        return keys[k].dir;
  for (guint i = 0; sdp != NULL && i < gst_sdp_message_attributes_len (sdp); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      if (g_strcmp0 (gst_sdp_message_get_attribute (sdp, i)->key, keys[k].key) == 0)
        return keys[k].dir;
  return SIP_SIMPLE_RTP_SENDRECV;
}

/* c= (of the media, else of the session) and a=rtcp (RFC 3605) */
static gboolean
read_connection (const SipSimpleCodecTable *table, const GstSDPMessage *sdp,
                 SipSimpleRtpMediaInfo *info, GError **error)
{
  const GstSDPConnection *conn = NULL;
  guint                   rtcp_port = info->port + 1;
  const char             *rtcp_attr;
  g_autoptr (GInetAddress) rtcp_address = NULL;

  if (gst_sdp_media_connections_len (info->media) > 0)
    conn = gst_sdp_media_get_connection (info->media, 0);
  else if (sdp != NULL)
    conn = gst_sdp_message_get_connection (sdp);
  if (conn == NULL || conn->address == NULL || *conn->address == '\0')
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                        "The %s stream has no connection address (c=)",
                                        table->media);
  if (g_strcmp0 (conn->nettype, "IN") != 0
      || (g_strcmp0 (conn->addrtype, "IP4") != 0 && g_strcmp0 (conn->addrtype, "IP6") != 0))
    return sip_simple_rtp_stream_error (
        error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "Unsupported connection type %s %s",
        conn->nettype ? conn->nettype : "", conn->addrtype ? conn->addrtype : "");
  info->address = g_inet_address_new_from_string (conn->address);
  if (info->address == NULL
      || (g_inet_address_get_family (info->address) == G_SOCKET_FAMILY_IPV6)
             != (g_strcmp0 (conn->addrtype, "IP6") == 0))
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                        "Invalid connection address “%s” (c=)", conn->address);
  info->hold_address = g_inet_address_get_is_any (info->address);

  /* a=rtcp:PORT [IN IP4 ADDRESS] */
  rtcp_attr = gst_sdp_media_get_attribute_val (info->media, "rtcp");
  if (rtcp_attr != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (rtcp_attr, " ", 0);
      guint64 port;

      if (!g_ascii_isdigit (parts[0][0])
          || !g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &port, NULL))
        return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                            "Malformed a=rtcp:%s", rtcp_attr);
      rtcp_port = (guint)port;
      if (g_strv_length (parts) >= 4)
        {
          rtcp_address = g_inet_address_new_from_string (parts[3]);
          if (rtcp_address == NULL)
            return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                                "Malformed a=rtcp:%s", rtcp_attr);
        }
    }
  if (rtcp_port > 65535)
    rtcp_port = info->port;
  info->rtp = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (info->address, info->port));
  info->rtcp = G_INET_SOCKET_ADDRESS (
      g_inet_socket_address_new (rtcp_address ? rtcp_address : info->address, rtcp_port));
  return TRUE;
}

static void
read_cryptos (SipSimpleRtpMediaInfo *info)
{
  info->cryptos = g_ptr_array_new_with_free_func (crypto_free);
  for (guint i = 0; i < gst_sdp_media_attributes_len (info->media); i++)
    {
      const GstSDPAttribute *attr = gst_sdp_media_get_attribute (info->media, i);
      SipSimpleCrypto       *crypto;

      if (g_strcmp0 (attr->key, "crypto") != 0)
        continue;
      info->crypto_lines = TRUE;
      crypto = g_new0 (SipSimpleCrypto, 1);
      g_clear_error (&info->crypto_error);
      if (sip_simple_crypto_parse (attr->value, crypto, &info->crypto_error))
        g_ptr_array_add (info->cryptos, crypto);
      else
        crypto_free (crypto);
    }
}

gboolean
sip_simple_rtp_media_read (const SipSimpleCodecTable *table, const GstSDPMessage *sdp, guint index,
                           gboolean read_ice, SipSimpleRtpMediaInfo *info, GError **error)
{
  gboolean secure;

  if (sdp == NULL || index >= gst_sdp_message_medias_len (sdp))
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                        "The session description has no media line %u", index);
  info->media = gst_sdp_message_get_media (sdp, index);
  info->port = gst_sdp_media_get_port (info->media);
  info->proto = gst_sdp_media_get_proto (info->media);

  if (g_strcmp0 (gst_sdp_media_get_media (info->media), table->media) != 0)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "Media line %u is “%s”, not %s", index,
                                        gst_sdp_media_get_media (info->media), table->media);
  if (info->port > 65535)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                                        "Port %u of the %s stream is out of range", info->port,
                                        table->media);
  if (!sip_simple_rtp_proto_is_rtp (info->proto, &secure))
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "Unsupported transport protocol “%s” for %s",
                                        info->proto ? info->proto : "", table->media);
  if (info->port == 0)
    return TRUE;

  info->formats = sip_simple_sdp_parse_formats (info->media, table, error);
  if (info->formats == NULL)
    return FALSE;
  if (!read_connection (table, sdp, info, error))
    return FALSE;
  info->direction = read_direction (sdp, info->media);
  read_cryptos (info);
  if (read_ice && !sip_simple_ice_remote_parse (sdp, info->media, &info->ice, error))
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* choosing                                                                 */

static gboolean
codec_enabled (const SipSimpleRtpMediaConfig *config, const SipSimpleCodec *codec)
{
  if (codec == NULL || !sip_simple_codec_is_available (codec))
    return FALSE;
  for (guint i = 0; config->codecs[i] != NULL; i++)
    if (sip_simple_codec_lookup (config->table, config->codecs[i]) == codec)
      return TRUE;
  return FALSE;
}

/* The codecs we offer, in order: the current one first on a re-offer (no
 * gratuitous switch), then the configured order. */
static GPtrArray *
offered_codecs (const SipSimpleRtpMediaConfig *config)
{
  GPtrArray *list = g_ptr_array_new ();

  if (config->current != NULL && codec_enabled (config, config->current))
    g_ptr_array_add (list, (gpointer)config->current);
  for (guint i = 0; config->codecs[i] != NULL; i++)
    {
      const SipSimpleCodec *codec = sip_simple_codec_lookup (config->table, config->codecs[i]);
      if (codec_enabled (config, codec) && !g_ptr_array_find (list, codec, NULL))
        g_ptr_array_add (list, (gpointer)codec);
    }
  return list;
}

/* Answerer's choice: our first codec the offer has (the current one if
 * still offered). */
static const SipSimpleSdpFormat *
choose_codec (const SipSimpleRtpMediaConfig *config, GArray *formats)
{
  g_autoptr (GPtrArray) ours = offered_codecs (config);

  for (guint i = 0; i < ours->len; i++)
    {
      const SipSimpleSdpFormat *format
          = sip_simple_sdp_formats_find_codec (formats, g_ptr_array_index (ours, i));
      if (format != NULL)
        return format;
    }
  return NULL;
}

/* Which of the peer's keys we accept, or NULL for plain RTP; FALSE with an
 * error when the offer can't be accepted under our SRTP mode. */
static gboolean
choose_crypto (const SipSimpleRtpMediaConfig *config, const SipSimpleRtpMediaInfo *remote,
               SipSimpleCrypto **chosen, GError **error)
{
  gboolean secure = FALSE;

  *chosen = NULL;
  sip_simple_rtp_proto_is_rtp (remote->proto, &secure);
  if (config->srtp == SIP_SIMPLE_SRTP_MODE_DISABLED)
    {
      if (secure)
        return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                            "The peer requires SRTP (%s) and SRTP is disabled",
                                            remote->proto);
      return TRUE;
    }
  if (remote->cryptos->len > 0)
    {
      *chosen = g_ptr_array_index (remote->cryptos, 0);
      return TRUE;
    }
  if (remote->crypto_lines)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "%s",
                                        remote->crypto_error->message);
  if (secure)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "%s without a=crypto: SDES keys are needed", remote->proto);
  if (config->srtp == SIP_SIMPLE_SRTP_MODE_MANDATORY)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "SRTP is mandatory and the peer offers no key");
  return TRUE;
}

gboolean
sip_simple_rtp_media_check_offer (const SipSimpleRtpMediaConfig *config,
                                  const SipSimpleRtpMediaInfo *remote, GError **error)
{
  SipSimpleCrypto *crypto;

  if (choose_codec (config, remote->formats) == NULL)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "No common %s codec", config->table->media);
  return choose_crypto (config, remote, &crypto, error)
         && sip_simple_rtp_media_check_family (config, remote, error);
}

gboolean
sip_simple_rtp_media_check_family (const SipSimpleRtpMediaConfig *config,
                                   const SipSimpleRtpMediaInfo *remote, GError **error)
{
  g_autoptr (GInetAddress) local = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;

  if (remote->address == NULL || remote->hold_address
      || (config->ice != NULL && remote->ice.ufrag != NULL))
    return TRUE;
  if (config->rtp_socket != NULL)
    {
      g_autoptr (GSocketAddress) bound = g_socket_get_local_address (config->rtp_socket, NULL);
      if (bound != NULL)
        local = g_object_ref (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (bound)));
    }
  else if (config->local_address != NULL)
    local = g_inet_address_new_from_string (config->local_address);
  if (local == NULL || g_inet_address_get_is_any (local)
      || g_inet_address_get_family (local) == g_inet_address_get_family (remote->address))
    return TRUE;
  theirs = g_inet_address_to_string (remote->address);
  ours = g_inet_address_to_string (local);
  return sip_simple_rtp_stream_error (
      error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
      "Incompatible network address format: the %s media of the peer is on %s, ours on %s",
      config->table->media, theirs, ours);
}

/* ---------------------------------------------------------------------- */
/* writing our media description                                            */

static void
add_format (GstSDPMedia *media, guint pt, const char *rtpmap, const char *fmtp)
{
  g_autofree char *number = g_strdup_printf ("%u", pt);

  gst_sdp_media_add_format (media, number);
  if (rtpmap != NULL)
    {
      g_autofree char *value = g_strdup_printf ("%u %s", pt, rtpmap);
      gst_sdp_media_add_attribute (media, "rtpmap", value);
    }
  if (fmtp != NULL)
    {
      g_autofree char *value = g_strdup_printf ("%u %s", pt, fmtp);
      gst_sdp_media_add_attribute (media, "fmtp", value);
    }
}

static char *
codec_rtpmap (const SipSimpleCodec *codec)
{
  if (codec->channels > 1)
    return g_strdup_printf ("%s/%u/%u", codec->encoding_name, codec->clock_rate, codec->channels);
  return g_strdup_printf ("%s/%u", codec->encoding_name, codec->clock_rate);
}

static void
add_codec (GstSDPMedia *media, const SipSimpleCodec *codec, guint pt)
{
  g_autofree char *rtpmap = codec_rtpmap (codec);

  add_format (media, pt, rtpmap, codec->fmtp);
  for (guint i = 0; codec->rtcp_fb != NULL && codec->rtcp_fb[i] != NULL; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u %s", pt, codec->rtcp_fb[i]);
      gst_sdp_media_add_attribute (media, "rtcp-fb", value);
    }
}

static void
add_telephone_event (GstSDPMedia *media, guint clock_rate, guint pt)
{
  g_autofree char *rtpmap = g_strdup_printf ("telephone-event/%u", clock_rate);

  /* the 16 DTMF events: 0-9, *, #, A-D */
  add_format (media, pt, rtpmap, "0-15");
}

/* The first non-loopback address of @family (from the interface list, no
 * traffic), or the loopback one. */
static char *
primary_address (GSocketFamily family)
{
  GList *ips = nice_interfaces_get_local_ips (FALSE);
  char  *found = NULL;

  for (GList *l = ips; l != NULL && found == NULL; l = l->next)
    {
      g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (l->data);
      if (inet != NULL && g_inet_address_get_family (inet) == family
          && !g_inet_address_get_is_link_local (inet))
        found = g_strdup (l->data);
    }
  g_list_free_full (ips, g_free);
  if (found == NULL)
    {
      g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (family);
      found = g_inet_address_to_string (loopback);
    }
  return found;
}

/* m= (media, port, proto), c= and a=rtcp from our transport */
static void
add_transport (const SipSimpleRtpMediaConfig *config, GstSDPMedia *media, const char *proto,
               guint *port_out)
{
  g_autofree char *address = NULL;
  g_autofree char *rtcp_address = NULL;
  g_autofree char *rtcp = NULL;
  g_autoptr (GInetAddress) inet = NULL;
  guint port = 0, rtcp_port = 0;

  if (config->ice != NULL)
    {
      sip_simple_ice_transport_get_default (config->ice, 1, &address, &port);
      sip_simple_ice_transport_get_default (config->ice, 2, &rtcp_address, &rtcp_port);
    }
  else
    {
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (config->rtp_socket, NULL);
      g_autoptr (GSocketAddress) local_rtcp
          = g_socket_get_local_address (config->rtcp_socket, NULL);
      GInetAddress *bound = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));

      /* bound to every interface: c= names one of them (0.0.0.0 would
       * mean hold) */
      address = g_inet_address_get_is_any (bound)
                    ? primary_address (g_inet_address_get_family (bound))
                    : g_inet_address_to_string (bound);
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      rtcp_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local_rtcp));
    }
  if (address == NULL)
    address = g_strdup (config->local_address);
  inet = g_inet_address_new_from_string (address);

  gst_sdp_media_set_media (media, config->table->media);
  gst_sdp_media_set_port_info (media, port, 1);
  gst_sdp_media_set_proto (media, proto);
  gst_sdp_media_add_connection (
      media, "IN", inet && g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "IP6" : "IP4",
      address, 0, 0);
  *port_out = port;
  if (rtcp_port != 0)
    {
      if (rtcp_address != NULL && g_strcmp0 (rtcp_address, address) != 0)
        rtcp = g_strdup_printf ("%u IN %s %s", rtcp_port,
                                strchr (rtcp_address, ':') ? "IP6" : "IP4", rtcp_address);
      else
        rtcp = g_strdup_printf ("%u", rtcp_port);
      gst_sdp_media_add_attribute (media, "rtcp", rtcp);
    }
}

static void
add_crypto (GstSDPMedia *media, guint tag, SipSimpleSrtpSuite suite, GBytes *key)
{
  SipSimpleCrypto  crypto = { tag, suite, key };
  g_autofree char *value = sip_simple_crypto_to_string (&crypto);

  gst_sdp_media_add_attribute (media, "crypto", value);
}

static SipSimpleRtpDirection
wanted_direction (const SipSimpleRtpMediaConfig *config)
{
  return config->hold_requested ? SIP_SIMPLE_RTP_SENDONLY : SIP_SIMPLE_RTP_SENDRECV;
}

static gint
compare_rates_down (gconstpointer a, gconstpointer b)
{
  guint ra = *(const guint *)a, rb = *(const guint *)b;

  return ra < rb ? 1 : ra > rb ? -1 : 0;
}

void
sip_simple_rtp_media_write_offer (const SipSimpleRtpMediaConfig *config, GstSDPMedia *media,
                                  guint *port)
{
  g_autoptr (GPtrArray) codecs = offered_codecs (config);
  g_autoptr (GArray) rates = g_array_new (FALSE, FALSE, sizeof (guint));
  SipSimpleRtpDirection direction = wanted_direction (config);

  add_transport (config, media,
                 config->srtp == SIP_SIMPLE_SRTP_MODE_MANDATORY ? "RTP/SAVP" : "RTP/AVP", port);
  for (guint i = 0; i < codecs->len; i++)
    {
      const SipSimpleCodec *codec = g_ptr_array_index (codecs, i);
      gboolean              known = FALSE;

      add_codec (media, codec, codec->default_pt);
      for (guint r = 0; r < rates->len; r++)
        known |= g_array_index (rates, guint, r) == codec->clock_rate;
      if (!known)
        g_array_append_val (rates, codec->clock_rate);
    }
  /* telephone-event at the clock rate of each codec (RFC 4733 2.3.1),
   * highest first */
  if (config->table->telephone_event)
    {
      g_array_sort (rates, compare_rates_down);
      for (guint r = 0; r < rates->len; r++)
        {
          guint rate = g_array_index (rates, guint, r);
          add_telephone_event (media, rate, sip_simple_telephone_event_default_pt (rate));
        }
    }
  if (config->table->ptime != NULL)
    gst_sdp_media_add_attribute (media, "ptime", config->table->ptime);
  if (config->srtp != SIP_SIMPLE_SRTP_MODE_DISABLED)
    {
      add_crypto (media, 1, SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80, config->local_key);
      add_crypto (media, 2, SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32, config->local_key);
    }
  if (config->ice != NULL)
    sip_simple_ice_transport_add_attributes (config->ice, media);
  if (config->hold_requested && config->on_hold_by_remote)
    direction = SIP_SIMPLE_RTP_INACTIVE;
  gst_sdp_media_add_attribute (media, sip_simple_rtp_direction_to_string (direction), NULL);
}

static SipSimpleRtpDirection
answer_direction (const SipSimpleRtpMediaConfig *config, const SipSimpleRtpMediaInfo *remote)
{
  SipSimpleRtpDirection wanted = wanted_direction (config);
  gboolean send = SIP_SIMPLE_RTP_SENDS (wanted) && SIP_SIMPLE_RTP_RECEIVES (remote->direction)
                  && !remote->hold_address;
  gboolean recv = SIP_SIMPLE_RTP_RECEIVES (wanted) && SIP_SIMPLE_RTP_SENDS (remote->direction);

  return (send ? SIP_SIMPLE_RTP_SENDONLY : 0) | (recv ? SIP_SIMPLE_RTP_RECVONLY : 0);
}

gboolean
sip_simple_rtp_media_write_answer (const SipSimpleRtpMediaConfig *config,
                                   const SipSimpleRtpMediaInfo *remote, GstSDPMedia *media,
                                   guint *port, GError **error)
{
  const SipSimpleSdpFormat *format, *te = NULL;
  SipSimpleCrypto          *crypto = NULL;

  format = choose_codec (config, remote->formats);
  if (format == NULL)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "No common %s codec", config->table->media);
  if (!choose_crypto (config, remote, &crypto, error)
      || !sip_simple_rtp_media_check_family (config, remote, error))
    return FALSE;

  add_transport (config, media, remote->proto, port);
  /* the offerer's payload type numbers (RFC 3264 section 6.1) */
  add_codec (media, format->codec, format->pt);
  if (config->table->telephone_event)
    te = sip_simple_sdp_formats_find_telephone_event (remote->formats, format->codec->clock_rate);
  if (te != NULL)
    add_telephone_event (media, te->clock_rate, te->pt);
  if (config->table->ptime != NULL)
    gst_sdp_media_add_attribute (media, "ptime", config->table->ptime);
  if (crypto != NULL)
    add_crypto (media, crypto->tag, crypto->suite, config->local_key);
  if (config->ice != NULL && remote->ice.ufrag != NULL)
    sip_simple_ice_transport_add_attributes (config->ice, media);
  gst_sdp_media_add_attribute (
      media, sip_simple_rtp_direction_to_string (answer_direction (config, remote)), NULL);
  return TRUE;
}

void
sip_simple_rtp_media_write_rejected (const SipSimpleRtpMediaInfo *remote, GstSDPMedia *media)
{
  gst_sdp_media_set_media (media, gst_sdp_media_get_media (remote->media));
  gst_sdp_media_set_port_info (media, 0, 1);
  gst_sdp_media_set_proto (media, remote->proto);
  for (guint i = 0; i < gst_sdp_media_formats_len (remote->media); i++)
    gst_sdp_media_add_format (media, gst_sdp_media_get_format (remote->media, i));
}

/* ---------------------------------------------------------------------- */
/* applying a negotiated pair                                               */

static GstCaps *
caps_for_format (const SipSimpleCodecTable *table, const SipSimpleSdpFormat *format)
{
  if (format->telephone_event)
    return sip_simple_telephone_event_rtp_caps (format->clock_rate, format->pt);
  return sip_simple_codec_rtp_caps (table, format->codec, format->pt);
}

static gboolean
has_pt (GPtrArray *caps_list, guint pt)
{
  for (guint i = 0; i < caps_list->len; i++)
    {
      int payload;
      if (gst_structure_get_int (gst_caps_get_structure (g_ptr_array_index (caps_list, i), 0),
                                 "payload", &payload)
          && payload == (int)pt)
        return TRUE;
    }
  return FALSE;
}

/* The codec: the answer's first that both sides listed; payload types:
 * we send with the numbers the receiver chose (RFC 3264 section 5.1) and
 * receive ours and the peer's. */
static gboolean
negotiate_codec (const SipSimpleRtpMediaConfig *config, const SipSimpleRtpMediaInfo *offer,
                 const SipSimpleRtpMediaInfo *answer, const SipSimpleRtpMediaInfo *local,
                 const SipSimpleRtpMediaInfo *remote, SipSimpleRtpParams *params, GError **error)
{
  const SipSimpleCodecTable *table = config->table;
  const SipSimpleSdpFormat  *ours = NULL, *theirs = NULL;
  const SipSimpleSdpFormat  *te_ours = NULL, *te_theirs = NULL;

  for (guint i = 0; i < answer->formats->len && ours == NULL; i++)
    {
      const SipSimpleSdpFormat *format = &g_array_index (answer->formats, SipSimpleSdpFormat, i);
      if (format->codec != NULL && codec_enabled (config, format->codec)
          && sip_simple_sdp_formats_find_codec (offer->formats, format->codec) != NULL)
        {
          ours = sip_simple_sdp_formats_find_codec (local->formats, format->codec);
          theirs = sip_simple_sdp_formats_find_codec (remote->formats, format->codec);
        }
    }
  if (ours == NULL || theirs == NULL)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                        "No common %s codec in the answer", table->media);
  params->codec = ours->codec;
  params->send_pt = theirs->pt;

  if (table->telephone_event)
    {
      te_theirs
          = sip_simple_sdp_formats_find_telephone_event (remote->formats, ours->codec->clock_rate);
      te_ours
          = sip_simple_sdp_formats_find_telephone_event (local->formats, ours->codec->clock_rate);
    }
  params->send_te_pt = te_theirs != NULL && te_ours != NULL ? (gint)te_theirs->pt : -1;
  params->send_te_clock_rate = te_theirs != NULL ? te_theirs->clock_rate : ours->codec->clock_rate;
  params->recv_caps = g_ptr_array_new_with_free_func ((GDestroyNotify)gst_caps_unref);
  g_ptr_array_add (params->recv_caps, caps_for_format (table, ours));
  if (te_ours != NULL)
    g_ptr_array_add (params->recv_caps, caps_for_format (table, te_ours));
  /* a peer that sends with its own numbers is understood too */
  if (!has_pt (params->recv_caps, theirs->pt))
    g_ptr_array_add (params->recv_caps, caps_for_format (table, theirs));
  if (te_theirs != NULL && te_ours != NULL && !has_pt (params->recv_caps, te_theirs->pt))
    g_ptr_array_add (params->recv_caps, caps_for_format (table, te_theirs));
  return TRUE;
}

/* SRTP: the answer holds one a=crypto (the tag it accepted), or none */
static gboolean
negotiate_crypto (const SipSimpleRtpMediaConfig *config, const SipSimpleRtpMediaInfo *answer,
                  const SipSimpleRtpMediaInfo *local, const SipSimpleRtpMediaInfo *remote,
                  SipSimpleRtpParams *params, GError **error)
{
  if (local->cryptos->len > 0 && remote->cryptos->len > 0)
    {
      SipSimpleCrypto *answered = g_ptr_array_index (answer->cryptos, 0);
      SipSimpleCrypto *mine = NULL, *peer = NULL;

      for (guint i = 0; i < local->cryptos->len; i++)
        if (((SipSimpleCrypto *)g_ptr_array_index (local->cryptos, i))->tag == answered->tag)
          mine = g_ptr_array_index (local->cryptos, i);
      for (guint i = 0; i < remote->cryptos->len; i++)
        if (((SipSimpleCrypto *)g_ptr_array_index (remote->cryptos, i))->tag == answered->tag)
          peer = g_ptr_array_index (remote->cryptos, i);
      if (mine == NULL || peer == NULL || mine->suite != peer->suite)
        return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                            "The a=crypto of the answer matches none of the offer");
      sip_simple_crypto_copy (&params->send_crypto, mine);
      sip_simple_crypto_copy (&params->recv_crypto, peer);
    }
  else
    {
      gboolean secure = FALSE;
      sip_simple_rtp_proto_is_rtp (answer->proto, &secure);
      if (secure || (config->srtp == SIP_SIMPLE_SRTP_MODE_MANDATORY))
        {
          if (remote->crypto_lines && remote->cryptos->len == 0)
            return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                                "%s", remote->crypto_error->message);
          return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                                              "SRTP is required and the peer gave no usable key");
        }
    }
  return TRUE;
}

gboolean
sip_simple_rtp_media_negotiate (const SipSimpleRtpMediaConfig *config, gboolean is_offerer,
                                const SipSimpleRtpMediaInfo *local,
                                const SipSimpleRtpMediaInfo *remote, SipSimpleRtpParams *params,
                                GError **error)
{
  const SipSimpleRtpMediaInfo *answer = is_offerer ? remote : local;
  const SipSimpleRtpMediaInfo *offer = is_offerer ? local : remote;

  if (!negotiate_codec (config, offer, answer, local, remote, params, error)
      || !negotiate_crypto (config, answer, local, remote, params, error))
    return FALSE;
  params->remote_rtp = g_object_ref (remote->rtp);
  params->remote_rtcp = g_object_ref (remote->rtcp);
  return TRUE;
}

void
sip_simple_rtp_media_get_flow (const SipSimpleRtpMediaConfig *config,
                               const SipSimpleRtpMediaInfo   *local,
                               const SipSimpleRtpMediaInfo *remote, SipSimpleRtpFlow *flow)
{
  flow->send = SIP_SIMPLE_RTP_SENDS (local->direction)
               && SIP_SIMPLE_RTP_RECEIVES (remote->direction) && !remote->hold_address;
  flow->receive = SIP_SIMPLE_RTP_RECEIVES (local->direction);
  flow->held_by_local = config->hold_requested && !SIP_SIMPLE_RTP_RECEIVES (local->direction);
  flow->held_by_remote = remote->direction == SIP_SIMPLE_RTP_SENDONLY
                         || remote->direction == SIP_SIMPLE_RTP_INACTIVE || remote->hold_address;
}
