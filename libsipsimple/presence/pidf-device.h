/* libsipsimple - SipSimplePidfDevice: a device of a PIDF document (RFC 4479)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_PIDF_DEVICE (sip_simple_pidf_device_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePidfDevice, sip_simple_pidf_device, SIP_SIMPLE, PIDF_DEVICE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidfDevice *sip_simple_pidf_device_new            (const char          *id);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_device_get_id                 (SipSimplePidfDevice *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const *sip_simple_pidf_device_get_notes      (SipSimplePidfDevice *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_device_add_note               (SipSimplePidfDevice *self,
                                                       const char          *note);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_device_clear_notes            (SipSimplePidfDevice *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime  *sip_simple_pidf_device_get_timestamp          (SipSimplePidfDevice *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_device_set_timestamp          (SipSimplePidfDevice *self,
                                                       GDateTime           *timestamp);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_device_get_device_id            (SipSimplePidfDevice *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_device_set_device_id            (SipSimplePidfDevice *self,
                                                       const char          *device_id);

G_END_DECLS
