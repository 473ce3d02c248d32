/* cmd-progress.c: `kefu progress`, the person's quizzes and drills:
 * best and latest results and the trend of the latest drill runs. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "text.h"
#include "typing.h"

#define TREND 10

struct runs {
	struct drill_row v[TREND];
	size_t n;
};

static void
collect(const struct drill_row *d, void *arg)
{
	struct runs *r = arg;

	if (r->n < TREND)
		r->v[r->n++] = *d;
}

/* Oldest to newest, as ▁▂▃▄▅▆▇█ scaled between the lowest and highest. */
static void
sparkline(struct sb *sb, const struct runs *r, bool blocks)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	for (i = 0; i < r->n; i++) {
		lo = fmin(lo, r->v[i].net_speed);
		hi = fmax(hi, r->v[i].net_speed);
	}
	for (i = r->n; i-- > 0;) {
		double x = r->v[i].net_speed;
		int level = hi > lo ? (int)lrint((x - lo) / (hi - lo) * 7) : 3;

		if (blocks)
			sb_adds(sb, bars[level]);
		else
			sb_addf(sb, "%s%.0f", i + 1 < r->n ? " " : "", x);
	}
}

/* A trainer's gradings of the person's essays, with comments. */
static void
grading_row(const struct grading_entry *g, void *arg)
{
	struct sb *sb = arg;
	char when[17];

	sb_adds(sb, "  ");
	text_inert(sb, g->quiz, false);
	sb_addc(sb, ' ');
	text_inert(sb, g->question, false);
	sb_addf(sb, _(": %s points, by "), NUM(g->points));
	text_inert(sb, g->grader, false);
	sb_addf(sb, ", %s\n", date_format_time(g->graded, when));
	if (g->comment) {
		sb_adds(sb, "    “");
		text_inert(sb, g->comment, false);
		sb_adds(sb, "”\n");
	}
}

/* An assessment's decision being told: where, and of which module. */
struct decision_words {
	struct sb *sb;
	const struct module *m;
};

static void
part_row(const struct assessment_part *pt, void *arg)
{
	struct decision_words *dw = arg;
	size_t i;

	for (i = 0; i < dw->m->nparts; i++)
		if (strcmp(dw->m->parts[i].id, pt->part) == 0)
			break;
	sb_adds(dw->sb, "    ");
	text_inert(dw->sb, i < dw->m->nparts && dw->m->parts[i].title ?
		   dw->m->parts[i].title : pt->part, false);
	if (pt->has_value)
		sb_addf(dw->sb, " %s", NUM(pt->value));
	sb_addf(dw->sb, " — %s", pt->passed ? _("pass") : _("fail"));
	/* a note is the trainee's to read only when the trainer said so */
	if (pt->note && pt->note_shown) {
		sb_adds(dw->sb, ": ");
		text_inert(dw->sb, pt->note, false);
	}
	sb_addc(dw->sb, '\n');
}

static void
decision_say(const struct decision_words *dw, const struct decision *d)
{
	char when[17];

	sb_adds(dw->sb, "  ");
	text_inert(dw->sb, dw->m->title ? dw->m->title : dw->m->id, false);
	sb_addf(dw->sb, ": %s", strcmp(d->outcome, "pass") == 0 ? _("passed") :
		strcmp(d->outcome, "extend") == 0 ? _("extended") : _("not passed"));
	if (d->new_due) {
		sb_adds(dw->sb, _(", now due "));
		text_inert(dw->sb, d->new_due, false);
	}
	sb_adds(dw->sb, _(" (by "));
	text_inert(dw->sb, d->by, false);
	/* TRANSLATORS: ends " (by NAME" with the time the decision was made */
	sb_addf(dw->sb, _(", %s)\n"), date_format_time(d->decided, when));
	if (d->reason && d->reason_shown) {
		sb_adds(dw->sb, "    “");
		text_inert(dw->sb, d->reason, false);
		sb_adds(dw->sb, "”\n");
	}
}

/* Takes back a section's heading, added at before, when nothing
 * followed it. */
static void
drop_empty(struct sb *sb, size_t before, const char *heading)
{
	if (sb->len == before + strlen(heading))
		sb->len = before, sb->buf[before] = '\0';
}

/* A trainer gave attempts back or set one aside. */
static void
change_row(const struct attempt_change *c, void *arg)
{
	struct sb *sb = arg;
	char when[17];

	sb_adds(sb, "  ");
	text_inert(sb, c->quiz, false);
	if (strcmp(c->kind, "grant") == 0)
		sb_addf(sb, P_(": %d attempt given back, by ", ": %d attempts given back, by ",
			       c->count), c->count);
	else
		sb_addf(sb, _(": attempt %" PRId64 " set aside (it does not count), by "),
			c->attempt_id);
	text_inert(sb, c->by, false);
	sb_addf(sb, ", %s\n", date_format_time(c->at, when));
	sb_adds(sb, "    “");
	text_inert(sb, c->reason, false);
	sb_adds(sb, "”\n");
}

/* A person's runs of one scenario: the latest finished, and the
 * reviews trainers gave. */
struct chat_seen {
	struct chat_run latest;
	struct sb *reviews;
};

static void
chat_row(const struct chat_run *r, void *arg)
{
	struct chat_seen *s = arg;
	char when[17];

	if (strcmp(r->state, "final") != 0 && strcmp(r->state, "pending") != 0)
		return;
	chat_run_clear(&s->latest);
	s->latest = *r;
	s->latest.scenario = xstrdup(r->scenario);
	s->latest.state = xstrdup(r->state);
	s->latest.why = r->why ? xstrdup(r->why) : NULL;
	s->latest.comment = s->latest.grader = s->latest.login = s->latest.name = NULL;
	if (s->reviews == NULL || r->grader == NULL)
		return;
	sb_adds(s->reviews, "  ");
	text_inert(s->reviews, r->scenario, false);
	sb_addf(s->reviews, _(": %s%% (automatic %s%%), by "), NUM(r->percent),
		NUM(r->auto_percent));
	text_inert(s->reviews, r->grader, false);
	sb_addf(s->reviews, ", %s\n", date_format_time(r->graded, when));
	if (r->comment) {
		sb_adds(s->reviews, "    “");
		text_inert(s->reviews, r->comment, false);
		sb_adds(s->reviews, "”\n");
	}
}

/* What trainers recorded: essay gradings, attempts given back or set
 * aside, and assessment outcomes. */
static int
trainers_say(struct kefu *k, struct sb *sb)
{
	const struct curriculum *cu = k->enr.id ?
	    content_curriculum(k->content, k->enr.curriculum) : NULL;
	size_t before = sb->len, i, j;

	sb_adds(sb, _("\nGraded essays\n"));
	if (store_gradings(k->store, k->me.id, grading_row, sb) != 0)
		return -1;
	drop_empty(sb, before, _("\nGraded essays\n"));
	before = sb->len;
	sb_adds(sb, _("\nReviewed chats\n"));
	for (i = 0; i < k->content->nscenarios; i++) {
		struct chat_seen s;

		memset(&s, 0, sizeof(s));
		s.reviews = sb;
		if (!k->content->scenarios[i]->rubric)
			continue;
		if (store_chat_runs(k->store, k->me.id, k->content->scenarios[i]->id, NULL, 0,
				    chat_row, &s) != 0)
			return -1;
		chat_run_clear(&s.latest);
	}
	drop_empty(sb, before, _("\nReviewed chats\n"));
	before = sb->len;
	sb_adds(sb, _("\nAttempts given back or set aside\n"));
	if (store_attempt_changes(k->store, k->me.id, change_row, sb) != 0)
		return -1;
	drop_empty(sb, before, _("\nAttempts given back or set aside\n"));
	before = sb->len;
	sb_adds(sb, _("\nAssessments\n"));
	for (i = 0; cu && i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			struct decision_words dw = { sb, &cu->stages[i].modules[j] };
			struct decision d;
			int rc;

			if (dw.m->kind != MOD_ASSESSMENT)
				continue;
			rc = store_assessment_latest(k->store, k->enr.id, dw.m->id, &d);
			if (rc == 1) {
				decision_say(&dw, &d);
				if (store_assessment_parts(k->store, d.id, part_row, &dw) != 0)
					rc = -1;
			}
			decision_clear(&d);
			if (rc < 0)
				return -1;
		}
	drop_empty(sb, before, _("\nAssessments\n"));
	return 0;
}

int
cmd_progress(struct kefu *k, int argc, char **argv)
{
	bool starred = false;
	const struct content *c;
	struct sb sb = SB_INIT;
	size_t i;
	int w = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage(cmd_find("progress"));
	c = kefu_content(k);
	kefu_me(k);
	for (i = 0; i < c->ndrills; i++)
		if (text_width(c->drills[i]->id) > w)
			w = text_width(c->drills[i]->id);
	for (i = 0; i < c->nquizzes; i++)
		if (text_width(c->quizzes[i]->id) > w)
			w = text_width(c->quizzes[i]->id);
	for (i = 0; i < c->nscenarios; i++)
		if (text_width(c->scenarios[i]->id) > w)
			w = text_width(c->scenarios[i]->id);

	sb_adds(&sb, _("Drills"));
	sb_addc(&sb, '\n');
	for (i = 0; i < c->ndrills; i++) {
		const struct drill *dr = c->drills[i];
		const char *unit = content_unit_name(dr->unit);
		struct drill_facts f;
		struct runs runs = { .n = 0 };

		if (store_drill_facts(k->store, k->me.id, dr->id, &f) != 0 ||
		    store_drill_results(k->store, k->me.id, dr->id, TREND, collect, &runs) != 0) {
			sb_free(&sb);
			return 1;
		}
		sb_adds(&sb, "  ");
		text_pad(&sb, dr->id, w, false);
		if (f.results == 0) {
			sb_adds(&sb, _("  not typed yet\n"));
			continue;
		}
		/* the best of the runs that count: a pasted 9 000 字/分 is none */
		if (f.counted > 0)
			sb_addf(&sb, _("  best %5s %s %5s%%"), NUM(f.best_speed), unit, NUM(f.best_accuracy));
		else
			sb_addf(&sb, _("  best     - %s      -"), unit);
		sb_addf(&sb, _("  latest %5s %s %5s%%%s  "), NUM(runs.v[0].net_speed), unit,
			NUM(runs.v[0].accuracy), runs.v[0].counted ? "" : "*");
		starred = starred || !runs.v[0].counted;
		sparkline(&sb, &runs, k->utf8_term);
		sb_addf(&sb, P_("  (%d run)\n", "  (%d runs)\n", f.results), f.results);
		if (!runs.v[0].counted) {
			/* why the latest run does not count, as the end screen said */
			enum typing_why why = typing_why_parse(runs.v[0].why[0] ? runs.v[0].why : NULL);

			sb_adds(&sb, "  ");
			text_pad(&sb, "", w, false);
			sb_addf(&sb, _("  * latest: %s\n"),
				_(typing_why_text(why == TYPING_COUNTED ? TYPING_WHY_COUNT : why)));
		}
	}
	sb_adds(&sb, _("\nQuizzes\n"));
	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *q = c->quizzes[i];
		struct quiz_facts f;

		if (store_quiz_facts(k->store, k->me.id, q->id, &f) != 0) {
			sb_free(&sb);
			return 1;
		}
		sb_adds(&sb, "  ");
		text_pad(&sb, q->id, w, false);
		if (f.attempts == 0 && !f.open)
			sb_adds(&sb, f.open ? _("  an attempt is open\n") : _("  not taken yet\n"));
		else {
			if (f.best >= 0)
				sb_addf(&sb, _("  best %6s%%"), NUM(f.best));
			else
				sb_adds(&sb, _("  best       -"));
			sb_addf(&sb, P_("  %d attempt", "  %d attempts", f.attempts), f.attempts);
			if (q->attempts)
				sb_addf(&sb, _(" of %d"), (int)q->attempts + f.granted);
			if (f.pending)
				sb_adds(&sb, _("; essays wait for grading"));
			if (f.open)
				sb_adds(&sb, _("; one is open"));
			sb_addc(&sb, '\n');
		}
	}
	if (c->nscenarios)
		sb_adds(&sb, _("\nChats\n"));
	for (i = 0; i < c->nscenarios; i++) {
		const struct scenario *sc = c->scenarios[i];
		struct quiz_facts f;
		struct chat_seen s;

		memset(&s, 0, sizeof(s));
		if (store_chat_facts(k->store, k->me.id, sc->id, &f) != 0 ||
		    store_chat_runs(k->store, k->me.id, sc->id, NULL, 0, chat_row, &s) != 0) {
			chat_run_clear(&s.latest);
			sb_free(&sb);
			return 1;
		}
		sb_adds(&sb, "  ");
		text_pad(&sb, sc->id, w, false);
		if (f.attempts == 0)
			sb_adds(&sb, f.open ? _("  a run is open\n") : _("  not tried yet\n"));
		else {
			if (f.best >= 0)
				sb_addf(&sb, _("  best %6s%%"), NUM(f.best));
			else
				sb_adds(&sb, _("  best       -"));
			sb_addf(&sb, _("  latest %6s%%%s"), NUM(s.latest.percent),
				s.latest.counted ? "" : "*");
			starred = starred || !s.latest.counted;
			sb_addf(&sb, P_("  %d run", "  %d runs", f.attempts), f.attempts);
			if (sc->attempts)
				sb_addf(&sb, _(" of %u"), sc->attempts);
			if (f.pending)
				sb_adds(&sb, _("; waits for a trainer's review"));
			if (f.open)
				sb_adds(&sb, _("; one is open"));
			sb_addc(&sb, '\n');
			if (!s.latest.counted) {
				sb_adds(&sb, "  ");
				text_pad(&sb, "", w, false);
				sb_addf(&sb, _("  * latest: %s\n"), chat_why_text(s.latest.why));
			}
		}
		chat_run_clear(&s.latest);
	}
	if (trainers_say(k, &sb) != 0) {
		sb_free(&sb);
		return 1;
	}
	/* the key to the * only when a * was shown */
	if (starred)
		sb_adds(&sb, _("\n* practice: counts for no gate (only a full run typed at a terminal does).\n"));
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	return 0;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_progress_entry = {
	.name = "progress",
	.usage = "",
	.summary = N_("your quiz scores, typing results and chats, with trends"),
	.help = N_("Lists every drill with your best and latest result and the trend of\n"
		"your last runs (▁▂▃▅▇), every quiz with your best score and\n"
		"attempts, and every chat scenario with your best run that counts\n"
		"and your latest (a * when it was practice, and why). Then what\n"
		"trainers recorded: essays graded, chats reviewed, attempts given\n"
		"back or set aside, assessments.\n"),
	.arg = ARG_NONE,
	.words = NULL,
	.fn = cmd_progress,
};
