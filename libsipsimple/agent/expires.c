/* libsipsimple - the lifetime a server grants (see expires-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "expires-private.h"
#include <sipsimple/sip/headers.h>

gint64
sip_simple_agent_grant_expires (SipSimpleEvent *event, gint64 asked, guint min_expires,
                                guint max_expires)
{
  if (asked <= 0)
    return 0;
  if (min_expires > 0 && asked < min_expires)
    {
      g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
      g_autofree char *min = g_strdup_printf ("%u", min_expires);

      sip_simple_headers_append (headers, "Min-Expires", min, NULL);
      sip_simple_event_respond (event, 423, "Interval Too Brief", headers, NULL, NULL, NULL);
      return -1;
    }
  if (max_expires > 0 && asked > max_expires)
    return max_expires;
  return asked;
}
