/* elite.c: `kefu report elite`: who beats the team mean on every KPI
 * in a month, and who is left out and why. */
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

struct elite_person {
	int64_t id;
	char *login, *name;
	double *v;
	bool *has;
};

struct elite {
	const struct curriculum *cu;
	struct elite_person *v;
	size_t n, cap;
};

static void
elite_row(const struct kpi_figure *r, void *arg)
{
	struct elite *el = arg;
	const char *kpi = r->kpi;
	struct elite_person *x = el->n ? &el->v[el->n - 1] : NULL;
	size_t k;

	/* rows come by login: a new login starts a person */
	if (x == NULL || x->id != r->person_id) {
		if (el->n == el->cap) {
			el->cap = el->cap ? el->cap * 2 : 32;
			el->v = xreallocarray(el->v, el->cap, sizeof(*el->v));
		}
		x = &el->v[el->n++];
		x->id = r->person_id;
		x->login = xstrdup_null(r->login);
		x->name = xstrdup_null(r->name);
		x->v = xcalloc(el->cu->nkpis + 1, sizeof(*x->v));
		x->has = xcalloc(el->cu->nkpis + 1, sizeof(*x->has));
	}
	for (k = 0; k < el->cu->nkpis; k++)
		if (strcmp(el->cu->kpis[k].id, kpi) == 0) {
			x->v[k] = r->value;
			x->has[k] = true;
		}
}

int
report_elite(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct store *st = kefu_store(k);
	struct elite el = { cu, NULL, 0, 0 };
	struct cell_cols c = CELL_COLS_INIT;
	struct kpi_figures *figs = NULL;
	struct table t;
	char *period = NULL;
	double *mean = NULL, *margin = NULL, *cv = NULL;
	bool *lower = NULL, *elite = NULL, *ch = NULL;
	size_t i, j, kk, n, nu = 0, *use = NULL, left = 0;
	struct rows rs = { 0 };
	const struct module *pm;
	char **why = NULL;
	int rc = 1;

	if (cu->nkpis == 0) {
		error(_("curriculum %s lists no KPIs"), cu->id);
		goto out;
	}
	if (o->period) {
		kpi_month m;

		if (!kpi_period_parse(o->period, &m)) {
			struct sb sb = SB_INIT;

			text_inert(&sb, o->period, false);
			error(_("period '%s' is not a month: write it as YYYY-MM, such as 2026-11"),
			      sb_str(&sb));
			sb_free(&sb);
			goto out;
		}
		period = xmalloc(8);
		kpi_period_format(m, period);
	} else {
		char now[8], last[8];
		int found = store_kpi_last_period(st, kpi_period_format(kefu_month(k), now), last);

		if (found < 0)
			goto out;
		if (found)
			period = xstrdup(last);
	}
	if (period == NULL) {
		printf(_("No KPI figures are recorded yet ('kefu kpi import' or 'kefu kpi set').\n"));
		rc = 0;
		goto out;
	}
	if (store_kpi_period(st, period, elite_row, &el) != 0)
		goto out;
	/* a KPI nobody has a figure for in the period is left out, not
	 * held against everyone */
	use = xcalloc(cu->nkpis + 1, sizeof(*use));
	for (kk = 0; kk < cu->nkpis; kk++)
		for (i = 0; i < el.n; i++)
			if (el.v[i].has[kk]) {
				use[nu++] = kk;
				break;
			}
	figs = xcalloc(el.n + 1, sizeof(*figs));
	lower = xcalloc(nu + 1, sizeof(*lower));
	mean = xcalloc(nu + 1, sizeof(*mean));
	margin = xcalloc((el.n + 1) * (nu + 1), sizeof(*margin));
	elite = xcalloc(el.n + 1, sizeof(*elite));
	cv = xcalloc((el.n + 1) * (nu + 1), sizeof(*cv));
	ch = xcalloc((el.n + 1) * (nu + 1), sizeof(*ch));
	for (j = 0; j < nu; j++)
		lower[j] = cu->kpis[use[j]].lower_better;
	for (i = 0; i < el.n; i++) {
		for (j = 0; j < nu; j++) {
			cv[i * nu + j] = el.v[i].v[use[j]];
			ch[i * nu + j] = el.v[i].has[use[j]];
		}
		figs[i].v = &cv[i * nu];
		figs[i].has = &ch[i * nu];
	}
	n = kpi_elite(nu, lower, el.n, figs, mean, margin, elite);
	/* beating the mean is not enough: a person on the elite list has
	 * passed probation (the team mean still counts everyone) */
	if (facts_gather(k, cu, 0, &rs) != 0)
		goto out;
	pm = facts_probation(cu, NULL);
	why = xcalloc(el.n + 1, sizeof(*why));
	for (i = 0; i < el.n; i++) {
		const struct row *x = NULL;

		if (!elite[i])
			continue;
		for (j = 0; j < rs.n; j++)
			if (rs.v[j].p.id == el.v[i].id)
				x = &rs.v[j];
		if (x && x->failed)
			why[i] = facts_failed_words(x);
		else if (x && pm && !x->probation_done)
			why[i] = xasprintf(_("has not passed %s"), pm->id);
		else if (x == NULL && pm)
			why[i] = xasprintf(_("is not a trainee in %s, so no %s is on record"),
					   cu->id, pm->id);
		if (why[i]) {
			elite[i] = false;
			n--;
			left++;
		}
	}

	cell_col(&c, "row", _("Row"));
	cell_col(&c, "login", _("Login"));
	cell_col(&c, "name", _("Name"));
	for (j = 0; j < nu; j++) {
		const struct kpi *kp = &cu->kpis[use[j]];

		cell_col(&c, kp->id, kp->title ? kp->title : kp->id);
		cell_col2(&c, kp->title ? kp->title : kp->id, "±", kp->id, "margin");
	}
	cell_col(&c, "left_out", _("Left out because"));
	table_init(&t, "elite", c.v, c.n);
	cell_cover(&t, o, cu->id, N_("period"), period);
	table_word(&t, N_("mean"));
	table_null(&t);
	table_text(&t, o->format == TABLE_TEXT ? _("team mean") : NULL);
	for (j = 0; j < nu; j++) {
		table_num(&t, mean[j], 2);
		table_null(&t);
	}
	table_null(&t);
	for (i = 0; i < el.n; i++) {
		if (!elite[i] && !why[i])
			continue;
		table_word(&t, elite[i] ? N_("elite") : N_("left-out"));
		table_text(&t, el.v[i].login);
		table_text(&t, el.v[i].name);
		for (j = 0; j < nu; j++) {
			table_num(&t, cv[i * nu + j], 2);
			table_num(&t, margin[i * nu + j], 2);
		}
		table_text(&t, why[i]);
	}
	if (o->format == TABLE_TEXT) {
		printf(_("Period %s: %zu of %zu people beat the team mean on every KPI.\n"),
		       period, n + left, el.n);
		if (left)
			printf(P_("%zu of them is left out of the elite list: the elite have passed probation.\n",
				  "%zu of them are left out of the elite list: the elite have passed probation.\n",
				  left), left);
		for (kk = 0, j = 0; kk < cu->nkpis; kk++) {
			if (j < nu && use[j] == kk) {
				j++;
				continue;
			}
			printf(_("No figures for %s in %s: left out.\n"), cu->kpis[kk].id, period);
		}
		printf("\n");
	}
	table_print(stdout, &t, o->format, o->bom);
	if (o->format == TABLE_TEXT) {
		printf(_("\n± is how far each figure is on the better side of the mean ("));
		for (j = 0; j < nu; j++)
		{
			struct sb title = SB_INIT;

			/* the KPIs by their titles, as the columns are */
			text_inert(&title, cu->kpis[use[j]].title, false);
			printf("%s%s %s", j ? _(", ") : "", sb_str(&title),
			       cu->kpis[use[j]].lower_better ? _("lower is better") :
			       _("higher is better"));
			sb_free(&title);
		}
		/* TRANSLATORS: closes the list of KPIs after "better side of the mean (" */
		fputs(_(").\n"), stdout);
	}
	table_free(&t);
	rc = 0;
out:
	for (i = 0; i < el.n; i++) {
		free(el.v[i].login);
		free(el.v[i].name);
		free(el.v[i].v);
		free(el.v[i].has);
	}
	free(el.v);
	free(figs);
	free(use);
	free(cv);
	free(ch);
	free(lower);
	free(mean);
	free(margin);
	free(elite);
	for (i = 0; why && i < el.n; i++)
		free(why[i]);
	free(why);
	free(period);
	if (rs.a)
		facts_free(&rs);
	cell_cols_free(&c);
	return rc;
}
