/* libsipsimple - SipSimpleBinding, one registered contact of an AoR
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_BINDING:
 *
 * The #GType of #SipSimpleBinding.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_BINDING (sip_simple_binding_get_type ())

typedef struct _SipSimpleBinding SipSimpleBinding;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType             sip_simple_binding_get_type       (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleBinding *sip_simple_binding_new            (SipSimpleUri            *contact);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleBinding *sip_simple_binding_ref            (SipSimpleBinding        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_unref          (SipSimpleBinding        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleBinding *sip_simple_binding_copy           (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char             *sip_simple_binding_to_string      (const SipSimpleBinding  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri     *sip_simple_binding_get_contact    (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gint64            sip_simple_binding_get_expires_at (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_expires_at (SipSimpleBinding        *self,
                                                     gint64                   expires_at);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint             sip_simple_binding_get_expires    (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_expires    (SipSimpleBinding        *self,
                                                     guint                    seconds);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean          sip_simple_binding_is_expired     (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gdouble           sip_simple_binding_get_q          (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean          sip_simple_binding_has_q          (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_q          (SipSimpleBinding        *self,
                                                     gdouble                  q);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_binding_get_call_id    (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_call_id    (SipSimpleBinding        *self,
                                                     const char              *call_id);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint32           sip_simple_binding_get_cseq       (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_cseq       (SipSimpleBinding        *self,
                                                     guint32                  cseq);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char *const *sip_simple_binding_get_path      (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_path       (SipSimpleBinding        *self,
                                                     const char *const       *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_binding_get_received   (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_received   (SipSimpleBinding        *self,
                                                     const char              *received);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_binding_get_user_agent (const SipSimpleBinding  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_binding_set_user_agent (SipSimpleBinding        *self,
                                                     const char              *user_agent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleBinding, sip_simple_binding_unref)

G_END_DECLS
