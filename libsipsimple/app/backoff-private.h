/* libsipsimple - retry with exponential back-off (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One retry timer with exponential back-off, embedded in its owner (an
 * account's registration, a subscription, a publication). The n-th
 * consecutive failure waits min(@min_seconds * 2^n, @max_seconds)
 * seconds, the exponent capped at @max_doublings; with a @spread of p
 * percent the wait is drawn from [(100 - p)% of that, that], so that many
 * clients do not all come back together after a server outage. A success
 * (sip_simple_backoff_reset()) starts the sequence again. Everything runs
 * on the owner's main context: the timer is attached to the thread-default
 * context of the thread that schedules it. When the retry is due the
 * timer is gone (not pending) before the callback runs, so the callback
 * may schedule the next retry. */
typedef void (*SipSimpleBackoffFunc) (gpointer data);

typedef struct
{
  guint                min_seconds;
  guint                max_seconds;
  guint                max_doublings;
  guint                spread; /* percent */
  guint                failures;
  GSource             *source; /* the pending retry, NULL if none */
  GRand               *rand;   /* NULL: GLib's global generator */
  SipSimpleBackoffFunc func;
  gpointer             data;
} SipSimpleBackoff;

void sip_simple_backoff_init (SipSimpleBackoff *self, guint min_seconds, guint max_seconds,
                              guint max_doublings, guint spread);
/* Cancels the pending retry; keeps the failure count. */
void sip_simple_backoff_clear (SipSimpleBackoff *self);
/* A success: forgets the failures. A pending retry stays (a late success
 * of an older attempt must not cancel the renewal already planned). */
void sip_simple_backoff_reset (SipSimpleBackoff *self);
/* The wait after one more failure, in seconds; counts the failure. */
guint sip_simple_backoff_next_delay (SipSimpleBackoff *self);
/* Calls @func(@data) once after @seconds (0: after a short pause of
 * 200 ms, so that a storm of immediate retries cannot spin the loop),
 * replacing a pending retry. Waits are capped at an hour. */
void sip_simple_backoff_schedule (SipSimpleBackoff *self, guint seconds, SipSimpleBackoffFunc func,
                                  gpointer data);
/* sip_simple_backoff_next_delay() then sip_simple_backoff_schedule();
 * returns the delay. */
guint sip_simple_backoff_retry (SipSimpleBackoff *self, SipSimpleBackoffFunc func, gpointer data);
gboolean sip_simple_backoff_is_pending (const SipSimpleBackoff *self);
/* Whether a final SIP status says that retrying will not help until the
 * user changes something (credentials, address, settings): 400, 401,
 * 403, 404, 405, 407, 410, 415, 416, 420, 421, 484, 488, 489, 603, 604. */
gboolean sip_simple_backoff_is_permanent (guint code);

G_END_DECLS
