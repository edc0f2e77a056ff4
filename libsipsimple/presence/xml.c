/* libsipsimple - libxml2 helpers of the presence documents
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "xml-private.h"
#include <sipsimple/presence/presence-error.h>
#include <sipsimple/sip/uri.h>

#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

static void
init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      g_once_init_leave (&done, 1);
    }
}

/* libxml2 reports through the thread's error handler even with
 * XML_PARSE_NOERROR in some paths: swallow everything while we parse. */
static void
quiet_error (void *data, const xmlError *error)
{
}

xmlDoc *
sip_simple_xml_parse (GBytes *data, const char *what, GError **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gconstpointer bytes;
  gsize len;

  init_once ();
  bytes = g_bytes_get_data (data, &len);
  if (len == 0)
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                   "The %s is empty", what);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                   "The %s is too large", what);
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                   "Out of memory parsing the %s", what);
      return NULL;
    }
  xmlSetStructuredErrorFunc (NULL, (xmlStructuredErrorFunc) quiet_error);
  /* no network, no external DTD, no entity substitution */
  doc = xmlCtxtReadMemory (ctxt, bytes, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                             | XML_PARSE_NOCDATA);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strdup (e && e->message ? e->message : "not well-formed");
      /* libxml2 adds detail lines ("Bytes: 0x..."); keep one line */
      g_strdelimit (g_strchomp (msg), "\r\n", ' ');
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                   "The %s is not well-formed XML (line %d, column %d): %s", what,
                   e ? e->line : 0, e ? e->int2 : 0, msg);
      if (doc != NULL)
        xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                   "The %s has a document type declaration, which is not allowed", what);
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

gboolean
sip_simple_xml_in_ns (const xmlNode *node, const char *ns)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL
         && node->ns->href != NULL && strcmp ((const char *) node->ns->href, ns) == 0;
}

gboolean
sip_simple_xml_is (const xmlNode *node, const char *ns, const char *name)
{
  return sip_simple_xml_in_ns (node, ns) && strcmp ((const char *) node->name, name) == 0;
}

gboolean
sip_simple_xml_invalid (GError **error, const char *what, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_INVALID,
               "Invalid %s: %s", what, msg);
  return FALSE;
}

xmlNode *
sip_simple_xml_root (xmlDoc *doc, const char *ns, const char *name, const char *what,
                     GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (!sip_simple_xml_is (root, ns, name))
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_INVALID,
                   "Not a %s: the root element is <%s> in namespace \"%s\", not <%s> in \"%s\"",
                   what, root ? (const char *) root->name : "",
                   root && root->ns && root->ns->href ? (const char *) root->ns->href : "",
                   name, ns);
      return NULL;
    }
  return root;
}

xmlNode *
sip_simple_xml_child (const xmlNode *node, const char *ns, const char *name)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    if (sip_simple_xml_is (c, ns, name))
      return c;
  return NULL;
}

char *
sip_simple_xml_text (const xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

char *
sip_simple_xml_prop (const xmlNode *node, const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *s;

  if (v == NULL)
    return NULL;
  s = g_strdup ((const char *) v);
  xmlFree (v);
  return s;
}

GBytes *
sip_simple_xml_to_bytes (xmlDoc *doc)
{
  xmlChar *mem = NULL;
  int size = 0;
  GBytes *bytes;

  init_once ();
  xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
  bytes = g_bytes_new (mem, size > 0 ? (gsize) size : 0);
  xmlFree (mem);
  return bytes;
}

GDateTime *
sip_simple_xml_parse_timestamp (const char *text)
{
  g_autoptr (GTimeZone) utc = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

char *
sip_simple_xml_format_timestamp (GDateTime *datetime)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (datetime);
  int ms = g_date_time_get_microsecond (utc) / 1000;
  /* xsd:dateTime wants at least four digits of year ("0423"); GLib's %Y
   * prints "423", which no parser (ours included) takes back */
  g_autofree char *base = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (utc),
                                           g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                                           g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                                           g_date_time_get_second (utc));

  if (ms != 0)
    return g_strdup_printf ("%s.%03dZ", base, ms);
  return g_strdup_printf ("%sZ", base);
}

gboolean
sip_simple_xml_same_uri (const char *a, const char *b)
{
  g_autoptr (SipSimpleUri) ua = NULL;
  g_autoptr (SipSimpleUri) ub = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  ua = sip_simple_uri_parse (a, NULL);
  ub = sip_simple_uri_parse (b, NULL);
  return ua != NULL && ub != NULL && sip_simple_uri_equal (ua, ub);
}

xmlNode *
sip_simple_xml_add_child (xmlNode *parent, const char *ns, const char *prefix, const char *name,
                          const char *text)
{
  xmlNs *n = xmlSearchNsByHref (parent->doc, parent, (const xmlChar *) ns);

  if (n == NULL)
    n = xmlNewNs (parent, (const xmlChar *) ns, (const xmlChar *) prefix);
  return xmlNewTextChild (parent, n, (const xmlChar *) name, (const xmlChar *) text);
}
