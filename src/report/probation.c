/* probation.c: `kefu report probation`: the probation assessment of
 * everyone in its stage, part by part, with the decision made. */
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

struct part_rows {
	const struct module *m;
	double *value;
	int *passed;	/* -1 unknown */
};

static void
part_row(const struct assessment_part *r, void *arg)
{
	struct part_rows *pr = arg;
	size_t i;

	for (i = 0; i < pr->m->nparts; i++)
		if (strcmp(pr->m->parts[i].id, r->part) == 0) {
			/* a part without a value (no quiz score) was still failed */
			pr->value[i] = r->has_value ? r->value : NAN;
			pr->passed[i] = r->passed;
		}
}

/* An assessment's outcome as recorded, named for the catalogue. */
static const char *
outcome_word(const char *o)
{
	if (o == NULL)
		return NULL;
	return strcmp(o, "pass") == 0 ? N_("pass") : strcmp(o, "extend") == 0 ? N_("extend") :
	       strcmp(o, "fail") == 0 ? N_("fail") : o;
}

int
report_probation(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct store *st = kefu_store(k);
	const struct module *m = NULL;
	struct cell_cols c = CELL_COLS_INIT;
	struct rows rs;
	struct table t;
	size_t si, i, j;
	int rc = 1;

	if (o->stage) {
		if ((si = kefu_stage(cu, o->stage, "")) == cu->nstages)
			goto out_cols;
	} else {
		for (si = 0; si < cu->nstages; si++) {
			for (j = 0; j < cu->stages[si].nmodules; j++)
				if (cu->stages[si].modules[j].kind == MOD_ASSESSMENT)
					break;
			if (j < cu->stages[si].nmodules)
				break;
		}
		if (si == cu->nstages) {
			error(_("curriculum %s has no stage with an assessment"), cu->id);
			goto out_cols;
		}
	}
	for (j = 0; j < cu->stages[si].nmodules; j++)
		if (cu->stages[si].modules[j].kind == MOD_ASSESSMENT) {
			m = &cu->stages[si].modules[j];
			break;
		}
	if (m == NULL) {
		error(_("stage %s has no assessment"), cu->stages[si].id);
		goto out_cols;
	}
	if (facts_gather(k, cu, o->all ? FACTS_LEFT : 0, &rs) != 0)
		goto out_cols;
	cell_col(&c, "login", _("Login"));
	cell_col(&c, "name", _("Name"));
	cell_col(&c, "hired", _("Hired"));
	cell_col(&c, "due", _("Due"));
	for (i = 0; i < m->nparts; i++) {
		cell_col(&c, m->parts[i].id, m->parts[i].title ? m->parts[i].title : m->parts[i].id);
		cell_col2(&c, m->parts[i].title ? m->parts[i].title : m->parts[i].id, _("Pass"),
			  m->parts[i].id, "pass");
	}
	cell_col(&c, "outcome", _("Outcome"));
	cell_col(&c, "decided", _("Decided"));
	cell_col(&c, "reason", _("Reason"));
	cell_col(&c, "exemptions", _("Exemptions"));
	if (o->all)
		cell_col(&c, "left", _("Left"));
	table_init(&t, "probation", c.v, c.n);
	cell_cover(&t, o, cu->id, N_("assessment"), m->id);
	for (j = 0; j < rs.n; j++) {
		const struct row *x = &rs.v[j];
		struct decision d = { 0 };
		struct part_rows pr;

		bool in = x->s.states[si] == STAGE_OPEN || x->s.states[si] == STAGE_STARTED;

		/* in the stage (their current one, or opened early for them);
		 * with --all, anyone decided on too, and those who left in it */
		if (!in && !o->all)
			continue;
		pr.m = m;
		pr.value = xcalloc(m->nparts, sizeof(*pr.value));
		pr.passed = xcalloc(m->nparts, sizeof(*pr.passed));
		for (i = 0; i < m->nparts; i++)
			pr.passed[i] = -1;
		if (store_assessment_latest(st, x->e.id, m->id, &d) < 0 ||
		    (d.id && store_assessment_parts(st, d.id, part_row, &pr) != 0)) {
			free(pr.value);
			free(pr.passed);
			decision_clear(&d);
			goto out;
		}
		if (!in && d.id == 0) {
			free(pr.value);
			free(pr.passed);
			continue;
		}
		table_text(&t, x->p.login);
		table_text(&t, x->p.name);
		table_text(&t, x->p.hired);
		cell_day(&t, x->s.due[si]);
		for (i = 0; i < m->nparts; i++) {
			const struct part *pt = &m->parts[i];

			/* a decision shows the figures it was made on */
			if (d.id)
				;
			else if (pt->kind == PART_QUIZ) {
				struct quiz_facts f;

				if (store_quiz_facts(st, x->p.id, pt->ref, &f) != 0) {
					free(pr.value);
					free(pr.passed);
					decision_clear(&d);
					goto out;
				}
				if (f.best >= 0) {
					pr.value[i] = f.best;
					pr.passed[i] = plan_part_passed(pt, f.best);
				}
			} else if (pt->kind == PART_KPI) {
				char period[8], now[8];
				double v = 0;
				int found = store_kpi_latest(st, x->p.id, pt->ref,
							     kpi_period_format(kefu_month(k), now),
							     &v, period);

				if (found < 0) {
					free(pr.value);
					free(pr.passed);
					decision_clear(&d);
					goto out;
				}
				if (found) {
					pr.value[i] = v;
					pr.passed[i] = plan_part_passed(pt, v);
				}
			}
			if (pr.passed[i] < 0) {
				table_null(&t);
				table_null(&t);
			} else {
				table_num(&t, pr.value[i], pt->kind == PART_QUIZ ? 0 : 1);
				table_word(&t, pr.passed[i] ? N_("pass") : N_("fail"));
			}
		}
		table_word(&t, outcome_word(d.outcome));
		cell_moment(&t, d.decided);
		table_text(&t, d.reason);
		table_text(&t, x->exempt);
		if (o->all)
			table_text(&t, x->left);
		free(pr.value);
		free(pr.passed);
		decision_clear(&d);
	}
	if (o->format == TABLE_TEXT && t.nrows == 0)
		printf(_("Nobody is in stage %zu (%s).\n"), si + 1, cu->stages[si].id);
	else
		table_print(stdout, &t, o->format, o->bom);
	rc = 0;
out:
	table_free(&t);
	facts_free(&rs);
out_cols:
	cell_cols_free(&c);
	return rc;
}
