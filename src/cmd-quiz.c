/* cmd-quiz.c: `kefu quiz ID`, one attempt at a quiz. Every answer is
 * committed before the next question is shown; an attempt left open
 * (killed, closed terminal, Ctrl-C) resumes where it stopped. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "kefu.h"
#include "plan.h"
#include "quiz.h"
#include "text.h"

struct run {
	struct kefu *k;
	const struct quiz *qz;
	struct paper *paper;
	struct attempt at;
	char **responses;	/* per paper item; NULL while unanswered */
	double *points;		/* per paper item; < 0 for ungraded essays */
	bool *skipped;
	long long deadline;	/* 0: no time limit */
};

static void
on_answer(const struct answer *a, void *arg)
{
	struct run *r = arg;

	if (a->seq < 0 || (size_t)a->seq >= r->paper->n || a->response == NULL)
		return;
	free(r->responses[a->seq]);
	r->responses[a->seq] = xstrdup(a->response);
	r->points[a->seq] = a->points;
}

/* "12:05" for a number of seconds. */
static void
add_clock(struct sb *sb, long long secs)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 3600)
		sb_addf(sb, "%lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
	else
		sb_addf(sb, "%lld:%02lld", secs / 60, secs % 60);
}

static size_t
answered(const struct run *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->paper->n; i++)
		n += r->responses[i] != NULL;
	return n;
}

static void
progress(struct run *r, size_t i)
{
	struct sb sb = SB_INIT;
	size_t j, done = answered(r), width = 20;

	sb_addf(&sb, _("\nQuestion %zu/%zu  "), i + 1, r->paper->n);
	for (j = 0; j < width; j++)
		sb_adds(&sb, j < done * width / r->paper->n ? "■" : "□");
	sb_addf(&sb, _("  %zu answered"), done);
	if (r->deadline) {
		sb_adds(&sb, _("  time left "));
		add_clock(&sb, r->deadline - kefu_clock(r->k));
	}
	sb_addc(&sb, '\n');
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

static bool
time_up(const struct run *r)
{
	return r->deadline && kefu_clock(r->k) >= r->deadline;
}

/* Saves one answer in its own transaction, before anything else shows. */
static int
save(struct run *r, size_t i, const char *response)
{
	const struct question *q = &r->qz->questions[r->paper->items[i].q];
	struct store *st = r->k->store;
	double pts = quiz_score(q, response);

	if (store_begin(st) != 0 ||
	    store_answer_save(st, r->at.id, (int)i, q->id, response, pts,
			      kefu_clock(r->k)) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	free(r->responses[i]);
	r->responses[i] = xstrdup(response);
	r->points[i] = pts;
	return 0;
}

static void
feedback(const struct run *r, size_t i)
{
	const struct paper_item *it = &r->paper->items[i];
	struct sb sb = SB_INIT;

	ask_feedback(&sb, r->k, &r->qz->questions[it->q], it, r->points[i],
		     r->qz->mode != QUIZ_EXAM);
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

/* The pass mark that counts for this person: their curriculum's module
 * may set its own. */
static double
pass_mark(struct kefu *k, const struct quiz *qz)
{
	const struct curriculum *cu = k->enr.id ?
	    content_curriculum(k->content, k->enr.curriculum) : NULL;
	size_t i, j;

	for (i = 0; cu && i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind == MOD_QUIZ && m->quiz == qz)
				return plan_pass_mark(m);
		}
	return qz->pass_mark;
}

/* Closes the attempt: score, notebook, event, all in one transaction. */
static int
submit(struct run *r, bool out_of_time)
{
	struct kefu *k = r->k;
	struct store *st = k->store;
	double pts = 0, max = 0, percent, mark = pass_mark(k, r->qz);
	bool pending = false, exam = r->qz->mode == QUIZ_EXAM;
	long long now = kefu_clock(k), used;
	struct sb sb = SB_INIT;
	size_t i;

	for (i = 0; i < r->paper->n; i++) {
		const struct question *q = &r->qz->questions[r->paper->items[i].q];

		max += q->points;
		if (r->responses[i] && q->type == Q_ESSAY && r->points[i] < 0)
			pending = true;
		else if (r->points[i] > 0)
			pts += r->points[i];
	}
	/* at a time limit, the attempt ends at the limit, not when noticed */
	if (r->deadline && now > r->deadline)
		now = r->deadline;
	/* points come in hundredths; 12 × 0.1 of 1.5 is 80%, not 79.999…% */
	pts = round(pts * 100) / 100;
	max = round(max * 100) / 100;
	percent = max > 0 ? round(pts * 100 / max * 1e6) / 1e6 : 0;
	if (store_begin(st) != 0)
		return -1;
	if (store_attempt_finish(st, r->at.id, pts, max, percent,
				 pending ? "pending" : "final", now) != 0)
		goto fail;
	/* wrong answers of any quiz go to the notebook */
	for (i = 0; i < r->paper->n; i++) {
		const struct question *q = &r->qz->questions[r->paper->items[i].q];
		struct card c;
		int misses = 0, rc;

		if (q->type == Q_ESSAY || r->responses[i] == NULL || r->points[i] >= q->points)
			continue;
		rc = store_card_get(st, k->me.id, r->qz->id, q->id, &c, &misses);
		if (rc < 0)
			goto fail;
		c = rc ? review_next(c, RATE_AGAIN, now) : review_new(now);
		/* a fresh miss is due for review at once: from the attempt's start */
		c.due = r->at.started;
		if (store_card_put(st, k->me.id, r->qz->id, q->id, &c, misses + 1) != 0)
			goto fail;
	}
	sb_addf(&sb, "%s %.1f%%", r->qz->id, percent);
	if (store_event(st, k->me.id, "quiz-submit", k->me.id, sb_str(&sb), now) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	sb_reset(&sb);

	/* the end screen */
	used = now - r->at.started;
	if (out_of_time)
		sb_adds(&sb, _("\nTime is up: the attempt is submitted with the answers given.\n"));
	sb_addf(&sb, _("\nScore: %g of %g points, %.0f%%"), pts, max, percent);
	if (pending)
		sb_adds(&sb, _(" so far: essays wait for a trainer, the score is provisional\n"));
	else if (percent + 1e-9 >= mark)
		sb_addf(&sb, _(" — %spassed%s (needs %g%%)\n"), kefu_color(k, "\033[32m"),
			kefu_color(k, "\033[0m"), mark);
	else
		sb_addf(&sb, _(" — %snot passed%s (needs %g%%)\n"), kefu_color(k, "\033[31m"),
			kefu_color(k, "\033[0m"), mark);
	sb_adds(&sb, _("Time: "));
	add_clock(&sb, used);
	if (r->qz->time_limit) {
		sb_adds(&sb, _(" of "));
		add_clock(&sb, r->qz->time_limit);
	}
	sb_addf(&sb, _("; answered %zu of %zu\n"), answered(r), r->paper->n);
	{
		bool any = false;

		for (i = 0; i < r->paper->n; i++) {
			const struct paper_item *it = &r->paper->items[i];
			const struct question *q = &r->qz->questions[it->q];
			char *key, *got;

			if (q->type == Q_ESSAY || (r->responses[i] && r->points[i] >= q->points))
				continue;
			if (!any && !r->qz->review)
				break;	/* only the score */
			if (!any)
				sb_adds(&sb, _("\nTo go over:\n"));
			any = true;
			key = quiz_key(q, it);
			got = quiz_response_text(q, it, r->responses[i]);
			sb_addf(&sb, _("  Question %zu "), i + 1);
			text_inert(&sb, q->text, false);
			sb_adds(&sb, _("\n    yours: "));
			text_inert(&sb, got, false);
			if (!exam) {
				sb_adds(&sb, _("   right: "));
				text_inert(&sb, key, false);
			}
			sb_addc(&sb, '\n');
			if (q->explain && !exam) {
				sb_adds(&sb, "    ");
				text_inert(&sb, q->explain, true);
				sb_addc(&sb, '\n');
			}
			free(key);
			free(got);
		}
	}
	for (i = 0; i < r->paper->n; i++) {
		const struct question *q = &r->qz->questions[r->paper->items[i].q];

		if (q->type != Q_ESSAY && r->responses[i] && r->points[i] < q->points) {
			sb_adds(&sb, _("Questions you got wrong are in your notebook: 'kefu review' asks them again.\n"));
			break;
		}
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	return 0;
fail:
	store_rollback(st);
	sb_free(&sb);
	return -1;
}

/* The next question to show after i: unanswered and not skipped, in
 * paper order; then a skipped one; n when none is left. */
static size_t
next_question(const struct run *r, size_t from, bool include_skipped)
{
	size_t i;

	for (i = from; i < r->paper->n; i++)
		if (r->responses[i] == NULL && (include_skipped || !r->skipped[i]))
			return i;
	for (i = 0; i < from && i < r->paper->n; i++)
		if (r->responses[i] == NULL && (include_skipped || !r->skipped[i]))
			return i;
	return r->paper->n;
}

/* Before submitting: the unanswered questions, and whether to go on. */
static enum ask_result
confirm_submit(struct run *r, bool *submit_now)
{
	struct sb nums = SB_INIT;
	size_t i, left = 0;
	char *line;
	enum term_read rd;

	for (i = 0; i < r->paper->n; i++)
		if (r->responses[i] == NULL) {
			sb_addf(&nums, " %zu", i + 1);
			left++;
		}
	/* TRANSLATORS: %s is the numbers of the questions, each after a space */
	printf(P_("\nNot answered yet: question%s\n", "\nNot answered yet: questions%s\n", left),
	       sb_str(&nums));
	fputs(_("Submit now? Unanswered questions score 0. [y/N] "), stdout);
	sb_free(&nums);
	fflush(stdout);
	rd = term_read("", &line);
	if (rd == TERM_EOF)
		return ASK_STOP;
	if (rd == TERM_INTERRUPT)
		return ASK_INTERRUPT;
	*submit_now = line[0] == 'y' || line[0] == 'Y' || strcmp(line, "是") == 0;
	free(line);
	return ASK_ANSWER;
}

static int
run_paper(struct run *r)
{
	size_t i = next_question(r, 0, false);

	for (;;) {
		const struct paper_item *it;
		const struct question *q;
		enum ask_result res;
		struct sb sb = SB_INIT;
		char *response = NULL;

		if (time_up(r))
			return submit(r, true);
		if (i == r->paper->n) {
			bool now = false;

			if (answered(r) == r->paper->n)
				return submit(r, false);
			res = confirm_submit(r, &now);
			if (res != ASK_ANSWER)
				goto stopped;
			if (now)
				return submit(r, false);
			memset(r->skipped, 0, r->paper->n * sizeof(*r->skipped));
			i = next_question(r, 0, true);
			continue;
		}
		it = &r->paper->items[i];
		q = &r->qz->questions[it->q];
		progress(r, i);
		ask_show(&sb, q, it, true);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		fflush(stdout);
		term_deadline(r->deadline ? r->deadline - kefu_clock(r->k) : 0);
		res = ask_read(q, it, true, &response);
		term_deadline(0);
		switch (res) {
		case ASK_TIMEOUT:
			return submit(r, true);
		case ASK_ANSWER:
			if (time_up(r)) {
				/* too late to count */
				free(response);
				return submit(r, true);
			}
			if (save(r, i, response) != 0) {
				error(_("the answer to question %zu is not saved; 'kefu quiz %s' asks it again"),
				      i + 1, r->qz->id);
				free(response);
				return 1;
			}
			free(response);
			if (r->qz->mode == QUIZ_PRACTICE)
				feedback(r, i);
			i = next_question(r, i + 1, false);
			break;
		case ASK_SKIP:
			r->skipped[i] = true;
			i = next_question(r, i + 1, false);
			break;
		case ASK_BACK: {
			size_t j;

			for (j = 0; j < r->paper->n; j++)
				if (r->responses[j] == NULL && r->skipped[j])
					break;
			if (j < r->paper->n) {
				r->skipped[j] = false;
				i = j;
			} else
				printf(_("  No skipped question to go back to.\n"));
			break;
		}
		case ASK_STOP:
		case ASK_INTERRUPT:
			goto stopped;
		}
		continue;
stopped:
		if (r->deadline)
			printf(_("\nYour answers are saved. 'kefu quiz %s' goes on from here; "
				 "the clock keeps running.\n"), r->qz->id);
		else
			printf(_("\nYour answers are saved. 'kefu quiz %s' goes on from here.\n"),
			       r->qz->id);
		return res == ASK_INTERRUPT ? 130 : 0;
	}
}

static const struct quiz *
find_quiz(struct kefu *k, const char *id)
{
	const struct content *c = kefu_content(k);
	const struct quiz *qz = content_quiz(c, id);

	if (qz == NULL) {
		const char **ids;
		size_t n = content_ids(c, KIND_QUIZ, &ids);

		kefu_unknown(_("quiz"), "", id, ids, n, _("'kefu list quizzes' shows them"));
		free(ids);
	}
	return qz;
}

/* Starts a new attempt, or says why not. */
static int
start(struct run *r, bool have_seed, uint64_t seed)
{
	struct kefu *k = r->k;
	char *text;
	int used = store_attempts_finished(k->store, k->me.id, r->qz->id);

	if (used < 0)
		return -1;
	if (r->qz->attempts && (unsigned)used >= r->qz->attempts) {
		error(_("all %u attempts at quiz '%s' are used; ask a trainer"),
		      r->qz->attempts, r->qz->id);
		return -1;
	}
	r->at.seed = have_seed ? seed : kefu_seed();
	r->paper = quiz_draw(r->qz, r->at.seed);
	text = paper_encode(r->qz, r->paper);
	r->at.started = kefu_clock(k);
	r->at.id = store_attempt_start(k->store, k->me.id, r->qz->id, r->at.seed,
				       text, r->at.started);
	free(text);
	if (r->at.id < 0)
		return -1;
	{
		struct sb title = SB_INIT;

		text_inert(&title, r->qz->title, false);
		printf(P_("%s — %zu question, %s", "%s — %zu questions, %s", r->paper->n),
		       sb_str(&title), r->paper->n,
		       r->qz->mode == QUIZ_EXAM ? _("exam") : _("practice"));
		sb_free(&title);
	}
	if (r->qz->attempts)
		printf(_(", attempt %d of %u"), used + 1, r->qz->attempts);
	if (r->qz->time_limit) {
		struct sb sb = SB_INIT;

		add_clock(&sb, r->qz->time_limit);
		printf(_(", time limit %s"), sb_str(&sb));
		sb_free(&sb);
	}
	/* TRANSLATORS: ends the line that introduces a quiz */
	fputs(_(".\n"), stdout);
	return 0;
}

int
cmd_quiz(struct kefu *k, int argc, char **argv)
{
	struct run r;
	const char *id = NULL;
	bool have_seed = false;
	uint64_t seed = 0;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			char *end;

			seed = strtoull(argv[++i], &end, 10);
			if (*end || !*argv[i])
				return cmd_usage(cmd_find("quiz"));
			have_seed = true;
		} else if (argv[i][0] == '-' || id)
			return cmd_usage(cmd_find("quiz"));
		else
			id = argv[i];
	}
	if (id == NULL)
		return cmd_usage(cmd_find("quiz"));
	memset(&r, 0, sizeof(r));
	r.k = k;
	if ((r.qz = find_quiz(k, id)) == NULL)
		return 1;
	kefu_me(k);
	/* before a question is asked whose answer could not be saved */
	if (store_writable(k->store) != 0)
		return 1;
	switch (store_attempt_open(k->store, k->me.id, r.qz->id, &r.at)) {
	case 1:
		r.paper = paper_decode(r.qz, r.at.paper);
		if (r.paper == NULL) {
			/* the quiz file changed under the attempt: set it aside
			 * (its answers stay on record) without using up an attempt */
			printf(_("Quiz '%s' has changed since your open attempt began: that attempt is set aside, with its answers kept on record, and does not count. A new one starts.\n"),
			       r.qz->id);
			if (store_attempt_finish(k->store, r.at.id, 0, 0, 0, "void",
						 kefu_clock(k)) != 0)
				return 1;
			attempt_clear(&r.at);
			if (start(&r, have_seed, seed) != 0)
				return 1;
		} else {
			struct sb title = SB_INIT;

			text_inert(&title, r.qz->title, false);
			printf(_("%s — going on with your open attempt.\n"), sb_str(&title));
			sb_free(&title);
		}
		break;
	case 0:
		if (start(&r, have_seed, seed) != 0)
			return 1;
		break;
	default:
		return 1;
	}
	r.responses = xcalloc(r.paper->n + 1, sizeof(*r.responses));
	r.points = xcalloc(r.paper->n + 1, sizeof(*r.points));
	r.skipped = xcalloc(r.paper->n + 1, sizeof(*r.skipped));
	if (r.qz->time_limit)
		r.deadline = r.at.started + r.qz->time_limit;
	if (store_answers(k->store, r.at.id, on_answer, &r) != 0)
		status = 1;
	else
		status = run_paper(&r);
	if (status == 0)
		kefu_update_stages(k);
	for (i = 0; r.responses && (size_t)i < r.paper->n; i++)
		free(r.responses[i]);
	free(r.responses);
	free(r.points);
	free(r.skipped);
	paper_free(r.paper);
	attempt_clear(&r.at);
	return status;
}
