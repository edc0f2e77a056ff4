/* libsipsimple - SipSimpleEngine: the SIP stack in the GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/sip/uri.h>
#include "engine-private.h"
#include "listen-config-internal.h"
#include "sofia-internal.h"

#include <errno.h>
#include <string.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/tport_tag.h>
#include <sofia-sip/su_errno.h>
#include <sofia-sip/su_tagarg.h>

/**
 * SipSimpleEngine:
 *
 * The SIP stack (sofia-sip's user-agent core, NUA) running in the
 * thread-default [struct@GLib.MainContext] of the thread that creates the
 * engine. Every signal of every object that uses the engine is emitted on
 * that context; no hidden threads are started.
 *
 * Configure the engine with its properties, then start it with
 * [method@SipSimple.Engine.start_async]; the transports are bound and the
 * bound ports can be read with [method@SipSimple.Engine.get_local_port].
 * [class@SipSimple.Application] creates and runs one engine from its
 * [class@SipSimple.Settings]; use the engine directly only when you don't
 * want the middleware.
 *
 * Set the environment variable `TPORT_LOG=1` (or the `sip-trace`
 * property) to log every SIP message sent and received; sofia-sip's own
 * log arrives in the `SipSimple-sofia` log domain at debug level
 * (`G_MESSAGES_DEBUG=SipSimple-sofia`).
 *
 * Since: 0.1
 */

typedef struct {
  SipSimpleNuaEventFunc func;
  gpointer              owner;
  nua_handle_t         *nh;
} HandleBinding;

typedef struct {
  guint                 id;
  nua_event_t           event;
  SipSimpleIncomingFunc func;
  gpointer              user_data;
} IncomingHandler;

/* The sofia-sip stack of a running engine. It is the NUA callback's
 * magic and outlives the engine object when an engine is dropped while
 * running: the stack then finishes shutting down on its own. */
typedef struct {
  SipSimpleEngine   *engine;     /* NULL once orphaned */
  SipSimpleSofiaLoop loop;
  nua_t             *nua;
  guint            destroy_idle;
  gboolean         shutdown_requested;
} EngineCore;

struct _SipSimpleEngine
{
  GObject parent_instance;

  SipSimpleListenConfig config;

  /* runtime */
  SipSimpleEngineState state;
  GMainContext *context;
  EngineCore   *core;
  nua_t        *nua;           /* == core->nua while the stack exists */
  guint         ports[3];
  char         *bound_host;
  GHashTable   *bindings;      /* HandleBinding* set */
  GList        *incoming;      /* IncomingHandler* */
  guint         next_handler_id;
  GTask        *start_task;
  GTask        *stop_task;
  GCancellable *stop_cancellable;
  gulong        stop_cancel_id;
};

enum {
  /* PROP_0, then the SIP_SIMPLE_LISTEN_PROP_* ids */
  PROP_STATE = SIP_SIMPLE_LISTEN_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SipSimpleEngine, sip_simple_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleTransport, sip_simple_transport,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_TRANSPORT_UDP, "udp"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_TRANSPORT_TCP, "tcp"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_TRANSPORT_TLS, "tls"))

G_DEFINE_ENUM_TYPE (SipSimpleEngineState, sip_simple_engine_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_STATE_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_STATE_STOPPING, "stopping"))

static const char *const transport_names[] = { "udp", "tcp", "tls" };

/**
 * sip_simple_transport_to_string:
 * @transport: a transport
 *
 * Gets the lower-case name of a transport.
 *
 * Returns: (transfer none): "udp", "tcp" or "tls"
 *
 * Since: 0.1
 */
const char *
sip_simple_transport_to_string (SipSimpleTransport transport)
{
  g_return_val_if_fail (transport <= SIP_SIMPLE_TRANSPORT_TLS, NULL);
  return transport_names[transport];
}

/**
 * sip_simple_transport_from_string:
 * @name: "udp", "tcp" or "tls" (any case)
 * @transport: (out): the transport
 *
 * Parses the name of a transport.
 *
 * Returns: %TRUE if @name names a transport
 *
 * Since: 0.1
 */
gboolean
sip_simple_transport_from_string (const char *name, SipSimpleTransport *transport)
{
  g_return_val_if_fail (transport != NULL, FALSE);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (transport_names); i++)
    if (g_ascii_strcasecmp (name, transport_names[i]) == 0)
      {
        *transport = (SipSimpleTransport) i;
        return TRUE;
      }
  return FALSE;
}

static void
set_state (SipSimpleEngine *self, SipSimpleEngineState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
wants_transport (SipSimpleEngine *self, SipSimpleTransport t)
{
  return self->config.transports != NULL
         && g_strv_contains ((const char *const *) self->config.transports, transport_names[t]);
}

/* ---- handles ----------------------------------------------------------- */

nua_t *
sip_simple_engine_get_nua (SipSimpleEngine *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  return self->nua;
}

static HandleBinding *
binding_new (SipSimpleEngine *self, nua_handle_t *nh, SipSimpleNuaEventFunc func, gpointer owner)
{
  HandleBinding *b = g_new0 (HandleBinding, 1);
  b->func = func;
  b->owner = owner;
  b->nh = nh;
  g_hash_table_add (self->bindings, b);
  return b;
}

nua_handle_t *
sip_simple_engine_create_handle (SipSimpleEngine      *self,
                                 SipSimpleNuaEventFunc func,
                                 gpointer              owner,
                                 tag_type_t            tag,
                                 tag_value_t           value,
                                 ...)
{
  nua_handle_t *nh;
  HandleBinding *b;
  ta_list ta;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  if (self->nua == NULL || self->state != SIP_SIMPLE_ENGINE_STATE_RUNNING)
    return NULL;

  b = binding_new (self, NULL, func, owner);
  ta_start (ta, tag, value);
  nh = nua_handle (self->nua, b, ta_tags (ta));
  /* sofia's ta_end() expands to a comma expression */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-value"
  ta_end (ta);
#pragma GCC diagnostic pop
  if (nh == NULL)
    {
      g_hash_table_remove (self->bindings, b);
      return NULL;
    }
  b->nh = nh;
  return nh;
}

void
sip_simple_engine_bind_handle (SipSimpleEngine      *self,
                               nua_handle_t         *nh,
                               SipSimpleNuaEventFunc func,
                               gpointer              owner)
{
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));
  g_return_if_fail (nh != NULL);
  g_return_if_fail (nua_handle_magic (nh) == NULL);
  nua_handle_bind (nh, binding_new (self, nh, func, owner));
}

void
sip_simple_engine_destroy_handle (SipSimpleEngine *self, nua_handle_t *nh)
{
  HandleBinding *b;

  if (nh == NULL)
    return;
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));

  b = nua_handle_magic (nh);
  if (b != NULL && g_hash_table_steal (self->bindings, b))
    {
      nua_handle_bind (nh, NULL);
      g_free (b);
    }
  /* After nua_destroy() every handle is gone already. */
  if (self->nua != NULL)
    nua_handle_destroy (nh);
}

guint
sip_simple_engine_add_incoming_handler (SipSimpleEngine      *self,
                                        nua_event_t           event,
                                        SipSimpleIncomingFunc func,
                                        gpointer              user_data)
{
  IncomingHandler *h;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), 0);
  h = g_new0 (IncomingHandler, 1);
  h->id = ++self->next_handler_id;
  h->event = event;
  h->func = func;
  h->user_data = user_data;
  self->incoming = g_list_append (self->incoming, h);
  return h->id;
}

void
sip_simple_engine_remove_incoming_handler (SipSimpleEngine *self, guint id)
{
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));
  for (GList *l = self->incoming; l; l = l->next)
    {
      IncomingHandler *h = l->data;
      if (h->id == id)
        {
          self->incoming = g_list_delete_link (self->incoming, l);
          g_free (h);
          return;
        }
    }
}

/* Requests nobody took get an answer that tells the peer what happened
 * instead of a timeout. */
static void
reject_unhandled (SipSimpleEngine *self, const SipSimpleNuaEvent *ev)
{
  switch (ev->event)
    {
    case nua_i_message:
      nua_respond (ev->nh, 404, "No Such User Here", NUTAG_WITH_THIS (self->nua), TAG_END ());
      break;
    case nua_i_invite:
      nua_respond (ev->nh, 480, "No Session Handler", NUTAG_WITH_THIS (self->nua), TAG_END ());
      break;
    case nua_i_subscribe:
      nua_respond (ev->nh, 489, "Bad Event", NUTAG_WITH_THIS (self->nua), TAG_END ());
      break;
    case nua_i_notify:
      nua_respond (ev->nh, 481, "Subscription Does Not Exist", NUTAG_WITH_THIS (self->nua),
                   TAG_END ());
      break;
    case nua_i_options:
    case nua_i_terminated:
    case nua_i_state:
    case nua_i_ack:
    case nua_i_active:
    case nua_i_bye:
    case nua_i_cancel:
      /* answered by NUA itself, or nothing to answer */
      break;
    default:
      if (nua_event_is_incoming_request (ev->event))
        nua_respond (ev->nh, 501, "Not Implemented", NUTAG_WITH_THIS (self->nua), TAG_END ());
      break;
    }
  nua_handle_destroy (ev->nh);
}

/* ---- the stack ------------------------------------------------------- */

static void engine_got_params (SipSimpleEngine *self, const SipSimpleNuaEvent *ev);
static void engine_stack_gone (SipSimpleEngine *self);

static void
core_free (EngineCore *core)
{
  if (core->nua != NULL)
    nua_destroy (core->nua);
  sip_simple_sofia_loop_clear (&core->loop);
  g_free (core);
}

static gboolean
core_destroy_idle (gpointer data)
{
  EngineCore *core = data;

  core->destroy_idle = 0;
  if (core->engine != NULL)
    engine_stack_gone (core->engine);
  core_free (core);
  return G_SOURCE_REMOVE;
}

/* NUA finished shutting down; it must not be destroyed from inside its own
 * callback, so do it from an idle. */
static void
core_schedule_destroy (EngineCore *core)
{
  GSource *idle;

  if (core->destroy_idle != 0)
    return;
  idle = g_idle_source_new ();
  g_source_set_callback (idle, core_destroy_idle, core, NULL);
  g_source_set_name (idle, "sipsimple engine teardown");
  core->destroy_idle = g_source_attach (idle, core->loop.context);
  g_source_unref (idle);
}

/* The engine lets go of a stack that still has to finish shutting down
 * (engine dropped, stop cancelled, start failed late): the stack ends by
 * itself, unregistering and ending dialogs, while the loop runs. */
static void
core_orphan (EngineCore *core)
{
  core->engine = NULL;
  if (!core->shutdown_requested)
    {
      core->shutdown_requested = TRUE;
      nua_shutdown (core->nua);
    }
}

static void
nua_callback (nua_event_t   event,
              int           status,
              char const   *phrase,
              nua_t        *nua,
              nua_magic_t  *magic,
              nua_handle_t *nh,
              nua_hmagic_t *hmagic,
              sip_t const  *sip,
              tagi_t        tags[])
{
  EngineCore *core = magic;
  SipSimpleEngine *self = core->engine;
  SipSimpleNuaEvent ev = { event, status, phrase, nh, sip, tags, FALSE };

  if (event == nua_r_shutdown)
    {
      if (status >= 200)
        {
          if (status != 200)
            g_debug ("SIP stack shutdown ended with %d %s", status, phrase ? phrase : "");
          core_schedule_destroy (core);
        }
      return;
    }

  if (self == NULL)
    {
      /* orphaned: only let new requests know we are going away */
      if (nh != NULL && hmagic == NULL && nua_event_is_incoming_request (event)
          && event != nua_i_ack && event != nua_i_cancel)
        {
          nua_respond (nh, 503, "Shutting Down", NUTAG_WITH_THIS (nua), TAG_END ());
          nua_handle_destroy (nh);
        }
      return;
    }

  switch (event)
    {
    case nua_r_get_params:
      engine_got_params (self, &ev);
      return;
    case nua_r_set_params:
      return;
    case nua_i_error:
      g_warning ("SIP stack error: %d %s", status, phrase ? phrase : "");
      return;
    default:
      break;
    }

  if (nh == NULL)
    return;

  if (hmagic != NULL)
    {
      HandleBinding *b = hmagic;
      if (b->func != NULL)
        b->func (b->owner, &ev);
      return;
    }

  /* An unbound handle: a new incoming request. */
  if (nua_event_is_incoming_request (event))
    {
      g_object_ref (self);
      for (GList *l = self->incoming; l; l = l->next)
        {
          IncomingHandler *h = l->data;
          if (h->event == event && h->func (h->user_data, &ev))
            {
              g_object_unref (self);
              return;
            }
        }
      g_object_unref (self);
    }
  reject_unhandled (self, &ev);
}

/* Tells every handle owner its handle is gone and forgets the stack. */
static void
engine_stack_gone (SipSimpleEngine *self)
{
  GHashTableIter iter;
  HandleBinding *b;
  GTask *task;

  self->core = NULL;
  self->nua = NULL;
  g_object_ref (self);
  g_hash_table_iter_init (&iter, self->bindings);
  while (g_hash_table_iter_next (&iter, (gpointer *) &b, NULL))
    {
      SipSimpleNuaEvent ev = { nua_r_shutdown, 500, "Engine stopped", b->nh, NULL, NULL, TRUE };
      g_hash_table_iter_steal (&iter);
      if (b->func != NULL)
        b->func (b->owner, &ev);
      g_free (b);
    }
  memset (self->ports, 0, sizeof self->ports);
  g_clear_pointer (&self->bound_host, g_free);
  if (self->stop_cancellable != NULL)
    {
      g_cancellable_disconnect (self->stop_cancellable, self->stop_cancel_id);
      self->stop_cancel_id = 0;
      g_clear_object (&self->stop_cancellable);
    }
  set_state (self, SIP_SIMPLE_ENGINE_STATE_STOPPED);
  task = g_steal_pointer (&self->stop_task);
  if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  g_object_unref (self);
}

/* ---- start ------------------------------------------------------------- */

static char *
host_for_url (const char *address)
{
  if (address == NULL || *address == '\0')
    return g_strdup ("0.0.0.0");
  if (strchr (address, ':') != NULL && address[0] != '[')
    return g_strdup_printf ("[%s]", address);
  return g_strdup (address);
}

/* A port free for both UDP and TCP (tcp_only: TCP) on @address. sofia-sip
 * 1.12.11 cannot report the ports it picked for each transport, so when
 * asked for "any free port" we pick it ourselves; the window until sofia
 * binds it is tiny, and a collision is retried. */
static guint
probe_free_port (const char *address, gboolean tcp_only)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  GSocketFamily family;

  if (inet == NULL)
    inet = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  family = g_inet_address_get_family (inet);

  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr (GSocket) tcp = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (inet, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      guint port;

      if (tcp == NULL || !g_socket_bind (tcp, any, FALSE, NULL))
        return 0;
      bound = g_socket_get_local_address (tcp, NULL);
      if (bound == NULL)
        return 0;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      if (!tcp_only)
        {
          g_autoptr (GSocket) udp = g_socket_new (family, G_SOCKET_TYPE_DATAGRAM,
                                                  G_SOCKET_PROTOCOL_UDP, NULL);
          g_autoptr (GSocketAddress) same = g_inet_socket_address_new (inet, port);
          if (udp == NULL || !g_socket_bind (udp, same, FALSE, NULL))
            continue;
        }
      return port;
    }
  return 0;
}

static EngineCore *
create_stack (SipSimpleEngine *self, const char *host, guint port, guint tls_port,
              const char *tls_dir, gboolean trace, int *err)
{
  EngineCore *core = g_new0 (EngineCore, 1);
  g_autofree char *sip_url = NULL;
  g_autofree char *sips_url = NULL;
  gboolean udp = wants_transport (self, SIP_SIMPLE_TRANSPORT_UDP);
  gboolean tcp = wants_transport (self, SIP_SIMPLE_TRANSPORT_TCP);

  core->engine = self;
  if (!sip_simple_sofia_loop_init (&core->loop, self->context))
    {
      *err = ENOMEM;
      core_free (core);
      return NULL;
    }

  /* Both UDP and TCP: no transport parameter (sofia-sip 1.12.11 crashes on
   * a comma-separated list; without one it binds udp, tcp and, where the
   * kernel has it, sctp, all on the same port). */
  if (udp || tcp)
    sip_url = g_strdup_printf ("sip:%s:%u%s", host, port,
                               udp && tcp ? "" : udp ? ";transport=udp" : ";transport=tcp");
  if (tls_dir != NULL)
    sips_url = g_strdup_printf ("sips:%s:%u", host, tls_port);

  errno = 0;
  core->nua = nua_create (core->loop.root, nua_callback, core,
                          TAG_IF (sip_url != NULL, NUTAG_URL (sip_url)),
                          TAG_IF (sips_url != NULL && sip_url != NULL, NUTAG_SIPS_URL (sips_url)),
                          TAG_IF (sips_url != NULL && sip_url == NULL, NUTAG_URL (sips_url)),
                          TAG_IF (tls_dir != NULL, NUTAG_CERTIFICATE_DIR (tls_dir)),
                          /* 0 = negotiate the best TLS version (1 = TLS 1.0 only) */
                          TPTAG_TLS_VERSION (0),
                          TPTAG_TLS_VERIFY_POLICY (self->config.tls_verify_server ? TPTLS_VERIFY_SUBJECTS_OUT
                                                                           : TPTLS_VERIFY_NONE),
                          TPTAG_TLS_VERIFY_DATE (1),
                          /* sofia's STUN server on the SIP port leaks on every
                           * malformed Binding request; we have no use for it */
                          TPTAG_STUN_SERVER (0),
                          TAG_IF (trace, TPTAG_LOG (1)),
                          SIPTAG_USER_AGENT_STR (self->config.user_agent),
                          NUTAG_MEDIA_ENABLE (0),
                          NUTAG_ENABLEMESSAGE (1),
                          /* NOTIFY: unsolicited ones (message-summary without a
                           * subscription) reach the application; NOTIFYs of our
                           * own subscriptions are still answered by the stack */
                          NUTAG_APPL_METHOD ("MESSAGE, REFER, NOTIFY"),
                          NUTAG_ALLOW ("MESSAGE, REFER, INFO"),
                          /* RFC 4028 session timers, refreshed with UPDATE so no SDP is needed */
                          NUTAG_SESSION_TIMER (1800),
                          NUTAG_MIN_SE (90),
                          NUTAG_UPDATE_REFRESH (1),
                          NUTAG_OUTBOUND ("no-options-keepalive no-validate no-natify"),
                          NUTAG_AUTOANSWER (0),
                          NUTAG_AUTOALERT (0),
                          NUTAG_SHUTDOWN_EVENTS (1),
                          TAG_NULL ());
  if (core->nua == NULL)
    {
      *err = su_errno ();
      core_free (core);
      return NULL;
    }
  return core;
}

static void
engine_got_params (SipSimpleEngine *self, const SipSimpleNuaEvent *ev)
{
  sip_contact_t const *contacts = NULL;
  GTask *task;

  if (self->start_task == NULL)
    return;

  tl_gets (ev->tags, NTATAG_CONTACT_REF (contacts), TAG_END ());
  if (contacts != NULL && contacts->m_url->url_host != NULL)
    {
      /* an IPv6 host comes as a URI writes it, "[::1]": SDP c= and o= lines
       * and the media sockets want the bare address */
      const char *host = contacts->m_url->url_host;
      size_t      len = strlen (host);

      if (host[0] == '[' && len > 2 && host[len - 1] == ']')
        self->bound_host = g_strndup (host + 1, len - 2);
      else
        self->bound_host = g_strdup (host);
    }
  else
    self->bound_host = g_strdup (self->config.ip_address);

  set_state (self, SIP_SIMPLE_ENGINE_STATE_RUNNING);
  task = g_steal_pointer (&self->start_task);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * sip_simple_engine_start_async:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the engine runs or failed to start
 * @user_data: data for @callback
 *
 * Binds the configured transports on the configured address and starts
 * the SIP stack in the thread-default main context. Binding errors (port
 * in use, bad address, unreadable TLS files) are reported through
 * [method@SipSimple.Engine.start_finish].
 *
 * Since: 0.1
 */
void
sip_simple_engine_start_async (SipSimpleEngine    *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *tls_dir = NULL;
  g_autofree char *what = NULL;
  gboolean want_sip, want_tls, trace;
  guint port = 0, tls_port = 0;
  int err = 0;

  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_engine_start_async);

  if (self->state != SIP_SIMPLE_ENGINE_STATE_STOPPED)
    {
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               SIP_SIMPLE_ENGINE_ERROR_ALREADY_RUNNING,
                               "The SIP engine is already started");
      return;
    }
  if (self->config.transports == NULL || self->config.transports[0] == NULL)
    {
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                               "No SIP transport is enabled");
      return;
    }
  for (char **t = self->config.transports; *t; t++)
    {
      SipSimpleTransport tr;
      if (!sip_simple_transport_from_string (*t, &tr))
        {
          g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                                   SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                                   "Unknown SIP transport \"%s\" (use udp, tcp or tls)", *t);
          return;
        }
    }
  if (self->config.ip_address != NULL && *self->config.ip_address != '\0'
      && !g_hostname_is_ip_address (self->config.ip_address))
    {
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                               "The local SIP address \"%s\" is not an IP address",
                               self->config.ip_address);
      return;
    }

  want_sip = wants_transport (self, SIP_SIMPLE_TRANSPORT_UDP)
             || wants_transport (self, SIP_SIMPLE_TRANSPORT_TCP);
  want_tls = wants_transport (self, SIP_SIMPLE_TRANSPORT_TLS);
  if (want_tls)
    {
      tls_dir = sip_simple_sofia_tls_dir_new (self->config.tls_certificate_file,
                                              self->config.tls_private_key_file, self->config.tls_ca_file,
                                              &error);
      if (tls_dir == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  trace = sip_simple_sofia_trace_wanted (self->config.sip_trace);
  host = host_for_url (self->config.ip_address);

  for (int attempt = 0; attempt < 5; attempt++)
    {
      const char *bare = self->config.ip_address && *self->config.ip_address ? self->config.ip_address : "0.0.0.0";
      port = self->config.port ? self->config.port : want_sip ? probe_free_port (bare, FALSE) : 0;
      tls_port = self->config.tls_port ? self->config.tls_port : want_tls ? probe_free_port (bare, TRUE) : 0;
      if (want_tls && want_sip && tls_port == port)
        continue;
      self->core = create_stack (self, host, port, tls_port, tls_dir, trace, &err);
      if (self->core != NULL || err != EADDRINUSE || (self->config.port && self->config.tls_port))
        break;
    }

  what = g_strdup_printf ("%s%s%s%s%s", wants_transport (self, SIP_SIMPLE_TRANSPORT_UDP) ? "udp" : "",
                          wants_transport (self, SIP_SIMPLE_TRANSPORT_UDP) && wants_transport (self, SIP_SIMPLE_TRANSPORT_TCP) ? "," : "",
                          wants_transport (self, SIP_SIMPLE_TRANSPORT_TCP) ? "tcp" : "",
                          want_tls && want_sip ? "," : "", want_tls ? "tls" : "");
  if (self->core == NULL)
    {
      sip_simple_sofia_tls_dir_remove (tls_dir);
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               want_tls && err != EADDRINUSE && err != EADDRNOTAVAIL
                                 ? SIP_SIMPLE_ENGINE_ERROR_TLS
                                 : SIP_SIMPLE_ENGINE_ERROR_TRANSPORT,
                               "Could not bind the SIP transports %s on %s (port %u, TLS port %u): %s",
                               what, host, port, tls_port,
                               err ? g_strerror (err) : "unknown error");
      return;
    }

  self->core->loop.tls_dir = g_steal_pointer (&tls_dir);
  self->nua = self->core->nua;
  if (want_sip)
    {
      self->ports[SIP_SIMPLE_TRANSPORT_UDP] = wants_transport (self, SIP_SIMPLE_TRANSPORT_UDP) ? port : 0;
      self->ports[SIP_SIMPLE_TRANSPORT_TCP] = wants_transport (self, SIP_SIMPLE_TRANSPORT_TCP) ? port : 0;
    }
  self->ports[SIP_SIMPLE_TRANSPORT_TLS] = want_tls ? tls_port : 0;
  g_debug ("SIP engine bound %s on %s: port %u, TLS port %u", what, host, port, tls_port);

  set_state (self, SIP_SIMPLE_ENGINE_STATE_STARTING);
  self->start_task = g_steal_pointer (&task);
  nua_get_params (self->nua, TAG_ANY (), TAG_END ());
}

/**
 * sip_simple_engine_start_finish:
 * @self: an engine
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Engine.start_async].
 *
 * Returns: %TRUE if the engine is running
 *
 * Since: 0.1
 */
gboolean
sip_simple_engine_start_finish (SipSimpleEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- stop -------------------------------------------------------------- */

static gboolean
stop_now (gpointer data)
{
  SipSimpleEngine *self = data;

  if (self->state == SIP_SIMPLE_ENGINE_STATE_STOPPING && self->core != NULL)
    {
      EngineCore *core = self->core;
      core_orphan (core);
      engine_stack_gone (self);
    }
  return G_SOURCE_REMOVE;
}

static void
stop_cancelled (GCancellable *cancellable, gpointer data)
{
  SipSimpleEngine *self = data;

  /* May run in whatever thread cancelled, and must not disconnect itself
   * (that deadlocks): act from an idle on the engine's context. */
  GSource *idle = g_idle_source_new ();
  g_source_set_callback (idle, stop_now, g_object_ref (self), g_object_unref);
  g_source_attach (idle, self->context);
  g_source_unref (idle);
}

/**
 * sip_simple_engine_stop_async:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable; cancelling it reports the
 *   engine stopped at once and lets the stack finish in the background
 * @callback: called when the engine is stopped
 * @user_data: data for @callback
 *
 * Ends every dialog and registration the stack still has and stops it.
 * This takes at most about 30 seconds when peers don't answer (sofia-sip's
 * shutdown timeout); cancel @cancellable to stop waiting.
 *
 * Since: 0.1
 */
void
sip_simple_engine_stop_async (SipSimpleEngine    *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_engine_stop_async);
  /* cancelling means "don't wait for the peers": the engine still stops */
  g_task_set_check_cancellable (task, FALSE);

  switch (self->state)
    {
    case SIP_SIMPLE_ENGINE_STATE_STOPPED:
      g_task_return_boolean (task, TRUE);
      return;
    case SIP_SIMPLE_ENGINE_STATE_STOPPING:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The SIP engine is already stopping");
      return;
    case SIP_SIMPLE_ENGINE_STATE_STARTING:
      if (self->start_task != NULL)
        {
          GTask *st = g_steal_pointer (&self->start_task);
          g_task_return_new_error (st, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "The SIP engine was stopped while starting");
          g_object_unref (st);
        }
      break;
    case SIP_SIMPLE_ENGINE_STATE_RUNNING:
      break;
    }

  set_state (self, SIP_SIMPLE_ENGINE_STATE_STOPPING);
  self->stop_task = g_steal_pointer (&task);
  self->core->shutdown_requested = TRUE;
  nua_shutdown (self->nua);
  if (cancellable != NULL)
    {
      self->stop_cancellable = g_object_ref (cancellable);
      self->stop_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (stop_cancelled),
                                                    self, NULL);
    }
}

/**
 * sip_simple_engine_stop_finish:
 * @self: an engine
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.Engine.stop_async].
 *
 * Returns: %TRUE when the engine stopped
 *
 * Since: 0.1
 */
gboolean
sip_simple_engine_stop_finish (SipSimpleEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- accessors --------------------------------------------------------- */

/**
 * sip_simple_engine_new:
 *
 * Creates an engine with default settings: UDP and TCP on all IPv4
 * addresses, any free port.
 *
 * Returns: (transfer full): a new engine
 *
 * Since: 0.1
 */
SipSimpleEngine *
sip_simple_engine_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_ENGINE, NULL);
}

/**
 * sip_simple_engine_get_state:
 * @self: an engine
 *
 * Gets the engine's state.
 *
 * Returns: the engine's state
 *
 * Since: 0.1
 */
SipSimpleEngineState
sip_simple_engine_get_state (SipSimpleEngine *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), SIP_SIMPLE_ENGINE_STATE_STOPPED);
  return self->state;
}

/**
 * sip_simple_engine_has_transport:
 * @self: an engine
 * @transport: a transport
 *
 * Tells whether the running engine listens on @transport.
 *
 * Returns: %TRUE if the running engine listens on @transport
 *
 * Since: 0.1
 */
gboolean
sip_simple_engine_has_transport (SipSimpleEngine *self, SipSimpleTransport transport)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (transport <= SIP_SIMPLE_TRANSPORT_TLS, FALSE);
  return self->state == SIP_SIMPLE_ENGINE_STATE_RUNNING && self->ports[transport] != 0;
}

/**
 * sip_simple_engine_get_local_port:
 * @self: an engine
 * @transport: a transport
 *
 * Gets the port the running engine is bound to for @transport, or 0.
 *
 * Returns: the port the running engine is bound to for @transport, or 0
 *
 * Since: 0.1
 */
guint
sip_simple_engine_get_local_port (SipSimpleEngine *self, SipSimpleTransport transport)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), 0);
  g_return_val_if_fail (transport <= SIP_SIMPLE_TRANSPORT_TLS, 0);
  return self->ports[transport];
}

const char *
sip_simple_engine_get_bound_host (SipSimpleEngine *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  return self->bound_host;
}

char *
sip_simple_engine_contact_string (SipSimpleEngine   *self,
                                  const char        *user,
                                  SipSimpleTransport transport)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  if (self->ports[transport] == 0 || self->bound_host == NULL)
    return NULL;
  host = host_for_url (self->bound_host);
  if (transport == SIP_SIMPLE_TRANSPORT_TLS)
    return g_strdup_printf ("sips:%s%s%s:%u", user ? user : "", user ? "@" : "", host,
                            self->ports[transport]);
  return g_strdup_printf ("sip:%s%s%s:%u;transport=%s", user ? user : "", user ? "@" : "", host,
                          self->ports[transport], transport_names[transport]);
}

/**
 * sip_simple_engine_get_local_uri:
 * @self: an engine
 * @transport: a transport
 *
 * The URI of the running engine's listening point for @transport, such as
 * `sip:127.0.0.1:5060;transport=udp` or `sips:127.0.0.1:5061`.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL if the engine does
 *   not listen on @transport
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_engine_get_local_uri (SipSimpleEngine *self, SipSimpleTransport transport)
{
  g_autofree char *s = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  g_return_val_if_fail (transport <= SIP_SIMPLE_TRANSPORT_TLS, NULL);
  s = sip_simple_engine_contact_string (self, NULL, transport);
  return s ? sip_simple_uri_parse (s, NULL) : NULL;
}

/**
 * sip_simple_engine_get_user_agent:
 * @self: an engine
 *
 * Gets the User-Agent header value.
 *
 * Returns: (transfer none) (nullable): the User-Agent header value
 *
 * Since: 0.1
 */
const char *
sip_simple_engine_get_user_agent (SipSimpleEngine *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  return self->config.user_agent;
}

/**
 * sip_simple_engine_set_user_agent:
 * @self: an engine
 * @user_agent: (nullable): the User-Agent header value
 *
 * Sets the User-Agent sent in requests and responses; takes effect at once.
 *
 * Since: 0.1
 */
void
sip_simple_engine_set_user_agent (SipSimpleEngine *self, const char *user_agent)
{
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));
  g_object_set (self, "user-agent", user_agent, NULL);
}

/**
 * sip_simple_engine_get_ip_address:
 * @self: an engine
 *
 * Gets the local address the transports bind to.
 *
 * Returns: (transfer none) (nullable): the local address the transports bind to
 *
 * Since: 0.1
 */
const char *
sip_simple_engine_get_ip_address (SipSimpleEngine *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (self), NULL);
  return self->config.ip_address;
}

/**
 * sip_simple_engine_set_ip_address:
 * @self: an engine
 * @address: (nullable): an IPv4 or IPv6 address, "0.0.0.0" or "::" for all
 *
 * Sets the local address to bind to at the next start.
 *
 * Since: 0.1
 */
void
sip_simple_engine_set_ip_address (SipSimpleEngine *self, const char *address)
{
  g_return_if_fail (SIP_SIMPLE_IS_ENGINE (self));
  g_object_set (self, "ip-address", address, NULL);
}

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
sip_simple_engine_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SipSimpleEngine *self = SIP_SIMPLE_ENGINE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case SIP_SIMPLE_LISTEN_PROP_USER_AGENT:
      changed = set_string (&self->config.user_agent, g_value_get_string (value));
      if (changed && self->nua != NULL)
        nua_set_params (self->nua, SIPTAG_USER_AGENT_STR (self->config.user_agent), TAG_END ());
      break;
    case SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS:
      changed = set_string (&self->config.ip_address, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_PORT:
      changed = self->config.port != g_value_get_uint (value);
      self->config.port = g_value_get_uint (value);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PORT:
      changed = self->config.tls_port != g_value_get_uint (value);
      self->config.tls_port = g_value_get_uint (value);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TRANSPORTS:
      {
        const char *const *v = g_value_get_boxed (value);
        if (self->config.transports == NULL || v == NULL
            || !g_strv_equal ((const char *const *) self->config.transports, v))
          {
            g_strfreev (self->config.transports);
            self->config.transports = g_strdupv ((char **) v);
            changed = TRUE;
          }
      }
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE:
      changed = set_string (&self->config.tls_certificate_file, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE:
      changed = set_string (&self->config.tls_private_key_file, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE:
      changed = set_string (&self->config.tls_ca_file, g_value_get_string (value));
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER:
      changed = self->config.tls_verify_server != g_value_get_boolean (value);
      self->config.tls_verify_server = g_value_get_boolean (value);
      break;
    case SIP_SIMPLE_LISTEN_PROP_SIP_TRACE:
      changed = self->config.sip_trace != g_value_get_boolean (value);
      self->config.sip_trace = g_value_get_boolean (value);
      if (self->config.sip_trace)
        sip_simple_sofia_set_trace (TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
sip_simple_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SipSimpleEngine *self = SIP_SIMPLE_ENGINE (object);

  if (sip_simple_listen_config_get_property (&self->config, prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_engine_dispose (GObject *object)
{
  SipSimpleEngine *self = SIP_SIMPLE_ENGINE (object);

  /* Dropped while the stack exists: it finishes shutting down on its own
   * (unregistering, ending dialogs) as long as the main loop runs. */
  if (self->core != NULL)
    {
      if (self->state == SIP_SIMPLE_ENGINE_STATE_RUNNING)
        g_debug ("SipSimpleEngine dropped while running; the stack shuts down in the background");
      core_orphan (self->core);
      engine_stack_gone (self);
    }
  G_OBJECT_CLASS (sip_simple_engine_parent_class)->dispose (object);
}

static void
sip_simple_engine_finalize (GObject *object)
{
  SipSimpleEngine *self = SIP_SIMPLE_ENGINE (object);

  sip_simple_listen_config_clear (&self->config);
  g_hash_table_unref (self->bindings);
  g_list_free_full (self->incoming, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (sip_simple_engine_parent_class)->finalize (object);
}

static void
sip_simple_engine_class_init (SipSimpleEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = sip_simple_engine_set_property;
  object_class->get_property = sip_simple_engine_get_property;
  object_class->dispose = sip_simple_engine_dispose;
  object_class->finalize = sip_simple_engine_finalize;

  /**
   * SipSimpleEngine:user-agent:
   *
   * The User-Agent header value sent with requests and responses.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, "The User-Agent header value",
                         "libsipsimple/" G_STRINGIFY (SIP_SIMPLE_MAJOR_VERSION) "."
                         G_STRINGIFY (SIP_SIMPLE_MINOR_VERSION) "."
                         G_STRINGIFY (SIP_SIMPLE_MICRO_VERSION),
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:ip-address:
   *
   * The local IPv4 or IPv6 address the transports bind to; "0.0.0.0" (the
   * default) or "::" binds all addresses of that family. Read at start.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS] =
    g_param_spec_string ("ip-address", NULL, "The local address to bind to", "0.0.0.0",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:port:
   *
   * The UDP and TCP port; 0 (the default) picks a free port, the same for
   * both. Read at start; see [method@SipSimple.Engine.get_local_port].
   */
  properties[SIP_SIMPLE_LISTEN_PROP_PORT] =
    g_param_spec_uint ("port", NULL, "The UDP/TCP port (0: any free port)", 0, 65535, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:tls-port:
   *
   * The TLS port; 0 (the default) picks a free port. Read at start.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_PORT] =
    g_param_spec_uint ("tls-port", NULL, "The TLS port (0: any free port)", 0, 65535, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:transports:
   *
   * The transports to listen on: any of "udp", "tcp", "tls". Read at start.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TRANSPORTS] =
    g_param_spec_boxed ("transports", NULL, "The transports to listen on", G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:tls-certificate-file:
   *
   * A PEM file with the certificate (and, if
   * [property@SipSimple.Engine:tls-private-key-file] is unset, the key) the
   * engine presents as a TLS server or client. Without one, TLS works as a
   * client only.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE] =
    g_param_spec_string ("tls-certificate-file", NULL, "The PEM certificate file", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:tls-private-key-file:
   *
   * A PEM file with the private key of the TLS certificate.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE] =
    g_param_spec_string ("tls-private-key-file", NULL, "The PEM private key file", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:tls-ca-file:
   *
   * A PEM file with the certificate authorities trusted to sign servers'
   * certificates; the system's list when unset.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE] =
    g_param_spec_string ("tls-ca-file", NULL, "The PEM file of trusted CAs", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:tls-verify-server:
   *
   * Whether TLS servers must present a certificate signed by a trusted CA
   * and naming the host that was contacted.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER] =
    g_param_spec_boolean ("tls-verify-server", NULL, "Verify TLS servers' certificates", TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:sip-trace:
   *
   * Log every SIP message sent and received (at debug level, log domain
   * `SipSimple-sofia`), like setting `TPORT_LOG=1`.
   */
  properties[SIP_SIMPLE_LISTEN_PROP_SIP_TRACE] =
    g_param_spec_boolean ("sip-trace", NULL, "Log every SIP message", FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleEngine:state:
   *
   * The engine's life-cycle state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The engine's state", SIP_SIMPLE_TYPE_ENGINE_STATE,
                       SIP_SIMPLE_ENGINE_STATE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_engine_init (SipSimpleEngine *self)
{
  static const char *const default_transports[] = { "udp", "tcp", NULL };

  self->config.user_agent = g_strdup ("libsipsimple/" G_STRINGIFY (SIP_SIMPLE_MAJOR_VERSION) "."
                               G_STRINGIFY (SIP_SIMPLE_MINOR_VERSION) "."
                               G_STRINGIFY (SIP_SIMPLE_MICRO_VERSION));
  self->config.ip_address = g_strdup ("0.0.0.0");
  self->config.transports = g_strdupv ((char **) default_transports);
  self->config.tls_verify_server = TRUE;
  self->bindings = g_hash_table_new (NULL, NULL);
}
