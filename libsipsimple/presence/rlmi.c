/* libsipsimple - SipSimpleRlmi: a resource list notification (RFC 4662)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/rlmi.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/presence/presence-error.h>
#include <sipsimple/presence/rlmi-resource.h>
#include "xml-private.h"
#include "sip/mime-internal.h"
#include "rlmi-resource-private.h"

#include <string.h>

/**
 * SipSimpleRlmi:
 *
 * A NOTIFY of a subscription to a resource list (RFC 4662): a
 * `multipart/related` body whose root is an RLMI document
 * (`application/rlmi+xml`) describing the list and its resources, with
 * the state document of each resource (PIDF for presence) in the other
 * parts, referenced by Content-ID.
 *
 * [func@SipSimple.Rlmi.parse] takes the NOTIFY's Content-Type (it holds
 * the boundary) and body and returns the list with one
 * [class@SipSimple.RlmiResource] per resource, its state document
 * attached. A notification with `fullState="false"` lists only the
 * resources that changed since the previous version.
 *
 * Since: 0.1
 */

struct _SipSimpleRlmi
{
  GObject    parent_instance;
  char      *uri;
  char      *name;
  guint      version;
  gboolean   full_state;
  GPtrArray *resources;
};

G_DEFINE_FINAL_TYPE (SipSimpleRlmi, sip_simple_rlmi, G_TYPE_OBJECT)

#define invalid(error, ...) sip_simple_xml_invalid (error, "RLMI notification", __VA_ARGS__)

static SipSimpleMimePart *
part_by_cid (GPtrArray *parts, const char *cid)
{
  g_autofree char *bare = NULL;
  gsize l;

  if (parts == NULL || cid == NULL)
    return NULL;
  l = strlen (cid);
  bare = l >= 2 && cid[0] == '<' && cid[l - 1] == '>' ? g_strndup (cid + 1, l - 2) : g_strdup (cid);
  for (guint i = 0; i < parts->len; i++)
    {
      SipSimpleMimePart *p = g_ptr_array_index (parts, i);
      if (p->content_id != NULL && strcmp (p->content_id, bare) == 0)
        return p;
    }
  return NULL;
}

static gboolean
parse_rlmi (SipSimpleRlmi *self, GBytes *xml, GPtrArray *parts, GError **error)
{
  g_autoptr (xmlDoc) doc = sip_simple_xml_parse (xml, "RLMI document", error);
  g_autofree char *version = NULL;
  g_autofree char *full = NULL;
  xmlNode *root;
  char *end = NULL;

  if (doc == NULL)
    return FALSE;
  root = sip_simple_xml_root (doc, SIP_SIMPLE_NS_RLMI, "list", "RLMI document", error);
  if (root == NULL)
    return FALSE;
  self->uri = sip_simple_xml_prop (root, "uri");
  version = sip_simple_xml_prop (root, "version");
  full = sip_simple_xml_prop (root, "fullState");
  if (self->uri == NULL || version == NULL || full == NULL)
    return invalid (error, "<list> needs uri, version and fullState");
  if (!g_ascii_isdigit (*version) || g_ascii_strtoull (version, &end, 10) > G_MAXUINT || *end)
    return invalid (error, "bad version \"%s\"", version);
  self->version = (guint) g_ascii_strtoull (version, NULL, 10);
  if (g_str_equal (full, "true") || g_str_equal (full, "1"))
    self->full_state = TRUE;
  else if (g_str_equal (full, "false") || g_str_equal (full, "0"))
    self->full_state = FALSE;
  else
    return invalid (error, "fullState \"%s\" is not a boolean", full);

  for (xmlNode *c = root->children; c; c = c->next)
    {
      g_autofree char *uri = NULL;
      g_autofree char *name = NULL;
      xmlNode *instance = NULL;
      g_autofree char *state = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *cid = NULL;
      SipSimpleRlmiResource *r;

      if (sip_simple_xml_is (c, SIP_SIMPLE_NS_RLMI, "name") && self->name == NULL)
        {
          self->name = sip_simple_xml_text (c);
          continue;
        }
      if (!sip_simple_xml_is (c, SIP_SIMPLE_NS_RLMI, "resource"))
        continue;
      uri = sip_simple_xml_prop (c, "uri");
      if (uri == NULL)
        return invalid (error, "a <resource> without uri (line %ld)", (long) xmlGetLineNo (c));
      name = sip_simple_xml_text (sip_simple_xml_child (c, SIP_SIMPLE_NS_RLMI, "name"));
      /* one instance per subscription; prefer the active one */
      for (xmlNode *i = c->children; i; i = i->next)
        {
          g_autofree char *s = NULL;
          if (!sip_simple_xml_is (i, SIP_SIMPLE_NS_RLMI, "instance"))
            continue;
          s = sip_simple_xml_prop (i, "state");
          if (instance == NULL || g_strcmp0 (s, "active") == 0)
            instance = i;
        }
      if (instance != NULL)
        {
          g_autofree char *id = sip_simple_xml_prop (instance, "id");
          state = sip_simple_xml_prop (instance, "state");
          if (id == NULL || state == NULL)
            return invalid (error, "an <instance> needs id and state (line %ld)",
                            (long) xmlGetLineNo (instance));
          reason = sip_simple_xml_prop (instance, "reason");
          cid = sip_simple_xml_prop (instance, "cid");
        }
      r = sip_simple_rlmi_resource_new (uri, name, state, reason);
      if (cid != NULL)
        {
          SipSimpleMimePart *part = part_by_cid (parts, cid);
          if (part != NULL)
            sip_simple_rlmi_resource_set_body (r, part->content_type, part->body);
        }
      g_ptr_array_add (self->resources, r);
    }
  return TRUE;
}

/**
 * sip_simple_rlmi_parse:
 * @content_type: the Content-Type of the NOTIFY, with its parameters
 *   (`multipart/related;type="application/rlmi+xml";boundary=...`); a
 *   bare `application/rlmi+xml` document is accepted too
 * @body: the NOTIFY's body
 * @error: return location for a #GError
 *
 * Parses a resource list notification.
 *
 * Returns: (transfer full) (nullable): the notification, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR: %SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED
 *   for another content type, %SIP_SIMPLE_PRESENCE_ERROR_MALFORMED for a
 *   broken multipart body or XML, %SIP_SIMPLE_PRESENCE_ERROR_INVALID for
 *   a document that is not RLMI or lacks its root part
 *
 * Since: 0.1
 */
SipSimpleRlmi *
sip_simple_rlmi_parse (const char *content_type, GBytes *body, GError **error)
{
  g_autoptr (SipSimpleRlmi) self = NULL;
  g_autofree char *type = NULL;

  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = g_object_new (SIP_SIMPLE_TYPE_RLMI, NULL);
  type = sip_simple_mime_type (content_type);
  if (g_strcmp0 (type, SIP_SIMPLE_RLMI_CONTENT_TYPE) == 0)
    {
      if (!parse_rlmi (self, body, NULL, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (g_strcmp0 (type, "multipart/related") == 0)
    {
      g_autoptr (GError) mime_error = NULL;
      g_autoptr (GPtrArray) parts = sip_simple_mime_split (content_type, body, &mime_error);
      g_autofree char *start = NULL;
      SipSimpleMimePart *root = NULL;
      g_autofree char *root_type = NULL;

      if (parts == NULL)
        {
          /* the sip layer's parse error, in this document's domain */
          g_set_error_literal (error, SIP_SIMPLE_PRESENCE_ERROR,
                               g_error_matches (mime_error, SIP_SIMPLE_PARSE_ERROR,
                                                SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE)
                                 ? SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED
                                 : SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
                               mime_error->message);
          return NULL;
        }
      start = sip_simple_mime_param (content_type, "start");
      root = start ? part_by_cid (parts, start) : NULL;
      if (root == NULL && start == NULL && parts->len > 0)
        root = g_ptr_array_index (parts, 0);
      if (root == NULL)
        {
          invalid (error, "the root part %s is missing", start ? start : "");
          return NULL;
        }
      root_type = sip_simple_mime_type (root->content_type);
      if (g_strcmp0 (root_type, SIP_SIMPLE_RLMI_CONTENT_TYPE) != 0)
        {
          invalid (error, "the root part is %s, not %s", root_type, SIP_SIMPLE_RLMI_CONTENT_TYPE);
          return NULL;
        }
      if (!parse_rlmi (self, root->body, parts, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED,
               "A %s body is not a resource list notification", type ? type : "typeless");
  return NULL;
}

/**
 * sip_simple_rlmi_get_uri:
 * @self: a notification
 *
 * Gets the URI of the list.
 *
 * Returns: (transfer none): the URI of the list
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_get_uri (SipSimpleRlmi *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), NULL);
  return self->uri;
}

/**
 * sip_simple_rlmi_get_name:
 * @self: a notification
 *
 * Gets the list's name.
 *
 * Returns: (transfer none) (nullable): the list's name
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_get_name (SipSimpleRlmi *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), NULL);
  return self->name;
}

/**
 * sip_simple_rlmi_get_version:
 * @self: a notification
 *
 * Gets the version of the notification (it grows by one each time).
 *
 * Returns: the version of the notification (it grows by one each time)
 *
 * Since: 0.1
 */
guint
sip_simple_rlmi_get_version (SipSimpleRlmi *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), 0);
  return self->version;
}

/**
 * sip_simple_rlmi_get_full_state:
 * @self: a notification
 *
 * Tells whether every resource of the list is described, %FALSE if only those
 * that changed are.
 *
 * Returns: %TRUE if every resource of the list is described, %FALSE if
 *   only those that changed are
 *
 * Since: 0.1
 */
gboolean
sip_simple_rlmi_get_full_state (SipSimpleRlmi *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), FALSE);
  return self->full_state;
}

/**
 * sip_simple_rlmi_get_resources:
 * @self: a notification
 *
 * Gets the resources, in document order.
 *
 * Returns: (transfer container) (element-type SipSimpleRlmiResource): the
 *   resources, in document order
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_rlmi_get_resources (SipSimpleRlmi *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), NULL);
  copy = g_ptr_array_new_full (self->resources->len, g_object_unref);
  for (guint i = 0; i < self->resources->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->resources, i)));
  return copy;
}

/**
 * sip_simple_rlmi_find:
 * @self: a notification
 * @uri: a resource URI
 *
 * Looks up a resource of the list by its URI.
 *
 * Returns: (transfer none) (nullable): the resource with that URI
 *
 * Since: 0.1
 */
SipSimpleRlmiResource *
sip_simple_rlmi_find (SipSimpleRlmi *self, const char *uri)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  for (guint i = 0; i < self->resources->len; i++)
    {
      SipSimpleRlmiResource *r = g_ptr_array_index (self->resources, i);
      if (g_strcmp0 (sip_simple_rlmi_resource_get_uri (r), uri) == 0)
        return r;
    }
  return NULL;
}

static void
sip_simple_rlmi_finalize (GObject *object)
{
  SipSimpleRlmi *self = SIP_SIMPLE_RLMI (object);

  g_free (self->uri);
  g_free (self->name);
  g_ptr_array_unref (self->resources);
  G_OBJECT_CLASS (sip_simple_rlmi_parent_class)->finalize (object);
}

static void
sip_simple_rlmi_class_init (SipSimpleRlmiClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_rlmi_finalize;
}

static void
sip_simple_rlmi_init (SipSimpleRlmi *self)
{
  self->resources = g_ptr_array_new_with_free_func (g_object_unref);
}
