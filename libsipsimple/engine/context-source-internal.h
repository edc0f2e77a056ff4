/* libsipsimple - timers on the caller's thread-default main context (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_timeout_add() and g_idle_add() attach to the process-wide default
 * context and g_source_remove() looks there too; the library's objects
 * live on the thread-default context of the thread that made them (an
 * Application's thread), which need not be the default one. These attach
 * to the caller's thread-default context and hand back the source (a
 * reference the caller owns): clear it with sip_simple_source_clear(),
 * also from its own callback. */
GSource *sip_simple_timeout_attach (guint ms, GSourceFunc func, gpointer data);
GSource *sip_simple_timeout_attach_seconds (guint seconds, GSourceFunc func, gpointer data);
GSource *sip_simple_idle_attach (GSourceFunc func, gpointer data);
/* Destroys and releases *@source, if any, and sets it to NULL. */
void sip_simple_source_clear (GSource **source);

G_END_DECLS
