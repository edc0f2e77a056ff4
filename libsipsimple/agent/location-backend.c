/* libsipsimple - what the database location backends (Redis, PostgreSQL)
 * share: reconnection with back-off, and their tasks' ends
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/location.h>
#include "agent-private.h"

#define MIN_BACKOFF_MS 100
#define MAX_BACKOFF_MS 5000

void
sip_simple_reconnect_schedule (SipSimpleReconnect *self, GMainContext *context, GSourceFunc func,
                               gpointer data, const char *name)
{
  if (self->source != NULL)
    return;
  if (self->delay_ms == 0)
    self->delay_ms = MIN_BACKOFF_MS;
  self->source = g_timeout_source_new (self->delay_ms);
  g_source_set_callback (self->source, func, data, NULL);
  g_source_set_name (self->source, name);
  g_source_attach (self->source, context);
  self->delay_ms = MIN (self->delay_ms * 2, MAX_BACKOFF_MS);
}

void
sip_simple_reconnect_fired (SipSimpleReconnect *self)
{
  g_clear_pointer (&self->source, g_source_unref);
}

void
sip_simple_reconnect_reset (SipSimpleReconnect *self)
{
  self->delay_ms = MIN_BACKOFF_MS;
}

void
sip_simple_location_task_return (GTask **task, GPtrArray *bindings, GError *error)
{
  GTask *t = g_steal_pointer (task);

  if (t == NULL)
    {
      if (error != NULL)
        g_debug ("Location answer nobody waits for: %s", error->message);
      g_clear_error (&error);
      if (bindings != NULL)
        g_ptr_array_unref (bindings);
      return;
    }
  if (error != NULL)
    g_task_return_error (t, error);
  else
    g_task_return_pointer (t, bindings, (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (t);
}

GPtrArray *
sip_simple_location_task_finish (SipSimpleLocation *location, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, location), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
