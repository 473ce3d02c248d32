/* grades.c: `kefu report grades [ID...]`: the gradebook. A row a trainee,
 * a column a quiz (best final percent, attempts used of allowed, one
 * waiting for grading, attempts set aside), a column a drill (the
 * fastest run that counts for a gate, and its accuracy) and a column a
 * chat scenario (the best run that counts, runs, one waiting for review). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu.h"
#include "report/report.h"
#include "table.h"
#include "text.h"

struct grades {
	struct kefu *k;
	const struct rows *rs;
	bool wide;			/* CSV and JSON: a column a figure */
	size_t *quiz, nquiz;		/* the columns shown, as rows' indexes */
	size_t *drill, ndrill;
	size_t *chat, nchat;
	unsigned *cap;			/* by shown quiz: its cap, 0 none */
	unsigned *chat_cap;		/* by shown scenario */
};

/* A quiz's cell in a text table: "85 2/3", "* " when one waits for a
 * trainer, "v1" when one was set aside; "-" when nothing was handed in. */
static void
quiz_cell(struct table *t, const struct quiz_facts *f, unsigned cap)
{
	struct sb sb = SB_INIT;

	if (f->attempts == 0 && f->voided == 0 && !f->pending) {
		table_null(t);
		return;
	}
	if (f->best >= 0)
		sb_addf(&sb, "%.0f", f->best);
	else
		sb_adds(&sb, "-");
	if (cap)
		sb_addf(&sb, " %d/%u", f->attempts, cap + (unsigned)f->granted);
	else
		sb_addf(&sb, " %d", f->attempts);
	if (f->pending)
		sb_adds(&sb, "*");
	if (f->voided)
		sb_addf(&sb, " v%d", f->voided);
	table_text(t, sb_str(&sb));
	sb_free(&sb);
}

/* A quiz's or scenario's cells in CSV and JSON: best, attempts (runs),
 * allowed, waiting for a trainer, and last (set aside, or practice). */
static void
tally_cells(struct table *t, const struct quiz_facts *f, unsigned cap, int last)
{
	if (f->attempts > 0 && f->best >= 0)
		table_num(t, f->best, 1);
	else
		table_null(t);
	table_num(t, f->attempts, 0);
	if (cap)
		table_num(t, cap + (unsigned)f->granted, 0);
	else
		table_null(t);
	table_word(t, f->pending ? N_("yes") : N_("no"));
	table_num(t, last, 0);
}

/* Their columns, keyed ID.best, ID.attempts (tried), ... */
static void
tally_columns(struct cell_cols *cols, const char *id, const char *tried,
	      const char *tried_key, const char *last, const char *last_key)
{
	cell_col2(cols, id, _("best %"), id, "best");
	cell_col2(cols, id, tried, id, tried_key);
	cell_col2(cols, id, _("allowed"), id, "allowed");
	cell_col2(cols, id, _("waiting"), id, "pending");
	cell_col2(cols, id, last, id, last_key);
}

static void
grades_row(struct table *t, size_t r, void *arg)
{
	const struct grades *g = arg;
	const struct rows *rs = g->rs;
	const struct row *x = &rs->v[r];
	size_t i;

	table_text(t, x->p.login);
	table_text(t, x->p.name);
	for (i = 0; i < g->nquiz; i++) {
		const struct quiz_facts *f = &rs->quiz[r * rs->nquiz + g->quiz[i]];

		if (!g->wide) {
			quiz_cell(t, f, g->cap[i]);
			continue;
		}
		tally_cells(t, f, g->cap[i], f->voided);
	}
	for (i = 0; i < g->nchat; i++) {
		const struct quiz_facts *f = &rs->chat[r * rs->nchat + g->chat[i]];

		if (!g->wide) {
			/* runs that count only: practice is no attempt here */
			struct quiz_facts shown = *f;

			shown.attempts -= f->practice;
			quiz_cell(t, &shown, g->chat_cap[i]);
			continue;
		}
		tally_cells(t, f, g->chat_cap[i], f->practice);
	}
	for (i = 0; i < g->ndrill; i++) {
		const struct drill_best *d = &rs->drill[r * rs->ndrill + g->drill[i]];

		if (d->counted == 0) {
			table_null(t);
			if (g->wide)
				table_null(t);
		} else if (g->wide) {
			table_num(t, d->speed, 1);
			table_num(t, d->accuracy, 1);
		} else {
			char buf[48];

			snprintf(buf, sizeof(buf), "%.0f %.0f%%", d->speed, d->accuracy);
			table_text(t, buf);
		}
	}
}

/* "Q3": a text table's heading, in sb until the next call. */
static const char *
short_head(struct sb *sb, const char *letter, size_t i)
{
	sb_reset(sb);
	sb_addf(sb, "%s%zu", letter, i + 1);
	return sb_str(sb);
}

/* The columns named on the command line (quiz or drill ids of the
 * plan), or every one; false after saying which id is unknown. */
static bool
pick(struct grades *g, const struct rows *rs, char **ids, int nids)
{
	int a;
	size_t i;

	g->quiz = xcalloc(rs->nquiz + 1, sizeof(*g->quiz));
	g->drill = xcalloc(rs->ndrill + 1, sizeof(*g->drill));
	g->chat = xcalloc(rs->nchat + 1, sizeof(*g->chat));
	if (nids == 0) {
		for (i = 0; i < rs->nquiz; i++)
			g->quiz[g->nquiz++] = i;
		for (i = 0; i < rs->ndrill; i++)
			g->drill[g->ndrill++] = i;
		for (i = 0; i < rs->nchat; i++)
			g->chat[g->nchat++] = i;
		return true;
	}
	for (a = 0; a < nids; a++) {
		long q = facts_quiz_index(rs, ids[a]), d = facts_drill_index(rs, ids[a]);
		long c = facts_chat_index(rs, ids[a]);

		if (c >= 0 && q < 0 && d < 0) {
			for (i = 0; i < g->nchat && g->chat[i] != (size_t)c; i++)
				;
			if (i == g->nchat)
				g->chat[g->nchat++] = (size_t)c;
		} else if (q >= 0) {
			for (i = 0; i < g->nquiz && g->quiz[i] != (size_t)q; i++)
				;
			if (i == g->nquiz)
				g->quiz[g->nquiz++] = (size_t)q;
		} else if (d >= 0) {
			for (i = 0; i < g->ndrill && g->drill[i] != (size_t)d; i++)
				;
			if (i == g->ndrill)
				g->drill[g->ndrill++] = (size_t)d;
		} else {
			const char **known = xcalloc(rs->nquiz + rs->ndrill + rs->nchat + 1,
						     sizeof(*known));

			if (rs->nquiz)
				memcpy(known, rs->quiz_ids, rs->nquiz * sizeof(*known));
			if (rs->ndrill)
				memcpy(known + rs->nquiz, rs->drill_ids, rs->ndrill * sizeof(*known));
			if (rs->nchat)
				memcpy(known + rs->nquiz + rs->ndrill, rs->chat_ids,
				       rs->nchat * sizeof(*known));
			kefu_unknown(_("quiz, drill or scenario"), "", ids[a], known,
				     rs->nquiz + rs->ndrill + rs->nchat,
				     _("the gradebook has the plan's quizzes, drills and chat scenarios"));
			free(known);
			return false;
		}
	}
	return true;
}

/* The gradebook's columns: a text table's numbered (Q1, D1: the key
 * below says which), HTML's by id, CSV's and JSON's a figure each. */
static bool
grades_columns(struct kefu *k, const struct rows *rs, char **ids, int nids,
	       enum table_format format, bool numbered, struct grades *g,
	       struct cell_cols *cols)
{
	const struct content *c = kefu_content(k);
	struct sb sb = SB_INIT;
	size_t i;

	memset(g, 0, sizeof(*g));
	if (!pick(g, rs, ids, nids))
		return false;
	g->k = k;
	g->rs = rs;
	g->wide = format != TABLE_TEXT;
	g->cap = xcalloc(g->nquiz + 1, sizeof(*g->cap));
	cell_col(cols, "login", _("Login"));
	cell_col(cols, "name", _("Name"));
	for (i = 0; i < g->nquiz; i++) {
		const char *id = rs->quiz_ids[g->quiz[i]];
		const struct quiz *qz = content_quiz(c, id);

		g->cap[i] = qz ? qz->attempts : 0;
		if (!g->wide) {
			cell_col(cols, id, numbered ? short_head(&sb, "Q", i) : id);
			continue;
		}
		tally_columns(cols, id, _("attempts"), "attempts", _("set aside"), "voided");
	}
	g->chat_cap = xcalloc(g->nchat + 1, sizeof(*g->chat_cap));
	for (i = 0; i < g->nchat; i++) {
		const char *id = rs->chat_ids[g->chat[i]];
		const struct scenario *sc = content_scenario(c, id);

		g->chat_cap[i] = sc ? sc->attempts : 0;
		if (!g->wide) {
			cell_col(cols, id, numbered ? short_head(&sb, "C", i) : id);
			continue;
		}
		tally_columns(cols, id, _("runs"), "runs", _("practice"), "practice");
	}
	for (i = 0; i < g->ndrill; i++) {
		const char *id = rs->drill_ids[g->drill[i]];

		if (!g->wide) {
			cell_col(cols, id, numbered ? short_head(&sb, "D", i) : id);
			continue;
		}
		cell_col2(cols, id, _("speed"), id, "speed");
		cell_col2(cols, id, _("accuracy %"), id, "accuracy");
	}
	sb_free(&sb);
	return true;
}

static void
grades_free(struct grades *g, struct cell_cols *cols)
{
	free(g->quiz);
	free(g->drill);
	free(g->chat);
	free(g->cap);
	free(g->chat_cap);
	cell_cols_free(cols);
}

void
grades_html(struct sb *h, struct kefu *k, const struct rows *rs, char **ids, int nids)
{
	struct cell_cols cols = CELL_COLS_INIT;
	struct grades g;
	struct table t;
	size_t r;

	sb_addf(h, "<h2 id=\"gradebook\">%s</h2>\n<p>%s</p>\n", _("Gradebook"),
		_("A quiz: best final percent, then attempts used (of those allowed); * an attempt "
		  "waits for a trainer to grade it; vN: N set aside. A drill: the fastest run that "
		  "counts for a gate, and its accuracy. A chat scenario: the best run that counts "
		  "(typed at a terminal), then runs that count; * a run waits for a trainer's review."));
	if (grades_columns(k, rs, ids, nids, TABLE_TEXT, false, &g, &cols)) {
		table_init(&t, "grades", cols.v, cols.n);
		for (r = 0; r < rs->n; r++)
			grades_row(&t, r, &g);
		table_html(h, &t, "grades");
		table_free(&t);
	}
	grades_free(&g, &cols);
}

int
report_grades(struct kefu *k, const struct curriculum *cu, char **ids, int nids,
	      const struct report_opts *o)
{
	const struct content *c = kefu_content(k);
	struct cell_cols cols = CELL_COLS_INIT;
	struct grades g;
	struct rows rs = { 0 };
	struct table t;
	struct sb sb = SB_INIT;
	size_t i;
	int rc = 1;

	memset(&g, 0, sizeof(g));
	if (facts_gather(k, cu, FACTS_SCORES, &rs) != 0 ||
	    !grades_columns(k, &rs, ids, nids, o->format, true, &g, &cols))
		goto out;
	if (o->html) {
		struct sb h = SB_INIT;

		html_begin(&h, k, cu->title, NULL);
		grades_html(&h, k, &rs, ids, nids);
		html_end(&h);
		rc = html_write(o->html, &h, rs.n);
		sb_free(&h);
		goto out;
	}
	table_init(&t, "grades", cols.v, cols.n);
	cell_cover(&t, o, cu->id, NULL, NULL);
	if (o->format == TABLE_TEXT && rs.n == 0)
		printf(_("No active trainees in %s.\n"), cu->id);
	else
		table_write_rows(&sb, stdout, &t, rs.n, grades_row, &g, o->format, o->bom);
	if (o->format == TABLE_TEXT && rs.n) {
		printf(_("\nA quiz: best final percent, then attempts used (of those allowed);\n"
			 "* an attempt waits for a trainer to grade it; vN: N set aside.\n"
			 "A drill: the fastest run that counts for a gate, and its accuracy.\n"
			 "A chat (C): the best run that counts (typed at a terminal), then runs\n"
			 "that count; * a run waits for a trainer's review.\n"));
		for (i = 0; i < g.nquiz; i++) {
			const struct quiz *qz = content_quiz(c, rs.quiz_ids[g.quiz[i]]);

			cell_key(short_head(&sb, "Q", i), rs.quiz_ids[g.quiz[i]],
				   qz ? qz->title : NULL, NULL);
		}
		for (i = 0; i < g.ndrill; i++) {
			const struct drill *d = content_drill(c, rs.drill_ids[g.drill[i]]);

			cell_key(short_head(&sb, "D", i), rs.drill_ids[g.drill[i]],
				   d ? d->title : NULL, d ? content_unit_name(d->unit) : NULL);
		}
		for (i = 0; i < g.nchat; i++) {
			const struct scenario *sc = content_scenario(c, rs.chat_ids[g.chat[i]]);

			cell_key(short_head(&sb, "C", i), rs.chat_ids[g.chat[i]],
				   sc ? sc->title : NULL, NULL);
		}
	}
	table_free(&t);
	rc = 0;
out:
	sb_free(&sb);
	grades_free(&g, &cols);
	if (rs.a)
		facts_free(&rs);
	return rc;
}
