/* leavers.c: `kefu report leavers`: who left, at which stage of their
 * plan, after how many days, and why. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "report/report.h"
#include "table.h"

struct leavers {
	struct kefu *k;
	const struct rows *rs;		/* everyone in cu, those who left too */
	struct table *t;
	size_t n;
};

static void
leaver_row(const struct leaver *l, void *arg)
{
	struct leavers *lv = arg;
	const struct curriculum *cu = lv->rs->cu;
	const struct row *x = NULL;
	long hired, left;
	size_t i;

	/* those of another curriculum are in its report */
	if (l->curriculum && strcmp(l->curriculum, cu->id) != 0)
		return;
	for (i = 0; i < lv->rs->n; i++)
		if (lv->rs->v[i].p.id == l->id)
			x = &lv->rs->v[i];
	table_text(lv->t, l->login);
	table_text(lv->t, l->name);
	table_word(lv->t, kefu_role_word(l->role));
	table_text(lv->t, l->hired);
	table_text(lv->t, l->left);
	if (l->hired && l->left && date_parse(l->hired, &hired) && date_parse(l->left, &left))
		table_num(lv->t, (double)(left - hired), 0);
	else
		table_null(lv->t);
	/* where they had got to: the first stage not complete */
	if (x && x->s.current < cu->nstages) {
		table_text(lv->t, cu->stages[x->s.current].id);
		table_text(lv->t, cu->stages[x->s.current].title);
	} else if (x) {
		table_word(lv->t, N_("done"));
		table_null(lv->t);
	} else {
		table_null(lv->t);
		table_null(lv->t);
	}
	if (x)
		cell_outcome(lv->t, x);
	else
		table_null(lv->t);
	table_text(lv->t, l->reason);
	lv->n++;
}

static const struct column leaver_cols[] = {
	{ "login", N_("Login") }, { "name", N_("Name") }, { "role", N_("Role") },
	{ "hired", N_("Hired") }, { "left", N_("Left") }, { "days", N_("Days") },
	{ "stage", N_("Stage") }, { "title", N_("Title") }, { "outcome", N_("Outcome") },
	{ "reason", N_("Why") },
};

int
report_leavers(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct rows rs = { 0 };
	struct leavers lv;
	struct table t;
	int rc = 1;

	if (facts_gather(k, cu, FACTS_LEFT, &rs) != 0)
		goto out;
	table_init(&t, "leavers", leaver_cols, ARRAY_SIZE(leaver_cols));
	cell_cover(&t, o, cu->id, NULL, NULL);
	lv.k = k;
	lv.rs = &rs;
	lv.t = &t;
	lv.n = 0;
	if (store_leavers(kefu_store(k), leaver_row, &lv) == 0) {
		if (o->format == TABLE_TEXT && lv.n == 0)
			printf(_("Nobody has left.\n"));
		else
			table_print(stdout, &t, o->format, o->bom);
		rc = 0;
	}
	table_free(&t);
out:
	if (rs.a)
		facts_free(&rs);
	return rc;
}
