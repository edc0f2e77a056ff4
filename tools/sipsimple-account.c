/* sipsimple - the account command: the accounts kept in the configuration
 * directory (add, list, show, set, remove, default), read and written
 * through the library's FileStorage and AccountManager, so that the other
 * commands find them with --config.
 *
 * A password never has to be given on the command line, where other users
 * see it (ps) and the shell's history keeps it: it comes from
 * --password-file, from SIPSIMPLE_PASSWORD, or from the terminal, asked
 * with echo off.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsimple-common.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD_ENV "SIPSIMPLE_PASSWORD"

typedef struct _AccountCli AccountCli;

typedef struct
{
  /* named "account SUBCOMMAND": usage lines and errors name it */
  CliCommand  command;
  const char *parameters;  /* after [OPTION…] on the usage line */
  const char *description; /* after the options in --help, or NULL */
  guint       min_args;    /* arguments after the subcommand */
  guint       max_args;
  gboolean    settings; /* takes the options that change an account */
  int (*run) (AccountCli *a);
} Subcommand;

struct _AccountCli
{
  Cli              *cli;
  const Subcommand *sub;
  char            **args; /* after the subcommand and the options */
  guint             n_args;

  /* options */
  char    *display_name;
  char    *username;
  char    *password_file;
  gboolean no_password;
  gboolean change_password;
  gboolean enable;
  gboolean disable;

  SipSimpleStorage        *storage;
  SipSimpleAccountManager *manager;
};

/* ---- passwords ---------------------------------------------------------------- */

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

/* g_auto (Secret): a string wiped before it is freed */
typedef char *Secret;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (Secret, wipe_free, NULL)

/* The first line of @text (consumed) without its line end, or NULL with
 * the error @missing when it is empty */
static char *first_line (GString *text, GError **error, const char *missing, ...)
    G_GNUC_PRINTF (3, 4);

static char *
first_line (GString *text, GError **error, const char *missing, ...)
{
  char   *newline = strchr (text->str, '\n');
  va_list ap;

  if (newline != NULL)
    g_string_truncate (text, (gsize)(newline - text->str));
  if (text->len > 0 && text->str[text->len - 1] == '\r')
    g_string_truncate (text, text->len - 1);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      va_start (ap, missing);
      g_propagate_error (
          error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, missing, ap));
      va_end (ap);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* The first line of @path ("-": standard input) */
static char *
read_password_file (const char *path, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (g_str_equal (path, "-"))
    {
      char   chunk[256];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (text, chunk, (gssize)n);
      explicit_bzero (chunk, sizeof chunk);
    }
  else
    {
      g_auto (Secret) contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      g_string_append_len (text, contents, (gssize)length);
    }
  return first_line (g_steal_pointer (&text), error, "no password on the first line of %s", path);
}

static volatile sig_atomic_t prompt_signal;

static void
tty_say (int fd, const char *text)
{
  size_t left = strlen (text);

  while (left > 0)
    {
      ssize_t n = write (fd, text, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return; /* nowhere to say it: the read that follows tells */
      text += n;
      left -= (size_t)n;
    }
}

static void
on_prompt_signal (int sig)
{
  prompt_signal = sig;
}

/* One line typed on the terminal (not stdin, which may be a pipe) with echo
 * off. A signal while asking restores the terminal before it acts. */
static char *
ask_password (const char *id, GError **error)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction saved_actions[G_N_ELEMENTS (signals)];
  struct sigaction action = { .sa_handler = on_prompt_signal }; /* no SA_RESTART */
  struct termios   saved, quiet;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autofree char *prompt = g_strdup_printf ("Password for %s: ", id);
  gboolean         restore;
  int              fd;

  fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "no password for %s and no terminal to ask for it on: give --password-file "
                   "FILE, set " PASSWORD_ENV ", or --no-password for an account without one",
                   id);
      return NULL;
    }
  prompt_signal = 0;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, &saved_actions[i]);
  restore = tcgetattr (fd, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      quiet.c_lflag |= ICANON;
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  tty_say (fd, prompt);
  while (prompt_signal == 0)
    {
      char    c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR && prompt_signal == 0)
        continue;
      if (n <= 0 || c == '\n')
        break;
      g_string_append_c (line, c);
    }
  if (restore)
    tcsetattr (fd, TCSAFLUSH, &saved);
  tty_say (fd, "\n"); /* the Enter that was not echoed */
  close (fd);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &saved_actions[i], NULL);
  if (prompt_signal != 0)
    raise (prompt_signal);
  return first_line (g_steal_pointer (&line), error,
                     "no password typed for %s (--no-password stores an account without one)", id);
}

/* The password to store: from --password-file, SIPSIMPLE_PASSWORD, or the terminal */
static char *
new_password (AccountCli *a, const char *id, GError **error)
{
  const char *env = g_getenv (PASSWORD_ENV);

  if (a->password_file != NULL)
    return read_password_file (a->password_file, error);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return ask_password (id, error);
}

/* ---- settings: KEY=VALUE and what show prints -------------------------------- */

/* A setting is a property the account keeps: readable, writable, not
 * construct-only (the others are its identity and its state). */
static GParamSpec *
find_setting (SipSimpleAccount *account, const char *key)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (account), key);

  if (pspec == NULL || (pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE
      || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    return NULL;
  return pspec;
}

static int
compare_specs (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(GParamSpec *const *)a)->name, (*(GParamSpec *const *)b)->name);
}

/* The settings, sorted by name */
static GPtrArray *
list_settings (SipSimpleAccount *account)
{
  GPtrArray              *list = g_ptr_array_new ();
  guint                   n;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (account), &n);

  for (guint i = 0; i < n; i++)
    if (find_setting (account, specs[i]->name) == specs[i])
      g_ptr_array_add (list, specs[i]);
  g_ptr_array_sort (list, compare_specs);
  return list;
}

static char *
setting_names (SipSimpleAccount *account)
{
  g_autoptr (GPtrArray) list = list_settings (account);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", ((GParamSpec *)list->pdata[i])->name);
  return g_string_free (s, FALSE);
}

/* The value of a setting as set takes it; NULL when unset */
static char *
format_setting (SipSimpleAccount *account, GParamSpec *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (account), pspec->name, &value);
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (g_value_get_boolean (&value) ? "true" : "false");
    case G_TYPE_UINT:
      return g_strdup_printf ("%u", g_value_get_uint (&value));
    case G_TYPE_STRING:
      return g_value_dup_string (&value);
    case G_TYPE_ENUM:
      {
        g_autoptr (GEnumClass) klass = g_type_class_ref (pspec->value_type);
        GEnumValue *v = g_enum_get_value (klass, g_value_get_enum (&value));
        return v ? g_strdup (v->value_nick) : NULL;
      }
    default:
      if (pspec->value_type == G_TYPE_STRV)
        {
          const char *const *list = g_value_get_boxed (&value);
          return list && list[0] ? g_strjoinv (", ", (char **)list) : NULL;
        }
      return NULL;
    }
}

/* @text as a value of the setting @pspec, in @value: booleans true/false
 * (yes/no, on/off, 1/0), numbers, enum nicks, lists separated by commas;
 * empty unsets a text or a list. */
static gboolean
parse_setting (GParamSpec *pspec, const char *text, GValue *value, GError **error)
{
  g_value_init (value, pspec->value_type);
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      {
        static const char *const yes[] = { "true", "yes", "on", "1", NULL };
        static const char *const no[] = { "false", "no", "off", "0", NULL };

        for (guint i = 0; yes[i]; i++)
          if (g_ascii_strcasecmp (text, yes[i]) == 0 || g_ascii_strcasecmp (text, no[i]) == 0)
            {
              g_value_set_boolean (value, g_ascii_strcasecmp (text, yes[i]) == 0);
              return TRUE;
            }
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "%s is true or false, not \"%s\"", pspec->name, text);
        return FALSE;
      }
    case G_TYPE_UINT:
      {
        GParamSpecUInt *range = G_PARAM_SPEC_UINT (pspec);
        guint64         n;

        if (!g_ascii_string_to_unsigned (text, 10, range->minimum, range->maximum, &n, NULL))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "%s is a number from %u to %u, not \"%s\"", pspec->name, range->minimum,
                         range->maximum, text);
            return FALSE;
          }
        g_value_set_uint (value, (guint)n);
        return TRUE;
      }
    case G_TYPE_STRING:
      g_value_set_string (value, *text ? text : NULL);
      return TRUE;
    case G_TYPE_ENUM:
      {
        g_autoptr (GEnumClass) klass = g_type_class_ref (pspec->value_type);
        GEnumValue *v = g_enum_get_value_by_nick (klass, text);
        g_autoptr (GString) nicks = g_string_new (NULL);

        if (v != NULL)
          {
            g_value_set_enum (value, v->value);
            return TRUE;
          }
        for (guint i = 0; i < klass->n_values; i++)
          g_string_append_printf (nicks, "%s%s", i ? ", " : "", klass->values[i].value_nick);
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s is one of %s, not \"%s\"",
                     pspec->name, nicks->str, text);
        return FALSE;
      }
    default:
      if (pspec->value_type == G_TYPE_STRV)
        {
          g_auto (GStrv) items = g_strsplit (text, ",", -1);
          g_autoptr (GStrvBuilder) list = g_strv_builder_new ();

          for (char **item = items; *item; item++)
            if (*g_strstrip (*item) != '\0')
              g_strv_builder_add (list, *item);
          g_value_take_boxed (value, g_strv_builder_end (list));
          return TRUE;
        }
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s cannot be set from the command line", pspec->name);
      return FALSE;
    }
}

/* An address the account keeps is checked now, not when a later command
 * uses it (as --proxy and --msrp-relay are). */
static gboolean
check_setting (GParamSpec *pspec, const GValue *value, GError **error)
{
  g_autoptr (GError) local = NULL;
  const char *text;
  gboolean    ok;

  if (!G_VALUE_HOLDS_STRING (value) || (text = g_value_get_string (value)) == NULL)
    return TRUE;
  if (g_str_equal (pspec->name, "outbound-proxy"))
    {
      g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (text, &local);
      ok = uri != NULL;
    }
  else if (g_str_equal (pspec->name, "msrp-relay"))
    {
      g_autoptr (SipSimpleMsrpUri) uri = sip_simple_msrp_uri_parse (text, &local);
      ok = uri != NULL;
    }
  else
    return TRUE;
  if (!ok)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "invalid %s: %s", pspec->name,
                 local->message);
  return ok;
}

/* ---- what add and set change ------------------------------------------------- */

typedef struct
{
  GPtrArray *specs;  /* of the KEY=VALUE arguments */
  GArray    *values; /* GValue, in the same order */
  char      *proxy;
  gboolean   set_password;
  char      *password;
} Changes;

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->specs, g_ptr_array_unref);
  g_clear_pointer (&changes->values, g_array_unref);
  g_clear_pointer (&changes->proxy, g_free);
  g_clear_pointer (&changes->password, wipe_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Changes, changes_clear)

/* Checks every change before any is made: @settings (KEY=VALUE), the
 * options, and the password when one is to be stored (asked last, so
 * that a mistake elsewhere is told before typing it). */
static gboolean
collect_changes (AccountCli *a, SipSimpleAccount *account, char **settings, gboolean password,
                 Changes *changes, GError **error)
{
  Cli *cli = a->cli;

  changes->specs = g_ptr_array_new ();
  changes->values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_array_set_clear_func (changes->values, (GDestroyNotify)g_value_unset);
  for (char **s = settings; s && *s; s++)
    {
      const char      *eq = strchr (*s, '=');
      g_autofree char *key = eq ? g_strndup (*s, (gsize)(eq - *s)) : g_strdup (*s);
      GParamSpec      *pspec = find_setting (account, key);
      GValue           value = G_VALUE_INIT;

      if (g_str_equal (key, "password"))
        {
          g_set_error (
              error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
              "a password is not given on the command line: use --password-file FILE, " PASSWORD_ENV
              " or --change-password (asks for it)");
          return FALSE;
        }
      if (eq == NULL || pspec == NULL)
        {
          g_autofree char *names = setting_names (account);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       eq ? "unknown setting \"%s\"; settings: %s"
                          : "\"%s\" is not KEY=VALUE; settings: %s",
                       eq ? key : *s, names);
          return FALSE;
        }
      if (!parse_setting (pspec, eq + 1, &value, error) || !check_setting (pspec, &value, error))
        {
          g_value_unset (&value);
          return FALSE;
        }
      g_ptr_array_add (changes->specs, pspec);
      g_array_append_val (changes->values, value);
    }
  if (cli->proxy != NULL || cli->transport != NULL)
    {
      changes->proxy = cli_outbound_proxy (account, cli->proxy, cli->transport, error);
      if (changes->proxy == NULL)
        return FALSE;
    }
  changes->set_password = password || a->password_file != NULL || a->no_password;
  if (changes->set_password && !a->no_password)
    {
      changes->password = new_password (a, sip_simple_account_get_id (account), error);
      if (changes->password == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_changes (AccountCli *a, const Changes *changes)
{
  return changes->specs->len > 0 || changes->proxy != NULL || changes->set_password
         || a->display_name != NULL || a->username != NULL || a->enable || a->disable;
}

/* The options after the KEY=VALUE settings: they win */
static void
apply_changes (AccountCli *a, SipSimpleAccount *account, const Changes *changes)
{
  for (guint i = 0; i < changes->specs->len; i++)
    g_object_set_property (G_OBJECT (account), ((GParamSpec *)changes->specs->pdata[i])->name,
                           &g_array_index (changes->values, GValue, i));
  if (a->display_name != NULL)
    g_object_set (account, "display-name", a->display_name, NULL);
  if (a->username != NULL)
    g_object_set (account, "auth-username", a->username, NULL);
  if (changes->proxy != NULL)
    g_object_set (account, "outbound-proxy", changes->proxy, NULL);
  if (a->enable || a->disable)
    sip_simple_account_set_enabled (account, a->enable);
  if (changes->set_password)
    sip_simple_account_set_password (account, changes->password);
}

/* ---- the subcommands -------------------------------------------------------- */

/* The stored account @uri names, or NULL (said on stderr) */
static SipSimpleAccount *
lookup (AccountCli *a, const char *uri)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleAccount) probe = sip_simple_account_new (uri, &error);
  SipSimpleAccount *account;

  if (probe == NULL)
    {
      err ("%s", error->message);
      return NULL;
    }
  account = sip_simple_account_manager_find (a->manager, sip_simple_account_get_id (probe));
  if (account == NULL)
    err ("no account %s in %s (see 'sipsimple account list')", sip_simple_account_get_id (probe),
         a->cli->config_dir);
  return account;
}

static gboolean
is_default (AccountCli *a, SipSimpleAccount *account)
{
  return sip_simple_account_manager_get_default_account (a->manager) == account;
}

/* Every change is saved as it is made; this tells whether they were */
static int
saved (AccountCli *a)
{
  g_autoptr (GError) error = NULL;

  if (!sip_simple_storage_flush (a->storage, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  return 0;
}

static int
account_add (AccountCli *a)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleAccount) account = sip_simple_account_new (a->args[0], &error);
  g_auto (Changes) changes = { 0 };
  const char *id;

  if (account == NULL)
    {
      err ("%s", error->message);
      return 2;
    }
  id = sip_simple_account_get_id (account);
  if (sip_simple_account_manager_find (a->manager, id) != NULL)
    {
      err ("an account %s exists already in %s: change it with 'sipsimple account set %s ...'", id,
           a->cli->config_dir, id);
      return 2;
    }
  if (!collect_changes (a, account, a->args + 1, TRUE, &changes, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  apply_changes (a, account, &changes);
  if (!sip_simple_account_manager_add (a->manager, account, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  if (saved (a) != 0)
    return 2;
  out ("Added %s%s%s", id, sip_simple_account_get_enabled (account) ? "" : " (disabled)",
       is_default (a, account) ? " (the default account)" : "");
  return 0;
}

static int
account_set (AccountCli *a)
{
  g_autoptr (GError) error = NULL;
  g_auto (Changes) changes = { 0 };
  SipSimpleAccount *account = lookup (a, a->args[0]);

  if (account == NULL)
    return 2;
  if (!collect_changes (a, account, a->args + 1, a->change_password, &changes, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  if (!has_changes (a, &changes))
    return cli_usage_error (a->cli, "account set needs KEY=VALUE or an option that changes "
                                    "the account");
  apply_changes (a, account, &changes);
  if (saved (a) != 0)
    return 2;
  out ("Changed %s", sip_simple_account_get_id (account));
  return 0;
}

static int
account_list (AccountCli *a)
{
  GListModel *model = G_LIST_MODEL (a->manager);
  guint       n = g_list_model_get_n_items (model);
  int         width = 0;

  if (n == 0)
    err ("no accounts in %s: add one with 'sipsimple account add URI'", a->cli->config_dir);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleAccount) account = g_list_model_get_item (model, i);
      width = MAX (width, (int)strlen (sip_simple_account_get_id (account)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleAccount) account = g_list_model_get_item (model, i);
      out ("%s %-*s  %s", is_default (a, account) ? "*" : " ", width,
           sip_simple_account_get_id (account),
           sip_simple_account_get_enabled (account) ? "enabled" : "disabled");
    }
  return 0;
}

static int
account_show (AccountCli *a)
{
  SipSimpleAccount *account = lookup (a, a->args[0]);
  g_autoptr (GPtrArray) settings = NULL;
  int width = (int)strlen ("account");

  if (account == NULL)
    return 2;
  settings = list_settings (account);
  for (guint i = 0; i < settings->len; i++)
    width = MAX (width, (int)strlen (((GParamSpec *)settings->pdata[i])->name));
  out ("%-*s  %s", width + 1, "account:", sip_simple_account_get_id (account));
  out ("%-*s  %s", width + 1, "default:", is_default (a, account) ? "yes" : "no");
  for (guint i = 0; i < settings->len; i++)
    {
      GParamSpec      *pspec = settings->pdata[i];
      g_autofree char *key = g_strconcat (pspec->name, ":", NULL);
      g_autofree char *value = NULL;

      /* never the password itself */
      if (g_str_equal (pspec->name, "password"))
        {
          g_auto (Secret) password = format_setting (account, pspec);
          value = g_strdup (password ? "(set)" : "(not set)");
        }
      else
        value = format_setting (account, pspec);
      out ("%-*s  %s", width + 1, key, value ? value : "(not set)");
    }
  return 0;
}

static int
account_remove (AccountCli *a)
{
  g_autoptr (GError) error = NULL;
  SipSimpleAccount *account = lookup (a, a->args[0]);
  g_autofree char  *id = NULL;

  if (account == NULL)
    return 2;
  id = g_strdup (sip_simple_account_get_id (account));
  if (!sip_simple_account_manager_remove (a->manager, account, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  if (saved (a) != 0)
    return 2;
  out ("Removed %s", id);
  return 0;
}

static int
account_default (AccountCli *a)
{
  g_autoptr (GError) error = NULL;
  SipSimpleAccount *account;

  if (a->n_args == 0)
    {
      account = sip_simple_account_manager_get_default_account (a->manager);
      if (account == NULL)
        {
          err ("no default account in %s (no enabled account, none chosen)", a->cli->config_dir);
          return 1;
        }
      out ("%s%s", sip_simple_account_get_id (account),
           sip_simple_account_get_enabled (account) ? "" : " (disabled)");
      return 0;
    }
  if ((account = lookup (a, a->args[0])) == NULL)
    return 2;
  if (!sip_simple_account_manager_set_default_account (a->manager, account, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  if (saved (a) != 0)
    return 2;
  out ("%s is the default account%s", sip_simple_account_get_id (account),
       sip_simple_account_get_enabled (account) ? "" : " (disabled: 'account set --enable' it)");
  return 0;
}

#define PASSWORD_SOURCES                                                                           \
  "The password is read from --password-file, else from the environment\n"                         \
  "variable " PASSWORD_ENV ", else asked on the terminal."
#define KEY_VALUE_HELP                                                                             \
  "KEY is a setting as 'sipsimple account show' lists it. Booleans are true\n"                     \
  "or false, lists are separated by commas; an empty VALUE unsets a text."

static const Subcommand subcommands[] = {
  { { "account add", "Store a new account.", NULL },
    "URI [KEY=VALUE...]",
    PASSWORD_SOURCES "\n\n" KEY_VALUE_HELP,
    1,
    G_MAXUINT,
    TRUE,
    account_add },
  { { "account list", "List the stored accounts; * marks the default one.", NULL },
    NULL,
    NULL,
    0,
    0,
    FALSE,
    account_list },
  { { "account show",
      "Show the settings of an account (whether it has a password, not the "
      "password).",
      NULL },
    "URI",
    NULL,
    1,
    1,
    FALSE,
    account_show },
  { { "account set", "Change the settings of an account.", NULL },
    "URI [KEY=VALUE...]",
    KEY_VALUE_HELP "\n\nWith --change-password or --password-file, a new password is stored:\n"
                   "from --password-file, else from " PASSWORD_ENV ", else asked on the\n"
                   "terminal.",
    1,
    G_MAXUINT,
    TRUE,
    account_set },
  { { "account remove", "Remove an account.", NULL }, "URI", NULL, 1, 1, FALSE, account_remove },
  { { "account default", "Show the default account, or make URI the default account.", NULL },
    "[URI]",
    NULL,
    0,
    1,
    FALSE,
    account_default },
};

static char *
subcommand_list (void)
{
  GString *s = g_string_new ("Subcommands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *usage
          = g_strdup_printf ("%s %s", subcommands[i].command.name + strlen ("account "),
                             subcommands[i].parameters ? subcommands[i].parameters : "");
      g_string_append_printf (s, "  %-26s %s\n", usage, subcommands[i].command.summary);
    }
  g_string_append (s, "\nRun 'sipsimple account SUBCOMMAND --help' for its options.");
  return g_string_free (s, FALSE);
}

/* The options of the subcommand; without one, all of them */
static GOptionContext *
account_context (AccountCli *a)
{
  Cli               *cli = a->cli;
  const Subcommand  *sub = a->sub;
  GOptionContext    *context;
  const GOptionEntry settings[]
      = { { "display-name", 0, 0, G_OPTION_ARG_STRING, &a->display_name, "The name shown to others",
            "NAME" },
          { "username", 'u', 0, G_OPTION_ARG_STRING, &a->username,
            "User name for authentication, when not the account's", "USER" },
          { "proxy", 0, 0, G_OPTION_ARG_STRING, &cli->proxy,
            "Outbound proxy to keep, e.g. sip:proxy.example.com", "URI" },
          { "transport", 't', 0, G_OPTION_ARG_STRING, &cli->transport,
            "Transport to the proxy (or the domain): udp, tcp or tls", "T" },
          { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->password_file,
            "Read the password from the first line of FILE (- for standard input)", "FILE" },
          { "no-password", 0, 0, G_OPTION_ARG_NONE, &a->no_password, "The account has no password",
            NULL },
          { "enable", 0, 0, G_OPTION_ARG_NONE, &a->enable,
            "Use the account (new accounts are enabled)", NULL },
          { "disable", 0, 0, G_OPTION_ARG_NONE, &a->disable, "Keep the account but do not use it",
            NULL },
          G_OPTION_ENTRY_NULL };
  const GOptionEntry set_only[]
      = { { "change-password", 0, 0, G_OPTION_ARG_NONE, &a->change_password,
            "Store a new password (from " PASSWORD_ENV " or asked)", NULL },
          G_OPTION_ENTRY_NULL };
  const GOptionEntry config[] = { CLI_CONFIG_ENTRY (cli), G_OPTION_ENTRY_NULL };

  if (sub == NULL)
    {
      g_autofree char *list = subcommand_list ();

      context = cli_context_new (cli, "add|list|show|set|remove|default [ARGUMENT...]",
                                 "Keep SIP accounts in the configuration directory, where the "
                                 "other commands find them.");
      g_option_context_set_description (context, list);
    }
  else
    {
      context = cli_context_new (cli, sub->parameters, sub->command.summary);
      g_option_context_set_description (context, sub->description);
    }
  if (sub == NULL || sub->settings)
    g_option_context_add_main_entries (context, settings, NULL);
  if (sub == NULL || sub->run == account_set)
    g_option_context_add_main_entries (context, set_only, NULL);
  g_option_context_add_main_entries (context, config, NULL);
  return context;
}

static int
account_main (AccountCli *a, int argc, char **argv)
{
  Cli *cli = a->cli;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;

  if (argc > 1 && argv[1][0] != '-')
    {
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (g_str_equal (subcommands[i].command.name + strlen ("account "), argv[1]))
          a->sub = &subcommands[i];
      if (a->sub == NULL)
        return cli_usage_error (cli,
                                "unknown subcommand \"%s\"; subcommands: add, list, show, "
                                "set, remove, default",
                                argv[1]);
      /* the subcommand is argv[0] now, and names itself in usage lines */
      cli->command = &a->sub->command;
      argc--;
      argv++;
    }
  context = account_context (a);
  if (!cli_parse_options (cli, context, &argc, &argv))
    return 2;
  if (a->sub == NULL)
    return cli_usage_error (cli, "account needs a subcommand: add, list, show, set, remove or "
                                 "default");
  a->args = argv + 1;
  a->n_args = (guint)argc - 1;
  if (a->n_args < a->sub->min_args)
    return cli_usage_error (cli, "%s needs the account's URI", cli->command->name);
  if (a->n_args > a->sub->max_args)
    return cli_usage_error (cli, "%s takes %s", cli->command->name,
                            a->sub->max_args ? "one URI" : "no arguments");
  if (a->enable && a->disable)
    return cli_usage_error (cli, "--enable and --disable are exclusive");
  if (a->no_password && (a->password_file != NULL || a->change_password))
    return cli_usage_error (cli, "--no-password goes with neither --password-file nor "
                                 "--change-password");

  a->storage = SIP_SIMPLE_STORAGE (sip_simple_file_storage_new (cli->config_dir));
  a->manager = sip_simple_account_manager_new ();
  if (!sip_simple_storage_load (a->storage, &error)
      || !sip_simple_account_manager_load (a->manager, a->storage, &error))
    {
      err ("%s", error->message);
      return 2;
    }
  return a->sub->run (a);
}

int
cli_account_run (Cli *cli, int argc, char **argv)
{
  AccountCli a = { .cli = cli };
  int        status = account_main (&a, argc, argv);

  /* a removed account finishes detaching (it never attached: at once) */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&a.manager);
  g_clear_object (&a.storage);
  g_free (a.display_name);
  g_free (a.username);
  g_free (a.password_file);
  return status;
}
