/* libsipsimple - a Via value from sofia-sip's parsed header, for the layers
 * above that hold sofia-sip messages (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/sip/via.h>
#include <sofia-sip/sip.h>

G_BEGIN_DECLS

SipSimpleVia *sip_simple_via_new_from_sofia (const sip_via_t *v);

G_END_DECLS
