/* Tests of SipSimpleStorage and its memory and file backends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

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

/* ---- fixture: one storage of either kind ------------------------------ */

typedef enum {
  BACKEND_MEMORY,
  BACKEND_FILE,
} Backend;

typedef struct {
  Backend backend;
  char *directory;
  SipSimpleStorage *storage;
} Fixture;

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("storage-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->backend = GPOINTER_TO_INT (data);
  if (fixture->backend == BACKEND_FILE)
    {
      g_autoptr(GError) error = NULL;

      fixture->directory = make_temp_dir ();
      fixture->storage = SIP_SIMPLE_STORAGE (sip_simple_file_storage_new (fixture->directory));
      g_assert_true (sip_simple_storage_load (fixture->storage, &error));
      g_assert_no_error (error);
    }
  else
    {
      fixture->storage = SIP_SIMPLE_STORAGE (sip_simple_memory_storage_new ());
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->storage);
  if (fixture->directory != NULL)
    remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static char *
read_config (const char *directory)
{
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_config (const char *directory,
              const char *contents)
{
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* ---- values of every type --------------------------------------------- */

static GPtrArray *
sample_values (void)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  const char *texts[] = {
    "true",
    "false",
    "byte 0xff",
    "int16 -32768",
    "uint16 65535",
    "-2147483648",
    "uint32 4294967295",
    "int64 -9223372036854775808",
    "uint64 18446744073709551615",
    "handle 3",
    "0.1",
    "-1.5e300",
    "'plain text'",
    "'quotes \\' \" and\\nnew\\tlines, unicode: é ☎'",
    "''",
    "objectpath '/org/example/Thing'",
    "signature 'a{sv}'",
    "<uint32 5>",
    "@ms 'maybe text'",
    "@ms nothing",
    "@mb true",
    "['udp', 'tcp', 'tls']",
    "@as []",
    "b'bytes\\x01'",
    "{'key': <'value'>, 'n': <int64 7>}",
    "(1, 'two', [3.0])",
    "@a(ss) [('a', 'b')]",
    "@aay []",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      GVariant *value = g_variant_parse (NULL, texts[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (values, g_variant_ref_sink (value));
    }
  return values;
}

static void
assert_same_variant (GVariant *expected,
                     GVariant *actual)
{
  g_autofree char *expected_text = g_variant_print (expected, TRUE);
  g_autofree char *actual_text = actual != NULL ? g_variant_print (actual, TRUE) : NULL;

  g_assert_nonnull (actual);
  g_assert_cmpstr (g_variant_get_type_string (actual), ==, g_variant_get_type_string (expected));
  g_assert_cmpstr (actual_text, ==, expected_text);
  g_assert_true (g_variant_equal (expected, actual));
}

static void
test_types (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) values = sample_values ();

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("value-%u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) stored = NULL;

      g_assert_true (sip_simple_storage_set (fixture->storage, "types", key,
                                                   values->pdata[i], &error));
      g_assert_no_error (error);
      stored = sip_simple_storage_get (fixture->storage, "types", key);
      assert_same_variant (values->pdata[i], stored);
    }

  /* A floating value is consumed. */
  g_assert_true (sip_simple_storage_set (fixture->storage, "types", "floating",
                                               g_variant_new_string ("x"), NULL));

  /* A new value may have another type. */
  g_assert_true (sip_simple_storage_set (fixture->storage, "types", "value-0",
                                               g_variant_new_uint32 (1), NULL));
  {
    g_autoptr(GVariant) stored = sip_simple_storage_get (fixture->storage, "types", "value-0");
    g_assert_cmpstr (g_variant_get_type_string (stored), ==, "u");
  }

  g_assert_null (sip_simple_storage_get (fixture->storage, "types", "missing"));
  g_assert_null (sip_simple_storage_get (fixture->storage, "no-group", "value-0"));

  if (fixture->backend == BACKEND_FILE)
    {
      /* Every type comes back exactly from the file, in a new instance. */
      g_autoptr(SipSimpleFileStorage) other = sip_simple_file_storage_new (fixture->directory);
      g_autoptr(GError) error = NULL;

      g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (other), &error));
      g_assert_no_error (error);
      for (guint i = 1; i < values->len; i++)
        {
          g_autofree char *key = g_strdup_printf ("value-%u", i);
          g_autoptr(GVariant) stored = sip_simple_storage_get (SIP_SIMPLE_STORAGE (other),
                                                                     "types", key);
          assert_same_variant (values->pdata[i], stored);
        }
    }
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(GStrv) none = sip_simple_storage_list_groups (fixture->storage);
  g_auto(GStrv) no_keys = sip_simple_storage_list_keys (fixture->storage, "settings");
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) other_keys = NULL;

  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_nonnull (no_keys);
  g_assert_cmpuint (g_strv_length (no_keys), ==, 0);

  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "port",
                                               g_variant_new_uint32 (5060), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "user-agent",
                                               g_variant_new_string ("x"), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "alice@example.com", "enabled",
                                               g_variant_new_boolean (TRUE), NULL));

  groups = sip_simple_storage_list_groups (fixture->storage);
  g_assert_cmpuint (g_strv_length (groups), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) groups, "settings"));
  g_assert_true (g_strv_contains ((const char * const *) groups, "alice@example.com"));

  keys = sip_simple_storage_list_keys (fixture->storage, "settings");
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) keys, "port"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "user-agent"));

  other_keys = sip_simple_storage_list_keys (fixture->storage, "alice@example.com");
  g_assert_cmpstrv (other_keys, ((const char *[]) { "enabled", NULL }));
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_true (sip_simple_storage_set (fixture->storage, "a", "one", g_variant_new_int32 (1), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "a", "two", g_variant_new_int32 (2), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "b", "three", g_variant_new_int32 (3), NULL));

  g_assert_true (sip_simple_storage_remove_key (fixture->storage, "a", "one", &error));
  g_assert_no_error (error);
  g_assert_null (sip_simple_storage_get (fixture->storage, "a", "one"));
  keys = sip_simple_storage_list_keys (fixture->storage, "a");
  g_assert_cmpstrv (keys, ((const char *[]) { "two", NULL }));

  g_assert_false (sip_simple_storage_remove_key (fixture->storage, "a", "one", &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sip_simple_storage_remove_key (fixture->storage, "nowhere", "one", &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing the last key removes the group. */
  g_assert_true (sip_simple_storage_remove_key (fixture->storage, "a", "two", &error));
  g_assert_no_error (error);
  groups = sip_simple_storage_list_groups (fixture->storage);
  g_assert_cmpstrv (groups, ((const char *[]) { "b", NULL }));
  g_clear_pointer (&groups, g_strfreev);

  g_assert_true (sip_simple_storage_remove_group (fixture->storage, "b", &error));
  g_assert_no_error (error);
  g_assert_null (sip_simple_storage_get (fixture->storage, "b", "three"));
  groups = sip_simple_storage_list_groups (fixture->storage);
  g_assert_cmpuint (g_strv_length (groups), ==, 0);

  g_assert_false (sip_simple_storage_remove_group (fixture->storage, "b", &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  if (fixture->backend == BACKEND_FILE)
    {
      g_autofree char *contents = read_config (fixture->directory);

      g_assert_null (strstr (contents, "[a]"));
      g_assert_null (strstr (contents, "[b]"));
    }
}

typedef struct {
  GPtrArray *events;
} ChangeLog;

static void
on_changed (SipSimpleStorage *storage,
            const char       *group,
            const char       *key,
            gpointer          user_data)
{
  GPtrArray *events = user_data;

  g_ptr_array_add (events, g_strdup_printf ("%s/%s", group, key));
}

static void
assert_events (GPtrArray   *events,
               const char **expected)
{
  g_ptr_array_add (events, NULL);
  g_assert_cmpstrv ((char **) events->pdata, expected);
  g_ptr_array_set_size (events, 0);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) settings_only = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (fixture->storage, "changed", G_CALLBACK (on_changed), all);
  g_signal_connect (fixture->storage, "changed::settings", G_CALLBACK (on_changed), settings_only);

  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "port",
                                               g_variant_new_uint32 (5060), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "other", "x",
                                               g_variant_new_boolean (TRUE), NULL));
  /* Same value: no signal. Same number, other type: a change. */
  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "port",
                                               g_variant_new_uint32 (5060), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "port",
                                               g_variant_new_int32 (5060), NULL));
  g_assert_true (sip_simple_storage_set (fixture->storage, "settings", "user-agent",
                                               g_variant_new_string ("a"), NULL));
  assert_events (all, (const char *[]) { "settings/port", "other/x", "settings/port",
                                         "settings/user-agent", NULL });
  assert_events (settings_only, (const char *[]) { "settings/port", "settings/port",
                                                   "settings/user-agent", NULL });

  g_assert_true (sip_simple_storage_remove_key (fixture->storage, "other", "x", NULL));
  assert_events (all, (const char *[]) { "other/x", NULL });

  g_assert_true (sip_simple_storage_remove_group (fixture->storage, "settings", NULL));
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (settings_only->len, ==, 2);
  g_ptr_array_set_size (all, 0);
  g_ptr_array_set_size (settings_only, 0);

  /* A failed call changes nothing and says nothing. */
  g_assert_false (sip_simple_storage_remove_group (fixture->storage, "settings", NULL));
  g_assert_cmpuint (all->len, ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->storage, all);
  g_signal_handlers_disconnect_by_data (fixture->storage, settings_only);
}

static void
test_load_flush (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_true (sip_simple_storage_set (fixture->storage, "g", "k",
                                               g_variant_new_string ("v"), NULL));
  g_assert_true (sip_simple_storage_flush (fixture->storage, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_storage_load (fixture->storage, &error));
  g_assert_no_error (error);

  /* Loading again keeps what was saved (for memory: what was set). */
  value = sip_simple_storage_get (fixture->storage, "g", "k");
  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "v");
}

static void
test_valid_names (void)
{
  const char *valid[] = { "settings", "alice@example.com", "sip:bob@example.com;lr",
                          "tls-port", "a b", "a#b", "é", NULL };
  /* Brackets would make GKeyFile keys locale-specific. */
  const char *invalid[] = { "", " lead", "trail ", "#comment", "a=b", "[group]", "x]",
                            "sip:bob@[::1]", "new\nline", "tab\there", "\xff", NULL };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (sip_simple_storage_is_valid_name (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (sip_simple_storage_is_valid_name (invalid[i]));
  g_assert_false (sip_simple_storage_is_valid_name (NULL));
}

/* ---- file storage only ------------------------------------------------ */

static guint
count_entries (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_file_round_trip (void)
{
  g_autofree char *root = make_temp_dir ();
  g_autofree char *directory = g_build_filename (root, "nested", "config", NULL);
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autoptr(SipSimpleFileStorage) writer = NULL;
  g_autoptr(SipSimpleFileStorage) reader = NULL;
  g_autoptr(GVariant) port = NULL;
  g_autoptr(GVariant) ua = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  /* The directory is made, private, at construction. */
  writer = sip_simple_file_storage_new (directory);
  g_assert_cmpint (g_stat (directory, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpstr (sip_simple_file_storage_get_directory (writer), ==, directory);
  g_assert_cmpstr (sip_simple_file_storage_get_path (writer), ==, path);

  /* No file yet: an empty configuration, not an error. */
  g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (writer), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (sip_simple_storage_set (SIP_SIMPLE_STORAGE (writer), "settings", "port",
                                               g_variant_new_uint32 (5060), &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_storage_set (SIP_SIMPLE_STORAGE (writer), "settings", "user-agent",
                                               g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                                    g_variant_new_string ("Phone/1")),
                                               &error));
  g_assert_no_error (error);

  /* Saved before returning, readable text, private. */
  contents = read_config (directory);
  g_assert_nonnull (strstr (contents, "[settings]\n"));
  g_assert_nonnull (strstr (contents, "port=uint32 5060\n"));
  g_assert_nonnull (strstr (contents, "user-agent=@ms 'Phone/1'\n"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second instance, without an explicit load, reads it on first use. */
  reader = sip_simple_file_storage_new (directory);
  port = sip_simple_storage_get (SIP_SIMPLE_STORAGE (reader), "settings", "port");
  ua = sip_simple_storage_get (SIP_SIMPLE_STORAGE (reader), "settings", "user-agent");
  g_assert_nonnull (port);
  g_assert_cmpstr (g_variant_get_type_string (port), ==, "u");
  g_assert_cmpuint (g_variant_get_uint32 (port), ==, 5060);
  g_assert_nonnull (ua);
  g_assert_cmpstr (g_variant_get_type_string (ua), ==, "ms");

  /* Relative directories are made absolute. */
  {
    g_autofree char *cwd = g_get_current_dir ();
    g_autoptr(SipSimpleFileStorage) relative = NULL;
    g_autofree char *expected = NULL;

    g_assert_cmpint (g_chdir (root), ==, 0);
    relative = sip_simple_file_storage_new ("nested/config");
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_cmpstr (sip_simple_file_storage_get_directory (relative), ==, directory);
  }

  g_clear_object (&writer);
  g_clear_object (&reader);
  remove_tree (root);
}

static void
test_file_atomic (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autoptr(SipSimpleFileStorage) storage = sip_simple_file_storage_new (directory);
  SipSimpleStorage *s = SIP_SIMPLE_STORAGE (storage);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *before = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%u", i % 7);

      g_assert_true (sip_simple_storage_set (s, "g", key, g_variant_new_uint32 (i), &error));
      g_assert_no_error (error);
    }
  /* Only the file itself: no temporary files left behind. */
  g_assert_cmpuint (count_entries (directory), ==, 1);
  before = read_config (directory);

  /* Make the rename fail: config.ini becomes a directory. The write fails
   * as a whole, the temporary file is gone, the old value stays. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  g_signal_connect (s, "changed", G_CALLBACK (on_changed), events);
  g_assert_false (sip_simple_storage_set (s, "g", "key-0", g_variant_new_string ("new"), &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_cmpuint (events->len, ==, 0);
  value = sip_simple_storage_get (s, "g", "key-0");
  g_assert_cmpstr (g_variant_get_type_string (value), ==, "u");

  g_assert_false (sip_simple_storage_remove_group (s, "g", &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (sip_simple_storage_remove_key (s, "g", "key-1", &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&value, g_variant_unref);
  value = sip_simple_storage_get (s, "g", "key-1");
  g_assert_nonnull (value);
  g_assert_cmpuint (count_entries (directory), ==, 1);

  /* Once writing works again, flush puts everything back. */
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_assert_true (sip_simple_storage_flush (s, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = read_config (directory);
    g_assert_cmpstr (after, ==, before);
  }

  g_signal_handlers_disconnect_by_data (s, events);
  g_clear_object (&storage);
  remove_tree (directory);
}

typedef struct {
  const char *contents;
  const char *where;      /* expected in the message */
  const char *also;       /* expected too, or NULL */
} MalformedCase;

static void
test_file_malformed (void)
{
  const MalformedCase cases[] = {
    { "port=uint32 5060\n", "config.ini:1:", "group" },
    { "# comment\n\n[settings]\nport=uint32 5060\nthis is not a key\n", "config.ini:5:", "key=value" },
    { "[settings\nport=1\n", "config.ini:1:", "group header" },
    { "[settings]\n=1\n", "config.ini:2:", "empty key" },
    { "[settings]\nok=1\nbad=\xff\xfe\n", "config.ini:3:", "UTF-8" },
    { "[settings]\r\nok=true\r\n\r\n[other]\r\nua=not gvariant text\r\n", "config.ini:5:", "“ua”" },
    { "[settings]\nport=uint32 5060\n[accounts]\nlist=['a', \n", "config.ini:4:", "“[accounts]”" },
    { "[settings]\n  port = uint32 99999999999\n", "config.ini:2:", "uint32 99999999999" },
  };
  g_autofree char *directory = make_temp_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SipSimpleFileStorage) storage = NULL;
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) kept = NULL;
      g_autofree char *after = NULL;

      /* A good file first: a failed load must keep what was loaded. */
      write_config (directory, "[keep]\nme=true\n");
      storage = sip_simple_file_storage_new (directory);
      g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
      g_assert_no_error (error);

      write_config (directory, cases[i].contents);
      g_signal_connect (storage, "changed", G_CALLBACK (on_changed), events);
      g_assert_false (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, directory));
      g_assert_nonnull (strstr (error->message, cases[i].where));
      if (cases[i].also != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].also));
      g_clear_error (&error);
      g_assert_cmpuint (events->len, ==, 0);

      kept = sip_simple_storage_get (SIP_SIMPLE_STORAGE (storage), "keep", "me");
      g_assert_nonnull (kept);
      g_signal_handlers_disconnect_by_data (storage, events);
      g_clear_object (&storage);

      /* A fresh storage on the malformed file: reads warn and see nothing,
       * writes fail and leave the file alone. */
      storage = sip_simple_file_storage_new (directory);
      capture_warnings ();
      g_assert_null (sip_simple_storage_get (SIP_SIMPLE_STORAGE (storage), "settings", "port"));
      g_assert_null (sip_simple_storage_get (SIP_SIMPLE_STORAGE (storage), "settings", "ok"));
      g_assert_cmpuint (stop_capturing_warnings (), ==, 1);
      g_assert_nonnull (strstr (captured_warnings->pdata[0], cases[i].where));
      g_assert_false (sip_simple_storage_set (SIP_SIMPLE_STORAGE (storage), "settings", "port",
                                                    g_variant_new_uint32 (1), &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA);
      after = read_config (directory);
      g_assert_cmpstr (after, ==, cases[i].contents);
    }

  remove_tree (directory);
}

static void
test_file_unknown_keys (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autoptr(SipSimpleFileStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) future = NULL;
  g_autofree char *contents = NULL;

  /* As a newer version might write it: keys and groups we do not know,
   * types we do not use, comments by hand. */
  write_config (directory,
                "# written by hand\n"
                "[settings]\n"
                "# the port\n"
                "port=5060\n"
                "future-option=@a{sv} {'x': <(1, 2)>}\n"
                "\n"
                "[future-group]\n"
                "thing=@mmb just nothing\n");

  storage = sip_simple_file_storage_new (directory);
  g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);
  future = sip_simple_storage_get (SIP_SIMPLE_STORAGE (storage), "settings", "future-option");
  g_assert_cmpstr (g_variant_get_type_string (future), ==, "a{sv}");

  g_assert_true (sip_simple_storage_set (SIP_SIMPLE_STORAGE (storage), "settings", "port",
                                               g_variant_new_uint32 (5070), &error));
  g_assert_no_error (error);

  /* Rewritten with the unknown data and the comments kept. */
  contents = read_config (directory);
  g_assert_nonnull (strstr (contents, "# written by hand\n"));
  g_assert_nonnull (strstr (contents, "# the port\nport=uint32 5070\n"));
  g_assert_nonnull (strstr (contents, "future-option=@a{sv} {'x': <(1, 2)>}\n"));
  g_assert_nonnull (strstr (contents, "[future-group]\nthing=@mmb just nothing\n"));

  g_clear_object (&storage);
  remove_tree (directory);
}

static gboolean
can_read_despite_mode (const char *path)
{
  /* Root (CAP_DAC_OVERRIDE) reads files whatever their mode. */
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  return TRUE;
}

static void
test_file_unreadable (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autofree char *path = g_build_filename (directory, "config.ini", NULL);
  g_autoptr(SipSimpleFileStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  write_config (directory, "[settings]\nport=uint32 5060\n");
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  if (!can_read_despite_mode (path))
    {
      storage = sip_simple_file_storage_new (directory);
      g_assert_false (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
      g_clear_error (&error);
      g_clear_object (&storage);

      /* An unreadable directory. */
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      g_assert_cmpint (g_chmod (directory, 0), ==, 0);
      storage = sip_simple_file_storage_new (directory);
      g_assert_false (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
      g_assert_false (sip_simple_storage_set (SIP_SIMPLE_STORAGE (storage), "g", "k",
                                                    g_variant_new_int32 (1), &error));
      g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
      g_clear_error (&error);
      g_clear_object (&storage);
      g_assert_cmpint (g_chmod (directory, 0700), ==, 0);
    }
  else
    {
      g_test_message ("running with privileges that ignore file modes: "
                      "using a directory path that is a regular file instead");
    }

  /* Works for everyone: the "directory" is a regular file. */
  {
    g_autofree char *not_a_directory = g_build_filename (directory, "config.ini", NULL);
    g_autofree char *inside = g_build_filename (not_a_directory, "config.ini", NULL);

    g_assert_cmpint (g_chmod (path, 0600), ==, 0);
    storage = sip_simple_file_storage_new (not_a_directory);
    g_assert_false (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
    g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, inside));
    g_assert_nonnull (strstr (error->message, g_strerror (ENOTDIR)));
    g_clear_error (&error);

    g_assert_false (sip_simple_storage_set (SIP_SIMPLE_STORAGE (storage), "g", "k",
                                                  g_variant_new_int32 (1), &error));
    g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
    g_clear_error (&error);
    g_assert_false (sip_simple_storage_flush (SIP_SIMPLE_STORAGE (storage), &error));
    g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO);
    g_clear_error (&error);
  }

  g_clear_object (&storage);
  remove_tree (directory);
}

static void
test_file_invalid_value (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autoptr(SipSimpleFileStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  write_config (directory,
                "[settings]\n"
                "port=uint32 5060\n"
                "\n"
                "[alice@example.com]\n"
                "password='unterminated\n");
  storage = sip_simple_file_storage_new (directory);
  g_assert_false (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "config.ini:5:"));
  g_assert_nonnull (strstr (error->message, "“password”"));
  g_assert_nonnull (strstr (error->message, "“[alice@example.com]”"));
  g_assert_nonnull (strstr (error->message, "'unterminated"));

  g_clear_object (&storage);
  remove_tree (directory);
}

static void
test_file_reload_changes (void)
{
  g_autofree char *directory = make_temp_dir ();
  g_autoptr(SipSimpleFileStorage) storage = sip_simple_file_storage_new (directory);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  write_config (directory, "[s]\nsame=1\nchanged=1\nretyped=1\ngone=1\n");
  g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);

  /* Edited behind the storage's back; the same value written differently
   * is no change. */
  write_config (directory, "# edited\n[s]\nsame=int32 1\nchanged=2\nretyped=uint32 1\n[t]\nnew=true\n");
  g_signal_connect (storage, "changed", G_CALLBACK (on_changed), events);
  g_assert_true (sip_simple_storage_load (SIP_SIMPLE_STORAGE (storage), &error));
  g_assert_no_error (error);
  assert_events (events, (const char *[]) { "s/changed", "s/retyped", "s/gone", "t/new", NULL });

  g_signal_handlers_disconnect_by_data (storage, events);
  g_clear_object (&storage);
  remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  captured_warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD_BOTH(name, func) \
  g_test_add ("/storage/memory/" name, Fixture, GINT_TO_POINTER (BACKEND_MEMORY), \
              fixture_setup, func, fixture_teardown); \
  g_test_add ("/storage/file/" name, Fixture, GINT_TO_POINTER (BACKEND_FILE), \
              fixture_setup, func, fixture_teardown)

  ADD_BOTH ("types", test_types);
  ADD_BOTH ("list", test_list);
  ADD_BOTH ("remove", test_remove);
  ADD_BOTH ("changed", test_changed);
  ADD_BOTH ("load-flush", test_load_flush);
  g_test_add_func ("/storage/valid-names", test_valid_names);
  g_test_add_func ("/file-storage/round-trip", test_file_round_trip);
  g_test_add_func ("/file-storage/atomic", test_file_atomic);
  g_test_add_func ("/file-storage/malformed", test_file_malformed);
  g_test_add_func ("/file-storage/unknown-keys", test_file_unknown_keys);
  g_test_add_func ("/file-storage/unreadable", test_file_unreadable);
  g_test_add_func ("/file-storage/invalid-value", test_file_invalid_value);
  g_test_add_func ("/file-storage/reload-changes", test_file_reload_changes);

  return g_test_run ();
}
