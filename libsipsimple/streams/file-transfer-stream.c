/* libsipsimple - SipSimpleFileTransferStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/file-transfer-stream.h>
#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/sdp/sdp.h>
#include <sipsimple/streams/file-selector.h>
#include <sipsimple/streams/media-stream.h>

#include "sip/random-internal.h"
#include "msrp-media-private.h"
#include "msrp-stream-private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/**
 * SipSimpleFileTransferStream:
 *
 * A file transfer (RFC 5547): an `m=message … TCP/MSRP *` line with an
 * `a=file-selector`. The file goes as one MSRP message, in chunks read
 * from disk as the connection drains and written to disk as they arrive,
 * so no file is ever held in memory.
 *
 * - Push: sip_simple_file_transfer_stream_new_for_path() offers a file
 *   (`a=sendonly`, with its name, size, type, SHA-1 hash, date and
 *   disposition); the stream hashes the file while it initializes.
 * - Pull: sip_simple_file_transfer_stream_new_for_request() asks the peer
 *   for a file (`a=recvonly`) described by a selector.
 * - Incoming offers create a stream through the
 *   [class@SipSimple.MediaStreamRegistry]; the application reads the offer
 *   with sip_simple_file_transfer_stream_get_file_selector() and, before
 *   accepting, sets where a pushed file goes
 *   (sip_simple_file_transfer_stream_set_destination_path() or
 *   sip_simple_file_transfer_stream_set_destination_stream()) or which file
 *   answers a pull (sip_simple_file_transfer_stream_set_source_path()).
 *
 * [signal@SipSimple.FileTransferStream::progress] follows the bytes. The
 * receiver checks the hash at the end: a match gives
 * [signal@SipSimple.FileTransferStream::finished], a mismatch (like any
 * other failure, or the session ending first) [signal@SipSimple.MediaStream::failed].
 * The sender finishes when the peer confirmed every chunk.
 *
 * An interrupted transfer is resumed in a new offer with
 * sip_simple_file_transfer_stream_set_range_start() (`a=file-range`):
 * the receiver keeps the first bytes of the destination file and appends
 * the rest; the hash covers the whole file.
 *
 * Since: 0.1
 */

#define HASH_BLOCK (1024 * 1024)

struct _SipSimpleFileTransferStream
{
  SipSimpleMsrpStream parent_instance;

  gboolean outcome; /* finished or failed was emitted */
  gboolean finished;
  gboolean verifying; /* every byte is here: the hash decides */

  /* what this side does */
  gboolean sending;    /* we send the file (push offer, or answering a pull) */
  gboolean requesting; /* a pull offer */

  /* the file */
  char                  *source_path;
  char                  *content_type;
  SipSimpleFileSelector *selector; /* ours (sending) or the offered/requested one */
  char                  *transfer_id;
  char                  *disposition;
  char                  *file_date;
  guint64                range_start; /* first byte (0-based) that goes over the wire */
  guint64                total;

  /* hashing the source while initializing */
  GChecksum    *checksum;
  GInputStream *hash_in;
  guint64       hashed;
  GCancellable *hash_cancellable;

  /* receiving */
  char          *destination_path;
  GOutputStream *destination;
  gboolean       own_destination; /* opened by us from destination_path */
  char          *in_id;
  guint64        transferred;
  guint64        written; /* bytes written to our own destination file */

  /* sending */
  GInputStream *source;
  char         *out_id;
};

enum
{
  PROP_0,
  PROP_FILE_SELECTOR,
  PROP_SENDING,
  PROP_RANGE_START,
  PROP_TRANSFERRED,
  PROP_TRANSFER_ID,
  PROP_DISPOSITION,
  PROP_MSRP_SESSION,
  N_PROPS
};

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleFileTransferStream, sip_simple_file_transfer_stream,
                     SIP_SIMPLE_TYPE_MSRP_STREAM)

#define BASE(self) SIP_SIMPLE_MSRP_STREAM (self)
#define MSRP(self) sip_simple_msrp_stream_get_session (BASE (self))

static void
close_files (SipSimpleFileTransferStream *self)
{
  if (self->source)
    g_input_stream_close (self->source, NULL, NULL);
  g_clear_object (&self->source);
  if (self->destination && self->own_destination)
    {
      g_output_stream_close (self->destination, NULL, NULL);
      g_clear_object (&self->destination);
    }
}

/* The one final outcome: failure. */
static void
fail (SipSimpleFileTransferStream *self, GError *error)
{
  if (self->outcome)
    {
      g_error_free (error);
      return;
    }
  self->outcome = TRUE;
  close_files (self);
  g_debug ("FileTransferStream failed: %s", error->message);
  sip_simple_msrp_stream_fail (BASE (self), error);
  g_error_free (error);
}

static void
finish (SipSimpleFileTransferStream *self)
{
  if (self->outcome)
    return;
  self->outcome = TRUE;
  self->finished = TRUE;
  close_files (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
progress (SipSimpleFileTransferStream *self, guint64 bytes)
{
  self->transferred = bytes;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, bytes, self->total);
}

/* ---- hashing the source -------------------------------------------------- */

static void hash_next (SipSimpleFileTransferStream *self);

static void
hash_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SipSimpleFileTransferStream *self = user_data;
  GError                      *error = NULL;
  g_autoptr (GBytes) bytes
      = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (bytes == NULL)
    {
      g_clear_object (&self->hash_cancellable);
      sip_simple_msrp_stream_initialize_done (
          BASE (self),
          g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                       "Cannot read %s: %s", self->source_path, error->message));
      g_error_free (error);
      g_object_unref (self);
      return;
    }
  if (g_bytes_get_size (bytes) > 0)
    {
      g_checksum_update (self->checksum, g_bytes_get_data (bytes, NULL),
                         (gssize)g_bytes_get_size (bytes));
      self->hashed += g_bytes_get_size (bytes);
      hash_next (self);
    }
  else
    {
      guint8           digest[20];
      gsize            len = sizeof digest;
      g_autofree char *hash = NULL;
      g_autofree char *name = g_path_get_basename (self->source_path);

      g_checksum_get_digest (self->checksum, digest, &len);
      hash = sip_simple_file_selector_format_sha1 (digest, len);
      g_clear_pointer (&self->checksum, g_checksum_free);
      g_input_stream_close (self->hash_in, NULL, NULL);
      g_clear_object (&self->hash_in);
      g_clear_pointer (&self->selector, sip_simple_file_selector_unref);
      self->selector
          = sip_simple_file_selector_new (name, (gint64)self->hashed, self->content_type, hash);
      self->total = self->hashed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_SELECTOR]);
      g_clear_object (&self->hash_cancellable);
      sip_simple_msrp_stream_initialize_done (BASE (self), NULL);
    }
  g_object_unref (self);
}

static void
hash_next (SipSimpleFileTransferStream *self)
{
  g_input_stream_read_bytes_async (self->hash_in, HASH_BLOCK, G_PRIORITY_DEFAULT,
                                   self->hash_cancellable, hash_read, g_object_ref (self));
}

/* Opens the source, reads its size, type and date, and hashes it. */
static void
start_hashing (SipSimpleFileTransferStream *self, GCancellable *cancellable)
{
  g_autoptr (GFile) file = g_file_new_for_path (self->source_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileInfo) info = NULL;
  GFileInputStream *in;

  info = g_file_query_info (
      file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
      G_FILE_QUERY_INFO_NONE, NULL, &error);
  in = info ? g_file_read (file, NULL, &error) : NULL;
  if (in == NULL)
    {
      sip_simple_msrp_stream_initialize_done (
          BASE (self),
          g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                       "Cannot open %s: %s", self->source_path, error->message));
      return;
    }
  if (self->content_type == NULL)
    {
      const char      *ct = g_file_info_get_content_type (info);
      g_autofree char *mime = ct ? g_content_type_get_mime_type (ct) : NULL;
      self->content_type
          = g_strdup (mime && strchr (mime, '/') ? mime : "application/octet-stream");
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    {
      static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
      static const char *const months[]
          = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
      g_autoptr (GDateTime) mtime = g_file_info_get_modification_date_time (info);
      g_autoptr (GDateTime) utc = mtime ? g_date_time_to_utc (mtime) : NULL;

      g_free (self->file_date);
      /* RFC 5547: an RFC 822 date in quotes, in English whatever the locale */
      self->file_date
          = utc ? g_strdup_printf ("modification:\"%s, %02d %s %04d %02d:%02d:%02d +0000\"",
                                   days[g_date_time_get_day_of_week (utc) - 1],
                                   g_date_time_get_day_of_month (utc),
                                   months[g_date_time_get_month (utc) - 1],
                                   g_date_time_get_year (utc), g_date_time_get_hour (utc),
                                   g_date_time_get_minute (utc), g_date_time_get_second (utc))
                : NULL;
    }
  self->hash_in = G_INPUT_STREAM (in);
  self->hash_cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  self->hashed = 0;
  hash_next (self);
}

/* ---- receiving ------------------------------------------------------------ */

static gboolean
open_destination (SipSimpleFileTransferStream *self, GError **error)
{
  g_autoptr (GFile) file = NULL;
  GFileOutputStream *out;

  if (self->destination)
    return TRUE;
  if (self->destination_path == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                           "No destination for the offered file");
      return FALSE;
    }
  file = g_file_new_for_path (self->destination_path);
  if (self->range_start > 0)
    {
      /* resume: keep exactly the first range_start bytes */
      if (truncate (self->destination_path, (off_t)self->range_start) != 0)
        {
          int e = errno;
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                       "Cannot resume into %s: %s", self->destination_path, g_strerror (e));
          return FALSE;
        }
      out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
    }
  else
    out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;
  self->destination = G_OUTPUT_STREAM (out);
  self->own_destination = TRUE;
  return TRUE;
}

static void
on_message_started (SipSimpleMsrpSession *msrp, const char *id, const char *content_type,
                    gint64 total, SipSimpleFileTransferStream *self)
{
  g_autoptr (GError) error = NULL;

  (void)content_type;
  if (self->sending || self->in_id != NULL || self->outcome)
    return; /* one file per stream; anything else is left to the session's buffer */
  self->in_id = g_strdup (id);
  if (total >= 0)
    self->total = (guint64)total;
  /* A file we opened is written as the pieces arrive (a write to a local
   * file lands in the page cache; going through GIO's asynchronous writes,
   * one worker-thread round trip per piece, was 20 times slower). An
   * application's stream may block, so it gets the session's
   * asynchronous target writes. */
  if (!self->own_destination
      && !sip_simple_msrp_session_set_message_target (msrp, id, self->destination, &error))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  /* a resumed transfer: the first range_start bytes are here already */
  if (self->range_start > 0
      && !sip_simple_msrp_session_set_message_offset (msrp, id, self->range_start, &error))
    fail (self, g_steal_pointer (&error));
}

static void
on_chunk_received (SipSimpleMsrpSession *msrp, const char *id, guint64 offset, GBytes *data,
                   SipSimpleFileTransferStream *self)
{
  (void)msrp;
  if (g_strcmp0 (id, self->in_id) != 0 || self->outcome)
    return;
  if (self->own_destination)
    {
      g_autoptr (GError) error = NULL;
      gsize       len;
      const void *bytes = g_bytes_get_data (data, &len);

      if (offset != self->range_start + self->written)
        {
          fail (self,
                g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                             "A piece of the file arrived out of order (at %" G_GUINT64_FORMAT
                             ", expected %" G_GUINT64_FORMAT ")",
                             offset, self->range_start + self->written));
          return;
        }
      if (!g_output_stream_write_all (self->destination, bytes, len, NULL, NULL, &error))
        {
          fail (self,
                g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                             "Cannot write the file: %s", error->message));
          return;
        }
      self->written += len;
    }
  progress (self, offset + g_bytes_get_size (data));
}

typedef struct
{
  SipSimpleFileTransferStream *self;
  GInputStream                *in;
  GChecksum                   *checksum;
} Verify;

static void
verify_free (Verify *v)
{
  g_clear_object (&v->in);
  g_checksum_free (v->checksum);
  g_object_unref (v->self);
  g_free (v);
}

static void verify_read (GObject *source, GAsyncResult *result, gpointer user_data);

static void
verify_done (Verify *v)
{
  SipSimpleFileTransferStream *self = v->self;
  const char                  *expected = sip_simple_file_selector_get_hash (self->selector);
  guint8                       digest[20];
  gsize                        len = sizeof digest;
  g_autofree char             *got = NULL;

  g_checksum_get_digest (v->checksum, digest, &len);
  got = sip_simple_file_selector_format_sha1 (digest, len);
  if (g_ascii_strcasecmp (got, expected) == 0)
    finish (self);
  else
    fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                             "The received file does not match its hash (%s, offered %s)", got,
                             expected));
}

static void
verify_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Verify *v = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (bytes == NULL)
    {
      fail (v->self,
            g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                         "Cannot read the received file back: %s", error->message));
      verify_free (v);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      verify_done (v);
      verify_free (v);
      return;
    }
  g_checksum_update (v->checksum, g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (v->in, HASH_BLOCK, G_PRIORITY_DEFAULT, NULL, verify_read, v);
}

/* The whole file is on disk: check it against the offered hash. */
static void
verify (SipSimpleFileTransferStream *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  GFileInputStream *in;
  Verify           *v;

  if (self->selector == NULL || sip_simple_file_selector_get_hash (self->selector) == NULL)
    {
      finish (self); /* nothing to check against */
      return;
    }
  if (self->destination_path == NULL)
    {
      /* a stream destination cannot be read back: trust MSRP */
      finish (self);
      return;
    }
  file = g_file_new_for_path (self->destination_path);
  in = g_file_read (file, NULL, &error);
  if (in == NULL)
    {
      fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                               "Cannot read the received file back: %s", error->message));
      return;
    }
  v = g_new0 (Verify, 1);
  v->self = g_object_ref (self);
  v->in = G_INPUT_STREAM (in);
  v->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_input_stream_read_bytes_async (v->in, HASH_BLOCK, G_PRIORITY_DEFAULT, NULL, verify_read, v);
}

static void
on_message_received (SipSimpleMsrpSession *msrp, const char *id, const char *content_type,
                     GBytes *body, SipSimpleFileTransferStream *self)
{
  g_autoptr (GError) error = NULL;

  (void)msrp;
  (void)content_type;
  (void)body;
  if (g_strcmp0 (id, self->in_id) != 0 || self->outcome)
    return;
  if (self->own_destination)
    {
      if (!g_output_stream_close (self->destination, NULL, &error))
        {
          fail (self,
                g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                             "Cannot write the file: %s", error->message));
          return;
        }
      g_clear_object (&self->destination);
    }
  else if (self->destination)
    g_output_stream_flush (self->destination, NULL, NULL);
  /* the sender may hang up now: the outcome no longer depends on the session */
  self->verifying = TRUE;
  verify (self);
}

static void
on_message_aborted (SipSimpleMsrpSession *msrp, const char *id, const char *reason,
                    SipSimpleFileTransferStream *self)
{
  (void)msrp;
  if (g_strcmp0 (id, self->in_id) != 0)
    return;
  fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                           "The transfer was interrupted after %" G_GUINT64_FORMAT " bytes: %s",
                           self->transferred, reason));
}

/* ---- sending -------------------------------------------------------------- */

static void
on_message_progress (SipSimpleMsrpSession *msrp, const char *id, guint64 sent, guint64 total,
                     SipSimpleFileTransferStream *self)
{
  (void)msrp;
  (void)total;
  if (g_strcmp0 (id, self->out_id) == 0)
    progress (self, sent);
}

static void
on_message_delivered (SipSimpleMsrpSession *msrp, const char *id, SipSimpleFileTransferStream *self)
{
  (void)msrp;
  if (g_strcmp0 (id, self->out_id) == 0)
    {
      progress (self, self->total);
      finish (self);
    }
}

static void
on_message_failed (SipSimpleMsrpSession *msrp, const char *id, guint code, const char *reason,
                   SipSimpleFileTransferStream *self)
{
  (void)msrp;
  if (g_strcmp0 (id, self->out_id) != 0)
    return;
  /* code 0: a local failure (the connection went away), no MSRP status */
  if (code == 0)
    fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                             "The file was not delivered: %s", reason));
  else
    fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                             "The file was not delivered (%u %s)", code, reason));
}

static void
on_closed (SipSimpleMsrpSession *msrp, const GError *error, SipSimpleFileTransferStream *self)
{
  (void)msrp;
  if (self->outcome || sip_simple_msrp_stream_is_deactivated (BASE (self)) || self->verifying
      || sip_simple_msrp_stream_get_state (BASE (self)) < SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING)
    return;
  fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                           "The connection closed after %" G_GUINT64_FORMAT " bytes%s%s",
                           self->transferred, error ? ": " : "", error ? error->message : ""));
}

static void
start_sending (SipSimpleFileTransferStream *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (self->source_path);
  g_autoptr (GError) error = NULL;
  GFileInputStream *in = g_file_read (file, NULL, &error);

  if (in == NULL
      || (self->range_start > 0
          && !g_seekable_seek (G_SEEKABLE (in), (goffset)self->range_start, G_SEEK_SET, NULL,
                               &error)))
    {
      g_clear_object (&in);
      fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                               "Cannot read %s: %s", self->source_path, error->message));
      return;
    }
  self->source = G_INPUT_STREAM (in);
  self->out_id = sip_simple_msrp_session_send_stream (MSRP (self), self->content_type, self->source,
                                                      self->total, self->range_start, &error);
  if (self->out_id == NULL)
    fail (self, sip_simple_msrp_stream_transport_error (error));
}

/* ---- SDP ------------------------------------------------------------------ */

typedef struct
{
  SipSimpleMediaDirection direction;
  SipSimpleFileSelector  *selector;
  char                   *transfer_id;
  gboolean                has_range;
  guint64                 range_start; /* 0-based */
  char                   *disposition;
} FileOffer;

static void
file_offer_clear (FileOffer *o)
{
  g_clear_pointer (&o->selector, sip_simple_file_selector_unref);
  g_free (o->transfer_id);
  g_free (o->disposition);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileOffer, file_offer_clear)

static gboolean
read_file_attributes (const GstSDPMessage *sdp, guint index, FileOffer *o, GError **error)
{
  const GstSDPMedia *m = gst_sdp_message_get_media (sdp, index);
  const char        *range = sip_simple_msrp_media_get_attribute (m, "file-range");

  o->selector = sip_simple_file_selector_parse (
      sip_simple_msrp_media_get_attribute (m, "file-selector"), error);
  if (o->selector == NULL)
    return FALSE;
  o->direction = sip_simple_sdp_get_direction (sdp, index);
  o->transfer_id = g_strdup (sip_simple_msrp_media_get_attribute (m, "file-transfer-id"));
  o->disposition = g_strdup (sip_simple_msrp_media_get_attribute (m, "file-disposition"));
  if (range)
    {
      guint64 start, stop;

      if (!sip_simple_msrp_parse_file_range (range, &start, &stop, error))
        return FALSE;
      if (stop != G_MAXUINT64 && sip_simple_file_selector_get_size (o->selector) >= 0
          && stop > (guint64)sip_simple_file_selector_get_size (o->selector))
        {
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                       SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                       "a=file-range %s goes beyond the file's size", range);
          return FALSE;
        }
      o->has_range = TRUE;
      o->range_start = start - 1;
    }
  return TRUE;
}

static void
add_file_attributes (SipSimpleFileTransferStream *self, GstSDPMedia *media, const char *direction)
{
  g_autofree char *selector
      = self->selector ? sip_simple_file_selector_to_string (self->selector) : NULL;

  gst_sdp_media_add_attribute (media, direction, "");
  gst_sdp_media_add_attribute (
      media, "accept-types", self->sending ? "*" : (self->content_type ? self->content_type : "*"));
  if (selector && *selector)
    gst_sdp_media_add_attribute (media, "file-selector", selector);
  gst_sdp_media_add_attribute (media, "file-transfer-id", self->transfer_id);
  if (self->sending)
    {
      gst_sdp_media_add_attribute (media, "file-disposition", self->disposition);
      if (self->file_date)
        gst_sdp_media_add_attribute (media, "file-date", self->file_date);
    }
  if (self->range_start > 0)
    {
      g_autofree char *range = NULL;

      if (self->total > 0)
        range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, self->range_start + 1,
                                 self->total);
      else
        range = g_strdup_printf ("%" G_GUINT64_FORMAT "-*", self->range_start + 1);
      gst_sdp_media_add_attribute (media, "file-range", range);
    }
}

/* ---- the MSRP stream's hooks -------------------------------------------- */

/* The file an offer describes becomes this stream's */
static void
take_offered_file (SipSimpleFileTransferStream *self, FileOffer *offer)
{
  g_clear_pointer (&self->selector, sip_simple_file_selector_unref);
  self->selector = sip_simple_file_selector_ref (offer->selector);
  if (sip_simple_file_selector_get_size (offer->selector) >= 0)
    self->total = (guint64)sip_simple_file_selector_get_size (offer->selector);
  self->range_start = offer->range_start;
}

static void
take_transfer_id (SipSimpleFileTransferStream *self, FileOffer *offer)
{
  if (offer->transfer_id)
    {
      g_free (self->transfer_id);
      self->transfer_id = g_strdup (offer->transfer_id);
    }
}

/* The registry's fresh instance keeps what the offer says, so that the
 * application sees the file before accepting. */
static gboolean
ft_accepts (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);
  g_auto (FileOffer) offer = { 0 };

  if (sip_simple_msrp_media_get_attribute (gst_sdp_message_get_media (remote_sdp, index),
                                           "file-selector")
      == NULL)
    return FALSE;
  if (sip_simple_msrp_stream_get_state (base) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW
      || self->source_path || self->requesting)
    return TRUE;
  /* a malformed offer is still ours: answering it gives 488 */
  if (read_file_attributes (remote_sdp, index, &offer, NULL))
    {
      take_offered_file (self, &offer);
      take_transfer_id (self, &offer);
      self->sending = offer.direction == SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY;
    }
  return TRUE;
}

/* a file to send is hashed before the MSRP session is prepared */
static void
ft_initialize (SipSimpleMsrpStream *base, GCancellable *cancellable)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);

  if (self->source_path)
    start_hashing (self, cancellable);
  else
    sip_simple_msrp_stream_initialize_done (base, NULL);
}

static gboolean
ft_offer (SipSimpleMsrpStream *base, GError **error)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);

  if (!self->sending && !self->requesting)
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                           "A file transfer stream needs a file to send or a file to request");
      return FALSE;
    }
  return TRUE;
}

static gboolean
ft_answer (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);
  g_auto (FileOffer) offer = { 0 };

  if (!read_file_attributes (remote_sdp, index, &offer, error))
    return FALSE;
  if (offer.direction == SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY)
    {
      /* a push: we receive */
      self->sending = FALSE;
      take_offered_file (self, &offer);
      if (!open_destination (self, error))
        return FALSE;
    }
  else if (offer.direction == SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY)
    {
      /* a pull: we send the file the application chose */
      if (self->source_path == NULL || self->selector == NULL)
        {
          g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                               SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                               "No file to answer the request with");
          return FALSE;
        }
      if (sip_simple_file_selector_get_hash (offer.selector)
          && g_strcmp0 (sip_simple_file_selector_get_hash (offer.selector),
                        sip_simple_file_selector_get_hash (self->selector))
                 != 0)
        {
          g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                               SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                               "The requested file's hash does not match the file");
          return FALSE;
        }
      self->sending = TRUE;
      self->range_start = offer.range_start;
      if (self->range_start > self->total)
        {
          g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                               SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                               "The requested range starts beyond the file");
          return FALSE;
        }
    }
  else
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                           "A file transfer offer must be sendonly or recvonly");
      return FALSE;
    }
  take_transfer_id (self, &offer);
  return TRUE;
}

static void
ft_add_attributes (SipSimpleMsrpStream *base, GstSDPMedia *media)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);

  add_file_attributes (self, media, self->sending ? "sendonly" : "recvonly");
}

/* a pull's answer describes the file we get */
static gboolean
ft_start (SipSimpleMsrpStream *base, const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);
  g_auto (FileOffer) answer = { 0 };

  if (!sip_simple_msrp_stream_is_offerer (base) || !self->requesting)
    return TRUE;
  if (!read_file_attributes (remote_sdp, index, &answer, error))
    return FALSE;
  g_clear_pointer (&self->selector, sip_simple_file_selector_unref);
  self->selector = sip_simple_file_selector_ref (answer.selector);
  if (sip_simple_file_selector_get_size (answer.selector) >= 0)
    self->total = (guint64)sip_simple_file_selector_get_size (answer.selector);
  return open_destination (self, error);
}

static void
ft_started (SipSimpleMsrpStream *base)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);

  if (self->sending)
    start_sending (self);
}

static void
ft_start_failed (SipSimpleMsrpStream *base, const GError *error)
{
  fail (SIP_SIMPLE_FILE_TRANSFER_STREAM (base), g_error_copy (error));
}

static void
ft_deactivate (SipSimpleMsrpStream *base)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (base);

  if (!self->outcome && !self->verifying
      && sip_simple_msrp_stream_get_state (base) >= SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING)
    fail (self, g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                             "The session ended after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                             " bytes",
                             self->transferred, self->total));
}

static void
ft_ending (SipSimpleMsrpStream *base)
{
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (base));
  close_files (SIP_SIMPLE_FILE_TRANSFER_STREAM (base));
}

/* ---- GObject --------------------------------------------------------------- */

static void
sip_simple_file_transfer_stream_init (SipSimpleFileTransferStream *self)
{
  self->transfer_id = sip_simple_random_string (16, SIP_SIMPLE_RANDOM_ALNUM);
  self->disposition = g_strdup ("attachment");
  /* the file goes to its destination piece by piece, never to memory */
  g_object_set (MSRP (self), "max-buffered-size", (guint64)0, NULL);
  g_signal_connect (MSRP (self), "message-started", G_CALLBACK (on_message_started), self);
  g_signal_connect (MSRP (self), "chunk-received", G_CALLBACK (on_chunk_received), self);
  g_signal_connect (MSRP (self), "message-received", G_CALLBACK (on_message_received), self);
  g_signal_connect (MSRP (self), "message-aborted", G_CALLBACK (on_message_aborted), self);
  g_signal_connect (MSRP (self), "message-progress", G_CALLBACK (on_message_progress), self);
  g_signal_connect (MSRP (self), "message-delivered", G_CALLBACK (on_message_delivered), self);
  g_signal_connect (MSRP (self), "message-failed", G_CALLBACK (on_message_failed), self);
  g_signal_connect (MSRP (self), "closed", G_CALLBACK (on_closed), self);
}

static void
sip_simple_file_transfer_stream_dispose (GObject *object)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (object);

  /* the MSRP session closes first (the parent's), then the files */
  G_OBJECT_CLASS (sip_simple_file_transfer_stream_parent_class)->dispose (object);
  close_files (self);
  g_clear_object (&self->destination);
}

static void
sip_simple_file_transfer_stream_finalize (GObject *object)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (object);

  g_free (self->source_path);
  g_free (self->content_type);
  g_clear_pointer (&self->selector, sip_simple_file_selector_unref);
  g_free (self->transfer_id);
  g_free (self->disposition);
  g_free (self->file_date);
  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_object (&self->hash_in);
  g_clear_object (&self->hash_cancellable);
  g_free (self->destination_path);
  g_free (self->in_id);
  g_free (self->out_id);
  G_OBJECT_CLASS (sip_simple_file_transfer_stream_parent_class)->finalize (object);
}

static void
sip_simple_file_transfer_stream_get_property (GObject *object, guint prop_id, GValue *value,
                                              GParamSpec *pspec)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (object);

  switch (prop_id)
    {
    case PROP_FILE_SELECTOR:
      g_value_set_boxed (value, self->selector);
      break;
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    case PROP_RANGE_START:
      g_value_set_uint64 (value, self->range_start);
      break;
    case PROP_TRANSFERRED:
      g_value_set_uint64 (value, self->transferred);
      break;
    case PROP_TRANSFER_ID:
      g_value_set_string (value, self->transfer_id);
      break;
    case PROP_DISPOSITION:
      g_value_set_string (value, self->disposition);
      break;
    case PROP_MSRP_SESSION:
      g_value_set_object (value, MSRP (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_file_transfer_stream_set_property (GObject *object, guint prop_id, const GValue *value,
                                              GParamSpec *pspec)
{
  SipSimpleFileTransferStream *self = SIP_SIMPLE_FILE_TRANSFER_STREAM (object);

  switch (prop_id)
    {
    case PROP_RANGE_START:
      sip_simple_file_transfer_stream_set_range_start (self, g_value_get_uint64 (value));
      break;
    case PROP_DISPOSITION:
      {
        const char *d = g_value_get_string (value);
        if (d == NULL || *d == '\0' || g_strcmp0 (d, self->disposition) == 0)
          break;
        g_free (self->disposition);
        self->disposition = g_strdup (d);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_file_transfer_stream_class_init (SipSimpleFileTransferStreamClass *klass)
{
  GObjectClass             *object_class = G_OBJECT_CLASS (klass);
  SipSimpleMsrpStreamHooks *hooks = sip_simple_msrp_stream_class_get_hooks (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sip_simple_file_transfer_stream_dispose;
  object_class->finalize = sip_simple_file_transfer_stream_finalize;
  object_class->get_property = sip_simple_file_transfer_stream_get_property;
  object_class->set_property = sip_simple_file_transfer_stream_set_property;

  hooks->name = "file transfer";
  hooks->accepts = ft_accepts;
  hooks->initialize = ft_initialize;
  hooks->offer = ft_offer;
  hooks->answer = ft_answer;
  hooks->add_attributes = ft_add_attributes;
  hooks->start = ft_start;
  hooks->started = ft_started;
  hooks->start_failed = ft_start_failed;
  hooks->deactivate = ft_deactivate;
  hooks->ending = ft_ending;

  /**
   * SipSimpleFileTransferStream:file-selector:
   *
   * The file: the one this side sends (known once hashed, after
   * initialization), the one the peer offers, or the one requested.
   *
   * Since: 0.1
   */
  properties[PROP_FILE_SELECTOR]
      = g_param_spec_boxed ("file-selector", NULL, NULL, SIP_SIMPLE_TYPE_FILE_SELECTOR, ro);
  /**
   * SipSimpleFileTransferStream:sending:
   *
   * Whether this side sends the file.
   *
   * Since: 0.1
   */
  properties[PROP_SENDING] = g_param_spec_boolean ("sending", NULL, NULL, FALSE, ro);
  /**
   * SipSimpleFileTransferStream:range-start:
   *
   * Where the transfer starts in the file (0-based): 0, or the number of
   * bytes the receiver already has when resuming (`a=file-range`).
   *
   * Since: 0.1
   */
  properties[PROP_RANGE_START]
      = g_param_spec_uint64 ("range-start", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  /**
   * SipSimpleFileTransferStream:transferred:
   *
   * Bytes of the file sent or received so far, counting from the start
   * of the file (so a resumed transfer starts at its range start).
   *
   * A receiver with a destination path has exactly these bytes in the
   * file, also after the transfer failed (a dropped connection): the
   * range start that resumes it (sip_simple_file_transfer_stream_set_range_start()
   * in a new offer). A sender counts what it wrote to the connection,
   * which may be more than the peer kept.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSFERRED]
      = g_param_spec_uint64 ("transferred", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /**
   * SipSimpleFileTransferStream:transfer-id:
   *
   * The `a=file-transfer-id`.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSFER_ID] = g_param_spec_string ("transfer-id", NULL, NULL, NULL, ro);
  /**
   * SipSimpleFileTransferStream:disposition:
   *
   * The `a=file-disposition` a pushed file is offered with: `attachment`
   * (the default) or `render`.
   *
   * Since: 0.1
   */
  properties[PROP_DISPOSITION] = g_param_spec_string ("disposition", NULL, NULL, "attachment", rw);
  /**
   * SipSimpleFileTransferStream:msrp-session:
   *
   * The MSRP session underneath, for its settings before initialization.
   *
   * Since: 0.1
   */
  properties[PROP_MSRP_SESSION]
      = sip_simple_msrp_stream_class_install_session_property (object_class, PROP_MSRP_SESSION);
  for (guint i = PROP_FILE_SELECTOR; i < PROP_MSRP_SESSION; i++)
    g_object_class_install_property (object_class, i, properties[i]);

  /**
   * SipSimpleFileTransferStream::progress:
   * @self: the stream
   * @bytes: bytes of the file sent or received so far (from its start)
   * @total: the file's size, 0 when unknown
   *
   * More of the file went out or came in.
   *
   * Since: 0.1
   */
  signals[SIGNAL_PROGRESS]
      = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
  /**
   * SipSimpleFileTransferStream::finished:
   * @self: the stream
   *
   * The transfer is complete: the sender's last chunk was confirmed, or the
   * receiver has the whole file and its hash matches. Failures come as
   * [signal@SipSimple.MediaStream::failed] instead.
   *
   * Since: 0.1
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* ---- public API ------------------------------------------------------------ */

/**
 * sip_simple_file_transfer_stream_new_for_path:
 * @path: (type filename): the file to send
 * @content_type: (nullable): its media type; guessed from the file when %NULL
 *
 * Makes a stream that offers @path to the peer (push). The file is read
 * (and hashed) when the stream initializes; a file that cannot be read
 * fails the session then.
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 0.1
 */
SipSimpleFileTransferStream *
sip_simple_file_transfer_stream_new_for_path (const char *path, const char *content_type)
{
  SipSimpleFileTransferStream *self;

  g_return_val_if_fail (path != NULL, NULL);
  self = g_object_new (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM, NULL);
  sip_simple_file_transfer_stream_set_source_path (self, path, content_type);
  return self;
}

/**
 * sip_simple_file_transfer_stream_new_for_request:
 * @selector: what to ask for (a name, a hash, …)
 *
 * Makes a stream that asks the peer for a file (pull, `a=recvonly`). Set
 * where it goes with sip_simple_file_transfer_stream_set_destination_path()
 * before connecting.
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 0.1
 */
SipSimpleFileTransferStream *
sip_simple_file_transfer_stream_new_for_request (SipSimpleFileSelector *selector)
{
  SipSimpleFileTransferStream *self;

  g_return_val_if_fail (selector != NULL, NULL);
  self = g_object_new (SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM, NULL);
  self->requesting = TRUE;
  self->selector = sip_simple_file_selector_ref (selector);
  return self;
}

/**
 * sip_simple_file_transfer_stream_set_source_path:
 * @self: a new #SipSimpleFileTransferStream
 * @path: (type filename): the file to send
 * @content_type: (nullable): its media type; guessed when %NULL
 *
 * Sets the file this side sends: for a stream made with
 * sip_simple_file_transfer_stream_new_for_path(), or for an incoming
 * request (pull) before accepting it.
 *
 * Since: 0.1
 */
void
sip_simple_file_transfer_stream_set_source_path (SipSimpleFileTransferStream *self,
                                                 const char *path, const char *content_type)
{
  g_return_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (sip_simple_msrp_stream_get_state (BASE (self))
                    == SIP_SIMPLE_MEDIA_STREAM_STATE_NEW);
  g_free (self->source_path);
  self->source_path = g_strdup (path);
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  self->sending = TRUE;
  self->requesting = FALSE;
}

/**
 * sip_simple_file_transfer_stream_set_destination_path:
 * @self: a #SipSimpleFileTransferStream
 * @path: (type filename): where the received file goes
 *
 * Sets where an incoming file goes; replaced when the transfer starts at
 * 0, kept up to [property@SipSimple.FileTransferStream:range-start] and
 * appended to when resuming. Call before accepting (or connecting, for a
 * request).
 *
 * Since: 0.1
 */
void
sip_simple_file_transfer_stream_set_destination_path (SipSimpleFileTransferStream *self,
                                                      const char                  *path)
{
  g_return_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self));
  g_return_if_fail (path != NULL);
  g_free (self->destination_path);
  self->destination_path = g_strdup (path);
}

/**
 * sip_simple_file_transfer_stream_set_destination_stream:
 * @self: a #SipSimpleFileTransferStream
 * @stream: where the received bytes go (from the range start on)
 *
 * Sends an incoming file to @stream instead of a file. The stream is not
 * closed; the hash cannot be checked (the bytes are not read back).
 *
 * Since: 0.1
 */
void
sip_simple_file_transfer_stream_set_destination_stream (SipSimpleFileTransferStream *self,
                                                        GOutputStream               *stream)
{
  g_return_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self));
  g_return_if_fail (G_IS_OUTPUT_STREAM (stream));
  if (self->destination && self->own_destination)
    g_output_stream_close (self->destination, NULL, NULL);
  g_set_object (&self->destination, stream);
  self->own_destination = FALSE;
}

/**
 * sip_simple_file_transfer_stream_set_range_start:
 * @self: a new #SipSimpleFileTransferStream
 * @offset: the first byte to transfer (0-based): how much the receiver has
 *
 * Resumes an interrupted transfer: the offer carries `a=file-range` from
 * @offset + 1 and only the rest of the file is sent.
 *
 * Since: 0.1
 */
void
sip_simple_file_transfer_stream_set_range_start (SipSimpleFileTransferStream *self, guint64 offset)
{
  g_return_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self));
  if (self->range_start == offset)
    return;
  self->range_start = offset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_START]);
}

/**
 * sip_simple_file_transfer_stream_get_range_start:
 * @self: a #SipSimpleFileTransferStream
 *
 * Gets where the transfer starts in the file.
 *
 * Returns: see [property@SipSimple.FileTransferStream:range-start]
 *
 * Since: 0.1
 */
guint64
sip_simple_file_transfer_stream_get_range_start (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), 0);
  return self->range_start;
}

/**
 * sip_simple_file_transfer_stream_get_file_selector:
 * @self: a #SipSimpleFileTransferStream
 *
 * Gets the file being sent, offered or requested.
 *
 * Returns: (transfer none) (nullable): see [property@SipSimple.FileTransferStream:file-selector]
 *
 * Since: 0.1
 */
SipSimpleFileSelector *
sip_simple_file_transfer_stream_get_file_selector (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), NULL);
  return self->selector;
}

/**
 * sip_simple_file_transfer_stream_get_sending:
 * @self: a #SipSimpleFileTransferStream
 *
 * Tells whether this side sends the file.
 *
 * Returns: whether this side sends the file
 *
 * Since: 0.1
 */
gboolean
sip_simple_file_transfer_stream_get_sending (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), FALSE);
  return self->sending;
}

/**
 * sip_simple_file_transfer_stream_get_transferred:
 * @self: a #SipSimpleFileTransferStream
 *
 * Gets how much of the file was sent or received.
 *
 * Returns: see [property@SipSimple.FileTransferStream:transferred]
 *
 * Since: 0.1
 */
guint64
sip_simple_file_transfer_stream_get_transferred (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), 0);
  return self->transferred;
}

/**
 * sip_simple_file_transfer_stream_get_transfer_id:
 * @self: a #SipSimpleFileTransferStream
 *
 * Gets the `a=file-transfer-id` of the transfer.
 *
 * Returns: the `a=file-transfer-id`
 *
 * Since: 0.1
 */
const char *
sip_simple_file_transfer_stream_get_transfer_id (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), NULL);
  return self->transfer_id;
}

/**
 * sip_simple_file_transfer_stream_get_finished:
 * @self: a #SipSimpleFileTransferStream
 *
 * Tells whether the transfer finished successfully.
 *
 * Returns: whether [signal@SipSimple.FileTransferStream::finished] was emitted
 *
 * Since: 0.1
 */
gboolean
sip_simple_file_transfer_stream_get_finished (SipSimpleFileTransferStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_FILE_TRANSFER_STREAM (self), FALSE);
  return self->finished;
}
