/* cmd-grade-chat.c: the chat transcripts `kefu grade` puts to a trainer:
 * runs of a scenario with a rubric, each shown turn by turn with the
 * automatic marks, then the trainer's percent (which counts from then
 * on; the automatic one is kept) and a comment for the trainee. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "table.h"
#include "text.h"

struct runs {
	struct chat_run *v;
	size_t n;
};

static void
keep_run(const struct chat_run *r, void *arg)
{
	struct runs *rs = arg;
	struct chat_run *c;

	rs->v = xreallocarray(rs->v, rs->n + 1, sizeof(*rs->v));
	c = &rs->v[rs->n++];
	*c = *r;
	c->scenario = xstrdup(r->scenario);
	c->state = xstrdup(r->state);
	c->why = r->why ? xstrdup(r->why) : NULL;
	c->comment = r->comment ? xstrdup(r->comment) : NULL;
	c->grader = r->grader ? xstrdup(r->grader) : NULL;
	c->login = r->login ? xstrdup(r->login) : NULL;
	c->name = r->name ? xstrdup(r->name) : NULL;
}

static void
runs_free(struct runs *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		chat_run_clear(&rs->v[i]);
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

/* Appends text inert, each line after the first indented. */
static void
indented(struct sb *sb, const char *text, const char *indent)
{
	struct sb inert = SB_INIT;
	const char *p;

	text_inert(&inert, text, true);
	for (p = sb_str(&inert); *p; p++) {
		sb_addc(sb, *p);
		if (*p == '\n')
			sb_adds(sb, indent);
	}
	sb_free(&inert);
}

static void
turn_words(const struct chat_turn_rec *t, void *arg)
{
	struct sb *sb = arg;

	sb_addf(sb, _("\n[%d] buyer: "), t->seq + 1);
	indented(sb, t->message, "           ");
	sb_adds(sb, _("\n    reply: "));
	indented(sb, t->reply, "           ");
	sb_addf(sb, _("\n    automatic %s%%"), NUM(t->score * 100));
	if (t->seconds >= 0)
		sb_addf(sb, _(", %s s of %s"), NUM(t->seconds), NUM(t->within));
	if (t->pasted)
		sb_addf(sb, ", %s", _("pasted"));
	if (t->hits) {
		sb_adds(sb, _(", held: "));
		indented(sb, t->hits, " ");
	}
	sb_addc(sb, '\n');
}

/* Shows run r of sc for review; 0, or -1 when the store failed. */
int
grade_chat_show(struct kefu *k, const struct scenario *sc, const struct chat_run *r)
{
	struct sb sb = SB_INIT;
	char when[17];

	sb_addf(&sb, _("\nChat run %" PRId64 " — "), r->id);
	text_inert(&sb, r->name && *r->name ? r->name : r->login, false);
	sb_addf(&sb, " (%s), ", r->login);
	text_inert(&sb, sc ? sc->title : r->scenario, false);
	sb_addf(&sb, " (%s), %s\n", r->scenario, date_format_time(r->finished, when));
	if (sc && sc->rubric) {
		sb_adds(&sb, _("Rubric:\n  "));
		indented(&sb, sc->rubric, "  ");
		sb_addc(&sb, '\n');
	}
	if (store_chat_turns(k->store, r->id, turn_words, &sb) != 0) {
		sb_free(&sb);
		return -1;
	}
	sb_addf(&sb, _("\nAutomatic score: %s%%"), NUM(r->auto_percent));
	if (r->why)
		sb_addf(&sb, " (%s)", chat_why_text(r->why));
	sb_addc(&sb, '\n');
	if (r->grader) {
		sb_addf(&sb, _("Reviewed before: %s%% by "), NUM(r->percent));
		text_inert(&sb, r->grader, false);
		if (r->comment) {
			sb_adds(&sb, " — ");
			text_inert(&sb, r->comment, true);
		}
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	return 0;
}

/* Reviews one run: the trainer's percent and comment, stored and
 * logged. 0 done, 1 skipped, 2 stop, -1 failed. */
static int
review_one(struct kefu *k, const struct chat_run *r)
{
	const struct scenario *sc = content_scenario(k->content, r->scenario);
	struct store *st = k->store;
	struct person p;
	struct enrollment enr;
	char *comment = NULL, *detail;
	double percent;
	int step, rc;

	if (grade_chat_show(k, sc, r) != 0)
		return -1;
	step = grade_read_points(100, &percent);
	if (step == 1)
		return 1;
	if (step != 0)
		return 2;
	if (term_read(_("Comment for the trainee (Enter for none): "), &comment) != TERM_LINE)
		return 2;
	if (comment[0] == '\0') {
		free(comment);
		comment = NULL;
	}
	/* the event is what the trainee's inbox says, comment and all */
	detail = xasprintf("%s #%" PRId64 ": %s%% → %s%%%s%s%s", r->scenario, r->id,
			   NUM(r->auto_percent), NUM(percent), comment ? " 「" : "",
			   comment ? comment : "", comment ? "」" : "");
	rc = store_begin(st) != 0 ? -1 :
	    store_chat_grade(st, r->id, percent, k->me.id, comment, kefu_clock(k));
	if (rc == 0)
		rc = store_event(st, k->me.id, r->grader ? "chat-regrade" : "chat-grade",
				 r->person_id, detail, kefu_clock(k));
	if (rc != 0 || store_commit(st) != 0) {
		store_rollback(st);
		if (rc == 1)
			error(_("chat run %" PRId64 " is no longer open to review"), r->id);
		free(detail);
		free(comment);
		return rc == 1 ? 1 : -1;
	}
	free(detail);
	free(comment);
	printf(_("Saved: %s%% counts for this run.\n"), NUM(percent));
	/* the score may complete the trainee's stage */
	if (store_person_by_id(st, r->person_id, &p) == 1) {
		if (store_enrollment(st, p.id, &enr) == 1)
			kefu_update_stages_of(k, &p, &enr);
		enrollment_clear(&enr);
		person_clear(&p);
	}
	return 0;
}

int
grade_chats(struct kefu *k, int64_t run_id, size_t *done, size_t *own)
{
	struct runs rs = { NULL, 0 };
	size_t i;
	int rc = 0;

	*done = *own = 0;
	if (store_chat_runs(k->store, 0, NULL, run_id ? NULL : "pending", run_id, keep_run,
			    &rs) != 0)
		return -1;
	if (run_id && (rs.n == 0 || (strcmp(rs.v[0].state, "pending") != 0 &&
				     strcmp(rs.v[0].state, "final") != 0))) {
		error(_("no finished chat run %" PRId64 " (the queue and 'kefu grade --list' show them)"),
		      run_id);
		runs_free(&rs);
		return 1;
	}
	for (i = 0; i < rs.n && rc == 0; i++) {
		int s;

		if (rs.v[i].person_id == k->me.id) {
			(*own)++;
			if (run_id)
				error(_("you cannot review your own chat; another trainer must"));
			continue;
		}
		s = review_one(k, &rs.v[i]);
		if (s == 0)
			(*done)++;
		else if (s < 0)
			rc = -1;
		else if (s == 2)
			rc = 2;
	}
	runs_free(&rs);
	return rc < 0 ? -1 : run_id && *own ? 1 : 0;
}

int
grade_chats_list(struct kefu *k, struct table *t)
{
	struct runs rs = { NULL, 0 };
	size_t i;

	if (store_chat_runs(k->store, 0, NULL, "pending", 0, keep_run, &rs) != 0)
		return -1;
	for (i = 0; i < rs.n; i++) {
		char *id = xasprintf("chat:%" PRId64, rs.v[i].id);

		table_text(t, id);
		table_text(t, rs.v[i].login);
		table_text(t, rs.v[i].scenario);
		table_num(t, rs.v[i].auto_percent, 1);
		table_num(t, (double)(k->today - date_of((time_t)rs.v[i].finished)), 0);
		free(id);
	}
	runs_free(&rs);
	return 0;
}
