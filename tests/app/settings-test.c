/* Tests of SipSimpleSettings and of persistent properties (config binding).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <string.h>

#include <glib/gstdio.h>

#include "app/config-binding-private.h"

/* g_test_expect_message() does not see structured logging (GLib 2.74):
 * capture warnings with a writer of our own instead. */
static GPtrArray *captured_warnings;
static gboolean capturing_warnings;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (capturing_warnings && (level & G_LOG_LEVEL_WARNING) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE"))
          g_ptr_array_add (captured_warnings, g_strdup (fields[i].value));
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
capture_warnings (void)
{
  g_ptr_array_set_size (captured_warnings, 0);
  capturing_warnings = TRUE;
}

static guint
stop_capturing_warnings (void)
{
  capturing_warnings = FALSE;
  return captured_warnings->len;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("settings-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_config_dir (const char *directory)
{
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);

  g_remove (path);
  g_rmdir (directory);
}

static void
assert_stored (SipSimpleStorage *storage,
               const char       *group,
               const char       *key,
               const char       *expected)
{
  g_autoptr(GVariant) value = sip_simple_storage_get (storage, group, key);
  g_autofree char *text = NULL;

  g_assert_nonnull (value);
  text = g_variant_print (value, TRUE);
  g_assert_cmpstr (text, ==, expected);
}

static void
store (SipSimpleStorage *storage,
       const char       *group,
       const char       *key,
       const char       *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (sip_simple_storage_set (storage, group, key, value, &error));
  g_assert_no_error (error);
}

/* ---- Settings --------------------------------------------------------- */

static void
test_defaults (void)
{
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  g_autofree char *user_agent = g_strdup_printf ("libsipsimple/%d.%d.%d", SIP_SIMPLE_MAJOR_VERSION,
                                                 SIP_SIMPLE_MINOR_VERSION, SIP_SIMPLE_MICRO_VERSION);
  g_auto(GStrv) transports = NULL;
  g_autofree char *ip = NULL;
  guint port = 1;

  g_assert_cmpstr (sip_simple_settings_get_user_agent (settings), ==, user_agent);
  g_assert_cmpstr (sip_simple_settings_get_ip_address (settings), ==, "0.0.0.0");
  g_assert_cmpuint (sip_simple_settings_get_port (settings), ==, 0);
  g_assert_cmpuint (sip_simple_settings_get_tls_port (settings), ==, 0);
  g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                    ((const char *[]) { "udp", "tcp", "tls", NULL }));
  g_assert_null (sip_simple_settings_get_tls_certificate_file (settings));
  g_assert_null (sip_simple_settings_get_tls_private_key_file (settings));
  g_assert_null (sip_simple_settings_get_tls_ca_file (settings));
  g_assert_true (sip_simple_settings_get_tls_verify_server (settings));
  g_assert_false (sip_simple_settings_get_sip_trace (settings));
  g_assert_null (sip_simple_settings_get_audio_input_device (settings));
  g_assert_null (sip_simple_settings_get_audio_output_device (settings));

  g_object_get (settings, "transports", &transports, "ip-address", &ip, "port", &port, NULL);
  g_assert_cmpstrv (transports, ((const char *[]) { "udp", "tcp", "tls", NULL }));
  g_assert_cmpstr (ip, ==, "0.0.0.0");
  g_assert_cmpuint (port, ==, 0);

  /* Every property is persistent and documented. */
  {
    g_autofree GParamSpec **pspecs = NULL;
    guint n;

    pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (settings), &n);
    g_assert_cmpuint (n, ==, 12);
    for (guint i = 0; i < n; i++)
      {
        g_assert_true (pspecs[i]->flags & SIP_SIMPLE_PARAM_PERSISTENT);
        g_assert_nonnull (g_param_spec_get_blurb (pspecs[i]));
      }
  }

  /* NULL restores the default where the default is not NULL. */
  sip_simple_settings_set_user_agent (settings, "Phone/1");
  sip_simple_settings_set_user_agent (settings, NULL);
  g_assert_cmpstr (sip_simple_settings_get_user_agent (settings), ==, user_agent);
  sip_simple_settings_set_ip_address (settings, "::1");
  g_assert_cmpstr (sip_simple_settings_get_ip_address (settings), ==, "::1");
  sip_simple_settings_set_ip_address (settings, NULL);
  g_assert_cmpstr (sip_simple_settings_get_ip_address (settings), ==, "0.0.0.0");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_notify (void)
{
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  guint notified = 0;

  g_signal_connect (settings, "notify", G_CALLBACK (count_notify), &notified);

  sip_simple_settings_set_port (settings, 5060);
  sip_simple_settings_set_port (settings, 5060);
  g_assert_cmpuint (notified, ==, 1);
  sip_simple_settings_set_sip_trace (settings, TRUE);
  sip_simple_settings_set_sip_trace (settings, 2);
  g_assert_cmpuint (notified, ==, 2);
  sip_simple_settings_set_tls_ca_file (settings, "/etc/ca.pem");
  sip_simple_settings_set_tls_ca_file (settings, "/etc/ca.pem");
  g_assert_cmpuint (notified, ==, 3);
  g_object_set (settings, "tls-ca-file", "/etc/ca.pem", "port", 5060, NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_assert_true (sip_simple_settings_set_transports (settings,
                                                     (const char *[]) { "udp", "tcp", "tls", NULL },
                                                     NULL));
  g_assert_cmpuint (notified, ==, 3);

  g_signal_handlers_disconnect_by_data (settings, &notified);
}

static void
test_transports (void)
{
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  const char * const *invalid[] = {
    (const char *[]) { "udp", "sctp", NULL },
    (const char *[]) { "udp", "tcp", "udp", NULL },
    (const char *[]) { "UDP", NULL },
    (const char *[]) { "", NULL },
    (const char *[]) { NULL },
    NULL,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (sip_simple_settings_set_transports (settings, (const char *[]) { "tls", "udp", NULL },
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                    ((const char *[]) { "tls", "udp", NULL }));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (sip_simple_settings_set_transports (settings, invalid[i], &error));
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                        ((const char *[]) { "tls", "udp", NULL }));

      /* Through the property: a warning, and the old value stays. */
      capture_warnings ();
      g_object_set (settings, "transports", invalid[i], NULL);
      g_assert_cmpuint (stop_capturing_warnings (), ==, 1);
      g_assert_nonnull (strstr (captured_warnings->pdata[0], "transports"));
      g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                        ((const char *[]) { "tls", "udp", NULL }));
    }

  g_object_set (settings, "transports", (const char *[]) { "tcp", NULL }, NULL);
  g_assert_cmpstrv (sip_simple_settings_get_transports (settings), ((const char *[]) { "tcp", NULL }));
}

static void
change_everything (SipSimpleSettings *settings)
{
  sip_simple_settings_set_user_agent (settings, "Phone/2.0");
  sip_simple_settings_set_ip_address (settings, "::");
  sip_simple_settings_set_port (settings, 5070);
  sip_simple_settings_set_tls_port (settings, 5071);
  g_assert_true (sip_simple_settings_set_transports (settings, (const char *[]) { "tls", "tcp", NULL },
                                                     NULL));
  sip_simple_settings_set_tls_certificate_file (settings, "/home/u/cert.pem");
  sip_simple_settings_set_tls_private_key_file (settings, "/home/u/key.pem");
  sip_simple_settings_set_tls_ca_file (settings, "/etc/ssl/ca.pem");
  sip_simple_settings_set_tls_verify_server (settings, FALSE);
  sip_simple_settings_set_sip_trace (settings, TRUE);
  sip_simple_settings_set_audio_input_device (settings, "mic");
  sip_simple_settings_set_audio_output_device (settings, "speaker");
}

static void
assert_everything_changed (SipSimpleSettings *settings)
{
  g_assert_cmpstr (sip_simple_settings_get_user_agent (settings), ==, "Phone/2.0");
  g_assert_cmpstr (sip_simple_settings_get_ip_address (settings), ==, "::");
  g_assert_cmpuint (sip_simple_settings_get_port (settings), ==, 5070);
  g_assert_cmpuint (sip_simple_settings_get_tls_port (settings), ==, 5071);
  g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                    ((const char *[]) { "tls", "tcp", NULL }));
  g_assert_cmpstr (sip_simple_settings_get_tls_certificate_file (settings), ==, "/home/u/cert.pem");
  g_assert_cmpstr (sip_simple_settings_get_tls_private_key_file (settings), ==, "/home/u/key.pem");
  g_assert_cmpstr (sip_simple_settings_get_tls_ca_file (settings), ==, "/etc/ssl/ca.pem");
  g_assert_false (sip_simple_settings_get_tls_verify_server (settings));
  g_assert_true (sip_simple_settings_get_sip_trace (settings));
  g_assert_cmpstr (sip_simple_settings_get_audio_input_device (settings), ==, "mic");
  g_assert_cmpstr (sip_simple_settings_get_audio_output_device (settings), ==, "speaker");
}

static void
check_persistence (SipSimpleStorage *storage,
                   SipSimpleStorage *reopened_storage_or_null)
{
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  g_autoptr(SipSimpleSettings) again = sip_simple_settings_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  SipSimpleStorage *reader;

  g_assert_true (sip_simple_settings_bind_storage (settings, storage, &error));
  g_assert_no_error (error);

  /* Nothing is written for values never set. */
  keys = sip_simple_storage_list_keys (storage, "settings");
  g_assert_cmpuint (g_strv_length (keys), ==, 0);

  change_everything (settings);
  assert_stored (storage, "settings", "user-agent", "@ms 'Phone/2.0'");
  assert_stored (storage, "settings", "ip-address", "@ms '::'");
  assert_stored (storage, "settings", "port", "uint32 5070");
  assert_stored (storage, "settings", "tls-port", "uint32 5071");
  assert_stored (storage, "settings", "transports", "['tls', 'tcp']");
  assert_stored (storage, "settings", "tls-verify-server", "false");
  assert_stored (storage, "settings", "sip-trace", "true");
  assert_stored (storage, "settings", "audio-output-device", "@ms 'speaker'");

  /* Back to NULL is stored as nothing, and comes back as NULL. */
  sip_simple_settings_set_audio_input_device (settings, NULL);
  assert_stored (storage, "settings", "audio-input-device", "@ms nothing");
  sip_simple_settings_set_audio_input_device (settings, "mic");

  reader = reopened_storage_or_null != NULL ? reopened_storage_or_null : storage;
  if (reopened_storage_or_null != NULL)
    {
      g_assert_true (sip_simple_storage_load (reader, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sip_simple_settings_bind_storage (again, reader, &error));
  g_assert_no_error (error);
  assert_everything_changed (again);

  /* A value stored as nothing resets a nullable property to NULL. */
  sip_simple_settings_set_tls_ca_file (settings, NULL);
  {
    g_autoptr(SipSimpleSettings) third = sip_simple_settings_new ();

    if (reopened_storage_or_null != NULL)
      g_assert_true (sip_simple_storage_load (reader, NULL));
    sip_simple_settings_set_tls_ca_file (third, "/somewhere");
    g_assert_true (sip_simple_settings_bind_storage (third, reader, &error));
    g_assert_no_error (error);
    g_assert_null (sip_simple_settings_get_tls_ca_file (third));
  }
}

static void
test_persist_memory (void)
{
  g_autoptr(SipSimpleMemoryStorage) storage = sip_simple_memory_storage_new ();

  check_persistence (SIP_SIMPLE_STORAGE (storage), NULL);
}

static void
test_persist_file (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autoptr(SipSimpleFileStorage) storage = sip_simple_file_storage_new (directory);
  g_autoptr(SipSimpleFileStorage) reopened = sip_simple_file_storage_new (directory);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);
  check_persistence (SIP_SIMPLE_STORAGE (storage), SIP_SIMPLE_STORAGE (reopened));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "[settings]\n"));
  g_assert_nonnull (strstr (contents, "port=uint32 5070\n"));

  g_clear_object (&storage);
  g_clear_object (&reopened);
  remove_config_dir (directory);
}

static void
test_bind_wrong_type (void)
{
  const struct {
    const char *key;
    const char *stored;
  } cases[] = {
    { "port", "'abc'" },
    { "port", "uint32 70000" },
    { "port", "-1" },
    { "sip-trace", "'yes'" },
    { "user-agent", "42" },
    { "transports", "'udp'" },
    { "tls-verify-server", "@mb true" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SipSimpleMemoryStorage) storage = sip_simple_memory_storage_new ();
      g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted_key = g_strdup_printf ("“%s”", cases[i].key);

      store (SIP_SIMPLE_STORAGE (storage), "settings", "ip-address", "'127.0.0.1'");
      store (SIP_SIMPLE_STORAGE (storage), "settings", cases[i].key, cases[i].stored);

      g_assert_false (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (storage), &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, quoted_key));
      g_assert_nonnull (strstr (error->message, "settings"));
      g_assert_nonnull (strstr (error->message, cases[i].stored));

      /* Nothing applied, and not bound: changes are not saved. */
      g_assert_cmpstr (sip_simple_settings_get_ip_address (settings), ==, "0.0.0.0");
      g_assert_false (sip_simple_config_get_binding (G_OBJECT (settings), NULL, NULL));
      sip_simple_settings_set_tls_port (settings, 1234);
      g_assert_null (sip_simple_storage_get (SIP_SIMPLE_STORAGE (storage), "settings", "tls-port"));
    }
}

static void
test_bind_hand_written (void)
{
  g_autoptr(SipSimpleMemoryStorage) storage = sip_simple_memory_storage_new ();
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  g_autoptr(GError) error = NULL;

  /* What people type: plain integers and plain strings. Unknown keys in
   * the group (from a newer version) are ignored. */
  store (SIP_SIMPLE_STORAGE (storage), "settings", "port", "5060");
  store (SIP_SIMPLE_STORAGE (storage), "settings", "tls-port", "byte 0x10");
  store (SIP_SIMPLE_STORAGE (storage), "settings", "user-agent", "'Typed/1'");
  store (SIP_SIMPLE_STORAGE (storage), "settings", "from-the-future", "(1, 2)");

  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sip_simple_settings_get_port (settings), ==, 5060);
  g_assert_cmpuint (sip_simple_settings_get_tls_port (settings), ==, 16);
  g_assert_cmpstr (sip_simple_settings_get_user_agent (settings), ==, "Typed/1");

  /* Written back in the exact type on the next change. */
  sip_simple_settings_set_port (settings, 5062);
  assert_stored (SIP_SIMPLE_STORAGE (storage), "settings", "port", "uint32 5062");
  assert_stored (SIP_SIMPLE_STORAGE (storage), "settings", "from-the-future", "(1, 2)");
}

static void
test_bind_invalid_transports (void)
{
  g_autoptr(SipSimpleMemoryStorage) storage = sip_simple_memory_storage_new ();
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  g_autoptr(GError) error = NULL;

  /* Well-typed but not a valid list: the setter's rule applies. */
  store (SIP_SIMPLE_STORAGE (storage), "settings", "transports", "['udp', 'udp']");
  store (SIP_SIMPLE_STORAGE (storage), "settings", "port", "uint32 5060");
  capture_warnings ();
  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_cmpuint (stop_capturing_warnings (), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstrv (sip_simple_settings_get_transports (settings),
                    ((const char *[]) { "udp", "tcp", "tls", NULL }));
  g_assert_cmpuint (sip_simple_settings_get_port (settings), ==, 5060);
}

static void
test_bind_lifecycle (void)
{
  g_autoptr(SipSimpleMemoryStorage) first = sip_simple_memory_storage_new ();
  g_autoptr(SipSimpleMemoryStorage) second = sip_simple_memory_storage_new ();
  SipSimpleSettings *settings = sip_simple_settings_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  SipSimpleStorage *bound = NULL;
  const char *group = NULL;

  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (first), &error));
  g_assert_true (sip_simple_config_get_binding (G_OBJECT (settings), &bound, &group));
  g_assert_true (bound == SIP_SIMPLE_STORAGE (first));
  g_assert_cmpstr (group, ==, "settings");

  /* Binding again replaces the binding. */
  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (second), &error));
  sip_simple_settings_set_port (settings, 5060);
  g_assert_null (sip_simple_storage_get (SIP_SIMPLE_STORAGE (first), "settings", "port"));
  assert_stored (SIP_SIMPLE_STORAGE (second), "settings", "port", "uint32 5060");

  /* save_all writes every property, defaults included. */
  g_assert_true (sip_simple_config_save_all (G_OBJECT (settings), &error));
  g_assert_no_error (error);
  keys = sip_simple_storage_list_keys (SIP_SIMPLE_STORAGE (second), "settings");
  g_assert_cmpuint (g_strv_length (keys), ==, 12);
  assert_stored (SIP_SIMPLE_STORAGE (second), "settings", "tls-ca-file", "@ms nothing");
  assert_stored (SIP_SIMPLE_STORAGE (second), "settings", "transports", "['udp', 'tcp', 'tls']");

  /* Unbound: changes stay in the object. */
  sip_simple_config_unbind (G_OBJECT (settings));
  sip_simple_config_unbind (G_OBJECT (settings));
  sip_simple_settings_set_port (settings, 5080);
  assert_stored (SIP_SIMPLE_STORAGE (second), "settings", "port", "uint32 5060");

  /* Finalizing a bound object drops its hold on the storage. */
  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (first), &error));
  g_assert_finalize_object (settings);
  g_assert_finalize_object (g_steal_pointer (&first));
}

static void
test_save_failure_warns (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autofree char *file = g_build_filename (directory, "not-a-directory", NULL);
  g_autoptr(SipSimpleFileStorage) storage = NULL;
  g_autoptr(SipSimpleSettings) settings = sip_simple_settings_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  storage = sip_simple_file_storage_new (file);

  capture_warnings ();
  g_assert_true (sip_simple_settings_bind_storage (settings, SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stop_capturing_warnings (), ==, 1);   /* could not load */

  capture_warnings ();
  sip_simple_settings_set_port (settings, 5060);
  g_assert_cmpuint (stop_capturing_warnings (), ==, 1);
  g_test_message ("%s", (char *) captured_warnings->pdata[0]);
  g_assert_nonnull (strstr (captured_warnings->pdata[0], "port"));
  g_assert_nonnull (strstr (captured_warnings->pdata[0], file));
  g_assert_cmpuint (sip_simple_settings_get_port (settings), ==, 5060);

  g_clear_object (&settings);
  g_clear_object (&storage);
  g_remove (file);
  g_rmdir (directory);
}

/* ---- config binding of every supported type --------------------------- */

typedef enum {
  TEST_COLOR_RED,
  TEST_COLOR_GREEN,
  TEST_COLOR_DARK_BLUE,
} TestColor;

typedef enum {
  TEST_FEATURE_NONE = 0,
  TEST_FEATURE_AUDIO = 1 << 0,
  TEST_FEATURE_CHAT = 1 << 1,
  TEST_FEATURE_FILES = 1 << 2,
} TestFeatures;

static GType test_color_get_type (void);
static GType test_features_get_type (void);

G_DEFINE_ENUM_TYPE (TestColor, test_color,
  G_DEFINE_ENUM_VALUE (TEST_COLOR_RED, "red"),
  G_DEFINE_ENUM_VALUE (TEST_COLOR_GREEN, "green"),
  G_DEFINE_ENUM_VALUE (TEST_COLOR_DARK_BLUE, "dark-blue"))

G_DEFINE_FLAGS_TYPE (TestFeatures, test_features,
  G_DEFINE_ENUM_VALUE (TEST_FEATURE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TEST_FEATURE_AUDIO, "audio"),
  G_DEFINE_ENUM_VALUE (TEST_FEATURE_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (TEST_FEATURE_FILES, "files"))

#define TEST_TYPE_THING (test_thing_get_type ())
G_DECLARE_FINAL_TYPE (TestThing, test_thing, TEST, THING, GObject)

struct _TestThing
{
  GObject parent_instance;

  gboolean flag;
  int number;
  guint count;
  gint64 big;
  guint64 huge;
  double ratio;
  char *name;
  GStrv list;
  TestColor color;
  TestFeatures features;
  GVariant *extra;
  guint volatile_value;
};

enum {
  THING_PROP_0,
  THING_PROP_FLAG,
  THING_PROP_NUMBER,
  THING_PROP_COUNT,
  THING_PROP_BIG,
  THING_PROP_HUGE,
  THING_PROP_RATIO,
  THING_PROP_NAME,
  THING_PROP_LIST,
  THING_PROP_COLOR,
  THING_PROP_FEATURES,
  THING_PROP_EXTRA,
  THING_PROP_VOLATILE,
  THING_N_PROPS
};

G_DEFINE_FINAL_TYPE (TestThing, test_thing, G_TYPE_OBJECT)

static void
test_thing_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestThing *self = TEST_THING (object);

  switch (prop_id)
    {
    case THING_PROP_FLAG: g_value_set_boolean (value, self->flag); break;
    case THING_PROP_NUMBER: g_value_set_int (value, self->number); break;
    case THING_PROP_COUNT: g_value_set_uint (value, self->count); break;
    case THING_PROP_BIG: g_value_set_int64 (value, self->big); break;
    case THING_PROP_HUGE: g_value_set_uint64 (value, self->huge); break;
    case THING_PROP_RATIO: g_value_set_double (value, self->ratio); break;
    case THING_PROP_NAME: g_value_set_string (value, self->name); break;
    case THING_PROP_LIST: g_value_set_boxed (value, self->list); break;
    case THING_PROP_COLOR: g_value_set_enum (value, self->color); break;
    case THING_PROP_FEATURES: g_value_set_flags (value, self->features); break;
    case THING_PROP_EXTRA: g_value_set_variant (value, self->extra); break;
    case THING_PROP_VOLATILE: g_value_set_uint (value, self->volatile_value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_thing_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TestThing *self = TEST_THING (object);

  /* Plain setters: GObject notifies on every set, which is fine here. */
  switch (prop_id)
    {
    case THING_PROP_FLAG: self->flag = g_value_get_boolean (value); break;
    case THING_PROP_NUMBER: self->number = g_value_get_int (value); break;
    case THING_PROP_COUNT: self->count = g_value_get_uint (value); break;
    case THING_PROP_BIG: self->big = g_value_get_int64 (value); break;
    case THING_PROP_HUGE: self->huge = g_value_get_uint64 (value); break;
    case THING_PROP_RATIO: self->ratio = g_value_get_double (value); break;
    case THING_PROP_NAME: g_free (self->name); self->name = g_value_dup_string (value); break;
    case THING_PROP_LIST: g_strfreev (self->list); self->list = g_value_dup_boxed (value); break;
    case THING_PROP_COLOR: self->color = g_value_get_enum (value); break;
    case THING_PROP_FEATURES: self->features = g_value_get_flags (value); break;
    case THING_PROP_EXTRA:
      g_clear_pointer (&self->extra, g_variant_unref);
      self->extra = g_value_dup_variant (value);
      break;
    case THING_PROP_VOLATILE: self->volatile_value = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_thing_finalize (GObject *object)
{
  TestThing *self = TEST_THING (object);

  g_free (self->name);
  g_strfreev (self->list);
  g_clear_pointer (&self->extra, g_variant_unref);
  G_OBJECT_CLASS (test_thing_parent_class)->finalize (object);
}

static void
test_thing_class_init (TestThingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags p = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | SIP_SIMPLE_PARAM_PERSISTENT;

  object_class->get_property = test_thing_get_property;
  object_class->set_property = test_thing_set_property;
  object_class->finalize = test_thing_finalize;

  g_object_class_install_property (object_class, THING_PROP_FLAG,
    g_param_spec_boolean ("flag", NULL, NULL, FALSE, p));
  g_object_class_install_property (object_class, THING_PROP_NUMBER,
    g_param_spec_int ("number", NULL, NULL, -100, 100, 0, p));
  g_object_class_install_property (object_class, THING_PROP_COUNT,
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, p));
  g_object_class_install_property (object_class, THING_PROP_BIG,
    g_param_spec_int64 ("big", NULL, NULL, G_MININT64, G_MAXINT64, 0, p));
  g_object_class_install_property (object_class, THING_PROP_HUGE,
    g_param_spec_uint64 ("huge", NULL, NULL, 0, G_MAXUINT64, 0, p));
  g_object_class_install_property (object_class, THING_PROP_RATIO,
    g_param_spec_double ("ratio", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, p));
  g_object_class_install_property (object_class, THING_PROP_NAME,
    g_param_spec_string ("name", NULL, NULL, NULL, p));
  g_object_class_install_property (object_class, THING_PROP_LIST,
    g_param_spec_boxed ("list", NULL, NULL, G_TYPE_STRV, p));
  g_object_class_install_property (object_class, THING_PROP_COLOR,
    g_param_spec_enum ("color", NULL, NULL, test_color_get_type (), TEST_COLOR_RED, p));
  g_object_class_install_property (object_class, THING_PROP_FEATURES,
    g_param_spec_flags ("features", NULL, NULL, test_features_get_type (), 0, p));
  g_object_class_install_property (object_class, THING_PROP_EXTRA,
    g_param_spec_variant ("extra", NULL, NULL, G_VARIANT_TYPE ("a{sv}"), NULL, p));
  g_object_class_install_property (object_class, THING_PROP_VOLATILE,
    g_param_spec_uint ("volatile", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
test_thing_init (TestThing *self)
{
}

static void
test_binding_types (void)
{
  g_autoptr(SipSimpleMemoryStorage) memory = sip_simple_memory_storage_new ();
  SipSimpleStorage *storage = SIP_SIMPLE_STORAGE (memory);
  g_autoptr(TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
  g_autoptr(TestThing) copy = g_object_new (TEST_TYPE_THING, NULL);
  g_autoptr(GVariant) extra = g_variant_ref_sink (g_variant_parse (G_VARIANT_TYPE ("a{sv}"),
                                                                   "{'k': <int16 3>}",
                                                                   NULL, NULL, NULL));
  g_autoptr(GError) error = NULL;

  g_assert_true (sip_simple_config_bind (G_OBJECT (thing), storage, "thing", &error));
  g_assert_no_error (error);
  g_object_set (thing,
                "flag", TRUE,
                "number", -42,
                "count", G_MAXUINT,
                "big", G_MININT64,
                "huge", G_MAXUINT64,
                "ratio", 0.1,
                "name", "name with 'quotes'",
                "list", (const char *[]) { "a", "b c", NULL },
                "color", TEST_COLOR_DARK_BLUE,
                "features", TEST_FEATURE_AUDIO | TEST_FEATURE_FILES,
                "extra", extra,
                "volatile", 7,
                NULL);

  assert_stored (storage, "thing", "flag", "true");
  assert_stored (storage, "thing", "number", "-42");
  assert_stored (storage, "thing", "count", "uint32 4294967295");
  assert_stored (storage, "thing", "big", "int64 -9223372036854775808");
  assert_stored (storage, "thing", "huge", "uint64 18446744073709551615");
  assert_stored (storage, "thing", "ratio", "0.10000000000000001");
  assert_stored (storage, "thing", "name", "@ms \"name with 'quotes'\"");
  assert_stored (storage, "thing", "list", "['a', 'b c']");
  assert_stored (storage, "thing", "color", "'dark-blue'");
  assert_stored (storage, "thing", "features", "['audio', 'files']");
  assert_stored (storage, "thing", "extra", "{'k': <int16 3>}");
  g_assert_null (sip_simple_storage_get (storage, "thing", "volatile"));

  g_assert_true (sip_simple_config_bind (G_OBJECT (copy), storage, "thing", &error));
  g_assert_no_error (error);
  g_assert_true (copy->flag);
  g_assert_cmpint (copy->number, ==, -42);
  g_assert_cmpuint (copy->count, ==, G_MAXUINT);
  g_assert_cmpint (copy->big, ==, G_MININT64);
  g_assert_cmpuint (copy->huge, ==, G_MAXUINT64);
  g_assert_cmpfloat (copy->ratio, ==, 0.1);
  g_assert_cmpstr (copy->name, ==, "name with 'quotes'");
  g_assert_cmpstrv (copy->list, ((const char *[]) { "a", "b c", NULL }));
  g_assert_cmpint (copy->color, ==, TEST_COLOR_DARK_BLUE);
  g_assert_cmpint (copy->features, ==, TEST_FEATURE_AUDIO | TEST_FEATURE_FILES);
  g_assert_true (g_variant_equal (copy->extra, extra));
  g_assert_cmpuint (copy->volatile_value, ==, 0);

  /* NULL lists are stored empty and come back empty. */
  g_object_set (thing, "list", NULL, "name", NULL, NULL);
  assert_stored (storage, "thing", "list", "@as []");
  assert_stored (storage, "thing", "name", "@ms nothing");
}

static void
test_binding_errors (void)
{
  const struct {
    const char *key;
    const char *stored;
    const char *also;
  } cases[] = {
    { "color", "'purple'", "dark-blue" },
    { "color", "uint32 1", NULL },
    { "features", "['audio', 'video']", "video" },
    { "features", "'audio'", NULL },
    { "number", "101", NULL },
    { "number", "int64 -9223372036854775808", NULL },
    { "count", "-1", NULL },
    { "huge", "-1", NULL },
    { "ratio", "'0.5'", NULL },
    { "flag", "1", NULL },
    { "list", "[1, 2]", NULL },
    { "extra", "@a{ss} {}", "a{sv}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SipSimpleMemoryStorage) memory = sip_simple_memory_storage_new ();
      SipSimpleStorage *storage = SIP_SIMPLE_STORAGE (memory);
      g_autoptr(TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted_key = g_strdup_printf ("“%s”", cases[i].key);

      /* A good value too: one bad value means none is applied. */
      store (storage, "g", "name", "'good'");
      store (storage, "g", cases[i].key, cases[i].stored);
      g_assert_false (sip_simple_config_bind (G_OBJECT (thing), storage, "g", &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, quoted_key));
      g_assert_nonnull (strstr (error->message, "[g]"));
      g_assert_nonnull (strstr (error->message, cases[i].stored));
      if (cases[i].also != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].also));
      g_assert_null (thing->name);
    }

  /* Integers of any type are fine when they fit; doubles take integers. */
  {
    g_autoptr(SipSimpleMemoryStorage) memory = sip_simple_memory_storage_new ();
    SipSimpleStorage *storage = SIP_SIMPLE_STORAGE (memory);
    g_autoptr(TestThing) thing = g_object_new (TEST_TYPE_THING, NULL);
    g_autoptr(GError) error = NULL;

    store (storage, "g", "number", "uint64 100");
    store (storage, "g", "count", "int16 7");
    store (storage, "g", "big", "uint32 4294967295");
    store (storage, "g", "huge", "int64 9223372036854775807");
    store (storage, "g", "ratio", "3");
    store (storage, "g", "features", "@as []");
    g_assert_true (sip_simple_config_bind (G_OBJECT (thing), storage, "g", &error));
    g_assert_no_error (error);
    g_assert_cmpint (thing->number, ==, 100);
    g_assert_cmpuint (thing->count, ==, 7);
    g_assert_cmpint (thing->big, ==, G_MAXUINT32);
    g_assert_cmpuint (thing->huge, ==, G_MAXINT64);
    g_assert_cmpfloat (thing->ratio, ==, 3.0);
    g_assert_cmpint (thing->features, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  captured_warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults", test_defaults);
  g_test_add_func ("/settings/notify", test_notify);
  g_test_add_func ("/settings/transports", test_transports);
  g_test_add_func ("/settings/persist/memory", test_persist_memory);
  g_test_add_func ("/settings/persist/file", test_persist_file);
  g_test_add_func ("/settings/bind/wrong-type", test_bind_wrong_type);
  g_test_add_func ("/settings/bind/hand-written", test_bind_hand_written);
  g_test_add_func ("/settings/bind/invalid-transports", test_bind_invalid_transports);
  g_test_add_func ("/settings/bind/lifecycle", test_bind_lifecycle);
  g_test_add_func ("/settings/bind/save-failure-warns", test_save_failure_warns);
  g_test_add_func ("/config-binding/types", test_binding_types);
  g_test_add_func ("/config-binding/errors", test_binding_errors);

  return g_test_run ();
}
