/* cmd-signoff.c: `kefu signoff LOGIN STAGE`: a trainer's signature on a
 * stage whose other modules are all done. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "text.h"

int
cmd_signoff(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("signoff");
	const char *note = NULL;
	const struct cmd_opt opts[] = { { "--note", &note, NULL }, { NULL, NULL, NULL } };
	const struct curriculum *cu;
	const struct stage *s;
	const struct module *sign = NULL;
	struct standing stand = { 0 };
	struct signoff done = { 0 };
	struct store *st;
	struct person p;
	struct enrollment e;
	struct sb who = SB_INIT, title = SB_INIT, missing = SB_INIT;
	char *pos[2];
	size_t si, j;
	int npos, found, rc = 1;

	if (!kefu_may(k, "trainer", _("sign stages off")))
		return 1;
	if ((rc = cmd_parse(c, argc, argv, opts, pos, 2, &npos)) != 0)
		return rc;
	if (npos != 2)
		return cmd_usage(c);
	rc = 1;
	if ((cu = kefu_trainee(k, pos[0], &p, &e)) == NULL)
		return 1;
	st = kefu_store(k);
	text_inert(&who, p.login, false);
	if ((si = kefu_stage(cu, pos[1], "")) == cu->nstages)
		goto out;
	s = &cu->stages[si];
	text_inert(&title, s->title, false);
	for (j = 0; j < s->nmodules; j++)
		if (s->modules[j].kind == MOD_SIGNOFF)
			sign = &s->modules[j];
	if (sign == NULL) {
		error(_("stage %s (%s) takes no sign-off"), sb_str(&title), s->id);
		goto out;
	}
	if (p.id == k->me.id) {
		error(_("you cannot sign off your own stage; another trainer must"));
		goto out;
	}
	if (sign->id && strcmp(sign->id, "manager") == 0 &&
	    !kefu_may(k, "manager", _("sign this stage off")))
		goto out;
	if ((found = store_signoff_get(st, e.id, s->id, &done)) < 0)
		goto out;
	if (found) {
		char day[17];

		struct sb by = SB_INIT;

		text_inert(&by, done.signer, false);
		printf(_("Stage %s of '%s' was signed off by %s on %s.\n"), sb_str(&title),
		       sb_str(&who), sb_str(&by), date_format_time(done.at, day));
		sb_free(&by);
		rc = 0;
		goto out;
	}
	kefu_standing(k, cu, &p, &e, &stand);
	if (stand.states[si] == STAGE_LOCKED) {
		struct sb cur = SB_INIT;

		text_inert(&cur, cu->stages[stand.current].title, false);
		error(_("stage %s of '%s' is not open yet: '%s' is in stage %zu %s"),
		      sb_str(&title), sb_str(&who), sb_str(&who), stand.current + 1,
		      sb_str(&cur));
		sb_free(&cur);
		goto out;
	}
	for (j = 0; j < s->nmodules; j++) {
		const struct module *m = &s->modules[j];

		if (m->kind == MOD_SIGNOFF ||
		    plan_module_state(m, &stand.facts[si][j]) == MODULE_DONE)
			continue;
		sb_addf(&missing, "  %s ", plan_kind_label(m->kind));
		text_inert(&missing, m->id ? m->id : "", false);
		sb_adds(&missing, ": ");
		{
			struct sb need = SB_INIT;

			plan_module_need(&need, m, &stand.facts[si][j]);
			text_inert(&missing, sb_str(&need), false);
			sb_free(&need);
		}
		sb_addc(&missing, '\n');
	}
	if (missing.len) {
		error(_("stage %s of '%s' cannot be signed off yet; still to do:"),
		      sb_str(&title), sb_str(&who));
		fputs(sb_str(&missing), stderr);
		goto out;
	}
	if (store_begin(st) != 0 ||
	    store_signoff(st, e.id, s->id, k->me.id, note, kefu_clock(k)) != 0 ||
	    store_event(st, k->me.id, "signoff", p.id, s->id, kefu_clock(k)) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf(_("Signed off stage %zu %s for '%s'.\n"), si + 1, sb_str(&title),
	       sb_str(&who));
	kefu_update_stages_of(k, &p, &e);
	rc = 0;
out:
	kefu_standing_free(&stand);
	signoff_clear(&done);
	sb_free(&who);
	sb_free(&title);
	sb_free(&missing);
	person_clear(&p);
	enrollment_clear(&e);
	return rc;
}


static const char *const signoff_words[] = { "--note", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_signoff_entry = {
	.name = "signoff",
	.usage = "LOGIN STAGE [--note TEXT]",
	.summary = N_("sign a trainee's stage off (trainers)"),
	.help = N_("Records your sign-off of a stage for a trainee, with an optional\n"
		"note. Refused while any other module of the stage is not done (the\n"
		"list of what is missing is shown), for a stage not yet open, and\n"
		"for your own stages. A stage whose sign-off is 'manager' takes a\n"
		"manager's. The sign-off completes the stage when the rest is done.\n"),
	.arg = ARG_PERSON,
	.words = signoff_words,
	.fn = cmd_signoff,
};
