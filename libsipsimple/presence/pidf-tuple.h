/* libsipsimple - SipSimplePidfTuple: a PIDF tuple (RFC 3863)
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

/**
 * SipSimplePidfBasic:
 * @SIP_SIMPLE_PIDF_BASIC_UNKNOWN: no basic status given
 * @SIP_SIMPLE_PIDF_BASIC_OPEN: the service can be reached ("open")
 * @SIP_SIMPLE_PIDF_BASIC_CLOSED: the service cannot be reached ("closed")
 *
 * The basic status of a PIDF tuple (RFC 3863).
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_PIDF_BASIC_UNKNOWN,
  SIP_SIMPLE_PIDF_BASIC_OPEN,
  SIP_SIMPLE_PIDF_BASIC_CLOSED,
} SipSimplePidfBasic;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_pidf_basic_get_type (void);
#define SIP_SIMPLE_TYPE_PIDF_BASIC (sip_simple_pidf_basic_get_type ())

#define SIP_SIMPLE_TYPE_PIDF_TUPLE (sip_simple_pidf_tuple_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePidfTuple, sip_simple_pidf_tuple, SIP_SIMPLE, PIDF_TUPLE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidfTuple *sip_simple_pidf_tuple_new            (const char          *id);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_tuple_get_id                 (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const *sip_simple_pidf_tuple_get_notes      (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_add_note               (SipSimplePidfTuple *self,
                                                       const char          *note);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_clear_notes            (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime  *sip_simple_pidf_tuple_get_timestamp          (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_set_timestamp          (SipSimplePidfTuple *self,
                                                       GDateTime           *timestamp);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_tuple_get_contact            (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_set_contact            (SipSimplePidfTuple *self,
                                                       const char          *contact);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_tuple_get_device_id            (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_set_device_id            (SipSimplePidfTuple *self,
                                                       const char          *device_id);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidfBasic sip_simple_pidf_tuple_get_basic    (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_set_basic           (SipSimplePidfTuple *self,
                                                       SipSimplePidfBasic  basic);
SIP_SIMPLE_AVAILABLE_IN_ALL
double      sip_simple_pidf_tuple_get_contact_priority (SipSimplePidfTuple *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_tuple_set_contact_priority (SipSimplePidfTuple *self,
                                                       double              priority);

G_END_DECLS
