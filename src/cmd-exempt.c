/* cmd-exempt.c: `kefu stage open LOGIN STAGE --reason TEXT` and `kefu
 * exempt LOGIN STAGE MODULE --reason TEXT`: a trainer opens a locked
 * stage early for one person (an experienced hire assessed early) or
 * counts a module as done, on the record, with who and why. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu.h"
#include "text.h"

/* Records the exemption (module NULL: the stage opened early) after the
 * checks common to both; 0 when recorded, -1 on error. */
static int
record(struct kefu *k, const struct person *p, const struct enrollment *e,
       const struct stage *s, const struct module *m, const char *reason)
{
	struct store *st = kefu_store(k);
	struct sb detail = SB_INIT;
	int rc;

	sb_addf(&detail, "%s%s%s: %s", s->id, m ? " " : "", m ? m->id : "", reason);
	if (store_begin(st) != 0)
		return -1;
	rc = store_exempt(st, e->id, s->id, m ? m->id : NULL, reason, k->me.id, kefu_clock(k));
	if (rc < 0 ||
	    (rc > 0 && store_event(st, k->me.id, m ? "exempt" : "stage-open", p->id,
				   sb_str(&detail), kefu_clock(k)) != 0) ||
	    store_commit(st) != 0) {
		store_rollback(st);
		sb_free(&detail);
		return -1;
	}
	sb_free(&detail);
	return 0;	/* recorded, or another kefu was first */
}

/* LOGIN STAGE [MODULE] --reason TEXT, checked: the person, their
 * curriculum and the stage. */
static const struct curriculum *
prepare(struct kefu *k, const struct cmd *c, int argc, char **argv, int want,
	char **pos, const char **reason, struct person *p, struct enrollment *e,
	size_t *si, int *rc)
{
	const struct cmd_opt opts[] = { { "--reason", reason, NULL }, { NULL, NULL, NULL } };
	const struct curriculum *cu;
	int npos;

	*rc = 2;
	if (!kefu_may(k, "trainer", _("open stages or exempt modules"))) {
		*rc = 1;
		return NULL;
	}
	if ((*rc = cmd_parse(c, argc, argv, opts, pos, want, &npos)) != 0)
		return NULL;
	if (npos != want) {
		*rc = cmd_usage(c);
		return NULL;
	}
	*rc = 1;
	if (*reason == NULL || text_blank(*reason)) {
		error(_("give a reason (--reason TEXT): it stays on the record and the trainee sees it"));
		return NULL;
	}
	if ((cu = kefu_trainee(k, pos[0], p, e)) == NULL)
		return NULL;
	if (p->id == k->me.id) {
		error(_("you cannot open stages or exempt modules for yourself; another trainer must"));
		return NULL;
	}
	if ((*si = kefu_stage(cu, pos[1], "")) == cu->nstages)
		return NULL;
	return cu;
}

int
cmd_stage(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("stage");
	const struct curriculum *cu;
	const char *reason = NULL;
	struct standing stand = { 0 };
	struct person p = { 0 };
	struct enrollment e = { 0 };
	struct sb who = SB_INIT, title = SB_INIT;
	char *pos[2];
	size_t si = 0;
	int rc;

	if (argc < 2 || strcmp(argv[1], "open") != 0) {
		static const char *const subs[] = { "open" };

		if (argc < 2)
			return cmd_usage(c);
		kefu_unknown(_("'stage' subcommand"), "", argv[1], subs, ARRAY_SIZE(subs),
			     _("it is open"));
		return 2;
	}
	if ((cu = prepare(k, c, argc - 1, argv + 1, 2, pos, &reason, &p, &e, &si, &rc)) == NULL)
		goto out;
	rc = 1;
	text_inert(&who, p.login, false);
	text_inert(&title, cu->stages[si].title, false);
	kefu_standing(k, cu, &p, &e, &stand);
	if (stand.states[si] != STAGE_LOCKED) {
		error(_("stage %zu %s of '%s' is open already"), si + 1, sb_str(&title),
		      sb_str(&who));
		goto out;
	}
	if ((rc = record(k, &p, &e, &cu->stages[si], NULL, reason)) < 0) {
		rc = 1;
		goto out;
	}
	printf(_("Opened stage %zu %s for '%s' early, on the record; the stages before it\n"
		 "still wait to be completed.\n"), si + 1, sb_str(&title), sb_str(&who));
	kefu_update_stages_of(k, &p, &e);
	rc = 0;
out:
	kefu_standing_free(&stand);
	sb_free(&who);
	sb_free(&title);
	person_clear(&p);
	enrollment_clear(&e);
	return rc;
}

int
cmd_exempt(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("exempt");
	const struct curriculum *cu;
	const struct stage *s;
	const struct module *m = NULL;
	const char *reason = NULL;
	struct standing stand = { 0 };
	struct person p = { 0 };
	struct enrollment e = { 0 };
	struct sb who = SB_INIT;
	char *pos[3];
	size_t si = 0, j;
	int rc;

	if ((cu = prepare(k, c, argc, argv, 3, pos, &reason, &p, &e, &si, &rc)) == NULL)
		goto out;
	rc = 1;
	text_inert(&who, p.login, false);
	s = &cu->stages[si];
	for (j = 0; j < s->nmodules; j++)
		if (strcmp(s->modules[j].id, pos[2]) == 0)
			m = &s->modules[j];
	if (m == NULL) {
		const char **ids = xreallocarray(NULL, s->nmodules + 1, sizeof(*ids));

		for (j = 0; j < s->nmodules; j++)
			ids[j] = s->modules[j].id;
		kefu_unknown(_("module"), _(" in that stage"), pos[2], ids, s->nmodules,
			     _("see 'kefu plan --all'"));
		free(ids);
		goto out;
	}
	kefu_standing(k, cu, &p, &e, &stand);
	if (m->kind == MOD_ASSESSMENT &&
	    stand.facts[si][(size_t)(m - s->modules)].assess.outcome == OUTCOME_FAIL) {
		/* an exemption does not undo a fail: assessing again does */
		error(_("'%s' failed %s; a fail is not exempted: assess again ('kefu assess %s %s')"),
		      sb_str(&who), m->id, sb_str(&who), m->id);
		goto out;
	}
	if (plan_module_state(m, &stand.facts[si][(size_t)(m - s->modules)]) == MODULE_DONE) {
		error(_("'%s' has %s of stage %s done already"), sb_str(&who), m->id, s->id);
		goto out;
	}
	if ((rc = record(k, &p, &e, s, m, reason)) < 0) {
		rc = 1;
		goto out;
	}
	printf(_("Exempted '%s' from %s in stage %zu: it counts as done, by exemption, on the record.\n"),
	       sb_str(&who), m->id, si + 1);
	kefu_update_stages_of(k, &p, &e);
	rc = 0;
out:
	kefu_standing_free(&stand);
	sb_free(&who);
	person_clear(&p);
	enrollment_clear(&e);
	return rc;
}

static const char *const stage_words[] = { "open", "--reason", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_stage_entry = {
	.name = "stage",
	.usage = "open LOGIN STAGE --reason TEXT",
	.summary = N_("open a locked stage early for one person (trainers)"),
	.help = N_("Opens a stage that is still locked for one trainee, so that an\n"
		"experienced hire can take its exam or be assessed early ('kefu\n"
		"assess'). The stages before it still wait to be completed. The\n"
		"opening is on the record with who and why, and shows in the\n"
		"trainee's plan, their transcript and the reports.\n"),
	.arg = ARG_WORDS,
	.words = stage_words,
	.fn = cmd_stage,
};

static const char *const exempt_words[] = { "--reason", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_exempt_entry = {
	.name = "exempt",
	.usage = "LOGIN STAGE MODULE --reason TEXT",
	.summary = N_("count a module as done for one person, on the record (trainers)"),
	.help = N_("Exempts a trainee from one module of a stage (a lesson, quiz,\n"
		"drill, sign-off or assessment, by its id as 'kefu plan --all'\n"
		"shows it): it counts as done \"by exemption\", with who and why, in\n"
		"the plan, the transcript and the reports.\n"),
	.arg = ARG_PERSON,
	.words = exempt_words,
	.fn = cmd_exempt,
};
