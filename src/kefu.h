/* kefu.h: the session every command runs in, and the commands.
 *
 * To add a command (tmux's cmd_entry is the model):
 *   1. write src/cmd-NAME.c with `int cmd_NAME(struct kefu *, int, char **)`
 *      that reads its arguments with cmd_parse(), and at its end
 *      `const struct cmd cmd_NAME_entry = { .name, .usage, .summary,
 *      .help, .arg, .words, .fn }`: the options and words there are what
 *      the prompt completes and `kefu help` explains;
 *   2. declare both below;
 *   3. put &cmd_NAME_entry in cmd_table[] in cmd.c, where `kefu help`
 *      should list it;
 *   4. add the file to Makefile.am and po/POTFILES.in, and a test under
 *      tests/.
 *
 * Ownership: the session owns the loaded content, the store and the
 * person; commands borrow them and never free them. */
#ifndef KEFU_KEFU_H
#define KEFU_KEFU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "plan.h"
#include "store.h"
#include "table.h"
#include "util.h"

struct kefu {
	const char *content_dir;	/* from --content, KEFU_CONTENT or built in */
	const char *db_path;		/* from --db, KEFU_DB or XDG */
	struct content *content;	/* loaded on first use */
	struct store *store;		/* opened on first use */
	struct person me;		/* who runs kefu; id 0 until known */
	struct enrollment enr;		/* id 0 when not enrolled */
	long long now;			/* seconds since the epoch, at start */
	long long wall0;		/* the real clock at start */
	bool fixed_clock;		/* KEFU_NOW: the clock stands still */
	long today;			/* local day number of now */
	bool tty_in;			/* stdin is a terminal */
	bool color;			/* stdout takes colour */
	bool utf8_term;			/* the locale can show ▁▂▃ */
	bool notice;			/* say what is new once the user is known */
	bool in_shell;			/* running inside the interactive shell */
};

/* What a command's arguments are, for completion. */
enum arg_kind {
	ARG_NONE, ARG_COMMAND, ARG_LESSON, ARG_QUIZ, ARG_DRILL, ARG_STAGE,
	ARG_CURRICULUM, ARG_PERSON, ARG_FILE, ARG_WORDS,
	ARG_SCRIPT,	/* a library; after "copy", a script */
	ARG_SCENARIO
};

struct cmd {
	const char *name;
	const char *usage;	/* arguments after the name */
	const char *summary;	/* one line for the list */
	const char *help;	/* the rest of `help NAME` */
	enum arg_kind arg;
	const char *const *words;	/* its options and subcommand words, to complete */
	int (*fn)(struct kefu *, int argc, char **argv);
};

/* The commands, each declared in its own file (cmd-plan.c holds
 * cmd_plan_entry); cmd.c lists them in the order `kefu help` shows. */
extern const struct cmd cmd_plan_entry, cmd_study_entry, cmd_quiz_entry, cmd_drill_entry, cmd_progress_entry, cmd_review_entry, cmd_list_entry, cmd_enroll_entry, cmd_check_entry, cmd_people_entry, cmd_grade_entry, cmd_attempts_entry, cmd_assess_entry, cmd_signoff_entry, cmd_stage_entry, cmd_exempt_entry, cmd_kpi_entry, cmd_inbox_entry, cmd_report_entry, cmd_scripts_entry, cmd_kb_entry, cmd_chat_entry, cmd_lint_entry, cmd_import_entry, cmd_export_entry, cmd_db_entry, cmd_help_entry, cmd_quit_entry;

/* An exam (a quiz, or else a chat scenario) of a stage still locked
 * for the person is not taken: 1 after saying which stage must be
 * complete first, else 0. */
int kefu_exam_lock(struct kefu *, const struct quiz *, const struct scenario *);
/* cmd-import.c: says a bank's notes (what was left out or lost) on
 * stderr by line, as FILE:LINE:COL. */
struct bank;
void import_notes(struct bank *, const char *file);
/* Refuses a file to write (path, with your own rights) that exists,
 * unless force: -1 after saying so; 0 for NULL. */
int import_refuse_existing(const char *path, bool force);
/* cmd-chat.c: why a chat run is practice, in words (why as stored). */
const char *chat_why_text(const char *why);
/* cmd-grade.c: reads a trainer's points up to max: 0 read, 1 skip, 2 quit. */
int grade_read_points(double max, double *points);
/* cmd-grade-chat.c: reviews the chat runs waiting (run_id 0), or one;
 * counts those reviewed and those skipped as the trainer's own. 0, 1
 * when one run could not be reviewed, -1 after a store error. */
int grade_chats(struct kefu *, int64_t run_id, size_t *done, size_t *own);
/* Adds a row for each run waiting: run, login, scenario, automatic %,
 * days waited. */
struct table;
int grade_chats_list(struct kefu *, struct table *);
struct scenario;
int grade_chat_show(struct kefu *, const struct scenario *, const struct chat_run *);

/* cmd.c */
extern const struct cmd *const cmd_table[];
extern const size_t cmd_count;
const struct cmd *cmd_find(const char *name);
/* Runs argv[0] with its arguments; returns the exit status. */
int cmd_run(struct kefu *, int argc, char **argv);
/* Prints "usage: kefu NAME USAGE" to stderr and returns 2. */
int cmd_usage(const struct cmd *);
/* An option: a flag (value NULL: sets *flag) or --name VALUE, also
 * written --name=VALUE (sets *value). */
struct cmd_opt {
	const char *name;
	const char **value;
	bool *flag;
};
/* Reads argv[1..] into options (a table ending with a NULL name) and at
 * most maxpos positional words; returns 0, or cmd_usage()'s 2 after an
 * error. "--" ends the options. */
int cmd_parse(const struct cmd *, int argc, char **argv,
	      const struct cmd_opt *opts, char **pos, int maxpos, int *npos);
/* Reads a --format value (NULL: a table); 2 after saying what is wrong. */
int cmd_format(const char *, enum table_format *);

/* Where one person stands in their curriculum. */
struct standing {
	const struct curriculum *cu;
	struct module_fact **facts;	/* [stage][module] */
	enum stage_state *states;	/* per stage */
	bool *opened;			/* per stage: opened early by a trainer */
	long *due;			/* per stage, a day number; -1 for none */
	long long *completed;		/* per stage, when first seen complete; 0 */
	size_t current;			/* the first stage not complete */
};

/* cmd-plan.c */
/* The one next step of the person whose standing st is (its current
 * stage not past the last), into next: something they can do now, with
 * the command, or, when all that is left waits on someone, what to do
 * meanwhile. Each module that waits on someone goes into waiting as a
 * line "Waiting: ... wait for 王芳 ...". */
void kefu_next_step(struct kefu *, const struct curriculum *, const struct standing *,
		    struct sb *next, struct sb *waiting);

/* cmd-scripts.c */
struct team_script;
struct store_proposals;
/* The scripts of library lib (NULL: every library) as the team sees
 * them: each library's items, then the proposals accepted for it. The
 * caller frees *out, and then held (store_proposals_free()), which the
 * scripts of proposals point into. */
size_t kefu_team_scripts(struct kefu *, const char *lib, struct team_script **out,
			 struct store_proposals *held);

/* cmd-scripts-propose.c: `kefu scripts propose|review|proposals`, argv
 * from the subcommand's name on. */
int scripts_propose(struct kefu *, const struct cmd *, int argc, char **argv);
int scripts_review(struct kefu *, const struct cmd *, int argc, char **argv);
int scripts_proposals(struct kefu *, const struct cmd *, int argc, char **argv);

/* cmd-inbox.c */
/* At a terminal, once: what changed for the person running kefu since
 * they last looked, in a short block. */
void kefu_notice(struct kefu *);
int cmd_inbox(struct kefu *, int argc, char **argv);

/* session.c */
/* The content tree, loaded and checked; dies listing the errors. */
struct content *kefu_content(struct kefu *);
/* The store, opened; dies when it cannot be. */
struct store *kefu_store(struct kefu *);
/* Who runs kefu, creating the first manager on a new database; dies
 * (writing nothing) for a login the database does not know. */
const struct person *kefu_me(struct kefu *);
/* The person's curriculum, or NULL with a message when not enrolled. */
const struct curriculum *kefu_curriculum(struct kefu *);
/* Gathers the facts of every module of cu for the person into a
 * stage-by-module table; free with kefu_facts_free(). */
struct module_fact **kefu_facts(struct kefu *, const struct curriculum *);
void kefu_facts_free(const struct curriculum *, struct module_fact **);
/* The states of cu's stages for the person running kefu, exemptions
 * and stages opened early counted; the caller frees them. */
enum stage_state *kefu_states(struct kefu *, const struct curriculum *);
/* Records stages the person running kefu has just completed, and says so. */
void kefu_update_stages(struct kefu *);
/* The standing of person p, enrolled as e in cu; stages seen complete
 * for the first time are recorded, and said. Free with
 * kefu_standing_free(). */
void kefu_standing(struct kefu *, const struct curriculum *,
		   const struct person *p, const struct enrollment *e,
		   struct standing *);
/* For a standing built elsewhere (a report's, for everyone at once)
 * whose states are set: its current stage, and its due days from the
 * enrollment's start and the due days moved (as plan_dues() takes them). */
void kefu_standing_dues(const struct kefu *, const struct curriculum *,
			const struct enrollment *e, const long *moved,
			struct standing *);
/* The due day of each stage of an enrollment in cu (-1: none), were it
 * to start on the day start: as planned, its extensions kept (as
 * plan_dues() takes them). Exits when the store fails, as
 * kefu_standing() does. */
void kefu_dues(struct kefu *, const struct curriculum *, int64_t enrollment_id,
	       long start, long *due);
/* Puts a stage's progress into completed and moved, by stage. */
void kefu_stage_row(const struct curriculum *, const struct stage_mark *,
		    long long *completed, long *moved);
void kefu_standing_free(struct standing *);
/* Like kefu_update_stages() for someone else, after a trainer's entry. */
void kefu_update_stages_of(struct kefu *, const struct person *,
			   const struct enrollment *);
/* True when the person running kefu (known already) holds role
 * (trainer: a trainer or a manager); says nothing. */
bool kefu_holds(const struct kefu *, const char *role);
/* Appends who acts for role ("trainer": grades, signs off, assesses;
 * "manager") in the team, by name: its trainers ("王芳", "王芳 or 李强";
 * three named at most), else its managers, else "a trainer". */
void kefu_graders(struct kefu *, const char *role, struct sb *);
/* True when the person running kefu holds role (trainer: a trainer or a
 * manager); otherwise says who may and returns false. */
bool kefu_may(struct kefu *, const char *role, const char *what);
/* A role as stored ("trainee", "trainer", "manager") as a message id:
 * _() of it names the role in the user's language. */
const char *kefu_role_word(const char *role);
/* The same in the user's language, for messages. */
const char *kefu_role_name(const char *role);
/* The quiz named id; else says so (with a suggestion) and returns NULL. */
const struct quiz *kefu_quiz(struct kefu *, const char *id);
/* Looks up someone by login; says so (with a suggestion) when there is
 * no such person. 1 found, 0 not. */
int kefu_person(struct kefu *, const char *login, struct person *);
/* Someone active and enrolled, for a trainer's command: their person,
 * enrollment and curriculum; NULL (having said why) otherwise. The
 * caller clears p and e. */
const struct curriculum *kefu_trainee(struct kefu *, const char *login,
				      struct person *p, struct enrollment *e);
/* The index of stage id in cu; else says so (where: " in your
 * curriculum" or "") and returns cu->nstages. */
size_t kefu_stage(const struct curriculum *, const char *id, const char *where);
/* The curriculum named by id (a --curriculum option), or the only one
 * the content has when id is NULL; else says which to choose. */
const struct curriculum *kefu_pick_curriculum(struct kefu *, const char *id);
/* This month, as kpi_period_parse() gives months (kpi_period_format()
 * writes it as YYYY-MM). */
int kefu_month(const struct kefu *);
/* A CSV file the user names, read with the user's own rights: UTF-8
 * text without NUL bytes, at most CSV_MAX bytes, into *buf (the caller
 * frees it) of *len bytes; *real, when real is not NULL, its full path
 * for the record (NULL when it cannot be had; the caller frees it). -1
 * after saying what is wrong, naming the line. */
int kefu_read_csv(const char *path, char **buf, size_t *len, char **real);
void kefu_close(struct kefu *);
/* Reports an unknown id: "no WHAT 'ID'WHERE (did you mean 'X'?)" with the
 * closest of the known ids, else "no WHAT 'ID'WHERE; HINT". */
void kefu_unknown(const char *what, const char *where, const char *id,
		  const char *const *known, size_t n, const char *hint);
/* The time now: the start time plus the real time that has passed
 * since; under KEFU_NOW (tests) always that time, so that a slow machine
 * never moves a test's clock. */
long long kefu_clock(const struct kefu *);
/* A random seed from the system. */
uint64_t kefu_seed(void);
/* Colour escapes, empty when colour is off. */
const char *kefu_color(const struct kefu *, const char *code);

/* term.c: reading lines from a person, with or without a terminal. */
enum term_read {
	TERM_EOF = 0, TERM_LINE = 1, TERM_INTERRUPT = -1, TERM_TIMEOUT = -2
};
void term_init(struct kefu *);
/* Keeps Ctrl-C from ending kefu for the rest of an interactive session. */
void term_shell(void);
/* Reads one line into *line (caller frees). Ctrl-C gives TERM_INTERRUPT;
 * end of input, SIGHUP and SIGTERM give TERM_EOF. */
enum term_read term_read(const char *prompt, char **line);
/* As term_read(), for a line every byte of which counts: *len is the
 * line's whole length in bytes, NULs included. Of a line longer than max
 * bytes only the first max are kept in *line; the rest is read and
 * dropped, never held, and *len > max tells. */
enum term_read term_read_max(const char *prompt, char **line, size_t *len,
			     size_t max);
/* At a terminal, calls fn with the line as it stands after each change
 * while term_read() reads (live feedback, keystroke times); NULL for none. */
void term_keyhook(void (*fn)(const char *line, void *arg), void *arg);
/* While a key hook is set: whether text was pasted (bracketed paste,
 * which the hook turns on) since the last call; and the cursor's byte
 * offset in the line. */
bool term_take_paste(void);
size_t term_point(void);
/* At a terminal, term_read() gives TERM_TIMEOUT once this many seconds
 * have passed from now; 0 for no deadline. Piped input has none. */
void term_deadline(long long seconds);
/* True once SIGHUP or SIGTERM asked kefu to end. */
bool term_quitting(void);
/* At a terminal, calls fn about once a second (on the second) while
 * term_read() waits for keys, to redraw a clock; NULL for none. */
void term_tick(void (*fn)(void *arg), void *arg);
/* Changes the prompt of the line being read, and redraws it. */
void term_prompt(const char *prompt);
/* Sets the completion used by the next term_read; NULL for none. */
void term_set_completion(char **(*fn)(const char *, int, int));
void term_history_load(const char *path);
void term_history_add(const char *line);
void term_history_save(void);
/* Reads one key: at a terminal without Enter or echo, its character
 * (UTF-8) into key ("\n" for Enter; size at least 5); Ctrl-C gives
 * TERM_INTERRUPT, Ctrl-D TERM_EOF. Piped, a line's first character
 * ("\n" for an empty line). */
enum term_read term_key(char *key, size_t size);
/* Ctrl-X Ctrl-E asks for the editor while on (an essay is typed): the
 * line ends, and term_take_edit() says it was asked for since the last
 * call. */
void term_edit_key(bool on);
bool term_take_edit(void);
/* Runs $VISUAL or $EDITOR (default vi) on a temporary file holding text,
 * without the group privilege, and puts what was saved (at most max
 * bytes, trailing newlines gone) into *out (caller frees). 0, 1 when the
 * editor failed (*out still holds the file), -1 after saying what is
 * wrong (*out NULL). */
int term_edit(const char *text, size_t max, char **out);
/* Shows text through $PAGER on a terminal, else prints it. */
int term_page(struct kefu *, const char *text);

/* shell.c */
int shell_run(struct kefu *);
/* Splits a line into words with '...' and "..." quoting. Returns argc
 * (argv and its strings are malloc'd), or -1 for an unclosed quote. */
int shell_split(const char *line, char ***argv);
void shell_free_argv(int argc, char **argv);

/* the commands */
int cmd_assess(struct kefu *, int, char **);
int cmd_attempts(struct kefu *, int, char **);
int cmd_check(struct kefu *, int, char **);
int cmd_enroll(struct kefu *, int, char **);
int cmd_grade(struct kefu *, int, char **);
int cmd_help(struct kefu *, int, char **);
int cmd_kpi(struct kefu *, int, char **);
int cmd_list(struct kefu *, int, char **);
int cmd_drill(struct kefu *, int, char **);
int cmd_people(struct kefu *, int, char **);
int cmd_plan(struct kefu *, int, char **);
int cmd_progress(struct kefu *, int, char **);
int cmd_quiz(struct kefu *, int, char **);
int cmd_report(struct kefu *, int, char **);
int cmd_review(struct kefu *, int, char **);
int cmd_scripts(struct kefu *, int, char **);
int cmd_kb(struct kefu *, int, char **);
int cmd_signoff(struct kefu *, int, char **);
int cmd_stage(struct kefu *, int, char **);
int cmd_exempt(struct kefu *, int, char **);
int cmd_study(struct kefu *, int, char **);

#endif
