/* libsipsimple - SipSimpleSettings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/app/storage.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_SETTINGS (sip_simple_settings_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleSettings, sip_simple_settings, SIP_SIMPLE, SETTINGS, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSettings   *sip_simple_settings_new                      (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_settings_bind_storage             (SipSimpleSettings   *self,
                                                                   SipSimpleStorage    *storage,
                                                                   GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_user_agent           (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_user_agent           (SipSimpleSettings   *self,
                                                                   const char          *user_agent);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_ip_address           (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_ip_address           (SipSimpleSettings   *self,
                                                                   const char          *ip_address);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_settings_get_port                 (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_port                 (SipSimpleSettings   *self,
                                                                   guint                port);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_settings_get_tls_port             (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_tls_port             (SipSimpleSettings   *self,
                                                                   guint                tls_port);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const  *sip_simple_settings_get_transports           (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_settings_set_transports           (SipSimpleSettings   *self,
                                                                   const char * const  *transports,
                                                                   GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_tls_certificate_file (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_tls_certificate_file (SipSimpleSettings   *self,
                                                                   const char          *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_tls_private_key_file (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_tls_private_key_file (SipSimpleSettings   *self,
                                                                   const char          *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_tls_ca_file          (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_tls_ca_file          (SipSimpleSettings   *self,
                                                                   const char          *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_settings_get_tls_verify_server    (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_tls_verify_server    (SipSimpleSettings   *self,
                                                                   gboolean             verify);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_settings_get_sip_trace            (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_sip_trace            (SipSimpleSettings   *self,
                                                                   gboolean             sip_trace);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_audio_input_device   (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_audio_input_device   (SipSimpleSettings   *self,
                                                                   const char          *device);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_settings_get_audio_output_device  (SipSimpleSettings   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_settings_set_audio_output_device  (SipSimpleSettings   *self,
                                                                   const char          *device);

G_END_DECLS
