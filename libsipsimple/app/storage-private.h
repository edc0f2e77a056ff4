/* libsipsimple - what the Storage backends share (private to the app folder)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The NOT_FOUND errors every backend gives for a missing key or group;
 * both return FALSE. */
gboolean sip_simple_storage_no_key   (GError    **error,
                                      const char *group,
                                      const char *key);
gboolean sip_simple_storage_no_group (GError    **error,
                                      const char *group);

G_END_DECLS
