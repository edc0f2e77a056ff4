/* Unit tests of the location service: SipSimpleBinding, SipSimpleVia and
 * SipSimpleMemoryLocation through the SipSimpleLocation interface.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

static SipSimpleBinding *
binding (const char *uri, guint expires, gdouble q)
{
  g_autoptr (SipSimpleUri) u = sip_simple_uri_parse (uri, NULL);
  SipSimpleBinding *b;

  g_assert_nonnull (u);
  b = sip_simple_binding_new (u);
  sip_simple_binding_set_expires (b, expires);
  sip_simple_binding_set_q (b, q);
  return b;
}

static void
test_binding_values (void)
{
  g_autoptr (SipSimpleBinding) b = binding ("sip:alice@192.0.2.1:5070", 100, 0.5);
  g_autoptr (SipSimpleBinding) copy = NULL;
  const char      *path[] = { "<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>", NULL };
  g_autofree char *text = NULL;

  g_assert_cmpuint (sip_simple_binding_get_expires (b), >=, 99);
  g_assert_cmpuint (sip_simple_binding_get_expires (b), <=, 100);
  g_assert_false (sip_simple_binding_is_expired (b));
  g_assert_true (sip_simple_binding_has_q (b));
  g_assert_cmpfloat (sip_simple_binding_get_q (b), ==, 0.5);
  sip_simple_binding_set_call_id (b, "abc@host");
  sip_simple_binding_set_cseq (b, 7);
  sip_simple_binding_set_path (b, path);
  sip_simple_binding_set_received (b, "sip:192.0.2.1:40000;transport=tcp");
  sip_simple_binding_set_user_agent (b, "test/1");

  copy = sip_simple_binding_copy (b);
  g_assert_cmpstr (sip_simple_binding_get_call_id (copy), ==, "abc@host");
  g_assert_cmpuint (sip_simple_binding_get_cseq (copy), ==, 7);
  g_assert_cmpstrv (sip_simple_binding_get_path (copy), path);
  g_assert_cmpstr (sip_simple_binding_get_received (copy), ==, "sip:192.0.2.1:40000;transport=tcp");
  g_assert_cmpstr (sip_simple_binding_get_user_agent (copy), ==, "test/1");
  g_assert_true (sip_simple_uri_equal (sip_simple_binding_get_contact (b),
                                       sip_simple_binding_get_contact (copy)));

  text = sip_simple_binding_to_string (b);
  g_assert_true (g_str_has_prefix (text, "<sip:alice@192.0.2.1:5070>;expires="));
  g_assert_nonnull (strstr (text, ";q=0.5"));

  sip_simple_binding_set_q (b, -1);
  g_assert_false (sip_simple_binding_has_q (b));
  g_assert_cmpfloat (sip_simple_binding_get_q (b), ==, 1.0);
  sip_simple_binding_set_expires_at (b, 0);
  g_assert_true (sip_simple_binding_is_expired (b));
  g_assert_cmpuint (sip_simple_binding_get_expires (b), ==, 0);
}

static GPtrArray *
update (SipSimpleLocation *loc, const char *aor, GPtrArray *bindings, gboolean remove_all)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *out;

  sip_simple_location_update_async (loc, aor, bindings, remove_all, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 2000);
  g_assert_nonnull (result);
  out = sip_simple_location_update_finish (loc, result, &error);
  g_assert_no_error (error);
  return out;
}

static GPtrArray *
lookup (SipSimpleLocation *loc, const char *aor)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *out;

  sip_simple_location_lookup_async (loc, aor, NULL, test_store_result, &result);
  test_wait_for_result (&result, 2000);
  g_assert_nonnull (result);
  out = sip_simple_location_lookup_finish (loc, result, &error);
  g_assert_no_error (error);
  return out;
}

static const char *
contact_of (GPtrArray *list, guint i)
{
  static char      buf[256];
  g_autofree char *s = sip_simple_uri_to_string (sip_simple_binding_get_contact (list->pdata[i]));
  g_strlcpy (buf, s, sizeof buf);
  return buf;
}

static void
test_memory_location (void)
{
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  SipSimpleLocation *loc = SIP_SIMPLE_LOCATION (memory);
  g_autoptr (GPtrArray) in
      = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  g_autoptr (GPtrArray) out = NULL;
  g_auto (GStrv) aors = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SipSimpleUri) gone = NULL;

  g_ptr_array_add (in, binding ("sip:alice@192.0.2.1", 60, 0.1));
  g_ptr_array_add (in, binding ("sip:alice@192.0.2.2", 60, 0.9));
  g_ptr_array_add (in, binding ("sip:alice@192.0.2.3", 60, -1));
  out = update (loc, "alice@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 3);
  /* highest q first; no q counts as 1.0 */
  g_assert_cmpstr (contact_of (out, 0), ==, "sip:alice@192.0.2.3");
  g_assert_cmpstr (contact_of (out, 1), ==, "sip:alice@192.0.2.2");
  g_assert_cmpstr (contact_of (out, 2), ==, "sip:alice@192.0.2.1");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* same contact (RFC 3261 URI comparison: host case-insensitive) replaces */
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, binding ("sip:alice@192.0.2.1", 30, 1.0));
  g_ptr_array_add (in, binding ("sip:alice@192.0.2.3", 0, -1)); /* expired: removes */
  sip_simple_binding_set_expires_at (in->pdata[1], 0);
  out = update (loc, "alice@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (contact_of (out, 0), ==, "sip:alice@192.0.2.1");
  g_assert_cmpuint (sip_simple_binding_get_expires (out->pdata[0]), <=, 30);
  g_clear_pointer (&out, g_ptr_array_unref);

  out = lookup (loc, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = lookup (loc, "nobody@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  aors = sip_simple_memory_location_get_aors (memory);
  g_assert_cmpuint (g_strv_length (aors), ==, 1);
  g_assert_cmpstr (aors[0], ==, "alice@example.com");

  /* remove one, then all */
  gone = sip_simple_uri_parse ("sip:alice@192.0.2.2", NULL);
  sip_simple_location_remove_async (loc, "alice@example.com", gone, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 2000);
  g_assert_true (sip_simple_location_remove_finish (loc, result, NULL));
  g_clear_object (&result);
  out = sip_simple_memory_location_lookup (memory, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);

  sip_simple_location_add_async (loc, "bob@example.com", in->pdata[0], NULL, test_store_result,
                                 &result);
  test_wait_for_result (&result, 2000);
  g_assert_true (sip_simple_location_add_finish (loc, result, NULL));
  g_clear_object (&result);

  sip_simple_location_remove_async (loc, "alice@example.com", NULL, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 2000);
  g_assert_true (sip_simple_location_remove_finish (loc, result, NULL));
  out = sip_simple_memory_location_lookup (memory, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = sip_simple_memory_location_lookup (memory, "bob@example.com");
  g_assert_cmpuint (out->len, ==, 1);
}

static void
test_memory_location_expiry (void)
{
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  g_autoptr (GPtrArray) in
      = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  g_autoptr (GPtrArray) out = NULL;
  g_auto (GStrv) aors = NULL;

  g_ptr_array_add (in, binding ("sip:carol@192.0.2.1", 60, -1));
  g_ptr_array_add (in, binding ("sip:carol@192.0.2.2", 60, -1));
  out = update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* a binding that expired in the store is never returned, and purged */
  out = sip_simple_memory_location_lookup (memory, "carol@example.com");
  sip_simple_binding_set_expires_at (out->pdata[0], g_get_real_time () / G_USEC_PER_SEC - 1);
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, sip_simple_binding_ref (out->pdata[0]));
  g_clear_pointer (&out, g_ptr_array_unref);
  /* storing an expired binding removes it: nothing expired stays */
  out = update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_cmpuint (sip_simple_memory_location_purge (memory), ==, 0);

  /* remove_all and nothing new: the AoR is gone */
  out = update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", NULL, TRUE);
  g_assert_cmpuint (out->len, ==, 0);
  aors = sip_simple_memory_location_get_aors (memory);
  g_assert_cmpuint (g_strv_length (aors), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agent/binding/values", test_binding_values);
  g_test_add_func ("/agent/location/memory", test_memory_location);
  g_test_add_func ("/agent/location/expiry", test_memory_location_expiry);
  return g_test_run ();
}
