/* libsipsimple - SipSimpleBuddy: someone on an account's buddy list
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/buddy.h>
#include <sipsimple/engine/subscription.h>
#include <sipsimple/presence/pidf.h>
#include "buddy-private.h"

/**
 * SipSimpleBuddy:
 *
 * Someone on an account's buddy list
 * ([method@SipSimple.Account.get_buddies]) and what their presence says:
 * a one-word [property@SipSimple.Buddy:status], the note and RFC 4480
 * activities, and the whole [class@SipSimple.Pidf] document for anything
 * else. Every property notifies when a NOTIFY changes it, so a list view
 * can bind to them.
 *
 * A buddy whose subscription is not active (pending authorization,
 * refused, not subscribed because presence is off) is offline, with no
 * note.
 *
 * Since: 0.1
 */

struct _SipSimpleBuddy
{
  GObject parent_instance;
  char   *uri;
  char   *display_name;
  SipSimplePidf *pidf;
  SipSimplePresenceStatus status;
  char   *note;
  char  **activities;
  SipSimpleSubscriptionState subscription_state;
};

enum {
  PROP_0,
  PROP_URI,
  PROP_DISPLAY_NAME,
  PROP_STATUS,
  PROP_NOTE,
  PROP_ACTIVITIES,
  PROP_PIDF,
  PROP_SUBSCRIPTION_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SipSimpleBuddy, sip_simple_buddy, G_TYPE_OBJECT)

SipSimpleBuddy *
sip_simple_buddy_new (const char *uri, const char *display_name)
{
  SipSimpleBuddy *self = g_object_new (SIP_SIMPLE_TYPE_BUDDY, NULL);

  self->uri = g_strdup (uri);
  self->display_name = display_name && *display_name ? g_strdup (display_name) : NULL;
  return self;
}

void
sip_simple_buddy_set_display_name (SipSimpleBuddy *self, const char *display_name)
{
  if (display_name != NULL && *display_name == '\0')
    display_name = NULL;
  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/* Derives status, note and activities from the document and the state of
 * the subscription, notifying what changed. */
static void
refresh (SipSimpleBuddy *self)
{
  gboolean known = self->pidf != NULL
                   && self->subscription_state == SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE;
  SipSimplePresenceStatus status = known ? sip_simple_pidf_get_status (self->pidf)
                                         : SIP_SIMPLE_PRESENCE_STATUS_OFFLINE;
  const char *note = known ? sip_simple_pidf_get_note (self->pidf) : NULL;
  g_auto (GStrv) acts = known ? sip_simple_pidf_get_activities (self->pidf) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (status != self->status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (note, self->note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
  if (acts != NULL && acts[0] == NULL)
    g_clear_pointer (&acts, g_strfreev);
  if (!((acts == NULL && self->activities == NULL)
        || (acts != NULL && self->activities != NULL
            && g_strv_equal ((const char *const *) acts, (const char *const *) self->activities))))
    {
      g_strfreev (self->activities);
      self->activities = g_steal_pointer (&acts);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITIES]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
sip_simple_buddy_set_pidf (SipSimpleBuddy *self, SipSimplePidf *pidf)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->pidf, pidf))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIDF]);
  refresh (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sip_simple_buddy_set_subscription_state (SipSimpleBuddy *self, SipSimpleSubscriptionState state)
{
  if (self->subscription_state == state)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->subscription_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTION_STATE]);
  refresh (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sip_simple_buddy_get_uri:
 * @self: a buddy
 *
 * Gets the buddy's address, such as `sip:bob@example.com`.
 *
 * Returns: (transfer none): the buddy's address, such as `sip:bob@example.com`
 *
 * Since: 0.1
 */
const char *
sip_simple_buddy_get_uri (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), NULL);
  return self->uri;
}

/**
 * sip_simple_buddy_get_display_name:
 * @self: a buddy
 *
 * Gets the name on the buddy list.
 *
 * Returns: (transfer none) (nullable): the name on the buddy list
 *
 * Since: 0.1
 */
const char *
sip_simple_buddy_get_display_name (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), NULL);
  return self->display_name;
}

/**
 * sip_simple_buddy_get_status:
 * @self: a buddy
 *
 * Gets the buddy's status, offline when unknown.
 *
 * Returns: the buddy's status, offline when unknown
 *
 * Since: 0.1
 */
SipSimplePresenceStatus
sip_simple_buddy_get_status (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), SIP_SIMPLE_PRESENCE_STATUS_OFFLINE);
  return self->status;
}

/**
 * sip_simple_buddy_get_note:
 * @self: a buddy
 *
 * Gets the buddy's note.
 *
 * Returns: (transfer none) (nullable): the buddy's note
 *
 * Since: 0.1
 */
const char *
sip_simple_buddy_get_note (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), NULL);
  return self->note;
}

/**
 * sip_simple_buddy_get_activities:
 * @self: a buddy
 *
 * Gets the buddy's RFC 4480 activities ("away", "on-the-phone", ...).
 *
 * Returns: (transfer none) (array zero-terminated=1): the buddy's RFC 4480
 *   activities ("away", "on-the-phone", ...)
 *
 * Since: 0.1
 */
const char * const *
sip_simple_buddy_get_activities (SipSimpleBuddy *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), NULL);
  return self->activities ? (const char * const *) self->activities : none;
}

/**
 * sip_simple_buddy_get_pidf:
 * @self: a buddy
 *
 * Gets the last presence document received.
 *
 * Returns: (transfer none) (nullable): the last presence document received
 *
 * Since: 0.1
 */
SipSimplePidf *
sip_simple_buddy_get_pidf (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), NULL);
  return self->pidf;
}

/**
 * sip_simple_buddy_get_subscription_state:
 * @self: a buddy
 *
 * Gets the state of the subscription to the buddy's presence (for a resource
 * list subscription: of the list server's subscription to the buddy).
 *
 * Returns: the state of the subscription to the buddy's presence (for a
 *   resource list subscription: of the list server's subscription to the
 *   buddy)
 *
 * Since: 0.1
 */
SipSimpleSubscriptionState
sip_simple_buddy_get_subscription_state (SipSimpleBuddy *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_BUDDY (self), SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE);
  return self->subscription_state;
}

static void
sip_simple_buddy_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleBuddy *self = SIP_SIMPLE_BUDDY (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_ACTIVITIES:
      g_value_set_boxed (value, self->activities);
      break;
    case PROP_PIDF:
      g_value_set_object (value, self->pidf);
      break;
    case PROP_SUBSCRIPTION_STATE:
      g_value_set_enum (value, self->subscription_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_buddy_finalize (GObject *object)
{
  SipSimpleBuddy *self = SIP_SIMPLE_BUDDY (object);

  g_free (self->uri);
  g_free (self->display_name);
  g_clear_object (&self->pidf);
  g_free (self->note);
  g_strfreev (self->activities);
  G_OBJECT_CLASS (sip_simple_buddy_parent_class)->finalize (object);
}

static void
sip_simple_buddy_class_init (SipSimpleBuddyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sip_simple_buddy_get_property;
  object_class->finalize = sip_simple_buddy_finalize;

  /**
   * SipSimpleBuddy:uri:
   *
   * The buddy's address.
   */
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, "The buddy's address", NULL, ro);
  /**
   * SipSimpleBuddy:display-name:
   *
   * The name on the buddy list.
   */
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, "The name", NULL, ro);
  /**
   * SipSimpleBuddy:status:
   *
   * The buddy's status.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, "The buddy's status", SIP_SIMPLE_TYPE_PRESENCE_STATUS,
                       SIP_SIMPLE_PRESENCE_STATUS_OFFLINE, ro);
  /**
   * SipSimpleBuddy:note:
   *
   * The buddy's note.
   */
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, "The buddy's note", NULL, ro);
  /**
   * SipSimpleBuddy:activities:
   *
   * The buddy's RFC 4480 activities.
   */
  properties[PROP_ACTIVITIES] =
    g_param_spec_boxed ("activities", NULL, "The buddy's activities", G_TYPE_STRV, ro);
  /**
   * SipSimpleBuddy:pidf:
   *
   * The last presence document received.
   */
  properties[PROP_PIDF] =
    g_param_spec_object ("pidf", NULL, "The presence document", SIP_SIMPLE_TYPE_PIDF, ro);
  /**
   * SipSimpleBuddy:subscription-state:
   *
   * The state of the subscription to the buddy's presence.
   */
  properties[PROP_SUBSCRIPTION_STATE] =
    g_param_spec_enum ("subscription-state", NULL, "The subscription state",
                       SIP_SIMPLE_TYPE_SUBSCRIPTION_STATE, SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_buddy_init (SipSimpleBuddy *self)
{
}
