/* libsipsimple - persistent GObject properties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/storage.h>

#include "config-binding-private.h"

typedef struct {
  SipSimpleStorage *storage;
  char *group;
  gulong notify_id;
} Binding;

static G_DEFINE_QUARK (sip-simple-config-binding, binding)

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  /* The notify handler is gone already: either unbind disconnected it or
   * the object is being finalized, which drops every handler first. */
  g_object_unref (binding->storage);
  g_free (binding->group);
  g_free (binding);
}

static GParamSpec *
target_pspec (GParamSpec *pspec)
{
  GParamSpec *target = g_param_spec_get_redirect_target (pspec);

  return target != NULL ? target : pspec;
}

static gboolean
is_persistent (GParamSpec *pspec)
{
  return (target_pspec (pspec)->flags & SIP_SIMPLE_PARAM_PERSISTENT) != 0;
}

static gboolean
is_supported_type (GType type)
{
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_LONG:
    case G_TYPE_ULONG:
    case G_TYPE_INT64:
    case G_TYPE_UINT64:
    case G_TYPE_DOUBLE:
    case G_TYPE_FLOAT:
    case G_TYPE_STRING:
    case G_TYPE_ENUM:
    case G_TYPE_FLAGS:
    case G_TYPE_VARIANT:
      return TRUE;
    case G_TYPE_BOXED:
      return type == G_TYPE_STRV;
    default:
      return FALSE;
    }
}

/* A persistent property the class got wrong is a programming error: say so
 * once per bind and leave it out. */
static gboolean
check_bindable (GObject    *object,
                GParamSpec *pspec)
{
  GParamSpec *target = target_pspec (pspec);

  if ((target->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
      (target->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    {
      g_critical ("Persistent property %s:%s must be readable, writable and not construct-only",
                  G_OBJECT_TYPE_NAME (object), pspec->name);
      return FALSE;
    }
  if (!is_supported_type (target->value_type))
    {
      g_critical ("Persistent property %s:%s has type %s, which cannot be stored",
                  G_OBJECT_TYPE_NAME (object), pspec->name, g_type_name (target->value_type));
      return FALSE;
    }
  return TRUE;
}

/* ---- GValue -> GVariant ----------------------------------------------- */

static GVariant *
string_to_variant (const char *string)
{
  g_autofree char *valid = NULL;

  if (string == NULL)
    return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);

  if (!g_utf8_validate (string, -1, NULL))
    {
      /* GVariant strings are UTF-8; better a repaired value than none. */
      g_warning ("Storing non-UTF-8 text “%s” with invalid bytes replaced", string);
      valid = g_utf8_make_valid (string, -1);
      string = valid;
    }
  return g_variant_new_maybe (G_VARIANT_TYPE_STRING, g_variant_new_string (string));
}

static GVariant *
flags_to_variant (GType  type,
                  guint  flags)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  while (flags != 0)
    {
      GFlagsValue *value = g_flags_get_first_value (klass, flags);

      if (value == NULL || value->value == 0)
        break;
      g_variant_builder_add (&builder, "s", value->value_nick);
      flags &= ~value->value;
    }
  return g_variant_builder_end (&builder);
}

/* Returns a floating reference, or NULL if the value cannot be stored. */
static GVariant *
value_to_variant (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_INT:
      return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_UINT:
      return g_variant_new_uint32 (g_value_get_uint (value));
    case G_TYPE_LONG:
      return g_variant_new_int64 (g_value_get_long (value));
    case G_TYPE_ULONG:
      return g_variant_new_uint64 (g_value_get_ulong (value));
    case G_TYPE_INT64:
      return g_variant_new_int64 (g_value_get_int64 (value));
    case G_TYPE_UINT64:
      return g_variant_new_uint64 (g_value_get_uint64 (value));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_FLOAT:
      return g_variant_new_double (g_value_get_float (value));
    case G_TYPE_STRING:
      return string_to_variant (g_value_get_string (value));
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

        return enum_value != NULL ? g_variant_new_string (enum_value->value_nick) : NULL;
      }
    case G_TYPE_FLAGS:
      return flags_to_variant (type, g_value_get_flags (value));
    case G_TYPE_VARIANT:
      {
        GVariant *variant = g_value_get_variant (value);

        return variant != NULL ? g_variant_ref (variant) : NULL;
      }
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (value);

          return g_variant_new_strv (strv, strv != NULL ? -1 : 0);
        }
      return NULL;
    default:
      return NULL;
    }
}

/* ---- GVariant -> GValue ----------------------------------------------- */

static gboolean
wrong_value (GError     **error,
             const char  *group,
             const char  *key,
             GVariant    *variant,
             const char  *expected)
{
  g_autofree char *text = g_variant_print (variant, TRUE);

  g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA,
               "Stored value %s of key “%s” in group “[%s]” is not %s",
               text, key, group, expected);
  return FALSE;
}

/* Any GVariant integer type; FALSE if @variant is not an integer. */
static gboolean
variant_get_integer (GVariant *variant,
                     gboolean *negative,
                     gint64   *as_signed,
                     guint64  *as_unsigned)
{
  gint64 s = 0;
  guint64 u = 0;
  gboolean is_signed = FALSE;

  switch (g_variant_classify (variant))
    {
    case G_VARIANT_CLASS_BYTE:   u = g_variant_get_byte (variant); break;
    case G_VARIANT_CLASS_UINT16: u = g_variant_get_uint16 (variant); break;
    case G_VARIANT_CLASS_UINT32: u = g_variant_get_uint32 (variant); break;
    case G_VARIANT_CLASS_UINT64: u = g_variant_get_uint64 (variant); break;
    case G_VARIANT_CLASS_INT16:  s = g_variant_get_int16 (variant); is_signed = TRUE; break;
    case G_VARIANT_CLASS_INT32:  s = g_variant_get_int32 (variant); is_signed = TRUE; break;
    case G_VARIANT_CLASS_INT64:  s = g_variant_get_int64 (variant); is_signed = TRUE; break;
    default:
      return FALSE;
    }

  if (is_signed && s < 0)
    {
      *negative = TRUE;
      *as_signed = s;
      *as_unsigned = 0;
    }
  else
    {
      *negative = FALSE;
      *as_unsigned = is_signed ? (guint64) s : u;
      *as_signed = *as_unsigned <= G_MAXINT64 ? (gint64) *as_unsigned : G_MAXINT64;
    }
  return TRUE;
}

static gboolean
integer_fits (GVariant *variant,
              gint64    min,
              guint64   max,
              gint64   *as_signed,
              guint64  *as_unsigned)
{
  gboolean negative;

  if (!variant_get_integer (variant, &negative, as_signed, as_unsigned))
    return FALSE;
  return negative ? *as_signed >= min : *as_unsigned <= max;
}

static char *
describe_range (GParamSpec *pspec)
{
#define RANGE(TYPE, CAST, FORMAT) \
  if (G_IS_PARAM_SPEC_##TYPE (pspec)) \
    return g_strdup_printf ("between %" FORMAT " and %" FORMAT, \
                            (CAST) G_PARAM_SPEC_##TYPE (pspec)->minimum, \
                            (CAST) G_PARAM_SPEC_##TYPE (pspec)->maximum)
  RANGE (INT, gint64, G_GINT64_FORMAT);
  RANGE (UINT, guint64, G_GUINT64_FORMAT);
  RANGE (LONG, gint64, G_GINT64_FORMAT);
  RANGE (ULONG, guint64, G_GUINT64_FORMAT);
  RANGE (INT64, gint64, G_GINT64_FORMAT);
  RANGE (UINT64, guint64, G_GUINT64_FORMAT);
  RANGE (DOUBLE, double, "g");
  RANGE (FLOAT, double, "g");
#undef RANGE
  return g_strdup ("an acceptable value for this setting");
}

static gboolean
variant_to_value (GVariant    *variant,
                  GParamSpec  *pspec,
                  GValue      *value,
                  const char  *group,
                  GError     **error)
{
  const char *key = pspec->name;
  GType type = G_VALUE_TYPE (value);
  gint64 s;
  guint64 u;

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
        return wrong_value (error, group, key, variant, "a boolean (true or false)");
      g_value_set_boolean (value, g_variant_get_boolean (variant));
      break;

    case G_TYPE_INT:
      if (!integer_fits (variant, G_MININT, G_MAXINT, &s, &u))
        return wrong_value (error, group, key, variant, "a 32-bit integer");
      g_value_set_int (value, (int) s);
      break;
    case G_TYPE_UINT:
      if (!integer_fits (variant, 0, G_MAXUINT, &s, &u))
        return wrong_value (error, group, key, variant, "an unsigned 32-bit integer");
      g_value_set_uint (value, (guint) u);
      break;
    case G_TYPE_LONG:
      if (!integer_fits (variant, G_MINLONG, G_MAXLONG, &s, &u))
        return wrong_value (error, group, key, variant, "an integer");
      g_value_set_long (value, (glong) s);
      break;
    case G_TYPE_ULONG:
      if (!integer_fits (variant, 0, G_MAXULONG, &s, &u))
        return wrong_value (error, group, key, variant, "an unsigned integer");
      g_value_set_ulong (value, (gulong) u);
      break;
    case G_TYPE_INT64:
      if (!integer_fits (variant, G_MININT64, G_MAXINT64, &s, &u))
        return wrong_value (error, group, key, variant, "a 64-bit integer");
      g_value_set_int64 (value, s);
      break;
    case G_TYPE_UINT64:
      if (!integer_fits (variant, 0, G_MAXUINT64, &s, &u))
        return wrong_value (error, group, key, variant, "an unsigned 64-bit integer");
      g_value_set_uint64 (value, u);
      break;

    case G_TYPE_DOUBLE:
    case G_TYPE_FLOAT:
      {
        gboolean negative;
        double d;

        if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
          d = g_variant_get_double (variant);
        else if (variant_get_integer (variant, &negative, &s, &u))
          d = negative ? (double) s : (double) u;
        else
          return wrong_value (error, group, key, variant, "a number");

        if (type == G_TYPE_FLOAT)
          g_value_set_float (value, (float) d);
        else
          g_value_set_double (value, d);
      }
      break;

    case G_TYPE_STRING:
      if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
        g_value_set_string (value, g_variant_get_string (variant, NULL));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE ("ms")))
        {
          g_autoptr(GVariant) child = g_variant_get_maybe (variant);

          g_value_set_string (value, child != NULL ? g_variant_get_string (child, NULL) : NULL);
        }
      else
        return wrong_value (error, group, key, variant, "a text ('text', or @ms nothing for none)");
      break;

    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *enum_value = NULL;

        if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
          enum_value = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));
        if (enum_value == NULL)
          {
            g_autoptr(GString) expected = g_string_new ("one of");

            for (guint i = 0; i < klass->n_values; i++)
              g_string_append_printf (expected, "%s '%s'", i > 0 ? "," : "",
                                      klass->values[i].value_nick);
            return wrong_value (error, group, key, variant, expected->str);
          }
        g_value_set_enum (value, enum_value->value);
      }
      break;

    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
        GVariantIter iter;
        const char *nick;
        guint flags = 0;

        if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
          return wrong_value (error, group, key, variant, "a list of flag names");
        g_variant_iter_init (&iter, variant);
        while (g_variant_iter_next (&iter, "&s", &nick))
          {
            GFlagsValue *flags_value = g_flags_get_value_by_nick (klass, nick);

            if (flags_value == NULL)
              {
                g_autofree char *expected = g_strdup_printf ("a list of known flag names (“%s” is not one)", nick);

                return wrong_value (error, group, key, variant, expected);
              }
            flags |= flags_value->value;
          }
        g_value_set_flags (value, flags);
      }
      break;

    case G_TYPE_VARIANT:
      {
        GParamSpecVariant *vspec = G_PARAM_SPEC_VARIANT (target_pspec (pspec));

        if (!g_variant_is_of_type (variant, vspec->type))
          {
            g_autofree char *expected = g_strdup_printf ("of type %s", (const char *) vspec->type);

            return wrong_value (error, group, key, variant, expected);
          }
        g_value_set_variant (value, variant);
      }
      break;

    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV && g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_value_take_boxed (value, g_variant_dup_strv (variant, NULL));
          break;
        }
      return wrong_value (error, group, key, variant, "a list of texts");

    default:
      return wrong_value (error, group, key, variant, "of a type this program can use");
    }

  /* TRUE means the value was changed to fit the property's limits. */
  if (g_param_value_validate (target_pspec (pspec), value))
    {
      g_autofree char *expected = describe_range (target_pspec (pspec));

      return wrong_value (error, group, key, variant, expected);
    }

  return TRUE;
}

/* ---- binding ---------------------------------------------------------- */

static gboolean
save_property (GObject     *object,
               Binding     *binding,
               GParamSpec  *pspec,
               GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GVariant *variant;

  g_value_init (&value, target_pspec (pspec)->value_type);
  g_object_get_property (object, pspec->name, &value);

  variant = value_to_variant (&value);
  if (variant == NULL)
    {
      g_set_error (error, SIP_SIMPLE_STORAGE_ERROR, SIP_SIMPLE_STORAGE_ERROR_FAILED,
                   "The value of %s:%s cannot be stored",
                   G_OBJECT_TYPE_NAME (object), pspec->name);
      return FALSE;
    }

  return sip_simple_storage_set (binding->storage, binding->group, pspec->name,
                                       variant, error);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Binding *binding = user_data;
  g_autoptr(GError) error = NULL;

  if (!is_persistent (pspec) || !is_supported_type (target_pspec (pspec)->value_type))
    return;

  /* Nobody waits for a result here; a lost setting must not go unnoticed. */
  if (!save_property (object, binding, pspec, &error))
    g_warning ("Could not save %s:%s to group “[%s]”: %s",
               G_OBJECT_TYPE_NAME (object), pspec->name, binding->group, error->message);
}

typedef struct {
  GParamSpec *pspec;
  GValue value;
} PendingValue;

static void
pending_value_clear (gpointer data)
{
  PendingValue *pending = data;

  g_value_unset (&pending->value);
}

gboolean
sip_simple_config_bind (GObject           *object,
                        SipSimpleStorage  *storage,
                        const char        *group,
                        GError           **error)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GArray) pending = NULL;
  Binding *binding;
  guint n_pspecs;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (sip_simple_storage_is_valid_name (group), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Convert everything first, so that one bad value sets nothing. */
  pending = g_array_new (FALSE, TRUE, sizeof (PendingValue));
  g_array_set_clear_func (pending, pending_value_clear);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autoptr(GVariant) stored = NULL;
      PendingValue *item;

      if (!is_persistent (pspecs[i]) || !check_bindable (object, pspecs[i]))
        continue;

      stored = sip_simple_storage_get (storage, group, pspecs[i]->name);
      if (stored == NULL)
        continue;

      g_array_set_size (pending, pending->len + 1);
      item = &g_array_index (pending, PendingValue, pending->len - 1);
      item->pspec = pspecs[i];
      g_value_init (&item->value, target_pspec (pspecs[i])->value_type);
      if (!variant_to_value (stored, pspecs[i], &item->value, group, error))
        return FALSE;
    }

  sip_simple_config_unbind (object);

  /* Not connected yet: the values just read are not written back. */
  g_object_freeze_notify (object);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingValue *item = &g_array_index (pending, PendingValue, i);

      g_object_set_property (object, item->pspec->name, &item->value);
    }
  g_object_thaw_notify (object);

  binding = g_new0 (Binding, 1);
  binding->storage = g_object_ref (storage);
  binding->group = g_strdup (group);
  binding->notify_id = g_signal_connect (object, "notify", G_CALLBACK (on_notify), binding);
  g_object_set_qdata_full (object, binding_quark (), binding, binding_free);
  return TRUE;
}

void
sip_simple_config_unbind (GObject *object)
{
  Binding *binding;

  g_return_if_fail (G_IS_OBJECT (object));

  binding = g_object_get_qdata (object, binding_quark ());
  if (binding == NULL)
    return;

  g_signal_handler_disconnect (object, binding->notify_id);
  g_object_set_qdata (object, binding_quark (), NULL);
}

gboolean
sip_simple_config_save_all (GObject  *object,
                            GError  **error)
{
  g_autofree GParamSpec **pspecs = NULL;
  Binding *binding;
  guint n_pspecs;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  binding = g_object_get_qdata (object, binding_quark ());
  g_return_val_if_fail (binding != NULL, FALSE);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      if (!is_persistent (pspecs[i]) || !check_bindable (object, pspecs[i]))
        continue;
      if (!save_property (object, binding, pspecs[i], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sip_simple_config_get_binding (GObject           *object,
                               SipSimpleStorage **storage,
                               const char       **group)
{
  Binding *binding;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  binding = g_object_get_qdata (object, binding_quark ());
  if (storage != NULL)
    *storage = binding != NULL ? binding->storage : NULL;
  if (group != NULL)
    *group = binding != NULL ? binding->group : NULL;
  return binding != NULL;
}
