/* The presence documents: PIDF with RPID, watcher info, message
 * summaries, RLMI notifications, resource lists and presence rules.
 * Samples in tests/data/presence/ (good-* parse, bad-* are refused with a
 * SIP_SIMPLE_PRESENCE_ERROR); every good sample is also truncated and
 * mutated, and each variant must either parse or fail cleanly.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <string.h>

static GBytes *
load (const char *name)
{
  g_autofree char *rel = g_build_filename ("data", "presence", name, NULL);
  g_autofree char *path = test_source_path (rel);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* RLMI samples: the Content-Type on the first line, the body after it. */
static GBytes *
load_rlmi (const char *name, char **content_type)
{
  g_autoptr (GBytes) all = load (name);
  gsize len;
  const char *data = g_bytes_get_data (all, &len);
  const char *nl = memchr (data, '\n', len);

  g_assert_nonnull (nl);
  *content_type = g_strndup (data, nl - data);
  return g_bytes_new (nl + 1, len - (nl + 1 - data));
}

/* Parses @data as the kind of document @name says; returns whether it
 * parsed, and checks that exactly one of result and error came back. */
static gboolean
parse_any (const char *name, const char *content_type, GBytes *data, GError **error_out)
{
  g_autoptr (GObject) obj = NULL;
  g_autoptr (GError) error = NULL;

  if (strstr (name, "pidf"))
    obj = G_OBJECT (sip_simple_pidf_parse (data, &error));
  else if (strstr (name, "winfo"))
    obj = G_OBJECT (sip_simple_watcher_info_parse (data, &error));
  else if (strstr (name, "mwi"))
    obj = G_OBJECT (sip_simple_message_summary_parse (data, &error));
  else if (strstr (name, "rlmi"))
    obj = G_OBJECT (sip_simple_rlmi_parse (content_type, data, &error));
  else if (strstr (name, "resource-lists"))
    obj = G_OBJECT (sip_simple_resource_lists_parse (data, &error));
  else if (strstr (name, "pres-rules"))
    obj = G_OBJECT (sip_simple_pres_rules_parse (data, &error));
  else
    g_assert_not_reached ();

  g_assert_true ((obj == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert_true (error->domain == SIP_SIMPLE_PRESENCE_ERROR);
      g_assert_nonnull (error->message);
      if (error_out)
        *error_out = g_steal_pointer (&error);
    }
  return obj != NULL;
}

static GPtrArray *
samples (const char *prefix)
{
  g_autofree char *dir = test_source_path ("data/presence");
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *n;

  g_assert_nonnull (d);
  while ((n = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (n, prefix))
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static void
test_all_good_samples_parse (void)
{
  g_autoptr (GPtrArray) names = samples ("good-");

  g_assert_cmpuint (names->len, >=, 10);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *ct = NULL;
      g_autoptr (GBytes) data = strstr (name, "rlmi") ? load_rlmi (name, &ct) : load (name);
      g_autoptr (GError) error = NULL;

      if (!parse_any (name, ct, data, &error))
        g_error ("%s did not parse: %s", name, error->message);
    }
}

static void
test_all_bad_samples_fail (void)
{
  g_autoptr (GPtrArray) names = samples ("bad-");

  g_assert_cmpuint (names->len, >=, 25);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *ct = NULL;
      g_autoptr (GBytes) data = strstr (name, "rlmi") ? load_rlmi (name, &ct) : load (name);
      g_autoptr (GError) error = NULL;

      if (parse_any (name, ct, data, &error))
        g_error ("%s parsed but should not", name);
      g_test_message ("%s: %s", name, error->message);
    }
}

/* Truncations and byte mutations of every good sample: each must parse or
 * fail with an error, nothing else (run this under ASan). */
static void
test_mutations_never_crash (void)
{
  g_autoptr (GPtrArray) names = samples ("good-");
  GRand *rand = g_rand_new_with_seed (20240502);
  static const char junk[] = "<>&;\"'/=:\r\n \xff\x00xmlns";

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *ct = NULL;
      g_autoptr (GBytes) data = strstr (name, "rlmi") ? load_rlmi (name, &ct) : load (name);
      gsize len;
      const guint8 *bytes = g_bytes_get_data (data, &len);
      gsize step = MAX (1, len / 200);

      for (gsize cut = 0; cut < len; cut += step)
        {
          g_autoptr (GBytes) part = g_bytes_new (bytes, cut);
          parse_any (name, ct, part, NULL);
        }
      for (guint round = 0; round < 300; round++)
        {
          g_autofree guint8 *copy = g_memdup2 (bytes, len);
          g_autoptr (GBytes) mutated = NULL;
          guint changes = g_rand_int_range (rand, 1, 6);
          for (guint c = 0; c < changes && len > 0; c++)
            copy[g_rand_int_range (rand, 0, (gint32) len)] = junk[g_rand_int_range (rand, 0, sizeof junk - 1)];
          mutated = g_bytes_new (copy, len);
          parse_any (name, ct, mutated, NULL);
        }
    }
  g_rand_free (rand);
}

/* ---- PIDF --------------------------------------------------------------- */

static void
test_pidf_samples (void)
{
  g_autoptr (GBytes) basic = load ("good-pidf-basic.xml");
  g_autoptr (GBytes) rich = load ("good-pidf-rich.xml");
  g_autoptr (GBytes) draft = load ("good-pidf-draft-rpid.xml");
  g_autoptr (SipSimplePidf) p = NULL;
  g_autoptr (GPtrArray) tuples = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GPtrArray) devices = NULL;
  g_auto (GStrv) acts = NULL;
  g_autofree char *ts = NULL;

  p = sip_simple_pidf_parse (basic, NULL);
  g_assert_cmpstr (sip_simple_pidf_get_entity (p), ==, "pres:someone@example.com");
  g_assert_cmpint (sip_simple_pidf_get_basic (p), ==, SIP_SIMPLE_PIDF_BASIC_OPEN);
  g_assert_cmpstr (sip_simple_pidf_get_note (p), ==, "Reachable on my mobile");
  g_assert_cmpstr (sip_simple_pidf_get_notes (p)[0], ==, "Presence for someone");
  tuples = sip_simple_pidf_get_tuples (p);
  g_assert_cmpuint (tuples->len, ==, 1);
  g_assert_cmpstr (sip_simple_pidf_tuple_get_id (tuples->pdata[0]), ==, "sg89ae");
  g_assert_cmpstr (sip_simple_pidf_tuple_get_contact (tuples->pdata[0]), ==, "tel:+09012345678");
  g_assert_cmpfloat_with_epsilon (sip_simple_pidf_tuple_get_contact_priority (tuples->pdata[0]), 0.8, 1e-9);
  ts = g_date_time_format_iso8601 (sip_simple_pidf_tuple_get_timestamp (tuples->pdata[0]));
  g_assert_cmpstr (ts, ==, "2024-05-02T16:49:29Z");
  g_clear_object (&p);
  g_clear_pointer (&tuples, g_ptr_array_unref);

  p = sip_simple_pidf_parse (rich, NULL);
  g_assert_cmpint (sip_simple_pidf_get_basic (p), ==, SIP_SIMPLE_PIDF_BASIC_OPEN);
  /* the person's note wins over the tuple's */
  g_assert_cmpstr (sip_simple_pidf_get_note (p), ==, "Back at 5");
  acts = sip_simple_pidf_get_activities (p);
  g_assert_cmpuint (g_strv_length (acts), ==, 2);
  g_assert_cmpstr (acts[0], ==, "meeting");
  g_assert_cmpstr (acts[1], ==, "busy");
  persons = sip_simple_pidf_get_persons (p);
  g_assert_true (sip_simple_pidf_person_has_mood (persons->pdata[0], "bored"));
  g_assert_cmpstr (sip_simple_pidf_person_get_id (persons->pdata[0]), ==, "carol");
  devices = sip_simple_pidf_get_devices (p);
  g_assert_cmpuint (devices->len, ==, 1);
  g_assert_cmpstr (sip_simple_pidf_device_get_device_id (devices->pdata[0]), ==,
                   "urn:uuid:3f6c2f2e-4f0d-4c37-b3b1-2d5b8f0e9c11");
  tuples = sip_simple_pidf_get_tuples (p);
  g_assert_cmpuint (tuples->len, ==, 2);
  g_assert_cmpint (sip_simple_pidf_tuple_get_basic (tuples->pdata[0]), ==, SIP_SIMPLE_PIDF_BASIC_CLOSED);
  g_assert_cmpstr (sip_simple_pidf_tuple_get_device_id (tuples->pdata[1]), ==,
                   "urn:uuid:3f6c2f2e-4f0d-4c37-b3b1-2d5b8f0e9c11");
  g_assert_cmpfloat (sip_simple_pidf_tuple_get_contact_priority (tuples->pdata[0]), ==, -1);
  /* +02:00 is kept as an instant; the latest timestamp is the tuple's 14:50:00.25Z */
  g_clear_pointer (&ts, g_free);
  ts = g_date_time_format_iso8601 (sip_simple_pidf_get_timestamp (p));
  g_assert_cmpstr (ts, ==, "2024-05-02T14:51:00Z");
  g_clear_object (&p);
  g_clear_pointer (&acts, g_strfreev);

  /* the draft RPID namespace of older softphones */
  p = sip_simple_pidf_parse (draft, NULL);
  acts = sip_simple_pidf_get_activities (p);
  g_assert_cmpstr (acts[0], ==, "other");
  g_assert_cmpstr (sip_simple_pidf_get_note (p), ==, "Out to lunch");
}

static void
test_pidf_build_and_parse (void)
{
  g_autoptr (SipSimplePidf) p = sip_simple_pidf_new ("sip:alice@example.com");
  g_autoptr (SipSimplePidfTuple) t = sip_simple_pidf_tuple_new ("sipsimple-1");
  g_autoptr (SipSimplePidfPerson) person = sip_simple_pidf_person_new (NULL);
  g_autoptr (SipSimplePidfDevice) device = sip_simple_pidf_device_new ("dev1");
  g_autoptr (GDateTime) when = g_date_time_new_utc (2024, 5, 2, 10, 11, 12.5);
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (SipSimplePidf) back = NULL;
  g_autoptr (GPtrArray) tuples = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GError) error = NULL;
  const char *const acts[] = { "away", "on-the-phone", NULL };
  g_autofree char *ts = NULL;

  sip_simple_pidf_tuple_set_basic (t, SIP_SIMPLE_PIDF_BASIC_OPEN);
  sip_simple_pidf_tuple_set_contact (t, "sip:alice@192.0.2.1:5060;transport=tcp");
  sip_simple_pidf_tuple_set_contact_priority (t, 0.5);
  sip_simple_pidf_tuple_add_note (t, "Gone <for> lunch & \"coffee\" ünïcödé");
  sip_simple_pidf_tuple_set_timestamp (t, when);
  sip_simple_pidf_tuple_set_device_id (t, "urn:uuid:abc");
  sip_simple_pidf_add_tuple (p, t);
  sip_simple_pidf_person_set_activities (person, acts);
  sip_simple_pidf_person_add_activity (person, "away");   /* no duplicate */
  sip_simple_pidf_person_add_mood (person, "happy");
  sip_simple_pidf_person_add_note (person, "Back soon");
  sip_simple_pidf_add_person (p, person);
  sip_simple_pidf_device_set_device_id (device, "urn:uuid:abc");
  sip_simple_pidf_add_device (p, device);
  sip_simple_pidf_add_note (p, "document note");
  g_assert_true (g_str_has_prefix (sip_simple_pidf_person_get_id (person), "p"));

  xml = sip_simple_pidf_to_bytes (p);
  back = sip_simple_pidf_parse (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_pidf_get_entity (back), ==, "sip:alice@example.com");
  tuples = sip_simple_pidf_get_tuples (back);
  g_assert_cmpuint (tuples->len, ==, 1);
  g_assert_cmpstr (sip_simple_pidf_tuple_get_id (tuples->pdata[0]), ==, "sipsimple-1");
  g_assert_cmpstr (sip_simple_pidf_tuple_get_notes (tuples->pdata[0])[0], ==,
                   "Gone <for> lunch & \"coffee\" ünïcödé");
  g_assert_cmpstr (sip_simple_pidf_tuple_get_contact (tuples->pdata[0]), ==,
                   "sip:alice@192.0.2.1:5060;transport=tcp");
  g_assert_cmpfloat_with_epsilon (sip_simple_pidf_tuple_get_contact_priority (tuples->pdata[0]), 0.5, 1e-9);
  g_assert_cmpstr (sip_simple_pidf_tuple_get_device_id (tuples->pdata[0]), ==, "urn:uuid:abc");
  ts = g_date_time_format_iso8601 (sip_simple_pidf_tuple_get_timestamp (tuples->pdata[0]));
  g_assert_cmpstr (ts, ==, "2024-05-02T10:11:12.500000Z");
  persons = sip_simple_pidf_get_persons (back);
  g_assert_cmpuint (g_strv_length ((char **) sip_simple_pidf_person_get_activities (persons->pdata[0])), ==, 2);
  g_assert_true (sip_simple_pidf_person_has_activity (persons->pdata[0], "on-the-phone"));
  g_assert_true (sip_simple_pidf_person_has_mood (persons->pdata[0], "happy"));
  g_assert_cmpstr (sip_simple_pidf_get_note (back), ==, "Back soon");
  g_assert_cmpstr (sip_simple_pidf_get_notes (back)[0], ==, "document note");

  /* notes can be cleared; basic is unknown without tuples */
  sip_simple_pidf_person_clear_notes (person);
  g_assert_null (sip_simple_pidf_person_get_notes (person)[0]);
  {
    g_autoptr (SipSimplePidf) empty = sip_simple_pidf_new ("sip:x@example.com");
    g_autoptr (GBytes) e = sip_simple_pidf_to_bytes (empty);
    g_autoptr (SipSimplePidf) eb = sip_simple_pidf_parse (e, NULL);
    g_assert_cmpint (sip_simple_pidf_get_basic (eb), ==, SIP_SIMPLE_PIDF_BASIC_UNKNOWN);
    g_assert_null (sip_simple_pidf_get_note (eb));
    g_assert_null (sip_simple_pidf_get_timestamp (eb));
  }
}

static void
test_pidf_errors (void)
{
  struct { const char *file; int code; const char *says; } cases[] = {
    { "bad-pidf-truncated.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "line" },
    { "bad-pidf-entities.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "" },
    { "bad-pidf-external-entity.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "" },
    { "bad-pidf-wrong-namespace.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "cpim-pidf" },
    { "bad-pidf-wrong-root.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "watcherinfo" },
    { "bad-pidf-no-entity.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "entity" },
    { "bad-pidf-tuple-without-id.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "<tuple> without an id" },
    { "bad-pidf-basic.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "online" },
    { "bad-pidf-timestamp.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "yesterday" },
    { "bad-pidf-priority.xml", SIP_SIMPLE_PRESENCE_ERROR_INVALID, "1.5" },
    { "bad-pidf-not-utf8.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "" },
    { "bad-pidf-deep.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "" },
    { "bad-pidf-empty.xml", SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) data = load (cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimplePidf) p = sip_simple_pidf_parse (data, &error);

      g_assert_null (p);
      g_assert_error (error, SIP_SIMPLE_PRESENCE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("%s: \"%s\" does not mention \"%s\"", cases[i].file, error->message, cases[i].says);
    }
}

/* ---- watcher info --------------------------------------------------------- */

static void
count_notify (GObject *obj, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_watcher_info (void)
{
  g_autoptr (GBytes) full = load ("good-winfo-full.xml");
  g_autoptr (GBytes) partial = load ("good-winfo-partial.xml");
  g_autoptr (SipSimpleWatcherInfo) state = sip_simple_watcher_info_parse (full, NULL);
  g_autoptr (SipSimpleWatcherInfo) update = sip_simple_watcher_info_parse (partial, NULL);
  g_autoptr (GPtrArray) ws = NULL;
  g_autoptr (GError) error = NULL;
  SipSimpleWatcher *bob;
  guint bob_notifies = 0;

  g_assert_cmpuint (sip_simple_watcher_info_get_version (state), ==, 0);
  g_assert_true (sip_simple_watcher_info_get_full (state));
  g_assert_false (sip_simple_watcher_info_get_full (update));
  ws = sip_simple_watcher_info_get_watchers (state);
  g_assert_cmpuint (ws->len, ==, 3);
  bob = ws->pdata[0];
  g_assert_cmpstr (sip_simple_watcher_get_uri (bob), ==, "sip:bob@example.com");
  g_assert_cmpstr (sip_simple_watcher_get_display_name (bob), ==, "Bob");
  g_assert_cmpint (sip_simple_watcher_get_status (bob), ==, SIP_SIMPLE_WATCHER_STATUS_PENDING);
  g_assert_cmpstr (sip_simple_watcher_get_event (bob), ==, "subscribe");
  g_assert_cmpstr (sip_simple_watcher_get_resource (bob), ==, "sip:alice@example.com");
  g_assert_cmpstr (sip_simple_watcher_get_package (bob), ==, "presence");
  g_assert_cmpuint (sip_simple_watcher_get_duration_subscribed (ws->pdata[1]), ==, 3600);
  g_assert_cmpstr (sip_simple_watcher_get_package (ws->pdata[2]), ==, "message-summary");
  g_assert_cmpint (sip_simple_watcher_get_status (ws->pdata[2]), ==, SIP_SIMPLE_WATCHER_STATUS_TERMINATED);

  /* a partial update changes bob in place and adds dave */
  g_signal_connect (bob, "notify::status", G_CALLBACK (count_notify), &bob_notifies);
  g_assert_true (sip_simple_watcher_info_update (state, update, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bob_notifies, ==, 1);
  g_assert_cmpint (sip_simple_watcher_get_status (bob), ==, SIP_SIMPLE_WATCHER_STATUS_ACTIVE);
  g_assert_cmpuint (sip_simple_watcher_info_get_version (state), ==, 1);
  g_clear_pointer (&ws, g_ptr_array_unref);
  ws = sip_simple_watcher_info_get_watchers (state);
  g_assert_cmpuint (ws->len, ==, 4);
  g_assert_true (ws->pdata[0] == bob);
  g_assert_cmpstr (sip_simple_watcher_get_uri (ws->pdata[3]), ==, "sip:dave@example.com");

  /* the same partial again is a gap: the state must be fetched again */
  g_assert_false (sip_simple_watcher_info_update (state, update, &error));
  g_assert_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_INVALID);
  g_clear_error (&error);

  /* a full document replaces: watchers not in it go */
  {
    g_autoptr (GBytes) k = load ("good-winfo-kamailio.xml");
    g_autoptr (SipSimpleWatcherInfo) kw = sip_simple_watcher_info_parse (k, NULL);
    g_autoptr (GPtrArray) after = NULL;
    g_assert_true (sip_simple_watcher_info_update (state, kw, NULL));
    after = sip_simple_watcher_info_get_watchers (state);
    g_assert_cmpuint (after->len, ==, 1);
  }

  /* build and parse back */
  {
    g_autoptr (SipSimpleWatcherInfo) built = sip_simple_watcher_info_new ();
    g_autoptr (SipSimpleWatcher) w = sip_simple_watcher_new ("id1", "sip:x@example.com",
                                                             SIP_SIMPLE_WATCHER_STATUS_WAITING);
    g_autoptr (GBytes) xml = NULL;
    g_autoptr (SipSimpleWatcherInfo) back = NULL;
    g_autoptr (GPtrArray) bw = NULL;

    sip_simple_watcher_set_resource (w, "sip:alice@example.com");
    sip_simple_watcher_set_package (w, "presence");
    sip_simple_watcher_set_event (w, "giveup");
    sip_simple_watcher_set_display_name (w, "X & Y");
    sip_simple_watcher_info_add_watcher (built, w);
    sip_simple_watcher_info_set_version (built, 7);
    sip_simple_watcher_info_set_full (built, FALSE);
    xml = sip_simple_watcher_info_to_bytes (built);
    back = sip_simple_watcher_info_parse (xml, NULL);
    g_assert_nonnull (back);
    g_assert_cmpuint (sip_simple_watcher_info_get_version (back), ==, 7);
    g_assert_false (sip_simple_watcher_info_get_full (back));
    bw = sip_simple_watcher_info_get_watchers (back);
    g_assert_cmpstr (sip_simple_watcher_get_display_name (bw->pdata[0]), ==, "X & Y");
    g_assert_cmpint (sip_simple_watcher_get_status (bw->pdata[0]), ==, SIP_SIMPLE_WATCHER_STATUS_WAITING);
    g_assert_cmpstr (sip_simple_watcher_get_event (bw->pdata[0]), ==, "giveup");
  }
}

/* ---- message summary -------------------------------------------------- */

static void
test_message_summary (void)
{
  g_autoptr (GBytes) full = load ("good-mwi-full.txt");
  g_autoptr (GBytes) lower = load ("good-mwi-lowercase.txt");
  g_autoptr (SipSimpleMessageSummary) s = sip_simple_message_summary_parse (full, NULL);
  g_autoptr (SipSimpleMessageSummary) l = sip_simple_message_summary_parse (lower, NULL);
  guint n = 9, o = 9, nu = 9, ou = 9;

  g_assert_true (sip_simple_message_summary_get_messages_waiting (s));
  g_assert_cmpstr (sip_simple_message_summary_get_account (s), ==, "sip:alice@vmail.example.com");
  g_assert_cmpuint (sip_simple_message_summary_get_new_messages (s), ==, 2);
  g_assert_cmpuint (sip_simple_message_summary_get_old_messages (s), ==, 8);
  g_assert_true (sip_simple_message_summary_get_counts (s, SIP_SIMPLE_MESSAGE_CONTEXT_VOICE, &n, &o, &nu, &ou));
  g_assert_cmpuint (nu, ==, 0);
  g_assert_cmpuint (ou, ==, 2);
  g_assert_true (sip_simple_message_summary_get_counts (s, SIP_SIMPLE_MESSAGE_CONTEXT_FAX, &n, &o, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (o, ==, 1);
  g_assert_false (sip_simple_message_summary_get_counts (s, SIP_SIMPLE_MESSAGE_CONTEXT_TEXT, &n, &o, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);

  g_assert_false (sip_simple_message_summary_get_messages_waiting (l));
  g_assert_null (sip_simple_message_summary_get_account (l));
  g_assert_cmpuint (sip_simple_message_summary_get_old_messages (l), ==, 3);

  /* build and parse back */
  {
    g_autoptr (SipSimpleMessageSummary) b = sip_simple_message_summary_new (TRUE);
    g_autoptr (GBytes) body = NULL;
    g_autoptr (SipSimpleMessageSummary) back = NULL;
    g_autofree char *text = NULL;

    sip_simple_message_summary_set_account (b, "sip:bob@example.com");
    sip_simple_message_summary_set_counts (b, SIP_SIMPLE_MESSAGE_CONTEXT_VOICE, 3, 4, 1, 0);
    sip_simple_message_summary_set_counts (b, SIP_SIMPLE_MESSAGE_CONTEXT_MULTIMEDIA, 1, 0, 0, 0);
    body = sip_simple_message_summary_to_bytes (b);
    text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    g_assert_cmpstr (text, ==, "Messages-Waiting: yes\r\nMessage-Account: sip:bob@example.com\r\n"
                               "Voice-Message: 3/4 (1/0)\r\nMultimedia-Message: 1/0\r\n");
    back = sip_simple_message_summary_parse (body, NULL);
    g_assert_cmpuint (sip_simple_message_summary_get_new_messages (back), ==, 3);
  }
}

/* ---- RLMI ------------------------------------------------------------- */

static void
test_rlmi (void)
{
  g_autofree char *ct = NULL;
  g_autoptr (GBytes) body = load_rlmi ("good-rlmi-multipart.txt", &ct);
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleRlmi) r = sip_simple_rlmi_parse (ct, body, &error);
  g_autoptr (GPtrArray) res = NULL;
  g_autoptr (SipSimplePidf) bob = NULL;
  g_autoptr (SipSimplePidf) carol = NULL;
  SipSimpleRlmiResource *dave;

  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_rlmi_get_uri (r), ==, "sip:alice-buddies@example.com");
  g_assert_cmpstr (sip_simple_rlmi_get_name (r), ==, "Buddies");
  g_assert_cmpuint (sip_simple_rlmi_get_version (r), ==, 3);
  g_assert_true (sip_simple_rlmi_get_full_state (r));
  res = sip_simple_rlmi_get_resources (r);
  g_assert_cmpuint (res->len, ==, 4);
  g_assert_cmpstr (sip_simple_rlmi_resource_get_name (res->pdata[0]), ==, "Bob");
  g_assert_cmpstr (sip_simple_rlmi_resource_get_state (res->pdata[0]), ==, "active");
  g_assert_true (g_str_has_prefix (sip_simple_rlmi_resource_get_content_type (res->pdata[0]),
                                   "application/pidf+xml"));
  bob = sip_simple_rlmi_resource_get_pidf (res->pdata[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_pidf_get_note (bob), ==, "Bob is here");
  /* the base64 part */
  carol = sip_simple_rlmi_resource_get_pidf (res->pdata[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_pidf_get_basic (carol), ==, SIP_SIMPLE_PIDF_BASIC_CLOSED);
  dave = sip_simple_rlmi_find (r, "sip:dave@example.com");
  g_assert_nonnull (dave);
  g_assert_cmpstr (sip_simple_rlmi_resource_get_state (dave), ==, "terminated");
  g_assert_cmpstr (sip_simple_rlmi_resource_get_reason (dave), ==, "rejected");
  g_assert_null (sip_simple_rlmi_resource_get_body (dave));
  g_assert_null (sip_simple_rlmi_resource_get_pidf (dave, &error));
  g_assert_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_cmpstr (sip_simple_rlmi_resource_get_state (res->pdata[3]), ==, "pending");
  g_assert_null (sip_simple_rlmi_find (r, "sip:nobody@example.com"));
}

static void
test_rlmi_kamailio (void)
{
  g_autofree char *ct1 = NULL;
  g_autofree char *ct2 = NULL;
  g_autoptr (GBytes) initial = load_rlmi ("good-rlmi-kamailio-initial.txt", &ct1);
  g_autoptr (GBytes) update = load_rlmi ("good-rlmi-kamailio-update.txt", &ct2);
  g_autoptr (SipSimpleRlmi) a = sip_simple_rlmi_parse (ct1, initial, NULL);
  g_autoptr (SipSimpleRlmi) b = sip_simple_rlmi_parse (ct2, update, NULL);
  g_autoptr (GPtrArray) ra = sip_simple_rlmi_get_resources (a);
  g_autoptr (GPtrArray) rb = sip_simple_rlmi_get_resources (b);

  /* the RLS lists the members before its back-end subscriptions exist */
  g_assert_true (sip_simple_rlmi_get_full_state (a));
  g_assert_cmpuint (ra->len, ==, 3);
  g_assert_null (sip_simple_rlmi_resource_get_state (ra->pdata[0]));
  /* then the members' states, one PIDF part each */
  g_assert_false (sip_simple_rlmi_get_full_state (b));
  g_assert_cmpuint (sip_simple_rlmi_get_version (b), ==, 2);
  g_assert_cmpuint (rb->len, ==, 3);
  for (guint i = 0; i < rb->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimplePidf) p = sip_simple_rlmi_resource_get_pidf (rb->pdata[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sip_simple_pidf_get_entity (p), ==, sip_simple_rlmi_resource_get_uri (rb->pdata[i]));
      g_assert_cmpint (sip_simple_pidf_get_status (p), ==, SIP_SIMPLE_PRESENCE_STATUS_ONLINE);
    }
}

/* ---- XCAP documents ------------------------------------------------------- */

static gboolean
has_text (GBytes *bytes, const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return strstr (text, needle) != NULL;
}

static void
test_resource_lists (void)
{
  g_autoptr (GBytes) data = load ("good-resource-lists.xml");
  g_autoptr (SipSimpleResourceLists) rl = sip_simple_resource_lists_parse (data, NULL);
  g_auto (GStrv) names = sip_simple_resource_lists_get_list_names (rl);
  g_autoptr (GPtrArray) friends = sip_simple_resource_lists_get_entries (rl, "friends");
  g_autoptr (GPtrArray) work = sip_simple_resource_lists_get_entries (rl, "work");
  g_autoptr (GPtrArray) none = sip_simple_resource_lists_get_entries (rl, "nothing");
  g_autoptr (SipSimpleNameAddr) dave = sip_simple_name_addr_parse ("\"Dave\" <sip:dave@example.com>", NULL);
  g_autoptr (SipSimpleNameAddr) bob2 = sip_simple_name_addr_parse ("\"Robert\" <sip:bob@example.com>", NULL);
  g_autoptr (GBytes) out = NULL;
  g_autoptr (SipSimpleResourceLists) back = NULL;
  g_autoptr (GPtrArray) after = NULL;

  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "friends");
  g_assert_true (sip_simple_resource_lists_has_list (rl, "work"));
  g_assert_cmpuint (friends->len, ==, 2);   /* the nested list's entry is not a direct member */
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (friends->pdata[0]), ==, "Bob");
  g_assert_null (sip_simple_name_addr_get_display_name (friends->pdata[1]));
  g_assert_cmpuint (work->len, ==, 1);      /* the entry that is no URI is skipped */
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_true (sip_simple_resource_lists_add_entry (rl, "friends", dave));
  g_assert_false (sip_simple_resource_lists_add_entry (rl, "friends", dave));
  g_assert_true (sip_simple_resource_lists_add_entry (rl, "friends", bob2));  /* renamed */
  g_assert_true (sip_simple_resource_lists_remove_entry (rl, "friends", "sip:carol@example.com"));
  g_assert_false (sip_simple_resource_lists_remove_entry (rl, "friends", "sip:carol@example.com"));
  g_assert_true (sip_simple_resource_lists_add_entry (rl, "new", dave));      /* list created */
  g_assert_true (sip_simple_resource_lists_remove_list (rl, "work"));
  g_assert_false (sip_simple_resource_lists_remove_list (rl, "work"));

  out = sip_simple_resource_lists_to_bytes (rl);
  /* what is not modelled survives */
  g_assert_true (has_text (out, "bobby"));
  g_assert_true (has_text (out, "sip:nested@example.com"));
  g_assert_true (has_text (out, "external anchor"));
  back = sip_simple_resource_lists_parse (out, NULL);
  after = sip_simple_resource_lists_get_entries (back, "friends");
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (after->pdata[0]), ==, "Robert");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (after->pdata[1]), ==, "Dave");
  g_assert_true (sip_simple_resource_lists_has_list (back, "new"));

  /* from scratch */
  {
    g_autoptr (SipSimpleResourceLists) fresh = sip_simple_resource_lists_new ();
    g_autoptr (GBytes) x = NULL;
    g_autoptr (SipSimpleResourceLists) fb = NULL;
    g_autoptr (GPtrArray) e = NULL;
    sip_simple_resource_lists_add_list (fresh, "buddies");
    sip_simple_resource_lists_add_entry (fresh, "buddies", dave);
    x = sip_simple_resource_lists_to_bytes (fresh);
    fb = sip_simple_resource_lists_parse (x, NULL);
    e = sip_simple_resource_lists_get_entries (fb, "buddies");
    g_assert_cmpuint (e->len, ==, 1);
  }
}

static void
test_pres_rules (void)
{
  g_autoptr (GBytes) data = load ("good-pres-rules.xml");
  g_autoptr (SipSimplePresRules) pr = sip_simple_pres_rules_parse (data, NULL);
  g_auto (GStrv) allowed = NULL;
  g_auto (GStrv) blocked = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autoptr (SipSimplePresRules) back = NULL;

  g_assert_cmpint (sip_simple_pres_rules_get_policy (pr, "sip:bob@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_ALLOW);
  g_assert_cmpint (sip_simple_pres_rules_get_policy (pr, "sip:mallory@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_BLOCK);
  g_assert_cmpint (sip_simple_pres_rules_get_policy (pr, "sip:nobody@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_NONE);

  /* bob moves from someone else's rule to ours */
  g_assert_true (sip_simple_pres_rules_set_policy (pr, "sip:bob@example.com", SIP_SIMPLE_WATCHER_POLICY_BLOCK));
  g_assert_false (sip_simple_pres_rules_set_policy (pr, "sip:bob@example.com", SIP_SIMPLE_WATCHER_POLICY_BLOCK));
  g_assert_cmpint (sip_simple_pres_rules_get_policy (pr, "sip:bob@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_BLOCK);
  g_assert_true (sip_simple_pres_rules_set_policy (pr, "sip:dave@example.com", SIP_SIMPLE_WATCHER_POLICY_POLITE_BLOCK));
  g_assert_true (sip_simple_pres_rules_set_policy (pr, "sip:carol@example.com", SIP_SIMPLE_WATCHER_POLICY_NONE));
  g_assert_false (sip_simple_pres_rules_set_policy (pr, "sip:carol@example.com", SIP_SIMPLE_WATCHER_POLICY_NONE));

  out = sip_simple_pres_rules_to_bytes (pr);
  g_assert_true (has_text (out, "many domain=\"example.com\""));   /* kept */
  back = sip_simple_pres_rules_parse (out, NULL);
  allowed = sip_simple_pres_rules_get_watchers (back, SIP_SIMPLE_WATCHER_POLICY_ALLOW);
  blocked = sip_simple_pres_rules_get_watchers (back, SIP_SIMPLE_WATCHER_POLICY_BLOCK);
  g_assert_cmpuint (g_strv_length (allowed), ==, 0);
  g_assert_cmpuint (g_strv_length (blocked), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) blocked, "sip:bob@example.com"));
  g_assert_cmpint (sip_simple_pres_rules_get_policy (back, "sip:dave@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_POLITE_BLOCK);

  /* from scratch: a granted rule shows everything */
  {
    g_autoptr (SipSimplePresRules) fresh = sip_simple_pres_rules_new ();
    g_autoptr (GBytes) x = NULL;
    g_autoptr (SipSimplePresRules) fb = NULL;
    sip_simple_pres_rules_set_policy (fresh, "sip:bob@example.com", SIP_SIMPLE_WATCHER_POLICY_ALLOW);
    x = sip_simple_pres_rules_to_bytes (fresh);
    g_assert_true (has_text (x, "all-services"));
    g_assert_true (has_text (x, "<pr:sub-handling>allow</pr:sub-handling>"));
    fb = sip_simple_pres_rules_parse (x, NULL);
    g_assert_cmpint (sip_simple_pres_rules_get_policy (fb, "sip:bob@example.com"), ==, SIP_SIMPLE_WATCHER_POLICY_ALLOW);
  }
}

static void
test_presence_status (void)
{
  SipSimplePresenceStatus all[] = { SIP_SIMPLE_PRESENCE_STATUS_OFFLINE, SIP_SIMPLE_PRESENCE_STATUS_ONLINE,
                                    SIP_SIMPLE_PRESENCE_STATUS_AWAY, SIP_SIMPLE_PRESENCE_STATUS_BUSY };
  SipSimplePresenceStatus st;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr (SipSimplePidf) p = sip_simple_pidf_new_for_status ("sip:a@example.com", all[i], "a note");
      g_autoptr (GBytes) xml = sip_simple_pidf_to_bytes (p);
      g_autoptr (SipSimplePidf) back = sip_simple_pidf_parse (xml, NULL);
      g_assert_cmpint (sip_simple_pidf_get_status (back), ==, all[i]);
      g_assert_cmpstr (sip_simple_pidf_get_note (back), ==, "a note");
      g_assert_true (sip_simple_presence_status_from_string (sip_simple_presence_status_to_string (all[i]), &st));
      g_assert_cmpint (st, ==, all[i]);
    }
  g_assert_true (sip_simple_presence_status_from_string ("BUSY", &st));
  g_assert_false (sip_simple_presence_status_from_string ("dnd", &st));
  {
    g_autoptr (GBytes) rich = load ("good-pidf-rich.xml");
    g_autoptr (GBytes) draft = load ("good-pidf-draft-rpid.xml");
    g_autoptr (GBytes) none = load ("good-pidf-no-tuples.xml");
    g_autoptr (SipSimplePidf) r = sip_simple_pidf_parse (rich, NULL);
    g_autoptr (SipSimplePidf) d = sip_simple_pidf_parse (draft, NULL);
    g_autoptr (SipSimplePidf) n = sip_simple_pidf_parse (none, NULL);
    g_assert_cmpint (sip_simple_pidf_get_status (r), ==, SIP_SIMPLE_PRESENCE_STATUS_BUSY);
    g_assert_cmpint (sip_simple_pidf_get_status (d), ==, SIP_SIMPLE_PRESENCE_STATUS_ONLINE);
    g_assert_cmpint (sip_simple_pidf_get_status (n), ==, SIP_SIMPLE_PRESENCE_STATUS_OFFLINE);
  }
}

/* A timestamp with a year below 1000 is written with four digits, so the
 * document parses again (found by tests/fuzz/fuzz-presence). */
static void
test_pidf_early_year (void)
{
  g_autoptr (SipSimplePidf) p = sip_simple_pidf_new ("sip:alice@example.com");
  g_autoptr (SipSimplePidfTuple) t = sip_simple_pidf_tuple_new (NULL);
  g_autoptr (GDateTime) when = g_date_time_new_utc (423, 5, 2, 14, 50, 0.25);
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (SipSimplePidf) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tuples = NULL;

  sip_simple_pidf_tuple_set_timestamp (t, when);
  sip_simple_pidf_add_tuple (p, t);
  xml = sip_simple_pidf_to_bytes (p);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "0423-05-02T14:50:00.250Z"));
  back = sip_simple_pidf_parse (xml, &error);
  g_assert_no_error (error);
  tuples = sip_simple_pidf_get_tuples (back);
  g_assert_cmpint (g_date_time_get_year (sip_simple_pidf_tuple_get_timestamp (tuples->pdata[0])), ==, 423);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/presence/samples/good", test_all_good_samples_parse);
  g_test_add_func ("/presence/samples/bad", test_all_bad_samples_fail);
  g_test_add_func ("/presence/samples/mutations", test_mutations_never_crash);
  g_test_add_func ("/presence/pidf/samples", test_pidf_samples);
  g_test_add_func ("/presence/pidf/build-and-parse", test_pidf_build_and_parse);
  g_test_add_func ("/presence/pidf/errors", test_pidf_errors);
  g_test_add_func ("/presence/pidf/early-year", test_pidf_early_year);
  g_test_add_func ("/presence/pidf/status", test_presence_status);
  g_test_add_func ("/presence/watcher-info", test_watcher_info);
  g_test_add_func ("/presence/message-summary", test_message_summary);
  g_test_add_func ("/presence/rlmi", test_rlmi);
  g_test_add_func ("/presence/rlmi-kamailio", test_rlmi_kamailio);
  g_test_add_func ("/presence/resource-lists", test_resource_lists);
  g_test_add_func ("/presence/pres-rules", test_pres_rules);
  return g_test_run ();
}
