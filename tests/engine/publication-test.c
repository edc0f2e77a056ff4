/* SipSimplePublication against a state agent made of a second engine
 * driven at the NUA level: the initial PUBLISH, modifications with
 * SIP-If-Match, refreshes without a body, 412 recovery, refusals, failed
 * refreshes, removal, queued calls and the engine going away.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "engine/engine-private.h"

#include <string.h>

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

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

  sip_simple_engine_stop_async (engine, cancel, test_store_result, &result);
  g_cancellable_cancel (cancel);
  g_assert_nonnull (test_wait_for_result (&result, 10000));
  g_object_unref (cancel);
}

/* ---- the state agent ---------------------------------------------------- */

typedef struct {
  char *if_match;        /* SIP-If-Match, or NULL */
  char *expires;         /* Expires, or NULL */
  char *content_type;    /* or NULL without a body */
  char *body;
  char *event;
} Received;

typedef struct {
  SipSimpleEngine *engine;
  guint            handler;
  GPtrArray       *received;   /* Received* */
  GQueue           answers;    /* status codes to answer with (GUINT), then 200 */
  guint            granted;    /* Expires of 200 answers */
  guint            next_etag;
} Agent;

static void
received_free (Received *r)
{
  g_free (r->if_match);
  g_free (r->expires);
  g_free (r->content_type);
  g_free (r->body);
  g_free (r->event);
  g_free (r);
}

static gboolean
agent_incoming (gpointer user_data, const SipSimpleNuaEvent *ev)
{
  Agent *a = user_data;
  const sip_t *sip = ev->sip;
  nua_t *nua = sip_simple_engine_get_nua (a->engine);
  Received *r = g_new0 (Received, 1);
  guint status = GPOINTER_TO_UINT (g_queue_pop_head (&a->answers));

  if (sip == NULL)
    return FALSE;
  r->if_match = sip->sip_if_match ? g_strdup (sip->sip_if_match->g_string) : NULL;
  r->expires = sip->sip_expires ? g_strdup_printf ("%lu", (unsigned long) sip->sip_expires->ex_delta) : NULL;
  r->content_type = sip->sip_content_type ? g_strdup (sip->sip_content_type->c_type) : NULL;
  r->body = sip->sip_payload ? g_strndup (sip->sip_payload->pl_data, sip->sip_payload->pl_len) : NULL;
  r->event = sip->sip_event ? g_strdup (sip->sip_event->o_type) : NULL;
  g_ptr_array_add (a->received, r);

  if (status == 0)
    status = 200;
  if (status == 200)
    {
      g_autofree char *etag = g_strdup_printf ("etag-%u", ++a->next_etag);
      g_autofree char *expires = g_strdup_printf ("%u", r->expires && g_str_equal (r->expires, "0")
                                                        ? 0 : a->granted);
      nua_respond (ev->nh, 200, "OK", NUTAG_WITH_THIS (nua), SIPTAG_ETAG_STR (etag),
                   SIPTAG_EXPIRES_STR (expires), TAG_END ());
    }
  else if (status == 412)
    nua_respond (ev->nh, 412, "Conditional Request Failed", NUTAG_WITH_THIS (nua), TAG_END ());
  else if (status == 489)
    nua_respond (ev->nh, 489, "Bad Event", NUTAG_WITH_THIS (nua), TAG_END ());
  else
    nua_respond (ev->nh, 500, "Server Internal Error", NUTAG_WITH_THIS (nua), TAG_END ());
  nua_handle_destroy (ev->nh);
  return TRUE;
}

static Agent *
agent_new (void)
{
  Agent *a = g_new0 (Agent, 1);

  a->engine = test_start_udp_engine ();
  a->received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  a->granted = 60;
  g_queue_init (&a->answers);
  /* the stack answers PUBLISH 501 unless told it may take it */
  nua_set_params (sip_simple_engine_get_nua (a->engine), NUTAG_ALLOW ("PUBLISH"),
                  NUTAG_ALLOW_EVENTS ("presence"), TAG_END ());
  a->handler = sip_simple_engine_add_incoming_handler (a->engine, nua_i_publish, agent_incoming, a);
  return a;
}

static void
agent_free (Agent *a)
{
  sip_simple_engine_remove_incoming_handler (a->engine, a->handler);
  stop_engine (a->engine);
  g_object_unref (a->engine);
  g_ptr_array_unref (a->received);
  g_queue_clear (&a->answers);
  g_free (a);
}

static Received *
agent_last (Agent *a)
{
  g_assert_cmpuint (a->received->len, >, 0);
  return g_ptr_array_index (a->received, a->received->len - 1);
}

/* ---- the publisher ------------------------------------------------------ */

typedef struct {
  SipSimpleEngine      *engine;
  SipSimplePublication *pub;
  guint                 published;
  guint                 failed;
  guint                 failed_code;
  guint                 unpublished;
} Publisher;

static void
on_published (SipSimplePublication *pub, const char *etag, guint expires, Publisher *p)
{
  p->published++;
  g_assert_cmpstr (etag, ==, sip_simple_publication_get_etag (pub));
}

static void
on_failed (SipSimplePublication *pub, guint code, const char *reason, Publisher *p)
{
  p->failed++;
  p->failed_code = code;
}

static void
on_unpublished (SipSimplePublication *pub, Publisher *p)
{
  p->unpublished++;
}

static Publisher *
publisher_new (Agent *a)
{
  Publisher *p = g_new0 (Publisher, 1);
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse ("sip:alice@example.com", NULL);
  g_autoptr (SipSimpleNameAddr) from = sip_simple_name_addr_new (NULL, uri);
  g_autofree char *proxy_text = g_strdup_printf ("sip:127.0.0.1:%u",
                                                 sip_simple_engine_get_local_port (a->engine, SIP_SIMPLE_TRANSPORT_UDP));
  g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse (proxy_text, NULL);

  p->engine = test_start_udp_engine ();
  p->pub = sip_simple_publication_new (p->engine, from, "presence");
  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (p->pub), proxy);
  g_signal_connect (p->pub, "published", G_CALLBACK (on_published), p);
  g_signal_connect (p->pub, "failed", G_CALLBACK (on_failed), p);
  g_signal_connect (p->pub, "unpublished", G_CALLBACK (on_unpublished), p);
  return p;
}

static void
publisher_free (Publisher *p)
{
  g_clear_object (&p->pub);
  if (p->engine != NULL)
    {
      stop_engine (p->engine);
      g_object_unref (p->engine);
    }
  g_free (p);
}

static gboolean
publish (Publisher *p, const char *text, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) body = g_bytes_new (text, strlen (text));

  sip_simple_publication_publish_async (p->pub, "application/pidf+xml", body, NULL,
                                        test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 5000));
  return sip_simple_publication_publish_finish (p->pub, result, error);
}

static gboolean
unpublish (Publisher *p, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sip_simple_publication_unpublish_async (p->pub, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 5000));
  return sip_simple_publication_unpublish_finish (p->pub, result, error);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_publish_modify_remove (void)
{
  Agent *a = agent_new ();
  Publisher *p = publisher_new (a);
  g_autoptr (GError) error = NULL;
  Received *r;

  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
  sip_simple_publication_set_expires (p->pub, 120);

  /* the initial publication */
  g_assert_true (publish (p, "<presence>one</presence>", &error));
  g_assert_no_error (error);
  r = agent_last (a);
  g_assert_null (r->if_match);
  g_assert_cmpstr (r->expires, ==, "120");
  g_assert_cmpstr (r->event, ==, "presence");
  g_assert_cmpstr (r->content_type, ==, "application/pidf+xml");
  g_assert_cmpstr (r->body, ==, "<presence>one</presence>");
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED);
  g_assert_cmpstr (sip_simple_publication_get_etag (p->pub), ==, "etag-1");
  g_assert_cmpuint (sip_simple_publication_get_granted_expires (p->pub), ==, 60);
  g_assert_cmpuint (p->published, ==, 1);

  /* a modification carries the new body and the entity tag */
  g_assert_true (publish (p, "<presence>two</presence>", &error));
  r = agent_last (a);
  g_assert_cmpstr (r->if_match, ==, "etag-1");
  g_assert_cmpstr (r->body, ==, "<presence>two</presence>");
  g_assert_cmpstr (sip_simple_publication_get_etag (p->pub), ==, "etag-2");

  /* the state agent lost it: the body is published anew */
  g_queue_push_tail (&a->answers, GUINT_TO_POINTER (412));
  g_assert_true (publish (p, "<presence>three</presence>", &error));
  g_assert_no_error (error);
  r = g_ptr_array_index (a->received, 2);
  g_assert_cmpstr (r->if_match, ==, "etag-2");
  r = agent_last (a);
  g_assert_null (r->if_match);
  g_assert_cmpstr (r->body, ==, "<presence>three</presence>");
  /* sofia-sip's own retry got etag-3 (and is left to expire): ours is next */
  g_assert_cmpuint (a->received->len, ==, 5);
  g_assert_cmpstr (sip_simple_publication_get_etag (p->pub), ==, "etag-4");
  while (a->received->len > 4)
    g_ptr_array_remove_index (a->received, 3);

  /* removal */
  g_assert_true (unpublish (p, &error));
  g_assert_no_error (error);
  r = agent_last (a);
  g_assert_cmpstr (r->if_match, ==, "etag-4");
  g_assert_cmpstr (r->expires, ==, "0");
  g_assert_null (r->body);
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
  g_assert_null (sip_simple_publication_get_etag (p->pub));
  g_assert_cmpuint (p->unpublished, ==, 1);

  /* removing nothing completes at once */
  g_assert_true (unpublish (p, &error));
  g_assert_cmpuint (a->received->len, ==, 5);

  /* publishing again starts over */
  g_assert_true (publish (p, "<presence>four</presence>", &error));
  g_assert_null (agent_last (a)->if_match);

  publisher_free (p);
  agent_free (a);
}

static gboolean
refreshed (gpointer data)
{
  Publisher *p = data;
  return p->published >= 2;
}

static gboolean
has_failed (gpointer data)
{
  Publisher *p = data;
  return p->failed > 0;
}

static void
test_refresh_and_failed_refresh (void)
{
  Agent *a = agent_new ();
  Publisher *p = publisher_new (a);
  g_autoptr (GError) error = NULL;
  Received *r;

  /* a short lifetime makes the stack refresh within a second or two */
  a->granted = 2;
  g_assert_true (publish (p, "<presence>short</presence>", &error));
  g_assert_true (wait_until (refreshed, p, 5000));
  r = agent_last (a);
  g_assert_cmpstr (r->if_match, ==, "etag-1");
  g_assert_null (r->body);
  g_assert_null (r->content_type);
  g_assert_cmpuint (p->published, >=, 2);
  g_assert_cmpstr (sip_simple_publication_get_etag (p->pub), ==, "etag-2");

  /* the next refresh is refused: nothing is published any more */
  g_queue_push_tail (&a->answers, GUINT_TO_POINTER (500));
  g_assert_true (wait_until (has_failed, p, 5000));
  g_assert_cmpuint (p->failed_code, ==, 500);
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_FAILED);
  g_assert_null (sip_simple_publication_get_etag (p->pub));

  /* and the next publish starts over */
  a->granted = 60;
  g_assert_true (publish (p, "<presence>again</presence>", &error));
  g_assert_null (agent_last (a)->if_match);
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED);

  publisher_free (p);
  agent_free (a);
}

static void
test_refused (void)
{
  Agent *a = agent_new ();
  Publisher *p = publisher_new (a);
  g_autoptr (GError) error = NULL;

  g_queue_push_tail (&a->answers, GUINT_TO_POINTER (489));
  g_assert_false (publish (p, "<presence/>", &error));
  g_assert_error (error, SIP_SIMPLE_SIP_ERROR, 489);
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_FAILED);
  g_assert_cmpuint (p->failed, ==, 0);  /* reported to the caller instead */

  publisher_free (p);
  agent_free (a);
}

typedef struct {
  GAsyncResult *results[3];
} Three;

static gboolean
all_three (gpointer data)
{
  Three *t = data;
  return t->results[0] && t->results[1] && t->results[2];
}

static void
test_queued_calls (void)
{
  Agent *a = agent_new ();
  Publisher *p = publisher_new (a);
  g_autoptr (GBytes) b1 = g_bytes_new_static ("<a/>", 4);
  g_autoptr (GBytes) b2 = g_bytes_new_static ("<b/>", 4);
  Three t = { { NULL } };

  /* three calls at once go out one after the other, in order */
  sip_simple_publication_publish_async (p->pub, "application/pidf+xml", b1, NULL, test_store_result, &t.results[0]);
  sip_simple_publication_publish_async (p->pub, "application/pidf+xml", b2, NULL, test_store_result, &t.results[1]);
  sip_simple_publication_unpublish_async (p->pub, NULL, test_store_result, &t.results[2]);
  g_assert_true (wait_until (all_three, &t, 5000));
  g_assert_true (sip_simple_publication_publish_finish (p->pub, t.results[0], NULL));
  g_assert_true (sip_simple_publication_publish_finish (p->pub, t.results[1], NULL));
  g_assert_true (sip_simple_publication_unpublish_finish (p->pub, t.results[2], NULL));
  g_assert_cmpuint (a->received->len, ==, 3);
  g_assert_cmpstr (((Received *) a->received->pdata[0])->body, ==, "<a/>");
  g_assert_cmpstr (((Received *) a->received->pdata[1])->body, ==, "<b/>");
  g_assert_cmpstr (((Received *) a->received->pdata[1])->if_match, ==, "etag-1");
  g_assert_cmpstr (((Received *) a->received->pdata[2])->expires, ==, "0");
  for (guint i = 0; i < 3; i++)
    g_object_unref (t.results[i]);

  publisher_free (p);
  agent_free (a);
}

static void
test_engine_stops (void)
{
  Agent *a = agent_new ();
  Publisher *p = publisher_new (a);
  g_autoptr (GError) error = NULL;

  g_assert_true (publish (p, "<presence/>", &error));
  stop_engine (p->engine);
  g_assert_cmpint (sip_simple_publication_get_state (p->pub), ==, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
  g_assert_false (publish (p, "<presence/>", &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING);

  g_clear_object (&p->pub);
  g_clear_object (&p->engine);
  publisher_free (p);
  agent_free (a);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publication/publish-modify-remove", test_publish_modify_remove);
  g_test_add_func ("/publication/refresh-and-failed-refresh", test_refresh_and_failed_refresh);
  g_test_add_func ("/publication/refused", test_refused);
  g_test_add_func ("/publication/queued-calls", test_queued_calls);
  g_test_add_func ("/publication/engine-stops", test_engine_stops);
  return g_test_run ();
}
