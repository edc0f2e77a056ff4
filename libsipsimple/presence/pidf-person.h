/* libsipsimple - SipSimplePidfPerson: the person of a PIDF document (RFC 4479, RFC 4480)
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

#define SIP_SIMPLE_TYPE_PIDF_PERSON (sip_simple_pidf_person_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePidfPerson, sip_simple_pidf_person, SIP_SIMPLE, PIDF_PERSON, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidfPerson *sip_simple_pidf_person_new            (const char          *id);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_pidf_person_get_id                 (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const *sip_simple_pidf_person_get_notes      (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_add_note               (SipSimplePidfPerson *self,
                                                       const char          *note);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_clear_notes            (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime  *sip_simple_pidf_person_get_timestamp          (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_set_timestamp          (SipSimplePidfPerson *self,
                                                       GDateTime           *timestamp);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const *sip_simple_pidf_person_get_activities (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_set_activities           (SipSimplePidfPerson *self,
                                                       const char * const  *activities);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_add_activity            (SipSimplePidfPerson *self,
                                                       const char          *activity);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean    sip_simple_pidf_person_has_activity            (SipSimplePidfPerson *self,
                                                       const char          *activity);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const *sip_simple_pidf_person_get_moods (SipSimplePidfPerson *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_set_moods           (SipSimplePidfPerson *self,
                                                       const char * const  *moods);
SIP_SIMPLE_AVAILABLE_IN_ALL
void        sip_simple_pidf_person_add_mood            (SipSimplePidfPerson *self,
                                                       const char          *mood);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean    sip_simple_pidf_person_has_mood            (SipSimplePidfPerson *self,
                                                       const char          *mood);

G_END_DECLS
