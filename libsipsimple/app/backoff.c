/* libsipsimple - retry with exponential back-off: the one timing rule of
 * every retry in the app layer (registration, subscriptions, publication)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "backoff-private.h"
#include "engine/context-source-internal.h"

#define MAX_WAIT_SECONDS 3600
#define IMMEDIATE_RETRY_MS 200

void
sip_simple_backoff_init (SipSimpleBackoff *self, guint min_seconds, guint max_seconds,
                         guint max_doublings, guint spread)
{
  g_return_if_fail (min_seconds > 0 && min_seconds <= max_seconds && spread <= 100);
  *self = (SipSimpleBackoff){ 0 };
  self->min_seconds = min_seconds;
  self->max_seconds = max_seconds;
  self->max_doublings = MIN (max_doublings, 31);
  self->spread = spread;
}

void
sip_simple_backoff_clear (SipSimpleBackoff *self)
{
  sip_simple_source_clear (&self->source);
}

void
sip_simple_backoff_reset (SipSimpleBackoff *self)
{
  self->failures = 0;
}

guint
sip_simple_backoff_next_delay (SipSimpleBackoff *self)
{
  guint   shift = MIN (self->failures, self->max_doublings);
  guint64 full = (guint64)self->min_seconds << shift;
  guint   delay = (guint)MIN (full, (guint64)self->max_seconds);

  if (self->failures < G_MAXUINT)
    self->failures++;
  if (self->spread > 0)
    {
      guint low = (guint)((guint64)delay * (100 - self->spread) / 100);
      delay = self->rand != NULL
                  ? (guint)g_rand_int_range (self->rand, (gint32)low, (gint32)delay + 1)
                  : (guint)g_random_int_range ((gint32)low, (gint32)delay + 1);
    }
  return delay;
}

static gboolean
fire (gpointer user_data)
{
  SipSimpleBackoff *self = user_data;

  sip_simple_backoff_clear (self);
  self->func (self->data);
  return G_SOURCE_REMOVE;
}

void
sip_simple_backoff_schedule (SipSimpleBackoff *self, guint seconds, SipSimpleBackoffFunc func,
                             gpointer data)
{
  sip_simple_backoff_clear (self);
  self->func = func;
  self->data = data;
  if (seconds == 0)
    self->source = sip_simple_timeout_attach (IMMEDIATE_RETRY_MS, fire, self);
  else
    self->source = sip_simple_timeout_attach_seconds (MIN (seconds, MAX_WAIT_SECONDS), fire, self);
}

guint
sip_simple_backoff_retry (SipSimpleBackoff *self, SipSimpleBackoffFunc func, gpointer data)
{
  guint delay = sip_simple_backoff_next_delay (self);
  sip_simple_backoff_schedule (self, delay, func, data);
  return delay;
}

gboolean
sip_simple_backoff_is_pending (const SipSimpleBackoff *self)
{
  return self->source != NULL && !g_source_is_destroyed (self->source);
}

gboolean
sip_simple_backoff_is_permanent (guint code)
{
  switch (code)
    {
    case 400:
    case 401:
    case 403:
    case 404:
    case 405:
    case 407:
    case 410:
    case 415:
    case 416:
    case 420:
    case 421:
    case 484:
    case 488:
    case 489:
    case 603:
    case 604:
      return TRUE;
    default:
      return FALSE;
    }
}
