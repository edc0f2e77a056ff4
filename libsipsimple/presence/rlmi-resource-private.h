/* libsipsimple - SipSimpleRlmiResource internals for SipSimpleRlmi
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/presence/rlmi-resource.h>

G_BEGIN_DECLS

SipSimpleRlmiResource *sip_simple_rlmi_resource_new      (const char *uri,
                                                          const char *name,
                                                          const char *state,
                                                          const char *reason);
void                   sip_simple_rlmi_resource_set_body (SipSimpleRlmiResource *self,
                                                          const char            *content_type,
                                                          GBytes                *body);

G_END_DECLS
