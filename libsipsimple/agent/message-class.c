/* libsipsimple - the agent's SIP message class: request lines read as
 * RFC 3261 writes them (see message-class-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "message-class-private.h"

#include <string.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>
#include <sofia-sip/su_alloc.h>

/* A request line and whether it was bad: sofia allocates headers by the
 * class's hc_size, and copies only the sip_request_t part. */
typedef struct
{
  sip_request_t rq;
  gboolean      bad;
} Request;

G_STATIC_ASSERT (sizeof (Request) < 256);

static struct msg_hclass_s request_class;

/* RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" /
 * "+" / "`" / "'" / "~") */
static gsize
span_rfc_token (const char *s)
{
  gsize n = 0;

  while (s[n] != '\0' && (g_ascii_isalnum (s[n]) || strchr ("-.!%*_+`'~", s[n]) != NULL))
    n++;
  return n;
}

/* "Method SP Request-URI SP SIP/digits.digits", one SP each, nothing else */
static gboolean
line_is_exact (const char *line)
{
  gsize       method = span_rfc_token (line);
  const char *uri, *version;

  if (method == 0 || line[method] != ' ')
    return FALSE;
  uri = line + method + 1;
  version = strchr (uri, ' ');
  if (version == NULL || version == uri)
    return FALSE;
  for (const char *p = uri; p < version; p++)
    if ((guchar)*p <= ' ' || *p == 0x7f)
      return FALSE;
  version++;
  /* (ABNF literals are case-insensitive) */
  if (g_ascii_strncasecmp (version, "SIP/", 4) != 0)
    return FALSE;
  for (const char *p = version + 4; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

static issize_t
request_d (su_home_t *home, msg_header_t *h, char *s, isize_t slen)
{
  Request       *r = (Request *)h;
  sip_request_t *rq = &r->rq;
  char          *line = su_strndup (home, s, slen);
  char          *uri, *version;
  gsize          method;

  if (line == NULL)
    return -1;
  if (sip_request_d (home, h, s, slen) >= 0)
    {
      r->bad = !line_is_exact (line);
      return 0;
    }

  /* sofia could not read it: "token SP anything SP SIP/..." still is a
   * request we can answer */
  method = span_rfc_token (line);
  version = strrchr (line, ' ');
  if (method == 0 || line[method] != ' ' || version == NULL || version <= line + method
      || g_ascii_strncasecmp (version + 1, "SIP/", 4) != 0)
    return -1;
  r->bad = !line_is_exact (line);
  line[method] = '\0';
  *version++ = '\0';
  uri = line + method + 1;
  while (*uri == ' ')
    uri++;

  memset (rq->rq_url, 0, sizeof rq->rq_url);
  rq->rq_method_name = line;
  rq->rq_method = sip_method_code (line);
  if (rq->rq_method == sip_method_invalid)
    rq->rq_method = sip_method_unknown;
  rq->rq_version = su_strdup (home, version);
  if (rq->rq_version == NULL)
    return -1;
  if (r->bad || url_d (rq->rq_url, uri) < 0 || rq->rq_url->url_type == url_invalid)
    {
      /* something to route by until the agent answers 400 */
      char *placeholder = su_strdup (home, "sip:invalid.invalid");
      memset (rq->rq_url, 0, sizeof rq->rq_url);
      if (placeholder == NULL || url_d (rq->rq_url, placeholder) < 0)
        return -1;
      r->bad = TRUE;
    }
  return 0;
}

gboolean
sip_simple_request_line_is_bad (const sip_request_t *rq)
{
  return rq != NULL && rq->rq_common->h_class == &request_class && ((const Request *)rq)->bad;
}

gboolean
sip_simple_hclass_is_request (msg_hclass_t const *hc)
{
  /* sofia finds the request line by its hash too (msg_hclass_offset) */
  return hc != NULL && hc->hc_hash == sip_request_class->hc_hash;
}

msg_mclass_t const *
sip_simple_agent_message_class (void)
{
  static gsize         once = 0;
  static msg_mclass_t *mclass = NULL;

  if (g_once_init_enter (&once))
    {
      msg_mclass_t *mc = msg_mclass_clone (sip_default_mclass (), 0, 0);

      g_assert (mc != NULL);
      request_class = *sip_request_class;
      request_class.hc_parse = request_d;
      request_class.hc_size = sizeof (Request);
      mc->mc_request->hr_class = &request_class;
      mclass = mc;
      g_once_init_leave (&once, 1);
    }
  return mclass;
}
