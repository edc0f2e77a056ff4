/* libsipsimple - digest authentication plugin for sofia-sip (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces sofia-sip's MD5-only "Digest" client with ours (MD5 and
 * SHA-256, with and without -sess, preferring SHA-256 when a server offers
 * both). Returns FALSE if sofia-sip did not take the plugin; requests then
 * authenticate with sofia-sip's own MD5 code. Called once by
 * sip_simple_sofia_init(). */
gboolean sip_simple_auth_plugin_install (void);

G_END_DECLS
