/* Unit tests of the location service: SipSimpleBinding, SipSimpleVia and
 * SipSimpleMemoryLocation through the SipSimpleLocation interface.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

static void
test_binding_values (void)
{
  g_autoptr (SipSimpleBinding) b = test_binding ("sip:alice@192.0.2.1:5070", 100, 0.5);
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

static void
test_memory_location (void)
{
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  g_autoptr (GPtrArray) out = NULL;
  g_auto (GStrv) aors = NULL;

  test_location_behaviours (SIP_SIMPLE_LOCATION (memory));

  /* what only the memory backend has: synchronous lookup, the AoRs */
  out = sip_simple_memory_location_lookup (memory, "bob@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = sip_simple_memory_location_lookup (memory, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  aors = sip_simple_memory_location_get_aors (memory);
  g_assert_cmpuint (g_strv_length (aors), ==, 1);
  g_assert_cmpstr (aors[0], ==, "bob@example.com");
}

static void
test_memory_location_expiry (void)
{
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  g_autoptr (GPtrArray) in
      = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  g_autoptr (GPtrArray) out = NULL;
  g_auto (GStrv) aors = NULL;

  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.1", 60, -1));
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.2", 60, -1));
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* a binding that expired in the store is never returned, and purged */
  out = sip_simple_memory_location_lookup (memory, "carol@example.com");
  sip_simple_binding_set_expires_at (out->pdata[0], g_get_real_time () / G_USEC_PER_SEC - 1);
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, sip_simple_binding_ref (out->pdata[0]));
  g_clear_pointer (&out, g_ptr_array_unref);
  /* storing an expired binding removes it: nothing expired stays */
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_cmpuint (sip_simple_memory_location_purge (memory), ==, 0);

  /* remove_all and nothing new: the AoR is gone */
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "carol@example.com", NULL, TRUE);
  g_assert_cmpuint (out->len, ==, 0);
  aors = sip_simple_memory_location_get_aors (memory);
  g_assert_cmpuint (g_strv_length (aors), ==, 0);
}

/* A bounded location: a new AoR beyond max-aors is refused NO_SPACE, the
 * ones there can still refresh, and one that leaves makes room */
static void
test_memory_location_max_aors (void)
{
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  g_autoptr (GPtrArray) in
      = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *out;
  guint      max = 0;

  g_object_set (memory, "max-aors", 2, NULL);
  g_object_get (memory, "max-aors", &max, NULL);
  g_assert_cmpuint (max, ==, 2);
  g_ptr_array_add (in, test_binding ("sip:x@192.0.2.1", 60, -1));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *aor = g_strdup_printf ("user%u@example.com", i);
      out = test_location_update (SIP_SIMPLE_LOCATION (memory), aor, in, FALSE);
      g_assert_cmpuint (out->len, ==, 1);
      g_ptr_array_unref (out);
    }
  sip_simple_location_update_async (SIP_SIMPLE_LOCATION (memory), "user2@example.com", in, FALSE,
                                    NULL, test_store_result, &result);
  test_wait_for_result (&result, 5000);
  g_assert_null (sip_simple_location_update_finish (SIP_SIMPLE_LOCATION (memory), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  {
    g_auto (GStrv) aors = sip_simple_memory_location_get_aors (memory);
    g_assert_cmpuint (g_strv_length (aors), ==, 2);
  }

  /* a refresh of one that is there */
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "user0@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_ptr_array_unref (out);
  /* one leaves, the new one fits */
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "user1@example.com", NULL, TRUE);
  g_ptr_array_unref (out);
  out = test_location_update (SIP_SIMPLE_LOCATION (memory), "user2@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_ptr_array_unref (out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agent/binding/values", test_binding_values);
  g_test_add_func ("/agent/location/memory", test_memory_location);
  g_test_add_func ("/agent/location/expiry", test_memory_location_expiry);
  g_test_add_func ("/agent/location/max-aors", test_memory_location_max_aors);
  return g_test_run ();
}
