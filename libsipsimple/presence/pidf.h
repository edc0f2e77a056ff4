/* libsipsimple - SipSimplePidf: a presence document (RFC 3863, 4479, 4480)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/presence/pidf-tuple.h>
#include <sipsimple/presence/pidf-person.h>
#include <sipsimple/presence/pidf-device.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_PIDF_CONTENT_TYPE:
 *
 * The MIME type of PIDF documents, "application/pidf+xml".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_PIDF_CONTENT_TYPE "application/pidf+xml"

/**
 * SipSimplePresenceStatus:
 * @SIP_SIMPLE_PRESENCE_STATUS_OFFLINE: not reachable (basic status closed,
 *   or unknown)
 * @SIP_SIMPLE_PRESENCE_STATUS_ONLINE: reachable
 * @SIP_SIMPLE_PRESENCE_STATUS_AWAY: reachable but away (RFC 4480
 *   activities such as away, vacation, meal, sleeping)
 * @SIP_SIMPLE_PRESENCE_STATUS_BUSY: reachable but busy (busy,
 *   on-the-phone, meeting, ...)
 *
 * The one-word presence a buddy list shows, and what
 * [property@SipSimple.Account:presence-status] publishes.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_PRESENCE_STATUS_OFFLINE,
  SIP_SIMPLE_PRESENCE_STATUS_ONLINE,
  SIP_SIMPLE_PRESENCE_STATUS_AWAY,
  SIP_SIMPLE_PRESENCE_STATUS_BUSY,
} SipSimplePresenceStatus;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_presence_status_get_type (void);
#define SIP_SIMPLE_TYPE_PRESENCE_STATUS (sip_simple_presence_status_get_type ())

SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_presence_status_to_string   (SipSimplePresenceStatus  status);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean    sip_simple_presence_status_from_string (const char              *name,
                                                    SipSimplePresenceStatus *status);

#define SIP_SIMPLE_TYPE_PIDF (sip_simple_pidf_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePidf, sip_simple_pidf, SIP_SIMPLE, PIDF, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidf       *sip_simple_pidf_new             (const char          *entity);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidf       *sip_simple_pidf_new_for_status  (const char          *entity,
                                                      SipSimplePresenceStatus status,
                                                      const char          *note);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidf       *sip_simple_pidf_parse           (GBytes              *data,
                                                      GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes              *sip_simple_pidf_to_bytes        (SipSimplePidf       *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_pidf_get_entity      (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_pidf_set_entity      (SipSimplePidf       *self,
                                                      const char          *entity);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray           *sip_simple_pidf_get_tuples      (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_pidf_add_tuple       (SipSimplePidf       *self,
                                                      SipSimplePidfTuple  *tuple);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray           *sip_simple_pidf_get_persons     (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_pidf_add_person      (SipSimplePidf       *self,
                                                      SipSimplePidfPerson *person);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray           *sip_simple_pidf_get_devices     (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_pidf_add_device      (SipSimplePidf       *self,
                                                      SipSimplePidfDevice *device);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const  *sip_simple_pidf_get_notes       (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_pidf_add_note        (SipSimplePidf       *self,
                                                      const char          *note);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidfBasic   sip_simple_pidf_get_basic       (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_pidf_get_note        (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char               **sip_simple_pidf_get_activities  (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime           *sip_simple_pidf_get_timestamp   (SipSimplePidf       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresenceStatus sip_simple_pidf_get_status   (SipSimplePidf       *self);

G_END_DECLS
