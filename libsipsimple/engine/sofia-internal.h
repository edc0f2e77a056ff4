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

/* What the Engine's NUA stack and the Agent's NTA stack both stand on: the
 * main context the stack runs in, the su_root that context drives and,
 * while the transports are bound, the TLS directory. */
typedef struct
{
  GMainContext *context;
  su_root_t    *root;
  GSource      *root_source;
  char         *tls_dir;
} SipSimpleSofiaLoop;

/* Takes a reference on @context and makes the root it drives; FALSE,
 * with @loop left empty, when sofia-sip could not make one. */
gboolean    sip_simple_sofia_loop_init        (SipSimpleSofiaLoop *loop,
                                               GMainContext       *context);
/* Frees the root, removes the TLS directory (if any) and drops the
 * context; an empty @loop is fine. */
void        sip_simple_sofia_loop_clear       (SipSimpleSofiaLoop *loop);

/* Turns the logging of every SIP message on or off (TPORT_LOG). */
void        sip_simple_sofia_set_trace        (gboolean enabled);
/* Whether a stack logs every SIP message: its sip-trace property
 * @sip_trace, or TPORT_LOG in the environment. When it does, tport's log
 * level is raised to let the messages through; give the result to the
 * transports as TPTAG_LOG(). */
gboolean    sip_simple_sofia_trace_wanted     (gboolean sip_trace);

/* sofia-sip reads its TLS material from files with fixed names in one
 * directory: agent.pem (private key and certificate) and cafile.pem (the
 * trusted CAs). Makes such a directory, private to the user, under the
 * temporary directory: agent.pem when @certificate_file is set (with the
 * key of @private_key_file, else the one in the certificate file), and
 * cafile.pem from @ca_file, else from the system's CA bundle when there
 * is one. Returns its path, or NULL with a SIP_SIMPLE_ENGINE_ERROR_TLS
 * error. Remove it with sip_simple_sofia_tls_dir_remove() once the
 * transports are bound (or the stack is gone). */
char       *sip_simple_sofia_tls_dir_new      (const char  *certificate_file,
                                               const char  *private_key_file,
                                               const char  *ca_file,
                                               GError     **error);
void        sip_simple_sofia_tls_dir_remove   (const char  *dir);

G_END_DECLS
