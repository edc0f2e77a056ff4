/* libsipsimple - SipSimplePidf: a presence document (RFC 3863, 4479, 4480)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/pidf-device.h>
#include <sipsimple/presence/pidf-person.h>
#include <sipsimple/presence/pidf-tuple.h>
#include <sipsimple/presence/presence-error.h>
#include "xml-private.h"

#include <string.h>

/**
 * SipSimplePidf:
 *
 * A presence document: the PIDF of RFC 3863 (`application/pidf+xml`)
 * with the data model of RFC 4479 (persons and devices) and the rich
 * presence extensions of RFC 4480 (activities, moods).
 *
 * Parse what a NOTIFY brought with [func@SipSimple.Pidf.parse], or build
 * a document to PUBLISH: add [class@SipSimple.PidfTuple],
 * [class@SipSimple.PidfPerson] and [class@SipSimple.PidfDevice] elements
 * and call [method@SipSimple.Pidf.to_bytes]. Elements and attributes that
 * are not modelled are ignored when parsing. Malformed input is a
 * %SIP_SIMPLE_PRESENCE_ERROR, never a crash.
 *
 * [method@SipSimple.Pidf.get_basic], [method@SipSimple.Pidf.get_note] and
 * [method@SipSimple.Pidf.get_activities] summarize a document the way a
 * buddy list shows it.
 *
 * Since: 0.1
 */

struct _SipSimplePidf
{
  GObject    parent_instance;
  char      *entity;
  GPtrArray *tuples;
  GPtrArray *persons;
  GPtrArray *devices;
  GPtrArray *notes;   /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (SipSimplePidf, sip_simple_pidf, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimplePresenceStatus, sip_simple_presence_status,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_STATUS_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_STATUS_AWAY, "away"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_STATUS_BUSY, "busy"))

static const char *const status_names[] = { "offline", "online", "away", "busy" };

/* RFC 4480 activities, by what a buddy list makes of them */
static const char *const busy_activities[] = {
  "busy", "on-the-phone", "meeting", "performance", "presentation", "playing", "worship", NULL
};
static const char *const away_activities[] = {
  "away", "vacation", "holiday", "meal", "sleeping", "appointment", "travel", "in-transit",
  "steering", "shopping", "looking-for-work", "permanent-absence", NULL
};

/**
 * sip_simple_presence_status_to_string:
 * @status: a status
 *
 * Gets the lower-case name of a status.
 *
 * Returns: (transfer none): "offline", "online", "away" or "busy"
 *
 * Since: 0.1
 */
const char *
sip_simple_presence_status_to_string (SipSimplePresenceStatus status)
{
  g_return_val_if_fail (status <= SIP_SIMPLE_PRESENCE_STATUS_BUSY, NULL);
  return status_names[status];
}

/**
 * sip_simple_presence_status_from_string:
 * @name: "offline", "online", "away" or "busy" (any case)
 * @status: (out): the status
 *
 * Parses the name of a status.
 *
 * Returns: whether @name names a status
 *
 * Since: 0.1
 */
gboolean
sip_simple_presence_status_from_string (const char *name, SipSimplePresenceStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_ascii_strcasecmp (name, status_names[i]) == 0)
      {
        *status = (SipSimplePresenceStatus) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * sip_simple_pidf_new_for_status:
 * @entity: the presentity
 * @status: what to tell
 * @note: (nullable): a note, such as "In a meeting until 3"
 *
 * The document a client publishes for a simple status: one tuple, open
 * (closed when offline), and a person whose RFC 4480 activity is "away"
 * or "busy" for those statuses. The note goes on the tuple and the person,
 * so that clients that read either see it; both carry the current time.
 *
 * Returns: (transfer full): the document
 *
 * Since: 0.1
 */
SipSimplePidf *
sip_simple_pidf_new_for_status (const char *entity, SipSimplePresenceStatus status, const char *note)
{
  SipSimplePidf *self;
  g_autoptr (SipSimplePidfTuple) tuple = NULL;
  g_autoptr (SipSimplePidfPerson) person = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (status <= SIP_SIMPLE_PRESENCE_STATUS_BUSY, NULL);

  self = sip_simple_pidf_new (entity);
  tuple = sip_simple_pidf_tuple_new (NULL);
  sip_simple_pidf_tuple_set_basic (tuple, status == SIP_SIMPLE_PRESENCE_STATUS_OFFLINE
                                            ? SIP_SIMPLE_PIDF_BASIC_CLOSED
                                            : SIP_SIMPLE_PIDF_BASIC_OPEN);
  sip_simple_pidf_tuple_set_contact (tuple, entity);
  if (note != NULL && *note != '\0')
    sip_simple_pidf_tuple_add_note (tuple, note);
  sip_simple_pidf_tuple_set_timestamp (tuple, now);
  sip_simple_pidf_add_tuple (self, tuple);

  person = sip_simple_pidf_person_new (NULL);
  if (status == SIP_SIMPLE_PRESENCE_STATUS_AWAY)
    sip_simple_pidf_person_add_activity (person, "away");
  else if (status == SIP_SIMPLE_PRESENCE_STATUS_BUSY)
    sip_simple_pidf_person_add_activity (person, "busy");
  if (note != NULL && *note != '\0')
    sip_simple_pidf_person_add_note (person, note);
  sip_simple_pidf_person_set_timestamp (person, now);
  sip_simple_pidf_add_person (self, person);
  return self;
}

/**
 * sip_simple_pidf_new:
 * @entity: the presentity, such as `sip:alice@example.com` (or a `pres:` URI)
 *
 * Creates an empty document.
 *
 * Returns: (transfer full): an empty document
 *
 * Since: 0.1
 */
SipSimplePidf *
sip_simple_pidf_new (const char *entity)
{
  SipSimplePidf *self;

  g_return_val_if_fail (entity != NULL && *entity != '\0', NULL);
  self = g_object_new (SIP_SIMPLE_TYPE_PIDF, NULL);
  self->entity = g_strdup (entity);
  return self;
}

/* ---- parsing ------------------------------------------------------------ */

static gboolean
is_rpid (const xmlNode *node, const char *name)
{
  return sip_simple_xml_is (node, SIP_SIMPLE_NS_RPID, name)
         || sip_simple_xml_is (node, SIP_SIMPLE_NS_RPID_OLD, name);
}

#define invalid(error, ...) sip_simple_xml_invalid (error, "PIDF document", __VA_ARGS__)

static gboolean
read_timestamp (const xmlNode *node, GDateTime **out, GError **error)
{
  g_autofree char *text = sip_simple_xml_text (node);
  GDateTime *dt = sip_simple_xml_parse_timestamp (text);

  if (dt == NULL)
    return invalid (error, "bad timestamp \"%s\" (line %ld)", text ? text : "",
                    (long) xmlGetLineNo (node));
  if (*out != NULL)
    g_date_time_unref (*out);
  *out = dt;
  return TRUE;
}

static char *
required_id (const xmlNode *node, GError **error)
{
  char *id = sip_simple_xml_prop (node, "id");

  if (id == NULL || *id == '\0')
    {
      g_free (id);
      invalid (error, "<%s> without an id (line %ld)", node->name, (long) xmlGetLineNo (node));
      return NULL;
    }
  return id;
}

static SipSimplePidfTuple *
parse_tuple (const xmlNode *node, GError **error)
{
  g_autofree char *id = required_id (node, error);
  g_autoptr (SipSimplePidfTuple) tuple = NULL;
  GDateTime *ts = NULL;

  if (id == NULL)
    return NULL;
  tuple = sip_simple_pidf_tuple_new (id);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "status"))
        {
          xmlNode *basic = sip_simple_xml_child (c, SIP_SIMPLE_NS_PIDF, "basic");
          g_autofree char *text = sip_simple_xml_text (basic);
          if (basic == NULL)
            continue;
          if (g_strcmp0 (text, "open") == 0)
            sip_simple_pidf_tuple_set_basic (tuple, SIP_SIMPLE_PIDF_BASIC_OPEN);
          else if (g_strcmp0 (text, "closed") == 0)
            sip_simple_pidf_tuple_set_basic (tuple, SIP_SIMPLE_PIDF_BASIC_CLOSED);
          else
            {
              invalid (error, "basic status \"%s\" is neither open nor closed (line %ld)",
                       text ? text : "", (long) xmlGetLineNo (basic));
              return NULL;
            }
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "contact"))
        {
          g_autofree char *uri = sip_simple_xml_text (c);
          g_autofree char *prio = sip_simple_xml_prop (c, "priority");
          sip_simple_pidf_tuple_set_contact (tuple, uri);
          if (prio != NULL)
            {
              char *end = NULL;
              double p = g_ascii_strtod (prio, &end);
              if (end == prio || *end != '\0' || !(p >= 0 && p <= 1))
                {
                  invalid (error, "contact priority \"%s\" is not between 0 and 1 (line %ld)",
                           prio, (long) xmlGetLineNo (c));
                  return NULL;
                }
              sip_simple_pidf_tuple_set_contact_priority (tuple, p);
            }
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "note"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          if (text != NULL)
            sip_simple_pidf_tuple_add_note (tuple, text);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "timestamp"))
        {
          if (!read_timestamp (c, &ts, error))
            return NULL;
          sip_simple_pidf_tuple_set_timestamp (tuple, ts);
          g_clear_pointer (&ts, g_date_time_unref);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "deviceID"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          sip_simple_pidf_tuple_set_device_id (tuple, text);
        }
    }
  return g_steal_pointer (&tuple);
}

/* The element names inside <rpid:activities> or <rpid:mood>. */
static void
read_rpid_list (const xmlNode *node, void (*add) (gpointer, const char *), gpointer target)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || !(is_rpid (c, (const char *) c->name)))
        continue;
      if (strcmp ((const char *) c->name, "note") == 0)
        continue;
      add (target, (const char *) c->name);
    }
}

static SipSimplePidfPerson *
parse_person (const xmlNode *node, GError **error)
{
  g_autofree char *id = required_id (node, error);
  g_autoptr (SipSimplePidfPerson) person = NULL;
  GDateTime *ts = NULL;

  if (id == NULL)
    return NULL;
  person = sip_simple_pidf_person_new (id);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_rpid (c, "activities"))
        read_rpid_list (c, (void (*) (gpointer, const char *)) sip_simple_pidf_person_add_activity,
                        person);
      else if (is_rpid (c, "mood"))
        read_rpid_list (c, (void (*) (gpointer, const char *)) sip_simple_pidf_person_add_mood,
                        person);
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "note"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          if (text != NULL)
            sip_simple_pidf_person_add_note (person, text);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "timestamp"))
        {
          if (!read_timestamp (c, &ts, error))
            return NULL;
          sip_simple_pidf_person_set_timestamp (person, ts);
          g_clear_pointer (&ts, g_date_time_unref);
        }
    }
  return g_steal_pointer (&person);
}

static SipSimplePidfDevice *
parse_device (const xmlNode *node, GError **error)
{
  g_autofree char *id = required_id (node, error);
  g_autoptr (SipSimplePidfDevice) device = NULL;
  GDateTime *ts = NULL;

  if (id == NULL)
    return NULL;
  device = sip_simple_pidf_device_new (id);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "deviceID"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          sip_simple_pidf_device_set_device_id (device, text);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "note"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          if (text != NULL)
            sip_simple_pidf_device_add_note (device, text);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "timestamp"))
        {
          if (!read_timestamp (c, &ts, error))
            return NULL;
          sip_simple_pidf_device_set_timestamp (device, ts);
          g_clear_pointer (&ts, g_date_time_unref);
        }
    }
  return g_steal_pointer (&device);
}

/**
 * sip_simple_pidf_parse:
 * @data: an `application/pidf+xml` document
 * @error: return location for a #GError
 *
 * Parses a presence document.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a
 *   %SIP_SIMPLE_PRESENCE_ERROR: %SIP_SIMPLE_PRESENCE_ERROR_MALFORMED for
 *   broken XML, %SIP_SIMPLE_PRESENCE_ERROR_INVALID when it is not a PIDF
 *   document or a required part (entity, tuple id) or a value (basic
 *   status, priority, timestamp) is wrong
 *
 * Since: 0.1
 */
SipSimplePidf *
sip_simple_pidf_parse (GBytes *data, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (SipSimplePidf) self = NULL;
  g_autofree char *entity = NULL;
  xmlNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  doc = sip_simple_xml_parse (data, "PIDF document", error);
  if (doc == NULL)
    return NULL;
  root = sip_simple_xml_root (doc, SIP_SIMPLE_NS_PIDF, "presence", "PIDF document", error);
  if (root == NULL)
    return NULL;
  entity = sip_simple_xml_prop (root, "entity");
  if (entity == NULL || *entity == '\0')
    {
      invalid (error, "<presence> without an entity");
      return NULL;
    }
  self = sip_simple_pidf_new (entity);

  for (xmlNode *c = root->children; c; c = c->next)
    {
      if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "tuple"))
        {
          SipSimplePidfTuple *t = parse_tuple (c, error);
          if (t == NULL)
            return NULL;
          g_ptr_array_add (self->tuples, t);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "person"))
        {
          SipSimplePidfPerson *p = parse_person (c, error);
          if (p == NULL)
            return NULL;
          g_ptr_array_add (self->persons, p);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_DM, "device"))
        {
          SipSimplePidfDevice *d = parse_device (c, error);
          if (d == NULL)
            return NULL;
          g_ptr_array_add (self->devices, d);
        }
      else if (sip_simple_xml_is (c, SIP_SIMPLE_NS_PIDF, "note"))
        {
          g_autofree char *text = sip_simple_xml_text (c);
          if (text != NULL)
            sip_simple_pidf_add_note (self, text);
        }
    }
  return g_steal_pointer (&self);
}

/* ---- building ----------------------------------------------------------- */

static void
add_text (xmlNode *parent, xmlNs *ns, const char *name, const char *text)
{
  xmlNewTextChild (parent, ns, (const xmlChar *) name, (const xmlChar *) text);
}

static void
add_timestamp (xmlNode *parent, xmlNs *ns, GDateTime *ts)
{
  g_autofree char *text = NULL;

  if (ts == NULL)
    return;
  text = sip_simple_xml_format_timestamp (ts);
  add_text (parent, ns, "timestamp", text);
}

/**
 * sip_simple_pidf_to_bytes:
 * @self: a document
 *
 * Serializes the document (UTF-8), ready for a PUBLISH or NOTIFY with
 * content type %SIP_SIMPLE_PIDF_CONTENT_TYPE.
 *
 * Returns: (transfer full): the XML
 *
 * Since: 0.1
 */
GBytes *
sip_simple_pidf_to_bytes (SipSimplePidf *self)
{
  g_autoptr (xmlDoc) doc = NULL;
  xmlNode *root;
  xmlNs *pidf, *dm, *rpid;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "presence");
  xmlDocSetRootElement (doc, root);
  pidf = xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_PIDF, NULL);
  xmlSetNs (root, pidf);
  dm = xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_DM, (const xmlChar *) "dm");
  rpid = xmlNewNs (root, (const xmlChar *) SIP_SIMPLE_NS_RPID, (const xmlChar *) "rpid");
  xmlNewProp (root, (const xmlChar *) "entity", (const xmlChar *) self->entity);

  for (guint i = 0; i < self->tuples->len; i++)
    {
      SipSimplePidfTuple *t = g_ptr_array_index (self->tuples, i);
      xmlNode *tn = xmlNewChild (root, pidf, (const xmlChar *) "tuple", NULL);
      xmlNode *status = xmlNewChild (tn, pidf, (const xmlChar *) "status", NULL);
      SipSimplePidfBasic basic = sip_simple_pidf_tuple_get_basic (t);
      const char *const *notes = sip_simple_pidf_tuple_get_notes (t);

      xmlNewProp (tn, (const xmlChar *) "id", (const xmlChar *) sip_simple_pidf_tuple_get_id (t));
      if (basic != SIP_SIMPLE_PIDF_BASIC_UNKNOWN)
        add_text (status, pidf, "basic", basic == SIP_SIMPLE_PIDF_BASIC_OPEN ? "open" : "closed");
      if (sip_simple_pidf_tuple_get_device_id (t) != NULL)
        add_text (tn, dm, "deviceID", sip_simple_pidf_tuple_get_device_id (t));
      if (sip_simple_pidf_tuple_get_contact (t) != NULL)
        {
          xmlNode *c = xmlNewTextChild (tn, pidf, (const xmlChar *) "contact",
                                        (const xmlChar *) sip_simple_pidf_tuple_get_contact (t));
          double prio = sip_simple_pidf_tuple_get_contact_priority (t);
          if (prio >= 0)
            xmlNewProp (c, (const xmlChar *) "priority",
                        (const xmlChar *) g_ascii_formatd (buf, sizeof buf, "%.3g", prio));
        }
      for (guint n = 0; notes[n]; n++)
        add_text (tn, pidf, "note", notes[n]);
      add_timestamp (tn, pidf, sip_simple_pidf_tuple_get_timestamp (t));
    }

  for (guint i = 0; i < self->persons->len; i++)
    {
      SipSimplePidfPerson *p = g_ptr_array_index (self->persons, i);
      xmlNode *pn = xmlNewChild (root, dm, (const xmlChar *) "person", NULL);
      const char *const *acts = sip_simple_pidf_person_get_activities (p);
      const char *const *moods = sip_simple_pidf_person_get_moods (p);
      const char *const *notes = sip_simple_pidf_person_get_notes (p);

      xmlNewProp (pn, (const xmlChar *) "id", (const xmlChar *) sip_simple_pidf_person_get_id (p));
      if (acts[0] != NULL)
        {
          xmlNode *an = xmlNewChild (pn, rpid, (const xmlChar *) "activities", NULL);
          for (guint n = 0; acts[n]; n++)
            if (xmlValidateNCName ((const xmlChar *) acts[n], 0) == 0)
              xmlNewChild (an, rpid, (const xmlChar *) acts[n], NULL);
        }
      if (moods[0] != NULL)
        {
          xmlNode *mn = xmlNewChild (pn, rpid, (const xmlChar *) "mood", NULL);
          for (guint n = 0; moods[n]; n++)
            if (xmlValidateNCName ((const xmlChar *) moods[n], 0) == 0)
              xmlNewChild (mn, rpid, (const xmlChar *) moods[n], NULL);
        }
      for (guint n = 0; notes[n]; n++)
        add_text (pn, dm, "note", notes[n]);
      add_timestamp (pn, dm, sip_simple_pidf_person_get_timestamp (p));
    }

  for (guint i = 0; i < self->devices->len; i++)
    {
      SipSimplePidfDevice *d = g_ptr_array_index (self->devices, i);
      xmlNode *dn = xmlNewChild (root, dm, (const xmlChar *) "device", NULL);
      const char *const *notes = sip_simple_pidf_device_get_notes (d);

      xmlNewProp (dn, (const xmlChar *) "id", (const xmlChar *) sip_simple_pidf_device_get_id (d));
      if (sip_simple_pidf_device_get_device_id (d) != NULL)
        add_text (dn, dm, "deviceID", sip_simple_pidf_device_get_device_id (d));
      for (guint n = 0; notes[n]; n++)
        add_text (dn, dm, "note", notes[n]);
      add_timestamp (dn, dm, sip_simple_pidf_device_get_timestamp (d));
    }

  for (guint n = 0; self->notes->pdata[n]; n++)
    add_text (root, pidf, "note", self->notes->pdata[n]);

  return sip_simple_xml_to_bytes (doc);
}

/* ---- accessors ---------------------------------------------------------- */

/**
 * sip_simple_pidf_get_entity:
 * @self: a document
 *
 * Gets the presentity's URI.
 *
 * Returns: (transfer none): the presentity's URI
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_get_entity (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  return self->entity;
}

/**
 * sip_simple_pidf_set_entity:
 * @self: a document
 * @entity: the presentity's URI
 *
 * Sets the presentity.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_set_entity (SipSimplePidf *self, const char *entity)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF (self));
  g_return_if_fail (entity != NULL && *entity != '\0');
  g_free (self->entity);
  self->entity = g_strdup (entity);
}

static GPtrArray *
copy_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_object_unref);
  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (array, i)));
  return copy;
}

/**
 * sip_simple_pidf_get_tuples:
 * @self: a document
 *
 * Gets the tuples, in document order (the elements themselves are shared:
 * changing one changes the document).
 *
 * Returns: (transfer container) (element-type SipSimplePidfTuple): the
 *   tuples, in document order (the elements themselves are shared:
 *   changing one changes the document)
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_pidf_get_tuples (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  return copy_array (self->tuples);
}

/**
 * sip_simple_pidf_add_tuple:
 * @self: a document
 * @tuple: a tuple
 *
 * Appends a tuple.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_add_tuple (SipSimplePidf *self, SipSimplePidfTuple *tuple)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF (self));
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (tuple));
  g_ptr_array_add (self->tuples, g_object_ref (tuple));
}

/**
 * sip_simple_pidf_get_persons:
 * @self: a document
 *
 * Gets the persons (usually one).
 *
 * Returns: (transfer container) (element-type SipSimplePidfPerson): the
 *   persons (usually one)
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_pidf_get_persons (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  return copy_array (self->persons);
}

/**
 * sip_simple_pidf_add_person:
 * @self: a document
 * @person: a person
 *
 * Appends a person element.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_add_person (SipSimplePidf *self, SipSimplePidfPerson *person)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF (self));
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (person));
  g_ptr_array_add (self->persons, g_object_ref (person));
}

/**
 * sip_simple_pidf_get_devices:
 * @self: a document
 *
 * Gets the devices.
 *
 * Returns: (transfer container) (element-type SipSimplePidfDevice): the
 *   devices
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_pidf_get_devices (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  return copy_array (self->devices);
}

/**
 * sip_simple_pidf_add_device:
 * @self: a document
 * @device: a device
 *
 * Appends a device element.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_add_device (SipSimplePidf *self, SipSimplePidfDevice *device)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF (self));
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (device));
  g_ptr_array_add (self->devices, g_object_ref (device));
}

/**
 * sip_simple_pidf_get_notes:
 * @self: a document
 *
 * Gets the notes of the document itself (not those of its elements).
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes of the
 *   document itself (not those of its elements)
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_get_notes (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  return (const char * const *) self->notes->pdata;
}

/**
 * sip_simple_pidf_add_note:
 * @self: a document
 * @note: a note
 *
 * Adds a note to the document itself.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_add_note (SipSimplePidf *self, const char *note)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF (self));
  g_return_if_fail (note != NULL);
  g_ptr_array_insert (self->notes, (gint) self->notes->len - 1, g_strdup (note));
}

/**
 * sip_simple_pidf_get_basic:
 * @self: a document
 *
 * The presentity's overall basic status.
 *
 * Returns: %SIP_SIMPLE_PIDF_BASIC_OPEN if any tuple is open,
 *   %SIP_SIMPLE_PIDF_BASIC_CLOSED if some are closed and none open, else
 *   %SIP_SIMPLE_PIDF_BASIC_UNKNOWN
 *
 * Since: 0.1
 */
SipSimplePidfBasic
sip_simple_pidf_get_basic (SipSimplePidf *self)
{
  SipSimplePidfBasic result = SIP_SIMPLE_PIDF_BASIC_UNKNOWN;

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), SIP_SIMPLE_PIDF_BASIC_UNKNOWN);
  for (guint i = 0; i < self->tuples->len; i++)
    {
      SipSimplePidfBasic b = sip_simple_pidf_tuple_get_basic (g_ptr_array_index (self->tuples, i));
      if (b == SIP_SIMPLE_PIDF_BASIC_OPEN)
        return b;
      if (b == SIP_SIMPLE_PIDF_BASIC_CLOSED)
        result = b;
    }
  return result;
}

/**
 * sip_simple_pidf_get_note:
 * @self: a document
 *
 * The note a buddy list shows: the first note of a person, else of an
 * open tuple, else of any tuple, else of the document.
 *
 * Returns: (transfer none) (nullable): the note
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_get_note (SipSimplePidf *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  for (guint i = 0; i < self->persons->len; i++)
    {
      const char *const *n = sip_simple_pidf_person_get_notes (g_ptr_array_index (self->persons, i));
      if (n[0] != NULL)
        return n[0];
    }
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->tuples->len; i++)
      {
        SipSimplePidfTuple *t = g_ptr_array_index (self->tuples, i);
        const char *const *n = sip_simple_pidf_tuple_get_notes (t);
        if (pass == 0 && sip_simple_pidf_tuple_get_basic (t) != SIP_SIMPLE_PIDF_BASIC_OPEN)
          continue;
        if (n[0] != NULL)
          return n[0];
      }
  return self->notes->pdata[0];
}

/**
 * sip_simple_pidf_get_activities:
 * @self: a document
 *
 * Gets the RFC 4480 activities of all persons, without duplicates.
 *
 * Returns: (transfer full) (array zero-terminated=1): the RFC 4480
 *   activities of all persons, without duplicates
 *
 * Since: 0.1
 */
char **
sip_simple_pidf_get_activities (SipSimplePidf *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  for (guint i = 0; i < self->persons->len; i++)
    {
      const char *const *a = sip_simple_pidf_person_get_activities (g_ptr_array_index (self->persons, i));
      for (guint n = 0; a[n]; n++)
        if (g_hash_table_add (seen, (gpointer) a[n]))
          g_strv_builder_add (builder, a[n]);
    }
  return g_strv_builder_end (builder);
}

static void
latest (GDateTime **best, GDateTime *candidate)
{
  if (candidate != NULL && (*best == NULL || g_date_time_compare (candidate, *best) > 0))
    *best = candidate;
}

/**
 * sip_simple_pidf_get_timestamp:
 * @self: a document
 *
 * Gets the latest timestamp of any element.
 *
 * Returns: (transfer none) (nullable): the latest timestamp of any element
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_pidf_get_timestamp (SipSimplePidf *self)
{
  GDateTime *best = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), NULL);
  for (guint i = 0; i < self->tuples->len; i++)
    latest (&best, sip_simple_pidf_tuple_get_timestamp (g_ptr_array_index (self->tuples, i)));
  for (guint i = 0; i < self->persons->len; i++)
    latest (&best, sip_simple_pidf_person_get_timestamp (g_ptr_array_index (self->persons, i)));
  for (guint i = 0; i < self->devices->len; i++)
    latest (&best, sip_simple_pidf_device_get_timestamp (g_ptr_array_index (self->devices, i)));
  return best;
}

/**
 * sip_simple_pidf_get_status:
 * @self: a document
 *
 * Sums the document up in one word: offline unless some tuple is open;
 * then busy or away when a person's RFC 4480 activities say so (busy,
 * on-the-phone, meeting, ... or away, vacation, meal, sleeping, ...),
 * else online.
 *
 * Returns: the status
 *
 * Since: 0.1
 */
SipSimplePresenceStatus
sip_simple_pidf_get_status (SipSimplePidf *self)
{
  g_auto (GStrv) acts = NULL;
  gboolean away = FALSE;

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF (self), SIP_SIMPLE_PRESENCE_STATUS_OFFLINE);
  if (sip_simple_pidf_get_basic (self) != SIP_SIMPLE_PIDF_BASIC_OPEN)
    return SIP_SIMPLE_PRESENCE_STATUS_OFFLINE;
  acts = sip_simple_pidf_get_activities (self);
  for (guint i = 0; acts[i]; i++)
    {
      if (g_strv_contains (busy_activities, acts[i]))
        return SIP_SIMPLE_PRESENCE_STATUS_BUSY;
      if (g_strv_contains (away_activities, acts[i]))
        away = TRUE;
    }
  return away ? SIP_SIMPLE_PRESENCE_STATUS_AWAY : SIP_SIMPLE_PRESENCE_STATUS_ONLINE;
}

static void
sip_simple_pidf_finalize (GObject *object)
{
  SipSimplePidf *self = SIP_SIMPLE_PIDF (object);

  g_free (self->entity);
  g_ptr_array_unref (self->tuples);
  g_ptr_array_unref (self->persons);
  g_ptr_array_unref (self->devices);
  g_ptr_array_unref (self->notes);
  G_OBJECT_CLASS (sip_simple_pidf_parent_class)->finalize (object);
}

static void
sip_simple_pidf_class_init (SipSimplePidfClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_pidf_finalize;
}

static void
sip_simple_pidf_init (SipSimplePidf *self)
{
  self->tuples = g_ptr_array_new_with_free_func (g_object_unref);
  self->persons = g_ptr_array_new_with_free_func (g_object_unref);
  self->devices = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
}
