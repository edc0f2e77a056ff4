/* libsipsimple - SipSimpleMessage: a SIP MESSAGE (RFC 3428 pager mode)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/message.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/cpim.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "sip/sip-internal.h"
#include "client-request-private.h"
#include "message-internal.h"

#include <string.h>
#include <sofia-sip/msg_date.h>

/**
 * SipSimpleMessage:
 *
 * One instant message sent or received with SIP MESSAGE (RFC 3428).
 *
 * To send: create it with [ctor@SipSimple.Message.new_text] or
 * [ctor@SipSimple.Message.new], then call
 * [method@SipSimple.Message.send_async]; the call completes with the final
 * answer: a 2xx is success, anything else is a #GError in
 * %SIP_SIMPLE_SIP_ERROR whose code is the SIP status code. A proxy's digest
 * challenge is answered with the credentials of
 * [class@SipSimple.ClientRequest].
 * [method@SipSimple.Account.send_message_async] does this with the
 * account's identity, credentials and proxy.
 *
 * Received messages arrive through [signal@SipSimple.Account::message-received];
 * a `message/cpim` (RFC 3862) payload is unwrapped: sender, date and
 * content come from the CPIM envelope, the envelope itself is available as
 * [method@SipSimple.Message.get_cpim].
 *
 * Since: 0.1
 */

struct _SipSimpleMessage
{
  SipSimpleClientRequest parent_instance;

  SipSimpleMessageDirection direction;
  SipSimpleNameAddr *from;
  SipSimpleNameAddr *to;
  char              *content_type;
  GBytes            *body;
  GDateTime         *date;
  SipSimpleHeaders  *headers;
  SipSimpleCpimMessage *cpim;
  gboolean           use_cpim;

  guint              status_code;
  char              *reason;

  /* while sending */
  GTask             *task;
  gulong             cancel_id;
};

G_DEFINE_FINAL_TYPE (SipSimpleMessage, sip_simple_message, SIP_SIMPLE_TYPE_CLIENT_REQUEST)

#define REQUEST(self) SIP_SIMPLE_CLIENT_REQUEST (self)

G_DEFINE_ENUM_TYPE (SipSimpleMessageDirection, sip_simple_message_direction,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_DIRECTION_OUTGOING, "outgoing"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_DIRECTION_INCOMING, "incoming"))

/**
 * sip_simple_message_new:
 * @engine: the engine to send it through
 * @from: the sender
 * @to: the recipient (its URI is the request-URI)
 * @content_type: the MIME type of @body, e.g. "text/plain;charset=utf-8"
 * @body: the content
 *
 * Creates a new outgoing message.
 *
 * Returns: (transfer full): a new outgoing message
 *
 * Since: 0.1
 */
SipSimpleMessage *
sip_simple_message_new (SipSimpleEngine   *engine,
                        SipSimpleNameAddr *from,
                        SipSimpleNameAddr *to,
                        const char        *content_type,
                        GBytes            *body)
{
  SipSimpleMessage *self;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = g_object_new (SIP_SIMPLE_TYPE_MESSAGE, "engine", engine, NULL);
  self->from = sip_simple_name_addr_ref (from);
  self->to = sip_simple_name_addr_ref (to);
  self->content_type = g_strdup (content_type);
  self->body = g_bytes_ref (body);
  return self;
}

/**
 * sip_simple_message_new_text:
 * @engine: the engine to send it through
 * @from: the sender
 * @to: the recipient
 * @text: UTF-8 text
 *
 * A `text/plain;charset=utf-8` message.
 *
 * Returns: (transfer full): a new outgoing message
 *
 * Since: 0.1
 */
SipSimpleMessage *
sip_simple_message_new_text (SipSimpleEngine   *engine,
                             SipSimpleNameAddr *from,
                             SipSimpleNameAddr *to,
                             const char        *text)
{
  g_autoptr (GBytes) body = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  body = g_bytes_new (text, strlen (text));
  return sip_simple_message_new (engine, from, to, "text/plain;charset=utf-8", body);
}

static SipSimpleNameAddr *
name_addr_from_header (const sip_t *sip, const sip_header_t *h, GError **error)
{
  char buf[1024];
  const char *text;
  g_autofree char *big = NULL;
  issize_t n;

  n = sip_header_e (buf, sizeof buf, h, 0);
  if (n < 0)
    return NULL;
  if ((size_t) n >= sizeof buf)
    {
      big = g_malloc (n + 1);
      sip_header_e (big, n + 1, h, 0);
      text = big;
    }
  else
    text = buf;
  /* sip_header_e() writes "Name: value\r\n" */
  text = strchr (text, ':');
  if (text == NULL)
    return NULL;
  text++;
  while (*text == ' ')
    text++;
  {
    g_autofree char *value = g_strdup (text);
    g_strchomp (value);
    return sip_simple_name_addr_parse (value, error);
  }
}

SipSimpleMessage *
sip_simple_message_new_from_request (const sip_t *sip, GError **error)
{
  g_autoptr (SipSimpleMessage) self = g_object_new (SIP_SIMPLE_TYPE_MESSAGE, NULL);
  g_autofree char *ct = NULL;

  self->direction = SIP_SIMPLE_MESSAGE_DIRECTION_INCOMING;
  if (sip->sip_from == NULL || sip->sip_to == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                           "MESSAGE without From or To");
      return NULL;
    }
  self->from = name_addr_from_header (sip, (const sip_header_t *) sip->sip_from, error);
  if (self->from == NULL)
    return NULL;
  self->to = name_addr_from_header (sip, (const sip_header_t *) sip->sip_to, error);
  if (self->to == NULL)
    return NULL;

  if (sip->sip_content_type == NULL || sip->sip_content_type->c_type == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                           "MESSAGE without Content-Type");
      return NULL;
    }
  ct = sip_header_as_string (NULL, (const sip_header_t *) sip->sip_content_type);
  self->content_type = g_strdup (ct);
  su_free (NULL, g_steal_pointer (&ct));
  self->body = sip->sip_payload ? g_bytes_new (sip->sip_payload->pl_data, sip->sip_payload->pl_len)
                                : g_bytes_new (NULL, 0);

  self->headers = sip_simple_headers_new ();
  for (const sip_unknown_t *u = sip->sip_unknown; u; u = u->un_next)
    if (u->un_name && u->un_value)
      sip_simple_headers_append (self->headers, u->un_name, u->un_value, NULL);
  if (sip->sip_subject && sip->sip_subject->g_value)
    sip_simple_headers_append (self->headers, "Subject", sip->sip_subject->g_value, NULL);

  if (sip->sip_date != NULL)
    self->date = g_date_time_new_from_unix_utc ((gint64) sip->sip_date->d_time
                                                - (gint64) SU_TIME_EPOCH);

  if (g_ascii_strcasecmp (sip->sip_content_type->c_type, "message/cpim") == 0)
    {
      SipSimpleCpimMessage *cpim = sip_simple_cpim_message_parse (self->body, error);
      SipSimpleNameAddr *cpim_from;
      GDateTime *cpim_date;

      if (cpim == NULL)
        return NULL;
      self->cpim = cpim;
      cpim_from = sip_simple_cpim_message_get_from (cpim);
      if (cpim_from != NULL)
        {
          sip_simple_name_addr_unref (self->from);
          self->from = sip_simple_name_addr_ref (cpim_from);
        }
      cpim_date = sip_simple_cpim_message_get_datetime (cpim);
      if (cpim_date != NULL)
        {
          g_clear_pointer (&self->date, g_date_time_unref);
          self->date = g_date_time_ref (cpim_date);
        }
      g_free (self->content_type);
      self->content_type = g_strdup (sip_simple_cpim_message_get_content_type (cpim));
      g_bytes_unref (self->body);
      self->body = g_bytes_ref (sip_simple_cpim_message_get_body (cpim));
    }

  if (self->date == NULL)
    self->date = g_date_time_new_now_utc ();
  return g_steal_pointer (&self);
}

/* ---- sending ----------------------------------------------------------- */

static void
finish_send (SipSimpleMessage *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->task);

  sip_simple_client_request_release_handle (REQUEST (self));
  if (self->cancel_id != 0)
    {
      /* never called from inside the cancelled handler (that would
       * deadlock): cancellation is handled from an idle */
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancel_id);
      self->cancel_id = 0;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_nua_event (SipSimpleClientRequest *request, const SipSimpleNuaEvent *ev)
{
  SipSimpleMessage *self = SIP_SIMPLE_MESSAGE (request);

  if (self->task == NULL || ev->event != nua_r_message
      || !sip_simple_client_request_final_answer (request, ev))
    return;

  self->status_code = ev->status;
  g_free (self->reason);
  self->reason = g_strdup (ev->phrase);
  if (ev->status >= 300)
    {
      finish_send (self, sip_simple_sip_error_new (ev->status,
                                                   sip_simple_client_request_failure_reason (
                                                       request, ev->status, ev->phrase)));
    }
  else
    finish_send (self, NULL);
}

/* The engine stopping leaves the MESSAGE to the stack's shutdown; when the
 * stack is gone without an answer, the message failed. */
static void
sip_simple_message_engine_stopped (SipSimpleClientRequest *request)
{
  SipSimpleMessage *self = SIP_SIMPLE_MESSAGE (request);
  GError *error;

  if (self->task == NULL || sip_simple_client_request_get_handle (request) != NULL)
    return;
  error = g_error_new_literal (SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
                               "The SIP engine stopped before the message was answered");
  finish_send (self, error);
}

static gboolean
cancel_in_context (gpointer data)
{
  SipSimpleMessage *self = data;

  if (self->task != NULL)
    {
      finish_send (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              "Sending the message was cancelled"));
    }
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
  SipSimpleMessage *self = data;
  GSource *idle = g_idle_source_new ();

  /* Always from an idle: g_main_context_invoke() would run
   * cancel_in_context() right here when the context is ours, and
   * finish_send() disconnecting this handler from inside it deadlocks. */
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, cancel_in_context, g_object_ref (self), g_object_unref);
  g_source_attach (idle, g_task_get_context (self->task));
  g_source_unref (idle);
}

static GBytes *
build_cpim (SipSimpleMessage *self)
{
  g_autoptr (SipSimpleCpimMessage) cpim = sip_simple_cpim_message_new (self->content_type,
                                                                       self->body);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  sip_simple_cpim_message_set_from (cpim, self->from);
  sip_simple_cpim_message_set_to (cpim, self->to);
  sip_simple_cpim_message_set_datetime (cpim, now);
  return sip_simple_cpim_message_to_bytes (cpim);
}

/**
 * sip_simple_message_send_async:
 * @self: an outgoing message
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the final answer
 * @user_data: data for @callback
 *
 * Sends the MESSAGE through its engine, which must be running, and
 * answers digest challenges with the credentials set with
 * [method@SipSimple.ClientRequest.set_credentials]. A message is sent
 * once; create a new one to send again.
 *
 * Since: 0.1
 */
void
sip_simple_message_send_async (SipSimpleMessage   *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *extra = NULL;
  g_autoptr (GBytes) payload = NULL;
  const char *content_type = self->content_type;
  su_home_t home[1] = { SU_HOME_INIT (home) };
  sip_payload_t *pl;
  gconstpointer data;
  gsize len;

  g_return_if_fail (SIP_SIMPLE_IS_MESSAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_message_send_async);

  if (self->direction != SIP_SIMPLE_MESSAGE_DIRECTION_OUTGOING || self->task != NULL
      || self->status_code != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "This message was already sent or received; create a new one");
      return;
    }
  if (!sip_simple_client_request_check_running (REQUEST (self), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  to = sip_simple_name_addr_to_string (self->to);
  from = sip_simple_name_addr_to_string (self->from);
  if (sip_simple_client_request_create_handle (REQUEST (self), from, to, on_nua_event, &error)
      == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->use_cpim)
    {
      payload = build_cpim (self);
      content_type = "message/cpim";
    }
  else
    payload = g_bytes_ref (self->body);
  data = g_bytes_get_data (payload, &len);
  pl = sip_payload_create (home, data, (isize_t) len);
  if (self->headers != NULL && sip_simple_headers_get_length (self->headers) > 0)
    extra = sip_simple_headers_to_string (self->headers);

  self->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  nua_message (sip_simple_client_request_get_handle (REQUEST (self)),
               SIPTAG_CONTENT_TYPE_STR (content_type),
               SIPTAG_PAYLOAD (pl),
               TAG_IF (extra != NULL, SIPTAG_HEADER_STR (extra)),
               TAG_END ());
  su_home_deinit (home);
}

/**
 * sip_simple_message_send_finish:
 * @self: the message
 * @result: the result passed to the callback
 * @error: return location for a #GError: %SIP_SIMPLE_SIP_ERROR with the
 *   SIP status as code when the peer (or a proxy) refused the message
 *
 * Finishes [method@SipSimple.Message.send_async].
 *
 * Returns: %TRUE when a 2xx answer arrived
 *
 * Since: 0.1
 */
gboolean
sip_simple_message_send_finish (SipSimpleMessage *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- accessors --------------------------------------------------------- */

/**
 * sip_simple_message_get_direction:
 * @self: a message
 *
 * Gets whether the message is outgoing or incoming.
 *
 * Returns: whether the message is outgoing or incoming
 *
 * Since: 0.1
 */
SipSimpleMessageDirection
sip_simple_message_get_direction (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), SIP_SIMPLE_MESSAGE_DIRECTION_OUTGOING);
  return self->direction;
}

/**
 * sip_simple_message_get_from:
 * @self: a message
 *
 * The sender: for a received `message/cpim` payload, the CPIM From.
 *
 * Returns: (transfer none): the sender
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_message_get_from (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->from;
}

/**
 * sip_simple_message_get_to:
 * @self: a message
 *
 * Gets the recipient (the To header).
 *
 * Returns: (transfer none): the recipient (the To header)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_message_get_to (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->to;
}

/**
 * sip_simple_message_get_content_type:
 * @self: a message
 *
 * Gets the MIME type of the content (of the inner content for CPIM).
 *
 * Returns: (transfer none): the MIME type of the content (of the inner
 *   content for CPIM)
 *
 * Since: 0.1
 */
const char *
sip_simple_message_get_content_type (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->content_type;
}

/**
 * sip_simple_message_get_body:
 * @self: a message
 *
 * Gets the content bytes.
 *
 * Returns: (transfer none): the content bytes
 *
 * Since: 0.1
 */
GBytes *
sip_simple_message_get_body (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->body;
}

/**
 * sip_simple_message_get_text:
 * @self: a message
 *
 * The content as text, for `text/...` content that is valid UTF-8.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL
 *
 * Since: 0.1
 */
char *
sip_simple_message_get_text (SipSimpleMessage *self)
{
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  if (self->content_type == NULL || g_ascii_strncasecmp (self->content_type, "text/", 5) != 0)
    return NULL;
  data = g_bytes_get_data (self->body, &len);
  if (!g_utf8_validate_len (data, len, NULL))
    return NULL;
  return g_strndup (data, len);
}

/**
 * sip_simple_message_get_date:
 * @self: a message
 *
 * For a received message: the CPIM DateTime, else the Date header, else
 * the time it arrived.
 *
 * Returns: (transfer none) (nullable): the date
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_message_get_date (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->date;
}

/**
 * sip_simple_message_get_headers:
 * @self: a message
 *
 * For an outgoing message: extra headers to send (modify the returned
 * object before sending). For a received one: the headers the library
 * does not interpret itself (Subject and unknown headers).
 *
 * Returns: (transfer none): the headers
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_message_get_headers (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  if (self->headers == NULL)
    self->headers = sip_simple_headers_new ();
  return self->headers;
}

/**
 * sip_simple_message_get_cpim:
 * @self: a message
 *
 * Gets the CPIM envelope of a received `message/cpim` message.
 *
 * Returns: (transfer none) (nullable): the CPIM envelope of a received
 *   `message/cpim` message
 *
 * Since: 0.1
 */
SipSimpleCpimMessage *
sip_simple_message_get_cpim (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->cpim;
}

/**
 * sip_simple_message_get_status_code:
 * @self: a message
 *
 * Gets the final status of a sent message, 0 before the answer.
 *
 * Returns: the final status of a sent message, 0 before the answer
 *
 * Since: 0.1
 */
guint
sip_simple_message_get_status_code (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), 0);
  return self->status_code;
}

/**
 * sip_simple_message_get_reason:
 * @self: a message
 *
 * Gets the reason phrase of the final answer.
 *
 * Returns: (transfer none) (nullable): the reason phrase of the final answer
 *
 * Since: 0.1
 */
const char *
sip_simple_message_get_reason (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), NULL);
  return self->reason;
}

/**
 * sip_simple_message_set_use_cpim:
 * @self: an outgoing message
 * @use_cpim: whether to wrap the content in `message/cpim`
 *
 * With CPIM (RFC 3862) the content travels with From, To and DateTime
 * that survive gateways and relays.
 *
 * Since: 0.1
 */
void
sip_simple_message_set_use_cpim (SipSimpleMessage *self, gboolean use_cpim)
{
  g_return_if_fail (SIP_SIMPLE_IS_MESSAGE (self));
  self->use_cpim = use_cpim;
}

/**
 * sip_simple_message_get_use_cpim:
 * @self: a message
 *
 * Tells whether the content is sent wrapped in `message/cpim`.
 *
 * Returns: whether the content is sent wrapped in `message/cpim`
 *
 * Since: 0.1
 */
gboolean
sip_simple_message_get_use_cpim (SipSimpleMessage *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE (self), FALSE);
  return self->use_cpim;
}

static void
sip_simple_message_finalize (GObject *object)
{
  SipSimpleMessage *self = SIP_SIMPLE_MESSAGE (object);

  g_clear_pointer (&self->from, sip_simple_name_addr_unref);
  g_clear_pointer (&self->to, sip_simple_name_addr_unref);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->headers, sip_simple_headers_unref);
  g_clear_pointer (&self->cpim, sip_simple_cpim_message_unref);
  g_free (self->reason);
  G_OBJECT_CLASS (sip_simple_message_parent_class)->finalize (object);
}

static void
sip_simple_message_class_init (SipSimpleMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SipSimpleClientRequestClass *request_class = SIP_SIMPLE_CLIENT_REQUEST_CLASS (klass);

  /* The task holds a reference while sending: nothing is pending at
   * dispose. */
  object_class->finalize = sip_simple_message_finalize;
  request_class->engine_stopped = sip_simple_message_engine_stopped;
}

static void
sip_simple_message_init (SipSimpleMessage *self)
{
}
