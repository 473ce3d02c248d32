/* cmd-inbox.c: what changed for me. A trainee hears of answers graded
 * (with the comment), sign-offs, decisions, attempts given back or set
 * aside, and the next due date; a trainer of essays waiting, assessments
 * and sign-offs due, trainees late or idle, attempts used up. At a
 * terminal a short block says it once, when kefu starts (kefu_notice());
 * `kefu inbox` says it again in full. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "report/report.h"
#include "text.h"

/* How far back `kefu inbox` looks for a trainee, in days. */
#define INBOX_DAYS 30

struct news_line {
	long long at;
	size_t seq;
	char *text;
};

struct news {
	struct kefu *k;
	struct sb out, line;
	struct news_line *v;
	size_t nv, cap;
	long long from;		/* only what happened from then on; 0 all */
	int n;
};

/* The line made, kept with its time: gradings and decisions come from
 * two queries and are said in time order. */
static void
news_push(struct news *nw, long long at)
{
	if (nw->nv == nw->cap) {
		nw->cap = nw->cap ? nw->cap * 2 : 16;
		nw->v = xreallocarray(nw->v, nw->cap, sizeof(*nw->v));
	}
	nw->v[nw->nv].at = at;
	nw->v[nw->nv].seq = nw->nv;
	nw->v[nw->nv++].text = xstrdup(sb_str(&nw->line));
	nw->n++;
}

static int
by_time(const void *a, const void *b)
{
	const struct news_line *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The lines, in time order, into out. */
static void
news_flush(struct news *nw)
{
	size_t i;

	if (nw->nv)
		qsort(nw->v, nw->nv, sizeof(*nw->v), by_time);
	for (i = 0; i < nw->nv; i++) {
		sb_adds(&nw->out, nw->v[i].text);
		free(nw->v[i].text);
	}
	free(nw->v);
	nw->v = NULL;
	nw->nv = nw->cap = 0;
	sb_free(&nw->line);
}

/* A line of news of something done at `at` by login (name, when
 * given): its day written, their name in by; false when it is older
 * than the news asks for. */
static bool
news_begin(struct news *nw, long long at, const char *login, const char *name,
	   struct sb *by)
{
	char day[11];

	if (at < nw->from)
		return false;
	sb_reset(&nw->line);
	text_inert(by, name ? name : login, false);
	sb_addf(&nw->line, "  %s  ", date_format(date_of((time_t)at), day));
	return true;
}

/* An answer graded. */
static void
news_grading(const struct inbox_grading *g, void *arg)
{
	struct news *nw = arg;
	const struct quiz *qz;
	const struct question *q = content_question(nw->k->content, g->quiz, g->question,
						    &qz);
	struct sb by = SB_INIT, c = SB_INIT;

	if (!news_begin(nw, g->graded, g->login, g->name, &by))
		return;
	sb_addf(&nw->line, g->regrade ? _("%s regraded %s, question %s: %s of %s points") :
		_("%s graded %s, question %s: %s of %s points"), sb_str(&by),
		g->quiz, g->question, NUM(g->points), NUM(q ? q->points : 0.0));
	if (g->comment && *g->comment) {
		text_inert(&c, g->comment, false);
		sb_addf(&nw->line, _(" — 「%s」"), sb_str(&c));
	}
	sb_addc(&nw->line, '\n');
	news_push(nw, g->graded);
	sb_free(&by);
	sb_free(&c);
}

/* A decision as the log has it ("probation-review extend 2026-12-20"),
 * in words. */
static void
assess_words(struct sb *out, const char *by, const char *detail)
{
	char module[128], outcome[16], due[16] = "";
	int n = sscanf(detail, "%127s %15s %15s", module, outcome, due);

	if (n < 2)
		sb_addf(out, _("%s decided %s"), by, detail);
	else if (strcmp(outcome, "pass") == 0)
		sb_addf(out, _("%s decided %s: passed"), by, module);
	else if (strcmp(outcome, "fail") == 0)
		sb_addf(out, _("%s decided %s: not passed"), by, module);
	else if (n == 3)
		sb_addf(out, _("%s decided %s: extended to %s"), by, module, due);
	else
		sb_addf(out, _("%s decided %s: extended"), by, module);
}

/* Something another person did, from the event log. */
static void
news_event(const struct inbox_event *ev, void *arg)
{
	struct news *nw = arg;
	const char *action = ev->action;
	struct sb by = SB_INIT, d = SB_INIT;

	if (!news_begin(nw, ev->at, ev->login, ev->name, &by))
		return;
	text_inert(&d, ev->detail ? ev->detail : "", false);
	if (strcmp(action, "signoff") == 0)
		sb_addf(&nw->line, _("%s signed stage %s off"), sb_str(&by), sb_str(&d));
	else if (strcmp(action, "assess") == 0)
		assess_words(&nw->line, sb_str(&by), sb_str(&d));
	else if (strcmp(action, "attempt-grant") == 0)
		sb_addf(&nw->line, _("%s gave attempts back: %s"), sb_str(&by), sb_str(&d));
	else if (strcmp(action, "attempt-void") == 0)
		sb_addf(&nw->line, _("%s set an attempt aside: %s"), sb_str(&by), sb_str(&d));
	else if (strcmp(action, "exempt") == 0)
		sb_addf(&nw->line, _("%s exempted you: %s"), sb_str(&by), sb_str(&d));
	else if (strcmp(action, "script-accept") == 0)
		sb_addf(&nw->line, _("%s accepted your script for %s"), sb_str(&by), sb_str(&d));
	else if (strcmp(action, "script-reject") == 0)
		sb_addf(&nw->line, _("%s turned down your script for %s"), sb_str(&by), sb_str(&d));
	else if (strncmp(action, "chat-", 5) == 0)
		sb_addf(&nw->line, _("%s reviewed your chat %s"), sb_str(&by), sb_str(&d));
	else
		sb_addf(&nw->line, _("%s opened a stage early: %s"), sb_str(&by), sb_str(&d));
	sb_addc(&nw->line, '\n');
	news_push(nw, ev->at);
	sb_free(&by);
	sb_free(&d);
}

/* The trainee's next due date, in words; nothing when there is none. */
static void
next_due(struct kefu *k, struct sb *out)
{
	const struct curriculum *cu;
	struct standing s;
	char day[11];

	if (k->enr.id == 0 || (cu = content_curriculum(k->content, k->enr.curriculum)) == NULL)
		return;
	kefu_standing(k, cu, &k->me, &k->enr, &s);
	if (s.current < cu->nstages && s.due[s.current] >= 0) {
		long d = s.due[s.current] - k->today;
		struct sb t = SB_INIT;

		text_inert(&t, cu->stages[s.current].title, false);
		if (d >= 0)
			sb_addf(out, P_("Next due: stage %zu %s, on %s (in %ld day).\n",
					"Next due: stage %zu %s, on %s (in %ld days).\n", d),
				s.current + 1, sb_str(&t), date_format(s.due[s.current], day), d);
		else
			sb_addf(out, P_("Next due: stage %zu %s, on %s (%ld day ago).\n",
					"Next due: stage %zu %s, on %s (%ld days ago).\n", -d),
				s.current + 1, sb_str(&t), date_format(s.due[s.current], day), -d);
		sb_free(&t);
	}
	kefu_standing_free(&s);
}

/* A trainee's news: after the marks seen (notice), or of the last
 * INBOX_DAYS (inbox). */
static int
trainee_news(struct kefu *k, const struct store_seen *seen, bool full, struct news *nw)
{
	struct store *st = kefu_store(k);

	nw->from = full ? k->now - (long long)INBOX_DAYS * 86400 : 0;
	int rc = store_inbox_gradings(st, k->me.id, full ? 0 : seen->grading, news_grading, nw) != 0 ||
	    store_inbox_events(st, k->me.id, full ? 0 : seen->event, news_event, nw) != 0;

	news_flush(nw);
	return rc ? -1 : 0;
}

/* A trainer's: the attention list of each curriculum, counted by kind
 * (notice) or whole (inbox). */
static int
trainer_news(struct kefu *k, bool full, struct news *nw)
{
	const struct content *c = kefu_content(k);
	size_t i, j, counts[ATTENTION_IDLE + 1];
	long oldest = -1;
	struct sb sb = SB_INIT;
	char *proposals = NULL;

	memset(counts, 0, sizeof(counts));
	if (store_begin_read(kefu_store(k)) != 0)
		return -1;
	for (i = 0; i < c->ncurricula; i++) {
		struct attention a;
		struct rows rs = { 0 };

		if (attention_gather(k, c->curricula[i], &rs, &a) != 0) {
			attention_free(&a);
			if (rs.a)
				facts_free(&rs);
			store_rollback(kefu_store(k));
			sb_free(&sb);
			return -1;
		}
		for (j = 0; j < a.n; j++) {
			const struct attention_item *it = &a.v[j];

			if ((it->kind == ATTENTION_ESSAYS || it->kind == ATTENTION_CHATS) && i > 0)
				continue;	/* the queue is everyone's, once */
			counts[it->kind] += it->kind == ATTENTION_ESSAYS ? (size_t)it->count : 1;
			if (it->kind == ATTENTION_ESSAYS && it->since >= 0 &&
			    k->today - it->since > oldest)
				oldest = k->today - it->since;
			if (full) {
				struct sb who = SB_INIT, act = SB_INIT;

				sb_reset(&sb);
				attention_reason(&sb, k, it);
				text_inert(&who, it->name ? it->name : it->login, false);
				attention_action(&act, it);
				/* TRANSLATORS: name, login, why, then the command */
				sb_addf(&nw->out, _("  %s (%s): %s\n      %s\n"), sb_str(&who),
					it->login, sb_str(&sb), sb_str(&act));
				sb_free(&who);
				sb_free(&act);
			}
			nw->n++;
		}
		attention_free(&a);
		facts_free(&rs);
	}
	store_rollback(kefu_store(k));
	/* proposed scripts are the team's, not one trainee's: one line */
	{
		struct store_proposals ps;
		size_t own = 0, n;

		if (store_proposals(kefu_store(k), "open", 0, NULL, 0, &ps) == 0) {
			for (j = 0; j < ps.n; j++)
				own += strcmp(ps.v[j].login, k->me.login) == 0;
			n = ps.n - own;
			store_proposals_free(&ps);
			if (n) {
				sb_reset(&sb);
				sb_addf(&sb, P_("  %zu proposed script waits for review\n",
						"  %zu proposed scripts wait for review\n", n), n);
				if (full)
					sb_adds(&sb, "      kefu scripts review\n");
				proposals = xstrdup(sb_str(&sb));
			}
		}
	}
	if (!full) {
		nw->n = 0;
		for (i = 0; i <= ATTENTION_IDLE; i++) {
			size_t n = counts[i];

			if (n == 0)
				continue;
			sb_adds(&nw->out, "  ");
			switch ((enum attention_kind)i) {
			case ATTENTION_ESSAYS:
				sb_addf(&nw->out, P_("%zu essay answer waits for grading",
						     "%zu essay answers wait for grading", n), n);
				break;
			case ATTENTION_CHATS:
				sb_addf(&nw->out, P_("%zu chat transcript waits for review",
						     "%zu chat transcripts wait for review", n), n);
				break;
			case ATTENTION_ASSESS:
				sb_addf(&nw->out, P_("%zu assessment is due", "%zu assessments are due",
						     n), n);
				break;
			case ATTENTION_SIGNOFF:
				sb_addf(&nw->out, P_("%zu stage waits for a sign-off",
						     "%zu stages wait for a sign-off", n), n);
				break;
			case ATTENTION_ATTEMPTS:
				sb_addf(&nw->out, P_("%zu trainee has no attempts left at a quiz",
						     "%zu trainees have no attempts left at a quiz", n), n);
				break;
			case ATTENTION_FAILED:
				sb_addf(&nw->out, P_("%zu trainee failed an assessment",
						     "%zu trainees failed an assessment", n), n);
				break;
			case ATTENTION_OVERDUE:
				sb_addf(&nw->out, P_("%zu trainee is past a due date",
						     "%zu trainees are past a due date", n), n);
				break;
			case ATTENTION_IDLE:
				sb_addf(&nw->out, P_("%zu trainee did nothing for a week",
						     "%zu trainees did nothing for a week", n), n);
				break;
			}
			if (i == ATTENTION_ESSAYS && oldest >= 0)
				sb_addf(&nw->out, P_(" (the oldest %ld day)", " (the oldest %ld days)",
						     oldest), oldest);
			sb_addc(&nw->out, '\n');
			nw->n++;
		}
	}
	if (proposals) {
		sb_adds(&nw->out, proposals);
		nw->n++;
		free(proposals);
	}
	sb_free(&sb);
	return 0;
}

/* Marks what was shown as seen: the newest event and grading now. */
static void
mark_seen(struct kefu *k)
{
	struct store *st = kefu_store(k);
	struct store_seen now = { 0, 0, 0 };

	if (store_seen_marks(st, &now) == 0) {
		now.at = k->now;
		store_seen_set(st, k->me.id, &now);
	}
}

void
kefu_notice(struct kefu *k)
{
	struct store *st = kefu_store(k);
	struct store_seen seen;
	struct news nw;
	bool show;

	memset(&nw, 0, sizeof(nw));
	nw.k = k;
	if (store_seen_get(st, k->me.id, &seen) != 0)
		return;
	kefu_content(k);
	if (kefu_holds(k, "trainer")) {
		/* once a day, and again when something was handed in */
		long subs = store_new_submissions(st, seen.event);

		show = date_of((time_t)seen.at) < k->today || seen.at == 0 || subs > 0;
		if (!show || trainer_news(k, false, &nw) != 0)
			goto out;
	} else if (trainee_news(k, &seen, false, &nw) != 0)
		goto out;
	if (nw.n == 0)
		goto out;
	if (!kefu_holds(k, "trainer"))
		next_due(k, &nw.out);
	printf("%s\n%s", _("What's new for you ('kefu inbox' says it again):"), sb_str(&nw.out));
	printf("\n");
	fflush(stdout);
	mark_seen(k);
out:
	sb_free(&nw.out);
}

int
cmd_inbox(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("inbox");
	struct store_seen seen;
	struct news nw;
	char *pos[1];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, NULL, pos, 0, &npos)) != 0)
		return rc;
	k->notice = false;	/* said here in full */
	kefu_content(k);
	kefu_me(k);
	memset(&nw, 0, sizeof(nw));
	nw.k = k;
	if (store_seen_get(kefu_store(k), k->me.id, &seen) != 0)
		return 1;
	rc = kefu_holds(k, "trainer") ? trainer_news(k, true, &nw) : trainee_news(k, &seen, true, &nw);
	if (rc != 0) {
		sb_free(&nw.out);
		return 1;
	}
	if (kefu_holds(k, "trainer"))
		printf(nw.n ? _("Needs a trainer, most urgent first:\n%s") :
		       _("Nobody needs a trainer's action.\n%s"), sb_str(&nw.out));
	else {
		printf(nw.n ? P_("In the last %d day:\n%s", "In the last %d days:\n%s", INBOX_DAYS) :
		       P_("Nothing new in the last %d day.\n%s", "Nothing new in the last %d days.\n%s",
			  INBOX_DAYS), INBOX_DAYS, sb_str(&nw.out));
		sb_reset(&nw.out);
		next_due(k, &nw.out);
		fputs(sb_str(&nw.out), stdout);
	}
	mark_seen(k);
	sb_free(&nw.out);
	return 0;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_inbox_entry = {
	.name = "inbox",
	.usage = "",
	.summary = N_("what changed for you: grades, sign-offs, decisions; for trainers, who needs you"),
	.help = N_("A trainee sees what trainers did about them in the last 30 days:\n"
		"answers graded or regraded and chats reviewed (with the comment),\n"
		"sign-offs, assessment decisions, attempts given back or set aside,\n"
		"exemptions, scripts accepted or turned down; then the next due date.\n"
		"A trainer or manager sees everyone who needs a trainer's action\n"
		"(essays and chat transcripts waiting among them), most urgent first,\n"
		"with the command that acts on it (as 'kefu report attention').\n"
		"\n"
		"At a terminal, kefu says what is new in a short block when it\n"
		"starts (a trainee: what happened since they last looked; a trainer:\n"
		"the counts, once a day and again when an attempt is handed in),\n"
		"then stays quiet. KEFU_NO_INBOX=1 turns the block off.\n"),
	.arg = ARG_NONE,
	.words = NULL,
	.fn = cmd_inbox,
};
