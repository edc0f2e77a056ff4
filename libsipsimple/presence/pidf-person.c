/* libsipsimple - SipSimplePidfPerson: the person of a PIDF document (RFC 4479, RFC 4480)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/pidf-person.h>

/**
 * SipSimplePidfPerson:
 *
 * The human behind a presentity (RFC 4479 person element) with the rich
 * presence of RFC 4480: what the person is doing (activities such as
 * "away", "busy", "on-the-phone", "meeting"), how they feel (moods such as
 * "happy"), notes and a timestamp.
 *
 * Since: 0.1
 */

struct _SipSimplePidfPerson
{
  GObject    parent_instance;
  char      *id;
  GPtrArray *notes;      /* char*, NULL-terminated */
  GDateTime *timestamp;
  char     **activities;
  char     **moods;
};

G_DEFINE_FINAL_TYPE (SipSimplePidfPerson, sip_simple_pidf_person, G_TYPE_OBJECT)

/**
 * sip_simple_pidf_person_new:
 * @id: (nullable): the element's id (unique in its document); %NULL
 *   makes one up
 *
 * Creates a new, empty person.
 *
 * Returns: (transfer full): a new, empty person
 *
 * Since: 0.1
 */
SipSimplePidfPerson *
sip_simple_pidf_person_new (const char *id)
{
  SipSimplePidfPerson *self = g_object_new (SIP_SIMPLE_TYPE_PIDF_PERSON, NULL);

  self->id = id ? g_strdup (id) : g_strdup_printf ("p%08x", g_random_int ());
  return self;
}

/**
 * sip_simple_pidf_person_get_id:
 * @self: a person
 *
 * Gets the id.
 *
 * Returns: (transfer none): the id
 *
 * Since: 0.1
 */
const char *
sip_simple_pidf_person_get_id (SipSimplePidfPerson *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), NULL);
  return self->id;
}

/**
 * sip_simple_pidf_person_get_notes:
 * @self: a person
 *
 * Gets the notes, in document order.
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes, in
 *   document order
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_person_get_notes (SipSimplePidfPerson *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), NULL);
  return (const char * const *) self->notes->pdata;
}

/**
 * sip_simple_pidf_person_add_note:
 * @self: a person
 * @note: a free-text note
 *
 * Adds a note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_add_note (SipSimplePidfPerson *self, const char *note)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_return_if_fail (note != NULL);
  g_ptr_array_insert (self->notes, (gint) self->notes->len - 1, g_strdup (note));
}

/**
 * sip_simple_pidf_person_clear_notes:
 * @self: a person
 *
 * Removes every note.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_clear_notes (SipSimplePidfPerson *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_ptr_array_set_size (self->notes, 0);
  g_ptr_array_add (self->notes, NULL);
}

/**
 * sip_simple_pidf_person_get_timestamp:
 * @self: a person
 *
 * Gets when the person information was last changed.
 *
 * Returns: (transfer none) (nullable): when the information was last
 *   changed
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_pidf_person_get_timestamp (SipSimplePidfPerson *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), NULL);
  return self->timestamp;
}

/**
 * sip_simple_pidf_person_set_timestamp:
 * @self: a person
 * @timestamp: (nullable): when the information was last changed
 *
 * Sets the timestamp.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_set_timestamp (SipSimplePidfPerson *self, GDateTime *timestamp)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  self->timestamp = timestamp ? g_date_time_ref (timestamp) : NULL;
}

/**
 * sip_simple_pidf_person_get_activities:
 * @self: a person
 *
 * The RFC 4480 activities, by element name: "away", "busy", "on-the-phone", "meal", "meeting", "vacation", "appointment", "sleeping", "unknown", ... (an <other> activity is "other").
 *
 * Returns: (transfer none) (array zero-terminated=1): the activities
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_person_get_activities (SipSimplePidfPerson *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), NULL);
  return self->activities ? (const char * const *) self->activities : none;
}

/**
 * sip_simple_pidf_person_set_activities:
 * @self: a person
 * @activities: (nullable) (array zero-terminated=1): the activities
 *
 * Replaces the activities.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_set_activities (SipSimplePidfPerson *self, const char * const *activities)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_strfreev (self->activities);
  self->activities = activities && activities[0] ? g_strdupv ((char **) activities) : NULL;
}

/**
 * sip_simple_pidf_person_add_activity:
 * @self: a person
 * @activity: a value, such as those listed for
 *   [method@SipSimple.PidfPerson.get_activities]
 *
 * Adds a value unless it is there already.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_add_activity (SipSimplePidfPerson *self, const char *activity)
{
  guint n;

  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_return_if_fail (activity != NULL && *activity != '\0');
  if (sip_simple_pidf_person_has_activity (self, activity))
    return;
  n = self->activities ? g_strv_length (self->activities) : 0;
  self->activities = g_renew (char *, self->activities, n + 2);
  self->activities[n] = g_strdup (activity);
  self->activities[n + 1] = NULL;
}

/**
 * sip_simple_pidf_person_has_activity:
 * @self: a person
 * @activity: a value
 *
 * Tells whether @activity is one of the activities.
 *
 * Returns: whether @activity is one of the activities
 *
 * Since: 0.1
 */
gboolean
sip_simple_pidf_person_has_activity (SipSimplePidfPerson *self, const char *activity)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), FALSE);
  return self->activities != NULL && activity != NULL
         && g_strv_contains ((const char * const *) self->activities, activity);
}

/**
 * sip_simple_pidf_person_get_moods:
 * @self: a person
 *
 * The RFC 4480 moods, by element name: "happy", "sad", "bored", "angry", ...
 *
 * Returns: (transfer none) (array zero-terminated=1): the moods
 *
 * Since: 0.1
 */
const char * const *
sip_simple_pidf_person_get_moods (SipSimplePidfPerson *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), NULL);
  return self->moods ? (const char * const *) self->moods : none;
}

/**
 * sip_simple_pidf_person_set_moods:
 * @self: a person
 * @moods: (nullable) (array zero-terminated=1): the moods
 *
 * Replaces the moods.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_set_moods (SipSimplePidfPerson *self, const char * const *moods)
{
  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_strfreev (self->moods);
  self->moods = moods && moods[0] ? g_strdupv ((char **) moods) : NULL;
}

/**
 * sip_simple_pidf_person_add_mood:
 * @self: a person
 * @mood: a value, such as those listed for
 *   [method@SipSimple.PidfPerson.get_moods]
 *
 * Adds a value unless it is there already.
 *
 * Since: 0.1
 */
void
sip_simple_pidf_person_add_mood (SipSimplePidfPerson *self, const char *mood)
{
  guint n;

  g_return_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self));
  g_return_if_fail (mood != NULL && *mood != '\0');
  if (sip_simple_pidf_person_has_mood (self, mood))
    return;
  n = self->moods ? g_strv_length (self->moods) : 0;
  self->moods = g_renew (char *, self->moods, n + 2);
  self->moods[n] = g_strdup (mood);
  self->moods[n + 1] = NULL;
}

/**
 * sip_simple_pidf_person_has_mood:
 * @self: a person
 * @mood: a value
 *
 * Tells whether @mood is one of the moods.
 *
 * Returns: whether @mood is one of the moods
 *
 * Since: 0.1
 */
gboolean
sip_simple_pidf_person_has_mood (SipSimplePidfPerson *self, const char *mood)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_PIDF_PERSON (self), FALSE);
  return self->moods != NULL && mood != NULL
         && g_strv_contains ((const char * const *) self->moods, mood);
}

static void
sip_simple_pidf_person_finalize (GObject *object)
{
  SipSimplePidfPerson *self = SIP_SIMPLE_PIDF_PERSON (object);

  g_free (self->id);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_strfreev (self->activities);
  g_strfreev (self->moods);
  G_OBJECT_CLASS (sip_simple_pidf_person_parent_class)->finalize (object);
}

static void
sip_simple_pidf_person_class_init (SipSimplePidfPersonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_pidf_person_finalize;
}

static void
sip_simple_pidf_person_init (SipSimplePidfPerson *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
}
