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
	cell_failed(t, x);
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

/* One page, no scripts and nothing fetched: a funnel of how many reached
 * each stage, then a bar per trainee with a block per stage. */
static void
stages_html(struct kefu *k, const struct rows *rs, struct sb *h)
{
	const struct curriculum *cu = rs->cu;
	size_t i, j, *reached = xcalloc(cu->nstages + 1, sizeof(*reached));
	char today[11];
	int bw = 480, rowh = 26;

	for (j = 0; j < rs->n; j++)
		for (i = 0; i < cu->nstages && i <= rs->v[j].s.current; i++)
			reached[i]++;
	date_format(k->today, today);
	sb_adds(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	table_html_text(h, cu->title);
	sb_adds(h, " · kefu</title>\n<style>\n"
		"body{font-family:sans-serif;margin:2em;color:#222}\n"
		"table{border-collapse:collapse}td,th{padding:4px 10px;text-align:left}\n"
		"tr:nth-child(even){background:#f5f5f5}.late{color:#c62828;font-weight:bold}\n"
		"</style>\n</head>\n<body>\n<h1>");
	table_html_text(h, cu->title);
	sb_addf(h, "</h1>\n<p>%s · %zu %s</p>\n", today, rs->n, _("trainees"));

	sb_addf(h, "<h2>%s</h2>\n<svg id=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" role=\"img\">\n",
		_("Stage funnel"), bw + 260, cu->nstages * (size_t)rowh + 4);
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

	sb_addf(h, "<h2>%s</h2>\n<table id=\"trainees\">\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		_("Trainees"), _("Name"), _("Hired"), _("Current stage"), _("Progress"),
		_("Days late"));
	for (j = 0; j < rs->n; j++) {
		const struct row *x = &rs->v[j];
		long late = facts_days_late(k, x);
		int cw = 36;

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
		if (x->failed) {
			char *f = facts_failed_words(x);

			sb_adds(h, " <span class=\"late\">(");
			table_html_text(h, f);
			sb_adds(h, ")</span>");
			free(f);
		}
		sb_addf(h, "</td><td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"16\">",
			cu->nstages * (size_t)cw);
		for (i = 0; i < cu->nstages; i++) {
			sb_addf(h, "<rect x=\"%zu\" y=\"2\" width=\"%d\" height=\"12\" fill=\"%s\"><title>",
				i * (size_t)cw, cw - 3, state_color(x->s.states[i]));
			table_html_text(h, cu->stages[i].title);
			sb_addf(h, ": %s</title></rect>", plan_stage_state_name(x->s.states[i]));
		}
		sb_addf(h, "</svg></td><td%s>%ld</td></tr>\n", late ? " class=\"late\"" : "", late);
	}
	sb_adds(h, "</table>\n</body>\n</html>\n");
	free(reached);
}

int
report_stages(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct rows rs;
	struct table t;
	struct cell_cols c = CELL_COLS_INIT;
	int rc = 0;

	if (facts_gather(k, cu, 0, &rs) != 0)
		return 1;
	if (o->html) {
		struct sb h = SB_INIT;

		stages_html(k, &rs, &h);
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
