/* libsipsimple - sofia-sip inside the GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/version.h>
#include <sipsimple/engine/engine-error.h>
#include "sofia-internal.h"
#include "auth-plugin-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_uniqueid.h>

/* sofia-sip logs in pieces (one message may arrive in several calls);
 * collect them and hand complete lines to g_log. Logging happens on the
 * thread that runs the root, but several roots may run on several threads,
 * so the buffer is per thread. */
static void
free_log_buffer (gpointer data)
{
  g_string_free (data, TRUE);
}

static GPrivate log_buffer = G_PRIVATE_INIT (free_log_buffer);

static void
sofia_log_cb (void *stream, char const *fmt, va_list ap)
{
  GString *buf = g_private_get (&log_buffer);
  va_list  copy;
  char    *nl;

  if (buf == NULL)
    {
      buf = g_string_new (NULL);
      g_private_set (&log_buffer, buf);
    }

  va_copy (copy, ap);
  g_string_append_vprintf (buf, fmt, copy);
  va_end (copy);

  while ((nl = strchr (buf->str, '\n')) != NULL)
    {
      gsize len = nl - buf->str;
      if (len > 0)
        g_log_structured ("SipSimple-sofia", G_LOG_LEVEL_DEBUG, "MESSAGE", "%.*s", (int)len,
                          buf->str);
      g_string_erase (buf, 0, len + 1);
    }
}

/* sofia-sip 1.12.11 has a library destructor (sofia_su_uniqueid_destructor)
 * that deletes the pthread key of its random-number state even when that
 * key was never made, and the key variable is then 0: the key of whoever
 * made the first one in the process, usually GLib. Any GLib thread still
 * running at exit (a GStreamer or GIO pool thread) then aborts in
 * g_private_set ("pthread_setspecific: Invalid argument"). Drawing one
 * random number when the library is loaded makes sofia's own key, so its
 * destructor deletes that one. Seen with gst-launch-1.0 and the msrp
 * elements, which load the library but never start sofia. */
__attribute__ ((constructor)) static void
make_sofia_random_key (void)
{
  (void)su_randint (0, 1);
}

static gsize     sofia_initialized = 0;
static su_log_t *tport_log_ptr = NULL;

void
sip_simple_sofia_init (void)
{
  if (g_once_init_enter (&sofia_initialized))
    {
      extern su_log_t tport_log[];

      su_init ();
      su_log_redirect (NULL, sofia_log_cb, NULL);
      tport_log_ptr = tport_log;
      su_log_redirect (tport_log, sofia_log_cb, NULL);
      sip_simple_auth_plugin_install ();
      g_once_init_leave (&sofia_initialized, 1);
    }
}

void
sip_simple_sofia_set_trace (gboolean enabled)
{
  sip_simple_sofia_init ();
  /* With TPTAG_LOG(1) (set by the engine) tport prints every message at
   * level 3; make sure that level gets through. */
  if (enabled && tport_log_ptr->log_level < 3)
    su_log_set_level (tport_log_ptr, 3);
}

gboolean
sip_simple_sofia_trace_wanted (gboolean sip_trace)
{
  gboolean wanted = sip_trace || g_getenv ("TPORT_LOG") != NULL;

  if (wanted)
    sip_simple_sofia_set_trace (TRUE);
  return wanted;
}

su_root_t *
sip_simple_sofia_root_new (GMainContext *context, GSource **source_out)
{
  su_root_t *root;
  GSource   *source;

  sip_simple_sofia_init ();

  root = su_glib_root_create (NULL);
  if (root == NULL)
    return NULL;
  /* Without this sofia-sip starts a stack thread for NUA/NTA clones. */
  su_root_threading (root, 0);

  source = su_glib_root_gsource (root);
  g_source_set_name (source, "sofia-sip root");
  g_source_attach (source, context);
  *source_out = source;
  return root;
}

void
sip_simple_sofia_root_free (su_root_t *root, GSource *source)
{
  if (root == NULL)
    return;
  /* su_root_destroy() also destroys the GSource it created; detach it from
   * the context first so no dispatch can run on a dead root. */
  if (source != NULL && !g_source_is_destroyed (source))
    g_source_destroy (source);
  su_root_destroy (root);
}

gboolean
sip_simple_sofia_loop_init (SipSimpleSofiaLoop *loop, GMainContext *context)
{
  loop->root = sip_simple_sofia_root_new (context, &loop->root_source);
  if (loop->root == NULL)
    return FALSE;
  loop->context = g_main_context_ref (context);
  return TRUE;
}

void
sip_simple_sofia_loop_clear (SipSimpleSofiaLoop *loop)
{
  sip_simple_sofia_root_free (loop->root, loop->root_source);
  loop->root = NULL;
  loop->root_source = NULL;
  sip_simple_sofia_tls_dir_remove (loop->tls_dir);
  g_clear_pointer (&loop->tls_dir, g_free);
  g_clear_pointer (&loop->context, g_main_context_unref);
}

/* ---- the TLS directory ------------------------------------------------- */

#define SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"

static gboolean
append_file (const char *path, GString *dest, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            len;

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  g_string_append_len (dest, contents, len);
  if (len > 0 && contents[len - 1] != '\n')
    g_string_append_c (dest, '\n');
  return TRUE;
}

static gboolean
write_private_file (const char *dir, const char *name, const GString *contents, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) local = NULL;

  if (g_file_set_contents_full (path, contents->str, contents->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                0600, &local))
    return TRUE;
  g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS,
               "Could not write the TLS files: %s", local->message);
  return FALSE;
}

void
sip_simple_sofia_tls_dir_remove (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

char *
sip_simple_sofia_tls_dir_new (const char *certificate_file, const char *private_key_file,
                              const char *ca_file, GError **error)
{
  g_autoptr (GString) agent = g_string_new (NULL);
  g_autoptr (GString) ca = g_string_new (NULL);
  g_autoptr (GError) local = NULL;
  g_autofree char *dir = NULL;

  /* Everything is read before anything is written: a bad file leaves
   * nothing behind. */
  if (certificate_file != NULL)
    {
      const char *key = private_key_file ? private_key_file : certificate_file;

      if ((private_key_file != NULL && !append_file (key, agent, &local))
          || !append_file (certificate_file, agent, &local))
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS,
                       "Could not read the TLS certificate or key: %s", local->message);
          return NULL;
        }
      if (strstr (agent->str, "PRIVATE KEY-----") == NULL
          || strstr (agent->str, "-----BEGIN CERTIFICATE-----") == NULL)
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS,
                       "The TLS certificate \"%s\" and key \"%s\" must be PEM files with a "
                       "certificate and a private key",
                       certificate_file, key);
          return NULL;
        }
    }
  if (ca_file == NULL && g_file_test (SYSTEM_CA_FILE, G_FILE_TEST_EXISTS))
    ca_file = SYSTEM_CA_FILE;
  if (ca_file != NULL && !append_file (ca_file, ca, &local))
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS,
                   "Could not read the TLS CA file: %s", local->message);
      return NULL;
    }

  dir = g_dir_make_tmp ("sipsimple-tls-XXXXXX", &local);
  if (dir == NULL)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS,
                   "Could not create a directory for TLS files: %s", local->message);
      return NULL;
    }
  if ((agent->len > 0 && !write_private_file (dir, "agent.pem", agent, error))
      || (ca->len > 0 && !write_private_file (dir, "cafile.pem", ca, error)))
    {
      sip_simple_sofia_tls_dir_remove (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}
