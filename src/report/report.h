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
};

/* A trainee in the reports, with where they stand. */
struct row {
	struct person p;
	struct enrollment e;
	struct standing s;	/* no facts; its arrays are the rows' */
	const char *failed;	/* an assessment whose latest outcome is fail */
	long long failed_at;
	bool probation_done;	/* the first assessment: passed or exempted */
	char *exempt;		/* exemptions and stages opened early, in words */
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
};

/* facts.c */
/* Every active trainee enrolled in cu, in login order, with standings. */
int facts_gather(struct kefu *, const struct curriculum *, struct rows *);
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
/* A column keyed ID_SUFFIX. */
void cell_col2(struct cell_cols *, const char *head, const char *id,
	       const char *suffix);
void cell_cols_free(struct cell_cols *);
void cell_day(struct table *, long day);		/* < 0: null */
void cell_moment(struct table *, long long at);	/* <= 0: null */
void cell_failed(struct table *, const struct row *);
/* s made inert and escaped for HTML text or a quoted attribute. */
void html_text(struct sb *, const char *s);

/* One function a report. */
int report_stages(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_overdue(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_probation(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_elite(struct kefu *, const struct curriculum *, const struct report_opts *);
int report_trainee(struct kefu *, const char *login, const struct report_opts *);

#endif
