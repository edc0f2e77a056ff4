/* libsipsimple - DNS messages (RFC 1035): building queries, parsing answers
 *
 * Private to the library: SipSimpleLookup speaks DNS with it, and the unit
 * tests use the builder to play a DNS server.
 *
 * Names are in presentation form without the final dot ("example.org"),
 * the root is "."; a byte that is not printable, '.' or '\\' inside a label
 * is written as "\DDD" (decimal) or "\." / "\\", as in zone files, and the
 * builder reads the same escapes back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/version.h>

G_BEGIN_DECLS

typedef enum {
  SIP_SIMPLE_DNS_TYPE_A = 1,
  SIP_SIMPLE_DNS_TYPE_NS = 2,
  SIP_SIMPLE_DNS_TYPE_CNAME = 5,
  SIP_SIMPLE_DNS_TYPE_SOA = 6,
  SIP_SIMPLE_DNS_TYPE_TXT = 16,
  SIP_SIMPLE_DNS_TYPE_AAAA = 28,
  SIP_SIMPLE_DNS_TYPE_SRV = 33,
  SIP_SIMPLE_DNS_TYPE_NAPTR = 35,
  SIP_SIMPLE_DNS_TYPE_OPT = 41,
} SipSimpleDnsType;

#define SIP_SIMPLE_DNS_CLASS_IN 1

typedef enum {
  SIP_SIMPLE_DNS_RCODE_NOERROR = 0,
  SIP_SIMPLE_DNS_RCODE_FORMERR = 1,
  SIP_SIMPLE_DNS_RCODE_SERVFAIL = 2,
  SIP_SIMPLE_DNS_RCODE_NXDOMAIN = 3,
  SIP_SIMPLE_DNS_RCODE_NOTIMP = 4,
  SIP_SIMPLE_DNS_RCODE_REFUSED = 5,
} SipSimpleDnsRcode;

/* Bits of the second header word (RFC 1035 4.1.1); the low 4 bits are the
 * RCODE and bits 11-14 the opcode (always 0 here). */
#define SIP_SIMPLE_DNS_FLAG_QR 0x8000
#define SIP_SIMPLE_DNS_FLAG_AA 0x0400
#define SIP_SIMPLE_DNS_FLAG_TC 0x0200
#define SIP_SIMPLE_DNS_FLAG_RD 0x0100
#define SIP_SIMPLE_DNS_FLAG_RA 0x0080
#define SIP_SIMPLE_DNS_RCODE_MASK 0x000f

#define SIP_SIMPLE_DNS_HEADER_SIZE 12
#define SIP_SIMPLE_DNS_MAX_NAME 255   /* wire length, RFC 1035 2.3.4 */
#define SIP_SIMPLE_DNS_MAX_LABEL 63

typedef enum {
  SIP_SIMPLE_DNS_SECTION_QUESTION,
  SIP_SIMPLE_DNS_SECTION_ANSWER,
  SIP_SIMPLE_DNS_SECTION_AUTHORITY,
  SIP_SIMPLE_DNS_SECTION_ADDITIONAL,
} SipSimpleDnsSection;

/* One resource record, or a question (name, type and rclass only). The
 * fields that are used depend on the type; the others are 0 / NULL. */
typedef struct {
  char   *name;
  guint16 type;
  guint16 rclass;
  guint32 ttl;

  char   *address;      /* A, AAAA: numeric address */

  guint16 priority;     /* SRV (RFC 2782) */
  guint16 weight;
  guint16 port;

  guint16 order;        /* NAPTR (RFC 3403) */
  guint16 preference;
  char   *flags;
  char   *service;
  char   *regexp;

  char   *target;       /* SRV target, NAPTR replacement, CNAME */

  GBytes *rdata;        /* any other type: the raw RDATA */
} SipSimpleDnsRecord;

typedef struct {
  guint16    id;
  guint16    flags;       /* QR, opcode, AA, TC, RD, RA, RCODE */
  GPtrArray *questions;   /* SipSimpleDnsRecord */
  GPtrArray *answers;
  GPtrArray *authority;
  GPtrArray *additional;
} SipSimpleDnsMessage;

SipSimpleDnsRecord  *sip_simple_dns_record_new_a      (const char *name,
                                                       guint32     ttl,
                                                       const char *address);
SipSimpleDnsRecord  *sip_simple_dns_record_new_srv    (const char *name,
                                                       guint32     ttl,
                                                       guint16     priority,
                                                       guint16     weight,
                                                       guint16     port,
                                                       const char *target);
SipSimpleDnsRecord  *sip_simple_dns_record_new_naptr  (const char *name,
                                                       guint32     ttl,
                                                       guint16     order,
                                                       guint16     preference,
                                                       const char *flags,
                                                       const char *service,
                                                       const char *regexp,
                                                       const char *replacement);
SipSimpleDnsRecord  *sip_simple_dns_record_new_cname  (const char *name,
                                                       guint32     ttl,
                                                       const char *target);
SipSimpleDnsRecord  *sip_simple_dns_record_new_raw    (const char *name,
                                                       guint16     type,
                                                       guint32     ttl,
                                                       GBytes     *rdata);
SipSimpleDnsRecord  *sip_simple_dns_record_copy       (const SipSimpleDnsRecord *record);
void                 sip_simple_dns_record_free       (SipSimpleDnsRecord *record);

/* Parses a whole message as received over UDP (or over TCP without the
 * length prefix). Never reads outside data[0..len). */
SipSimpleDnsMessage *sip_simple_dns_message_parse     (const guint8 *data,
                                                       gsize         len,
                                                       GError      **error);
void                 sip_simple_dns_message_free      (SipSimpleDnsMessage *message);
SipSimpleDnsRcode    sip_simple_dns_message_get_rcode (const SipSimpleDnsMessage *message);
gboolean             sip_simple_dns_message_is_truncated (const SipSimpleDnsMessage *message);

/* Writes a message: questions first, then answer, authority and
 * additional records, in that order. With compress, owner names and CNAME
 * targets are compressed (SRV targets and NAPTR replacements never are,
 * RFC 2782 and RFC 3403). */
typedef struct _SipSimpleDnsBuilder SipSimpleDnsBuilder;

SipSimpleDnsBuilder *sip_simple_dns_builder_new       (guint16   id,
                                                       guint16   flags,
                                                       gboolean  compress);
gboolean             sip_simple_dns_builder_add_question (SipSimpleDnsBuilder *builder,
                                                          const char          *name,
                                                          guint16              type,
                                                          GError             **error);
gboolean             sip_simple_dns_builder_add_record (SipSimpleDnsBuilder      *builder,
                                                        SipSimpleDnsSection       section,
                                                        const SipSimpleDnsRecord *record,
                                                        GError                  **error);
GBytes              *sip_simple_dns_builder_end        (SipSimpleDnsBuilder *builder);
void                 sip_simple_dns_builder_free       (SipSimpleDnsBuilder *builder);

/* A standard recursive query for one name and type, class IN. */
GBytes              *sip_simple_dns_build_query        (guint16     id,
                                                        const char *name,
                                                        guint16     type,
                                                        GError    **error);

/* Case-insensitive comparison of two names in presentation form; a final
 * dot does not matter. */
gboolean             sip_simple_dns_name_equal         (const char *a,
                                                        const char *b);

const char          *sip_simple_dns_type_to_string     (guint16 type);
const char          *sip_simple_dns_rcode_to_string    (guint rcode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleDnsMessage, sip_simple_dns_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleDnsRecord, sip_simple_dns_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleDnsBuilder, sip_simple_dns_builder_free)

G_END_DECLS
