/* report.h: what the reports under src/report/ share. One file per
 * report (report_NAME() in NAME.c); facts.c reads everyone's facts once
 * and makes them into the states the plan gives them; cells.c holds the
 * cells and columns more than one report writes.
 *
 * Ownership: a struct rows from facts_gather() owns its strings (an
 * arena) and arrays; free it with facts_free(). A struct cell_cols owns
 * its columns' names; free it with cell_cols_free(). */
#ifndef KEFU_REPORT_H
#define KEFU_REPORT_H

#include "kefu.h"
#include "table.h"

struct report_opts {
	enum table_format format;
	bool bom;
	const char *html, *period, *curriculum, *stage;
	bool all;		/* probation: past outcomes too */
	bool ids;		/* CSV as scripts take it: keys and English words */
	char as_of[11];		/* today, YYYY-MM-DD */
};

/* A drill's best for the gradebook: the fastest run that counts for a
 * gate, and its accuracy. */
struct drill_best {
	int results, counted;
	double speed, accuracy;		/* of the fastest counted run */
};

/* What facts_gather() keeps besides the states. */
enum { FACTS_SCORES = 1, FACTS_ACTIVE = 2, FACTS_LEFT = 4 /* those who left too */ };

/* A trainee in the reports, with where they stand. */
struct row {
	struct person p;
	struct enrollment e;
	struct standing s;	/* no facts; its arrays are the rows' */
	const char *failed;	/* an assessment whose latest outcome is fail */
	long long failed_at;
	bool probation_done;	/* the first assessment: passed or exempted */
	enum outcome probation;	/* its latest decision */
	char *exempt;		/* exemptions and stages opened early, in words */
	const char *left;	/* the day they left (FACTS_LEFT), else NULL */
};

struct rows {
	struct kefu *k;
	const struct curriculum *cu;
	struct row *v;
	size_t n, cap;
	struct arena *a;	/* the rows' strings */
	char *role, *curriculum;	/* of every row, as checked */
	/* a stage each for every row, where the standings point */
	enum stage_state *states;
	long *due;
	long long *completed;
	/* a module each for every row (enum module_state), stage after
	 * stage in curriculum order */
	unsigned char *modules;
	size_t nmodules;
	/* kept when facts_gather() is asked for them (FACTS_SCORES): the
	 * curriculum's quizzes (its quiz modules' and its assessments'
	 * quiz parts'), drills and chat scenarios in plan order, and for
	 * every row their facts, nquiz, ndrill and nchat each */
	const char **quiz_ids, **drill_ids, **chat_ids;
	size_t nquiz, ndrill, nchat;
	struct quiz_facts *quiz;
	struct drill_best *drill;
	struct quiz_facts *chat;	/* a scenario's runs: all zero (best too) while
				 * none was read; read best where attempts > 0 */
	struct strmap quiz_at, drill_at, chat_at;	/* id to index + 1 */
	/* when each row last did something, 0 never (FACTS_ACTIVE) */
	long long *active;
};

/* facts.c */
/* Every active trainee enrolled in cu (FACTS_LEFT: and those who left),
 * in login order, with standings and what want (FACTS_*) asks for
 * besides. */
int facts_gather(struct kefu *, const struct curriculum *, unsigned want,
		 struct rows *);
/* The index of a quiz or drill id among the rows' columns, or -1. */
long facts_quiz_index(const struct rows *, const char *id);
long facts_drill_index(const struct rows *, const char *id);
long facts_chat_index(const struct rows *, const char *id);
/* The module state of row r's module at (curriculum order). */
enum module_state facts_module(const struct rows *, size_t r, size_t at);
void facts_free(struct rows *);
/* The first assessment module of the plan (probation, 上岗检测), and
 * its stage; NULL when the plan has none. */
const struct module *facts_probation(const struct curriculum *, size_t *stage);
/* Days past the current stage's due date; 0 when not late. */
long facts_days_late(const struct kefu *, const struct row *);
/* "failed probation-review on 2026-11-02" for a row whose latest
 * outcome of an assessment is a fail (caller frees), else NULL: the one
 * wording of every report. */
char *facts_failed_words(const struct row *);

/* cells.c */
/* Columns built at run time live in an arena with their names. */
struct cell_cols {
	struct column *v;
	size_t n, cap;
	struct arena *a;
};
#define CELL_COLS_INIT { NULL, 0, 0, arena_new() }
void cell_col(struct cell_cols *, const char *key, const char *head);
/* A column keyed ID_SUFFIX, headed "OWNER WORD" (owner may be NULL). */
void cell_col2(struct cell_cols *, const char *owner, const char *word,
	       const char *id, const char *suffix);
void cell_cols_free(struct cell_cols *);
void cell_day(struct table *, long day);		/* < 0: null */
void cell_moment(struct table *, long long at);	/* <= 0: null */
/* A failed assessment in words ("failed probation-review on
 * 2026-11-02"), else the probation outcome (pass, extend), else null. */
void cell_outcome(struct table *, const struct row *);
/* Says what t's rows cover, for CSV and JSON: the report's curriculum
 * (NULL: none), the day, and one more pair when key is not NULL (its
 * value must outlive t); CSV speaks the user's language unless --ids. */
void cell_cover(struct table *, const struct report_opts *, const char *curriculum,
		const char *key, const char *value);
/* A line of a text report's key: "  Q1   id  title (unit)". */
void cell_key(const char *head, const char *id, const char *title,
		const char *unit);

/* html.c */
/* A page's head and title, and the day and sub (may be NULL) under it. */
void html_begin(struct sb *, const struct kefu *, const char *title, const char *sub);
void html_end(struct sb *);
/* Writes a page to path (n trainees, for the message); 0 or 1. */
int html_write(const char *path, const struct sb *, size_t n);
/* A page of one table. */
int report_html_table(struct kefu *, const char *path, const char *title,
		      const struct table *, size_t n);

/* attention.c: who needs a trainer's action, most urgent first */
enum attention_kind {
	ATTENTION_ESSAYS, ATTENTION_CHATS, ATTENTION_ASSESS, ATTENTION_SIGNOFF,
	ATTENTION_ATTEMPTS,
	ATTENTION_FAILED, ATTENTION_OVERDUE, ATTENTION_IDLE,
};
#define ATTENTION_IDLE_DAYS 7
struct attention_item {
	enum attention_kind kind;
	int64_t person_id;
	const char *login, *name;	/* the rows' or the list's arena */
	const char *what;		/* an assessment, stage, quiz or scenario id */
	long since;			/* day it has waited from; -1 none */
	long due;			/* assessments, sign-offs: the stage's */
	int count;			/* essays; idle: 1 when ever active */
	int64_t attempt;		/* essays: the oldest's attempt; chats: the run */
	double best, pass;		/* attempts: best percent (< 0 none) */
};
struct attention {
	struct attention_item *v;
	size_t n, cap;
	struct arena *arena;
	struct strmap essays;		/* login to index + 1 */
};
/* Everyone who needs a trainer in cu, sorted most urgent first; rs
 * holds the facts behind it (free both). */
int attention_gather(struct kefu *, const struct curriculum *, struct rows *,
		     struct attention *);
/* The same from facts gathered with FACTS_SCORES | FACTS_ACTIVE. */
int attention_from(struct kefu *, const struct rows *, struct attention *);
void attention_free(struct attention *);
const char *attention_kind_word(enum attention_kind);	/* a msgid */
/* Why, in words; and the command that acts on it. */
void attention_reason(struct sb *, const struct kefu *, const struct attention_item *);
void attention_action(struct sb *, const struct attention_item *);

/* The sections of the dashboard, each from its report's file. */
void attention_html(struct sb *, struct kefu *, const struct attention *);
/* FACTS_SCORES; ids (nids of them) pick quizzes and drills, none all */
void grades_html(struct sb *, struct kefu *, const struct rows *, char **ids, int nids);
void items_html(struct sb *, struct kefu *, const struct quiz *);
void stages_funnel(struct sb *, const struct rows *);
/* Each trainee: stage, progress, due, lateness, outcome, best scores
 * (FACTS_SCORES), failed and late first; with the colours' legend. */
void stages_trainees_html(struct sb *, struct kefu *, const struct rows *);
/* dashboard.c: the whole page, from facts gathered with FACTS_SCORES
 * and FACTS_ACTIVE. */
void dashboard_page(struct sb *, struct kefu *, const struct rows *);

/* One function a report. */
int report_stages(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_overdue(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_probation(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_elite(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_grades(struct kefu *, const struct curriculum *, char **ids, int nids,
		  const struct report_opts *);
int report_items(struct kefu *, const char *quiz, const struct report_opts *);
int report_attention(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_dashboard(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_leavers(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_trainee(struct kefu *, const char *login, const struct report_opts *);

#endif
