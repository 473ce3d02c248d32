/* overdue.c: `kefu report overdue`: who is past a due date, the
 * latest first. */
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

static const struct column overdue_cols[] = {
	{ "login", N_("Login") }, { "name", N_("Name") }, { "stage", N_("Stage") },
	{ "title", N_("Title") }, { "due", N_("Due") }, { "days_late", N_("Days late") },
	{ "outcome", N_("Outcome") },
};

static int
by_lateness(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	long dx = x->s.due[x->s.current], dy = y->s.due[y->s.current];

	return dx < dy ? -1 : dx > dy ? 1 : strcmp(x->p.login, y->p.login);
}

int
report_overdue(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct rows rs;
	struct table t;
	size_t i, n = 0;

	if (facts_gather(k, cu, 0, &rs) != 0)
		return 1;
	/* the late ones first, the latest at the top */
	for (i = 0; i < rs.n; i++)
		if (facts_days_late(k, &rs.v[i]) > 0)
			rs.v[n++] = rs.v[i];
	rs.n = n;
	if (rs.n)
		qsort(rs.v, rs.n, sizeof(*rs.v), by_lateness);
	table_init(&t, "overdue", overdue_cols, ARRAY_SIZE(overdue_cols));
	cell_cover(&t, o, cu->id, NULL, NULL);
	for (i = 0; i < rs.n; i++) {
		const struct row *x = &rs.v[i];
		const struct stage *s = &cu->stages[x->s.current];

		table_text(&t, x->p.login);
		table_text(&t, x->p.name);
		table_text(&t, s->id);
		table_text(&t, s->title);
		cell_day(&t, x->s.due[x->s.current]);
		table_num(&t, (double)facts_days_late(k, x), 0);
		cell_outcome(&t, x);
	}
	if (o->format == TABLE_TEXT && rs.n == 0)
		printf(_("Nobody is past a due date.\n"));
	else
		table_print(stdout, &t, o->format, o->bom);
	table_free(&t);
	facts_free(&rs);
	return 0;
}
