/* libsipsimple - sofia-sip inside the GLib main loop (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/su_glib.h>

G_BEGIN_DECLS

/* Process-wide sofia-sip initialisation (su_init, log redirection into
 * g_log). Idempotent and cheap. */
void        sip_simple_sofia_init             (void);

/* A su_root driven by @context (no hidden threads): the root's GSource is
 * attached to @context and returned in @source_out. */
su_root_t  *sip_simple_sofia_root_new         (GMainContext *context,
                                               GSource     **source_out);
void        sip_simple_sofia_root_free        (su_root_t *root,
                                               GSource   *source);

/* Turns the logging of every SIP message on or off (TPORT_LOG). */
void        sip_simple_sofia_set_trace        (gboolean enabled);

G_END_DECLS
