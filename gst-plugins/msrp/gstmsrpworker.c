/* msrp GStreamer plugin - the element-owned thread that runs an MSRP session
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmsrpworker.h"

static void start_session (GstMsrpWorker *w);

void
gst_msrp_worker_fail (GstMsrpWorker *w, const GError *error)
{
  g_mutex_lock (&w->lock);
  if (w->error == NULL)
    w->error = g_error_copy (error);
  w->closed = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static void
on_closed (SipSimpleMsrpSession *session, GError *error, GstMsrpWorker *w)
{
  g_autoptr (GError) e = error ? g_error_copy (error)
                               : g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED,
                                                      "MSRP session closed");

  if (session != w->session)
    return;
  gst_msrp_worker_fail (w, e);
}

static gboolean
retry_start (gpointer data)
{
  start_session (data);
  return G_SOURCE_REMOVE;
}

static void
started (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstMsrpWorker        *w = user_data;
  SipSimpleMsrpSession *session = SIP_SIMPLE_MSRP_SESSION (source);
  g_autoptr (GError) error = NULL;

  if (session != w->session)
    return;
  if (sip_simple_msrp_session_start_finish (session, result, &error))
    {
      g_mutex_lock (&w->lock);
      w->connected = TRUE;
      g_cond_broadcast (&w->cond);
      g_mutex_unlock (&w->lock);
      return;
    }
  /* the passive peer may not listen yet: an active side retries */
  if (w->active && g_error_matches (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION)
      && g_get_monotonic_time () < w->deadline)
    {
      GSource *timeout = g_timeout_source_new (100);

      g_signal_handlers_disconnect_by_data (session, w);
      g_clear_object (&w->session);
      g_source_set_callback (timeout, retry_start, w, NULL);
      g_source_attach (timeout, w->context);
      g_source_unref (timeout);
      return;
    }
  gst_msrp_worker_fail (w, error);
}

static gboolean
configure (GstMsrpWorker *w, SipSimpleMsrpSession *session, GError **error)
{
  g_autoptr (SipSimpleMsrpUri) local = NULL;
  g_autoptr (GPtrArray) remote = NULL;

  if (w->local_uri && *w->local_uri)
    {
      local = sip_simple_msrp_uri_parse (w->local_uri, error);
      if (local == NULL)
        return FALSE;
      if (sip_simple_msrp_uri_get_session_id (local) == NULL || sip_simple_msrp_uri_get_port (local) == 0)
        {
          g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI,
                       "The local URI “%s” needs a port and a session-id", w->local_uri);
          return FALSE;
        }
      g_object_set (session, "local-address", sip_simple_msrp_uri_get_host (local), "use-tls",
                    sip_simple_msrp_uri_get_secure (local), "session-id", sip_simple_msrp_uri_get_session_id (local),
                    NULL);
      /* the active side does not listen: its port is only a name */
      if (!w->active)
        g_object_set (session, "local-port", (guint)sip_simple_msrp_uri_get_port (local), NULL);
    }
  if (w->remote_uri == NULL || *w->remote_uri == '\0')
    {
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                           "The remote-uri property is not set");
      return FALSE;
    }
  remote = sip_simple_msrp_uri_parse_path (w->remote_uri, error);
  if (remote == NULL)
    return FALSE;
  sip_simple_msrp_session_set_remote_path (session, remote);
  sip_simple_msrp_session_set_active (session, w->active);
  return TRUE;
}

static void
prepared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstMsrpWorker        *w = user_data;
  SipSimpleMsrpSession *session = SIP_SIMPLE_MSRP_SESSION (source);
  g_autoptr (GError) error = NULL;

  if (session != w->session)
    return;
  if (!sip_simple_msrp_session_prepare_finish (session, result, &error))
    {
      gst_msrp_worker_fail (w, error);
      return;
    }
  g_mutex_lock (&w->lock);
  w->prepared = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  sip_simple_msrp_session_start_async (session, NULL, started, w);
}

static void
start_session (GstMsrpWorker *w)
{
  g_autoptr (GError) error = NULL;

  w->session = sip_simple_msrp_session_new ();
  if (!configure (w, w->session, &error))
    {
      gst_msrp_worker_fail (w, error);
      return;
    }
  g_signal_connect (w->session, "closed", G_CALLBACK (on_closed), w);
  if (w->setup)
    w->setup (w, w->session, w->setup_data);
  sip_simple_msrp_session_prepare_async (w->session, NULL, prepared, w);
}

static gpointer
worker_thread (gpointer data)
{
  GstMsrpWorker *w = data;

  g_main_context_push_thread_default (w->context);
  start_session (w);
  g_main_loop_run (w->loop);
  if (w->session)
    {
      sip_simple_msrp_session_close (w->session);
      g_signal_handlers_disconnect_by_data (w->session, w);
      g_clear_object (&w->session);
    }
  /* let the closing connections finish */
  while (g_main_context_iteration (w->context, FALSE))
    ;
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

GstMsrpWorker *
gst_msrp_worker_new (const char *local_uri, const char *remote_uri, gboolean active, guint connect_timeout_ms,
                     GstMsrpWorkerSetup setup, gpointer setup_data, GError **error)
{
  GstMsrpWorker *w = g_new0 (GstMsrpWorker, 1);
  gboolean       ok;

  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->context = g_main_context_new ();
  w->loop = g_main_loop_new (w->context, FALSE);
  w->local_uri = g_strdup (local_uri);
  w->remote_uri = g_strdup (remote_uri);
  w->active = active;
  w->connect_timeout_ms = connect_timeout_ms;
  w->setup = setup;
  w->setup_data = setup_data;
  w->deadline = g_get_monotonic_time () + (gint64)connect_timeout_ms * 1000;
  w->thread = g_thread_new ("msrp-worker", worker_thread, w);
  g_mutex_lock (&w->lock);
  while (!w->prepared && !w->closed)
    g_cond_wait (&w->cond, &w->lock);
  ok = w->prepared;
  if (!ok && error)
    *error = g_error_copy (w->error);
  g_mutex_unlock (&w->lock);
  if (!ok)
    {
      gst_msrp_worker_free (w);
      return NULL;
    }
  return w;
}

gboolean
gst_msrp_worker_wait_connected (GstMsrpWorker *w, GError **error)
{
  gboolean ok;

  g_mutex_lock (&w->lock);
  while (!w->connected && !w->closed && !w->flushing)
    g_cond_wait (&w->cond, &w->lock);
  ok = w->connected && !w->closed;
  if (!ok && error)
    {
      if (w->error)
        *error = g_error_copy (w->error);
      else
        *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "flushing");
    }
  g_mutex_unlock (&w->lock);
  return ok;
}

void
gst_msrp_worker_set_flushing (GstMsrpWorker *w, gboolean flushing)
{
  g_mutex_lock (&w->lock);
  w->flushing = flushing;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
gst_msrp_worker_free (GstMsrpWorker *w)
{
  if (w == NULL)
    return;
  gst_msrp_worker_set_flushing (w, TRUE);
  if (w->thread)
    {
      g_main_context_invoke (w->context, quit_loop, w->loop);
      g_thread_join (w->thread);
    }
  g_main_loop_unref (w->loop);
  g_main_context_unref (w->context);
  g_clear_error (&w->error);
  g_free (w->local_uri);
  g_free (w->remote_uri);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w);
}
