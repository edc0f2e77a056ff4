/* libsipsimple - SipSimpleWatcherInfo: a watcher-info document (RFC 3857, 3858)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/watcher-info.h>
#include <sipsimple/presence/presence-error.h>
#include <sipsimple/presence/watcher.h>
#include "xml-private.h"

#include <string.h>

/**
 * SipSimpleWatcherInfo:
 *
 * Who watches a resource: the `application/watcherinfo+xml` documents of
 * the `presence.winfo` event package (RFC 3857, 3858), a list of
 * [class@SipSimple.Watcher] with the status of their subscriptions.
 *
 * A notifier sends the full state first and then partial documents with
 * only what changed, numbered by version.
 * [method@SipSimple.WatcherInfo.update] applies a newer document (full or
 * partial) to the state kept so far and reports a gap in the versions, in
 * which case the subscriber should refresh its subscription to get the
 * full state again.
 *
 * Since: 0.1
 */

struct _SipSimpleWatcherInfo
{
  GObject    parent_instance;
  guint      version;
  gboolean   full;
  GPtrArray *watchers;
};

G_DEFINE_FINAL_TYPE (SipSimpleWatcherInfo, sip_simple_watcher_info, G_TYPE_OBJECT)

/**
 * sip_simple_watcher_info_new:
 *
 * Creates an empty full-state document, version 0.
 *
 * Returns: (transfer full): an empty full-state document, version 0
 *
 * Since: 0.1
 */
SipSimpleWatcherInfo *
sip_simple_watcher_info_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_WATCHER_INFO, NULL);
}

static const char *const status_names[] = { "pending", "active", "waiting", "terminated" };

#define invalid(error, ...) sip_simple_xml_invalid (error, "watcher-info document", __VA_ARGS__)

static gboolean
parse_uint (const char *text, guint *out)
{
  char *end = NULL;
  guint64 v;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static SipSimpleWatcher *
parse_watcher (const xmlNode *node, const char *resource, const char *package, GError **error)
{
  g_autofree char *id = sip_simple_xml_prop (node, "id");
  g_autofree char *status = sip_simple_xml_prop (node, "status");
  g_autofree char *event = sip_simple_xml_prop (node, "event");
  g_autofree char *name = sip_simple_xml_prop (node, "display-name");
  g_autofree char *duration = sip_simple_xml_prop (node, "duration-subscribed");
  g_autofree char *uri = sip_simple_xml_text (node);
  SipSimpleWatcher *w;
  guint d = 0;
  gint st = -1;

  if (id == NULL || status == NULL || event == NULL || uri == NULL)
    {
      invalid (error, "a <watcher> needs id, status, event and a URI (line %ld)",
               (long) xmlGetLineNo (node));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (status, status_names[i]) == 0)
      st = (gint) i;
  if (st < 0)
    {
      invalid (error, "unknown watcher status \"%s\" (line %ld)", status, (long) xmlGetLineNo (node));
      return NULL;
    }
  if (duration != NULL && !parse_uint (duration, &d))
    {
      invalid (error, "bad duration-subscribed \"%s\" (line %ld)", duration,
               (long) xmlGetLineNo (node));
      return NULL;
    }
  w = sip_simple_watcher_new (id, uri, (SipSimpleWatcherStatus) st);
  sip_simple_watcher_set_event (w, event);
  sip_simple_watcher_set_display_name (w, name);
  sip_simple_watcher_set_resource (w, resource);
  sip_simple_watcher_set_package (w, package);
  sip_simple_watcher_set_duration_subscribed (w, d);
  return w;
}

/**
 * sip_simple_watcher_info_parse:
 * @data: an `application/watcherinfo+xml` document
 * @error: return location for a #GError
 *
 * Parses a watcher-info document (RFC 3858).
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR
 *
 * Since: 0.1
 */
SipSimpleWatcherInfo *
sip_simple_watcher_info_parse (GBytes *data, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (SipSimpleWatcherInfo) self = NULL;
  g_autofree char *version = NULL;
  g_autofree char *state = NULL;
  xmlNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  doc = sip_simple_xml_parse (data, "watcher-info document", error);
  if (doc == NULL)
    return NULL;
  root = sip_simple_xml_root (doc, SIP_SIMPLE_NS_WINFO, "watcherinfo", "watcher-info document",
                              error);
  if (root == NULL)
    return NULL;

  self = sip_simple_watcher_info_new ();
  version = sip_simple_xml_prop (root, "version");
  state = sip_simple_xml_prop (root, "state");
  if (!parse_uint (version, &self->version))
    {
      invalid (error, "bad or missing version \"%s\"", version ? version : "");
      return NULL;
    }
  if (g_strcmp0 (state, "full") == 0)
    self->full = TRUE;
  else if (g_strcmp0 (state, "partial") == 0)
    self->full = FALSE;
  else
    {
      invalid (error, "state \"%s\" is neither full nor partial", state ? state : "");
      return NULL;
    }

  for (xmlNode *list = root->children; list; list = list->next)
    {
      g_autofree char *resource = NULL;
      g_autofree char *package = NULL;

      if (!sip_simple_xml_is (list, SIP_SIMPLE_NS_WINFO, "watcher-list"))
        continue;
      resource = sip_simple_xml_prop (list, "resource");
      package = sip_simple_xml_prop (list, "package");
      if (resource == NULL || package == NULL)
        {
          invalid (error, "a <watcher-list> needs resource and package (line %ld)",
                   (long) xmlGetLineNo (list));
          return NULL;
        }
      for (xmlNode *c = list->children; c; c = c->next)
        {
          SipSimpleWatcher *w;
          if (!sip_simple_xml_is (c, SIP_SIMPLE_NS_WINFO, "watcher"))
            continue;
          w = parse_watcher (c, resource, package, error);
          if (w == NULL)
            return NULL;
          g_ptr_array_add (self->watchers, w);
        }
    }
  return g_steal_pointer (&self);
}

/**
 * sip_simple_watcher_info_to_bytes:
 * @self: a document
 *
 * Serializes the document, one watcher-list per resource and package.
 *
 * Returns: (transfer full): the XML
 *
 * Since: 0.1
 */
GBytes *
sip_simple_watcher_info_to_bytes (SipSimpleWatcherInfo *self)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GHashTable) lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *version = NULL;
  xmlNode *root;
  xmlNs *ns;

  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self), NULL);
  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "watcherinfo");
  xmlDocSetRootElement (doc, root);
  ns = xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_WINFO, NULL);
  xmlSetNs (root, ns);
  version = g_strdup_printf ("%u", self->version);
  xmlNewProp (root, (const xmlChar *) "version", (const xmlChar *) version);
  xmlNewProp (root, (const xmlChar *) "state", (const xmlChar *) (self->full ? "full" : "partial"));

  for (guint i = 0; i < self->watchers->len; i++)
    {
      SipSimpleWatcher *w = g_ptr_array_index (self->watchers, i);
      const char *resource = sip_simple_watcher_get_resource (w);
      const char *package = sip_simple_watcher_get_package (w);
      g_autofree char *key = g_strdup_printf ("%s\n%s", resource ? resource : "",
                                              package ? package : "presence");
      xmlNode *list = g_hash_table_lookup (lists, key);
      xmlNode *wn;

      if (list == NULL)
        {
          list = xmlNewChild (root, ns, (const xmlChar *) "watcher-list", NULL);
          xmlNewProp (list, (const xmlChar *) "resource", (const xmlChar *) (resource ? resource : ""));
          xmlNewProp (list, (const xmlChar *) "package", (const xmlChar *) (package ? package : "presence"));
          g_hash_table_insert (lists, g_steal_pointer (&key), list);
        }
      wn = xmlNewTextChild (list, ns, (const xmlChar *) "watcher",
                            (const xmlChar *) sip_simple_watcher_get_uri (w));
      xmlNewProp (wn, (const xmlChar *) "id", (const xmlChar *) sip_simple_watcher_get_id (w));
      xmlNewProp (wn, (const xmlChar *) "status",
                  (const xmlChar *) status_names[sip_simple_watcher_get_status (w)]);
      xmlNewProp (wn, (const xmlChar *) "event",
                  (const xmlChar *) (sip_simple_watcher_get_event (w) ? sip_simple_watcher_get_event (w) : "subscribe"));
      if (sip_simple_watcher_get_display_name (w) != NULL)
        xmlNewProp (wn, (const xmlChar *) "display-name",
                    (const xmlChar *) sip_simple_watcher_get_display_name (w));
      if (sip_simple_watcher_get_duration_subscribed (w) > 0)
        {
          g_autofree char *d = g_strdup_printf ("%u", sip_simple_watcher_get_duration_subscribed (w));
          xmlNewProp (wn, (const xmlChar *) "duration-subscribed", (const xmlChar *) d);
        }
    }
  return sip_simple_xml_to_bytes (doc);
}

/**
 * sip_simple_watcher_info_get_version:
 * @self: a document
 *
 * Gets the version number.
 *
 * Returns: the version number
 *
 * Since: 0.1
 */
guint
sip_simple_watcher_info_get_version (SipSimpleWatcherInfo *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self), 0);
  return self->version;
}

/**
 * sip_simple_watcher_info_set_version:
 * @self: a document
 * @version: the version number
 *
 * Sets the version.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_info_set_version (SipSimpleWatcherInfo *self, guint version)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self));
  self->version = version;
}

/**
 * sip_simple_watcher_info_get_full:
 * @self: a document
 *
 * Tells whether the document holds the full state or a partial update.
 *
 * Returns: %TRUE for the full state, %FALSE for a partial update
 *
 * Since: 0.1
 */
gboolean
sip_simple_watcher_info_get_full (SipSimpleWatcherInfo *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self), FALSE);
  return self->full;
}

/**
 * sip_simple_watcher_info_set_full:
 * @self: a document
 * @full: whether the document has the full state
 *
 * Sets the state attribute.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_info_set_full (SipSimpleWatcherInfo *self, gboolean full)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self));
  self->full = full;
}

/**
 * sip_simple_watcher_info_get_watchers:
 * @self: a document
 *
 * Gets the watchers of every list, in document order.
 *
 * Returns: (transfer container) (element-type SipSimpleWatcher): the
 *   watchers of every list, in document order
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_watcher_info_get_watchers (SipSimpleWatcherInfo *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self), NULL);
  copy = g_ptr_array_new_full (self->watchers->len, g_object_unref);
  for (guint i = 0; i < self->watchers->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->watchers, i)));
  return copy;
}

/**
 * sip_simple_watcher_info_add_watcher:
 * @self: a document
 * @watcher: a watcher; its resource and package choose its watcher-list
 *
 * Adds a watcher.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_info_add_watcher (SipSimpleWatcherInfo *self, SipSimpleWatcher *watcher)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self));
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (watcher));
  g_ptr_array_add (self->watchers, g_object_ref (watcher));
}

static gboolean
same_watcher (SipSimpleWatcher *a, SipSimpleWatcher *b)
{
  return g_strcmp0 (sip_simple_watcher_get_id (a), sip_simple_watcher_get_id (b)) == 0
         && g_strcmp0 (sip_simple_watcher_get_resource (a), sip_simple_watcher_get_resource (b)) == 0
         && g_strcmp0 (sip_simple_watcher_get_package (a), sip_simple_watcher_get_package (b)) == 0;
}

/**
 * sip_simple_watcher_info_update:
 * @self: the state so far
 * @newer: a document that arrived later
 * @error: return location for a #GError
 *
 * Applies @newer to @self: a full document replaces the state, a partial
 * one (whose version must follow @self's) adds or updates the watchers it
 * lists. Watchers that stay are updated in place (their properties
 * notify), so references to them remain valid.
 *
 * Returns: %FALSE with %SIP_SIMPLE_PRESENCE_ERROR_INVALID when @newer is
 *   partial and versions were skipped, or it is older than @self: the
 *   state is then unknown until the next full document
 *
 * Since: 0.1
 */
gboolean
sip_simple_watcher_info_update (SipSimpleWatcherInfo *self,
                                SipSimpleWatcherInfo *newer,
                                GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER_INFO (newer), FALSE);

  if (!newer->full && newer->version != self->version + 1)
    return invalid (error, "partial version %u does not follow version %u", newer->version,
                    self->version);
  if (newer->full)
    {
      /* drop the watchers the full state no longer has */
      for (guint i = self->watchers->len; i-- > 0;)
        {
          gboolean kept = FALSE;
          for (guint j = 0; j < newer->watchers->len && !kept; j++)
            kept = same_watcher (g_ptr_array_index (self->watchers, i),
                                 g_ptr_array_index (newer->watchers, j));
          if (!kept)
            g_ptr_array_remove_index (self->watchers, i);
        }
    }
  for (guint j = 0; j < newer->watchers->len; j++)
    {
      SipSimpleWatcher *n = g_ptr_array_index (newer->watchers, j);
      gboolean found = FALSE;
      for (guint i = 0; i < self->watchers->len && !found; i++)
        {
          SipSimpleWatcher *o = g_ptr_array_index (self->watchers, i);
          if (same_watcher (o, n))
            {
              sip_simple_watcher_update (o, n);
              found = TRUE;
            }
        }
      if (!found)
        g_ptr_array_add (self->watchers, sip_simple_watcher_copy (n));
    }
  self->version = newer->version;
  self->full = TRUE;
  return TRUE;
}

static void
sip_simple_watcher_info_finalize (GObject *object)
{
  SipSimpleWatcherInfo *self = SIP_SIMPLE_WATCHER_INFO (object);

  g_ptr_array_unref (self->watchers);
  G_OBJECT_CLASS (sip_simple_watcher_info_parent_class)->finalize (object);
}

static void
sip_simple_watcher_info_class_init (SipSimpleWatcherInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_watcher_info_finalize;
}

static void
sip_simple_watcher_info_init (SipSimpleWatcherInfo *self)
{
  self->full = TRUE;
  self->watchers = g_ptr_array_new_with_free_func (g_object_unref);
}
