/* libsipsimple - the insides of SipSimpleMsrpSession, shared by the files
 * the session is split into along its protocol seams
 *
 *   msrp-session.c     the public session: messages (chunking, flow
 *                      control, success and failure reports, reassembly,
 *                      cancel), its properties and signals
 *   msrp-connection.c  framing I/O over one GIOStream, and transactions
 *                      (msrp-connection-private.h)
 *   msrp-connect.c     getting that stream: listening, connecting, TLS,
 *                      relay AUTH, binding (msrp-connect-private.h)
 *
 * One struct, one main context: every function here runs in the session's
 * context and may emit the session's signals, so callers hold a reference
 * across calls that can close the session.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/msrp/msrp-session.h>

#include "msrp-parser-private.h"

G_BEGIN_DECLS

#define SIP_SIMPLE_MSRP_READ_BUFFER_SIZE (256 * 1024)

/* What a request that expects a response is for */
typedef enum
{
  TX_BIND, /* the active side's empty SEND (msrp-connect.c) */
  TX_AUTH, /* AUTH to a relay (msrp-connect.c) */
  TX_SEND, /* a chunk of a message (msrp-session.c) */
} TxKind;

typedef struct _OutMessage OutMessage;

/* One frame waiting to be written: head, optional body, end-line */
typedef struct
{
  GBytes     *head;
  GBytes     *body; /* nullable */
  GBytes     *end;
  char       *tid;
  TxKind      kind;
  OutMessage *msg; /* SEND chunks: a reference */
  gboolean    expects_response;
  gboolean    last;
  gboolean    chunked; /* part of a streamed message */
  guint64     offset;
} OutFrame;

/* A message being sent (msrp-session.c); the writer counts its frames */
struct _OutMessage
{
  gint                    ref_count;
  char                   *id;
  char                   *content_type;
  GInputStream           *stream; /* NULL for a single-frame message */
  guint64                 total;
  guint64                 next; /* next byte offset to read and send (0-based) */
  guint64                 written;
  gboolean                unknown_size; /* total is known at the end of the stream */
  gboolean                eof;
  GBytes                 *held; /* unknown size: the chunk read ahead */
  guint64                 held_offset;
  gboolean                reading;
  guint                   queued;  /* frames in the queue, not yet written */
  guint                   pending; /* transactions waiting for a response */
  gboolean                all_sent;
  gboolean                done;
  SipSimpleMsrpReportMode mode;
  GSource                *report_timeout;
};

typedef struct
{
  char       *tid;
  TxKind      kind;
  OutMessage *msg; /* reference, SEND only */
  gboolean    last;
  gint64      deadline; /* monotonic */
} Transaction;

/* A message being received (msrp-session.c) */
typedef struct
{
  char          *id;
  char          *content_type;
  gint64         total;
  guint64        received;
  GByteArray    *buffer; /* NULL once not buffering */
  GOutputStream *target;
  gboolean       complete;
  gboolean       started_signal;
  gint64         final_size; /* known from the '$' chunk, -1 before */
} InMessage;

struct _SipSimpleMsrpSession
{
  GObject parent_instance;

  GMainContext             *context;
  SipSimpleMsrpSessionState state;

  /* configuration */
  char                   *local_address;
  guint                   local_port;
  gboolean                use_tls;
  GTlsCertificate        *certificate;
  GTlsDatabase           *tls_database;
  char                   *remote_fingerprint;
  gboolean                active;
  guint                   chunk_size;
  guint                   relay_chunk_size;
  SipSimpleMsrpReportMode report_mode;
  guint64                 max_buffered_size;
  guint                   transaction_timeout;
  SipSimpleMsrpUri       *relay;
  char                   *relay_username;
  char                   *relay_password;

  /* paths */
  char             *session_id;
  SipSimpleMsrpUri *local_uri;
  GPtrArray        *use_path; /* from the relay's 200 to AUTH */
  GPtrArray        *remote_path;

  /* listening (passive side without a relay): msrp-connect.c */
  GSocketListener *listener;
  GCancellable    *accept_cancellable;
  GSource         *bind_timeout; /* an accepted connection must bind in time */
  GTask           *prepare_task;
  GTask           *start_task;
  int              auth_attempts;
  gboolean         start_called; /* start_async() was called */

  /* the connection: msrp-connection.c */
  GIOStream           *conn;
  GInputStream        *in;
  GOutputStream       *out;
  GCancellable        *io_cancellable;   /* everything of the session */
  GCancellable        *conn_cancellable; /* reads and writes of the current connection */
  SipSimpleMsrpParser *parser;
  guint8              *read_buffer;
  gboolean             reading;
  gboolean             in_feed;
  gboolean             bound;
  GQueue               control; /* bind and AUTH: go out before the session is bound */
  GQueue               urgent;  /* responses, reports, small messages */
  GQueue               bulk;    /* chunks of streamed messages */
  gboolean             writing;
  gboolean             drop_when_flushed; /* a refused connection of a passive session */
  gboolean             close_when_flushed;
  GError              *close_error;
  GHashTable          *transactions; /* tid -> Transaction */
  GSource             *tx_timer;

  /* messages: msrp-session.c */
  gboolean    discard_frame; /* body of a refused request */
  guint64     frame_offset;  /* body bytes of the current frame so far */
  InMessage  *frame_message; /* the incoming message of the current frame */
  gboolean    frame_dropped; /* ... was aborted while the frame arrived: 413 */
  GQueue      target_queue;  /* TargetWrite: reading pauses while not empty */
  gpointer    target_current;
  GHashTable *outgoing; /* message id -> OutMessage */
  GHashTable *incoming; /* message id -> InMessage */
  GHashTable *refused;  /* ids of incoming messages answered with 413 */
};

/* Sources live in the session's context, which need not be the global
 * default one: keep the GSource, never a bare id for g_source_remove() */
static inline void
sip_simple_msrp_clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_source_unref (*source);
  *source = NULL;
}

/* ---- what msrp-session.c offers the other two ---------------------------- */

OutMessage *sip_simple_msrp_out_message_ref (OutMessage *msg);
void        sip_simple_msrp_out_message_unref (OutMessage *msg);

void sip_simple_msrp_session_set_state (SipSimpleMsrpSession     *self,
                                        SipSimpleMsrpSessionState state);
/* Closes the session for good (@error NULL: closed locally); takes @error */
void sip_simple_msrp_session_close_with (SipSimpleMsrpSession *self, GError *error);

/* The writer wrote @frame (a chunk of a message, or a whole one) */
void sip_simple_msrp_session_frame_written (SipSimpleMsrpSession *self, OutFrame *frame);
/* A streamed message may read its next chunks */
void sip_simple_msrp_session_pump (SipSimpleMsrpSession *self, OutMessage *msg);
/* The response to a SEND chunk of @msg (408 when it timed out) */
void sip_simple_msrp_session_send_response (SipSimpleMsrpSession *self, OutMessage *msg,
                                            guint status, const char *reason);

/* Incoming requests, as the parser reports them (same contract as
 * SipSimpleMsrpParserCallbacks) */
gboolean sip_simple_msrp_session_request_start (SipSimpleMsrpSession *self,
                                                SipSimpleMsrpFrame *frame, GError **error);
gboolean sip_simple_msrp_session_request_data (SipSimpleMsrpSession *self,
                                               SipSimpleMsrpFrame *frame, const guint8 *data,
                                               gsize len, GError **error);
gboolean sip_simple_msrp_session_request_end (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame,
                                              char flag, GError **error);
/* Writes queued bytes of incoming messages to their target streams;
 * reading resumes once none is left */
void sip_simple_msrp_session_write_targets (SipSimpleMsrpSession *self);

G_END_DECLS
