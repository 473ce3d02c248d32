/* stages.c: `kefu report stages`: where each trainee is in the plan, as
 * a table, CSV, JSON or a self-contained HTML page. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "priv.h"
#include "report/report.h"
#include "table.h"
#include "text.h"

static const char *
state_key(enum stage_state s)
{
	static const char *const keys[] = { "locked", "open", "in-progress", "complete" };

	return keys[s];
}

/* What each row of the stages table is made from. */
struct stages_fill {
	struct kefu *k;
	const struct rows *rs;
	bool wide;
	const char *names[STAGE_COMPLETE + 1], *ok;
};

/* Row j of the stages table. */
static void
stages_row(struct table *t, size_t j, void *arg)
{
	const struct stages_fill *sf = arg;
	const struct curriculum *cu = sf->rs->cu;
	const struct row *x = &sf->rs->v[j];
	size_t cur = x->s.current, i;
	bool wide = sf->wide;

	table_text(t, x->p.login);
	table_text(t, x->p.name);
	table_text(t, x->p.hired);
	if (cur < cu->nstages)
		table_text(t, wide ? cu->stages[cur].id : cu->stages[cur].title);
	else
		table_text(t, wide ? "done" : _("all complete"));
	for (i = 0; i < cu->nstages; i++) {
		/* a stage completed after its due day stays late */
		long late = x->s.states[i] == STAGE_COMPLETE && x->s.completed[i] > 0 &&
		    x->s.due[i] >= 0 ? date_of((time_t)x->s.completed[i]) - x->s.due[i] : 0;

		if (wide) {
			table_text(t, state_key(x->s.states[i]));
			cell_moment(t, x->s.states[i] == STAGE_COMPLETE ? x->s.completed[i] : 0);
			if (late > 0)
				table_num(t, (double)late, 0);
			else
				table_null(t);
		} else if (x->s.states[i] == STAGE_COMPLETE) {
			char buf[11], cell[96];
			size_t n = strlen(sf->ok);

			/* ✓ and the month and day it completed */
			memcpy(cell, sf->ok, n);
			if (x->s.completed[i] > 0) {
				cell[n++] = ' ';
				memcpy(cell + n, date_format(date_of((time_t)x->s.completed[i]), buf) + 5, 5);
				n += 5;
			}
			cell[n] = '\0';
			if (late > 0)
				snprintf(cell + n, sizeof(cell) - n,
					 P_(", %ld day late", ", %ld days late", late), late);
			table_text(t, cell);
		} else
			table_text(t, x->s.states[i] == STAGE_LOCKED ? "·" :
				   sf->names[x->s.states[i]]);
	}
	cell_day(t, cur < cu->nstages ? x->s.due[cur] : -1);
	table_num(t, (double)facts_days_late(sf->k, x), 0);
	cell_outcome(t, x);
	table_text(t, x->exempt);
}

/* The stages table's columns, and what its rows are made from. */
static void
stages_table(struct kefu *k, const struct report_opts *o, const struct rows *rs, bool wide, struct table *t,
	     struct cell_cols *c, struct stages_fill *sf)
{
	const struct curriculum *cu = rs->cu;
	size_t i;

	cell_col(c, "login", _("Login"));
	cell_col(c, "name", _("Name"));
	cell_col(c, "hired", _("Hired"));
	cell_col(c, "stage", _("Current stage"));
	for (i = 0; i < cu->nstages; i++) {
		if (wide) {
			cell_col2(c, cu->stages[i].title, _("status"), cu->stages[i].id, "status");
			cell_col2(c, cu->stages[i].title, _("completed"), cu->stages[i].id,
				  "completed");
			cell_col2(c, cu->stages[i].title, _("days late"), cu->stages[i].id,
				  "days_late");
		} else {
			struct sb h = SB_INIT;

			sb_addf(&h, "%zu", i + 1);
			cell_col(c, cu->stages[i].id, sb_str(&h));
			sb_free(&h);
		}
	}
	cell_col(c, "due", _("Due"));
	cell_col(c, "days_late", _("Days late"));
	cell_col(c, "outcome", _("Outcome"));
	cell_col(c, "exemptions", _("Exemptions"));
	table_init(t, "stages", c->v, c->n);
	cell_cover(t, o, cu->id, NULL, NULL);
	sf->k = k;
	sf->rs = rs;
	sf->wide = wide;
	sf->ok = k->utf8_term ? "✓" : "ok";
	/* the names, translated once rather than once a cell */
	for (i = 0; i < ARRAY_SIZE(sf->names); i++)
		sf->names[i] = plan_stage_state_name((enum stage_state)i);
}

static const char *
state_color(enum stage_state s)
{
	switch (s) {
	case STAGE_COMPLETE: return "#2e7d32";
	case STAGE_STARTED: return "#f9a825";
	case STAGE_OPEN: return "#90caf9";
	default: return "#e0e0e0";
	}
}

void
stages_funnel(struct sb *h, const struct rows *rs)
{
	const struct curriculum *cu = rs->cu;
	size_t i, j, *reached = xcalloc(cu->nstages + 1, sizeof(*reached));
	int bw = 480, rowh = 26;

	for (j = 0; j < rs->n; j++)
		for (i = 0; i < cu->nstages && i <= rs->v[j].s.current; i++)
			reached[i]++;
	sb_addf(h, "<h2>%s</h2>\n<p>%s</p>\n<svg id=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" role=\"img\">\n",
		_("Stage funnel"), _("How many trainees have reached each stage."), bw + 260,
		cu->nstages * (size_t)rowh + 4);
	for (i = 0; i < cu->nstages; i++) {
		double w = rs->n ? (double)bw * (double)reached[i] / (double)rs->n : 0;
		int y = (int)i * rowh;

		sb_addf(h, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#1565c0\"/>",
			180 + (bw - w) / 2, y + 2, w, rowh - 4);
		sb_addf(h, "<text x=\"0\" y=\"%d\" font-size=\"14\">%zu ", y + rowh - 8, i + 1);
		table_html_text(h, cu->stages[i].title);
		sb_addf(h, "</text><text x=\"%d\" y=\"%d\" font-size=\"14\">%zu</text>\n",
			bw + 200, y + rowh - 8, reached[i]);
	}
	sb_adds(h, "</svg>\n");
	free(reached);
}

/* A trainee's place on the page: failed ones first, then the latest,
 * then by login. */
struct place {
	const struct row *x;
	long late;
	size_t r;
};

static int
by_urgency(const void *a, const void *b)
{
	const struct place *p = a, *q = b;

	if ((p->x->failed != NULL) != (q->x->failed != NULL))
		return p->x->failed ? -1 : 1;
	if (p->late != q->late)
		return p->late > q->late ? -1 : 1;
	return strcmp(p->x->p.login, q->x->p.login);
}

/* The best counted typing speed over the plan's drills, in words. */
static void
typing_best(struct sb *sb, const struct content *c, const struct rows *rs, size_t r)
{
	const struct drill_best *best = NULL;
	const char *id = NULL;
	size_t d;

	for (d = 0; rs->drill && d < rs->ndrill; d++) {
		const struct drill_best *x = &rs->drill[r * rs->ndrill + d];

		if (x->counted && (best == NULL || x->speed > best->speed)) {
			best = x;
			id = rs->drill_ids[d];
		}
	}
	if (best) {
		const struct drill *dr = content_drill(c, id);

		sb_addf(sb, "%.0f %s, %.0f%%", best->speed, dr ? content_unit_name(dr->unit) : "",
			best->accuracy);
	}
}

void
stages_trainees_html(struct sb *h, struct kefu *k, const struct rows *rs)
{
	static const char *const outcome[] = {
		[OUTCOME_NONE] = NULL, [OUTCOME_PASS] = N_("pass"),
		[OUTCOME_EXTEND] = N_("extend"), [OUTCOME_FAIL] = N_("fail"),
	};
	const struct curriculum *cu = rs->cu;
	const struct content *c = kefu_content(k);
	const struct module *pm = facts_probation(cu, NULL);
	long exam = -1;
	size_t i, j;
	struct place *order = xcalloc(rs->n + 1, sizeof(*order));
	struct sb sb = SB_INIT;
	char day[11];
	int cw = 36;

	for (i = 0; pm && i < pm->nparts && exam < 0; i++)
		if (pm->parts[i].kind == PART_QUIZ)
			exam = rs->quiz ? facts_quiz_index(rs, pm->parts[i].ref) : -1;
	for (j = 0; j < rs->n; j++)
		order[j] = (struct place){ &rs->v[j], facts_days_late(k, &rs->v[j]), j };
	if (rs->n)
		qsort(order, rs->n, sizeof(*order), by_urgency);
	sb_addf(h, "<h2 id=\"trainees-list\">%s</h2>\n<p>%s</p>\n<table id=\"trainees\">\n<tr>"
		"<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th></tr>\n",
		_("Trainees"), _("Those failed or late first, the latest at the top."),
		_("Name"), _("Hired"), _("Current stage"), _("Progress"), _("Due"), _("Days late"),
		_("Probation"), _("Exam best"), _("Typing best"));
	for (i = 0; i < rs->n; i++) {
		const struct row *x = order[i].x;
		long late = order[i].late;

		sb_adds(h, "<tr class=\"trainee\"><td>");
		table_html_text(h, x->p.name ? x->p.name : x->p.login);
		if (x->p.name) {
			sb_adds(h, " (");
			table_html_text(h, x->p.login);
			sb_adds(h, ")");
		}
		sb_adds(h, "</td><td>");
		table_html_text(h, x->p.hired);
		sb_adds(h, "</td><td>");
		table_html_text(h, x->s.current < cu->nstages ? cu->stages[x->s.current].title :
				_("all complete"));
		sb_addf(h, "</td><td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"16\">",
			cu->nstages * (size_t)cw);
		for (j = 0; j < cu->nstages; j++) {
			sb_addf(h, "<rect x=\"%zu\" y=\"2\" width=\"%d\" height=\"12\" fill=\"%s\"><title>",
				j * (size_t)cw, cw - 3, state_color(x->s.states[j]));
			table_html_text(h, cu->stages[j].title);
			sb_addf(h, ": %s</title></rect>", plan_stage_state_name(x->s.states[j]));
		}
		sb_adds(h, "</svg></td><td>");
		if (x->s.current < cu->nstages && x->s.due[x->s.current] >= 0)
			sb_adds(h, date_format(x->s.due[x->s.current], day));
		sb_addf(h, "</td><td class=\"num%s\">%ld</td><td>", late ? " late" : "", late);
		if (x->failed) {
			char *f = facts_failed_words(x);

			sb_adds(h, "<span class=\"late\">");
			table_html_text(h, f);
			sb_adds(h, "</span>");
			free(f);
		} else if (outcome[x->probation])
			table_html_text(h, _(outcome[x->probation]));
		sb_adds(h, "</td><td class=\"num\">");
		if (exam >= 0 && rs->quiz[order[i].r * rs->nquiz + (size_t)exam].best >= 0)
			sb_addf(h, "%.0f%%", rs->quiz[order[i].r * rs->nquiz + (size_t)exam].best);
		sb_adds(h, "</td><td>");
		sb_reset(&sb);
		typing_best(&sb, c, rs, order[i].r);
		table_html_text(h, sb_str(&sb));
		sb_adds(h, "</td></tr>\n");
	}
	sb_adds(h, "</table>\n<p class=\"legend\">");
	for (j = STAGE_LOCKED; j <= STAGE_COMPLETE; j++) {
		sb_addf(h, "<span style=\"background:%s\"></span>", state_color((enum stage_state)j));
		table_html_text(h, plan_stage_state_name((enum stage_state)j));
	}
	sb_addf(h, "</p>\n<p>%s</p>\n", exam >= 0 ?
		_("Exam best: the best final percent of the probation exam. Typing best: the fastest "
		  "counted run of any drill, and its accuracy.") :
		_("Typing best: the fastest counted run of any drill, and its accuracy."));
	sb_free(&sb);
	free(order);
}

/* One page: the dashboard (dashboard.c). */
int
report_stages(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct rows rs;
	struct table t;
	struct cell_cols c = CELL_COLS_INIT;
	int rc = 0;

	if (facts_gather(k, cu, o->html ? FACTS_SCORES | FACTS_ACTIVE : 0, &rs) != 0)
		return 1;
	if (o->html) {
		struct sb h = SB_INIT;

		dashboard_page(&h, k, &rs);
		rc = html_write(o->html, &h, rs.n);
		sb_free(&h);
	} else {
		struct stages_fill sf;

		stages_table(k, o, &rs, o->format != TABLE_TEXT, &t, &c, &sf);
		if (o->format == TABLE_TEXT && rs.n == 0)
			printf(_("No active trainees in %s.\n"), cu->id);
		else {
			struct sb sb = SB_INIT;

			/* a row at a time: 2 000 trainees are 26 000 cells */
			table_write_rows(&sb, stdout, &t, rs.n, stages_row, &sf,
					 o->format, o->bom);
			sb_free(&sb);
		}
		if (o->format == TABLE_TEXT && rs.n) {
			size_t i;

			printf(_("\nStages: "));
			for (i = 0; i < cu->nstages; i++) {
				struct sb sb = SB_INIT;

				text_inert(&sb, cu->stages[i].title, false);
				printf("%s%zu %s", i ? ", " : "", i + 1, sb_str(&sb));
				sb_free(&sb);
			}
			printf("\n");
		}
		table_free(&t);
	}
	cell_cols_free(&c);
	facts_free(&rs);
	return rc;
}
