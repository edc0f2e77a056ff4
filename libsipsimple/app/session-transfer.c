/* libsipsimple - SipSimpleSession transfers: REFER (RFC 3515) out and in,
 * blind and attended (Replaces, RFC 3891), with accept and reject, and the
 * NOTIFYs that report the new call's progress to the transferor.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/session.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/streams/media-stream.h>
#include "session-impl-private.h"
#include "session-private.h"

#include <string.h>

static void on_refer (SipSimpleInvitation *inv, const char *refer_to, const char *referred_by,
                      SipSimpleSession *self);
static void on_refer_status (SipSimpleInvitation *inv, guint code, const char *reason,
                             gboolean final, SipSimpleSession *self);

void
session_transfer_bind (SipSimpleSession *self, SipSimpleInvitation *inv)
{
  g_signal_connect (inv, "refer", G_CALLBACK (on_refer), self);
  g_signal_connect (inv, "refer-status", G_CALLBACK (on_refer_status), self);
}

/* ---- being transferred: the peer's REFER ---------------------------------- */

static void
on_refer (SipSimpleInvitation *inv, const char *refer_to, const char *referred_by,
          SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTED || self->refer_to != NULL)
    {
      sip_simple_invitation_respond_refer (inv, 403, NULL, NULL);
      return;
    }
  self->refer_to = g_strdup (refer_to);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_NEW_INCOMING], 0, refer_to,
                 referred_by ? referred_by : "");
}

static void
on_refer_status (SipSimpleInvitation *inv, guint code, const char *reason, gboolean final,
                 SipSimpleSession *self)
{
  if (!self->transferring)
    return;
  if (code < 300 && !self->transfer_started)
    {
      self->transfer_started = TRUE;
      g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_STARTED], 0);
    }
  if (!final && code < 200)
    return;
  if (code >= 200 && code < 300)
    {
      self->transferring = FALSE;
      g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_SUCCEEDED], 0);
      /* the transferee talks to the target now */
      sip_simple_session_end (self);
    }
  else if (code >= 300 || final)
    {
      self->transferring = FALSE;
      g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_FAILED], 0, code, reason);
    }
}

/* ---- transferring the peer ------------------------------------------------ */

static char *
escape_for_uri_header (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/**
 * sip_simple_session_transfer:
 * @self: a connected session
 * @target: (nullable): whom the peer should call: a SIP URI, `user@domain` or a
 *   user; for an attended transfer %NULL means the peer of @replaced_session
 * @replaced_session: (nullable): for an attended transfer, our session with
 *   @target that the new call replaces
 * @error: return location for a #GError
 *
 * Transfers the peer (REFER, RFC 3515; with Replaces, RFC 3891, when
 * @replaced_session is given). #SipSimpleSession::transfer-new-outgoing,
 * then transfer-started and transfer-succeeded (the session then ends) or
 * transfer-failed.
 *
 * Returns: %FALSE when not connected or the target is invalid
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_transfer (SipSimpleSession *self, const char *target,
                             SipSimpleSession *replaced_session, GError **error)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *uri_text = NULL;
  g_autofree char *refer_to = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "transfer", SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;

  if (replaced_session != NULL)
    {
      g_autofree char   *replaces = NULL;
      g_autofree char   *escaped = NULL;
      SipSimpleNameAddr *peer;

      if (replaced_session->inv == NULL
          || sip_simple_invitation_get_state (replaced_session->inv)
                 != SIP_SIMPLE_INVITATION_STATE_CONNECTED)
        {
          g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                               SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                               "The replaced session is not established");
          return FALSE;
        }
      replaces = sip_simple_invitation_make_replaces (replaced_session->inv);
      peer = sip_simple_invitation_get_remote_identity (replaced_session->inv);
      if (replaces == NULL || peer == NULL)
        {
          g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_FAILED,
                               "Could not identify the replaced dialog");
          return FALSE;
        }
      /* "Replaces: callid;to-tag=..;from-tag=.." -> the header value */
      if (g_str_has_prefix (replaces, "Replaces:"))
        {
          char *v = replaces + strlen ("Replaces:");
          while (*v == ' ')
            v++;
          escaped = escape_for_uri_header (g_strchomp (v));
        }
      else
        escaped = escape_for_uri_header (replaces);
      uri = target ? sip_simple_account_resolve_target (self->account, target, error)
                   : sip_simple_uri_copy (sip_simple_name_addr_get_uri (peer));
      if (uri == NULL)
        return FALSE;
      uri_text = sip_simple_uri_to_string (uri);
      refer_to = g_strdup_printf ("<%s?Replaces=%s>", uri_text, escaped);
    }
  else
    {
      uri = sip_simple_account_resolve_target (self->account, target, error);
      if (uri == NULL)
        return FALSE;
      uri_text = sip_simple_uri_to_string (uri);
      refer_to = g_strdup_printf ("<%s>", uri_text);
    }

  if (!sip_simple_invitation_send_refer (self->inv, refer_to, error))
    return FALSE;
  self->transferring = TRUE;
  self->transfer_started = FALSE;
  g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_NEW_OUTGOING], 0, uri_text);
  return TRUE;
}

static void
transfer_progress (SipSimpleSession *target, guint code, const char *reason, SipSimpleSession *self)
{
  sip_simple_invitation_notify_refer (self->inv, code, reason, FALSE, NULL);
}

static void
transfer_started (SipSimpleSession *target, SipSimpleSession *self)
{
  sip_simple_invitation_notify_refer (self->inv, 200, "OK", TRUE, NULL);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_SUCCEEDED], 0);
  g_signal_handlers_disconnect_by_data (target, self);
  g_clear_object (&self->transfer_session);
  /* we are connected to the target now */
  sip_simple_session_end (self);
}

static void
transfer_failed (SipSimpleSession *target, SipSimpleOriginator originator, guint code,
                 const char *reason, const char *failure_reason, SipSimpleSession *self)
{
  guint c = code >= 300 ? code : 500;
  sip_simple_invitation_notify_refer (self->inv, c, reason, TRUE, NULL);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_FAILED], 0, c,
                 reason && *reason ? reason : failure_reason);
  g_signal_handlers_disconnect_by_data (target, self);
  g_clear_object (&self->transfer_session);
}

/* A new stream of the same type and configuration as @s, for the call a
 * transfer makes: the same codecs, crypto, ICE and audio input/output as
 * the call being transferred. Object-valued properties (GStreamer elements
 * the application handed over) stay with the old stream: an element
 * belongs to one pipeline. */
static SipSimpleMediaStream *
new_stream_like (SipSimpleMediaStream *s)
{
  guint                   n_specs = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (s), &n_specs);
  g_autofree const char **names = g_new0 (const char *, n_specs + 1);
  GValue                 *values = g_new0 (GValue, n_specs + 1);
  guint                   n = 0;
  GObject                *copy;

  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *spec = specs[i];
      if ((spec->flags & G_PARAM_READABLE) == 0 || (spec->flags & G_PARAM_WRITABLE) == 0
          || (spec->flags & G_PARAM_DEPRECATED) != 0
          || g_type_is_a (spec->value_type, G_TYPE_OBJECT)
          || g_type_is_a (spec->value_type, G_TYPE_INTERFACE))
        continue;
      names[n] = spec->name;
      g_value_init (&values[n], spec->value_type);
      g_object_get_property (G_OBJECT (s), spec->name, &values[n]);
      n++;
    }
  copy = g_object_new_with_properties (G_OBJECT_TYPE (s), n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  g_free (values);
  return SIP_SIMPLE_MEDIA_STREAM (copy);
}

/**
 * sip_simple_session_accept_transfer:
 * @self: a session that received a transfer request
 * @error: return location for a #GError
 *
 * Accepts the transfer: calls the target with new streams of the same
 * types and settings as this session's (codecs, SRTP, ICE, audio input and
 * output — not GStreamer elements the application set as input-element or
 * output-element, which belong to the old stream; set new ones on the
 * streams of the session announced below), reports progress to the
 * transferor, and ends
 * this session when the new one starts. The new session is announced by
 * [signal@SipSimple.SessionManager::new-outgoing].
 *
 * Returns: %FALSE when no transfer is pending
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_accept_transfer (SipSimpleSession *self, GError **error)
{
  g_autoptr (SipSimpleNameAddr) na = NULL;
  g_autoptr (SipSimpleHeaders) extra = NULL;
  g_autoptr (GPtrArray) streams = NULL;
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char  *replaces = NULL;
  g_autofree char  *target = NULL;
  SipSimpleSession *next;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (self->refer_to == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                           "No transfer request is pending");
      return FALSE;
    }
  na = sip_simple_name_addr_parse (self->refer_to, error);
  g_clear_pointer (&self->refer_to, g_free);
  if (na == NULL)
    {
      sip_simple_invitation_respond_refer (self->inv, 400, NULL, NULL);
      return FALSE;
    }
  uri = sip_simple_uri_copy (sip_simple_name_addr_get_uri (na));
  replaces = g_strdup (sip_simple_uri_get_header (uri, "Replaces"));
  if (replaces != NULL)
    {
      sip_simple_uri_remove_header (uri, "Replaces");
      extra = sip_simple_headers_new ();
      sip_simple_headers_append (extra, "Replaces", replaces, NULL);
    }
  target = sip_simple_uri_to_string (uri);

  streams = g_ptr_array_new_with_free_func (session_unref_nullable);
  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s != NULL)
        g_ptr_array_add (streams, new_stream_like (s));
    }
  if (!sip_simple_invitation_respond_refer (self->inv, 202, NULL, error))
    return FALSE;
  sip_simple_invitation_notify_refer (self->inv, 100, "Trying", FALSE, NULL);

  next = sip_simple_session_new (self->account);
  g_signal_connect (next, "provisional-response", G_CALLBACK (transfer_progress), self);
  g_signal_connect (next, "started", G_CALLBACK (transfer_started), self);
  g_signal_connect (next, "failed", G_CALLBACK (transfer_failed), self);
  self->transfer_session = next;
  g_signal_emit (self, session_signals[SESSION_SIGNAL_TRANSFER_STARTED], 0);
  if (!sip_simple_session_connect_full (next, target, (SipSimpleMediaStream **)streams->pdata,
                                        streams->len, extra, error))
    {
      sip_simple_invitation_notify_refer (self->inv, 500, "Server Internal Error", TRUE, NULL);
      g_signal_handlers_disconnect_by_data (next, self);
      g_clear_object (&self->transfer_session);
      return FALSE;
    }
  return TRUE;
}

/**
 * sip_simple_session_reject_transfer:
 * @self: a session that received a transfer request
 * @code: the status, usually 486 or 603
 * @reason: (nullable): ignored; the standard phrase is sent
 * @error: return location for a #GError
 *
 * Refuses the transfer request.
 *
 * Returns: %FALSE when no transfer is pending
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_reject_transfer (SipSimpleSession *self, guint code, const char *reason,
                                    GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (self->refer_to == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR, SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
                           "No transfer request is pending");
      return FALSE;
    }
  g_clear_pointer (&self->refer_to, g_free);
  return sip_simple_invitation_respond_refer (self->inv, code >= 300 && code <= 699 ? code : 603,
                                              reason, error);
}
