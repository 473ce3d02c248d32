/* attention.c: `kefu report attention`, and what a trainer's inbox says:
 * everyone who needs a trainer's action, most urgent first, each with
 * the reason and the command that acts on it.
 *
 * Urgency is a kind first, then how long it has waited: essays to
 * grade and chat transcripts to review (a trainee waits on them),
 * assessments due, stages waiting for
 * a sign-off, quizzes with no attempts left, failed assessments to act
 * on, stages past their due date, trainees idle for ATTENTION_IDLE_DAYS. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "report/report.h"
#include "table.h"
#include "text.h"

static size_t
attention_new(struct attention *a, enum attention_kind kind)
{
	struct attention_item *it;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	it = &a->v[a->n];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->since = it->due = -1;
	return a->n++;
}

/* One essay answer waiting, as the queue has them (oldest first). */
static void
essay_row(const struct pending_essay *r, void *arg)
{
	struct attention *a = arg;
	void *at = strmap_get(&a->essays, r->login);
	size_t i;

	if (at) {
		a->v[(uintptr_t)at - 1].count++;
		return;
	}
	i = attention_new(a, ATTENTION_ESSAYS);
	a->v[i].person_id = r->person_id;
	a->v[i].login = arena_strdup(a->arena, r->login);
	strmap_put(&a->essays, a->v[i].login, (void *)(uintptr_t)(i + 1));
	a->v[i].name = r->name ? arena_strdup(a->arena, r->name) : NULL;
	a->v[i].since = date_of((time_t)r->answered);
	a->v[i].attempt = r->attempt_id;
	a->v[i].count = 1;
}

/* A chat run waiting for a trainer's review: one item a run. */
static void
chat_item(const struct chat_run *r, void *arg)
{
	struct attention *a = arg;
	size_t i = attention_new(a, ATTENTION_CHATS);

	a->v[i].person_id = r->person_id;
	a->v[i].login = arena_strdup(a->arena, r->login);
	a->v[i].name = r->name ? arena_strdup(a->arena, r->name) : NULL;
	a->v[i].what = arena_strdup(a->arena, r->scenario);
	a->v[i].since = date_of((time_t)r->finished);
	a->v[i].attempt = r->id;
}

static size_t
row_item(struct attention *a, enum attention_kind kind, const struct row *x)
{
	size_t i = attention_new(a, kind);

	a->v[i].person_id = x->p.id;
	a->v[i].login = x->p.login;
	a->v[i].name = x->p.name;
	return i;
}

/* What the current stage of row r waits for: an assessment or a
 * sign-off once everything else in it is done; a quiz with no attempts
 * left. */
static void
stage_items(struct attention *a, const struct rows *rs, size_t r)
{
	const struct curriculum *cu = rs->cu;
	const struct row *x = &rs->v[r];
	size_t cur = x->s.current, at = 0, j, i, left = 0;
	const struct stage *s;

	if (cur >= cu->nstages)
		return;
	for (i = 0; i < cur; i++)
		at += cu->stages[i].nmodules;
	s = &cu->stages[cur];
	for (j = 0; j < s->nmodules; j++)
		left += facts_module(rs, r, at + j) != MODULE_DONE;
	for (j = 0; j < s->nmodules; j++) {
		const struct module *m = &s->modules[j];
		size_t it;

		if (facts_module(rs, r, at + j) == MODULE_DONE)
			continue;
		if ((m->kind == MOD_ASSESSMENT || m->kind == MOD_SIGNOFF) && left == 1) {
			it = row_item(a, m->kind == MOD_ASSESSMENT ? ATTENTION_ASSESS :
				      ATTENTION_SIGNOFF, x);
			a->v[it].what = m->kind == MOD_ASSESSMENT ? m->id : s->id;
			a->v[it].due = x->s.due[cur];
			/* it waits from the due day on; before that, undated */
			a->v[it].since = a->v[it].due <= rs->k->today ? a->v[it].due : -1;
		} else if (m->kind == MOD_ASSESSMENT && x->s.due[cur] >= 0 &&
			   x->s.due[cur] < rs->k->today && x->failed == NULL) {
			/* due, with other work still open: decide or extend */
			it = row_item(a, ATTENTION_ASSESS, x);
			a->v[it].what = m->id;
			a->v[it].since = a->v[it].due = x->s.due[cur];
		} else if (m->kind == MOD_QUIZ && m->quiz && m->quiz->attempts) {
			long q = facts_quiz_index(rs, m->id);
			const struct quiz_facts *f;

			if (q < 0)
				continue;
			f = &rs->quiz[r * rs->nquiz + (size_t)q];
			if (!f->pending && !f->open &&
			    f->attempts >= (int)m->quiz->attempts + f->granted) {
				it = row_item(a, ATTENTION_ATTEMPTS, x);
				a->v[it].what = m->id;
				a->v[it].best = f->best;
				a->v[it].pass = plan_pass_mark(m);
			}
		}
	}
}

static int
by_urgency(const void *p, const void *q)
{
	const struct attention_item *x = p, *y = q;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	/* the longest waiting first; nothing to date it by last */
	if (x->since != y->since)
		return x->since < 0 ? 1 : y->since < 0 ? -1 : x->since < y->since ? -1 : 1;
	return strcmp(x->login, y->login);
}

int
attention_gather(struct kefu *k, const struct curriculum *cu, struct rows *rs,
		 struct attention *a)
{
	memset(a, 0, sizeof(*a));
	if (facts_gather(k, cu, FACTS_SCORES | FACTS_ACTIVE, rs) != 0)
		return -1;
	return attention_from(k, rs, a);
}

int
attention_from(struct kefu *k, const struct rows *rs, struct attention *a)
{
	const struct curriculum *cu = rs->cu;
	size_t r;

	memset(a, 0, sizeof(*a));
	a->arena = arena_new();
	if (store_essays_pending(kefu_store(k), essay_row, a) != 0 ||
	    store_chat_runs(kefu_store(k), 0, NULL, "pending", 0, chat_item, a) != 0)
		return -1;
	for (r = 0; r < rs->n; r++) {
		const struct row *x = &rs->v[r];
		long late = facts_days_late(k, x), idle, hired = -1, active;
		size_t it;

		if (!x->failed)
			stage_items(a, rs, r);
		else {
			it = row_item(a, ATTENTION_FAILED, x);
			a->v[it].what = x->failed;
			a->v[it].since = date_of((time_t)x->failed_at);
			continue;	/* nothing else is theirs to do */
		}
		if (late > 0) {
			it = row_item(a, ATTENTION_OVERDUE, x);
			a->v[it].what = cu->stages[x->s.current].id;
			a->v[it].since = x->s.due[x->s.current];
		}
		if (x->s.current >= cu->nstages)
			continue;
		/* idle: nothing done for a week since they last did something,
		 * or since hired when that is later (never active, back after
		 * leaving, a hire date corrected forward) */
		active = rs->active[r] > 0 ? date_of((time_t)rs->active[r]) : -1;
		if (x->p.hired && !date_parse(x->p.hired, &hired))
			hired = -1;
		if (active < 0 && hired < 0)
			continue;
		idle = k->today - (active > hired ? active : hired);
		if (idle >= ATTENTION_IDLE_DAYS) {
			it = row_item(a, ATTENTION_IDLE, x);
			a->v[it].since = k->today - idle;
			a->v[it].count = active > hired;
		}
	}
	if (a->n)
		qsort(a->v, a->n, sizeof(*a->v), by_urgency);
	return 0;
}

void
attention_free(struct attention *a)
{
	free(a->v);
	arena_free(a->arena);
	strmap_free(&a->essays);
	memset(a, 0, sizeof(*a));
}

static const char *const kind_words[] = {
	[ATTENTION_ESSAYS] = N_("essays"),
	[ATTENTION_CHATS] = N_("chat"),
	[ATTENTION_ASSESS] = N_("assessment"),
	[ATTENTION_SIGNOFF] = N_("sign-off"),
	[ATTENTION_ATTEMPTS] = N_("no-attempts"),
	[ATTENTION_FAILED] = N_("failed"),
	[ATTENTION_OVERDUE] = N_("overdue"),
	[ATTENTION_IDLE] = N_("idle"),
};

const char *
attention_kind_word(enum attention_kind kind)
{
	return kind_words[kind];
}

void
attention_reason(struct sb *sb, const struct kefu *k, const struct attention_item *it)
{
	char day[11];
	long days = it->since >= 0 ? k->today - it->since : 0;

	switch (it->kind) {
	case ATTENTION_ESSAYS:
		sb_addf(sb, P_("%d essay answer waits for grading", "%d essay answers wait for grading",
			       it->count), it->count);
		sb_addf(sb, P_(" (the oldest %ld day)", " (the oldest %ld days)", days), days);
		break;
	case ATTENTION_CHATS:
		sb_addf(sb, _("chat %s waits for review"), it->what);
		sb_addf(sb, P_(" (%ld day)", " (%ld days)", days), days);
		break;
	case ATTENTION_ASSESS:
		if (it->due >= 0)
			sb_addf(sb, _("%s is due (stage due %s)"), it->what,
				date_format(it->due, day));
		else
			sb_addf(sb, _("%s is due"), it->what);
		break;
	case ATTENTION_SIGNOFF:
		sb_addf(sb, _("stage %s waits for a sign-off"), it->what);
		break;
	case ATTENTION_ATTEMPTS:
		if (it->best >= 0)
			sb_addf(sb, _("no attempts left at %s (best %s%%, pass %s%%)"),
				it->what, NUM(it->best), NUM(it->pass));
		else
			sb_addf(sb, _("no attempts left at %s (pass %s%%)"), it->what, NUM(it->pass));
		break;
	case ATTENTION_FAILED:
		sb_addf(sb, _("failed %s on %s"), it->what, date_format(it->since, day));
		break;
	case ATTENTION_OVERDUE:
		sb_addf(sb, P_("stage %s was due %s, %ld day late", "stage %s was due %s, %ld days late",
			       days), it->what, date_format(it->since, day), days);
		break;
	case ATTENTION_IDLE:
		if (it->count)
			sb_addf(sb, P_("nothing done for %ld day", "nothing done for %ld days", days),
				days);
		else
			sb_addf(sb, P_("nothing done since hired %ld day ago",
				       "nothing done since hired %ld days ago", days), days);
		break;
	}
}

void
attention_action(struct sb *sb, const struct attention_item *it)
{
	switch (it->kind) {
	case ATTENTION_ESSAYS:
		sb_addf(sb, "kefu grade %lld", (long long)it->attempt);
		break;
	case ATTENTION_CHATS:
		sb_addf(sb, "kefu grade chat:%lld", (long long)it->attempt);
		break;
	case ATTENTION_ASSESS:
		sb_addf(sb, "kefu assess %s %s", it->login, it->what);
		break;
	case ATTENTION_SIGNOFF:
		sb_addf(sb, "kefu signoff %s %s", it->login, it->what);
		break;
	case ATTENTION_ATTEMPTS:
		sb_addf(sb, "kefu attempts grant %s %s --reason ...", it->login, it->what);
		break;
	case ATTENTION_FAILED:
		sb_addf(sb, "kefu people leave %s", it->login);
		break;
	case ATTENTION_OVERDUE:
	case ATTENTION_IDLE:
		sb_addf(sb, "kefu report trainee %s", it->login);
		break;
	}
}

static const struct column attention_cols[] = {
	{ "kind", N_("What") }, { "login", N_("Login") }, { "name", N_("Name") },
	{ "since", N_("Since") }, { "days", N_("Days") }, { "reason", N_("Why") },
	{ "action", N_("Do") },
};

/* The attention list as a table. */
static void
attention_table(struct kefu *k, const struct attention *a, struct table *t)
{
	struct sb sb = SB_INIT;
	size_t i;

	table_init(t, "attention", attention_cols, ARRAY_SIZE(attention_cols));
	for (i = 0; i < a->n; i++) {
		const struct attention_item *it = &a->v[i];

		table_word(t, attention_kind_word(it->kind));
		table_text(t, it->login);
		table_text(t, it->name);
		cell_day(t, it->since);
		if (it->since >= 0)
			table_num(t, (double)(k->today - it->since), 0);
		else
			table_null(t);
		sb_reset(&sb);
		attention_reason(&sb, k, it);
		table_text(t, sb_str(&sb));
		sb_reset(&sb);
		attention_action(&sb, it);
		table_text(t, sb_str(&sb));
	}
	sb_free(&sb);
}

void
attention_html(struct sb *h, struct kefu *k, const struct attention *a)
{
	struct table t;

	sb_addf(h, "<h2 id=\"attention-list\">%s</h2>\n", _("Needs a trainer"));
	attention_table(k, a, &t);
	if (a->n)
		table_html(h, &t, "attention");
	else
		sb_addf(h, "<p>%s</p>\n", _("Nobody needs a trainer's action."));
	table_free(&t);
}

int
report_attention(struct kefu *k, const struct curriculum *cu, const struct report_opts *o)
{
	struct attention a;
	struct rows rs = { 0 };
	struct table t;
	int rc = 1;

	if (attention_gather(k, cu, &rs, &a) != 0)
		goto out;
	attention_table(k, &a, &t);
	cell_cover(&t, o, cu->id, NULL, NULL);
	if (o->html)
		rc = report_html_table(k, o->html, _("Needs a trainer"), &t, rs.n);
	else {
		if (o->format == TABLE_TEXT && a.n == 0)
			printf(_("Nobody needs a trainer's action.\n"));
		else
			table_print(stdout, &t, o->format, o->bom);
		rc = 0;
	}
	table_free(&t);
out:
	attention_free(&a);
	if (rs.a)
		facts_free(&rs);
	return rc;
}
