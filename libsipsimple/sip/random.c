/* libsipsimple - unguessable values from the kernel's CSPRNG
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/version.h>
#include "random-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

void
sip_simple_random_bytes (void *buf, gsize len)
{
  guint8 *p = buf;

  while (len > 0)
    {
      /* getrandom() returns at most 32 MiB per call and may be interrupted
       * by a signal before the pool is ready; loop until all is there */
      ssize_t n = getrandom (p, len, 0);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s; refusing to make guessable IDs", g_strerror (errno));
        }
      p += n;
      len -= (gsize) n;
    }
}

guint32
sip_simple_random_below (guint32 bound)
{
  guint32 limit, r;

  g_return_val_if_fail (bound > 0, 0);
  /* the largest multiple of @bound that fits: values at or above it would
   * favour the low results, so they are drawn again */
  limit = G_MAXUINT32 - (G_MAXUINT32 % bound);
  do
    sip_simple_random_bytes (&r, sizeof r);
  while (r >= limit);
  return r % bound;
}

char *
sip_simple_random_string (gsize len, const char *alphabet)
{
  gsize  n = strlen (alphabet);
  guint8 pool[64];
  gsize  used = sizeof pool;
  guint  limit;
  char  *out;

  g_return_val_if_fail (n >= 2 && n <= G_MAXUINT32, NULL);
  if (n > 256)
    {
      out = g_malloc (len + 1);
      for (gsize i = 0; i < len; i++)
        out[i] = alphabet[sip_simple_random_below ((guint32) n)];
      out[len] = '\0';
      return out;
    }
  /* one getrandom() per 64 bytes, not one per character (IDs are made per
   * MSRP chunk and message); bytes at or above the largest multiple of @n
   * below 256 would favour the first letters, so they are skipped */
  limit = 256 - 256 % (guint) n;
  out = g_malloc (len + 1);
  for (gsize i = 0; i < len;)
    {
      guint b;

      if (used == sizeof pool)
        {
          sip_simple_random_bytes (pool, sizeof pool);
          used = 0;
        }
      b = pool[used++];
      if (b < limit)
        out[i++] = alphabet[b % n];
    }
  out[len] = '\0';
  return out;
}

char *
sip_simple_random_hex (gsize nbytes)
{
  static const char digits[] = "0123456789abcdef";
  g_autofree guint8 *bytes = g_malloc (nbytes ? nbytes : 1);
  char *out = g_malloc (2 * nbytes + 1);

  sip_simple_random_bytes (bytes, nbytes);
  for (gsize i = 0; i < nbytes; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  out[2 * nbytes] = '\0';
  return out;
}
