/* sipsimple - what the commands of the sipsimple program share
 *
 * The program is a table of commands (sipsimple.c), each in the file of
 * its group (sipsimple-account.c, -register.c, -message.c, -call.c,
 * -chat.c, -presence.c, -xcap.c). A command's run function makes its option
 * context with cli_context_new(), parses with cli_parse(), checks its
 * arguments and hands over to cli_run(), which starts the application
 * with the account of the options and calls the command's start function
 * once the account is enabled. Everything runs on the main loop of
 * cli_run(); cli_finish() ends it with an exit status. The account
 * command alone needs no main loop: it changes the stored accounts.
 *
 * Exit status: 0 done, 1 the request failed (the peer said no), 2 usage
 * or setup error, 3 timed out.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/sipsimple.h>

#include <glib-unix.h>
#include <termios.h>

G_BEGIN_DECLS

typedef struct _Cli Cli;

/* One row of the command table */
typedef struct
{
  const char *name;
  const char *summary; /* one line, for the command list */
  /* parses @argv (argv[0] is the command) and runs; returns the exit status */
  int (*run) (Cli *cli, int argc, char **argv);
} CliCommand;

typedef void (*CliStartFunc) (Cli *cli);

struct _Cli
{
  const CliCommand *command;

  /* options every command has */
  char    *account_id;
  char    *password;
  char    *proxy;
  char    *transport;
  char    *config_dir;
  char    *ip_address;
  char    *tls_ca_file;
  gboolean no_verify_tls;
  gboolean trace;
  int      timeout;

  /* options of some commands */
  int      expires;
  gboolean once;
  char    *to;
  int      count;
  char    *play;
  int      tone;
  char    *record;
  char    *input;  /* --input: DEVICE, silence, tone:HZ or FILE.wav */
  char    *output; /* --output: DEVICE, none or FILE.wav */
  int      duration;
  char    *dtmf;
  char    *codecs;
  char    *srtp;
  gboolean ice;
  int      answer_delay;
  char    *status;
  char    *note;
  char    *xcap_root;
  char    *voicemail;
  char    *file;
  gboolean raw;
  char    *accept_files;
  char    *msrp_relay;
  char   **args; /* the arguments after the options */

  /* what the command does with the events every command sees */
  void (*registered) (Cli *cli); /* after "Registered ..." */
  /* a session ended (status 0) or failed (1): the exit status to finish
   * with, or -1 to go on */
  int (*session_over) (Cli *cli, int status);
  gboolean progress_bar; /* file transfer progress as a bar on a terminal */

  /* state */
  gboolean              register_account;
  CliStartFunc          start;
  GMainLoop            *loop;
  SipSimpleApplication *app;
  SipSimpleAccount     *account;
  int                   exit_code;
  int                   received;
  gboolean              stopping;
  gboolean              registered_once;
  SipSimpleSession     *session; /* the call being shown */
  int                   calls;   /* answered calls that ended */
  guint                 stdin_watch;
  gboolean              raw_terminal;
  struct termios        saved_termios;
  SipSimplePublication *publication;   /* publish-presence */
  GPtrArray            *subscriptions; /* subscribe-* */
  SipSimpleWatcherInfo *winfo;         /* subscribe-winfo */
  SipSimpleXcapClient  *xcap;          /* xcap */
  int                   updates;       /* NOTIFYs printed */
  int                   failures;

  /* chat and file transfer */
  SipSimpleChatStream         *chat;
  GDataInputStream            *lines;
  GString                     *typed;        /* a line typed on the terminal */
  guint                        chat_pending; /* sent, not yet delivered or failed */
  guint                        chat_failed;
  gboolean                     input_done;
  SipSimpleFileTransferStream *transfer;
  gboolean                     transfer_ok;
  gboolean                     transfer_over; /* finished or failed */
  SipSimpleSession            *ended_session; /* ended before its transfer's outcome */
  int                          ended_status;
  gint64                       transfer_t0;
  int                          transfer_step; /* last 10 % step printed */
  gint64                       transfer_last_draw;
  guint64                      transfer_last_bytes;
};

/* ---- sipsimple-common.c ------------------------------------------------- */

/* One line on stdout, flushed: other programs (and tests) read it live. */
void out (const char *fmt, ...) G_GNUC_PRINTF (1, 2);
/* "sipsimple: ..." on stderr */
void err (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

/* The option context of @cli's command: its usage line is
 * "sipsimple COMMAND [OPTION…] @parameters", the options every command
 * has are in it; add the command's own entries. */
GOptionContext *cli_context_new (Cli *cli, const char *parameters, const char *summary);
/* Parses, then checks the options every command has. FALSE: a usage
 * error was printed (exit with 2). */
gboolean cli_parse (Cli *cli, GOptionContext *context, int *argc, char ***argv);
/* cli_parse() without adding the options every command has: for a
 * command that has only some of them (CLI_CONFIG_ENTRY, ...). */
gboolean cli_parse_options (Cli *cli, GOptionContext *context, int *argc, char ***argv);
/* The option entry of --config, the same in every command */
#define CLI_CONFIG_ENTRY(cli)                                                                      \
  {                                                                                                \
    "config", 'c', 0, G_OPTION_ARG_FILENAME, &(cli)->config_dir,                                   \
        "Configuration directory (default: ~/.config/sipsimple)", "DIR"                            \
  }
/* A usage error of the command's arguments: printed, returns 2. */
int cli_usage_error (Cli *cli, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* Starts the application with the account from the options, enables the
 * account (registering it when @register_account), calls @start and runs
 * until cli_finish(). Returns the exit status. */
int cli_run (Cli *cli, gboolean register_account, CliStartFunc start);
/* Ends the run (politely: subscriptions and publications are ended). */
void cli_finish (Cli *cli, int code);
/* The outbound proxy @proxy (or else @account's, or else its domain) with
 * the transport parameter @transport when not NULL: what --proxy and
 * --transport make of an account. NULL: @proxy is not a SIP URI. */
char *cli_outbound_proxy (SipSimpleAccount *account, const char *proxy, const char *transport,
                          GError **error);

/* The terminal of stdin without line editing and echo (keys as typed),
 * each key to @on_key; cli_restore_terminal() undoes it. */
void cli_terminal_keys (Cli *cli, GUnixFDSourceFunc on_key);
void cli_restore_terminal (Cli *cli);

/* ---- sipsimple-call.c ----------------------------------------------------- */

int cli_call_run (Cli *cli, int argc, char **argv);
int cli_answer_run (Cli *cli, int argc, char **argv);
/* Prints what happens to @session and ends the run as the command's
 * session_over says. */
void cli_watch_session (Cli *cli, SipSimpleSession *session);
/* The session is over with @status: the command decides what then. */
void cli_session_over (Cli *cli, SipSimpleSession *session, int status);

/* ---- sipsimple-chat.c ----------------------------------------------------- */

int  cli_chat_run (Cli *cli, int argc, char **argv);
int  cli_send_file_run (Cli *cli, int argc, char **argv);
void cli_watch_chat (Cli *cli, SipSimpleChatStream *chat);
void cli_watch_transfer (Cli *cli, SipSimpleFileTransferStream *transfer);
/* DIR/NAME for an offered file, never outside DIR (--accept-files), never
 * over an existing file */
char *cli_destination_for (Cli *cli, SipSimpleFileSelector *selector);

/* ---- the other command groups ---------------------------------------------- */

int cli_account_run (Cli *cli, int argc, char **argv);
int cli_register_run (Cli *cli, int argc, char **argv);
int cli_listen_run (Cli *cli, int argc, char **argv);
int cli_message_run (Cli *cli, int argc, char **argv);
int cli_publish_presence_run (Cli *cli, int argc, char **argv);
int cli_subscribe_presence_run (Cli *cli, int argc, char **argv);
int cli_subscribe_winfo_run (Cli *cli, int argc, char **argv);
int cli_subscribe_mwi_run (Cli *cli, int argc, char **argv);
int cli_xcap_run (Cli *cli, int argc, char **argv);

G_END_DECLS
