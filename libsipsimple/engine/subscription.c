/* libsipsimple - SipSimpleSubscription: a SUBSCRIBE dialog (RFC 6665)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/subscription.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "client-request-private.h"

#include <string.h>

/**
 * SipSimpleSubscription:
 *
 * A subscription to an event package (RFC 6665) of a resource: `presence`
 * of a buddy, `presence.winfo` of one's own presentity, `message-summary`
 * of a voicemail box, a resource list with `eventlist` (RFC 4662).
 *
 * [method@SipSimple.Subscription.start] sends the SUBSCRIBE; the notifier
 * answers and sends NOTIFYs, each delivered as
 * [signal@SipSimple.Subscription::notification-received] with its body.
 * The stack refreshes the subscription before it expires, answers digest
 * challenges with the credentials of [class@SipSimple.ClientRequest],
 * retries with the notifier's Min-Expires
 * after `423 Interval Too Brief` and after a 5xx answer with a Retry-After
 * below 32 seconds (a longer one is reported), and subscribes again by itself when the
 * notifier ends the subscription with the reason "deactivated" (at once)
 * or "probation" (after Retry-After).
 *
 * The subscription ends with [signal@SipSimple.Subscription::ended] when
 * the notifier terminates it (the reason is RFC 6665's: "timeout",
 * "rejected", "noresource", "giveup", ...) or after
 * [method@SipSimple.Subscription.stop], and with
 * [signal@SipSimple.Subscription::failed] when a SUBSCRIBE (or a refresh)
 * is refused or no NOTIFY came. Whether and when to subscribe again is the
 * application's decision ([class@SipSimple.Account] does it for its
 * buddies): a `retry-after` of -1 means the notifier gave no hint.
 *
 * Since: 0.1
 */

struct _SipSimpleSubscription
{
  SipSimpleClientRequest parent_instance;

  SipSimpleNameAddr *from;
  SipSimpleUri      *target;
  char              *event;
  char              *contact_user;
  guint              expires;
  char              *accept;
  gboolean           eventlist;
  SipSimpleHeaders  *headers;

  SipSimpleSubscriptionState state;
  guint              granted_expires;
  guint              notify_count;
  gboolean           started;
  gboolean           is_list;
};

enum {
  PROP_0,
  PROP_FROM,
  PROP_TARGET,
  PROP_EVENT,
  PROP_STATE,
  PROP_EXPIRES,
  PROP_GRANTED_EXPIRES,
  N_PROPS
};

enum {
  SIGNAL_STARTED,
  SIGNAL_NOTIFICATION_RECEIVED,
  SIGNAL_ENDED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleSubscription, sip_simple_subscription,
                     SIP_SIMPLE_TYPE_CLIENT_REQUEST)

#define REQUEST(self) SIP_SIMPLE_CLIENT_REQUEST (self)

G_DEFINE_ENUM_TYPE (SipSimpleSubscriptionState, sip_simple_subscription_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING, "subscribing"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING, "terminating"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED, "terminated"))

static void
set_state (SipSimpleSubscription *self, SipSimpleSubscriptionState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_granted_expires (SipSimpleSubscription *self, guint expires)
{
  sip_simple_client_request_set_uint (REQUEST (self), &self->granted_expires, expires,
                                      properties[PROP_GRANTED_EXPIRES]);
}

static void
forget_handle (SipSimpleSubscription *self)
{
  sip_simple_client_request_release_handle (REQUEST (self));
}

/* The Retry-After of a response, -1 without one. */
static int
retry_after_of (const sip_t *sip)
{
  if (sip == NULL || sip->sip_retry_after == NULL)
    return -1;
  return (int) MIN (sip->sip_retry_after->af_delta, (sip_time_t) G_MAXINT);
}

static void
fail (SipSimpleSubscription *self, guint code, const char *reason, int retry_after)
{
  g_autofree char *r = g_strdup (reason && *reason ? reason : sip_simple_status_phrase (code));

  forget_handle (self);
  set_granted_expires (self, 0);
  set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, code, r, retry_after);
}

static void
end (SipSimpleSubscription *self, const char *reason, int retry_after)
{
  g_autofree char *r = g_strdup (reason);

  forget_handle (self);
  set_granted_expires (self, 0);
  set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
  g_signal_emit (self, signals[SIGNAL_ENDED], 0, r, retry_after);
}

static void
notification_received (SipSimpleSubscription *self, const SipSimpleNuaEvent *ev)
{
  const sip_t *sip = ev->sip;
  const sip_subscription_state_t *ss = sip->sip_subscription_state;
  int substate = -1;
  g_autofree char *content_type = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *reason = NULL;
  int retry_after = -1;

  tl_gets (ev->tags, NUTAG_SUBSTATE_REF (substate), TAG_END ());

  if (sip->sip_content_type != NULL && sip->sip_content_type->c_type != NULL)
    {
      /* the parameters matter: a multipart body needs its boundary */
      GString *ct = g_string_new (sip->sip_content_type->c_type);
      for (msg_param_t const *p = sip->sip_content_type->c_params; p && *p; p++)
        g_string_append_printf (ct, ";%s", *p);
      content_type = g_string_free (ct, FALSE);
    }
  body = sip->sip_payload != NULL ? g_bytes_new (sip->sip_payload->pl_data, sip->sip_payload->pl_len)
                                  : g_bytes_new (NULL, 0);
  if (ss != NULL)
    {
      reason = g_strdup (ss->ss_reason);
      if (ss->ss_retry_after != NULL)
        retry_after = (int) MIN (g_ascii_strtoull (ss->ss_retry_after, NULL, 10), G_MAXINT);
      if (ss->ss_expires != NULL
          && (substate == nua_substate_active || substate == nua_substate_pending))
        set_granted_expires (self, (guint) MIN (g_ascii_strtoull (ss->ss_expires, NULL, 10),
                                                G_MAXUINT32));
    }

  self->notify_count++;
  if (sip_has_feature (sip->sip_require, "eventlist"))
    self->is_list = TRUE;

  /* The state first, so that handlers of notification-received see it. */
  switch (substate)
    {
    case nua_substate_active:
      if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
        set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE);
      break;
    case nua_substate_pending:
      if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
        set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING);
      break;
    case nua_substate_embryonic:
      /* deactivated or probation: the stack subscribes again */
      if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
        set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING);
      break;
    default:
      break;
    }

  g_signal_emit (self, signals[SIGNAL_NOTIFICATION_RECEIVED], 0, content_type, body);

  if (substate == nua_substate_terminated && self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    {
      /* the final NOTIFY after our un-SUBSCRIBE has no reason to report */
      gboolean ours = self->state == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING;
      end (self, ours ? NULL : reason, ours ? -1 : retry_after);
    }
}

static void
on_nua_event (SipSimpleClientRequest *request, const SipSimpleNuaEvent *ev)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (request);

  switch (ev->event)
    {
    case nua_r_subscribe:
      if (!sip_simple_client_request_final_answer (request, ev))
        break;
      if (ev->status == 401 || ev->status == 407)
        {
          fail (self, ev->status,
                sip_simple_client_request_failure_reason (request, ev->status, ev->phrase), -1);
          break;
        }
      if (ev->status >= 300)
        {
          if (self->state == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
            end (self, NULL, -1);
          else
            fail (self, ev->status, ev->phrase, retry_after_of (ev->sip));
          break;
        }
      sip_simple_client_request_reset_auth (request);
      if (ev->sip != NULL && sip_has_feature (ev->sip->sip_require, "eventlist"))
        self->is_list = TRUE;
      set_granted_expires (self,
                           sip_simple_client_request_expires_of (ev->sip, self->granted_expires));
      if (self->state == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
        {
          /* stop() came while the SUBSCRIBE was pending: now end it */
          nua_unsubscribe (sip_simple_client_request_get_handle (request),
                           SIPTAG_EVENT_STR (self->event), TAG_END ());
          break;
        }
      if (!self->started)
        {
          self->started = TRUE;
          g_signal_emit (self, signals[SIGNAL_STARTED], 0);
        }
      break;

    case nua_r_unsubscribe:
      if (!sip_simple_client_request_final_answer (request, ev))
        break;
      /* Whatever the answer, we are done; a final NOTIFY arriving later
       * finds no dialog (481), which RFC 6665 allows. */
      if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
        end (self, NULL, -1);
      break;

    case nua_i_notify:
      if (ev->sip == NULL)
        {
          /* the stack gave up: no NOTIFY in time, or a refresh failed */
          if (self->state == SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING)
            end (self, NULL, -1);
          else if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
            fail (self, ev->status >= 300 ? (guint) ev->status : 408, ev->phrase, -1);
          break;
        }
      notification_received (self, ev);
      break;

    default:
      break;
    }
}

/* Whether the engine stops or its stack is gone, the subscription ends
 * here without an un-SUBSCRIBE. */
static void
sip_simple_subscription_engine_stopped (SipSimpleClientRequest *request)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (request);

  forget_handle (self);
  if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE
      && self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    end (self, NULL, -1);
}

/**
 * sip_simple_subscription_start:
 * @self: a subscription, idle or terminated
 * @error: return location for a #GError
 *
 * Sends the SUBSCRIBE. The outcome arrives as
 * [signal@SipSimple.Subscription::started] and NOTIFYs, or as
 * [signal@SipSimple.Subscription::failed]. A terminated subscription can
 * be started again: a new dialog is created.
 *
 * Returns: %FALSE if the request could not be sent (engine not running,
 *   invalid addresses)
 *
 * Since: 0.1
 */
gboolean
sip_simple_subscription_start (SipSimpleSubscription *self, GError **error)
{
  SipSimpleClientRequest *request = REQUEST (self);
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *extra = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), FALSE);

  if (!sip_simple_client_request_check_running (request, error))
    return FALSE;
  if (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE
      && self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED)
    return TRUE;

  forget_handle (self);
  to = sip_simple_uri_to_string (self->target);
  from = sip_simple_name_addr_to_string (self->from);
  if (sip_simple_client_request_create_handle (request, from, to, on_nua_event, error) == NULL)
    return FALSE;
  /* NOTIFYs must come back over the transport the SUBSCRIBE leaves on */
  contact = sip_simple_client_request_contact (request, self->contact_user, self->target);
  expires = g_strdup_printf ("%u", self->expires);
  if (self->headers != NULL && sip_simple_headers_get_length (self->headers) > 0)
    extra = sip_simple_headers_to_string (self->headers);

  sip_simple_client_request_reset_auth (request);
  self->started = FALSE;
  self->is_list = FALSE;
  self->notify_count = 0;
  set_granted_expires (self, 0);
  set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING);
  nua_subscribe (sip_simple_client_request_get_handle (request),
                 SIPTAG_EVENT_STR (self->event),
                 SIPTAG_EXPIRES_STR (expires),
                 TAG_IF (contact != NULL, SIPTAG_CONTACT_STR (contact)),
                 TAG_IF (self->accept != NULL, SIPTAG_ACCEPT_STR (self->accept)),
                 TAG_IF (self->eventlist, SIPTAG_SUPPORTED_STR ("eventlist")),
                 TAG_IF (extra != NULL, SIPTAG_HEADER_STR (extra)),
                 TAG_END ());
  return TRUE;
}

/**
 * sip_simple_subscription_refresh:
 * @self: a subscription
 *
 * Refreshes an active or pending subscription now instead of shortly
 * before it expires (after a network change, say). The notifier answers
 * with a NOTIFY carrying the full state.
 *
 * Since: 0.1
 */
void
sip_simple_subscription_refresh (SipSimpleSubscription *self)
{
  g_autofree char *expires = NULL;
  nua_handle_t *nh;

  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));
  nh = sip_simple_client_request_get_handle (REQUEST (self));
  if (nh == NULL || (self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE
                     && self->state != SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING))
    return;
  expires = g_strdup_printf ("%u", self->expires);
  sip_simple_client_request_reset_auth (REQUEST (self));
  nua_subscribe (nh, SIPTAG_EVENT_STR (self->event), SIPTAG_EXPIRES_STR (expires), TAG_END ());
}

static void
unsubscribe (SipSimpleSubscription *self)
{
  set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING);
  sip_simple_client_request_reset_auth (REQUEST (self));
  nua_unsubscribe (sip_simple_client_request_get_handle (REQUEST (self)),
                   SIPTAG_EVENT_STR (self->event), TAG_END ());
}

/**
 * sip_simple_subscription_stop:
 * @self: a subscription
 *
 * Ends the subscription with an un-SUBSCRIBE (Expires: 0);
 * [signal@SipSimple.Subscription::ended] follows (with no reason) when the
 * notifier answered. Stopping an idle or terminated subscription does
 * nothing.
 *
 * Since: 0.1
 */
void
sip_simple_subscription_stop (SipSimpleSubscription *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));

  switch (self->state)
    {
    case SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE:
    case SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING:
      unsubscribe (self);
      break;
    case SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING:
      if (self->started)
        {
          /* accepted, but no NOTIFY yet (or being renewed) */
          unsubscribe (self);
        }
      else
        {
          /* finish when the pending SUBSCRIBE is answered */
          set_state (self, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING);
        }
      break;
    case SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE:
    case SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING:
    case SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED:
      break;
    }
}

/**
 * sip_simple_subscription_new:
 * @engine: the engine to subscribe through
 * @from: the subscriber (From of the SUBSCRIBE)
 * @target: the resource subscribed to (request-URI and To)
 * @event: the event package, such as "presence", "presence.winfo" or
 *   "message-summary"
 *
 * Creates a new subscription, not started.
 *
 * Returns: (transfer full): a new subscription, not started
 *
 * Since: 0.1
 */
SipSimpleSubscription *
sip_simple_subscription_new (SipSimpleEngine   *engine,
                             SipSimpleNameAddr *from,
                             SipSimpleUri      *target,
                             const char        *event)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (event != NULL && *event != '\0', NULL);
  return g_object_new (SIP_SIMPLE_TYPE_SUBSCRIPTION, "engine", engine, "from", from,
                       "target", target, "event", event, NULL);
}

/**
 * sip_simple_subscription_set_contact_user:
 * @self: a subscription
 * @user: (nullable): the user part of the Contact
 *
 * Sets the user part of the Contact URI NOTIFYs are sent to.
 *
 * Since: 0.1
 */
void
sip_simple_subscription_set_contact_user (SipSimpleSubscription *self, const char *user)
{
  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));
  g_free (self->contact_user);
  self->contact_user = g_strdup (user);
}

/**
 * sip_simple_subscription_set_expires:
 * @self: a subscription
 * @expires: the requested lifetime in seconds
 *
 * Sets the Expires value of the SUBSCRIBE (default 600). The notifier
 * may grant less; see [property@SipSimple.Subscription:granted-expires].
 *
 * Since: 0.1
 */
void
sip_simple_subscription_set_expires (SipSimpleSubscription *self, guint expires)
{
  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));
  sip_simple_client_request_set_uint (REQUEST (self), &self->expires, expires,
                                      properties[PROP_EXPIRES]);
}

/**
 * sip_simple_subscription_set_accept:
 * @self: a subscription
 * @content_types: (nullable) (array zero-terminated=1): the body types the
 *   subscriber understands, most preferred first, such as
 *   "application/pidf+xml"; %NULL for the event package's default
 *
 * Sets the Accept header of the SUBSCRIBE.
 *
 * Since: 0.1
 */
void
sip_simple_subscription_set_accept (SipSimpleSubscription *self,
                                    const char * const    *content_types)
{
  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));
  g_clear_pointer (&self->accept, g_free);
  if (content_types != NULL && content_types[0] != NULL)
    self->accept = g_strjoinv (", ", (char **) content_types);
}

/**
 * sip_simple_subscription_set_eventlist:
 * @self: a subscription
 * @eventlist: whether the target may be a resource list
 *
 * Subscribes with `Supported: eventlist` (RFC 4662): a resource list
 * server then answers with `multipart/related` NOTIFYs carrying an RLMI
 * document and the state of each resource of the list (parse them with
 * [func@SipSimple.Rlmi.parse]). Also set
 * [method@SipSimple.Subscription.set_accept] to list
 * `multipart/related` and `application/rlmi+xml`.
 *
 * Since: 0.1
 */
void
sip_simple_subscription_set_eventlist (SipSimpleSubscription *self, gboolean eventlist)
{
  g_return_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self));
  self->eventlist = eventlist;
}

/**
 * sip_simple_subscription_get_headers:
 * @self: a subscription
 *
 * Extra headers sent with every SUBSCRIBE; modify the returned object
 * before [method@SipSimple.Subscription.start].
 *
 * Returns: (transfer none): the headers
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_subscription_get_headers (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), NULL);
  if (self->headers == NULL)
    self->headers = sip_simple_headers_new ();
  return self->headers;
}

/**
 * sip_simple_subscription_get_state:
 * @self: a subscription
 *
 * Gets the current state.
 *
 * Returns: the current state
 *
 * Since: 0.1
 */
SipSimpleSubscriptionState
sip_simple_subscription_get_state (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE);
  return self->state;
}

/**
 * sip_simple_subscription_get_event:
 * @self: a subscription
 *
 * Gets the event package.
 *
 * Returns: (transfer none): the event package
 *
 * Since: 0.1
 */
const char *
sip_simple_subscription_get_event (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), NULL);
  return self->event;
}

/**
 * sip_simple_subscription_get_target:
 * @self: a subscription
 *
 * Gets the resource subscribed to.
 *
 * Returns: (transfer none): the resource subscribed to
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_subscription_get_target (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), NULL);
  return self->target;
}

/**
 * sip_simple_subscription_get_from:
 * @self: a subscription
 *
 * Gets the subscriber.
 *
 * Returns: (transfer none): the subscriber
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_subscription_get_from (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), NULL);
  return self->from;
}

/**
 * sip_simple_subscription_get_expires:
 * @self: a subscription
 *
 * Gets the requested lifetime in seconds.
 *
 * Returns: the requested lifetime in seconds
 *
 * Since: 0.1
 */
guint
sip_simple_subscription_get_expires (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), 0);
  return self->expires;
}

/**
 * sip_simple_subscription_get_granted_expires:
 * @self: a subscription
 *
 * Gets the lifetime the notifier granted (from the last 2xx or Subscription-
 * State), 0 while unknown or terminated.
 *
 * Returns: the lifetime the notifier granted (from the last 2xx or
 *   Subscription-State), 0 while unknown or terminated
 *
 * Since: 0.1
 */
guint
sip_simple_subscription_get_granted_expires (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), 0);
  return self->granted_expires;
}

/**
 * sip_simple_subscription_get_notify_count:
 * @self: a subscription
 *
 * Gets the number of NOTIFYs received since the last start.
 *
 * Returns: the number of NOTIFYs received since the last start
 *
 * Since: 0.1
 */
guint
sip_simple_subscription_get_notify_count (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), 0);
  return self->notify_count;
}

/**
 * sip_simple_subscription_is_list:
 * @self: a subscription
 *
 * Whether the notifier treats the subscription as one to a resource list
 * (RFC 4662): its answer or a NOTIFY carried `Require: eventlist`. A
 * subscription made with [method@SipSimple.Subscription.set_eventlist]
 * to a URI that is no list gets plain NOTIFYs without it.
 *
 * Returns: %TRUE once the notifier said so
 *
 * Since: 0.1
 */
gboolean
sip_simple_subscription_is_list (SipSimpleSubscription *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SUBSCRIPTION (self), FALSE);
  return self->is_list;
}

static void
sip_simple_subscription_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      self->from = g_value_dup_boxed (value);
      break;
    case PROP_TARGET:
      self->target = g_value_dup_boxed (value);
      break;
    case PROP_EVENT:
      self->event = g_value_dup_string (value);
      break;
    case PROP_EXPIRES:
      sip_simple_subscription_set_expires (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_subscription_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_boxed (value, self->from);
      break;
    case PROP_TARGET:
      g_value_set_boxed (value, self->target);
      break;
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_EXPIRES:
      g_value_set_uint (value, self->expires);
      break;
    case PROP_GRANTED_EXPIRES:
      g_value_set_uint (value, self->granted_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_subscription_constructed (GObject *object)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (object);

  G_OBJECT_CLASS (sip_simple_subscription_parent_class)->constructed (object);
  g_return_if_fail (sip_simple_client_request_get_engine (REQUEST (self)) != NULL
                    && self->from != NULL && self->target != NULL && self->event != NULL);
}

static void
sip_simple_subscription_finalize (GObject *object)
{
  SipSimpleSubscription *self = SIP_SIMPLE_SUBSCRIPTION (object);

  g_clear_pointer (&self->from, sip_simple_name_addr_unref);
  g_clear_pointer (&self->target, sip_simple_uri_unref);
  g_clear_pointer (&self->headers, sip_simple_headers_unref);
  g_free (self->event);
  g_free (self->contact_user);
  g_free (self->accept);
  G_OBJECT_CLASS (sip_simple_subscription_parent_class)->finalize (object);
}

static void
sip_simple_subscription_class_init (SipSimpleSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SipSimpleClientRequestClass *request_class = SIP_SIMPLE_CLIENT_REQUEST_CLASS (klass);

  object_class->set_property = sip_simple_subscription_set_property;
  object_class->get_property = sip_simple_subscription_get_property;
  object_class->constructed = sip_simple_subscription_constructed;
  object_class->finalize = sip_simple_subscription_finalize;
  request_class->engine_stopped = sip_simple_subscription_engine_stopped;

  /**
   * SipSimpleSubscription:from:
   *
   * The subscriber.
   */
  properties[PROP_FROM] =
    g_param_spec_boxed ("from", NULL, "The subscriber", SIP_SIMPLE_TYPE_NAME_ADDR,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSubscription:target:
   *
   * The resource subscribed to.
   */
  properties[PROP_TARGET] =
    g_param_spec_boxed ("target", NULL, "The resource", SIP_SIMPLE_TYPE_URI,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSubscription:event:
   *
   * The event package.
   */
  properties[PROP_EVENT] =
    g_param_spec_string ("event", NULL, "The event package", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSubscription:state:
   *
   * The subscription state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The subscription state",
                       SIP_SIMPLE_TYPE_SUBSCRIPTION_STATE, SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleSubscription:expires:
   *
   * The requested lifetime in seconds.
   */
  properties[PROP_EXPIRES] = sip_simple_client_request_expires_param ();
  /**
   * SipSimpleSubscription:granted-expires:
   *
   * The lifetime granted by the notifier, in seconds.
   */
  properties[PROP_GRANTED_EXPIRES] = sip_simple_client_request_granted_expires_param ();

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleSubscription::started:
   * @self: the subscription
   *
   * The notifier accepted the SUBSCRIBE (2xx). Emitted once per start;
   * refreshes are silent.
   */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * SipSimpleSubscription::notification-received:
   * @self: the subscription
   * @content_type: (nullable): the Content-Type of the body, with its
   *   parameters (such as `multipart/related;type="application/rlmi+xml";boundary=...`),
   *   or %NULL when the NOTIFY has no body
   * @body: the body (empty when there is none)
   *
   * A NOTIFY arrived (it was answered 200). The state of the subscription
   * ([property@SipSimple.Subscription:state]) is already updated when the
   * handler runs. A NOTIFY that terminates the subscription is delivered
   * here first, then [signal@SipSimple.Subscription::ended] follows.
   */
  signals[SIGNAL_NOTIFICATION_RECEIVED] =
    g_signal_new ("notification-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BYTES);
  /**
   * SipSimpleSubscription::ended:
   * @self: the subscription
   * @reason: (nullable): the notifier's reason (RFC 6665 section 4.2.2:
   *   "timeout", "rejected", "noresource", "giveup", "invariant", or an
   *   extension), %NULL when the subscriber ended it
   *   ([method@SipSimple.Subscription.stop], engine stopped) or the
   *   notifier gave none
   * @retry_after: seconds after which subscribing again makes sense, from
   *   the notifier; -1 when it gave no hint
   *
   * The subscription is over.
   */
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  /**
   * SipSimpleSubscription::failed:
   * @self: the subscription
   * @code: the SIP status code (489 Bad Event, 403, 404, 408 when no
   *   answer or no NOTIFY came, ...)
   * @reason: the reason phrase or a description of the failure
   * @retry_after: the Retry-After of the answer in seconds, -1 without one
   *
   * A SUBSCRIBE or a refresh was refused; the subscription is over.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_INT);
}

static void
sip_simple_subscription_init (SipSimpleSubscription *self)
{
  self->expires = 600;
}
