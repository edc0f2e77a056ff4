/* The generated version.h and the library's version functions: the
 * compile-time macros carry meson's project version, the library that runs
 * reports the same numbers, and SIP_SIMPLE_CHECK_VERSION() and
 * sip_simple_check_version() order versions alike. Linked against the
 * shared library, as an application is.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include <stdlib.h>

#if !SIP_SIMPLE_CHECK_VERSION(0, 0, 0)
#error "SIP_SIMPLE_CHECK_VERSION(0, 0, 0) is false in #if"
#endif
#if SIP_SIMPLE_CHECK_VERSION(SIP_SIMPLE_MAJOR_VERSION + 1, 0, 0)
#error "SIP_SIMPLE_CHECK_VERSION of the next major version is true in #if"
#endif

static void
test_macros_are_project_version (void)
{
  /* PROJECT_VERSION is meson.project_version(), passed by tests/meson.build */
  g_auto (GStrv) parts = g_strsplit (PROJECT_VERSION, ".", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_cmpint (SIP_SIMPLE_MAJOR_VERSION, ==, atoi (parts[0]));
  g_assert_cmpint (SIP_SIMPLE_MINOR_VERSION, ==, atoi (parts[1]));
  g_assert_cmpint (SIP_SIMPLE_MICRO_VERSION, ==, atoi (parts[2]));
}

static void
test_runtime_matches_macros (void)
{
  g_assert_cmpuint (sip_simple_get_major_version (), ==, SIP_SIMPLE_MAJOR_VERSION);
  g_assert_cmpuint (sip_simple_get_minor_version (), ==, SIP_SIMPLE_MINOR_VERSION);
  g_assert_cmpuint (sip_simple_get_micro_version (), ==, SIP_SIMPLE_MICRO_VERSION);
}

static void
test_check_version (void)
{
  /* int, not guint: like GLIB_CHECK_VERSION, the macro compared with an
   * unsigned variable trips -Wtype-limits while a version part is 0 */
  const int major = SIP_SIMPLE_MAJOR_VERSION;
  const int minor = SIP_SIMPLE_MINOR_VERSION;
  const int micro = SIP_SIMPLE_MICRO_VERSION;
  const struct
  {
    int      major, minor, micro;
    gboolean expected;
  } cases[] = {
    { major, minor, micro, TRUE },
    { 0, 0, 0, TRUE },
    { major, minor, micro + 1, FALSE },
    { major, minor + 1, 0, FALSE },
    { major + 1, 0, 0, FALSE },
    /* an older minor is fine whatever its micro */
    { major, minor > 0 ? minor - 1 : 0, minor > 0 ? 999 : micro, TRUE },
    { major > 0 ? major - 1 : 0, major > 0 ? 999 : minor, major > 0 ? 999 : micro, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%d.%d.%d", cases[i].major, cases[i].minor, cases[i].micro);
      g_assert_cmpint (sip_simple_check_version (cases[i].major, cases[i].minor, cases[i].micro), ==,
                       cases[i].expected);
      g_assert_cmpint (SIP_SIMPLE_CHECK_VERSION (cases[i].major, cases[i].minor, cases[i].micro), ==,
                       cases[i].expected);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/version/macros-are-project-version", test_macros_are_project_version);
  g_test_add_func ("/version/runtime-matches-macros", test_runtime_matches_macros);
  g_test_add_func ("/version/check-version", test_check_version);
  return g_test_run ();
}
