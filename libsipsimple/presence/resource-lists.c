/* libsipsimple - SipSimpleResourceLists: an XCAP resource-lists document (RFC 4826)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/resource-lists.h>
#include <sipsimple/presence/presence-error.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "xml-private.h"

#include <string.h>

/**
 * SipSimpleResourceLists:
 *
 * A resource-lists document (RFC 4826, `application/resource-lists+xml`),
 * the form in which an XCAP server keeps a user's buddy lists: named
 * lists of entries, each a URI with a display name.
 *
 * The object edits the parsed XML in place, so whatever it does not model
 * (nested lists, external references, extensions another client added)
 * survives a round trip through [func@SipSimple.ResourceLists.parse] and
 * [method@SipSimple.ResourceLists.to_bytes]. Lists are the top-level
 * `<list name="...">` elements; entries are their direct `<entry>`
 * children.
 *
 * Since: 0.1
 */

struct _SipSimpleResourceLists
{
  GObject  parent_instance;
  xmlDoc  *doc;
};

G_DEFINE_FINAL_TYPE (SipSimpleResourceLists, sip_simple_resource_lists, G_TYPE_OBJECT)

/**
 * sip_simple_resource_lists_new:
 *
 * Creates a document without lists.
 *
 * Returns: (transfer full): a document without lists
 *
 * Since: 0.1
 */
SipSimpleResourceLists *
sip_simple_resource_lists_new (void)
{
  SipSimpleResourceLists *self = g_object_new (SIP_SIMPLE_TYPE_RESOURCE_LISTS, NULL);
  xmlNode *root;

  self->doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "resource-lists");
  xmlSetNs (root, xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_RL, NULL));
  xmlDocSetRootElement (self->doc, root);
  return self;
}

/**
 * sip_simple_resource_lists_parse:
 * @data: an `application/resource-lists+xml` document
 * @error: return location for a #GError
 *
 * Parses a resource-lists document (RFC 4826).
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR
 *
 * Since: 0.1
 */
SipSimpleResourceLists *
sip_simple_resource_lists_parse (GBytes *data, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  SipSimpleResourceLists *self;
  xmlNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  doc = sip_simple_xml_parse (data, "resource-lists document", error);
  if (doc == NULL)
    return NULL;
  root = sip_simple_xml_root (doc, SIP_SIMPLE_NS_RL, "resource-lists", "resource-lists document",
                              error);
  if (root == NULL)
    return NULL;
  for (xmlNode *c = root->children; c; c = c->next)
    {
      g_autofree char *name = NULL;
      if (!sip_simple_xml_is (c, SIP_SIMPLE_NS_RL, "list"))
        continue;
      for (xmlNode *e = c->children; e; e = e->next)
        {
          g_autofree char *uri = NULL;
          if (!sip_simple_xml_is (e, SIP_SIMPLE_NS_RL, "entry"))
            continue;
          uri = sip_simple_xml_prop (e, "uri");
          if (uri == NULL || *uri == '\0')
            {
              g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_INVALID,
                           "Invalid resource-lists document: an <entry> without uri (line %ld)",
                           (long) xmlGetLineNo (e));
              return NULL;
            }
        }
    }
  self = g_object_new (SIP_SIMPLE_TYPE_RESOURCE_LISTS, NULL);
  self->doc = g_steal_pointer (&doc);
  return self;
}

/**
 * sip_simple_resource_lists_to_bytes:
 * @self: a document
 *
 * Serializes the document as XML, to PUT with content type
 * %SIP_SIMPLE_RESOURCE_LISTS_CONTENT_TYPE.
 *
 * Returns: (transfer full): the XML, to PUT with content type
 *   %SIP_SIMPLE_RESOURCE_LISTS_CONTENT_TYPE
 *
 * Since: 0.1
 */
GBytes *
sip_simple_resource_lists_to_bytes (SipSimpleResourceLists *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), NULL);
  return sip_simple_xml_to_bytes (self->doc);
}

static xmlNode *
find_list (SipSimpleResourceLists *self, const char *name)
{
  xmlNode *root = xmlDocGetRootElement (self->doc);

  for (xmlNode *c = root->children; c; c = c->next)
    {
      g_autofree char *n = NULL;
      if (!sip_simple_xml_is (c, SIP_SIMPLE_NS_RL, "list"))
        continue;
      n = sip_simple_xml_prop (c, "name");
      if (g_strcmp0 (n, name) == 0)
        return c;
    }
  return NULL;
}

/**
 * sip_simple_resource_lists_get_list_names:
 * @self: a document
 *
 * Gets the names of the top-level lists (unnamed lists are left out).
 *
 * Returns: (transfer full) (array zero-terminated=1): the names of the
 *   top-level lists (unnamed lists are left out)
 *
 * Since: 0.1
 */
char **
sip_simple_resource_lists_get_list_names (SipSimpleResourceLists *self)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  xmlNode *root;

  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), NULL);
  root = xmlDocGetRootElement (self->doc);
  for (xmlNode *c = root->children; c; c = c->next)
    {
      g_autofree char *n = NULL;
      if (!sip_simple_xml_is (c, SIP_SIMPLE_NS_RL, "list"))
        continue;
      n = sip_simple_xml_prop (c, "name");
      if (n != NULL)
        g_strv_builder_add (b, n);
    }
  return g_strv_builder_end (b);
}

/**
 * sip_simple_resource_lists_has_list:
 * @self: a document
 * @list: a list name
 *
 * Tells whether the document has a list named @list.
 *
 * Returns: whether the document has a list named @list
 *
 * Since: 0.1
 */
gboolean
sip_simple_resource_lists_has_list (SipSimpleResourceLists *self, const char *list)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);
  return find_list (self, list) != NULL;
}

static xmlNode *
ensure_list (SipSimpleResourceLists *self, const char *list)
{
  xmlNode *node = find_list (self, list);

  if (node == NULL)
    {
      node = sip_simple_xml_add_child (xmlDocGetRootElement (self->doc), SIP_SIMPLE_NS_RL, "rl",
                                       "list", NULL);
      xmlNewProp (node, (const xmlChar *) "name", (const xmlChar *) list);
    }
  return node;
}

/**
 * sip_simple_resource_lists_add_list:
 * @self: a document
 * @list: a list name
 *
 * Adds an empty list named @list unless there is one.
 *
 * Since: 0.1
 */
void
sip_simple_resource_lists_add_list (SipSimpleResourceLists *self, const char *list)
{
  g_return_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self));
  g_return_if_fail (list != NULL && *list != '\0');
  ensure_list (self, list);
}

/**
 * sip_simple_resource_lists_remove_list:
 * @self: a document
 * @list: a list name
 *
 * Removes the list named @list with its entries.
 *
 * Returns: whether there was such a list
 *
 * Since: 0.1
 */
gboolean
sip_simple_resource_lists_remove_list (SipSimpleResourceLists *self, const char *list)
{
  xmlNode *node;

  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);
  node = find_list (self, list);
  if (node == NULL)
    return FALSE;
  xmlUnlinkNode (node);
  xmlFreeNode (node);
  return TRUE;
}

/**
 * sip_simple_resource_lists_get_entries:
 * @self: a document
 * @list: a list name
 *
 * The entries of a list whose URI is a valid SIP, SIPS or tel URI, with
 * their display names.
 *
 * Returns: (transfer container) (element-type SipSimpleNameAddr): the
 *   entries, in document order; empty when there is no such list
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_resource_lists_get_entries (SipSimpleResourceLists *self, const char *list)
{
  GPtrArray *entries;
  xmlNode *node;

  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), NULL);
  g_return_val_if_fail (list != NULL, NULL);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sip_simple_name_addr_unref);
  node = find_list (self, list);
  for (xmlNode *e = node ? node->children : NULL; e; e = e->next)
    {
      g_autofree char *uri_text = NULL;
      g_autofree char *name = NULL;
      g_autoptr (SipSimpleUri) uri = NULL;

      if (!sip_simple_xml_is (e, SIP_SIMPLE_NS_RL, "entry"))
        continue;
      uri_text = sip_simple_xml_prop (e, "uri");
      uri = uri_text ? sip_simple_uri_parse (uri_text, NULL) : NULL;
      if (uri == NULL)
        continue;
      name = sip_simple_xml_text (sip_simple_xml_child (e, SIP_SIMPLE_NS_RL, "display-name"));
      g_ptr_array_add (entries, sip_simple_name_addr_new (name, uri));
    }
  return entries;
}

static xmlNode *
find_entry (xmlNode *list, const char *uri)
{
  for (xmlNode *e = list->children; e; e = e->next)
    {
      g_autofree char *u = NULL;
      if (!sip_simple_xml_is (e, SIP_SIMPLE_NS_RL, "entry"))
        continue;
      u = sip_simple_xml_prop (e, "uri");
      if (sip_simple_xml_same_uri (u, uri))
        return e;
    }
  return NULL;
}

/**
 * sip_simple_resource_lists_add_entry:
 * @self: a document
 * @list: a list name; the list is created when missing
 * @entry: the URI and display name of the entry
 *
 * Adds an entry, or updates the display name of the entry with the same
 * URI.
 *
 * Returns: whether the document changed
 *
 * Since: 0.1
 */
gboolean
sip_simple_resource_lists_add_entry (SipSimpleResourceLists *self,
                                     const char             *list,
                                     SipSimpleNameAddr      *entry)
{
  g_autofree char *uri = NULL;
  const char *name;
  xmlNode *node, *e, *dn;

  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), FALSE);
  g_return_val_if_fail (list != NULL && *list != '\0', FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  uri = sip_simple_uri_to_string (sip_simple_name_addr_get_uri (entry));
  name = sip_simple_name_addr_get_display_name (entry);
  if (name != NULL && *name == '\0')
    name = NULL;
  node = ensure_list (self, list);
  e = find_entry (node, uri);
  if (e == NULL)
    {
      e = sip_simple_xml_add_child (node, SIP_SIMPLE_NS_RL, "rl", "entry", NULL);
      xmlNewProp (e, (const xmlChar *) "uri", (const xmlChar *) uri);
      if (name != NULL)
        sip_simple_xml_add_child (e, SIP_SIMPLE_NS_RL, "rl", "display-name", name);
      return TRUE;
    }
  dn = sip_simple_xml_child (e, SIP_SIMPLE_NS_RL, "display-name");
  {
    g_autofree char *old = sip_simple_xml_text (dn);
    if (g_strcmp0 (old, name) == 0)
      return FALSE;
  }
  if (dn != NULL)
    {
      xmlUnlinkNode (dn);
      xmlFreeNode (dn);
    }
  if (name != NULL)
    {
      /* display-name comes first in an entry */
      xmlNode *n = sip_simple_xml_add_child (e, SIP_SIMPLE_NS_RL, "rl", "display-name", name);
      if (e->children != n)
        {
          xmlUnlinkNode (n);
          xmlAddPrevSibling (e->children, n);
        }
    }
  return TRUE;
}

/**
 * sip_simple_resource_lists_remove_entry:
 * @self: a document
 * @list: a list name
 * @uri: the URI of the entry
 *
 * Removes the entry with URI @uri from list @list.
 *
 * Returns: whether there was such an entry
 *
 * Since: 0.1
 */
gboolean
sip_simple_resource_lists_remove_entry (SipSimpleResourceLists *self,
                                        const char             *list,
                                        const char             *uri)
{
  xmlNode *node, *e;

  g_return_val_if_fail (SIP_SIMPLE_IS_RESOURCE_LISTS (self), FALSE);
  g_return_val_if_fail (list != NULL && uri != NULL, FALSE);
  node = find_list (self, list);
  e = node ? find_entry (node, uri) : NULL;
  if (e == NULL)
    return FALSE;
  xmlUnlinkNode (e);
  xmlFreeNode (e);
  return TRUE;
}

static void
sip_simple_resource_lists_finalize (GObject *object)
{
  SipSimpleResourceLists *self = SIP_SIMPLE_RESOURCE_LISTS (object);

  g_clear_pointer (&self->doc, xmlFreeDoc);
  G_OBJECT_CLASS (sip_simple_resource_lists_parent_class)->finalize (object);
}

static void
sip_simple_resource_lists_class_init (SipSimpleResourceListsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_resource_lists_finalize;
}

static void
sip_simple_resource_lists_init (SipSimpleResourceLists *self)
{
}
