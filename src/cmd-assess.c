/* cmd-assess.c: `kefu assess LOGIN [ASSESSMENT]`: a trainer goes through
 * the parts of an assessment module (上岗检测: quiz, KPI, ratings) and
 * records the outcome: pass, extend with a new due date, or fail. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "text.h"

struct part_entry {
	bool has_value;
	double value;
	bool passed;
	char *note;
	bool note_shown;
	bool kpi_new;		/* the trainer typed the figure in now */
	char period[8];		/* the month of a KPI figure */
};

/* Reads a line; false at end of input or Ctrl-C. */
static bool
ask_line(const char *prompt, char **line)
{
	enum term_read r = term_read(prompt, line);

	if (r == TERM_LINE)
		return true;
	free(*line);
	*line = NULL;
	return false;
}

/* Asks for a value until read(t, ctx, &x, why) takes the folded line;
 * Enter gives *v as it is when keep. False at end of input. */
static bool
ask_value(const char *prompt, bool keep,
	  bool (*read)(const char *, const void *, double *, struct sb *),
	  const void *ctx, double *v)
{
	for (;;) {
		struct sb why = SB_INIT;
		char *line = NULL, *t;
		double x;
		bool ok;

		if (!ask_line(prompt, &line))
			return false;
		t = text_fold(line);
		free(line);
		if (keep && *t == '\0') {
			free(t);
			return true;
		}
		ok = read(t, ctx, &x, &why);
		free(t);
		if (ok) {
			*v = x;
			return true;
		}
		printf("  %s\n", sb_str(&why));
		sb_free(&why);
	}
}

/* A rating part's rating: on its scale, in its steps (whole numbers by
 * default). */
static bool
rating_read(const char *t, const void *ctx, double *x, struct sb *why)
{
	const struct part *pt = ctx;
	double q;

	if (!text_number(t, x) || *x < 0 || *x > pt->scale) {
		sb_addf(why, _("Give a number from %s to %s."), NUM(0), NUM(pt->scale));
		return false;
	}
	/* on a step, but for the last bit of a binary fraction (0.3 / 0.1);
	 * 2.99999999999 is no 3. Stored as the step it is */
	q = *x / pt->step;
	if (fabs(q - floor(q + 0.5)) < 1e-12) {
		*x = floor(q + 0.5) * pt->step;
		return true;
	}
	if (pt->step == 1)
		sb_adds(why, _("A rating is a whole number."));
	else
		sb_addf(why, _("A rating goes in steps of %s."), NUM(pt->step));
	return false;
}

/* A KPI part's figure: in the KPI's unit and range. */
static bool
figure_read(const char *t, const void *ctx, double *x, struct sb *why)
{
	if (kpi_value_parse(ctx, t, x) == KPI_VALUE_OK)
		return true;
	sb_adds(why, _("Give a figure "));
	kpi_bounds_words(why, ctx);
	sb_adds(why, ".");
	return false;
}

/* Asks a yes-or-no question; Enter gives dflt. False at end of input. */
static bool
ask_yes(const char *prompt, bool dflt, bool *yes)
{
	for (;;) {
		char *line = NULL, *t;

		if (!ask_line(prompt, &line))
			return false;
		t = text_fold(line);
		free(line);
		if (*t == '\0')
			*yes = dflt;
		else if (strcmp(t, "y") == 0 || strcmp(t, "yes") == 0 || strcmp(t, "是") == 0)
			*yes = true;
		else if (strcmp(t, "n") == 0 || strcmp(t, "no") == 0 || strcmp(t, "否") == 0)
			*yes = false;
		else {
			free(t);
			printf(_("  Type y or n.\n"));
			continue;
		}
		free(t);
		return true;
	}
}

static const char *
pass_word(bool passed)
{
	return passed ? _("pass") : _("fail");
}

/* The module to assess: the one named, else the first assessment not
 * passed in the current stage, else in any stage. */
static const struct module *
pick(const struct curriculum *cu, const struct standing *s, const char *id,
     size_t *stage)
{
	size_t i, j, pass;

	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < cu->nstages; i++) {
			if (pass == 1 && i != s->current)
				continue;
			for (j = 0; j < cu->stages[i].nmodules; j++) {
				const struct module *m = &cu->stages[i].modules[j];

				if (m->kind != MOD_ASSESSMENT)
					continue;
				if ((pass == 0 && id && strcmp(m->id, id) == 0) ||
				    (pass > 0 && !id && !s->facts[i][j].passed)) {
					*stage = i;
					return m;
				}
			}
		}
	return NULL;
}

int
cmd_assess(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("assess");
	const struct curriculum *cu;
	const struct module *m;
	struct standing stand = { 0 };
	struct part_entry *pe = NULL;
	struct store *st;
	struct person p;
	struct enrollment e;
	struct sb sb = SB_INIT, who = SB_INIT;
	char *pos[2], *line = NULL, *reason = NULL, period[8], due[11];
	const char *outcome = NULL;
	size_t si = 0, i, failed = 0;
	long new_due = -1;
	bool reason_shown = false;
	int npos, rc;
	int64_t aid;

	if (!kefu_may(k, "trainer", _("assess")))
		return 1;
	if ((rc = cmd_parse(c, argc, argv, NULL, pos, 2, &npos)) != 0)
		return rc;
	if (npos < 1)
		return cmd_usage(c);
	if ((cu = kefu_trainee(k, pos[0], &p, &e)) == NULL)
		return 1;
	rc = 1;
	st = kefu_store(k);
	text_inert(&who, p.login, false);
	if (p.id == k->me.id) {
		error(_("you cannot assess yourself; another trainer must"));
		goto out;
	}
	kefu_standing(k, cu, &p, &e, &stand);
	m = pick(cu, &stand, npos > 1 ? pos[1] : NULL, &si);
	if (m && stand.facts[si][(size_t)(m - cu->stages[si].modules)].passed) {
		/* a pass stands: assessing again could reopen a finished stage */
		error(_("'%s' has already passed %s"), sb_str(&who), m->id);
		goto out;
	}
	if (m && stand.facts[si][(size_t)(m - cu->stages[si].modules)].exempt) {
		/* an exemption stands for the assessment: no outcome under it */
		error(_("'%s' is exempt from %s (%s)"), sb_str(&who), m->id,
		      stand.facts[si][(size_t)(m - cu->stages[si].modules)].exempt);
		goto out;
	}
	if (m == NULL) {
		if (npos > 1)
			error(_("the curriculum of '%s' has no assessment '%s'"), sb_str(&who),
			      pos[1]);
		else
			error(_("'%s' has no assessment left to take"), sb_str(&who));
		goto out;
	}
	if (stand.states[si] == STAGE_LOCKED) {
		struct sb cur = SB_INIT;

		text_inert(&sb, cu->stages[si].title, false);
		text_inert(&cur, cu->stages[stand.current].title, false);
		error(_("stage %zu %s of '%s' is not open yet: they are in stage %zu %s"),
		      si + 1, sb_str(&sb), sb_str(&who), stand.current + 1, sb_str(&cur));
		sb_free(&cur);
		goto out;
	}
	kpi_period_format(kefu_month(k), period);
	text_inert(&sb, m->title ? m->title : m->id, false);
	printf(_("Assessment %s (%s) of "), sb_str(&sb), m->id);
	sb_reset(&sb);
	if (p.name) {
		text_inert(&sb, p.name, false);
		printf("%s (%s)", sb_str(&sb), sb_str(&who));
	} else
		printf("%s", sb_str(&who));
	sb_reset(&sb);
	text_inert(&sb, cu->stages[si].title, false);
	printf(_(", stage %zu %s\n"), si + 1, sb_str(&sb));
	sb_reset(&sb);

	pe = xcalloc(m->nparts, sizeof(*pe));
	for (i = 0; i < m->nparts; i++) {
		const struct part *pt = &m->parts[i];
		struct part_entry *x = &pe[i];

		text_inert(&sb, pt->title ? pt->title : pt->id, false);
		printf("\n%zu. %s\n", i + 1, sb_str(&sb));
		sb_reset(&sb);
		if (pt->kind == PART_QUIZ) {
			struct quiz_facts f;

			if (store_quiz_facts(st, p.id, pt->ref, &f) != 0)
				goto out;
			x->has_value = f.best >= 0;
			x->value = f.best;
			x->passed = f.best >= 0 && plan_part_passed(pt, f.best);
			if (f.best >= 0)
				printf(_("   quiz %s: best %s%%, needs %s%% — %s\n"), pt->ref,
				       NUM(f.best), NUM(pt->min), pass_word(x->passed));
			else
				printf(_("   quiz %s: no final score yet, needs %s%% — %s\n"),
				       pt->ref, NUM(pt->min), pass_word(false));
			if (f.pending)
				printf(_("   (an attempt waits for essay grading: 'kefu grade')\n"));
		} else if (pt->kind == PART_KPI) {
			char kperiod[8] = "";
			double kvalue = 0;
			int found;
			if ((found = store_kpi_latest(st, p.id, pt->ref, period, &kvalue, kperiod)) < 0)
				goto out;
			if (found) {
				kpi_figure_words(&sb, pt->kpi, kvalue);
				printf(_("   %s recorded for %s: %s\n"), pt->ref, kperiod, sb_str(&sb));
				sb_reset(&sb);
			} else
				printf(_("   no %s figure is recorded\n"), pt->ref);
			sb_addf(&sb, found ? _("   Figure for %s (Enter keeps %s of %s): ") :
				_("   Figure for %s: "), period, NUM(kvalue), kperiod);
			x->value = kvalue;
			if (!ask_value(sb_str(&sb), found, figure_read, pt->kpi, &x->value))
				goto stopped;
			sb_reset(&sb);
			x->has_value = true;
			/* a figure typed now is this month's; Enter keeps the
			 * recorded one, of its own month */
			x->kpi_new = !found || x->value != kvalue;
			snprintf(x->period, sizeof(x->period), "%s", x->kpi_new ? period : kperiod);
			x->passed = plan_part_passed(pt, x->value);
			kpi_figure_words(&sb, pt->kpi, x->value);
			printf(_("   %s (%s), needs %s %s — %s\n"), sb_str(&sb), x->period,
			       plan_part_rule(pt),
			       NUM(pt->has_max ? pt->max : pt->min), pass_word(x->passed));
			sb_reset(&sb);
		} else {
			sb_addf(&sb, _("   Rating 0-%u (needs %s): "), pt->scale, NUM(pt->min));
			if (!ask_value(sb_str(&sb), false, rating_read, pt, &x->value))
				goto stopped;
			sb_reset(&sb);
			x->has_value = true;
			x->passed = plan_part_passed(pt, x->value);
			if (!ask_line(_("   Note (spot checks, team feedback; Enter for none): "),
				      &line))
				goto stopped;
			if (!text_blank(line))
				x->note = line;
			else
				free(line);
			line = NULL;
			if (x->note && !ask_yes(_("   Show this note to the trainee? [y/N] "), false,
						&x->note_shown))
				goto stopped;
			printf("   %s\n", pass_word(x->passed));
		}
		failed += !x->passed;
	}

	if (failed)
		printf(_("\n%zu of %zu parts not met.\n"), failed, m->nparts);
	else
		printf(_("\nAll %zu parts met.\n"), m->nparts);
	for (;;) {
		char *t;
		const char *w;

		if (!ask_line(failed ? _("Outcome: extend or fail: ") :
			      _("Outcome: pass, extend or fail: "), &line))
			goto stopped;
		t = text_fold(line);
		free(line);
		line = NULL;
		/* the words, or the Chinese a trainer may type */
		w = strcmp(t, "通过") == 0 ? "pass" : strcmp(t, "延期") == 0 ? "extend" :
		    strcmp(t, "不通过") == 0 ? "fail" : t;
		if (strcmp(w, "pass") == 0 && failed)
			printf(_("  Not every part is met, so this cannot be a pass.\n"));
		else if (strcmp(w, "pass") == 0 || strcmp(w, "extend") == 0 ||
			 strcmp(w, "fail") == 0)
			outcome = w[0] == 'p' ? "pass" : w[0] == 'e' ? "extend" : "fail";
		else if (failed)
			printf(_("  Type extend or fail.\n"));
		else
			printf(_("  Type pass, extend or fail.\n"));
		free(t);
		if (outcome)
			break;
	}
	while (strcmp(outcome, "extend") == 0) {
		/* an extension moves the due date later, never earlier */
		long after = stand.due[si] > k->today ? stand.due[si] : k->today;

		if (!ask_line(_("New due date (YYYY-MM-DD): "), &line))
			goto stopped;
		/* later, and within three years: 9999-12-31 is a typing slip */
		if (date_parse(line, &new_due) && new_due > after && new_due <= after + 3 * 366)
			break;
		date_format(after, due);
		if (date_parse(line, &new_due) && new_due > after)
			printf(_("  Give a date within three years of %s.\n"), due);
		else if (stand.due[si] > k->today)
			printf(_("  Give a date after the current due date %s, as YYYY-MM-DD.\n"), due);
		else
			printf(_("  Give a date after today, as YYYY-MM-DD.\n"));
		free(line);
		line = NULL;
	}
	free(line);
	line = NULL;
	for (;;) {
		if (!ask_line(strcmp(outcome, "pass") == 0 ?
			      _("Notes for the record (Enter for none): ") :
			      _("Reason: "), &reason))
			goto stopped;
		if (!text_blank(reason) || strcmp(outcome, "pass") == 0)
			break;
		printf(_("  An extension or a fail needs a reason.\n"));
		free(reason);
		reason = NULL;
	}
	if (text_blank(reason)) {
		free(reason);
		reason = NULL;
	}
	/* what the trainee reads of it: the outcome's reason unless the
	 * trainer says not */
	if (reason && !ask_yes(strcmp(outcome, "pass") == 0 ?
			       _("Show these notes to the trainee? [Y/n] ") :
			       _("Show this reason to the trainee? [Y/n] "), true, &reason_shown))
		goto stopped;

	/* everything in one transaction: the figures, the parts, the outcome */
	if (new_due >= 0)
		date_format(new_due, due);
	if (store_begin(st) != 0)
		goto out;
	for (i = 0; i < m->nparts; i++) {
		struct kpi_entry f = { p.id, m->parts[i].ref, period, pe[i].value,
				       "kefu assess", NULL };

		if (pe[i].kpi_new && store_kpi_set(st, &f, k->me.id, kefu_clock(k), NULL, NULL) < 0)
			goto fail;
	}
	aid = store_assessment_add(st, e.id, m->id, outcome, reason, reason_shown,
				   new_due >= 0 ? due : NULL, k->me.id, kefu_clock(k));
	if (aid < 0)
		goto fail;
	for (i = 0; i < m->nparts; i++) {
		/* the figures decided on, kept with the decision */
		struct assessment_part ap = {
			m->parts[i].id, pe[i].value, pe[i].has_value, pe[i].passed,
			pe[i].note, pe[i].note_shown,
			m->parts[i].kind == PART_KPI ? pe[i].period : NULL,
		};

		if (store_assessment_part_add(st, aid, &ap) != 0)
			goto fail;
	}
	sb_addf(&sb, "%s %s", m->id, outcome);
	if (new_due >= 0)
		sb_addf(&sb, " %s", due);
	if ((new_due >= 0 && store_stage_due(st, e.id, cu->stages[si].id, due) != 0) ||
	    store_event(st, k->me.id, "assess", p.id, sb_str(&sb), kefu_clock(k)) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	sb_reset(&sb);
	if (strcmp(outcome, "pass") == 0)
		printf(_("Recorded: '%s' passed %s.\n"), sb_str(&who), m->id);
	else if (new_due >= 0)
		printf(_("Recorded: %s extended for '%s'; stage %zu is now due %s.\n"),
		       m->id, sb_str(&who), si + 1, due);
	else
		printf(_("Recorded: '%s' did not pass %s. To end their training, a manager runs 'kefu people leave %s'.\n"),
		       sb_str(&who), m->id, sb_str(&who));
	kefu_update_stages_of(k, &p, &e);
	rc = 0;
	goto out;
stopped:
	printf(_("\nStopped: nothing was recorded.\n"));
	goto out;
fail:
	store_rollback(st);
out:
	for (i = 0; pe && i < m->nparts; i++)
		free(pe[i].note);
	free(pe);
	free(line);
	free(reason);
	kefu_standing_free(&stand);
	sb_free(&sb);
	sb_free(&who);
	person_clear(&p);
	enrollment_clear(&e);
	return rc;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_assess_entry = {
	.name = "assess",
	.usage = "LOGIN [ASSESSMENT]",
	.summary = N_("run a trainee's assessment (上岗检测) and record the outcome (trainers)"),
	.help = N_("Goes through the parts of an assessment module of the trainee's\n"
		"curriculum (by default the first not passed in their current stage;\n"
		"a stage still locked can be opened early with 'kefu stage open'):\n"
		"a quiz part shows their best final score; a KPI part shows the\n"
		"latest recorded figure and its month and lets you enter this\n"
		"month's, in the KPI's unit and range; a rating part asks for your\n"
		"rating on its scale (a whole number, or in the part's 'step') and a\n"
		"note (spot checks, team feedback), and whether the trainee may read\n"
		"that note (by default not). Each part shows pass or fail against its\n"
		"threshold.\n"
		"\n"
		"Then record the outcome: pass (only when every part is met; it\n"
		"completes the module), extend (with a new due date for the stage,\n"
		"later than the one it has; later stages move as much) or fail, with\n"
		"a reason, which the trainee sees unless you say not; 通过, 延期 and\n"
		"不通过 are taken too. A fail shows in the trainee's plan with its\n"
		"date and reason, and in every report. Nothing is recorded until the\n"
		"outcome is given; then all of it is saved at once, with the figures\n"
		"it was decided on, and logged.\n"),
	.arg = ARG_PERSON,
	.words = NULL,
	.fn = cmd_assess,
};
