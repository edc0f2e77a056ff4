/* SipSimpleSubscription against a notifier made of a second engine driven
 * at the NUA level: SUBSCRIBE contents, pending/active/terminated states,
 * NOTIFY bodies, termination reasons with retry-after, refusals, the
 * stack's re-subscription after "deactivated", un-SUBSCRIBE and the engine
 * going away.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "engine/engine-private.h"

#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @pred holds or @ms pass. */
static gboolean
wait_until (gboolean (*pred) (gpointer), gpointer data, guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (20, wake, NULL);
  gboolean ok;

  while (!(ok = pred (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static void
stop_engine (SipSimpleEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  GCancellable *cancel = g_cancellable_new ();

  /* don't wait for peers that are gone already */
  sip_simple_engine_stop_async (engine, cancel, test_store_result, &result);
  g_cancellable_cancel (cancel);
  g_assert_nonnull (test_wait_for_result (&result, 10000));
  g_object_unref (cancel);
}

/* ---- the notifier ------------------------------------------------------- */

typedef enum {
  ANSWER_ACTIVE,            /* 200, NOTIFY active with a body */
  ANSWER_PENDING,           /* 200, NOTIFY pending without a body */
  ANSWER_REJECT_489,        /* 489 Bad Event */
  ANSWER_REJECT_503,        /* 503 with Retry-After: 120 (the stack retries below 32 s) */
} Answer;

typedef struct {
  SipSimpleEngine *engine;
  guint            handler;
  nua_handle_t    *nh;           /* the subscription's dialog */
  Answer           answer;
  guint            subscribes;   /* SUBSCRIBEs received (initial ones and refreshes) */
  guint            initial;      /* of which opened a new dialog */
  guint            unsubscribes; /* with Expires: 0 */
  char            *last_event;
  char            *last_accept;
  char            *last_expires;
  char            *last_supported;
  char            *last_extra;
  char            *last_contact;
} Notifier;

static void
notifier_notify (Notifier *n, const char *state, const char *type, const char *body)
{
  nua_notify (n->nh,
              SIPTAG_EVENT_STR ("presence"),
              SIPTAG_SUBSCRIPTION_STATE_STR (state),
              TAG_IF (type != NULL, SIPTAG_CONTENT_TYPE_STR (type)),
              TAG_IF (body != NULL, SIPTAG_PAYLOAD_STR (body)),
              TAG_END ());
}

static void
notifier_got_subscribe (Notifier *n, const SipSimpleNuaEvent *ev)
{
  const sip_t *sip = ev->sip;
  nua_t *nua = sip_simple_engine_get_nua (n->engine);
  gboolean unsubscribe = sip->sip_expires && sip->sip_expires->ex_delta == 0;

  n->subscribes++;
  g_free (n->last_event);
  n->last_event = sip->sip_event ? g_strdup (sip->sip_event->o_type) : NULL;
  g_free (n->last_accept);
  n->last_accept = NULL;
  if (sip->sip_accept)
    {
      /* one sip_accept_t per media type */
      GString *all = g_string_new (NULL);
      for (const sip_accept_t *a = sip->sip_accept; a; a = a->ac_next)
        g_string_append_printf (all, "%s%s", all->len ? ", " : "", a->ac_type);
      n->last_accept = g_string_free (all, FALSE);
    }
  g_free (n->last_expires);
  n->last_expires = sip->sip_expires ? g_strdup_printf ("%lu", (unsigned long) sip->sip_expires->ex_delta) : NULL;
  g_free (n->last_supported);
  n->last_supported = NULL;
  if (sip->sip_supported)
    {
      char *s = sip_header_as_string (NULL, (const sip_header_t *) sip->sip_supported);
      n->last_supported = g_strdup (s);
      su_free (NULL, s);
    }
  g_free (n->last_extra);
  n->last_extra = NULL;
  for (const sip_unknown_t *u = sip->sip_unknown; u; u = u->un_next)
    if (g_ascii_strcasecmp (u->un_name, "X-Test") == 0)
      n->last_extra = g_strdup (u->un_value);
  g_free (n->last_contact);
  n->last_contact = sip->sip_contact ? url_as_string (NULL, sip->sip_contact->m_url) : NULL;
  if (n->last_contact)
    {
      char *copy = g_strdup (n->last_contact);
      su_free (NULL, n->last_contact);
      n->last_contact = copy;
    }

  if (unsubscribe)
    {
      n->unsubscribes++;
      nua_respond (ev->nh, 200, "OK", NUTAG_WITH_THIS (nua), SIPTAG_EXPIRES_STR ("0"), TAG_END ());
      notifier_notify (n, "terminated;reason=timeout", NULL, NULL);
      return;
    }
  switch (n->answer)
    {
    case ANSWER_REJECT_489:
      nua_respond (ev->nh, 489, "Bad Event", NUTAG_WITH_THIS (nua), TAG_END ());
      return;
    case ANSWER_REJECT_503:
      nua_respond (ev->nh, 503, "Service Unavailable", NUTAG_WITH_THIS (nua),
                   SIPTAG_RETRY_AFTER_STR ("120"), TAG_END ());
      return;
    case ANSWER_ACTIVE:
      nua_respond (ev->nh, 200, "OK", NUTAG_WITH_THIS (nua), SIPTAG_EXPIRES_STR ("300"), TAG_END ());
      notifier_notify (n, "active;expires=300", "application/pidf+xml", "<presence>first</presence>");
      return;
    case ANSWER_PENDING:
      nua_respond (ev->nh, 200, "OK", NUTAG_WITH_THIS (nua), SIPTAG_EXPIRES_STR ("300"), TAG_END ());
      notifier_notify (n, "pending;expires=300", NULL, NULL);
      return;
    }
}

static void
notifier_event (gpointer owner, const SipSimpleNuaEvent *ev)
{
  Notifier *n = owner;

  if (ev->engine_gone)
    {
      n->nh = NULL;
      return;
    }
  if (ev->event != nua_i_subscribe || ev->sip == NULL)
    return;
  if (ev->status >= 200)
    {
      /* a refresh the stack answered itself (with a NOTIFY) */
      n->subscribes++;
      if (ev->sip->sip_expires && ev->sip->sip_expires->ex_delta == 0)
        n->unsubscribes++;
      return;
    }
  notifier_got_subscribe (n, ev);
}

static gboolean
notifier_incoming (gpointer user_data, const SipSimpleNuaEvent *ev)
{
  Notifier *n = user_data;

  if (ev->sip == NULL)
    return FALSE;
  n->initial++;
  if (n->nh != NULL)
    sip_simple_engine_destroy_handle (n->engine, n->nh);
  n->nh = ev->nh;
  sip_simple_engine_bind_handle (n->engine, ev->nh, notifier_event, n);
  notifier_got_subscribe (n, ev);
  return TRUE;
}

static Notifier *
notifier_new (Answer answer)
{
  Notifier *n = g_new0 (Notifier, 1);

  n->engine = test_start_udp_engine ();
  n->answer = answer;
  /* NUA's subscription server turns away events it was not told about */
  nua_set_params (sip_simple_engine_get_nua (n->engine), NUTAG_ALLOW_EVENTS ("presence"), TAG_END ());
  n->handler = sip_simple_engine_add_incoming_handler (n->engine, nua_i_subscribe,
                                                      notifier_incoming, n);
  return n;
}

static void
notifier_free (Notifier *n)
{
  if (n->engine != NULL && n->nh != NULL)
    sip_simple_engine_destroy_handle (n->engine, n->nh);
  if (n->engine != NULL)
    {
      sip_simple_engine_remove_incoming_handler (n->engine, n->handler);
      stop_engine (n->engine);
      g_object_unref (n->engine);
    }
  g_free (n->last_event);
  g_free (n->last_accept);
  g_free (n->last_expires);
  g_free (n->last_supported);
  g_free (n->last_extra);
  g_free (n->last_contact);
  g_free (n);
}

/* ---- the subscriber ----------------------------------------------------- */

typedef struct {
  SipSimpleEngine       *engine;
  SipSimpleSubscription *sub;
  guint                  started;
  guint                  notifies;
  guint                  empty_notifies;
  char                  *last_type;
  char                  *last_body;
  SipSimpleSubscriptionState state_at_notify;
  guint                  ended;
  char                  *ended_reason;
  int                    ended_retry;
  guint                  failed;
  guint                  failed_code;
  int                    failed_retry;
  GPtrArray             *states;       /* every state, in order */
} Subscriber;

static void
on_started (SipSimpleSubscription *sub, Subscriber *s)
{
  s->started++;
}

static void
on_notification_received (SipSimpleSubscription *sub, const char *type, GBytes *body, Subscriber *s)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  s->notifies++;
  s->state_at_notify = sip_simple_subscription_get_state (sub);
  if (len == 0)
    {
      s->empty_notifies++;
      g_assert_null (type);
      return;
    }
  g_free (s->last_type);
  s->last_type = g_strdup (type);
  g_free (s->last_body);
  s->last_body = g_strndup (data, len);
}

static void
on_ended (SipSimpleSubscription *sub, const char *reason, int retry_after, Subscriber *s)
{
  s->ended++;
  g_free (s->ended_reason);
  s->ended_reason = g_strdup (reason);
  s->ended_retry = retry_after;
  g_assert_cmpint (sip_simple_subscription_get_state (sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
}

static void
on_failed (SipSimpleSubscription *sub, guint code, const char *reason, int retry_after, Subscriber *s)
{
  s->failed++;
  s->failed_code = code;
  s->failed_retry = retry_after;
  g_assert_nonnull (reason);
}

static void
on_state (SipSimpleSubscription *sub, GParamSpec *pspec, Subscriber *s)
{
  g_ptr_array_add (s->states, GINT_TO_POINTER (sip_simple_subscription_get_state (sub)));
}

static Subscriber *
subscriber_new (Notifier *n)
{
  Subscriber *s = g_new0 (Subscriber, 1);
  g_autoptr (SipSimpleUri) from_uri = sip_simple_uri_parse ("sip:watcher@example.com", NULL);
  g_autoptr (SipSimpleNameAddr) from = sip_simple_name_addr_new ("Watcher", from_uri);
  g_autoptr (SipSimpleUri) target = sip_simple_uri_parse ("sip:buddy@example.com", NULL);
  g_autoptr (SipSimpleUri) proxy = NULL;
  g_autofree char *proxy_text = NULL;

  s->engine = test_start_udp_engine ();
  s->states = g_ptr_array_new ();
  s->sub = sip_simple_subscription_new (s->engine, from, target, "presence");
  proxy_text = g_strdup_printf ("sip:127.0.0.1:%u",
                                sip_simple_engine_get_local_port (n->engine, SIP_SIMPLE_TRANSPORT_UDP));
  proxy = sip_simple_uri_parse (proxy_text, NULL);
  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (s->sub), proxy);
  g_signal_connect (s->sub, "started", G_CALLBACK (on_started), s);
  g_signal_connect (s->sub, "notification-received", G_CALLBACK (on_notification_received), s);
  g_signal_connect (s->sub, "ended", G_CALLBACK (on_ended), s);
  g_signal_connect (s->sub, "failed", G_CALLBACK (on_failed), s);
  g_signal_connect (s->sub, "notify::state", G_CALLBACK (on_state), s);
  return s;
}

static void
subscriber_free (Subscriber *s)
{
  g_clear_object (&s->sub);
  if (s->engine != NULL)
    {
      stop_engine (s->engine);
      g_object_unref (s->engine);
    }
  g_ptr_array_unref (s->states);
  g_free (s->last_type);
  g_free (s->last_body);
  g_free (s->ended_reason);
  g_free (s);
}

static gboolean
is_active (gpointer data)
{
  Subscriber *s = data;
  return sip_simple_subscription_get_state (s->sub) == SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE
         && s->notifies > 0 && s->started > 0;
}

static gboolean
is_over (gpointer data)
{
  Subscriber *s = data;
  return s->ended + s->failed > 0;
}

typedef struct {
  Subscriber *s;
  guint       count;
} NotifyCount;

static gboolean
has_notifies (gpointer data)
{
  NotifyCount *c = data;
  return c->s->notifies >= c->count;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_active_and_notify_bodies (void)
{
  Notifier *n = notifier_new (ANSWER_ACTIVE);
  Subscriber *s = subscriber_new (n);
  g_autoptr (GError) error = NULL;
  const char *const accept[] = { "application/pidf+xml", "application/rpid+xml", NULL };
  NotifyCount two = { s, 2 };

  sip_simple_subscription_set_accept (s->sub, accept);
  sip_simple_subscription_set_expires (s->sub, 900);
  sip_simple_subscription_set_contact_user (s->sub, "watcher-contact");
  sip_simple_headers_append (sip_simple_subscription_get_headers (s->sub), "X-Test", "yes", NULL);
  g_assert_true (sip_simple_subscription_start (s->sub, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING);
  g_assert_true (wait_until (is_active, s, 5000));

  /* what the notifier saw */
  g_assert_cmpstr (n->last_event, ==, "presence");
  g_assert_cmpstr (n->last_accept, ==, "application/pidf+xml, application/rpid+xml");
  g_assert_cmpstr (n->last_expires, ==, "900");
  g_assert_cmpstr (n->last_extra, ==, "yes");
  g_assert_nonnull (n->last_contact);
  g_assert_true (g_str_has_prefix (n->last_contact, "sip:watcher-contact@127.0.0.1:"));
  g_assert_true (n->last_supported == NULL || strstr (n->last_supported, "eventlist") == NULL);

  g_assert_cmpuint (s->started, ==, 1);
  g_assert_cmpstr (s->last_type, ==, "application/pidf+xml");
  g_assert_cmpstr (s->last_body, ==, "<presence>first</presence>");
  g_assert_cmpint (s->state_at_notify, ==, SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE);
  g_assert_cmpuint (sip_simple_subscription_get_granted_expires (s->sub), ==, 300);
  g_assert_cmpuint (sip_simple_subscription_get_notify_count (s->sub), ==, 1);
  g_assert_false (sip_simple_subscription_is_list (s->sub));

  /* a state change */
  notifier_notify (n, "active;expires=290", "application/pidf+xml", "<presence>second</presence>");
  g_assert_true (wait_until (has_notifies, &two, 5000));
  g_assert_cmpstr (s->last_body, ==, "<presence>second</presence>");
  g_assert_cmpuint (sip_simple_subscription_get_granted_expires (s->sub), ==, 290);

  /* a refresh asks again and keeps the subscription */
  sip_simple_subscription_refresh (s->sub);
  two.count = 3;
  g_assert_true (wait_until (has_notifies, &two, 5000));
  g_assert_cmpuint (n->subscribes, ==, 2);
  g_assert_cmpuint (n->initial, ==, 1);
  g_assert_cmpuint (s->started, ==, 1);

  /* un-SUBSCRIBE */
  sip_simple_subscription_stop (s->sub);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING);
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->ended, ==, 1);
  g_assert_cmpuint (s->failed, ==, 0);
  g_assert_null (s->ended_reason);
  g_assert_cmpint (s->ended_retry, ==, -1);
  g_assert_cmpuint (n->unsubscribes, ==, 1);
  g_assert_cmpuint (sip_simple_subscription_get_granted_expires (s->sub), ==, 0);

  subscriber_free (s);
  notifier_free (n);
}

static void
test_pending_then_active (void)
{
  Notifier *n = notifier_new (ANSWER_PENDING);
  Subscriber *s = subscriber_new (n);
  NotifyCount one = { s, 1 };

  /* a resource list subscription says so */
  sip_simple_subscription_set_eventlist (s->sub, TRUE);
  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (has_notifies, &one, 5000));
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING);
  g_assert_cmpuint (s->empty_notifies, ==, 1);
  g_assert_nonnull (strstr (n->last_supported, "eventlist"));

  /* the presentity authorizes the watcher */
  notifier_notify (n, "active;expires=300", "application/pidf+xml", "<presence>now</presence>");
  g_assert_true (wait_until (is_active, s, 5000));
  g_assert_cmpstr (s->last_body, ==, "<presence>now</presence>");
  g_assert_cmpuint (s->states->len, ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (s->states->pdata[0]), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING);
  g_assert_cmpint (GPOINTER_TO_INT (s->states->pdata[1]), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING);
  g_assert_cmpint (GPOINTER_TO_INT (s->states->pdata[2]), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE);

  subscriber_free (s);
  notifier_free (n);
}

static void
test_terminated_with_reason (void)
{
  Notifier *n = notifier_new (ANSWER_ACTIVE);
  Subscriber *s = subscriber_new (n);

  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_active, s, 5000));

  notifier_notify (n, "terminated;reason=rejected;retry-after=30", NULL, NULL);
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->ended, ==, 1);
  g_assert_cmpstr (s->ended_reason, ==, "rejected");
  g_assert_cmpint (s->ended_retry, ==, 30);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);

  /* stopping a terminated subscription does nothing; starting it again
   * makes a new dialog */
  sip_simple_subscription_stop (s->sub);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
  s->notifies = 0;
  s->ended = 0;
  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_active, s, 5000));
  g_assert_cmpuint (n->initial, ==, 2);
  g_assert_cmpuint (s->started, ==, 2);

  /* the notifier gives no reason */
  notifier_notify (n, "terminated", NULL, NULL);
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->ended, ==, 1);
  g_assert_null (s->ended_reason);
  g_assert_cmpint (s->ended_retry, ==, -1);

  subscriber_free (s);
  notifier_free (n);
}

static void
test_refused (void)
{
  Notifier *n = notifier_new (ANSWER_REJECT_489);
  Subscriber *s = subscriber_new (n);

  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->failed, ==, 1);
  g_assert_cmpuint (s->failed_code, ==, 489);
  g_assert_cmpint (s->failed_retry, ==, -1);
  g_assert_cmpuint (s->started, ==, 0);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);

  n->answer = ANSWER_REJECT_503;
  s->failed = 0;
  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->failed_code, ==, 503);
  g_assert_cmpint (s->failed_retry, ==, 120);

  subscriber_free (s);
  notifier_free (n);
}

typedef struct {
  Subscriber *s;
  Notifier   *n;
} Pair;

static gboolean
resubscribed (gpointer data)
{
  Pair *p = data;
  return p->n->initial >= 2
         && sip_simple_subscription_get_state (p->s->sub) == SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE;
}

static void
test_deactivated_resubscribes (void)
{
  Notifier *n = notifier_new (ANSWER_ACTIVE);
  Subscriber *s = subscriber_new (n);
  Pair p = { s, n };

  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_active, s, 5000));

  /* RFC 6665: "deactivated" means subscribe again at once */
  notifier_notify (n, "terminated;reason=deactivated", NULL, NULL);
  g_assert_true (wait_until (resubscribed, &p, 8000));
  g_assert_cmpuint (s->ended, ==, 0);
  g_assert_cmpuint (s->failed, ==, 0);
  /* it went through "subscribing" on the way */
  {
    gboolean saw = FALSE;
    for (guint i = 1; i < s->states->len; i++)
      saw |= GPOINTER_TO_INT (s->states->pdata[i]) == SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING;
    g_assert_true (saw);
  }

  subscriber_free (s);
  notifier_free (n);
}

static void
test_stop_before_answer (void)
{
  Notifier *n = notifier_new (ANSWER_ACTIVE);
  Subscriber *s = subscriber_new (n);

  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  sip_simple_subscription_stop (s->sub);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING);
  g_assert_true (wait_until (is_over, s, 5000));
  g_assert_cmpuint (s->ended, ==, 1);
  g_assert_null (s->ended_reason);
  g_assert_cmpuint (n->unsubscribes, ==, 1);

  subscriber_free (s);
  notifier_free (n);
}

static void
test_engine_stops (void)
{
  Notifier *n = notifier_new (ANSWER_ACTIVE);
  Subscriber *s = subscriber_new (n);
  g_autoptr (GError) error = NULL;

  g_assert_true (sip_simple_subscription_start (s->sub, NULL));
  g_assert_true (wait_until (is_active, s, 5000));
  stop_engine (s->engine);
  g_assert_cmpuint (s->ended, ==, 1);
  g_assert_cmpint (sip_simple_subscription_get_state (s->sub), ==, SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED);
  g_assert_false (sip_simple_subscription_start (s->sub, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING);

  g_clear_object (&s->sub);
  g_clear_object (&s->engine);
  subscriber_free (s);
  notifier_free (n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/subscription/active-and-notify-bodies", test_active_and_notify_bodies);
  g_test_add_func ("/subscription/pending-then-active", test_pending_then_active);
  g_test_add_func ("/subscription/terminated-with-reason", test_terminated_with_reason);
  g_test_add_func ("/subscription/refused", test_refused);
  g_test_add_func ("/subscription/deactivated-resubscribes", test_deactivated_resubscribes);
  g_test_add_func ("/subscription/stop-before-answer", test_stop_before_answer);
  g_test_add_func ("/subscription/engine-stops", test_engine_stops);
  return g_test_run ();
}
