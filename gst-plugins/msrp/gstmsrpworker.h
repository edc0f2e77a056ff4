/* msrp GStreamer plugin - the element-owned thread that runs an MSRP session
 *
 * libsipsimple's MsrpSession lives in a GLib main context; an element runs
 * in streaming threads. Each element owns one worker: a thread with its own
 * GMainContext where the session is created, prepared, started and fed.
 * The streaming thread talks to it through g_main_context_invoke and waits
 * on the worker's condition variable.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>
#include <sipsimple/sipsimple.h>

G_BEGIN_DECLS

typedef struct _GstMsrpWorker GstMsrpWorker;

/* Called in the worker thread right after the session is made (connect
 * signals there). */
typedef void (*GstMsrpWorkerSetup) (GstMsrpWorker *worker, SipSimpleMsrpSession *session, gpointer user_data);

struct _GstMsrpWorker
{
  GMutex                lock;
  GCond                 cond;
  GMainContext         *context;
  GMainLoop            *loop;
  GThread              *thread;
  SipSimpleMsrpSession *session;     /* touched in the worker thread only */
  char                 *local_uri;
  char                 *remote_uri;
  gboolean              active;
  guint                 connect_timeout_ms;
  gint64                deadline; /* an active side retries connecting until then */
  GstMsrpWorkerSetup    setup;
  gpointer              setup_data;
  /* under lock */
  gboolean              prepared;
  gboolean              connected;
  gboolean              closed;
  gboolean              flushing;
  GError               *error;
};

GstMsrpWorker *gst_msrp_worker_new            (const char         *local_uri,
                                               const char         *remote_uri,
                                               gboolean            active,
                                               guint               connect_timeout_ms,
                                               GstMsrpWorkerSetup  setup,
                                               gpointer            setup_data,
                                               GError            **error);
/* Blocks until the session is connected, failed or the worker is flushing */
gboolean       gst_msrp_worker_wait_connected (GstMsrpWorker      *worker,
                                               GError            **error);
void           gst_msrp_worker_set_flushing   (GstMsrpWorker      *worker,
                                               gboolean            flushing);
/* Records a failure (from the worker thread) and wakes waiters */
void           gst_msrp_worker_fail           (GstMsrpWorker      *worker,
                                               const GError       *error);
void           gst_msrp_worker_free           (GstMsrpWorker      *worker);

G_END_DECLS
