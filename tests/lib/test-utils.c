/* Shared helpers for the C unit tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
test_wait_for_flag (gboolean *flag, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  GMainContext *ctx = g_main_context_get_thread_default ();

  while (!*flag && !timed_out)
    g_main_context_iteration (ctx, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

void
test_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
test_wait_for_result (GAsyncResult **result, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  GMainContext *ctx = g_main_context_get_thread_default ();

  while (*result == NULL && !timed_out)
    g_main_context_iteration (ctx, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *result;
}

char *
test_source_path (const char *relative)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  return g_build_filename (srcdir ? srcdir : ".", relative, NULL);
}
