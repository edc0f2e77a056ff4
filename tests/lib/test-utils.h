/* Shared helpers for the C unit tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sipsimple/sipsimple.h>

G_BEGIN_DECLS

/* Runs the thread-default main context until *flag becomes TRUE or
 * timeout_ms passes; returns whether the flag was set. */
gboolean test_wait_for_flag (gboolean *flag, guint timeout_ms);

/* Runs the main context until the async result pointer is set. */
GAsyncResult *test_wait_for_result (GAsyncResult **result, guint timeout_ms);

/* GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) user_data. */
void test_store_result (GObject *source, GAsyncResult *result, gpointer user_data);

/* Path of a file under tests/ in the source tree (G_TEST_SRCDIR). */
char *test_source_path (const char *relative);

G_END_DECLS
