/* dashboard.c: `kefu report dashboard --html FILE` (and `report stages
 * --html`): the page a supervisor opens first. Who needs a trainer, the
 * funnel, every trainee with their stage, due date, lateness, outcome
 * and best scores, the gradebook, the item analysis of the probation
 * exam, and quizzes and drills done a week. One self-contained file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "report/report.h"
#include "table.h"

/* Weeks in the activity chart. */
#define DASH_WEEKS 12

struct weeks {
	long first;			/* the Monday of the first week */
	unsigned n[2][DASH_WEEKS];	/* quizzes, drills */
};

static void
week_row(bool drill, long long at, void *arg)
{
	struct weeks *w = arg;
	long d = date_of((time_t)at) - w->first;

	if (d >= 0 && d / 7 < DASH_WEEKS)
		w->n[drill][d / 7]++;
}

/* A bar a week for quizzes handed in and one for drills run. */
static void
weeks_chart(struct sb *h, struct kefu *k)
{
	static const char *const colors[2] = { "#1565c0", "#f9a825" };
	struct weeks w;
	unsigned max = 1;
	int i, kind, bh = 120, cw = 44;
	char day[11];

	memset(&w, 0, sizeof(w));
	/* day 0 (1970-01-01) was a Thursday: Monday-based weeks */
	w.first = k->today - (k->today + 3) % 7 - 7 * (DASH_WEEKS - 1);
	sb_addf(h, "<h2 id=\"activity\">%s</h2>\n", _("Quizzes and drills a week"));
	if (store_activity(kefu_store(k), ((long long)w.first - 1) * 86400, week_row, &w) != 0)
		return;
	for (kind = 0; kind < 2; kind++)
		for (i = 0; i < DASH_WEEKS; i++)
			if (w.n[kind][i] > max)
				max = w.n[kind][i];
	sb_addf(h, "<svg id=\"weeks\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
		DASH_WEEKS * cw + 20, bh + 40);
	for (i = 0; i < DASH_WEEKS; i++) {
		for (kind = 0; kind < 2; kind++) {
			double y = (double)bh * w.n[kind][i] / max;

			sb_addf(h, "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"%.1f\" fill=\"%s\">"
				"<title>%s %s: %u</title></rect>",
				i * cw + kind * 17, bh - y, y, colors[kind],
				date_format(w.first + 7L * i, day),
				kind ? _("drills") : _("quizzes"), w.n[kind][i]);
		}
		sb_addf(h, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", i * cw, bh + 16,
			date_format(w.first + 7L * i, day) + 5);
	}
	sb_adds(h, "</svg>\n<p class=\"legend\">");
	for (kind = 0; kind < 2; kind++) {
		sb_addf(h, "<span style=\"background:%s\"></span>", colors[kind]);
		table_html_text(h, kind ? _("drills run") : _("quizzes handed in"));
	}
	sb_addf(h, "</p>\n<p>%s</p>\n", _("Each pair of bars is a week, from its Monday."));
}

void
dashboard_page(struct sb *h, struct kefu *k, const struct rows *rs)
{
	const struct curriculum *cu = rs->cu;
	const struct module *pm = facts_probation(cu, NULL);
	struct attention a;
	struct sb sub = SB_INIT;
	size_t i;

	sb_addf(&sub, P_("%zu trainee", "%zu trainees", rs->n), rs->n);
	html_begin(h, k, cu->title, sb_str(&sub));
	sb_free(&sub);
	if (attention_from(k, rs, &a) == 0)
		attention_html(h, k, &a);
	attention_free(&a);
	stages_funnel(h, rs);
	stages_trainees_html(h, k, rs);
	grades_html(h, k, rs, NULL, 0);
	for (i = 0; pm && i < pm->nparts; i++)
		if (pm->parts[i].kind == PART_QUIZ) {
			const struct quiz *qz = content_quiz(kefu_content(k), pm->parts[i].ref);

			if (qz)
				items_html(h, k, qz);
			break;
		}
	weeks_chart(h, k);
	html_end(h);
}

int
report_dashboard(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct rows rs = { 0 };
	struct sb h = SB_INIT;
	int rc = 1;

	if (facts_gather(k, cu, FACTS_SCORES | FACTS_ACTIVE, &rs) == 0) {
		dashboard_page(&h, k, &rs);
		rc = html_write(o->html, &h, rs.n);
	}
	sb_free(&h);
	if (rs.a)
		facts_free(&rs);
	return rc;
}
