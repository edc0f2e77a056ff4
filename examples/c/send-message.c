/* Send one SIP MESSAGE with libsipsimple from C.
 * usage: send-message ACCOUNT PASSWORD PROXY TO TEXT
 * build: cc send-message.c $(pkg-config --cflags --libs sipsimple-1.0)
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>
#include <stdio.h>

typedef struct {
  GMainLoop            *loop;
  SipSimpleApplication *app;
  char                **argv;
  int                   status;
} Example;

static void
stopped (GObject *source, GAsyncResult *result, gpointer data)
{
  Example *ex = data;
  sip_simple_application_stop_finish (ex->app, result, NULL);
  g_main_loop_quit (ex->loop);
}

static void
sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Example *ex = data;
  g_autoptr (GError) error = NULL;

  if (sip_simple_account_send_text_finish (SIP_SIMPLE_ACCOUNT (source), result, &error))
    {
      printf ("delivered\n");
      ex->status = 0;
    }
  else
    printf ("failed: %s\n", error->message);
  sip_simple_application_stop_async (ex->app, NULL, stopped, ex);
}

static void
started (GObject *source, GAsyncResult *result, gpointer data)
{
  Example *ex = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleAccount) account = NULL;

  if (!sip_simple_application_start_finish (ex->app, result, &error)
      || !(account = sip_simple_account_new (ex->argv[1], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      g_main_loop_quit (ex->loop);
      return;
    }
  g_object_set (account, "password", ex->argv[2], "outbound-proxy", ex->argv[3],
                "register", FALSE, NULL);
  if (!sip_simple_account_manager_add (sip_simple_application_get_account_manager (ex->app),
                                       account, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      g_main_loop_quit (ex->loop);
      return;
    }
  sip_simple_account_send_text_async (account, ex->argv[4], ex->argv[5], NULL, sent, ex);
}

int
main (int argc, char **argv)
{
  Example ex = { .argv = argv, .status = 1 };
  g_autoptr (SipSimpleStorage) storage = NULL;

  if (argc != 6)
    {
      fprintf (stderr, "usage: %s ACCOUNT PASSWORD PROXY TO TEXT\n", argv[0]);
      return 2;
    }
  ex.loop = g_main_loop_new (NULL, FALSE);
  ex.app = sip_simple_application_new ();
  g_object_set (sip_simple_application_get_settings (ex.app), "ip-address", "127.0.0.1", NULL);
  storage = SIP_SIMPLE_STORAGE (sip_simple_memory_storage_new ());
  sip_simple_application_start_async (ex.app, storage, NULL, started, &ex);
  g_main_loop_run (ex.loop);
  g_object_unref (ex.app);
  g_main_loop_unref (ex.loop);
  return ex.status;
}
