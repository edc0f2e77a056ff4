/* libsipsimple - SipSimplePublication: event state published with PUBLISH (RFC 3903)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/publication.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "sip/sip-internal.h"
#include "client-request-private.h"

#include <string.h>

/**
 * SipSimplePublication:
 *
 * Event state (a presence document, most often) that a presence agent
 * publishes for an address-of-record with PUBLISH (RFC 3903).
 *
 * The first [method@SipSimple.Publication.publish_async] creates the
 * publication; the state agent answers with an entity tag (SIP-ETag).
 * Later calls modify it (the new body with SIP-If-Match), the stack
 * refreshes it before it expires (SIP-If-Match, no body) and publishes the
 * body again when the state agent lost it (`412 Conditional Request
 * Failed`). [method@SipSimple.Publication.unpublish_async] removes it.
 *
 * Calls are queued: each completes, in order, with the final answer to its
 * own PUBLISH. A refresh that fails emits
 * [signal@SipSimple.Publication::failed]; nothing is published then, and
 * the next publish starts over.
 *
 * Since: 0.1
 */

typedef struct {
  gboolean  unpublish;
  char     *content_type;
  GBytes   *body;
  GTask    *task;       /* NULL once cancelled */
  gulong    cancel_id;
} Op;

struct _SipSimplePublication
{
  SipSimpleClientRequest parent_instance;

  SipSimpleNameAddr *from;
  char              *event;
  guint              expires;

  SipSimplePublicationState state;
  guint              restarts_412;
  char              *current_type;  /* the state last sent */
  GBytes            *current_body;
  char              *etag;
  guint              granted_expires;
  GQueue             ops;          /* Op*, the head is in flight */
  gboolean           in_flight;
};

enum {
  PROP_0,
  PROP_FROM,
  PROP_EVENT,
  PROP_STATE,
  PROP_EXPIRES,
  PROP_ETAG,
  PROP_GRANTED_EXPIRES,
  N_PROPS
};

enum {
  SIGNAL_PUBLISHED,
  SIGNAL_FAILED,
  SIGNAL_UNPUBLISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimplePublication, sip_simple_publication,
                     SIP_SIMPLE_TYPE_CLIENT_REQUEST)

#define REQUEST(self) SIP_SIMPLE_CLIENT_REQUEST (self)

G_DEFINE_ENUM_TYPE (SipSimplePublicationState, sip_simple_publication_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PUBLICATION_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING, "publishing"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED, "published"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PUBLICATION_STATE_UNPUBLISHING, "unpublishing"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PUBLICATION_STATE_FAILED, "failed"))

static void send_next (SipSimplePublication *self);

static void
set_state (SipSimplePublication *self, SipSimplePublicationState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_published (SipSimplePublication *self, const char *etag, guint expires)
{
  if (g_strcmp0 (self->etag, etag) != 0)
    {
      g_free (self->etag);
      self->etag = g_strdup (etag);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
    }
  sip_simple_client_request_set_uint (REQUEST (self), &self->granted_expires, expires,
                                      properties[PROP_GRANTED_EXPIRES]);
}

static void
forget_handle (SipSimplePublication *self)
{
  sip_simple_client_request_release_handle (REQUEST (self));
}

static void
op_free (Op *op)
{
  g_free (op->content_type);
  g_clear_pointer (&op->body, g_bytes_unref);
  if (op->task != NULL)
    {
      if (op->cancel_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (op->task), op->cancel_id);
      g_object_unref (op->task);
    }
  g_free (op);
}

/* Completes the operation in flight (the head of the queue) and starts the
 * next one. */
static void
complete_head (SipSimplePublication *self, GError *error)
{
  Op *op = g_queue_pop_head (&self->ops);
  GTask *task;

  self->in_flight = FALSE;
  if (op == NULL)
    {
      g_clear_error (&error);
      return;
    }
  task = g_steal_pointer (&op->task);
  if (task != NULL)
    {
      if (op->cancel_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), op->cancel_id);
      op->cancel_id = 0;
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else
    g_clear_error (&error);
  op_free (op);
  send_next (self);
}

static void
fail_all (SipSimplePublication *self, GError *error)
{
  while (!g_queue_is_empty (&self->ops))
    complete_head (self, g_error_copy (error));
  g_error_free (error);
}

static void
on_nua_event (SipSimpleClientRequest *request, const SipSimpleNuaEvent *ev)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (request);
  Op *head;

  if ((ev->event != nua_r_publish && ev->event != nua_r_unpublish) || ev->status < 200)
    return;
  head = self->in_flight ? g_queue_peek_head (&self->ops) : NULL;

  /* 412 Conditional Request Failed: the state agent lost our entity, the
   * body must be published anew. sofia-sip 1.12.11 tries that itself but
   * then reports the 412 as final and drops the answer to its own retry:
   * publish the body again ourselves, on the same handle (destroying it
   * would send an un-PUBLISH without SIP-If-Match). The stack's retry
   * leaves a copy of the same state at the state agent, which expires by
   * itself. */
  if (ev->event == nua_r_publish && ev->status == 412 && self->restarts_412 < 3
      && self->current_body != NULL)
    {
      self->restarts_412++;
      if (head == NULL || head->unpublish)
        {
          /* a refresh: publish the current state again */
          Op *op = g_new0 (Op, 1);
          op->content_type = g_strdup (self->current_type);
          op->body = g_bytes_ref (self->current_body);
          g_queue_push_head (&self->ops, op);
        }
      self->in_flight = FALSE;
      send_next (self);
      return;
    }
  if (ev->status < 300)
    self->restarts_412 = 0;

  if (sip_simple_client_request_authenticate (request, ev))
    return;

  if (ev->event == nua_r_unpublish)
    {
      /* Whatever the answer, nothing is published by us any more (a
       * refused un-PUBLISH expires by itself). */
      if (ev->status >= 300)
        g_debug ("Unpublishing %s for %s failed: %d %s", self->event,
                 sip_simple_uri_get_aor (sip_simple_name_addr_get_uri (self->from)), ev->status,
                 ev->phrase);
      forget_handle (self);
      set_published (self, NULL, 0);
      set_state (self, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
      g_signal_emit (self, signals[SIGNAL_UNPUBLISHED], 0);
      if (head != NULL && head->unpublish)
        complete_head (self, NULL);
      return;
    }

  if (ev->status >= 300)
    {
      const char *phrase
          = sip_simple_client_request_failure_reason (request, ev->status, ev->phrase);

      /* the stack dropped the publication: start over next time */
      forget_handle (self);
      set_published (self, NULL, 0);
      set_state (self, SIP_SIMPLE_PUBLICATION_STATE_FAILED);
      if (head != NULL && !head->unpublish)
        complete_head (self, sip_simple_sip_error_new (ev->status, phrase));
      else
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, (guint) ev->status, phrase);
      return;
    }

  sip_simple_client_request_reset_auth (request);
  {
    const char *etag = ev->sip && ev->sip->sip_etag ? ev->sip->sip_etag->g_string : NULL;
    set_published (self, etag, sip_simple_client_request_expires_of (ev->sip, 0));
  }
  set_state (self, SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED);
  g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, self->etag, self->granted_expires);
  if (head != NULL && !head->unpublish)
    complete_head (self, NULL);
}

/* Whether the engine stops or its stack is gone, nothing is published any
 * more (the state expires at the state agent) and the calls waiting fail. */
static void
sip_simple_publication_engine_stopped (SipSimpleClientRequest *request)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (request);

  forget_handle (self);
  self->in_flight = FALSE;
  set_published (self, NULL, 0);
  set_state (self, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
  if (!g_queue_is_empty (&self->ops))
    fail_all (self, g_error_new_literal (SIP_SIMPLE_ENGINE_ERROR,
                                         SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
                                         "The SIP engine stopped"));
}

static gboolean
ensure_handle (SipSimplePublication *self, GError **error)
{
  g_autofree char *aor = NULL;

  if (sip_simple_client_request_get_handle (REQUEST (self)) != NULL)
    return TRUE;
  aor = sip_simple_name_addr_to_string (self->from);
  return sip_simple_client_request_create_handle (REQUEST (self), aor, aor, on_nua_event, error)
         != NULL;
}

/* Sends the operation at the head of the queue, unless one is in flight. */
static void
send_next (SipSimplePublication *self)
{
  Op *op;
  GError *error = NULL;

  while (!self->in_flight && (op = g_queue_peek_head (&self->ops)) != NULL)
    {
      if (op->unpublish)
        {
          if (sip_simple_client_request_get_handle (REQUEST (self)) == NULL
              || (self->state != SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED
                                   && self->state != SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING))
            {
              /* nothing to remove */
              forget_handle (self);
              if (self->state != SIP_SIMPLE_PUBLICATION_STATE_FAILED)
                set_state (self, SIP_SIMPLE_PUBLICATION_STATE_IDLE);
              complete_head (self, NULL);
              return;
            }
          self->in_flight = TRUE;
          sip_simple_client_request_reset_auth (REQUEST (self));
          set_state (self, SIP_SIMPLE_PUBLICATION_STATE_UNPUBLISHING);
          nua_unpublish (sip_simple_client_request_get_handle (REQUEST (self)),
                         SIPTAG_EVENT_STR (self->event), TAG_END ());
          return;
        }

      if (!ensure_handle (self, &error))
        {
          complete_head (self, error);
          continue;
        }
      {
        su_home_t home[1] = { SU_HOME_INIT (home) };
        gsize len;
        gconstpointer data = g_bytes_get_data (op->body, &len);
        sip_payload_t *pl = sip_payload_create (home, data, (isize_t) len);
        g_autofree char *expires = g_strdup_printf ("%u", self->expires);

        self->in_flight = TRUE;
        sip_simple_client_request_reset_auth (REQUEST (self));
        g_free (self->current_type);
        self->current_type = g_strdup (op->content_type);
        g_clear_pointer (&self->current_body, g_bytes_unref);
        self->current_body = g_bytes_ref (op->body);
        if (self->state != SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED)
          set_state (self, SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING);
        nua_publish (sip_simple_client_request_get_handle (REQUEST (self)),
                     SIPTAG_EVENT_STR (self->event),
                     SIPTAG_CONTENT_TYPE_STR (op->content_type),
                     SIPTAG_PAYLOAD (pl),
                     SIPTAG_EXPIRES_STR (expires),
                     TAG_END ());
        su_home_deinit (home);
      }
      return;
    }
}

static gboolean
cancel_in_context (gpointer data)
{
  GTask *task = data;
  SipSimplePublication *self = g_task_get_source_object (task);

  for (GList *l = self->ops.head; l; l = l->next)
    {
      Op *op = l->data;
      if (op->task == task)
        {
          /* the request goes on; only the caller stops waiting */
          op->task = NULL;
          op->cancel_id = 0;
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
          g_object_unref (task);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
  GTask *task = data;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, cancel_in_context,
                              g_object_ref (task), g_object_unref);
}

static void
queue_op (SipSimplePublication *self, Op *op, GCancellable *cancellable)
{
  if (cancellable != NULL)
    op->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), op->task, NULL);
  g_queue_push_tail (&self->ops, op);
  send_next (self);
}

/**
 * sip_simple_publication_publish_async:
 * @self: a publication
 * @content_type: the MIME type of @body, e.g. "application/pidf+xml"
 * @body: the event state
 * @cancellable: (nullable): a #GCancellable; cancelling stops waiting, the
 *   PUBLISH still goes out
 * @callback: called with the final answer
 * @user_data: data for @callback
 *
 * Publishes @body: the initial publication, or a modification of the
 * current one.
 *
 * Since: 0.1
 */
void
sip_simple_publication_publish_async (SipSimplePublication *self,
                                      const char           *content_type,
                                      GBytes               *body,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  GError *error = NULL;
  Op *op;

  g_return_if_fail (SIP_SIMPLE_IS_PUBLICATION (self));
  g_return_if_fail (content_type != NULL && body != NULL);

  op = g_new0 (Op, 1);
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, sip_simple_publication_publish_async);
  op->content_type = g_strdup (content_type);
  op->body = g_bytes_ref (body);
  if (!sip_simple_client_request_check_running (REQUEST (self), &error))
    {
      g_task_return_error (op->task, error);
      op_free (op);
      return;
    }
  queue_op (self, op, cancellable);
}

/**
 * sip_simple_publication_publish_finish:
 * @self: a publication
 * @result: the result passed to the callback
 * @error: return location for a #GError: %SIP_SIMPLE_SIP_ERROR with the SIP
 *   status as code when the state agent refused the PUBLISH (489 for an
 *   event it does not handle, 415 for a body it does not understand)
 *
 * Finishes [method@SipSimple.Publication.publish_async].
 *
 * Returns: %TRUE when the state agent accepted the PUBLISH
 *
 * Since: 0.1
 */
gboolean
sip_simple_publication_publish_finish (SipSimplePublication *self,
                                       GAsyncResult         *result,
                                       GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_publication_unpublish_async:
 * @self: a publication
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the publication is removed
 * @user_data: data for @callback
 *
 * Removes the published state (a PUBLISH with Expires: 0 and
 * SIP-If-Match). Completes at once when nothing is published.
 *
 * Since: 0.1
 */
void
sip_simple_publication_unpublish_async (SipSimplePublication *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  Op *op;

  g_return_if_fail (SIP_SIMPLE_IS_PUBLICATION (self));
  op = g_new0 (Op, 1);
  op->unpublish = TRUE;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, sip_simple_publication_unpublish_async);
  queue_op (self, op, cancellable);
}

/**
 * sip_simple_publication_unpublish_finish:
 * @self: a publication
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * A refused un-PUBLISH is not an error: the state expires by itself.
 *
 * Returns: %TRUE unless cancelled or the engine stopped
 *
 * Since: 0.1
 */
gboolean
sip_simple_publication_unpublish_finish (SipSimplePublication *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_publication_new:
 * @engine: the engine to publish through
 * @from: the presentity (request-URI, To and From of the PUBLISH)
 * @event: the event package, such as "presence" or "message-summary"
 *
 * Creates a new publication, nothing published yet.
 *
 * Returns: (transfer full): a new publication, nothing published yet
 *
 * Since: 0.1
 */
SipSimplePublication *
sip_simple_publication_new (SipSimpleEngine *engine, SipSimpleNameAddr *from, const char *event)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (event != NULL && *event != '\0', NULL);
  return g_object_new (SIP_SIMPLE_TYPE_PUBLICATION, "engine", engine, "from", from, "event", event,
                       NULL);
}

/**
 * sip_simple_publication_set_expires:
 * @self: a publication
 * @expires: the requested lifetime in seconds
 *
 * Sets the Expires value of the next PUBLISH (default 600).
 *
 * Since: 0.1
 */
void
sip_simple_publication_set_expires (SipSimplePublication *self, guint expires)
{
  g_return_if_fail (SIP_SIMPLE_IS_PUBLICATION (self));
  sip_simple_client_request_set_uint (REQUEST (self), &self->expires, expires,
                                      properties[PROP_EXPIRES]);
}

/**
 * sip_simple_publication_get_state:
 * @self: a publication
 *
 * Gets the current state.
 *
 * Returns: the current state
 *
 * Since: 0.1
 */
SipSimplePublicationState
sip_simple_publication_get_state (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), SIP_SIMPLE_PUBLICATION_STATE_IDLE);
  return self->state;
}

/**
 * sip_simple_publication_get_event:
 * @self: a publication
 *
 * Gets the event package.
 *
 * Returns: (transfer none): the event package
 *
 * Since: 0.1
 */
const char *
sip_simple_publication_get_event (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), NULL);
  return self->event;
}

/**
 * sip_simple_publication_get_from:
 * @self: a publication
 *
 * Gets the presentity.
 *
 * Returns: (transfer none): the presentity
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_publication_get_from (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), NULL);
  return self->from;
}

/**
 * sip_simple_publication_get_etag:
 * @self: a publication
 *
 * Gets the entity tag of the published state (SIP-ETag), while published.
 *
 * Returns: (transfer none) (nullable): the entity tag of the published
 *   state (SIP-ETag), while published
 *
 * Since: 0.1
 */
const char *
sip_simple_publication_get_etag (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), NULL);
  return self->etag;
}

/**
 * sip_simple_publication_get_expires:
 * @self: a publication
 *
 * Gets the requested lifetime in seconds.
 *
 * Returns: the requested lifetime in seconds
 *
 * Since: 0.1
 */
guint
sip_simple_publication_get_expires (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), 0);
  return self->expires;
}

/**
 * sip_simple_publication_get_granted_expires:
 * @self: a publication
 *
 * Gets the lifetime the state agent granted, 0 when not published.
 *
 * Returns: the lifetime the state agent granted, 0 when not published
 *
 * Since: 0.1
 */
guint
sip_simple_publication_get_granted_expires (SipSimplePublication *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PUBLICATION (self), 0);
  return self->granted_expires;
}

static void
sip_simple_publication_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      self->from = g_value_dup_boxed (value);
      break;
    case PROP_EVENT:
      self->event = g_value_dup_string (value);
      break;
    case PROP_EXPIRES:
      sip_simple_publication_set_expires (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_publication_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_boxed (value, self->from);
      break;
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_EXPIRES:
      g_value_set_uint (value, self->expires);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_GRANTED_EXPIRES:
      g_value_set_uint (value, self->granted_expires);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_publication_constructed (GObject *object)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (object);

  G_OBJECT_CLASS (sip_simple_publication_parent_class)->constructed (object);
  g_return_if_fail (sip_simple_client_request_get_engine (REQUEST (self)) != NULL
                    && self->from != NULL && self->event != NULL);
}

static void
sip_simple_publication_finalize (GObject *object)
{
  SipSimplePublication *self = SIP_SIMPLE_PUBLICATION (object);

  g_queue_clear_full (&self->ops, (GDestroyNotify) op_free);
  g_clear_pointer (&self->from, sip_simple_name_addr_unref);
  g_free (self->event);
  g_free (self->etag);
  g_free (self->current_type);
  g_clear_pointer (&self->current_body, g_bytes_unref);
  G_OBJECT_CLASS (sip_simple_publication_parent_class)->finalize (object);
}

static void
sip_simple_publication_class_init (SipSimplePublicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SipSimpleClientRequestClass *request_class = SIP_SIMPLE_CLIENT_REQUEST_CLASS (klass);

  object_class->set_property = sip_simple_publication_set_property;
  object_class->get_property = sip_simple_publication_get_property;
  object_class->constructed = sip_simple_publication_constructed;
  object_class->finalize = sip_simple_publication_finalize;
  request_class->engine_stopped = sip_simple_publication_engine_stopped;

  /**
   * SipSimplePublication:from:
   *
   * The presentity whose state is published.
   */
  properties[PROP_FROM] =
    g_param_spec_boxed ("from", NULL, "The presentity", SIP_SIMPLE_TYPE_NAME_ADDR,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePublication:event:
   *
   * The event package.
   */
  properties[PROP_EVENT] =
    g_param_spec_string ("event", NULL, "The event package", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePublication:state:
   *
   * The publication state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The publication state",
                       SIP_SIMPLE_TYPE_PUBLICATION_STATE, SIP_SIMPLE_PUBLICATION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePublication:expires:
   *
   * The requested lifetime in seconds.
   */
  properties[PROP_EXPIRES] = sip_simple_client_request_expires_param ();
  /**
   * SipSimplePublication:etag:
   *
   * The entity tag the state agent gave the published state.
   */
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, "The SIP-ETag of the published state", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimplePublication:granted-expires:
   *
   * The lifetime granted by the state agent, in seconds.
   */
  properties[PROP_GRANTED_EXPIRES] = sip_simple_client_request_granted_expires_param ();

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimplePublication::published:
   * @self: the publication
   * @etag: (nullable): the entity tag of the published state
   * @expires: the lifetime granted, in seconds
   *
   * The state agent accepted a PUBLISH: the initial one, a modification
   * or a refresh.
   */
  signals[SIGNAL_PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  /**
   * SipSimplePublication::failed:
   * @self: the publication
   * @code: the SIP status code
   * @reason: the reason phrase or a description of the failure
   *
   * A refresh was refused (a PUBLISH made with
   * [method@SipSimple.Publication.publish_async] reports its failure to
   * its caller instead): nothing is published any more.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimplePublication::unpublished:
   * @self: the publication
   *
   * The published state was removed.
   */
  signals[SIGNAL_UNPUBLISHED] =
    g_signal_new ("unpublished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
sip_simple_publication_init (SipSimplePublication *self)
{
  self->expires = 600;
  g_queue_init (&self->ops);
}
