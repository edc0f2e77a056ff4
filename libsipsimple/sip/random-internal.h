/* libsipsimple - unguessable values from the kernel's CSPRNG, for every
 * layer of the library (never installed)
 *
 * Session, transaction and message IDs, nonces, cnonces, entity tags, DNS
 * query IDs and keys must not be predictable from earlier ones: a peer that
 * sees enough GRand output (a Mersenne Twister) can compute the next value,
 * and GLib documents g_uuid_string_random() as no stronger. Everything here
 * reads getrandom(2); if the kernel cannot provide randomness the process
 * aborts rather than fall back to a guessable value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills @buf with @len random bytes. */
void     sip_simple_random_bytes  (void       *buf,
                                   gsize       len);

/* A uniformly distributed integer in [0, @bound) (@bound > 0), without
 * modulo bias. */
guint32  sip_simple_random_below  (guint32     bound);

/* A newly allocated string of @len characters drawn uniformly from
 * @alphabet (at least two distinct characters). */
char    *sip_simple_random_string (gsize       len,
                                   const char *alphabet);

/* @nbytes random bytes as 2 * @nbytes lower-case hex digits. */
char    *sip_simple_random_hex    (gsize       nbytes);

/* Letters and digits: the alphabet of MSRP session and transaction IDs,
 * Message-IDs, tags. */
#define SIP_SIMPLE_RANDOM_ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

G_END_DECLS
