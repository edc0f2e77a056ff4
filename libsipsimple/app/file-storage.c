/* libsipsimple - SipSimpleFileStorage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/file-storage.h>
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/storage.h>
#include "storage-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

/**
 * SipSimpleFileStorage:
 *
 * A [iface@Storage] that keeps everything in one file, `config.ini` in a
 * directory of its own.
 *
 * The file is a [struct@GLib.KeyFile]: `[group]` headers and `key=value`
 * lines, where each value is [struct@GLib.Variant] text with type
 * annotations (see [func@GLib.Variant.parse]), so that every type comes
 * back exactly as it was stored:
 *
 * ```ini
 * [settings]
 * user-agent=@ms 'MyPhone/1.0'
 * port=uint32 5060
 * transports=['udp', 'tcp']
 * ```
 *
 * Lines starting with `#` are comments and are kept when the file is
 * rewritten. Keys the program does not know about (written by a newer
 * version, say) are kept and do not cause errors.
 *
 * Every change is saved before the call that makes it returns: the file is
 * written to a temporary file, synced and renamed over `config.ini`, so
 * that a crash leaves either the old or the new file, never a partial one.
 * The directory is created with mode 0700 and the file with mode 0600
 * because the configuration holds passwords.
 *
 * The file is read on first use, or by [method@Storage.load]; call that
 * once after creating the storage to learn about a malformed or unreadable
 * file (the first use only logs a warning, and nothing is written until
 * the file could be read, so a file that failed to load is never
 * overwritten). The storage does not watch the file: after editing it by
 * hand while the program runs, call [method@Storage.load], or the next
 * change writes the storage's own view over the edits.
 *
 * Since: 0.1
 */

struct _SipSimpleFileStorage
{
  GObject parent_instance;

  char *directory;
  char *path;
  /* Values as GVariant text, checked to parse when the file was loaded. */
  GKeyFile *keyfile;
  gboolean loaded;
  gboolean load_warned;
};

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sip_simple_file_storage_storage_init (SipSimpleStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleFileStorage, sip_simple_file_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_STORAGE,
                                                      sip_simple_file_storage_storage_init))

#define CONFIG_FILE_NAME "config.ini"
#define KEY_FILE_FLAGS G_KEY_FILE_KEEP_COMMENTS

static const char top_comment[] =
  " libsipsimple configuration.\n"
  " Each value is GVariant text: 'text', @ms 'text' or @ms nothing for an\n"
  " optional text, true, uint32 5060, ['udp', 'tcp'].";

/* ---- reading ---------------------------------------------------------- */

static gboolean
read_file (const char  *path,
           GBytes     **contents,
           GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          *contents = NULL;
          return TRUE;
        }
      g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO,
                   "Could not read “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  for (;;)
    {
      guint8 chunk[8192];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_close (fd, NULL);
          g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO,
                       "Could not read “%s”: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  g_close (fd, NULL);
  *contents = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return TRUE;
}

static gboolean
invalid_line (GError     **error,
              const char  *path,
              guint        line,
              const char  *what)
{
  g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA,
               "%s:%u: %s", path, line, what);
  return FALSE;
}

static char *
line_key (const char *group,
          const char *key)
{
  return g_strconcat (group, "\x1f", key, NULL);
}

/* GKeyFile says what is wrong but not where. Check the syntax line by line
 * first, with the same rules (a little stricter), and remember on which
 * line each key is, to name it when its value turns out to be malformed. */
static gboolean
scan_lines (const char  *path,
            const char  *data,
            gsize        length,
            GHashTable  *key_lines,
            GError     **error)
{
  const char *end = data + length;
  const char *line = data;
  g_autofree char *group = NULL;
  guint lineno = 0;

  while (line < end)
    {
      const char *newline = memchr (line, '\n', (size_t) (end - line));
      const char *line_end = newline != NULL ? newline : end;
      const char *p = line;
      const char *q = line_end;

      lineno++;
      if (!g_utf8_validate (line, line_end - line, NULL))
        return invalid_line (error, path, lineno, "not valid UTF-8 text");

      while (p < q && g_ascii_isspace (*p))
        p++;
      while (q > p && g_ascii_isspace (q[-1]))
        q--;

      if (p == q || *p == '#')
        {
          /* blank line or comment */
        }
      else if (*p == '[')
        {
          if (q - p < 3 || q[-1] != ']')
            return invalid_line (error, path, lineno,
                                 "malformed group header, expected “[name]”");
          for (const char *c = p + 1; c < q - 1; c++)
            if (*c == '[' || *c == ']' || g_ascii_iscntrl (*c))
              return invalid_line (error, path, lineno,
                                   "malformed group header, expected “[name]”");
          g_free (group);
          group = g_strndup (p + 1, (gsize) (q - p - 2));
        }
      else
        {
          const char *equals = memchr (p, '=', (size_t) (q - p));
          const char *key_end;

          if (equals == NULL)
            return invalid_line (error, path, lineno,
                                 "expected “key=value”, a “[group]” header or a “#” comment");
          if (group == NULL)
            return invalid_line (error, path, lineno,
                                 "value outside of any group: the file must start with a “[group]” header");
          key_end = equals;
          while (key_end > p && g_ascii_isspace (key_end[-1]))
            key_end--;
          if (key_end == p)
            return invalid_line (error, path, lineno, "empty key name before “=”");

          {
            g_autofree char *key = g_strndup (p, (gsize) (key_end - p));

            g_hash_table_insert (key_lines, line_key (group, key),
                                 GUINT_TO_POINTER (lineno));
          }
        }

      line = newline != NULL ? newline + 1 : end;
    }

  return TRUE;
}

static GVariant *
parse_stored (GKeyFile   *keyfile,
              const char *group,
              const char *key,
              GError    **error)
{
  g_autofree char *text = g_key_file_get_value (keyfile, group, key, error);

  if (text == NULL)
    return NULL;
  return g_variant_parse (NULL, text, NULL, NULL, error);
}

static gboolean
check_values (const char  *path,
              GKeyFile    *keyfile,
              GHashTable  *key_lines,
              GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  for (char **group = groups; *group != NULL; group++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (keyfile, *group, NULL, NULL);

      for (char **key = keys; keys != NULL && *key != NULL; key++)
        {
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(GVariant) value = NULL;
          g_autofree char *text = NULL;
          g_autofree char *where = NULL;

          value = parse_stored (keyfile, *group, *key, &parse_error);
          if (value != NULL)
            continue;

          text = g_key_file_get_value (keyfile, *group, *key, NULL);
          where = line_key (*group, *key);
          g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA,
                       "%s:%u: value “%s” of key “%s” in group “[%s]” is not valid GVariant text (%s)",
                       path, GPOINTER_TO_UINT (g_hash_table_lookup (key_lines, where)),
                       text != NULL ? text : "", *key, *group, parse_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reads and checks the file; a missing file is an empty configuration. */
static GKeyFile *
read_keyfile (const char  *path,
              GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GHashTable) key_lines = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  if (!read_file (path, &contents, error))
    return NULL;

  if (contents == NULL)
    {
      g_key_file_set_comment (keyfile, NULL, NULL, top_comment, NULL);
      return g_steal_pointer (&keyfile);
    }

  data = g_bytes_get_data (contents, &length);
  key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!scan_lines (path, data, length, key_lines, error))
    return NULL;

  if (length > 0 &&
      !g_key_file_load_from_data (keyfile, data, length, KEY_FILE_FLAGS, &local_error))
    {
      g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  if (!check_values (path, keyfile, key_lines, error))
    return NULL;

  return g_steal_pointer (&keyfile);
}

/* ---- writing ---------------------------------------------------------- */

static void
sync_directory (const char *directory)
{
  /* The rename is durable only once the directory entry is on disk. */
  int fd = g_open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("fsync of %s failed: %s", directory, g_strerror (errno));
  g_close (fd, NULL);
}

static gboolean
write_keyfile (SipSimpleFileStorage  *self,
               GKeyFile              *keyfile,
               GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = g_key_file_to_data (keyfile, &length, NULL);

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO,
                   "Could not create the directory “%s”: %s",
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  /* CONSISTENT writes a temporary file and renames it over the old one;
   * DURABLE syncs it first. */
  if (!g_file_set_contents_full (self->path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_IO,
                   "Could not write “%s”: %s", self->path, local_error->message);
      return FALSE;
    }

  sync_directory (self->directory);
  return TRUE;
}

/* ---- state ------------------------------------------------------------ */

static GKeyFile *
copy_keyfile (GKeyFile *keyfile)
{
  g_autoptr(GKeyFile) copy = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = g_key_file_to_data (keyfile, &length, NULL);
  if (length > 0 && !g_key_file_load_from_data (copy, data, length, KEY_FILE_FLAGS, &error))
    g_critical ("Could not copy a key file: %s", error->message);
  return g_steal_pointer (&copy);
}

static gboolean
group_is_empty (GKeyFile   *keyfile,
                const char *group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  return keys == NULL || keys[0] == NULL;
}

typedef struct {
  char *group;
  char *key;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->group);
  g_free (change->key);
  g_free (change);
}

static void
add_changes (GPtrArray *changes,
             GKeyFile  *from,
             GKeyFile  *to,
             gboolean   only_missing)
{
  g_auto(GStrv) groups = g_key_file_get_groups (from, NULL);

  for (char **group = groups; *group != NULL; group++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (from, *group, NULL, NULL);

      for (char **key = keys; keys != NULL && *key != NULL; key++)
        {
          g_autoptr(GVariant) a = NULL;
          g_autoptr(GVariant) b = NULL;
          Change *change;

          if (only_missing)
            {
              if (g_key_file_has_key (to, *group, *key, NULL))
                continue;
            }
          else
            {
              a = parse_stored (from, *group, *key, NULL);
              b = parse_stored (to, *group, *key, NULL);
              if (a != NULL && b != NULL && g_variant_equal (a, b))
                continue;
            }

          change = g_new (Change, 1);
          change->group = g_strdup (*group);
          change->key = g_strdup (*key);
          g_ptr_array_add (changes, change);
        }
    }
}

/* Every key whose value differs between the two key files. */
static GPtrArray *
diff_keyfiles (GKeyFile *old_keyfile,
               GKeyFile *new_keyfile)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (change_free);

  add_changes (changes, old_keyfile, new_keyfile, FALSE);
  add_changes (changes, new_keyfile, old_keyfile, TRUE);
  return changes;
}

static gboolean
ensure_loaded (SipSimpleFileStorage  *self,
               GError               **error)
{
  GKeyFile *keyfile;

  if (self->loaded)
    return TRUE;

  keyfile = read_keyfile (self->path, error);
  if (keyfile == NULL)
    return FALSE;

  /* Nobody can have seen the empty state before the first load, so there
   * is nothing to report as changed. */
  g_key_file_unref (self->keyfile);
  self->keyfile = keyfile;
  self->loaded = TRUE;
  self->load_warned = FALSE;
  return TRUE;
}

/* For reads, which cannot report errors: warn once per failure. */
static gboolean
ensure_loaded_for_reading (SipSimpleFileStorage *self)
{
  g_autoptr(GError) error = NULL;

  if (ensure_loaded (self, &error))
    return TRUE;

  if (!self->load_warned)
    {
      g_warning ("Configuration not loaded, using an empty one: %s", error->message);
      self->load_warned = TRUE;
    }
  return FALSE;
}

/* Saves @keyfile (a modified copy of the current one) and makes it current;
 * on failure the current state is left as it was. */
static gboolean
commit (SipSimpleFileStorage  *self,
        GKeyFile              *keyfile,
        GError               **error)
{
  if (!write_keyfile (self, keyfile, error))
    return FALSE;

  g_key_file_unref (self->keyfile);
  self->keyfile = g_key_file_ref (keyfile);
  return TRUE;
}

/* ---- SipSimpleStorage ------------------------------------------------- */

static GStrv
file_storage_list_groups (SipSimpleStorage *storage)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;

  if (ensure_loaded_for_reading (self))
    {
      groups = g_key_file_get_groups (self->keyfile, NULL);
      for (char **group = groups; *group != NULL; group++)
        if (!group_is_empty (self->keyfile, *group))
          g_strv_builder_add (builder, *group);
    }

  return g_strv_builder_end (builder);
}

static GStrv
file_storage_list_keys (SipSimpleStorage *storage,
                        const char       *group)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  GStrv keys = NULL;

  if (ensure_loaded_for_reading (self))
    keys = g_key_file_get_keys (self->keyfile, group, NULL, NULL);

  return keys != NULL ? keys : g_new0 (char *, 1);
}

static GVariant *
file_storage_get (SipSimpleStorage *storage,
                        const char       *group,
                        const char       *key)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);

  if (!ensure_loaded_for_reading (self) ||
      !g_key_file_has_key (self->keyfile, group, key, NULL))
    return NULL;

  /* Checked when loaded or stored, so this parses. */
  return parse_stored (self->keyfile, group, key, NULL);
}

static gboolean
file_storage_set (SipSimpleStorage  *storage,
                        const char        *group,
                        const char        *key,
                        GVariant          *value,
                        GError           **error)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GVariant) old = NULL;
  g_autofree char *text = NULL;

  if (!ensure_loaded (self, error))
    return FALSE;

  if (g_key_file_has_key (self->keyfile, group, key, NULL))
    old = parse_stored (self->keyfile, group, key, NULL);
  if (old != NULL && g_variant_equal (old, value))
    return TRUE;

  /* Printed GVariant text escapes control characters, so it is one line. */
  text = g_variant_print (value, TRUE);
  keyfile = copy_keyfile (self->keyfile);
  g_key_file_set_value (keyfile, group, key, text);
  if (!commit (self, keyfile, error))
    return FALSE;

  sip_simple_storage_emit_changed (storage, group, key);
  return TRUE;
}

static gboolean
file_storage_remove_key (SipSimpleStorage  *storage,
                         const char        *group,
                         const char        *key,
                         GError           **error)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  g_autoptr(GKeyFile) keyfile = NULL;

  if (!ensure_loaded (self, error))
    return FALSE;

  if (!g_key_file_has_key (self->keyfile, group, key, NULL))
    return sip_simple_storage_no_key (error, group, key);

  keyfile = copy_keyfile (self->keyfile);
  g_key_file_remove_key (keyfile, group, key, NULL);
  if (group_is_empty (keyfile, group))
    g_key_file_remove_group (keyfile, group, NULL);
  if (!commit (self, keyfile, error))
    return FALSE;

  sip_simple_storage_emit_changed (storage, group, key);
  return TRUE;
}

static gboolean
file_storage_remove_group (SipSimpleStorage  *storage,
                           const char        *group,
                           GError           **error)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  g_autoptr(GKeyFile) keyfile = NULL;
  g_auto(GStrv) keys = NULL;

  if (!ensure_loaded (self, error))
    return FALSE;

  if (!g_key_file_has_group (self->keyfile, group))
    return sip_simple_storage_no_group (error, group);

  keys = g_key_file_get_keys (self->keyfile, group, NULL, NULL);
  keyfile = copy_keyfile (self->keyfile);
  g_key_file_remove_group (keyfile, group, NULL);
  if (!commit (self, keyfile, error))
    return FALSE;

  for (char **key = keys; keys != NULL && *key != NULL; key++)
    sip_simple_storage_emit_changed (storage, group, *key);
  return TRUE;
}

static gboolean
file_storage_load (SipSimpleStorage  *storage,
                   GError           **error)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gboolean was_loaded = self->loaded;

  keyfile = read_keyfile (self->path, error);
  if (keyfile == NULL)
    return FALSE;

  changes = was_loaded ? diff_keyfiles (self->keyfile, keyfile) : NULL;
  g_key_file_unref (self->keyfile);
  self->keyfile = g_steal_pointer (&keyfile);
  self->loaded = TRUE;
  self->load_warned = FALSE;

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);

      sip_simple_storage_emit_changed (storage, change->group, change->key);
    }
  return TRUE;
}

static gboolean
file_storage_flush (SipSimpleStorage  *storage,
                    GError           **error)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (storage);

  if (!ensure_loaded (self, error))
    return FALSE;

  return write_keyfile (self, self->keyfile, error);
}

static void
sip_simple_file_storage_storage_init (SipSimpleStorageInterface *iface)
{
  iface->list_groups = file_storage_list_groups;
  iface->list_keys = file_storage_list_keys;
  iface->get = file_storage_get;
  iface->set = file_storage_set;
  iface->remove_key = file_storage_remove_key;
  iface->remove_group = file_storage_remove_group;
  iface->load = file_storage_load;
  iface->flush = file_storage_flush;
}

/* ---- GObject ---------------------------------------------------------- */

static void
sip_simple_file_storage_constructed (GObject *object)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (object);
  g_autofree char *directory = g_steal_pointer (&self->directory);

  G_OBJECT_CLASS (sip_simple_file_storage_parent_class)->constructed (object);

  if (directory == NULL)
    directory = g_build_filename (g_get_user_config_dir (), "sipsimple", NULL);

  /* Relative to the current directory now, not at each later write. */
  self->directory = g_canonicalize_filename (directory, NULL);
  self->path = g_build_filename (self->directory, CONFIG_FILE_NAME, NULL);

  /* A failure shows up, with its reason, at the first write. */
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    g_debug ("Could not create %s: %s", self->directory, g_strerror (errno));
}

static void
sip_simple_file_storage_finalize (GObject *object)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (object);

  g_free (self->directory);
  g_free (self->path);
  g_key_file_unref (self->keyfile);

  G_OBJECT_CLASS (sip_simple_file_storage_parent_class)->finalize (object);
}

static void
sip_simple_file_storage_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_file_storage_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SipSimpleFileStorage *self = SIP_SIMPLE_FILE_STORAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->directory);
      self->directory = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_file_storage_class_init (SipSimpleFileStorageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sip_simple_file_storage_constructed;
  object_class->finalize = sip_simple_file_storage_finalize;
  object_class->get_property = sip_simple_file_storage_get_property;
  object_class->set_property = sip_simple_file_storage_set_property;

  /**
   * SipSimpleFileStorage:directory:
   *
   * The directory that holds `config.ini`, as an absolute path. It is
   * created (mode 0700) if missing. If %NULL at construction, the
   * `sipsimple` folder of the user's configuration directory
   * ([func@GLib.get_user_config_dir]) is used.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", "Directory",
                         "The directory that holds config.ini",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_file_storage_init (SipSimpleFileStorage *self)
{
  self->keyfile = g_key_file_new ();
}

/**
 * sip_simple_file_storage_new:
 * @directory: (type filename) (nullable): the directory for `config.ini`,
 *   or %NULL for the `sipsimple` folder of the user's configuration
 *   directory
 *
 * Creates a storage that keeps its data in `config.ini` under @directory,
 * creating the directory (mode 0700) if it is missing. The file is not
 * read yet: call [method@Storage.load] to read it and learn about errors.
 *
 * Returns: (transfer full): a new #SipSimpleFileStorage
 *
 * Since: 0.1
 */
SipSimpleFileStorage *
sip_simple_file_storage_new (const char *directory)
{
  return g_object_new (SIP_SIMPLE_TYPE_FILE_STORAGE, "directory", directory, NULL);
}

/**
 * sip_simple_file_storage_get_directory:
 * @self: a file storage
 *
 * Gets the directory that holds the configuration file.
 *
 * Returns: (type filename) (transfer none): the absolute path of the directory
 *
 * Since: 0.1
 */
const char *
sip_simple_file_storage_get_directory (SipSimpleFileStorage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_STORAGE (self), NULL);

  return self->directory;
}

/**
 * sip_simple_file_storage_get_path:
 * @self: a file storage
 *
 * Gets the path of the configuration file, `config.ini` in
 * [property@FileStorage:directory]. It need not exist yet.
 *
 * Returns: (type filename) (transfer none): the absolute path of the file
 *
 * Since: 0.1
 */
const char *
sip_simple_file_storage_get_path (SipSimpleFileStorage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_STORAGE (self), NULL);

  return self->path;
}
