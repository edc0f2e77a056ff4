/* libsipsimple - SipSimplePresRules: an XCAP pres-rules document (RFC 5025)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/pres-rules.h>
#include "xml-private.h"

#include <string.h>

/**
 * SipSimplePresRules:
 *
 * Presence authorization rules (RFC 5025 on the common policy of RFC
 * 4745, `application/auth-policy+xml`), as an XCAP server keeps them
 * under the `pres-rules` application: which watchers may see the
 * presentity's state.
 *
 * The object decides per watcher URI ([method@SipSimple.PresRules.set_policy]):
 * it keeps one rule per [enum@SipSimple.WatcherPolicy] (ids
 * `sipsimple-allow`, `sipsimple-block`, ...) whose identity condition
 * lists the watchers, and a granted rule exposes every service, person,
 * device and attribute. Like [class@SipSimple.ResourceLists] it edits the
 * parsed XML in place, so rules written by other clients survive; a
 * watcher found in such a rule is moved when its policy is set.
 *
 * Since: 0.1
 */

struct _SipSimplePresRules
{
  GObject  parent_instance;
  xmlDoc  *doc;
};

G_DEFINE_FINAL_TYPE (SipSimplePresRules, sip_simple_pres_rules, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleWatcherPolicy, sip_simple_watcher_policy,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_POLICY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_POLICY_ALLOW, "allow"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_POLICY_BLOCK, "block"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_POLICY_POLITE_BLOCK, "polite-block"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_POLICY_CONFIRM, "confirm"))

/* sub-handling values, indexed by policy */
static const char *const actions[] = { NULL, "allow", "block", "polite-block", "confirm" };

/**
 * sip_simple_pres_rules_new:
 *
 * Creates a ruleset without rules.
 *
 * Returns: (transfer full): a ruleset without rules
 *
 * Since: 0.1
 */
SipSimplePresRules *
sip_simple_pres_rules_new (void)
{
  SipSimplePresRules *self = g_object_new (SIP_SIMPLE_TYPE_PRES_RULES, NULL);
  xmlNode *root;

  self->doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "ruleset");
  xmlSetNs (root, xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_CP, (const xmlChar *) "cr"));
  xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_PR, (const xmlChar *) "pr");
  xmlDocSetRootElement (self->doc, root);
  return self;
}

/**
 * sip_simple_pres_rules_parse:
 * @data: an `application/auth-policy+xml` document
 * @error: return location for a #GError
 *
 * Parses a pres-rules (common-policy) document.
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR
 *
 * Since: 0.1
 */
SipSimplePresRules *
sip_simple_pres_rules_parse (GBytes *data, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  SipSimplePresRules *self;

  g_return_val_if_fail (data != NULL, NULL);
  doc = sip_simple_xml_parse (data, "pres-rules document", error);
  if (doc == NULL)
    return NULL;
  if (sip_simple_xml_root (doc, SIP_SIMPLE_NS_CP, "ruleset", "pres-rules document", error) == NULL)
    return NULL;
  self = g_object_new (SIP_SIMPLE_TYPE_PRES_RULES, NULL);
  self->doc = g_steal_pointer (&doc);
  return self;
}

/**
 * sip_simple_pres_rules_to_bytes:
 * @self: the rules
 *
 * Serializes the rules as XML, to PUT with content type
 * %SIP_SIMPLE_PRES_RULES_CONTENT_TYPE.
 *
 * Returns: (transfer full): the XML, to PUT with content type
 *   %SIP_SIMPLE_PRES_RULES_CONTENT_TYPE
 *
 * Since: 0.1
 */
GBytes *
sip_simple_pres_rules_to_bytes (SipSimplePresRules *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PRES_RULES (self), NULL);
  return sip_simple_xml_to_bytes (self->doc);
}

static SipSimpleWatcherPolicy
rule_policy (xmlNode *rule)
{
  xmlNode *acts = sip_simple_xml_child (rule, SIP_SIMPLE_NS_CP, "actions");
  xmlNode *sh = sip_simple_xml_child (acts, SIP_SIMPLE_NS_PR, "sub-handling");
  g_autofree char *text = sip_simple_xml_text (sh);

  for (guint i = 1; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (text, actions[i]) == 0)
      return (SipSimpleWatcherPolicy) i;
  return SIP_SIMPLE_WATCHER_POLICY_NONE;
}

/* Calls @func on every <cr:one> of every rule's identity condition; stops
 * when it returns TRUE and returns that node. */
static xmlNode *
each_one (SipSimplePresRules *self, gboolean (*func) (xmlNode *rule, xmlNode *one, gpointer),
          gpointer data)
{
  xmlNode *root = xmlDocGetRootElement (self->doc);

  for (xmlNode *rule = root->children; rule; rule = rule->next)
    {
      xmlNode *cond, *ident;
      if (!sip_simple_xml_is (rule, SIP_SIMPLE_NS_CP, "rule"))
        continue;
      cond = sip_simple_xml_child (rule, SIP_SIMPLE_NS_CP, "conditions");
      ident = sip_simple_xml_child (cond, SIP_SIMPLE_NS_CP, "identity");
      for (xmlNode *one = ident ? ident->children : NULL; one;)
        {
          xmlNode *next = one->next;
          if (sip_simple_xml_is (one, SIP_SIMPLE_NS_CP, "one") && func (rule, one, data))
            return one;
          one = next;
        }
    }
  return NULL;
}

static gboolean
matches (xmlNode *rule, xmlNode *one, gpointer data)
{
  g_autofree char *id = sip_simple_xml_prop (one, "id");
  return sip_simple_xml_same_uri (id, data);
}

/**
 * sip_simple_pres_rules_get_policy:
 * @self: the rules
 * @uri: a watcher's URI
 *
 * Gets the policy of the first rule naming @uri, or
 * %SIP_SIMPLE_WATCHER_POLICY_NONE.
 *
 * Returns: the policy of the first rule naming @uri, or
 *   %SIP_SIMPLE_WATCHER_POLICY_NONE
 *
 * Since: 0.1
 */
SipSimpleWatcherPolicy
sip_simple_pres_rules_get_policy (SipSimplePresRules *self, const char *uri)
{
  xmlNode *one;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRES_RULES (self), SIP_SIMPLE_WATCHER_POLICY_NONE);
  g_return_val_if_fail (uri != NULL, SIP_SIMPLE_WATCHER_POLICY_NONE);
  one = each_one (self, matches, (gpointer) uri);
  return one ? rule_policy (one->parent->parent->parent) : SIP_SIMPLE_WATCHER_POLICY_NONE;
}

typedef struct {
  const char *uri;
  gboolean    removed;
} Removal;

static gboolean
remove_matching (xmlNode *rule, xmlNode *one, gpointer data)
{
  Removal *r = data;
  if (matches (rule, one, (gpointer) r->uri))
    {
      xmlUnlinkNode (one);
      xmlFreeNode (one);
      r->removed = TRUE;
    }
  return FALSE;
}

static xmlNode *
our_rule (SipSimplePresRules *self, SipSimpleWatcherPolicy policy)
{
  g_autofree char *id = g_strconcat ("sipsimple-", actions[policy], NULL);
  xmlNode *root = xmlDocGetRootElement (self->doc);
  xmlNode *rule, *cond, *acts, *trans, *node;

  for (rule = root->children; rule; rule = rule->next)
    {
      g_autofree char *rid = NULL;
      if (!sip_simple_xml_is (rule, SIP_SIMPLE_NS_CP, "rule"))
        continue;
      rid = sip_simple_xml_prop (rule, "id");
      if (g_strcmp0 (rid, id) == 0)
        return sip_simple_xml_child (sip_simple_xml_child (rule, SIP_SIMPLE_NS_CP, "conditions"),
                                     SIP_SIMPLE_NS_CP, "identity");
    }

  rule = sip_simple_xml_add_child (root, SIP_SIMPLE_NS_CP, "cr", "rule", NULL);
  xmlNewProp (rule, (const xmlChar *) "id", (const xmlChar *) id);
  cond = sip_simple_xml_add_child (rule, SIP_SIMPLE_NS_CP, "cr", "conditions", NULL);
  node = sip_simple_xml_add_child (cond, SIP_SIMPLE_NS_CP, "cr", "identity", NULL);
  acts = sip_simple_xml_add_child (rule, SIP_SIMPLE_NS_CP, "cr", "actions", NULL);
  sip_simple_xml_add_child (acts, SIP_SIMPLE_NS_PR, "pr", "sub-handling", actions[policy]);
  trans = sip_simple_xml_add_child (rule, SIP_SIMPLE_NS_CP, "cr", "transformations", NULL);
  if (policy == SIP_SIMPLE_WATCHER_POLICY_ALLOW)
    {
      /* what an authorized watcher may see: everything */
      xmlNode *s = sip_simple_xml_add_child (trans, SIP_SIMPLE_NS_PR, "pr", "provide-services", NULL);
      xmlNode *p = sip_simple_xml_add_child (trans, SIP_SIMPLE_NS_PR, "pr", "provide-persons", NULL);
      xmlNode *d = sip_simple_xml_add_child (trans, SIP_SIMPLE_NS_PR, "pr", "provide-devices", NULL);
      sip_simple_xml_add_child (s, SIP_SIMPLE_NS_PR, "pr", "all-services", NULL);
      sip_simple_xml_add_child (p, SIP_SIMPLE_NS_PR, "pr", "all-persons", NULL);
      sip_simple_xml_add_child (d, SIP_SIMPLE_NS_PR, "pr", "all-devices", NULL);
      sip_simple_xml_add_child (trans, SIP_SIMPLE_NS_PR, "pr", "provide-all-attributes", NULL);
    }
  return node;
}

/**
 * sip_simple_pres_rules_set_policy:
 * @self: the rules
 * @uri: a watcher's URI
 * @policy: what to do with the watcher's subscriptions;
 *   %SIP_SIMPLE_WATCHER_POLICY_NONE removes the watcher from every rule
 *
 * Sets the policy for one watcher.
 *
 * Returns: whether the document changed
 *
 * Since: 0.1
 */
gboolean
sip_simple_pres_rules_set_policy (SipSimplePresRules    *self,
                                  const char            *uri,
                                  SipSimpleWatcherPolicy policy)
{
  Removal r = { uri, FALSE };
  xmlNode *ident, *one;

  g_return_val_if_fail (SIP_SIMPLE_IS_PRES_RULES (self), FALSE);
  g_return_val_if_fail (uri != NULL && *uri != '\0', FALSE);
  g_return_val_if_fail (policy <= SIP_SIMPLE_WATCHER_POLICY_CONFIRM, FALSE);

  one = each_one (self, matches, (gpointer) uri);
  if (one != NULL && policy != SIP_SIMPLE_WATCHER_POLICY_NONE
      && rule_policy (one->parent->parent->parent) == policy)
    return FALSE;
  each_one (self, remove_matching, &r);
  if (policy == SIP_SIMPLE_WATCHER_POLICY_NONE)
    return r.removed;
  ident = our_rule (self, policy);
  one = sip_simple_xml_add_child (ident, SIP_SIMPLE_NS_CP, "cr", "one", NULL);
  xmlNewProp (one, (const xmlChar *) "id", (const xmlChar *) uri);
  return TRUE;
}

typedef struct {
  SipSimpleWatcherPolicy policy;
  GStrvBuilder          *builder;
} Collect;

static gboolean
collect (xmlNode *rule, xmlNode *one, gpointer data)
{
  Collect *c = data;
  if (rule_policy (rule) == c->policy)
    {
      g_autofree char *id = sip_simple_xml_prop (one, "id");
      if (id != NULL)
        g_strv_builder_add (c->builder, id);
    }
  return FALSE;
}

/**
 * sip_simple_pres_rules_get_watchers:
 * @self: the rules
 * @policy: a policy other than %SIP_SIMPLE_WATCHER_POLICY_NONE
 *
 * Gets the URIs named in the rules with that policy.
 *
 * Returns: (transfer full) (array zero-terminated=1): the URIs named in
 *   the rules with that policy
 *
 * Since: 0.1
 */
char **
sip_simple_pres_rules_get_watchers (SipSimplePresRules *self, SipSimpleWatcherPolicy policy)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  Collect c = { policy, b };

  g_return_val_if_fail (SIP_SIMPLE_IS_PRES_RULES (self), NULL);
  each_one (self, collect, &c);
  return g_strv_builder_end (b);
}

static void
sip_simple_pres_rules_finalize (GObject *object)
{
  SipSimplePresRules *self = SIP_SIMPLE_PRES_RULES (object);

  g_clear_pointer (&self->doc, xmlFreeDoc);
  G_OBJECT_CLASS (sip_simple_pres_rules_parent_class)->finalize (object);
}

static void
sip_simple_pres_rules_class_init (SipSimplePresRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_pres_rules_finalize;
}

static void
sip_simple_pres_rules_init (SipSimplePresRules *self)
{
}
