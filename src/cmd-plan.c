/* cmd-plan.c: `kefu plan`, where the person stands and what to do next. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "plan.h"
#include "text.h"

#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define RED "\033[31m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *
module_title(const struct module *m)
{
	switch (m->kind) {
	case MOD_QUIZ:
		return m->quiz ? m->quiz->title : "";
	case MOD_DRILL:
		return m->drill ? m->drill->title : "";
	case MOD_SCENARIO:
		return m->scenario ? m->scenario->title : "";
	case MOD_SIGNOFF:
		return m->title ? m->title : (m->id && m->id[0] == 'm' ?
					      _("manager's sign-off") : _("trainer's sign-off"));
	default:
		return m->title ? m->title : "";
	}
}

static const char *
state_color(enum stage_state s)
{
	switch (s) {
	case STAGE_COMPLETE:
		return GREEN;
	case STAGE_STARTED:
	case STAGE_OPEN:
		return YELLOW;
	default:
		return DIM;
	}
}

static void
print_stages(struct kefu *k, const struct curriculum *cu,
	     const enum stage_state *states, const long *dues)
{
	struct sb sb = SB_INIT;
	int tw = text_width(_("Stage")), sw = text_width(_("Status"));
	int dw;
	size_t i;

	for (i = 0; i < cu->nstages; i++) {
		int w = text_width(cu->stages[i].title);

		if (w > tw)
			tw = w;
		w = text_width(plan_stage_state_name(states[i]));
		if (w > sw)
			sw = w;
	}
	if (tw > 24)
		tw = 24;
	sb_adds(&sb, "  #  ");
	text_pad(&sb, _("Stage"), tw, true);
	sb_adds(&sb, "  ");
	text_pad(&sb, _("Status"), sw, true);
	sb_adds(&sb, "  ");
	dw = text_pad_left(&sb, _("Days"), 4);
	sb_addf(&sb, "  %s\n", _("Due"));
	for (i = 0; i < cu->nstages; i++) {
		const struct stage *s = &cu->stages[i];
		long due = dues[i];
		char buf[11];

		sb_addf(&sb, "%s%3zu  ", i == plan_current(states, cu->nstages) ?
			kefu_color(k, BOLD) : "", i + 1);
		text_pad(&sb, s->title, tw, true);
		sb_addf(&sb, "  %s", kefu_color(k, state_color(states[i])));
		text_pad(&sb, plan_stage_state_name(states[i]), sw, true);
		sb_adds(&sb, kefu_color(k, RESET));
		if (s->days > 0)
			sb_addf(&sb, "  %*d", dw, s->days);
		else
			sb_addf(&sb, "  %*s", dw, "-");
		if (due >= 0) {
			sb_addf(&sb, "  %s", date_format(due, buf));
			if (states[i] != STAGE_COMPLETE && k->today > due)
				sb_addf(&sb, P_("  %s%ld day late%s", "  %s%ld days late%s",
						k->today - due), kefu_color(k, RED),
					k->today - due, kefu_color(k, RESET));
		} else
			sb_adds(&sb, "  -");
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

/* "opened early by LOGIN: reason" for each stage a trainer opened. */
struct opened_notes {
	const struct curriculum *cu;
	char **note;	/* by stage */
};

static void
opened_row(const struct exemption *x, void *arg)
{
	struct opened_notes *o = arg;
	size_t i;

	if (*x->module != '\0')
		return;	/* a module's exemption: the module says it */
	for (i = 0; i < o->cu->nstages; i++)
		if (strcmp(o->cu->stages[i].id, x->stage) == 0 && o->note[i] == NULL) {
			struct sb sb = SB_INIT, who = SB_INIT, why = SB_INIT;

			text_inert(&who, x->by, false);
			text_inert(&why, x->reason, false);
			sb_addf(&sb, _("  opened early by %s: %s\n"), sb_str(&who), sb_str(&why));
			o->note[i] = sb_detach(&sb);
			sb_free(&who);
			sb_free(&why);
		}
}

static void
print_modules(struct kefu *k, const struct curriculum *cu, size_t si,
	      enum stage_state state, const struct module_fact *facts,
	      const char *opened)
{
	const struct stage *s = &cu->stages[si];
	struct sb sb = SB_INIT;
	size_t j, done = 0;
	int iw = 0, tw = 0, kw = 0;
	enum module_kind kind;

	for (kind = MOD_LESSON; kind <= MOD_SCENARIO; kind++)
		if (text_width(plan_kind_label(kind)) > kw)
			kw = text_width(plan_kind_label(kind));

	for (j = 0; j < s->nmodules; j++) {
		int w = text_width(s->modules[j].id ? s->modules[j].id : "");

		if (w > iw)
			iw = w;
		w = text_width(module_title(&s->modules[j]));
		if (w > tw)
			tw = w;
		done += plan_module_state(&s->modules[j], &facts[j]) == MODULE_DONE;
	}
	if (tw > 28)
		tw = 28;
	sb_addf(&sb, _("\n%sStage %zu "), kefu_color(k, BOLD), si + 1);
	text_inert(&sb, s->title, false);
	sb_addf(&sb, _(" (%s)%s: %s, %zu of %zu modules done\n"), s->id,
		kefu_color(k, RESET), plan_stage_state_name(state), done, s->nmodules);
	if (opened)
		sb_adds(&sb, opened);
	for (j = 0; j < s->nmodules; j++) {
		const struct module *m = &s->modules[j];
		enum module_state ms = plan_module_state(m, &facts[j]);

		sb_addf(&sb, "  %s%s%s ", kefu_color(k, ms == MODULE_DONE ? GREEN :
						     ms == MODULE_STARTED ? YELLOW : ""),
			ms == MODULE_DONE ? "[x]" : ms == MODULE_STARTED ? "[~]" : "[ ]",
			kefu_color(k, RESET));
		text_pad(&sb, plan_kind_label(m->kind), kw, false);
		sb_addc(&sb, ' ');
		text_pad(&sb, m->id ? m->id : "", iw, false);
		sb_adds(&sb, "  ");
		text_pad(&sb, module_title(m), tw, true);
		sb_adds(&sb, "  ");
		plan_module_need(&sb, m, &facts[j]);
		sb_addc(&sb, '\n');
		/* what each part of an assessment needs: the exam is the
		 * trainee's to take, with its attempts and time limit */
		if (m->kind == MOD_ASSESSMENT && ms != MODULE_DONE) {
			size_t p;

			for (p = 0; p < m->nparts; p++) {
				sb_adds(&sb, "        - ");
				if (m->parts[p].title) {
					text_inert(&sb, m->parts[p].title, false);
					sb_adds(&sb, _(": "));
				}
				plan_part_need(&sb, &m->parts[p], &m->parts[p] == plan_exam_part(m) ?
					       &facts[j].quiz : NULL);
				sb_addc(&sb, '\n');
			}
		}
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

/* A lesson of a stage after the current one, not read yet: reading
 * ahead is always something to do. */
static const struct module *
read_ahead(const struct curriculum *cu, const struct standing *st)
{
	size_t i, j;

	for (i = st->current + 1; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind == MOD_LESSON && !st->facts[i][j].read && !st->facts[i][j].exempt)
				return m;
		}
	return NULL;
}

void
kefu_next_step(struct kefu *k, const struct curriculum *cu, const struct standing *st,
	       struct sb *next, struct sb *waiting)
{
	const struct stage *s = &cu->stages[st->current];
	const struct module_fact *facts = st->facts[st->current];
	const struct module *now = NULL, *ask = NULL, *ahead;
	struct sb trainers = SB_INIT;
	size_t j, ask_j = 0;

	for (j = 0; j < s->nmodules; j++) {
		const struct module *m = &s->modules[j];
		struct sb words = SB_INIT;
		enum plan_wait w;

		if (plan_module_state(m, &facts[j]) == MODULE_DONE)
			continue;
		w = plan_module_wait(m, &facts[j]);
		if (w == PLAN_WAIT_NONE) {
			if (now == NULL) {
				now = m;
				plan_module_step(next, m, &facts[j], k->me.login);
			}
			continue;
		}
		/* a sign-off or an assessment comes when the rest is done:
		 * the next step then is to ask for it */
		if (w == PLAN_WAIT_SIGNOFF || w == PLAN_WAIT_ASSESSMENT || w == PLAN_WAIT_FAILED) {
			if (ask == NULL)
				ask = m, ask_j = j;
			continue;
		}
		/* the team's trainers looked up once */
		if (trainers.len == 0)
			kefu_graders(k, "trainer", &trainers);
		plan_wait_words(&words, m, &facts[j], sb_str(&trainers), st->current);
		sb_adds(waiting, _("Waiting: "));
		text_inert(waiting, sb_str(&words), false);
		sb_addc(waiting, '\n');
		sb_free(&words);
	}
	sb_free(&trainers);
	if (now)
		return;
	if (ask) {
		struct sb who = SB_INIT;

		kefu_graders(k, ask->kind == MOD_SIGNOFF && ask->id && ask->id[0] == 'm' ?
			     "manager" : "trainer", &who);
		plan_wait_words(next, ask, &facts[ask_j], sb_str(&who), st->current);
		sb_free(&who);
		sb_adds(next, _("; meanwhile "));
	} else
		/* everything left waits on someone: what to do meanwhile */
		sb_addf(next, _("nothing more in stage %zu until then; meanwhile "), st->current + 1);
	if ((ahead = read_ahead(cu, st)) != NULL)
		sb_addf(next, _("read ahead: kefu study %s (it counts when its stage opens), or "),
			ahead->id);
	sb_adds(next, _("go over your notebook: kefu review"));
}

int
cmd_plan(struct kefu *k, int argc, char **argv)
{
	const struct curriculum *cu;
	struct module_fact **facts;
	enum stage_state *states;
	struct standing stand;
	struct opened_notes notes;
	struct sb sb = SB_INIT;
	bool all = false;
	const char *only = NULL;
	char *pos[1];
	size_t shown = 0;
	size_t cur, i;
	int npos, status;
	const struct cmd_opt opts[] = { { "--all", NULL, &all }, { NULL, NULL, NULL } };

	if ((status = cmd_parse(&cmd_plan_entry, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (npos == 1)
		only = pos[0];
	if (all && only)
		return cmd_usage(&cmd_plan_entry);
	if ((cu = kefu_curriculum(k)) == NULL)
		return 1;
	if (only && (shown = kefu_stage(cu, only, _(" in your curriculum"))) == cu->nstages)
		return 1;
	kefu_standing(k, cu, &k->me, &k->enr, &stand);
	facts = stand.facts;
	states = stand.states;
	cur = stand.current;

	text_inert(&sb, cu->title, false);
	sb_adds(&sb, " — ");
	text_inert(&sb, k->me.name && *k->me.name ? k->me.name : k->me.login, false);
	sb_adds(&sb, _(", enrolled "));
	text_inert(&sb, k->enr.started, false);
	sb_adds(&sb, "\n\n");
	fputs(sb_str(&sb), stdout);
	sb_reset(&sb);
	print_stages(k, cu, states, stand.due);

	notes.cu = cu;
	notes.note = xcalloc(cu->nstages, sizeof(*notes.note));
	if (store_exemptions(kefu_store(k), k->enr.id, opened_row, &notes) != 0)
		exit(1);
	/* the current stage, and a stage opened early that is not done */
	for (i = 0; i < cu->nstages; i++)
		if (only ? i == shown : (i == cur || all ||
					 (stand.opened[i] && states[i] != STAGE_COMPLETE)))
			print_modules(k, cu, i, states[i], facts[i], notes.note[i]);
	for (i = 0; i < cu->nstages; i++)
		free(notes.note[i]);
	free(notes.note);

	if (cur == cu->nstages)
		printf(_("\nEvery stage is complete. Well done.\n"));
	else {
		struct sb next = SB_INIT, waiting = SB_INIT;

		kefu_next_step(k, cu, &stand, &next, &waiting);
		text_inert(&sb, sb_str(&next), false);
		printf(_("\nNext: %s\n"), sb_str(&sb));
		fputs(sb_str(&waiting), stdout);
		sb_free(&next);
		sb_free(&waiting);
	}
	sb_free(&sb);
	kefu_standing_free(&stand);
	return 0;
}

static const char *const plan_words[] = { "--all", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_plan_entry = {
	.name = "plan",
	.usage = "[--all | STAGE]",
	.summary = N_("show your stages, what is done and the next step"),
	.help = N_("Shows the stages of your curriculum in order with their status\n"
		"(locked, open, in progress, complete), planned days and due date,\n"
		"then every module of the current stage with what it still needs\n"
		"(an assessment's parts, its exam with attempts left and time\n"
		"limit), and the one next step you can take now. What waits on\n"
		"someone is said with their name: an attempt whose essays a trainer\n"
		"grades, attempts used up, a sign-off; when all that is left waits,\n"
		"the next step is whom to ask and what to do meanwhile.\n"
		"\n"
		"  --all   list the modules of every stage, not just the current one\n"
		"  STAGE   list the modules of that stage (see 'kefu list stages')\n"),
	.arg = ARG_STAGE,
	.words = plan_words,
	.fn = cmd_plan,
};
