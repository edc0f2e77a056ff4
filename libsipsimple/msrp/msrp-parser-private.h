/* libsipsimple - incremental MSRP frame parser and frame writer (RFC 4975 section 7)
 *
 * The parser takes bytes as they come from the socket, in any split, and
 * reports each frame in three steps: its headers, its body in pieces (never
 * buffered whole), and its end-line with the continuation flag. Errors say
 * whether the transaction is known (then a 4xx can be sent) and are always
 * fatal for the connection: after one, framing is lost.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits: the header block of one frame, one header line */
#define SIP_SIMPLE_MSRP_MAX_HEADER_SIZE (16 * 1024)
#define SIP_SIMPLE_MSRP_MAX_TID_LEN 32

typedef struct
{
  char *name;
  char *value;
} SipSimpleMsrpHeader;

typedef struct
{
  gboolean  is_request;
  char     *tid;
  char     *method;        /* requests */
  guint     status;        /* responses */
  char     *reason;        /* responses, may be NULL */
  GPtrArray *headers;      /* SipSimpleMsrpHeader*, in order */
  /* Byte-Range, parsed: start >= 1; end and total -1 for '*'. Absent
   * means 1-*\/ * (has_byte_range FALSE). */
  gboolean  has_byte_range;
  gint64    range_start;
  gint64    range_end;
  gint64    range_total;
  gboolean  has_body;      /* a blank line separated headers and body */
} SipSimpleMsrpFrame;

const char *sip_simple_msrp_frame_get_header (const SipSimpleMsrpFrame *frame,
                                              const char               *name);
void        sip_simple_msrp_frame_free       (SipSimpleMsrpFrame *frame);

typedef struct
{
  /* headers complete; the frame stays valid until frame_end returns */
  gboolean (*frame_start) (SipSimpleMsrpFrame *frame, gpointer user_data, GError **error);
  /* a piece of the body, in order */
  gboolean (*frame_data)  (SipSimpleMsrpFrame *frame, const guint8 *data, gsize len, gpointer user_data, GError **error);
  /* end-line seen; flag is '$', '+' or '#' */
  gboolean (*frame_end)   (SipSimpleMsrpFrame *frame, char flag, gpointer user_data, GError **error);
} SipSimpleMsrpParserCallbacks;

typedef struct _SipSimpleMsrpParser SipSimpleMsrpParser;

SipSimpleMsrpParser *sip_simple_msrp_parser_new     (const SipSimpleMsrpParserCallbacks *callbacks,
                                                     gpointer                            user_data);
void                 sip_simple_msrp_parser_free    (SipSimpleMsrpParser *parser);
/* Consumes all of @data. FALSE with @error (SIP_SIMPLE_MSRP_ERROR_PARSE or
 * _PROTOCOL, or what a callback set) on the first error; the parser is
 * then dead and the connection must close. */
gboolean             sip_simple_msrp_parser_feed    (SipSimpleMsrpParser *parser,
                                                     const guint8        *data,
                                                     gsize                len,
                                                     GError             **error);
/* After an error: the transaction id and whether it was a request (so a
 * 400 can be sent), NULL when the start line was not understood. */
const char          *sip_simple_msrp_parser_get_error_tid (SipSimpleMsrpParser *parser,
                                                           gboolean            *is_request);
/* TRUE between frames (nothing buffered) */
gboolean             sip_simple_msrp_parser_is_idle (SipSimpleMsrpParser *parser);

/* A fresh transaction id / message id / session id: alphanumeric and
 * unguessable (sip_simple_random_string) */
char *sip_simple_msrp_new_id (guint len);

/* Writing: the start line and headers, up to and including the blank line
 * when @has_body (else nothing after the last header: the end-line
 * follows), and the end-line "\r\n-------TID$\r\n" (with the leading CRLF
 * only when there is a body). */
GString *sip_simple_msrp_frame_head_new  (const char *tid,
                                          const char *method_or_status);
void     sip_simple_msrp_frame_head_add  (GString    *head,
                                          const char *name,
                                          const char *value);
void     sip_simple_msrp_frame_head_end  (GString    *head,
                                          gboolean    has_body);
char    *sip_simple_msrp_end_line        (const char *tid,
                                          char        flag,
                                          gboolean    has_body);

G_END_DECLS
