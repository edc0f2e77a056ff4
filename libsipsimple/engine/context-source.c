/* libsipsimple - timers on the caller's thread-default main context: where
 * the library's timeouts and idles are attached (never the global default)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "context-source-internal.h"

static GSource *
attach (GSource *source, GSourceFunc func, gpointer data)
{
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

GSource *
sip_simple_timeout_attach (guint ms, GSourceFunc func, gpointer data)
{
  return attach (g_timeout_source_new (ms), func, data);
}

GSource *
sip_simple_timeout_attach_seconds (guint seconds, GSourceFunc func, gpointer data)
{
  return attach (g_timeout_source_new_seconds (seconds), func, data);
}

GSource *
sip_simple_idle_attach (GSourceFunc func, gpointer data)
{
  return attach (g_idle_source_new (), func, data);
}

void
sip_simple_source_clear (GSource **source)
{
  GSource *s = g_steal_pointer (source);

  if (s == NULL)
    return;
  g_source_destroy (s);
  g_source_unref (s);
}
