/* libsipsimple - SipSimpleWatcher: one watcher of a watcher-info document (RFC 3858)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/watcher.h>

/**
 * SipSimpleWatcher:
 *
 * Someone subscribed to a resource's state, as a watcher-info document
 * (RFC 3858) describes them: who (URI and display name), the status of
 * their subscription and the event that led to it ("subscribe",
 * "approved", "deactivated", "probation", "rejected", "timeout",
 * "giveup", "noresource"), for which resource and event package.
 *
 * The properties notify when a newer document changes them, so a list of
 * watchers (such as [method@SipSimple.Account.get_watchers]) can be bound
 * to a view.
 *
 * Since: 0.1
 */

struct _SipSimpleWatcher
{
  GObject parent_instance;
  char   *id;
  char   *uri;
  SipSimpleWatcherStatus status;
  char   *event;
  char   *display_name;
  char   *resource;
  char   *package;
  guint   duration;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_URI,
  PROP_STATUS,
  PROP_EVENT,
  PROP_DISPLAY_NAME,
  PROP_RESOURCE,
  PROP_PACKAGE,
  PROP_DURATION_SUBSCRIBED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SipSimpleWatcher, sip_simple_watcher, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleWatcherStatus, sip_simple_watcher_status,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_STATUS_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_WATCHER_STATUS_TERMINATED, "terminated"))

/**
 * sip_simple_watcher_new:
 * @id: the id of the watcher's subscription (unique within its list)
 * @uri: the watcher, such as `sip:bob@example.com`
 * @status: the subscription's status
 *
 * Creates a new watcher.
 *
 * Returns: (transfer full): a new watcher
 *
 * Since: 0.1
 */
SipSimpleWatcher *
sip_simple_watcher_new (const char *id, const char *uri, SipSimpleWatcherStatus status)
{
  g_return_val_if_fail (id != NULL && uri != NULL, NULL);
  return g_object_new (SIP_SIMPLE_TYPE_WATCHER, "id", id, "uri", uri, "status", status, NULL);
}

/**
 * sip_simple_watcher_copy:
 * @self: a watcher
 *
 * Copies a watcher.
 *
 * Returns: (transfer full): a new watcher with the same values
 *
 * Since: 0.1
 */
SipSimpleWatcher *
sip_simple_watcher_copy (SipSimpleWatcher *self)
{
  SipSimpleWatcher *copy;

  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  copy = sip_simple_watcher_new (self->id, self->uri, self->status);
  sip_simple_watcher_update (copy, self);
  return copy;
}

static void
set_string (SipSimpleWatcher *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * sip_simple_watcher_update:
 * @self: a watcher
 * @from: a newer description of the same watcher
 *
 * Takes every value but the id from @from, notifying the properties that
 * change.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_update (SipSimpleWatcher *self, SipSimpleWatcher *from)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (from));
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->uri, from->uri, PROP_URI);
  sip_simple_watcher_set_status (self, from->status);
  set_string (self, &self->event, from->event, PROP_EVENT);
  set_string (self, &self->display_name, from->display_name, PROP_DISPLAY_NAME);
  set_string (self, &self->resource, from->resource, PROP_RESOURCE);
  set_string (self, &self->package, from->package, PROP_PACKAGE);
  sip_simple_watcher_set_duration_subscribed (self, from->duration);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sip_simple_watcher_get_id:
 * @self: a watcher
 *
 * Gets the id of the subscription.
 *
 * Returns: (transfer none): the id of the subscription
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_id (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->id;
}

/**
 * sip_simple_watcher_get_uri:
 * @self: a watcher
 *
 * Gets the watcher's URI.
 *
 * Returns: (transfer none): the watcher's URI
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_uri (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->uri;
}

/**
 * sip_simple_watcher_get_status:
 * @self: a watcher
 *
 * Gets the status of the subscription.
 *
 * Returns: the status of the subscription
 *
 * Since: 0.1
 */
SipSimpleWatcherStatus
sip_simple_watcher_get_status (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), SIP_SIMPLE_WATCHER_STATUS_PENDING);
  return self->status;
}

/**
 * sip_simple_watcher_set_status:
 * @self: a watcher
 * @status: the status
 *
 * Sets the status.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_status (SipSimpleWatcher *self, SipSimpleWatcherStatus status)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * sip_simple_watcher_get_event:
 * @self: a watcher
 *
 * Gets what last happened to the subscription.
 *
 * Returns: (transfer none) (nullable): what last happened to the
 *   subscription: "subscribe", "approved", "deactivated", "probation",
 *   "rejected", "timeout", "giveup" or "noresource"
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_event (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->event;
}

/**
 * sip_simple_watcher_set_event:
 * @self: a watcher
 * @event: (nullable): the event
 *
 * Sets the event.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_event (SipSimpleWatcher *self, const char *event)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  set_string (self, &self->event, event, PROP_EVENT);
}

/**
 * sip_simple_watcher_get_display_name:
 * @self: a watcher
 *
 * Gets the watcher's display name.
 *
 * Returns: (transfer none) (nullable): the watcher's display name
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_display_name (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->display_name;
}

/**
 * sip_simple_watcher_set_display_name:
 * @self: a watcher
 * @display_name: (nullable): the display name
 *
 * Sets the display name.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_display_name (SipSimpleWatcher *self, const char *display_name)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  set_string (self, &self->display_name, display_name, PROP_DISPLAY_NAME);
}

/**
 * sip_simple_watcher_get_resource:
 * @self: a watcher
 *
 * Gets the resource watched.
 *
 * Returns: (transfer none) (nullable): the resource watched
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_resource (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->resource;
}

/**
 * sip_simple_watcher_set_resource:
 * @self: a watcher
 * @resource: (nullable): the resource
 *
 * Sets the resource watched.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_resource (SipSimpleWatcher *self, const char *resource)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  set_string (self, &self->resource, resource, PROP_RESOURCE);
}

/**
 * sip_simple_watcher_get_package:
 * @self: a watcher
 *
 * Gets the event package watched, such as "presence".
 *
 * Returns: (transfer none) (nullable): the event package watched, such as
 *   "presence"
 *
 * Since: 0.1
 */
const char *
sip_simple_watcher_get_package (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), NULL);
  return self->package;
}

/**
 * sip_simple_watcher_set_package:
 * @self: a watcher
 * @package: (nullable): the event package
 *
 * Sets the event package.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_package (SipSimpleWatcher *self, const char *package)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  set_string (self, &self->package, package, PROP_PACKAGE);
}

/**
 * sip_simple_watcher_get_duration_subscribed:
 * @self: a watcher
 *
 * Gets how long the watcher has been subscribed, in seconds (0 when the
 * document does not say).
 *
 * Returns: how long the watcher has been subscribed, in seconds (0 when
 *   not given)
 *
 * Since: 0.1
 */
guint
sip_simple_watcher_get_duration_subscribed (SipSimpleWatcher *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_WATCHER (self), 0);
  return self->duration;
}

/**
 * sip_simple_watcher_set_duration_subscribed:
 * @self: a watcher
 * @seconds: how long the watcher has been subscribed
 *
 * Sets the duration.
 *
 * Since: 0.1
 */
void
sip_simple_watcher_set_duration_subscribed (SipSimpleWatcher *self, guint seconds)
{
  g_return_if_fail (SIP_SIMPLE_IS_WATCHER (self));
  if (self->duration == seconds)
    return;
  self->duration = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_SUBSCRIBED]);
}

static void
sip_simple_watcher_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  SipSimpleWatcher *self = SIP_SIMPLE_WATCHER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_URI:
      set_string (self, &self->uri, g_value_get_string (value), PROP_URI);
      break;
    case PROP_STATUS:
      sip_simple_watcher_set_status (self, g_value_get_enum (value));
      break;
    case PROP_EVENT:
      sip_simple_watcher_set_event (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      sip_simple_watcher_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_RESOURCE:
      sip_simple_watcher_set_resource (self, g_value_get_string (value));
      break;
    case PROP_PACKAGE:
      sip_simple_watcher_set_package (self, g_value_get_string (value));
      break;
    case PROP_DURATION_SUBSCRIBED:
      sip_simple_watcher_set_duration_subscribed (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_watcher_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleWatcher *self = SIP_SIMPLE_WATCHER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_RESOURCE:
      g_value_set_string (value, self->resource);
      break;
    case PROP_PACKAGE:
      g_value_set_string (value, self->package);
      break;
    case PROP_DURATION_SUBSCRIBED:
      g_value_set_uint (value, self->duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_watcher_finalize (GObject *object)
{
  SipSimpleWatcher *self = SIP_SIMPLE_WATCHER (object);

  g_free (self->id);
  g_free (self->uri);
  g_free (self->event);
  g_free (self->display_name);
  g_free (self->resource);
  g_free (self->package);
  G_OBJECT_CLASS (sip_simple_watcher_parent_class)->finalize (object);
}

static void
sip_simple_watcher_class_init (SipSimpleWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = sip_simple_watcher_set_property;
  object_class->get_property = sip_simple_watcher_get_property;
  object_class->finalize = sip_simple_watcher_finalize;

  /**
   * SipSimpleWatcher:id:
   *
   * The id of the watcher's subscription.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The subscription id", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleWatcher:uri:
   *
   * The watcher's URI.
   */
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, "The watcher's URI", NULL, rw);
  /**
   * SipSimpleWatcher:status:
   *
   * The status of the watcher's subscription.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, "The subscription status", SIP_SIMPLE_TYPE_WATCHER_STATUS,
                       SIP_SIMPLE_WATCHER_STATUS_PENDING, rw);
  /**
   * SipSimpleWatcher:event:
   *
   * What last happened to the subscription.
   */
  properties[PROP_EVENT] = g_param_spec_string ("event", NULL, "The last event", NULL, rw);
  /**
   * SipSimpleWatcher:display-name:
   *
   * The watcher's display name.
   */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, "The display name", NULL, rw);
  /**
   * SipSimpleWatcher:resource:
   *
   * The resource watched.
   */
  properties[PROP_RESOURCE] = g_param_spec_string ("resource", NULL, "The resource", NULL, rw);
  /**
   * SipSimpleWatcher:package:
   *
   * The event package watched.
   */
  properties[PROP_PACKAGE] = g_param_spec_string ("package", NULL, "The package", NULL, rw);
  /**
   * SipSimpleWatcher:duration-subscribed:
   *
   * Seconds the watcher has been subscribed.
   */
  properties[PROP_DURATION_SUBSCRIBED] =
    g_param_spec_uint ("duration-subscribed", NULL, "Seconds subscribed", 0, G_MAXUINT, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_watcher_init (SipSimpleWatcher *self)
{
}
