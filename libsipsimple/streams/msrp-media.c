/* libsipsimple - SDP of MSRP media lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "msrp-media-private.h"
#include <sipsimple/streams/media-stream.h>

#include <string.h>

static gboolean
invalid (GError **error, const char *format, const char *value)
{
  const char      *v = value ? value : "";
  g_autofree char *shown = g_utf8_make_valid (v, (gssize)MIN (strlen (v), 80)); /* shown in part */

  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
               format, shown);
  return FALSE;
}

const char *
sip_simple_msrp_media_get_attribute (const GstSDPMedia *media, const char *name)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);
      if (a->key && g_ascii_strcasecmp (a->key, name) == 0)
        return a->value ? a->value : "";
    }
  return NULL;
}

/* m=message PORT TCP/MSRP * (or TCP/TLS/MSRP) */
gboolean
sip_simple_msrp_media_is_msrp (const GstSDPMedia *media)
{
  const char *type = gst_sdp_media_get_media (media);
  const char *proto = gst_sdp_media_get_proto (media);

  return type && proto && g_ascii_strcasecmp (type, "message") == 0
         && (g_ascii_strcasecmp (proto, "TCP/MSRP") == 0
             || g_ascii_strcasecmp (proto, "TCP/TLS/MSRP") == 0);
}

/* A re-offer keeps an MSRP stream's media line an MSRP one (its path and
 * connection stay as they are: RFC 4975 section 8.3). @what names the
 * stream in the error ("chat", "file transfer"). */
gboolean
sip_simple_msrp_media_check_update (const GstSDPMessage *remote_sdp, guint index, const char *what,
                                    GError **error)
{
  if (index >= gst_sdp_message_medias_len (remote_sdp)
      || !sip_simple_msrp_media_is_msrp (gst_sdp_message_get_media (remote_sdp, index)))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                   "The %s media line changed type", what);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sip_simple_msrp_media_get_path (const GstSDPMedia *media, GError **error)
{
  const char *value = sip_simple_msrp_media_get_attribute (media, "path");
  g_autoptr (GError) inner = NULL;
  GPtrArray *path;

  if (value == NULL || *value == '\0')
    {
      invalid (error, "The MSRP media line has no a=path%s", "");
      return NULL;
    }
  path = sip_simple_msrp_uri_parse_path (value, &inner);
  if (path == NULL || path->len == 0)
    {
      g_clear_pointer (&path, g_ptr_array_unref);
      invalid (error, "Bad a=path: %s", value);
      return NULL;
    }
  return path;
}

gboolean
sip_simple_msrp_media_get_setup (const GstSDPMedia *media, MsrpSetup *setup, GError **error)
{
  const char *value = sip_simple_msrp_media_get_attribute (media, "setup");

  *setup = MSRP_SETUP_NONE;
  if (value == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (value, "active") == 0)
    *setup = MSRP_SETUP_ACTIVE;
  else if (g_ascii_strcasecmp (value, "passive") == 0)
    *setup = MSRP_SETUP_PASSIVE;
  else if (g_ascii_strcasecmp (value, "actpass") == 0)
    *setup = MSRP_SETUP_ACTPASS;
  else if (g_ascii_strcasecmp (value, "holdconn") == 0)
    *setup = MSRP_SETUP_HOLDCONN;
  else
    return invalid (error, "Bad a=setup: %s", value);
  return TRUE;
}

/* The answerer's role for an offered a=setup. The answerer connects when
 * it may (actpass): the offerer is listening already. Without a=setup
 * RFC 4975 has the offerer connect. */
gboolean
sip_simple_msrp_media_answer_active (MsrpSetup offered, gboolean *active, GError **error)
{
  switch (offered)
    {
    case MSRP_SETUP_ACTIVE:
    case MSRP_SETUP_NONE:
      *active = FALSE;
      return TRUE;
    case MSRP_SETUP_PASSIVE:
    case MSRP_SETUP_ACTPASS:
      *active = TRUE;
      return TRUE;
    case MSRP_SETUP_HOLDCONN:
    default:
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                           "a=setup:holdconn is not supported for MSRP");
      return FALSE;
    }
}

/* The offerer's role once the answer's a=setup is known. */
gboolean
sip_simple_msrp_media_offerer_active (MsrpSetup answered, gboolean *active, GError **error)
{
  switch (answered)
    {
    case MSRP_SETUP_ACTIVE:
      *active = FALSE;
      return TRUE;
    case MSRP_SETUP_PASSIVE:
    case MSRP_SETUP_NONE:
      *active = TRUE;
      return TRUE;
    case MSRP_SETUP_ACTPASS:
    case MSRP_SETUP_HOLDCONN:
    default:
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                           "The answer's a=setup must be active or passive");
      return FALSE;
    }
}

/* m=message PORT TCP/MSRP * with a=path and a=setup; the caller adds the
 * stream type's own attributes. */
void
sip_simple_msrp_media_init_line (GstSDPMedia *media, SipSimpleMsrpSession *msrp, const char *setup)
{
  SipSimpleMsrpUri *uri = sip_simple_msrp_session_get_local_uri (msrp);
  g_autoptr (GPtrArray) path = sip_simple_msrp_session_get_local_path (msrp);
  g_autofree char *path_text = sip_simple_msrp_uri_path_to_string (path);
  gboolean         tls = uri && sip_simple_msrp_uri_get_secure (uri);

  gst_sdp_media_set_media (media, "message");
  gst_sdp_media_set_port_info (media, uri ? sip_simple_msrp_uri_get_port (uri) : 9, 1);
  gst_sdp_media_set_proto (media, tls ? "TCP/TLS/MSRP" : "TCP/MSRP");
  gst_sdp_media_add_format (media, "*");
  gst_sdp_media_add_attribute (media, "path", path_text);
  if (setup)
    gst_sdp_media_add_attribute (media, "setup", setup);
}

static gboolean
valid_media_type (const char *t)
{
  const char       *slash;
  static const char token_chars[] = "!#$%&'*+-.^_`|~";

  if (strcmp (t, "*") == 0)
    return TRUE;
  slash = strchr (t, '/');
  if (slash == NULL || slash == t || slash[1] == '\0')
    return FALSE;
  for (const char *p = t; *p; p++)
    if (p != slash && !g_ascii_isalnum (*p) && strchr (token_chars, *p) == NULL)
      return FALSE;
  return TRUE;
}

/* RFC 4975 accept-types: a space separated list of media types (type/subtype,
 * type/ *, or *), parameters not supported. */
GStrv
sip_simple_msrp_parse_accept_types (const char *value, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;
  guint n = 0;

  if (value == NULL)
    {
      invalid (error, "Missing a=accept-types%s", "");
      return NULL;
    }
  parts = g_strsplit_set (value, " \t", -1);
  for (guint i = 0; parts[i]; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (!valid_media_type (parts[i]))
        {
          invalid (error, "Bad a=accept-types: %s", value);
          return NULL;
        }
      g_strv_builder_add (builder, parts[i]);
      n++;
    }
  if (n == 0)
    {
      invalid (error, "Empty a=accept-types%s", "");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
sip_simple_msrp_accept_types_match (const char *const *accepted, const char *content_type)
{
  g_autofree char *bare = NULL;
  char            *semi;

  if (accepted == NULL || content_type == NULL)
    return FALSE;
  bare = g_strstrip (g_strdup (content_type));
  semi = strchr (bare, ';');
  if (semi)
    *semi = '\0';
  g_strstrip (bare);
  for (guint i = 0; accepted[i]; i++)
    {
      const char *a = accepted[i];
      gsize       len = strlen (a);

      if (strcmp (a, "*") == 0 || g_ascii_strcasecmp (a, bare) == 0)
        return TRUE;
      if (len > 2 && strcmp (a + len - 2, "/*") == 0 && g_ascii_strncasecmp (a, bare, len - 1) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_u64 (const char *s, const char *end, guint64 *out)
{
  guint64 v = 0;

  if (s == end || end - s > 19)
    return FALSE;
  for (const char *p = s; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (guint64)(*p - '0');
    }
  *out = v;
  return TRUE;
}

/* RFC 5547 a=file-range:START-STOP, 1-based and inclusive, STOP may be
 * '*'. @start is returned 1-based; @stop is G_MAXUINT64 for '*'. */
gboolean
sip_simple_msrp_parse_file_range (const char *value, guint64 *start, guint64 *stop, GError **error)
{
  const char *dash;

  if (value == NULL)
    return invalid (error, "Missing a=file-range%s", "");
  dash = strchr (value, '-');
  if (dash == NULL || !parse_u64 (value, dash, start) || *start == 0)
    return invalid (error, "Bad a=file-range: %s", value);
  if (strcmp (dash + 1, "*") == 0)
    *stop = G_MAXUINT64;
  else if (!parse_u64 (dash + 1, dash + 1 + strlen (dash + 1), stop) || *stop < *start - 1)
    return invalid (error, "Bad a=file-range: %s", value);
  return TRUE;
}


/* TLS (RFC 4975 section 14.1, RFC 8122 fingerprints): a session set up with
 * use-tls and a certificate says which certificate it presents. */
void
sip_simple_msrp_media_add_fingerprint (GstSDPMedia *media, SipSimpleMsrpSession *msrp)
{
  g_autoptr (GTlsCertificate) cert = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *value = NULL;
  gboolean         tls = FALSE;

  g_object_get (msrp, "use-tls", &tls, "tls-certificate", &cert, NULL);
  if (!tls || cert == NULL)
    return;
  fingerprint = sip_simple_msrp_certificate_fingerprint (cert);
  value = g_strdup_printf ("sha-256 %s", fingerprint);
  gst_sdp_media_add_attribute (media, "fingerprint", value);
}

/* Both sides of an MSRP line use the same protocol; over TLS the peer's
 * a=fingerprint (media or session level) pins its certificate. */
gboolean
sip_simple_msrp_media_check_transport (const GstSDPMessage *remote_sdp, guint index,
                                       SipSimpleMsrpSession *msrp, GError **error)
{
  const GstSDPMedia *m = gst_sdp_message_get_media (remote_sdp, index);
  gboolean    remote_tls = g_ascii_strcasecmp (gst_sdp_media_get_proto (m), "TCP/TLS/MSRP") == 0;
  const char *fingerprint = sip_simple_msrp_media_get_attribute (m, "fingerprint");
  gboolean    tls = FALSE;

  g_object_get (msrp, "use-tls", &tls, NULL);
  if (remote_tls != tls)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                   remote_tls ? "The peer wants MSRP over TLS"
                              : "The peer does not use MSRP over TLS");
      return FALSE;
    }
  if (fingerprint == NULL)
    fingerprint = gst_sdp_message_get_attribute_val (remote_sdp, "fingerprint");
  if (tls && fingerprint)
    {
      if (g_ascii_strncasecmp (fingerprint, "sha-256 ", 8) != 0)
        return invalid (error, "Unsupported a=fingerprint: %s", fingerprint);
      g_object_set (msrp, "remote-fingerprint", fingerprint, NULL);
    }
  return TRUE;
}
