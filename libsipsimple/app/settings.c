/* libsipsimple - SipSimpleSettings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/settings.h>
#include <sipsimple/sip/error.h>

#include "config-binding-private.h"
#include "engine/listen-config-internal.h"

/**
 * SipSimpleSettings:
 *
 * Application-wide settings: the local SIP transports and their TLS
 * credentials, the User-Agent, tracing and the audio devices. Accounts
 * have settings of their own.
 *
 * Every property is persistent: once the object is bound to a
 * [iface@Storage] with [method@Settings.bind_storage], the stored values
 * are applied and every change is saved to the storage's `settings` group
 * as it is made. A value that is set is stored even if it equals the
 * default, so that an explicit choice survives a later change of the
 * default; values never set are not written.
 *
 * ```python
 * storage = SipSimple.FileStorage.new(config_dir)
 * storage.load()
 * settings = SipSimple.Settings.new()
 * settings.bind_storage(storage)
 * settings.props.port = 5060      # saved in config_dir/config.ini
 * ```
 *
 * Since: 0.1
 */

struct _SipSimpleSettings
{
  GObject parent_instance;

  SipSimpleListenConfig config;
  char *audio_input_device;
  char *audio_output_device;
};

enum {
  /* PROP_0, then the SIP_SIMPLE_LISTEN_PROP_* ids */
  PROP_AUDIO_INPUT_DEVICE = SIP_SIMPLE_LISTEN_N_PROPS,
  PROP_AUDIO_OUTPUT_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SipSimpleSettings, sip_simple_settings, G_TYPE_OBJECT)

/* "libsipsimple/VERSION", as the user-agent property's default */
static const char *
default_user_agent (void)
{
  return G_PARAM_SPEC_STRING (properties[SIP_SIMPLE_LISTEN_PROP_USER_AGENT])->default_value;
}

#define STORAGE_GROUP "settings"
#define DEFAULT_IP_ADDRESS "0.0.0.0"
#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                     G_PARAM_STATIC_STRINGS | SIP_SIMPLE_PARAM_PERSISTENT)

static const char * const known_transports[] = { "udp", "tcp", "tls", NULL };

static gboolean
check_transports (const char * const  *transports,
                  GError             **error)
{
  if (transports == NULL || transports[0] == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                           "At least one transport is needed (udp, tcp or tls)");
      return FALSE;
    }

  for (guint i = 0; transports[i] != NULL; i++)
    {
      if (!g_strv_contains (known_transports, transports[i]))
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                       "Unknown transport “%s”: expected udp, tcp or tls", transports[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (transports[i], transports[j]))
          {
            g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                         "Transport “%s” is listed twice", transports[i]);
            return FALSE;
          }
    }

  return TRUE;
}

static void
set_string (SipSimpleSettings  *self,
            char              **field,
            const char         *value,
            guint               prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_boolean (SipSimpleSettings *self,
             gboolean          *field,
             gboolean           value,
             guint              prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_port (SipSimpleSettings *self,
          guint             *field,
          guint              value,
          guint              prop_id)
{
  g_return_if_fail (value <= G_MAXUINT16);

  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
sip_simple_settings_finalize (GObject *object)
{
  SipSimpleSettings *self = SIP_SIMPLE_SETTINGS (object);

  sip_simple_listen_config_clear (&self->config);
  g_free (self->audio_input_device);
  g_free (self->audio_output_device);

  G_OBJECT_CLASS (sip_simple_settings_parent_class)->finalize (object);
}

static void
sip_simple_settings_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SipSimpleSettings *self = SIP_SIMPLE_SETTINGS (object);

  if (sip_simple_listen_config_get_property (&self->config, prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_AUDIO_INPUT_DEVICE:
      g_value_set_string (value, self->audio_input_device);
      break;
    case PROP_AUDIO_OUTPUT_DEVICE:
      g_value_set_string (value, self->audio_output_device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_settings_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SipSimpleSettings *self = SIP_SIMPLE_SETTINGS (object);

  switch (prop_id)
    {
    case SIP_SIMPLE_LISTEN_PROP_USER_AGENT:
      sip_simple_settings_set_user_agent (self, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS:
      sip_simple_settings_set_ip_address (self, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_PORT:
      sip_simple_settings_set_port (self, g_value_get_uint (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PORT:
      sip_simple_settings_set_tls_port (self, g_value_get_uint (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TRANSPORTS:
      {
        g_autoptr(GError) error = NULL;

        /* A property setter cannot fail: keep the old value, but loudly. */
        if (!sip_simple_settings_set_transports (self, g_value_get_boxed (value), &error))
          g_warning ("Ignoring invalid SipSimpleSettings:transports: %s", error->message);
      }
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE:
      sip_simple_settings_set_tls_certificate_file (self, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE:
      sip_simple_settings_set_tls_private_key_file (self, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE:
      sip_simple_settings_set_tls_ca_file (self, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER:
      sip_simple_settings_set_tls_verify_server (self, g_value_get_boolean (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_SIP_TRACE:
      sip_simple_settings_set_sip_trace (self, g_value_get_boolean (value));
      break;
    case PROP_AUDIO_INPUT_DEVICE:
      sip_simple_settings_set_audio_input_device (self, g_value_get_string (value));
      break;
    case PROP_AUDIO_OUTPUT_DEVICE:
      sip_simple_settings_set_audio_output_device (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_settings_class_init (SipSimpleSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sip_simple_settings_finalize;
  object_class->get_property = sip_simple_settings_get_property;
  object_class->set_property = sip_simple_settings_set_property;

  /* the default lives in the param spec (which copies it): no global */
  g_autofree char *library_agent = g_strdup_printf ("libsipsimple/%d.%d.%d", SIP_SIMPLE_MAJOR_VERSION,
                                                    SIP_SIMPLE_MINOR_VERSION,
                                                    SIP_SIMPLE_MICRO_VERSION);

  /**
   * SipSimpleSettings:user-agent:
   *
   * The User-Agent (and Server) header sent with SIP messages. The
   * default is `libsipsimple/` and the library version; setting %NULL
   * restores it, setting an empty text sends no such header.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", "User agent",
                         "The User-Agent header sent with SIP messages",
                         library_agent, PARAM_FLAGS);

  /**
   * SipSimpleSettings:ip-address:
   *
   * The local address the SIP transports bind to. The default, `0.0.0.0`,
   * means every IPv4 address; use `::` for every IPv6 address or `::1`
   * for IPv6 loopback. Setting %NULL restores the default.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS] =
    g_param_spec_string ("ip-address", "IP address",
                         "The local address the SIP transports bind to (0.0.0.0, ::, or one address)",
                         DEFAULT_IP_ADDRESS, PARAM_FLAGS);

  /**
   * SipSimpleSettings:port:
   *
   * The local port of the UDP and TCP transports, which share it. 0, the
   * default, lets the system pick any free port.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_PORT] =
    g_param_spec_uint ("port", "Port",
                       "The local port of the UDP and TCP transports (0 for any free port)",
                       0, G_MAXUINT16, 0, PARAM_FLAGS);

  /**
   * SipSimpleSettings:tls-port:
   *
   * The local port of the TLS transport. 0, the default, lets the system
   * pick any free port.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_PORT] =
    g_param_spec_uint ("tls-port", "TLS port",
                       "The local port of the TLS transport (0 for any free port)",
                       0, G_MAXUINT16, 0, PARAM_FLAGS);

  /**
   * SipSimpleSettings:transports:
   *
   * The SIP transports to enable: one or more of `udp`, `tcp` and `tls`,
   * each at most once, in order of preference. The default enables all
   * three. Setting an invalid list through the property logs a warning and
   * keeps the old value; [method@Settings.set_transports] reports the
   * error instead.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TRANSPORTS] =
    g_param_spec_boxed ("transports", "Transports",
                        "The SIP transports to enable: udp, tcp and/or tls",
                        G_TYPE_STRV, PARAM_FLAGS);

  /**
   * SipSimpleSettings:tls-certificate-file:
   *
   * A PEM file with the certificate the TLS transport presents, or %NULL
   * (the default) for none.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE] =
    g_param_spec_string ("tls-certificate-file", "TLS certificate file",
                         "A PEM file with the local TLS certificate, or none",
                         NULL, PARAM_FLAGS);

  /**
   * SipSimpleSettings:tls-private-key-file:
   *
   * A PEM file with the private key of
   * [property@Settings:tls-certificate-file], or %NULL (the default) if
   * the certificate file holds the key too.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE] =
    g_param_spec_string ("tls-private-key-file", "TLS private key file",
                         "A PEM file with the private key of the TLS certificate, or none",
                         NULL, PARAM_FLAGS);

  /**
   * SipSimpleSettings:tls-ca-file:
   *
   * A PEM file with the certificate authorities trusted to sign servers'
   * certificates, or %NULL (the default) for the system's trust store.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE] =
    g_param_spec_string ("tls-ca-file", "TLS CA file",
                         "A PEM file with the trusted certificate authorities, or none for the system's",
                         NULL, PARAM_FLAGS);

  /**
   * SipSimpleSettings:tls-verify-server:
   *
   * Whether TLS connections check the server's certificate and name.
   * %TRUE by default; turn it off only for testing.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER] =
    g_param_spec_boolean ("tls-verify-server", "Verify TLS server",
                          "Whether TLS connections check the server's certificate",
                          TRUE, PARAM_FLAGS);

  /**
   * SipSimpleSettings:sip-trace:
   *
   * Whether every SIP message sent and received is logged, for debugging.
   * %FALSE by default.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_SIP_TRACE] =
    g_param_spec_boolean ("sip-trace", "SIP trace",
                          "Whether every SIP message sent and received is logged",
                          FALSE, PARAM_FLAGS);

  /**
   * SipSimpleSettings:audio-input-device:
   *
   * The audio capture device for calls, or %NULL (the default) to pick one
   * automatically.
   */
  properties[PROP_AUDIO_INPUT_DEVICE] =
    g_param_spec_string ("audio-input-device", "Audio input device",
                         "The audio capture device, or none to pick one automatically",
                         NULL, PARAM_FLAGS);

  /**
   * SipSimpleSettings:audio-output-device:
   *
   * The audio playback device for calls, or %NULL (the default) to pick
   * one automatically.
   */
  properties[PROP_AUDIO_OUTPUT_DEVICE] =
    g_param_spec_string ("audio-output-device", "Audio output device",
                         "The audio playback device, or none to pick one automatically",
                         NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_settings_init (SipSimpleSettings *self)
{
  self->config.user_agent = g_strdup (default_user_agent ());
  self->config.ip_address = g_strdup (DEFAULT_IP_ADDRESS);
  self->config.transports = g_strdupv ((char **) known_transports);
  self->config.tls_verify_server = TRUE;
}

/**
 * sip_simple_settings_new:
 *
 * Creates settings with every property at its default. Bind them to a
 * storage with [method@Settings.bind_storage] to load and save them.
 *
 * Returns: (transfer full): new #SipSimpleSettings
 *
 * Since: 0.1
 */
SipSimpleSettings *
sip_simple_settings_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_SETTINGS, NULL);
}

/**
 * sip_simple_settings_bind_storage:
 * @self: settings
 * @storage: the storage to keep the settings in
 * @error: return location for a #GError
 *
 * Applies the values stored in the `settings` group of @storage to @self,
 * then saves every later change of a property to @storage before the
 * change returns. Saving errors are logged as warnings.
 *
 * A stored value of the wrong type, out of range or otherwise unusable is
 * a %SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA error naming the key and the
 * value; then nothing is applied and any earlier binding stays in place.
 * Binding again (to another storage, say) replaces the earlier binding.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 *
 * Since: 0.1
 */
gboolean
sip_simple_settings_bind_storage (SipSimpleSettings  *self,
                                  SipSimpleStorage   *storage,
                                  GError            **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return sip_simple_config_bind (G_OBJECT (self), storage, STORAGE_GROUP, error);
}

/**
 * sip_simple_settings_get_user_agent:
 * @self: settings
 *
 * Gets [property@Settings:user-agent].
 *
 * Returns: (transfer none): the User-Agent text, empty for none
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_user_agent (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->config.user_agent;
}

/**
 * sip_simple_settings_set_user_agent:
 * @self: settings
 * @user_agent: (nullable): the User-Agent text, "" for none, or %NULL for
 *   the default
 *
 * Sets [property@Settings:user-agent].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_user_agent (SipSimpleSettings *self,
                                    const char        *user_agent)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->config.user_agent,
              user_agent != NULL ? user_agent : default_user_agent (), SIP_SIMPLE_LISTEN_PROP_USER_AGENT);
}

/**
 * sip_simple_settings_get_ip_address:
 * @self: settings
 *
 * Gets [property@Settings:ip-address].
 *
 * Returns: (transfer none): the local address to bind to
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_ip_address (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->config.ip_address;
}

/**
 * sip_simple_settings_set_ip_address:
 * @self: settings
 * @ip_address: (nullable): the local address to bind to, or %NULL for
 *   the default (`0.0.0.0`)
 *
 * Sets [property@Settings:ip-address].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_ip_address (SipSimpleSettings *self,
                                    const char        *ip_address)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->config.ip_address,
              ip_address != NULL ? ip_address : DEFAULT_IP_ADDRESS, SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS);
}

/**
 * sip_simple_settings_get_port:
 * @self: settings
 *
 * Gets [property@Settings:port].
 *
 * Returns: the UDP and TCP port, 0 for any free port
 *
 * Since: 0.1
 */
guint
sip_simple_settings_get_port (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), 0);
  return self->config.port;
}

/**
 * sip_simple_settings_set_port:
 * @self: settings
 * @port: the UDP and TCP port (0-65535), 0 for any free port
 *
 * Sets [property@Settings:port].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_port (SipSimpleSettings *self,
                              guint              port)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_port (self, &self->config.port, port, SIP_SIMPLE_LISTEN_PROP_PORT);
}

/**
 * sip_simple_settings_get_tls_port:
 * @self: settings
 *
 * Gets [property@Settings:tls-port].
 *
 * Returns: the TLS port, 0 for any free port
 *
 * Since: 0.1
 */
guint
sip_simple_settings_get_tls_port (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), 0);
  return self->config.tls_port;
}

/**
 * sip_simple_settings_set_tls_port:
 * @self: settings
 * @tls_port: the TLS port (0-65535), 0 for any free port
 *
 * Sets [property@Settings:tls-port].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_tls_port (SipSimpleSettings *self,
                                  guint              tls_port)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_port (self, &self->config.tls_port, tls_port, SIP_SIMPLE_LISTEN_PROP_TLS_PORT);
}

/**
 * sip_simple_settings_get_transports:
 * @self: settings
 *
 * Gets [property@Settings:transports].
 *
 * Returns: (transfer none) (array zero-terminated=1): the enabled
 *   transports, in order of preference
 *
 * Since: 0.1
 */
const char * const *
sip_simple_settings_get_transports (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return (const char * const *) self->config.transports;
}

/**
 * sip_simple_settings_set_transports:
 * @self: settings
 * @transports: (array zero-terminated=1): one or more of `udp`, `tcp` and
 *   `tls`, each at most once, in order of preference
 * @error: return location for a #GError
 *
 * Sets [property@Settings:transports] if @transports is a valid list.
 *
 * Returns: %TRUE if the list was valid (and set); %FALSE with @error set
 *   to %SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE otherwise, and then the
 *   transports stay as they were
 *
 * Since: 0.1
 */
gboolean
sip_simple_settings_set_transports (SipSimpleSettings   *self,
                                    const char * const  *transports,
                                    GError             **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_transports (transports, error))
    return FALSE;

  if (g_strv_equal ((const char * const *) self->config.transports, transports))
    return TRUE;

  g_strfreev (self->config.transports);
  self->config.transports = g_strdupv ((char **) transports);
  g_object_notify_by_pspec (G_OBJECT (self), properties[SIP_SIMPLE_LISTEN_PROP_TRANSPORTS]);
  return TRUE;
}

/**
 * sip_simple_settings_get_tls_certificate_file:
 * @self: settings
 *
 * Gets [property@Settings:tls-certificate-file].
 *
 * Returns: (transfer none) (nullable): the certificate file, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_tls_certificate_file (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->config.tls_certificate_file;
}

/**
 * sip_simple_settings_set_tls_certificate_file:
 * @self: settings
 * @path: (nullable): a PEM certificate file, or %NULL for none
 *
 * Sets [property@Settings:tls-certificate-file].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_tls_certificate_file (SipSimpleSettings *self,
                                              const char        *path)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->config.tls_certificate_file, path, SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE);
}

/**
 * sip_simple_settings_get_tls_private_key_file:
 * @self: settings
 *
 * Gets [property@Settings:tls-private-key-file].
 *
 * Returns: (transfer none) (nullable): the private key file, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_tls_private_key_file (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->config.tls_private_key_file;
}

/**
 * sip_simple_settings_set_tls_private_key_file:
 * @self: settings
 * @path: (nullable): a PEM private key file, or %NULL for none
 *
 * Sets [property@Settings:tls-private-key-file].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_tls_private_key_file (SipSimpleSettings *self,
                                              const char        *path)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->config.tls_private_key_file, path, SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE);
}

/**
 * sip_simple_settings_get_tls_ca_file:
 * @self: settings
 *
 * Gets [property@Settings:tls-ca-file].
 *
 * Returns: (transfer none) (nullable): the CA file, or %NULL for the
 *   system's trust store
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_tls_ca_file (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->config.tls_ca_file;
}

/**
 * sip_simple_settings_set_tls_ca_file:
 * @self: settings
 * @path: (nullable): a PEM file of trusted authorities, or %NULL for the
 *   system's trust store
 *
 * Sets [property@Settings:tls-ca-file].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_tls_ca_file (SipSimpleSettings *self,
                                     const char        *path)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->config.tls_ca_file, path, SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE);
}

/**
 * sip_simple_settings_get_tls_verify_server:
 * @self: settings
 *
 * Gets [property@Settings:tls-verify-server].
 *
 * Returns: whether TLS servers' certificates are checked
 *
 * Since: 0.1
 */
gboolean
sip_simple_settings_get_tls_verify_server (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), TRUE);
  return self->config.tls_verify_server;
}

/**
 * sip_simple_settings_set_tls_verify_server:
 * @self: settings
 * @verify: whether to check TLS servers' certificates
 *
 * Sets [property@Settings:tls-verify-server].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_tls_verify_server (SipSimpleSettings *self,
                                           gboolean           verify)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_boolean (self, &self->config.tls_verify_server, verify, SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER);
}

/**
 * sip_simple_settings_get_sip_trace:
 * @self: settings
 *
 * Gets [property@Settings:sip-trace].
 *
 * Returns: whether SIP messages are logged
 *
 * Since: 0.1
 */
gboolean
sip_simple_settings_get_sip_trace (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), FALSE);
  return self->config.sip_trace;
}

/**
 * sip_simple_settings_set_sip_trace:
 * @self: settings
 * @sip_trace: whether to log every SIP message
 *
 * Sets [property@Settings:sip-trace].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_sip_trace (SipSimpleSettings *self,
                                   gboolean           sip_trace)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_boolean (self, &self->config.sip_trace, sip_trace, SIP_SIMPLE_LISTEN_PROP_SIP_TRACE);
}

/**
 * sip_simple_settings_get_audio_input_device:
 * @self: settings
 *
 * Gets [property@Settings:audio-input-device].
 *
 * Returns: (transfer none) (nullable): the capture device, or %NULL for
 *   automatic
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_audio_input_device (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->audio_input_device;
}

/**
 * sip_simple_settings_set_audio_input_device:
 * @self: settings
 * @device: (nullable): the capture device, or %NULL for automatic
 *
 * Sets [property@Settings:audio-input-device].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_audio_input_device (SipSimpleSettings *self,
                                            const char        *device)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->audio_input_device, device, PROP_AUDIO_INPUT_DEVICE);
}

/**
 * sip_simple_settings_get_audio_output_device:
 * @self: settings
 *
 * Gets [property@Settings:audio-output-device].
 *
 * Returns: (transfer none) (nullable): the playback device, or %NULL for
 *   automatic
 *
 * Since: 0.1
 */
const char *
sip_simple_settings_get_audio_output_device (SipSimpleSettings *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SETTINGS (self), NULL);
  return self->audio_output_device;
}

/**
 * sip_simple_settings_set_audio_output_device:
 * @self: settings
 * @device: (nullable): the playback device, or %NULL for automatic
 *
 * Sets [property@Settings:audio-output-device].
 *
 * Since: 0.1
 */
void
sip_simple_settings_set_audio_output_device (SipSimpleSettings *self,
                                             const char        *device)
{
  g_return_if_fail (SIP_SIMPLE_IS_SETTINGS (self));
  set_string (self, &self->audio_output_device, device, PROP_AUDIO_OUTPUT_DEVICE);
}
