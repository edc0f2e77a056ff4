/* libsipsimple - SipSimpleRlmiResource: one resource of an RLMI notification (RFC 4662)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/rlmi-resource.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/presence-error.h>
#include "rlmi-resource-private.h"
#include "sip/mime-internal.h"

/**
 * SipSimpleRlmiResource:
 *
 * A member of a resource list as a resource list server reports it in a
 * [class@SipSimple.Rlmi] notification: its URI and name, the state of the
 * server's subscription to it ("active", "pending", "terminated" with a
 * reason) and, when the notification carries it, the resource's own state
 * document (a PIDF for presence lists).
 *
 * Since: 0.1
 */

struct _SipSimpleRlmiResource
{
  GObject parent_instance;
  char   *uri;
  char   *name;
  char   *state;
  char   *reason;
  char   *content_type;
  GBytes *body;
};

G_DEFINE_FINAL_TYPE (SipSimpleRlmiResource, sip_simple_rlmi_resource, G_TYPE_OBJECT)

SipSimpleRlmiResource *
sip_simple_rlmi_resource_new (const char *uri, const char *name, const char *state,
                              const char *reason)
{
  SipSimpleRlmiResource *self = g_object_new (SIP_SIMPLE_TYPE_RLMI_RESOURCE, NULL);

  self->uri = g_strdup (uri);
  self->name = g_strdup (name);
  self->state = g_strdup (state);
  self->reason = g_strdup (reason);
  return self;
}

void
sip_simple_rlmi_resource_set_body (SipSimpleRlmiResource *self, const char *content_type,
                                   GBytes *body)
{
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body ? g_bytes_ref (body) : NULL;
}

/**
 * sip_simple_rlmi_resource_get_uri:
 * @self: a resource
 *
 * Gets the resource's URI.
 *
 * Returns: (transfer none): the resource's URI
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_resource_get_uri (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->uri;
}

/**
 * sip_simple_rlmi_resource_get_name:
 * @self: a resource
 *
 * Gets the resource's name in the list.
 *
 * Returns: (transfer none) (nullable): the resource's name in the list
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_resource_get_name (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->name;
}

/**
 * sip_simple_rlmi_resource_get_state:
 * @self: a resource
 *
 * Gets the state of the server's subscription to the resource: "active",
 * "pending" or "terminated"; %NULL when the notification lists no instance of
 * it.
 *
 * Returns: (transfer none) (nullable): the state of the server's
 *   subscription to the resource: "active", "pending" or "terminated";
 *   %NULL when the notification lists no instance of it
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_resource_get_state (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->state;
}

/**
 * sip_simple_rlmi_resource_get_reason:
 * @self: a resource
 *
 * Gets why a terminated subscription to the resource ended ("rejected",
 * "noresource", ...).
 *
 * Returns: (transfer none) (nullable): why a terminated subscription
 *   ended ("rejected", "noresource", ...)
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_resource_get_reason (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->reason;
}

/**
 * sip_simple_rlmi_resource_get_content_type:
 * @self: a resource
 *
 * Gets the type of the resource's state document, %NULL when the notification
 * does not carry one.
 *
 * Returns: (transfer none) (nullable): the type of the resource's state
 *   document, %NULL when the notification does not carry one
 *
 * Since: 0.1
 */
const char *
sip_simple_rlmi_resource_get_content_type (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->content_type;
}

/**
 * sip_simple_rlmi_resource_get_body:
 * @self: a resource
 *
 * Gets the resource's state document.
 *
 * Returns: (transfer none) (nullable): the resource's state document
 *
 * Since: 0.1
 */
GBytes *
sip_simple_rlmi_resource_get_body (SipSimpleRlmiResource *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  return self->body;
}

/**
 * sip_simple_rlmi_resource_get_pidf:
 * @self: a resource
 * @error: return location for a #GError
 *
 * Parses the resource's state document as PIDF.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR (%SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED
 *   when there is no `application/pidf+xml` body)
 *
 * Since: 0.1
 */
SipSimplePidf *
sip_simple_rlmi_resource_get_pidf (SipSimpleRlmiResource *self, GError **error)
{
  g_autofree char *type = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_RLMI_RESOURCE (self), NULL);
  type = sip_simple_mime_type (self->content_type);
  if (self->body == NULL || g_strcmp0 (type, SIP_SIMPLE_PIDF_CONTENT_TYPE) != 0)
    {
      g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED,
                   "The resource %s has no PIDF document", self->uri);
      return NULL;
    }
  return sip_simple_pidf_parse (self->body, error);
}

static void
sip_simple_rlmi_resource_finalize (GObject *object)
{
  SipSimpleRlmiResource *self = SIP_SIMPLE_RLMI_RESOURCE (object);

  g_free (self->uri);
  g_free (self->name);
  g_free (self->state);
  g_free (self->reason);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  G_OBJECT_CLASS (sip_simple_rlmi_resource_parent_class)->finalize (object);
}

static void
sip_simple_rlmi_resource_class_init (SipSimpleRlmiResourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_rlmi_resource_finalize;
}

static void
sip_simple_rlmi_resource_init (SipSimpleRlmiResource *self)
{
}
