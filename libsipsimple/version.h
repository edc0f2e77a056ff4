/* libsipsimple - version and symbol visibility
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib.h>

/**
 * SIP_SIMPLE_MAJOR_VERSION:
 *
 * The major version of libsipsimple at compile time.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MAJOR_VERSION (0)
/**
 * SIP_SIMPLE_MINOR_VERSION:
 *
 * The minor version of libsipsimple at compile time.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MINOR_VERSION (1)
/**
 * SIP_SIMPLE_MICRO_VERSION:
 *
 * The micro version of libsipsimple at compile time.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MICRO_VERSION (0)

#define _SIP_SIMPLE_EXTERN __attribute__((visibility ("default"))) extern

/**
 * SIP_SIMPLE_AVAILABLE_IN_ALL: (skip)
 *
 * Marks a symbol as part of the public API.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_AVAILABLE_IN_ALL _SIP_SIMPLE_EXTERN
