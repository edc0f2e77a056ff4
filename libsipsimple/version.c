/* libsipsimple - the version of the library that runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/version.h>

/**
 * sip_simple_get_major_version:
 *
 * The major version of the libsipsimple an application runs with, which
 * may differ from the [const@SipSimple.MAJOR_VERSION] it was compiled
 * against (from a language binding, the only one there is).
 *
 * Returns: the major version number of the library
 *
 * Since: 0.1
 */
guint
sip_simple_get_major_version (void)
{
  return SIP_SIMPLE_MAJOR_VERSION;
}

/**
 * sip_simple_get_minor_version:
 *
 * The minor version of the libsipsimple an application runs with.
 *
 * Returns: the minor version number of the library
 *
 * Since: 0.1
 */
guint
sip_simple_get_minor_version (void)
{
  return SIP_SIMPLE_MINOR_VERSION;
}

/**
 * sip_simple_get_micro_version:
 *
 * The micro version of the libsipsimple an application runs with.
 *
 * Returns: the micro version number of the library
 *
 * Since: 0.1
 */
guint
sip_simple_get_micro_version (void)
{
  return SIP_SIMPLE_MICRO_VERSION;
}

/**
 * sip_simple_check_version:
 * @major: the major version required
 * @minor: the minor version required
 * @micro: the micro version required
 *
 * Checks that the libsipsimple an application runs with is of the version
 * given by @major, @minor and @micro or later: the run-time counterpart of
 * SIP_SIMPLE_CHECK_VERSION(), e.g. `SipSimple.check_version(0, 1, 0)` in
 * Python.
 *
 * Returns: %TRUE if the library is of that version or later
 *
 * Since: 0.1
 */
gboolean
sip_simple_check_version (guint major,
                          guint minor,
                          guint micro)
{
  /* variables, not the macros: compared with a literal 0, an unsigned
   * argument would trip -Wtype-limits */
  const guint lib_major = SIP_SIMPLE_MAJOR_VERSION;
  const guint lib_minor = SIP_SIMPLE_MINOR_VERSION;
  const guint lib_micro = SIP_SIMPLE_MICRO_VERSION;

  if (major != lib_major)
    return major < lib_major;
  if (minor != lib_minor)
    return minor < lib_minor;
  return micro <= lib_micro;
}
