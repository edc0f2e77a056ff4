/* libsipsimple - SipSimplePidfTuple: a PIDF tuple (RFC 3863)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/pidf-tuple.h>

/**
 * SipSimplePidfTuple:
 *
 * A service of a presentity in a [class@SipSimple.Pidf] document: its
 * basic status (open or closed), a contact address with a priority, notes,
 * the device it runs on (RFC 4479 deviceID) and a timestamp.
 *
 * Since: 0.1
 */

struct _SipSimplePidfTuple
{
  GObject    parent_instance;
  char      *id;
  GPtrArray *notes;      /* char*, NULL-terminated */
  GDateTime *timestamp;
  char      *contact;
  char      *device_id;
  SipSimplePidfBasic basic;
  double     priority;
};

G_DEFINE_FINAL_TYPE (SipSimplePidfTuple, sip_simple_pidf_tuple, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimplePidfBasic, sip_simple_pidf_basic,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PIDF_BASIC_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PIDF_BASIC_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PIDF_BASIC_CLOSED, "closed"))

/**
 * sip_simple_pidf_tuple_new:
 * @id: (nullable): the element's id (unique in its document); %NULL
 *   makes one up
 *
 * Creates a new, empty tuple.
 *
 * Returns: (transfer full): a new, empty tuple
 *
 * Since: 0.1
 */
SipSimplePidfTuple *
sip_simple_pidf_tuple_new (const char *id)
{
  SipSimplePidfTuple *self = g_object_new (SIP_SIMPLE_TYPE_PIDF_TUPLE, NULL);

  self->id = id ? g_strdup (id) : g_strdup_printf ("t%08x", g_random_int ());
  return self;
}

/**
 * sip_simple_pidf_tuple_get_id:
 * @self: a tuple
 *
 * Gets the id.
 *
 * Returns: (transfer none): the id
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_tuple_get_id (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), NULL);
  return self->id;
}

/**
 * sip_simple_pidf_tuple_get_notes:
 * @self: a tuple
 *
 * Gets the notes, in document order.
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes, in
 *   document order
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_tuple_get_notes (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), NULL);
  return (const char * const *) self->notes->pdata;
}

/**
 * sip_simple_pidf_tuple_add_note:
 * @self: a tuple
 * @note: a free-text note
 *
 * Adds a note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_add_note (SipSimplePidfTuple *self, const char *note)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_return_if_fail (note != NULL);
  g_ptr_array_insert (self->notes, (gint) self->notes->len - 1, g_strdup (note));
}

/**
 * sip_simple_pidf_tuple_clear_notes:
 * @self: a tuple
 *
 * Removes every note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_clear_notes (SipSimplePidfTuple *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_ptr_array_set_size (self->notes, 0);
  g_ptr_array_add (self->notes, NULL);
}

/**
 * sip_simple_pidf_tuple_get_timestamp:
 * @self: a tuple
 *
 * Gets when the tuple information was last changed.
 *
 * Returns: (transfer none) (nullable): when the information was last
 *   changed
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_pidf_tuple_get_timestamp (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), NULL);
  return self->timestamp;
}

/**
 * sip_simple_pidf_tuple_set_timestamp:
 * @self: a tuple
 * @timestamp: (nullable): when the information was last changed
 *
 * Sets the timestamp.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_set_timestamp (SipSimplePidfTuple *self, GDateTime *timestamp)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  self->timestamp = timestamp ? g_date_time_ref (timestamp) : NULL;
}

/**
 * sip_simple_pidf_tuple_get_contact:
 * @self: a tuple
 *
 * Gets the contact address of the service, such as a SIP URI.
 *
 * Returns: (transfer none) (nullable): the contact address of the service, such as a SIP URI
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_tuple_get_contact (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), NULL);
  return self->contact;
}

/**
 * sip_simple_pidf_tuple_set_contact:
 * @self: a tuple
 * @contact: (nullable): the contact address of the service, such as a SIP URI
 *
 * Sets it.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_set_contact (SipSimplePidfTuple *self, const char *contact)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_free (self->contact);
  self->contact = contact && *contact ? g_strdup (contact) : NULL;
}

/**
 * sip_simple_pidf_tuple_get_device_id:
 * @self: a tuple
 *
 * Gets the device the service runs on (RFC 4479 deviceID, a URN).
 *
 * Returns: (transfer none) (nullable): the device the service runs on (RFC 4479 deviceID, a URN)
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_tuple_get_device_id (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), NULL);
  return self->device_id;
}

/**
 * sip_simple_pidf_tuple_set_device_id:
 * @self: a tuple
 * @device_id: (nullable): the device the service runs on (RFC 4479 deviceID, a URN)
 *
 * Sets it.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_set_device_id (SipSimplePidfTuple *self, const char *device_id)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_free (self->device_id);
  self->device_id = device_id && *device_id ? g_strdup (device_id) : NULL;
}

/**
 * sip_simple_pidf_tuple_get_basic:
 * @self: a tuple
 *
 * Gets the basic status.
 *
 * Returns: the basic status
 *
 * Since: 0.1
 */
SipSimplePidfBasic
sip_simple_pidf_tuple_get_basic (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), SIP_SIMPLE_PIDF_BASIC_UNKNOWN);
  return self->basic;
}

/**
 * sip_simple_pidf_tuple_set_basic:
 * @self: a tuple
 * @basic: the basic status
 *
 * Sets the basic status.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_set_basic (SipSimplePidfTuple *self, SipSimplePidfBasic basic)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  self->basic = basic;
}

/**
 * sip_simple_pidf_tuple_get_contact_priority:
 * @self: a tuple
 *
 * Gets the priority of the contact address, 0 to 1, or -1 when none is given.
 *
 * Returns: the priority of the contact address, 0 to 1, or -1 when none
 *   is given
 *
 * Since: 0.1
 */
double
sip_simple_pidf_tuple_get_contact_priority (SipSimplePidfTuple *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self), -1);
  return self->priority;
}

/**
 * sip_simple_pidf_tuple_set_contact_priority:
 * @self: a tuple
 * @priority: 0 to 1, or -1 for none
 *
 * Sets the priority of the contact address.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_tuple_set_contact_priority (SipSimplePidfTuple *self, double priority)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_TUPLE (self));
  g_return_if_fail (priority == -1 || (priority >= 0 && priority <= 1));
  self->priority = priority;
}

static void
sip_simple_pidf_tuple_finalize (GObject *object)
{
  SipSimplePidfTuple *self = SIP_SIMPLE_PIDF_TUPLE (object);

  g_free (self->id);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_free (self->contact);
  g_free (self->device_id);
  G_OBJECT_CLASS (sip_simple_pidf_tuple_parent_class)->finalize (object);
}

static void
sip_simple_pidf_tuple_class_init (SipSimplePidfTupleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_pidf_tuple_finalize;
}

static void
sip_simple_pidf_tuple_init (SipSimplePidfTuple *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
  self->priority = -1;
}
