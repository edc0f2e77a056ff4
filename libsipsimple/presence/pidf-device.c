/* libsipsimple - SipSimplePidfDevice: a device of a PIDF document (RFC 4479)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/pidf-device.h>

/**
 * SipSimplePidfDevice:
 *
 * A device a presentity uses (RFC 4479 device element), identified by its
 * deviceID, which [class@SipSimple.PidfTuple] elements refer to.
 *
 * Since: 0.1
 */

struct _SipSimplePidfDevice
{
  GObject    parent_instance;
  char      *id;
  GPtrArray *notes;      /* char*, NULL-terminated */
  GDateTime *timestamp;
  char      *device_id;
};

G_DEFINE_FINAL_TYPE (SipSimplePidfDevice, sip_simple_pidf_device, G_TYPE_OBJECT)

/**
 * sip_simple_pidf_device_new:
 * @id: (nullable): the element's id (unique in its document); %NULL
 *   makes one up
 *
 * Creates a new, empty device.
 *
 * Returns: (transfer full): a new, empty device
 *
 * Since: 0.1
 */
SipSimplePidfDevice *
sip_simple_pidf_device_new (const char *id)
{
  SipSimplePidfDevice *self = g_object_new (SIP_SIMPLE_TYPE_PIDF_DEVICE, NULL);

  self->id = id ? g_strdup (id) : g_strdup_printf ("d%08x", g_random_int ());
  return self;
}

/**
 * sip_simple_pidf_device_get_id:
 * @self: a device
 *
 * Gets the id.
 *
 * Returns: (transfer none): the id
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_device_get_id (SipSimplePidfDevice *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self), NULL);
  return self->id;
}

/**
 * sip_simple_pidf_device_get_notes:
 * @self: a device
 *
 * Gets the notes, in document order.
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes, in
 *   document order
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_device_get_notes (SipSimplePidfDevice *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self), NULL);
  return (const char * const *) self->notes->pdata;
}

/**
 * sip_simple_pidf_device_add_note:
 * @self: a device
 * @note: a free-text note
 *
 * Adds a note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_device_add_note (SipSimplePidfDevice *self, const char *note)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self));
  g_return_if_fail (note != NULL);
  g_ptr_array_insert (self->notes, (gint) self->notes->len - 1, g_strdup (note));
}

/**
 * sip_simple_pidf_device_clear_notes:
 * @self: a device
 *
 * Removes every note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_device_clear_notes (SipSimplePidfDevice *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self));
  g_ptr_array_set_size (self->notes, 0);
  g_ptr_array_add (self->notes, NULL);
}

/**
 * sip_simple_pidf_device_get_timestamp:
 * @self: a device
 *
 * Gets when the device information was last changed.
 *
 * Returns: (transfer none) (nullable): when the information was last
 *   changed
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_pidf_device_get_timestamp (SipSimplePidfDevice *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self), NULL);
  return self->timestamp;
}

/**
 * sip_simple_pidf_device_set_timestamp:
 * @self: a device
 * @timestamp: (nullable): when the information was last changed
 *
 * Sets the timestamp.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_device_set_timestamp (SipSimplePidfDevice *self, GDateTime *timestamp)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self));
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  self->timestamp = timestamp ? g_date_time_ref (timestamp) : NULL;
}

/**
 * sip_simple_pidf_device_get_device_id:
 * @self: a device
 *
 * Gets the device's URN (RFC 4479 deviceID).
 *
 * Returns: (transfer none) (nullable): the device's URN (RFC 4479 deviceID)
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_device_get_device_id (SipSimplePidfDevice *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self), NULL);
  return self->device_id;
}

/**
 * sip_simple_pidf_device_set_device_id:
 * @self: a device
 * @device_id: (nullable): the device's URN (RFC 4479 deviceID)
 *
 * Sets it.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_device_set_device_id (SipSimplePidfDevice *self, const char *device_id)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_DEVICE (self));
  g_free (self->device_id);
  self->device_id = device_id && *device_id ? g_strdup (device_id) : NULL;
}

static void
sip_simple_pidf_device_finalize (GObject *object)
{
  SipSimplePidfDevice *self = SIP_SIMPLE_PIDF_DEVICE (object);

  g_free (self->id);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_free (self->device_id);
  G_OBJECT_CLASS (sip_simple_pidf_device_parent_class)->finalize (object);
}

static void
sip_simple_pidf_device_class_init (SipSimplePidfDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_pidf_device_finalize;
}

static void
sip_simple_pidf_device_init (SipSimplePidfDevice *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
}
