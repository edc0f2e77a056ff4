/* libsipsimple - SipSimpleMessageSummary: message waiting indication (RFC 3842)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/presence-error.h>

#include <string.h>

/**
 * SipSimpleMessageSummary:
 *
 * A message summary (`application/simple-message-summary`, RFC 3842): the
 * body of `message-summary` NOTIFYs from a voicemail server. It says
 * whether messages are waiting and counts new and old (and urgent) ones
 * per class:
 *
 * ```
 * Messages-Waiting: yes
 * Message-Account: sip:alice@vmail.example.com
 * Voice-Message: 2/8 (0/2)
 * ```
 *
 * [method@SipSimple.MessageSummary.get_new_messages] and
 * [method@SipSimple.MessageSummary.get_old_messages] give the voice
 * counts, which is what a phone shows.
 *
 * Since: 0.1
 */

#define N_CLASSES (SIP_SIMPLE_MESSAGE_CONTEXT_NONE + 1)

typedef struct {
  gboolean present;
  guint    counts[4];   /* new, old, new urgent, old urgent */
} Counts;

struct _SipSimpleMessageSummary
{
  GObject  parent_instance;
  gboolean waiting;
  char    *account;
  Counts   classes[N_CLASSES];
};

G_DEFINE_FINAL_TYPE (SipSimpleMessageSummary, sip_simple_message_summary, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleMessageContext, sip_simple_message_context,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_VOICE, "voice"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_FAX, "fax"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_PAGER, "pager"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_MULTIMEDIA, "multimedia"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MESSAGE_CONTEXT_NONE, "none"))

static const char *const class_headers[N_CLASSES] = {
  "Voice-Message", "Fax-Message", "Pager-Message", "Multimedia-Message", "Text-Message", "None",
};

/**
 * sip_simple_message_summary_new:
 * @messages_waiting: whether messages are waiting
 *
 * Creates a summary without counts.
 *
 * Returns: (transfer full): a summary without counts
 *
 * Since: 0.1
 */
SipSimpleMessageSummary *
sip_simple_message_summary_new (gboolean messages_waiting)
{
  SipSimpleMessageSummary *self = g_object_new (SIP_SIMPLE_TYPE_MESSAGE_SUMMARY, NULL);
  self->waiting = messages_waiting;
  return self;
}

static gboolean
malformed (GError **error, guint line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
malformed (GError **error, guint line, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, SIP_SIMPLE_PRESENCE_ERROR, SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
               "Malformed message summary (line %u): %s", line, msg);
  return FALSE;
}

static gboolean
read_count (const char **p, guint *out)
{
  guint64 v = 0;
  const char *s = *p;

  while (*s == ' ' || *s == '\t')
    s++;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    {
      v = v * 10 + (guint64) (*s - '0');
      if (v > G_MAXUINT)
        return FALSE;
      s++;
    }
  while (*s == ' ' || *s == '\t')
    s++;
  *out = (guint) v;
  *p = s;
  return TRUE;
}

/* "new/old" or "new/old (urgent-new/urgent-old)" */
static gboolean
parse_counts (const char *value, Counts *c)
{
  const char *p = value;

  if (!read_count (&p, &c->counts[0]) || *p++ != '/' || !read_count (&p, &c->counts[1]))
    return FALSE;
  if (*p == '(')
    {
      p++;
      if (!read_count (&p, &c->counts[2]) || *p++ != '/' || !read_count (&p, &c->counts[3])
          || *p++ != ')')
        return FALSE;
      while (*p == ' ' || *p == '\t')
        p++;
    }
  c->present = TRUE;
  return *p == '\0';
}

/**
 * sip_simple_message_summary_parse:
 * @data: an `application/simple-message-summary` body
 * @error: return location for a #GError
 *
 * Parses a summary. Header names are case-insensitive, unknown headers
 * and the optional message headers after an empty line are ignored.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with
 *   %SIP_SIMPLE_PRESENCE_ERROR_MALFORMED (the line is given) when it
 *   lacks Messages-Waiting or a line breaks the syntax
 *
 * Since: 0.1
 */
SipSimpleMessageSummary *
sip_simple_message_summary_parse (GBytes *data, GError **error)
{
  g_autoptr (SipSimpleMessageSummary) self = sip_simple_message_summary_new (FALSE);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean have_waiting = FALSE;
  gconstpointer raw;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);
  raw = g_bytes_get_data (data, &len);
  if (raw == NULL || len == 0)
    {
      malformed (error, 1, "empty");
      return NULL;
    }
  if (memchr (raw, '\0', len) != NULL || !g_utf8_validate_len (raw, len, NULL))
    {
      malformed (error, 1, "not UTF-8 text");
      return NULL;
    }
  text = g_strndup (raw, len);
  lines = g_strsplit (text, "\n", -1);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      char *line = lines[n];
      char *colon;
      const char *name, *value;
      gsize l = strlen (line);

      if (l > 0 && line[l - 1] == '\r')
        line[--l] = '\0';
      if (l == 0)
        {
          if (have_waiting)
            break;          /* the optional message headers follow */
          continue;
        }
      if ((line[0] == ' ' || line[0] == '\t'))
        continue;           /* folded continuation of an ignored header */
      colon = strchr (line, ':');
      if (colon == NULL)
        {
          malformed (error, n + 1, "\"%s\" is not a header", line);
          return NULL;
        }
      *colon = '\0';
      name = g_strstrip (line);
      value = g_strstrip (colon + 1);
      if (*name == '\0')
        {
          malformed (error, n + 1, "a header without a name");
          return NULL;
        }

      if (g_ascii_strcasecmp (name, "Messages-Waiting") == 0)
        {
          if (g_ascii_strcasecmp (value, "yes") == 0)
            self->waiting = TRUE;
          else if (g_ascii_strcasecmp (value, "no") == 0)
            self->waiting = FALSE;
          else
            {
              malformed (error, n + 1, "Messages-Waiting is \"%s\", not yes or no", value);
              return NULL;
            }
          have_waiting = TRUE;
          continue;
        }
      if (g_ascii_strcasecmp (name, "Message-Account") == 0)
        {
          sip_simple_message_summary_set_account (self, value);
          continue;
        }
      for (guint c = 0; c < N_CLASSES; c++)
        if (g_ascii_strcasecmp (name, class_headers[c]) == 0)
          {
            Counts counts = { 0 };
            if (!parse_counts (value, &counts))
              {
                malformed (error, n + 1, "%s: \"%s\" is not new/old (urgent-new/urgent-old)",
                           class_headers[c], value);
                return NULL;
              }
            self->classes[c] = counts;
          }
    }
  if (!have_waiting)
    {
      malformed (error, 1, "no Messages-Waiting header");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * sip_simple_message_summary_to_bytes:
 * @self: a summary
 *
 * Serializes the summary as an `application/simple-message-summary` body.
 *
 * Returns: (transfer full): the summary as a body
 *
 * Since: 0.1
 */
GBytes *
sip_simple_message_summary_to_bytes (SipSimpleMessageSummary *self)
{
  GString *s;

  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), NULL);
  s = g_string_new (NULL);
  g_string_append_printf (s, "Messages-Waiting: %s\r\n", self->waiting ? "yes" : "no");
  if (self->account != NULL)
    g_string_append_printf (s, "Message-Account: %s\r\n", self->account);
  for (guint c = 0; c < N_CLASSES; c++)
    {
      const Counts *k = &self->classes[c];
      if (!k->present)
        continue;
      g_string_append_printf (s, "%s: %u/%u", class_headers[c], k->counts[0], k->counts[1]);
      if (k->counts[2] || k->counts[3])
        g_string_append_printf (s, " (%u/%u)", k->counts[2], k->counts[3]);
      g_string_append (s, "\r\n");
    }
  return g_string_free_to_bytes (s);
}

/**
 * sip_simple_message_summary_get_messages_waiting:
 * @self: a summary
 *
 * Tells whether messages are waiting.
 *
 * Returns: whether messages are waiting
 *
 * Since: 0.1
 */
gboolean
sip_simple_message_summary_get_messages_waiting (SipSimpleMessageSummary *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), FALSE);
  return self->waiting;
}

/**
 * sip_simple_message_summary_set_messages_waiting:
 * @self: a summary
 * @waiting: whether messages are waiting
 *
 * Sets Messages-Waiting.
 *
 * Since: 0.1
 */
void
sip_simple_message_summary_set_messages_waiting (SipSimpleMessageSummary *self, gboolean waiting)
{
  g_return_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self));
  self->waiting = waiting;
}

/**
 * sip_simple_message_summary_get_account:
 * @self: a summary
 *
 * Gets the Message-Account, the mailbox the summary is about.
 *
 * Returns: (transfer none) (nullable): the Message-Account, the mailbox
 *   the summary is about
 *
 * Since: 0.1
 */
const char *
sip_simple_message_summary_get_account (SipSimpleMessageSummary *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), NULL);
  return self->account;
}

/**
 * sip_simple_message_summary_set_account:
 * @self: a summary
 * @account: (nullable): the mailbox's URI
 *
 * Sets Message-Account.
 *
 * Since: 0.1
 */
void
sip_simple_message_summary_set_account (SipSimpleMessageSummary *self, const char *account)
{
  g_return_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self));
  g_free (self->account);
  self->account = account && *account ? g_strdup (account) : NULL;
}

/**
 * sip_simple_message_summary_get_counts:
 * @self: a summary
 * @message_context: the class of messages
 * @new_messages: (out) (optional): new messages
 * @old_messages: (out) (optional): old messages
 * @new_urgent: (out) (optional): new urgent messages
 * @old_urgent: (out) (optional): old urgent messages
 *
 * Gets the message counts of one class of messages (voice, fax, ...).
 *
 * Returns: whether the summary counts @message_context (the counts are 0
 *   otherwise)
 *
 * Since: 0.1
 */
gboolean
sip_simple_message_summary_get_counts (SipSimpleMessageSummary *self,
                                       SipSimpleMessageContext    message_context,
                                       guint                   *new_messages,
                                       guint                   *old_messages,
                                       guint                   *new_urgent,
                                       guint                   *old_urgent)
{
  const Counts *k;

  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), FALSE);
  g_return_val_if_fail (message_context < N_CLASSES, FALSE);
  k = &self->classes[message_context];
  if (new_messages)
    *new_messages = k->counts[0];
  if (old_messages)
    *old_messages = k->counts[1];
  if (new_urgent)
    *new_urgent = k->counts[2];
  if (old_urgent)
    *old_urgent = k->counts[3];
  return k->present;
}

/**
 * sip_simple_message_summary_set_counts:
 * @self: a summary
 * @message_context: the class of messages
 * @new_messages: new messages
 * @old_messages: old messages
 * @new_urgent: new urgent messages (of @new_messages)
 * @old_urgent: old urgent messages (of @old_messages)
 *
 * Sets the counts of a class.
 *
 * Since: 0.1
 */
void
sip_simple_message_summary_set_counts (SipSimpleMessageSummary *self,
                                       SipSimpleMessageContext    message_context,
                                       guint                    new_messages,
                                       guint                    old_messages,
                                       guint                    new_urgent,
                                       guint                    old_urgent)
{
  Counts *k;

  g_return_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self));
  g_return_if_fail (message_context < N_CLASSES);
  k = &self->classes[message_context];
  k->present = TRUE;
  k->counts[0] = new_messages;
  k->counts[1] = old_messages;
  k->counts[2] = new_urgent;
  k->counts[3] = old_urgent;
}

/**
 * sip_simple_message_summary_get_new_messages:
 * @self: a summary
 *
 * Gets the new voice messages.
 *
 * Returns: the new voice messages
 *
 * Since: 0.1
 */
guint
sip_simple_message_summary_get_new_messages (SipSimpleMessageSummary *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), 0);
  return self->classes[SIP_SIMPLE_MESSAGE_CONTEXT_VOICE].counts[0];
}

/**
 * sip_simple_message_summary_get_old_messages:
 * @self: a summary
 *
 * Gets the old voice messages.
 *
 * Returns: the old voice messages
 *
 * Since: 0.1
 */
guint
sip_simple_message_summary_get_old_messages (SipSimpleMessageSummary *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MESSAGE_SUMMARY (self), 0);
  return self->classes[SIP_SIMPLE_MESSAGE_CONTEXT_VOICE].counts[1];
}

static void
sip_simple_message_summary_finalize (GObject *object)
{
  SipSimpleMessageSummary *self = SIP_SIMPLE_MESSAGE_SUMMARY (object);

  g_free (self->account);
  G_OBJECT_CLASS (sip_simple_message_summary_parent_class)->finalize (object);
}

static void
sip_simple_message_summary_class_init (SipSimpleMessageSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_message_summary_finalize;
}

static void
sip_simple_message_summary_init (SipSimpleMessageSummary *self)
{
}
