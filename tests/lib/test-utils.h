/* Shared helpers for the C unit tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sipsimple/sipsimple.h>

G_BEGIN_DECLS

/* Runs the thread-default main context until *flag becomes TRUE or
 * timeout_ms passes; returns whether the flag was set. */
gboolean test_wait_for_flag (gboolean *flag, guint timeout_ms);

/* Runs the main context until the async result pointer is set. */
GAsyncResult *test_wait_for_result (GAsyncResult **result, guint timeout_ms);

/* GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) user_data. */
void test_store_result (GObject *source, GAsyncResult *result, gpointer user_data);

/* A new engine on 127.0.0.1 over UDP (any free port), started; asserts
 * that it starts. */
SipSimpleEngine *test_start_udp_engine (void);

/* Path of a file under tests/ in the source tree (G_TEST_SRCDIR). */
char *test_source_path (const char *relative);

/* Runs the test program @self (its argv[0]) again with the one argument
 * @arg, asserts that it succeeds and returns what it printed: for values
 * that must differ from one process to the next (seeded GRand runs). */
char *test_run_self (const char *self, const char *arg);
/* Runs @self with @arg twice and asserts that the two outputs (at least
 * @min_len characters) differ: with GRand behind the values they print
 * after g_random_set_seed(), they would be the same. */
void  test_assert_runs_differ (const char *self, const char *arg, gsize min_len);

/* ---- Location services (tests/agent/location-test.c, redis-, postgres-location-test.c) */

/* A binding of @uri for @expires seconds with q-value @q (< 0: none) */
SipSimpleBinding *test_binding (const char *uri, guint expires, gdouble q);
/* An update or a lookup, waited for (5 s); asserts that it succeeds */
GPtrArray  *test_location_update (gpointer location, const char *aor, GPtrArray *bindings,
                                  gboolean remove_all);
GPtrArray  *test_location_lookup (gpointer location, const char *aor);
/* The contact URI of binding @i of @list (a static buffer) */
const char *test_binding_contact (GPtrArray *list, guint i);
/* What every backend does, on an empty @location: q-value order, a
 * contact replaced by an equal one, an expired binding removing its
 * contact, add, remove one, remove all; leaves one binding of
 * bob@example.com and none of alice@example.com */
void        test_location_behaviours (SipSimpleLocation *location);
/* The shared cases of the database backends (redis-, postgres-location-test.c) */
/* A free TCP port on 127.0.0.1 (for a server the test starts) */
guint       test_free_tcp_port (void);
/* An update or a lookup (@bindings and @remove_all unused), waited for;
 * NULL and @error on failure */
GPtrArray  *test_location_run (gpointer location, gboolean is_update, const char *aor,
                               GPtrArray *bindings, gboolean remove_all, GError **error);
/* A new array for bindings (it owns them) */
GPtrArray  *test_bindings_new (void);
/* What @a stores (dave@example.com) @b sees, and so does a location that
 * @make (@data) has just made, not connected yet: its lookup waits for
 * the connection */
void        test_location_shared (gpointer a, gpointer b, gpointer (*make) (gpointer),
                                  gpointer data, gboolean (*is_connected) (gpointer));
/* Every field of a binding stored and read back (grace@example.com) */
void        test_location_fields (gpointer location);
/* 40 updates of dave@example.com in flight at once, alternating between
 * two locations on one database: none lost */
void        test_location_concurrent (gpointer a, gpointer b);
/* Call-ID/CSeq ordering (RFC 3261 10.3 step 7; erin@example.com) */
void        test_location_ordering (gpointer location);
/* How a test controls the database server behind a location */
typedef struct
{
  void     (*stop) (gpointer data);
  void     (*start) (gpointer data);
  gboolean (*is_connected) (gpointer location);
  gpointer data;
} TestLocationServer;
/* The server goes: operations fail at once with a connection error; it
 * comes back: the location reconnects by itself (frank@example.com) */
void        test_location_outage (gpointer location, const TestLocationServer *server);
/* The last reference dropped with an operation pending, then while the
 * server is away: no crash, no leak (ASan) */
void        test_location_unref_pending (gpointer (*connected_location) (gpointer data),
                                         const TestLocationServer *server);
/* @location once it is connected (5 s at most); asserts that it is */
gpointer    test_location_connected (gpointer location, gboolean (*is_connected) (gpointer));

G_END_DECLS

/* ---- Audio analysis for the media tests ---------------------------------
 * A WAV file as mono floats in [-1, 1] (channels averaged); PCM 8/16/24/32
 * bits or 32-bit float. */
typedef struct
{
  guint  rate;
  gsize  n_samples;
  float *samples;
} TestWav;

gboolean test_wav_load (const char *path, TestWav *wav, GError **error);
void     test_wav_clear (TestWav *wav);
/* Writes a 16-bit mono WAV of a sine (for file inputs). */
gboolean test_wav_write_tone (const char *path, guint rate, double freq, double seconds,
                              GError **error);

/* The strongest frequency in [from, to) seconds of @wav, in Hz, from a
 * Hann-windowed FFT with parabolic interpolation (accurate to a fraction
 * of a hertz for a clean tone); 0 for silence. */
double test_audio_dominant_frequency (const TestWav *wav, double from, double to);
/* Seconds of [from, to) in 20 ms frames that carry a tone at @freq (its
 * energy is most of the frame's, and the frame is not silent). */
double test_audio_tone_duration (const TestWav *wav, double freq, double from, double to);
/* Seconds of [from, to) in 20 ms frames louder than -40 dBFS RMS. */
double test_audio_active_duration (const TestWav *wav, double from, double to);
/* Start of the first 20 ms frame carrying @freq, in seconds, or -1. */
double test_audio_tone_onset (const TestWav *wav, double freq);
/* Share of the energy of [from, to) at @freq (Goertzel over the whole
 * window): about 1 for a pure tone, 1/n for one of n equal tones, ~0 when
 * absent. For mixtures, where the per-frame test does not apply. */
double test_audio_tone_share (const TestWav *wav, double freq, double from, double to);
/* Median over the non-silent 20 ms frames of [from, to) of the share of
 * the frame's energy at @freq: about 1/n for one of n equal tones, and
 * robust to the odd glitch of an overloaded machine. */
double test_audio_tone_presence (const TestWav *wav, double freq, double from, double to);
