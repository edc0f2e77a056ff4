/* libsipsimple - SDP helpers over GStreamer's SDP library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sdp/sdp.h>
#include <sipsimple/sip/error.h>

#include <string.h>
#include <gio/gio.h>

/* Sessions describe media with GStreamer's GstSDPMessage, so applications
 * can read and adjust SDP with the same API from C, Python, JavaScript and
 * Vala. sip_simple_sdp_parse() adds what gst_sdp_message_parse_buffer()
 * leaves out: it refuses malformed descriptions with an error that says
 * what is wrong. */

G_DEFINE_ENUM_TYPE (SipSimpleMediaDirection, sip_simple_media_direction,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE, "inactive"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY, "sendonly"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY, "recvonly"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV, "sendrecv"))

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError **error, gboolean *failed, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (!*failed)
    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                 "Invalid SDP: %s", msg);
  *failed = TRUE;
  return FALSE;
}

static gboolean
is_uint (const char *s, guint64 max)
{
  guint64 v;
  char *end = NULL;

  if (s == NULL || *s == '\0' || !g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoull (s, &end, 10);
  return end != NULL && *end == '\0' && v <= max;
}

static gboolean
check_connection (const GstSDPConnection *c, const char *where, GError **error, gboolean *failed)
{
  if (c == NULL || c->address == NULL || *c->address == '\0')
    return fail (error, failed, "%s has no connection address (c= line)", where);
  if (g_strcmp0 (c->nettype, "IN") != 0)
    return fail (error, failed, "%s: network type \"%s\" is not IN", where, c->nettype);
  if (g_strcmp0 (c->addrtype, "IP4") != 0 && g_strcmp0 (c->addrtype, "IP6") != 0)
    return fail (error, failed, "%s: address type \"%s\" is not IP4 or IP6", where, c->addrtype);
  /* host names are allowed by RFC 4566 but useless to us; addresses must parse */
  {
    g_autoptr (GInetAddress) a = g_inet_address_new_from_string (c->address);
    if (a == NULL)
      return fail (error, failed, "%s: \"%s\" is not an IP address", where, c->address);
    if ((g_inet_address_get_family (a) == G_SOCKET_FAMILY_IPV6) != (g_strcmp0 (c->addrtype, "IP6") == 0))
      return fail (error, failed, "%s: \"%s\" is not an %s address", where, c->address, c->addrtype);
  }
  return TRUE;
}

static gboolean
is_rtp_proto (const char *proto)
{
  return proto != NULL && g_str_has_prefix (proto, "RTP/");
}

/**
 * sip_simple_sdp_parse:
 * @text: an SDP document (RFC 4566)
 * @error: return location for a #GError (%SIP_SIMPLE_PARSE_ERROR_INVALID_BODY)
 *
 * Parses and checks a session description: version 0, an origin, a
 * session name, a time line, a usable connection address for every active
 * media line (session- or media-level), valid ports, protocols and
 * formats (payload types 0-127 for RTP), and well-formed rtpmap
 * attributes.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with an error
 *
 * Since: 0.1
 */
GstSDPMessage *
sip_simple_sdp_parse (const char *text, GError **error)
{
  GstSDPMessage *msg = NULL;
  const GstSDPOrigin *origin;
  gboolean failed = FALSE;
  guint n;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                           "Invalid SDP: empty");
      return NULL;
    }
  if (!g_str_has_prefix (text, "v="))
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                           "Invalid SDP: it must start with a v= line");
      return NULL;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                           "Invalid SDP: not UTF-8 text");
      return NULL;
    }
  if (gst_sdp_message_new (&msg) != GST_SDP_OK
      || gst_sdp_message_parse_buffer ((const guint8 *) text, strlen (text), msg) != GST_SDP_OK)
    {
      if (msg)
        gst_sdp_message_free (msg);
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                           "Invalid SDP: it could not be parsed");
      return NULL;
    }

  if (g_strcmp0 (gst_sdp_message_get_version (msg), "0") != 0)
    fail (error, &failed, "version \"%s\" is not 0", gst_sdp_message_get_version (msg));
  origin = gst_sdp_message_get_origin (msg);
  if (!failed && (origin == NULL || origin->sess_id == NULL || origin->sess_version == NULL
                  || origin->addr == NULL))
    fail (error, &failed, "the o= line is missing or incomplete");
  if (!failed && (!is_uint (origin->sess_id, G_MAXUINT64) || !is_uint (origin->sess_version, G_MAXUINT64)))
    fail (error, &failed, "the o= line's session id and version must be numbers");
  if (!failed && gst_sdp_message_get_session_name (msg) == NULL)
    fail (error, &failed, "the s= line is missing");
  /* GStreamer's parser drops t= lines: look at the text */
  if (!failed && strstr (text, "\nt=") == NULL)
    fail (error, &failed, "the t= line is missing");

  n = gst_sdp_message_medias_len (msg);
  for (guint i = 0; !failed && i < n; i++)
    {
      const GstSDPMedia *m = gst_sdp_message_get_media (msg, i);
      const char *proto = gst_sdp_media_get_proto (m);
      g_autofree char *where = g_strdup_printf ("media line %u (%s)", i + 1,
                                                gst_sdp_media_get_media (m) ? gst_sdp_media_get_media (m) : "?");

      if (gst_sdp_media_get_media (m) == NULL || *gst_sdp_media_get_media (m) == '\0')
        {
          fail (error, &failed, "%s has no media type", where);
          break;
        }
      if (proto == NULL || *proto == '\0')
        {
          fail (error, &failed, "%s has no transport protocol", where);
          break;
        }
      if (gst_sdp_media_get_port (m) > 65535)
        {
          fail (error, &failed, "%s: port %u is out of range", where, gst_sdp_media_get_port (m));
          break;
        }
      if (gst_sdp_media_formats_len (m) == 0
          || (gst_sdp_media_formats_len (m) == 1 && *gst_sdp_media_get_format (m, 0) == '\0'))
        {
          fail (error, &failed, "%s lists no formats", where);
          break;
        }
      for (guint f = 0; is_rtp_proto (proto) && f < gst_sdp_media_formats_len (m); f++)
        if (!is_uint (gst_sdp_media_get_format (m, f), 127))
          {
            fail (error, &failed, "%s: format \"%s\" is not an RTP payload type", where,
                  gst_sdp_media_get_format (m, f));
            break;
          }
      if (failed || gst_sdp_media_get_port (m) == 0)
        continue; /* a rejected or disabled stream needs no address */
      if (gst_sdp_media_connections_len (m) > 0)
        {
          for (guint c = 0; !failed && c < gst_sdp_media_connections_len (m); c++)
            check_connection (gst_sdp_media_get_connection (m, c), where, error, &failed);
        }
      else
        check_connection (gst_sdp_message_get_connection (msg), where, error, &failed);

      for (guint a = 0; !failed && a < gst_sdp_media_attributes_len (m); a++)
        {
          const GstSDPAttribute *attr = gst_sdp_media_get_attribute (m, a);
          if (g_strcmp0 (attr->key, "rtpmap") == 0)
            {
              /* "PT encoding/clock[/channels]" */
              g_auto (GStrv) parts = g_strsplit (attr->value ? attr->value : "", " ", 2);
              g_auto (GStrv) enc = parts[0] && parts[1] ? g_strsplit (parts[1], "/", 4) : NULL;
              if (parts[0] == NULL || parts[1] == NULL || !is_uint (parts[0], 127) || enc == NULL
                  || enc[0] == NULL || *enc[0] == '\0' || enc[1] == NULL
                  || !is_uint (enc[1], G_MAXUINT32) || (enc[2] != NULL && !is_uint (enc[2], 255))
                  || (enc[2] != NULL && enc[3] != NULL))
                fail (error, &failed, "%s: malformed rtpmap \"%s\"", where,
                      attr->value ? attr->value : "");
            }
        }
    }

  if (failed)
    {
      gst_sdp_message_free (msg);
      return NULL;
    }
  return msg;
}

/**
 * sip_simple_sdp_to_text:
 * @sdp: a session description
 *
 * Serializes an SDP message as text.
 *
 * Returns: (transfer full): the SDP text
 *
 * Since: 0.1
 */
char *
sip_simple_sdp_to_text (const GstSDPMessage *sdp)
{
  g_return_val_if_fail (sdp != NULL, NULL);
  return gst_sdp_message_as_text (sdp);
}

static SipSimpleMediaDirection
direction_of_attrs (const char *(*get) (gconstpointer, const char *), gconstpointer obj,
                    gboolean *found)
{
  static const char *const names[] = { "inactive", "sendonly", "recvonly", "sendrecv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (get (obj, names[i]) != NULL)
      {
        *found = TRUE;
        return (SipSimpleMediaDirection) i;
      }
  *found = FALSE;
  return SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV;
}

static const char *
media_attr (gconstpointer m, const char *key)
{
  return gst_sdp_media_get_attribute_val (m, key) ? "" : NULL;
}

static const char *
message_attr (gconstpointer msg, const char *key)
{
  return gst_sdp_message_get_attribute_val (msg, key) ? "" : NULL;
}

/**
 * sip_simple_sdp_get_direction:
 * @sdp: a session description
 * @index: a media line
 *
 * The direction of media line @index as the writer of @sdp states it: its
 * own attribute, else the session-level one, else sendrecv. A media line
 * whose connection address is 0.0.0.0 (the RFC 2543 way of holding) does
 * not receive: sendrecv becomes sendonly, recvonly becomes inactive. A
 * rejected line (port 0) is inactive.
 *
 * Returns: the direction
 *
 * Since: 0.1
 */
SipSimpleMediaDirection
sip_simple_sdp_get_direction (const GstSDPMessage *sdp, guint index)
{
  const GstSDPMedia *m;
  gboolean found = FALSE;
  SipSimpleMediaDirection dir;
  const char *addr;

  g_return_val_if_fail (sdp != NULL, SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV);
  g_return_val_if_fail (index < gst_sdp_message_medias_len (sdp), SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE);

  m = gst_sdp_message_get_media (sdp, index);
  if (gst_sdp_media_get_port (m) == 0)
    return SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE;
  dir = direction_of_attrs (media_attr, m, &found);
  if (!found)
    dir = direction_of_attrs (message_attr, sdp, &found);
  addr = sip_simple_sdp_get_connection_address (sdp, index);
  if (addr != NULL && g_strcmp0 (addr, "0.0.0.0") == 0 && (dir & SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY))
    dir &= ~SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY;
  return dir;
}

/**
 * sip_simple_media_direction_reverse:
 * @direction: a direction
 *
 * The matching direction for the other side: sendonly ↔ recvonly.
 *
 * Returns: the reversed direction
 *
 * Since: 0.1
 */
SipSimpleMediaDirection
sip_simple_media_direction_reverse (SipSimpleMediaDirection direction)
{
  switch (direction)
    {
    case SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY:
      return SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY;
    case SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY:
      return SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY;
    case SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE:
    case SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV:
    default:
      return direction;
    }
}

/**
 * sip_simple_media_direction_to_string:
 * @direction: a direction
 *
 * Gets the SDP attribute name of a direction, e.g. "sendonly".
 *
 * Returns: (transfer none): the SDP attribute name, e.g. "sendonly"
 *
 * Since: 0.1
 */
const char *
sip_simple_media_direction_to_string (SipSimpleMediaDirection direction)
{
  static const char *const names[] = { "inactive", "sendonly", "recvonly", "sendrecv" };
  g_return_val_if_fail (direction <= SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV, "sendrecv");
  return names[direction];
}

/**
 * sip_simple_sdp_get_connection_address:
 * @sdp: a session description
 * @index: a media line
 *
 * Gets the address media line @index is sent to (its own c= line, else the
 * session's).
 *
 * Returns: (transfer none) (nullable): the address media line @index is
 *   sent to (its own c= line, else the session's)
 *
 * Since: 0.1
 */
const char *
sip_simple_sdp_get_connection_address (const GstSDPMessage *sdp, guint index)
{
  const GstSDPMedia *m;
  const GstSDPConnection *c = NULL;

  g_return_val_if_fail (sdp != NULL, NULL);
  if (index >= gst_sdp_message_medias_len (sdp))
    return NULL;
  m = gst_sdp_message_get_media (sdp, index);
  if (gst_sdp_media_connections_len (m) > 0)
    c = gst_sdp_media_get_connection (m, 0);
  else
    c = gst_sdp_message_get_connection (sdp);
  return c ? c->address : NULL;
}
