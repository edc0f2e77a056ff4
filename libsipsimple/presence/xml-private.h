/* libsipsimple - libxml2 helpers of the presence documents (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/version.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_NS_PIDF      "urn:ietf:params:xml:ns:pidf"
#define SIP_SIMPLE_NS_DM        "urn:ietf:params:xml:ns:pidf:data-model"
#define SIP_SIMPLE_NS_RPID      "urn:ietf:params:xml:ns:pidf:rpid"
/* the draft namespace some clients still use */
#define SIP_SIMPLE_NS_RPID_OLD  "urn:ietf:params:xml:ns:pidf:status:rpid"
#define SIP_SIMPLE_NS_WINFO     "urn:ietf:params:xml:ns:watcherinfo"
#define SIP_SIMPLE_NS_RLMI      "urn:ietf:params:xml:ns:rlmi"
#define SIP_SIMPLE_NS_RL        "urn:ietf:params:xml:ns:resource-lists"
#define SIP_SIMPLE_NS_RLS       "urn:ietf:params:xml:ns:rls-services"
#define SIP_SIMPLE_NS_CP        "urn:ietf:params:xml:ns:common-policy"
#define SIP_SIMPLE_NS_PR        "urn:ietf:params:xml:ns:pres-rules"

/* Parses @data as XML: no network, no DTD (a document with one is
 * refused), errors as SIP_SIMPLE_PRESENCE_ERROR_MALFORMED naming @what
 * with line and column. Never prints to stderr. */
xmlDoc     *sip_simple_xml_parse            (GBytes        *data,
                                             const char    *what,
                                             GError       **error);
/* The root element if it is @ns:@name, else NULL with an INVALID error. */
xmlNode    *sip_simple_xml_root             (xmlDoc        *doc,
                                             const char    *ns,
                                             const char    *name,
                                             const char    *what,
                                             GError       **error);
/* Sets an INVALID error "Invalid @what: <message>" and returns FALSE. */
gboolean    sip_simple_xml_invalid          (GError       **error,
                                             const char    *what,
                                             const char    *fmt,
                                             ...) G_GNUC_PRINTF (3, 4);
/* Whether @node is the element @name in namespace @ns. */
gboolean    sip_simple_xml_is               (const xmlNode *node,
                                             const char    *ns,
                                             const char    *name);
/* Whether @node is an element in namespace @ns. */
gboolean    sip_simple_xml_in_ns            (const xmlNode *node,
                                             const char    *ns);
/* The first child element @ns:@name of @node, or NULL. */
xmlNode    *sip_simple_xml_child            (const xmlNode *node,
                                             const char    *ns,
                                             const char    *name);
/* The text of @node, whitespace-trimmed (g_free), or NULL if empty. */
char       *sip_simple_xml_text             (const xmlNode *node);
/* An attribute without namespace (g_free), or NULL. */
char       *sip_simple_xml_prop             (const xmlNode *node,
                                             const char    *name);
/* The document serialized as UTF-8 with an XML declaration. */
GBytes     *sip_simple_xml_to_bytes         (xmlDoc        *doc);
/* An xs:dateTime, NULL if it is not one (no zone: UTC). */
GDateTime  *sip_simple_xml_parse_timestamp  (const char    *text);
/* An xs:dateTime in UTC with milliseconds when there are any. */
char       *sip_simple_xml_format_timestamp (GDateTime     *datetime);
/* xmlFreeDoc for g_autoptr */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS

G_BEGIN_DECLS
/* Whether two URIs written in documents are the same (RFC 3261 rules when
 * both parse as SIP URIs, else case-insensitive text). */
gboolean    sip_simple_xml_same_uri         (const char    *a,
                                             const char    *b);
/* A new element @ns:@name appended to @parent, reusing the namespace
 * declaration in scope (declared on @parent when missing). */
xmlNode    *sip_simple_xml_add_child        (xmlNode       *parent,
                                             const char    *ns,
                                             const char    *prefix,
                                             const char    *name,
                                             const char    *text);
G_END_DECLS
