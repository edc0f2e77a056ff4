/* Account construction: a wrong id is a GError from every way of making
 * an account (GInitable), never a CRITICAL and a half-built object; the
 * account knows its manager and application once added.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "app/account-private.h"

#include <string.h>

static void
test_new_rejects_bad_ids (void)
{
  const char *bad[] = { "bad", "", "alice@example.com:5060", "sip:", "@example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleAccount) account = sip_simple_account_new (bad[i], &error);

      g_assert_null (account);
      g_assert_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                      SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT);
      g_assert_nonnull (strstr (error->message, "user@domain"));
    }
}

static void
test_initable_new (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleAccount) bad = NULL;
  g_autoptr (SipSimpleAccount) none = NULL;
  g_autoptr (SipSimpleAccount) good = NULL;

  bad = g_initable_new (SIP_SIMPLE_TYPE_ACCOUNT, NULL, &error, "id", "bad", NULL);
  g_assert_null (bad);
  g_assert_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                  SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT);
  g_clear_error (&error);

  none = g_initable_new (SIP_SIMPLE_TYPE_ACCOUNT, NULL, &error, NULL);
  g_assert_null (none);
  g_assert_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                  SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT);
  g_assert_nonnull (strstr (error->message, "needs an id"));
  g_clear_error (&error);

  /* sip: is accepted and dropped: the id is the address-of-record */
  good
      = g_initable_new (SIP_SIMPLE_TYPE_ACCOUNT, NULL, &error, "id", "sip:alice@example.com", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_account_get_id (good), ==, "alice@example.com");
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_account_get_uri (good)), ==, "alice");
}

static void
test_manager_runs_the_initable_step (void)
{
  g_autoptr (SipSimpleAccountManager) manager = sip_simple_account_manager_new ();
  /* g_object_new() skips GInitable: no CRITICAL, and the manager refuses it */
  g_autoptr (SipSimpleAccount) bad = g_object_new (SIP_SIMPLE_TYPE_ACCOUNT, "id", "bad", NULL);
  g_autoptr (SipSimpleAccount) good = sip_simple_account_new ("bob@example.com", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (sip_simple_account_get_uri (bad));
  g_assert_false (sip_simple_account_manager_add (manager, bad, &error));
  g_assert_error (error, SIP_SIMPLE_APPLICATION_ERROR,
                  SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);

  g_assert_null (sip_simple_account_get_manager (good));
  g_assert_true (sip_simple_account_manager_add (manager, good, NULL));
  g_assert_true (sip_simple_account_get_manager (good) == manager);
  /* a manager of its own has no application */
  g_assert_null (sip_simple_account_get_application (good));
  g_assert_true (sip_simple_account_manager_remove (manager, good, NULL));
  g_assert_null (sip_simple_account_get_manager (good));
}

static void
test_application_back_pointers (void)
{
  g_autoptr (SipSimpleApplication) app = sip_simple_application_new ();
  g_autoptr (SipSimpleAccount) account = sip_simple_account_new ("carol@example.com", NULL);
  SipSimpleAccountManager *manager = sip_simple_application_get_account_manager (app);

  g_assert_true (sip_simple_account_manager_add (manager, account, NULL));
  g_assert_true (sip_simple_account_get_application (account) == app);
  /* weak: the application going away leaves no dangling pointer */
  g_clear_object (&app);
  g_assert_null (sip_simple_account_get_manager (account));
  g_assert_null (sip_simple_account_get_application (account));
}

static void
test_session_needs_an_account (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleSession) session
      = g_initable_new (SIP_SIMPLE_TYPE_SESSION, NULL, &error, NULL);
  g_autoptr (SipSimpleSession) made = g_object_new (SIP_SIMPLE_TYPE_SESSION, NULL);
  SipSimpleMediaStream *none[] = { NULL };

  g_assert_null (session);
  g_assert_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* made without the check, it fails when used, with the same error */
  g_assert_false (sip_simple_session_connect_to (made, "bob@example.com", none, 0, &error));
  g_assert_error (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (g_list_model_get_n_items (sip_simple_session_get_streams (made)), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/account/new-rejects-bad-ids", test_new_rejects_bad_ids);
  g_test_add_func ("/account/initable-new", test_initable_new);
  g_test_add_func ("/account/manager-runs-initable", test_manager_runs_the_initable_step);
  g_test_add_func ("/account/application-back-pointers", test_application_back_pointers);
  g_test_add_func ("/account/session-needs-an-account", test_session_needs_an_account);
  return g_test_run ();
}
