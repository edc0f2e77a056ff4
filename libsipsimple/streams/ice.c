/* libsipsimple - ICE (RFC 8445/8839) through libnice for an RTP stream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE /* dladdr */
#include <sipsimple/streams/media-stream.h>
#include "ice-private.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#define N_COMPONENTS 2
#define DEFAULT_STUN_PORT 3478

void
sip_simple_ice_remote_clear (SipSimpleIceRemote *remote)
{
  g_clear_pointer (&remote->ufrag, g_free);
  g_clear_pointer (&remote->pwd, g_free);
  g_clear_pointer (&remote->candidates, g_ptr_array_unref);
  remote->ice_lite = FALSE;
}

static gboolean
invalid (GError **error, const char *format, const char *value)
{
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
               format, value ? value : "");
  return FALSE;
}

/* ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 section 5.1) */
static gboolean
is_ice_chars (const char *s, gsize min, gsize max)
{
  gsize len = s ? strlen (s) : 0;

  if (len < min || len > max)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/')
      return FALSE;
  return TRUE;
}

static gboolean
is_number (const char *s, guint64 max)
{
  return s != NULL && g_ascii_isdigit (*s)
         && g_ascii_string_to_unsigned (s, 10, 0, max, NULL, NULL);
}

/* Validates one a=candidate value. Returns FALSE with an error when it is
 * malformed; *usable says whether we can use it (UDP, RTP or RTCP
 * component, an IP address rather than an mDNS name). */
static gboolean
check_candidate (const char *value, gboolean *usable, GError **error)
{
  g_auto (GStrv) tokens = g_strsplit (value, " ", 0);
  g_autoptr (GInetAddress) address = NULL;
  guint n = g_strv_length (tokens);
  guint64 component;

  *usable = FALSE;
  if (n < 8 || !is_ice_chars (tokens[0], 1, 32) || !is_number (tokens[1], 256)
      || !is_number (tokens[3], G_MAXUINT32) || !is_number (tokens[5], 65535)
      || g_strcmp0 (tokens[6], "typ") != 0
      || !(g_str_equal (tokens[7], "host") || g_str_equal (tokens[7], "srflx")
           || g_str_equal (tokens[7], "prflx") || g_str_equal (tokens[7], "relay")))
    return invalid (error, "Malformed a=candidate:%s", value);
  /* extension attributes come in name/value pairs */
  for (guint i = 8; i < n; i += 2)
    {
      if (i + 1 >= n)
        return invalid (error, "Malformed a=candidate:%s", value);
      if (g_str_equal (tokens[i], "rport") && !is_number (tokens[i + 1], 65535))
        return invalid (error, "Malformed a=candidate:%s", value);
    }
  component = g_ascii_strtoull (tokens[1], NULL, 10);
  address = g_inet_address_new_from_string (tokens[4]);
  if (address == NULL && !g_str_has_suffix (tokens[4], ".local"))
    return invalid (error, "Malformed a=candidate:%s (address)", value);
  *usable = address != NULL && g_ascii_strcasecmp (tokens[2], "UDP") == 0 && component >= 1
            && component <= N_COMPONENTS && !g_str_equal (tokens[5], "0");
  return TRUE;
}

static const char *
find_attribute (const GstSDPMessage *sdp, const GstSDPMedia *media, const char *key)
{
  const char *value = gst_sdp_media_get_attribute_val (media, key);

  if (value == NULL && sdp != NULL)
    value = gst_sdp_message_get_attribute_val (sdp, key);
  return value;
}

gboolean
sip_simple_ice_remote_parse (const GstSDPMessage *sdp,
                             const GstSDPMedia   *media,
                             SipSimpleIceRemote  *remote,
                             GError             **error)
{
  const char *ufrag = find_attribute (sdp, media, "ice-ufrag");
  const char *pwd = find_attribute (sdp, media, "ice-pwd");
  gboolean any_candidate = FALSE;

  sip_simple_ice_remote_clear (remote);

  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, "candidate") == 0)
      any_candidate = TRUE;
  if (ufrag == NULL && pwd == NULL && !any_candidate)
    return TRUE; /* no ICE */

  /* RFC 8839: ufrag 4-256 ice-chars, pwd 22-256 */
  if (!is_ice_chars (ufrag, 4, 256))
    return invalid (error, "Missing or malformed a=ice-ufrag:%s", ufrag);
  if (!is_ice_chars (pwd, 22, 256))
    return invalid (error, "Missing or malformed a=ice-pwd:%s", pwd);

  remote->candidates = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);
      gboolean usable;

      if (g_strcmp0 (attr->key, "candidate") != 0)
        continue;
      if (attr->value == NULL || !check_candidate (attr->value, &usable, error))
        {
          if (attr->value == NULL)
            invalid (error, "Empty a=candidate%s", "");
          sip_simple_ice_remote_clear (remote);
          return FALSE;
        }
      if (usable)
        g_ptr_array_add (remote->candidates, g_strconcat ("a=candidate:", attr->value, NULL));
    }
  remote->ufrag = g_strdup (ufrag);
  remote->pwd = g_strdup (pwd);
  /* a flag: its value is NULL or "", only the key tells */
  for (guint i = 0; sdp != NULL && i < gst_sdp_message_attributes_len (sdp); i++)
    if (g_strcmp0 (gst_sdp_message_get_attribute (sdp, i)->key, "ice-lite") == 0)
      remote->ice_lite = TRUE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */

struct _SipSimpleIceTransport
{
  GObject parent_instance;

  GMainContext *context;
  NiceAgent    *agent;
  guint         stream_id;
  char         *local_address;
  char         *stun_host;
  guint         stun_port;
  gboolean      controlling; /* the role we start in */

  GTask        *gather_task;
  gboolean      gathered;
  guint         state; /* of the RTP component */
  char         *remote_address;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleIceTransport, sip_simple_ice_transport, G_TYPE_OBJECT)

/* libnice emits signals on whichever thread releases its lock (nicesrc
 * runs its own context), and the agent must never be called back from
 * inside its own signal: every handler forwards to an idle source on the
 * owning context, holding only a weak reference. */
typedef struct
{
  GWeakRef self;
  guint    kind;
  guint    component;
  guint    state;
  char    *remote;
} IceEvent;

enum { EVENT_GATHERED, EVENT_STATE, EVENT_PAIR };

static void
ice_event_free (gpointer data)
{
  IceEvent *event = data;

  g_weak_ref_clear (&event->self);
  g_free (event->remote);
  g_free (event);
}

static void
finish_gathering (SipSimpleIceTransport *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->gather_task);

  self->gathered = TRUE;
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static gboolean
dispatch_event (gpointer data)
{
  IceEvent *event = data;
  g_autoptr (SipSimpleIceTransport) self = g_weak_ref_get (&event->self);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  switch (event->kind)
    {
    case EVENT_GATHERED:
      finish_gathering (self);
      break;
    case EVENT_STATE:
      if (event->component == 1 && self->state != event->state)
        {
          g_debug ("ICE: RTP component %s", nice_component_state_to_string (event->state));
          self->state = event->state;
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
        }
      break;
    case EVENT_PAIR:
      if (event->component == 1 && g_strcmp0 (self->remote_address, event->remote) != 0)
        {
          g_free (self->remote_address);
          self->remote_address = g_steal_pointer (&event->remote);
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
        }
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
post_event (SipSimpleIceTransport *self, IceEvent *event)
{
  GSource *source = g_idle_source_new ();

  g_weak_ref_init (&event->self, self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_event, event, ice_event_free);
  g_source_set_static_name (source, "[sipsimple] ICE event");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
on_gathering_done (NiceAgent *agent, guint stream_id, gpointer user_data)
{
  IceEvent *event = g_new0 (IceEvent, 1);

  event->kind = EVENT_GATHERED;
  post_event (user_data, event);
}

static void
on_component_state_changed (NiceAgent *agent,
                            guint      stream_id,
                            guint      component_id,
                            guint      state,
                            gpointer   user_data)
{
  IceEvent *event = g_new0 (IceEvent, 1);

  event->kind = EVENT_STATE;
  event->component = component_id;
  event->state = state;
  post_event (user_data, event);
}

static char *
format_address (const NiceAddress *address)
{
  char ip[NICE_ADDRESS_STRING_LEN];

  nice_address_to_string (address, ip);
  if (nice_address_ip_version (address) == 6)
    return g_strdup_printf ("[%s]:%u", ip, nice_address_get_port (address));
  return g_strdup_printf ("%s:%u", ip, nice_address_get_port (address));
}

static void
on_new_selected_pair (NiceAgent     *agent,
                      guint          stream_id,
                      guint          component_id,
                      NiceCandidate *local,
                      NiceCandidate *remote,
                      gpointer       user_data)
{
  IceEvent *event = g_new0 (IceEvent, 1);

  event->kind = EVENT_PAIR;
  event->component = component_id;
  event->remote = format_address (&remote->addr);
  post_event (user_data, event);
}

/* Incoming data before the pipeline runs (or between pipelines) is
 * dropped; attaching a receiver is what lets the agent see STUN. */
static void
drop_data (NiceAgent *agent, guint stream_id, guint component_id, guint len, gchar *buf,
           gpointer user_data)
{
}

static void
sip_simple_ice_transport_dispose (GObject *object)
{
  SipSimpleIceTransport *self = SIP_SIMPLE_ICE_TRANSPORT (object);

  if (self->agent != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->agent, self);
      if (self->stream_id != 0)
        nice_agent_remove_stream (self->agent, self->stream_id);
      g_clear_object (&self->agent);
    }
  if (self->gather_task != NULL)
    {
      g_task_return_new_error (self->gather_task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "ICE transport disposed");
      g_clear_object (&self->gather_task);
    }
  G_OBJECT_CLASS (sip_simple_ice_transport_parent_class)->dispose (object);
}

static void
sip_simple_ice_transport_finalize (GObject *object)
{
  SipSimpleIceTransport *self = SIP_SIMPLE_ICE_TRANSPORT (object);

  g_free (self->local_address);
  g_free (self->stun_host);
  g_free (self->remote_address);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_ice_transport_parent_class)->finalize (object);
}

static void
sip_simple_ice_transport_class_init (SipSimpleIceTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_ice_transport_dispose;
  object_class->finalize = sip_simple_ice_transport_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
sip_simple_ice_transport_init (SipSimpleIceTransport *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->state = NICE_COMPONENT_STATE_DISCONNECTED;
}

SipSimpleIceTransport *
sip_simple_ice_transport_new (GMainContext *context,
                              const char   *local_address,
                              const char   *stun_server,
                              gboolean      controlling)
{
  SipSimpleIceTransport *self = g_object_new (SIP_SIMPLE_TYPE_ICE_TRANSPORT, NULL);

  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);

  self->local_address = g_strdup (local_address);
  self->controlling = controlling;
  if (stun_server != NULL && *stun_server != '\0')
    {
      g_autoptr (GSocketConnectable) connectable =
        g_network_address_parse (stun_server, DEFAULT_STUN_PORT, NULL);
      if (connectable != NULL)
        {
          self->stun_host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)));
          self->stun_port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
        }
      else
        g_warning ("Ignoring malformed STUN server “%s”", stun_server);
    }
  return self;
}

/* libsofia-sip-ua exports a stun_message_length() of its own; when it
 * comes before libnice in the symbol lookup order, libnice's STUN messages
 * come out empty and every connectivity check fails. libsipsimple links
 * libnice first; say so loudly when a process got the order wrong anyway. */
static void
check_stun_symbols (void)
{
  static gsize checked;
  Dl_info info;
  void *symbol;

  if (!g_once_init_enter (&checked))
    return;
  symbol = dlsym (RTLD_DEFAULT, "stun_message_length");
  if (symbol != NULL && dladdr (symbol, &info) && info.dli_fname != NULL
      && strstr (info.dli_fname, "libnice") == NULL)
    g_warning ("stun_message_length() comes from %s, not libnice: ICE checks will fail. "
               "Link libnice before libsofia-sip-ua.", info.dli_fname);
  g_once_init_leave (&checked, 1);
}

static gboolean
start_gathering (SipSimpleIceTransport *self, const char *stun_ip, GError **error)
{
  NiceAddress address;

  check_stun_symbols ();

  self->agent = nice_agent_new (self->context, NICE_COMPATIBILITY_RFC5245);
  /* UDP only: ICE-TCP through nicesrc/nicesink is fragile in libnice
   * 0.1.21; and never UPnP, which would talk to the local network. */
  g_object_set (self->agent, "ice-tcp", FALSE, "ice-udp", TRUE, NULL);
  /* the role is fixed once gathering starts (libnice changes it only while
   * every component is disconnected), so it is chosen now */
  g_object_set (self->agent, "controlling-mode", self->controlling, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->agent), "upnp") != NULL)
    g_object_set (self->agent, "upnp", FALSE, NULL);
  if (stun_ip != NULL)
    g_object_set (self->agent, "stun-server", stun_ip, "stun-server-port", self->stun_port, NULL);

  g_signal_connect (self->agent, "candidate-gathering-done", G_CALLBACK (on_gathering_done), self);
  g_signal_connect (self->agent, "component-state-changed",
                    G_CALLBACK (on_component_state_changed), self);
  g_signal_connect (self->agent, "new-selected-pair-full", G_CALLBACK (on_new_selected_pair),
                    self);

  /* Candidates only on the address the SIP engine uses: a wildcard means
   * every interface, which libnice finds by itself. */
  if (self->local_address != NULL && nice_address_set_from_string (&address, self->local_address))
    {
      g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (self->local_address);
      if (inet != NULL && !g_inet_address_get_is_any (inet))
        nice_agent_add_local_address (self->agent, &address);
    }

  self->stream_id = nice_agent_add_stream (self->agent, N_COMPONENTS);
  if (self->stream_id == 0)
    goto failed;
  nice_agent_set_stream_name (self->agent, self->stream_id, "audio");
  for (guint c = 1; c <= N_COMPONENTS; c++)
    nice_agent_attach_recv (self->agent, self->stream_id, c, self->context, drop_data, NULL);
  if (!nice_agent_gather_candidates (self->agent, self->stream_id))
    goto failed;
  return TRUE;

failed:
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
               "ICE could not allocate candidates on %s",
               self->local_address ? self->local_address : "any address");
  return FALSE;
}

static void
stun_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipSimpleIceTransport *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autolist (GInetAddress) addresses = NULL;
  g_autofree char *ip = NULL;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_object (&self->gather_task);
      return;
    }
  if (addresses != NULL)
    ip = g_inet_address_to_string (addresses->data);
  else
    g_warning ("STUN server %s: %s; gathering host candidates only", self->stun_host,
               error->message);
  if (!start_gathering (self, ip, &error))
    {
      g_clear_object (&self->gather_task);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

void
sip_simple_ice_transport_gather_async (SipSimpleIceTransport *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) stun_literal = NULL;

  g_task_set_source_tag (task, sip_simple_ice_transport_gather_async);
  g_return_if_fail (self->agent == NULL && self->gather_task == NULL);

  self->gather_task = g_object_ref (task);
  if (self->stun_host != NULL)
    stun_literal = g_inet_address_new_from_string (self->stun_host);
  if (self->stun_host != NULL && stun_literal == NULL)
    {
      g_autoptr (GResolver) resolver = g_resolver_get_default ();
      g_resolver_lookup_by_name_async (resolver, self->stun_host, cancellable, stun_resolved,
                                       g_steal_pointer (&task));
      return;
    }
  if (!start_gathering (self, self->stun_host, &error))
    {
      g_clear_object (&self->gather_task);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

gboolean
sip_simple_ice_transport_gather_finish (SipSimpleIceTransport *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

NiceAgent *
sip_simple_ice_transport_get_agent (SipSimpleIceTransport *self)
{
  return self->agent;
}

guint
sip_simple_ice_transport_get_stream_id (SipSimpleIceTransport *self)
{
  return self->stream_id;
}

gboolean
sip_simple_ice_transport_get_default (SipSimpleIceTransport *self,
                                      guint                  component,
                                      char                 **address,
                                      guint                 *port)
{
  NiceCandidate *candidate;
  char ip[NICE_ADDRESS_STRING_LEN];

  if (self->agent == NULL)
    return FALSE;
  candidate = nice_agent_get_default_local_candidate (self->agent, self->stream_id, component);
  if (candidate == NULL)
    {
      /* libnice only picks IPv4 defaults: on IPv6, the lowest priority
       * candidate (the likeliest to work) is ours to pick */
      GSList *all = nice_agent_get_local_candidates (self->agent, self->stream_id, component);

      for (GSList *l = all; l != NULL; l = l->next)
        if (candidate == NULL || ((NiceCandidate *) l->data)->priority < candidate->priority)
          candidate = l->data;
      if (candidate != NULL)
        candidate = nice_candidate_copy (candidate);
      g_slist_free_full (all, (GDestroyNotify) nice_candidate_free);
      if (candidate == NULL)
        return FALSE;
    }
  nice_address_to_string (&candidate->addr, ip);
  *address = g_strdup (ip);
  *port = nice_address_get_port (&candidate->addr);
  nice_candidate_free (candidate);
  return TRUE;
}

void
sip_simple_ice_transport_add_attributes (SipSimpleIceTransport *self, GstSDPMedia *media)
{
  g_autofree char *ufrag = NULL;
  g_autofree char *pwd = NULL;

  g_return_if_fail (self->agent != NULL);

  nice_agent_get_local_credentials (self->agent, self->stream_id, &ufrag, &pwd);
  gst_sdp_media_add_attribute (media, "ice-ufrag", ufrag);
  gst_sdp_media_add_attribute (media, "ice-pwd", pwd);
  for (guint c = 1; c <= N_COMPONENTS; c++)
    {
      GSList *candidates = nice_agent_get_local_candidates (self->agent, self->stream_id, c);

      for (GSList *l = candidates; l != NULL; l = l->next)
        {
          g_autofree char *line = nice_agent_generate_local_candidate_sdp (self->agent, l->data);
          if (line != NULL && g_str_has_prefix (line, "a=candidate:"))
            gst_sdp_media_add_attribute (media, "candidate", line + strlen ("a=candidate:"));
        }
      g_slist_free_full (candidates, (GDestroyNotify) nice_candidate_free);
    }
}

gboolean
sip_simple_ice_transport_set_remote (SipSimpleIceTransport    *self,
                                     const SipSimpleIceRemote *remote,
                                     gboolean                  controlling,
                                     GError                  **error)
{
  GSList *per_component[N_COMPONENTS + 1] = { NULL };

  g_return_val_if_fail (self->agent != NULL && remote->ufrag != NULL, FALSE);

  /* libnice fixes the role when gathering starts: the one given to
   * sip_simple_ice_transport_new() stays. A different request here only
   * takes effect at an ICE restart; a conflict with the peer is repaired
   * by the checks themselves (487, RFC 8445 section 7.3.1.1). */
  g_object_set (self->agent, "controlling-mode", controlling || remote->ice_lite, NULL);
  if (!nice_agent_set_remote_credentials (self->agent, self->stream_id, remote->ufrag,
                                          remote->pwd))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                   "ICE rejected the remote credentials");
      return FALSE;
    }
  for (guint i = 0; i < remote->candidates->len; i++)
    {
      NiceCandidate *candidate =
        nice_agent_parse_remote_candidate_sdp (self->agent, self->stream_id,
                                               g_ptr_array_index (remote->candidates, i));
      if (candidate == NULL)
        {
          g_debug ("ICE: libnice ignores %s", (char *) g_ptr_array_index (remote->candidates, i));
          continue;
        }
      per_component[candidate->component_id] =
        g_slist_append (per_component[candidate->component_id], candidate);
    }
  for (guint c = 1; c <= N_COMPONENTS; c++)
    {
      if (per_component[c] != NULL)
        nice_agent_set_remote_candidates (self->agent, self->stream_id, c, per_component[c]);
      g_slist_free_full (per_component[c], (GDestroyNotify) nice_candidate_free);
    }
  nice_agent_peer_candidate_gathering_done (self->agent, self->stream_id);
  return TRUE;
}

static gboolean
select_plain (SipSimpleIceTransport *self, guint component, GInetSocketAddress *address)
{
  NiceCandidate *candidate = nice_candidate_new (NICE_CANDIDATE_TYPE_HOST);
  struct sockaddr_storage storage;
  gboolean ok;

  candidate->stream_id = self->stream_id;
  candidate->component_id = component;
  candidate->transport = NICE_CANDIDATE_TRANSPORT_UDP;
  g_strlcpy (candidate->foundation, "1", sizeof candidate->foundation);
  g_socket_address_to_native (G_SOCKET_ADDRESS (address), &storage, sizeof storage, NULL);
  nice_address_set_from_sockaddr (&candidate->addr, (struct sockaddr *) &storage);
  ok = nice_agent_set_selected_remote_candidate (self->agent, self->stream_id, component,
                                                 candidate);
  nice_candidate_free (candidate);
  return ok;
}

gboolean
sip_simple_ice_transport_set_remote_plain (SipSimpleIceTransport *self,
                                           GInetSocketAddress    *rtp,
                                           GInetSocketAddress    *rtcp,
                                           GError               **error)
{
  g_return_val_if_fail (self->agent != NULL, FALSE);

  /* libnice's way of talking to a peer without ICE: force the pair and
   * stop checking. */
  if (!select_plain (self, 1, rtp) || (rtcp != NULL && !select_plain (self, 2, rtcp)))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                   "ICE could not select the peer's address");
      return FALSE;
    }
  return TRUE;
}

guint
sip_simple_ice_transport_get_state (SipSimpleIceTransport *self)
{
  return self->state;
}

const char *
sip_simple_ice_transport_get_remote_address (SipSimpleIceTransport *self)
{
  return self->remote_address;
}
