/* cmd-quiz.c: `kefu quiz ID`, one attempt at a quiz. Every answer is
 * committed before the next question is shown; an attempt left open
 * (killed, closed terminal, Ctrl-C) resumes where it stopped. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "date.h"
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

/* The attempt was closed by someone else (another kefu handed it in, a
 * trainer set it aside) while this one had it open: says so; the quiz
 * ends here. Returns 1, the exit status. */
static int
sealed(struct run *r)
{
	struct attempt at;
	char when[17] = "-";

	if (store_attempt_get(r->k->store, r->at.id, &at) == 1) {
		date_format_time(at.finished, when);
		if (strcmp(at.state, "void") == 0)
			error(_("this attempt was set aside at %s; your answer was not saved"),
			      when);
		else
			error(_("this attempt was handed in at %s; your answer was not saved"),
			      when);
		attempt_clear(&at);
	} else
		error(_("this attempt is closed; your answer was not saved"));
	return 1;
}

/* Saves one answer in its own transaction, before anything else shows:
 * 0, or 1 when the attempt was closed meanwhile (said), -1 on error. */
static int
save(struct run *r, size_t i, const char *response)
{
	const struct question *q = &r->qz->questions[r->paper->items[i].q];
	struct store *st = r->k->store;
	double pts = quiz_score(q, response);
	int rc = -1;

	if (store_begin(st) != 0 ||
	    (rc = store_answer_save(st, r->at.id, (int)i, q->id, response, pts,
				    kefu_clock(r->k))) != 0 ||
	    (q->type == Q_ESSAY && store_draft_delete(st, r->at.id, (int)i) != 0) ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return rc == 1 ? sealed(r) : -1;
	}
	free(r->responses[i]);
	r->responses[i] = xstrdup(response);
	r->points[i] = pts;
	return 0;
}

/* An essay's draft, kept as each line is typed. */
struct draft_to {
	struct run *r;
	size_t i;
};

static int
keep_draft(const char *text, void *arg)
{
	struct draft_to *d = arg;

	return store_draft_save(d->r->k->store, d->r->at.id, (int)d->i, text,
				kefu_clock(d->r->k)) < 0 ? -1 : 0;
}

/* Reads the answer to question i: an essay with its draft kept. */
static enum ask_result
read_answer(struct run *r, size_t i, char **response)
{
	const struct paper_item *it = &r->paper->items[i];
	const struct question *q = &r->qz->questions[it->q];
	struct draft_to to = { r, i };
	struct ask_draft d = { NULL, keep_draft, &to };
	char *kept = NULL;
	enum ask_result res;

	if (q->type != Q_ESSAY)
		return ask_read(q, it, true, response);
	if (store_draft_get(r->k->store, r->at.id, (int)i, &kept) != 0)
		kept = NULL;
	/* an answer given before is the draft to change */
	d.text = kept ? kept : r->responses[i];
	res = ask_read_essay(q, it, true, &d, response);
	free(kept);
	return res;
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

/* Closes the attempt: score, notebook, event, all in one transaction.
 * The score is of the responses stored, read inside it (another kefu may
 * have answered on the same attempt), and is kept as the attempt's
 * automatic part: grading adds essays to it and never scores again. */
static int
submit(struct run *r, bool out_of_time)
{
	struct kefu *k = r->k;
	struct store *st = k->store;
	double pts = 0, max = 0, percent, mark = pass_mark(k, r->qz);
	bool pending = false, key_open = quiz_key_open(r->qz);
	long long now = kefu_clock(k), used;
	struct sb sb = SB_INIT;
	size_t i;
	int rc;

	/* at a time limit, the attempt ends at the limit, not when noticed */
	if (r->deadline && (out_of_time || now > r->deadline))
		now = r->deadline;
	if (store_begin(st) != 0)
		return -1;
	if (store_answers(st, r->at.id, on_answer, r) != 0)
		goto fail;
	for (i = 0; i < r->paper->n; i++) {
		const struct question *q = &r->qz->questions[r->paper->items[i].q];

		max += q->points;
		/* the automatic part, scored here from the responses stored */
		if (r->responses[i] && q->type != Q_ESSAY)
			r->points[i] = quiz_score(q, r->responses[i]);
		if (r->responses[i] && q->type == Q_ESSAY && r->points[i] < 0)
			pending = true;
		else if (r->points[i] > 0)
			pts += r->points[i];
	}
	/* points come in hundredths; 12 × 0.1 of 1.5 is 80%, not 79.999…% */
	pts = round(pts * 100) / 100;
	max = round(max * 100) / 100;
	percent = max > 0 ? round(pts * 100 / max * 1e6) / 1e6 : 0;
	rc = store_attempt_finish(st, r->at.id, pts, max, percent,
				  pending ? "pending" : "final", now);
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		store_rollback(st);
		sb_free(&sb);
		return sealed(r);
	}
	/* wrong answers go to the notebook, which shows the key: only for a
	 * quiz whose key its trainees may see */
	for (i = 0; key_open && i < r->paper->n; i++) {
		const struct question *q = &r->qz->questions[r->paper->items[i].q];
		struct card c;
		int misses = 0, had;

		if (q->type == Q_ESSAY || r->responses[i] == NULL || r->points[i] >= q->points)
			continue;
		had = store_card_get(st, k->me.id, r->qz->id, q->id, &c, &misses);
		if (had < 0)
			goto fail;
		c = had ? review_next(c, RATE_AGAIN, now) : review_new(now);
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
	if (pending) {
		/* no percent: the essays not graded yet would count as 0 in it,
		 * and read as a fail */
		struct sb who = SB_INIT;
		double auto_max = 0, waiting = 0;

		for (i = 0; i < r->paper->n; i++) {
			const struct question *q = &r->qz->questions[r->paper->items[i].q];

			if (q->type != Q_ESSAY)
				auto_max += q->points;
			else if (r->responses[i] && r->points[i] < 0)
				waiting += q->points;
		}
		kefu_graders(k, "trainer", &who);
		sb_addf(&sb, P_("\nAutomatic part: %s of %s point right. ",
				"\nAutomatic part: %s of %s points right. ", auto_max == 1 ? 1 : 2),
			NUM(pts), NUM(auto_max));
		sb_addf(&sb, P_("Essays worth %s point wait for %s to grade.\n",
				"Essays worth %s points wait for %s to grade.\n",
				waiting == 1 ? 1 : 2), NUM(waiting), sb_str(&who));
		sb_addf(&sb, _("The score, and whether it passes (needs %s%%), come once they are graded; kefu tells you when.\n"),
			NUM(mark));
		sb_free(&who);
	} else {
		sb_addf(&sb, P_("\nScore: %s of %s point, %s%%", "\nScore: %s of %s points, %s%%",
				max == 1 ? 1 : 2), NUM(pts), NUM(max), NUM(percent));
		if (percent + 1e-9 >= mark)
			sb_addf(&sb, _(" — %spassed%s (needs %s%%)\n"), kefu_color(k, "\033[32m"),
				kefu_color(k, "\033[0m"), NUM(mark));
		else
			sb_addf(&sb, _(" — %snot passed%s (needs %s%%)\n"), kefu_color(k, "\033[31m"),
				kefu_color(k, "\033[0m"), NUM(mark));
	}
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
			if (!any && !key_open)
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
			sb_adds(&sb, _("   right: "));
			text_inert(&sb, key, false);
			sb_addc(&sb, '\n');
			if (q->explain) {
				sb_adds(&sb, "    ");
				text_inert(&sb, q->explain, true);
				sb_addc(&sb, '\n');
			}
			free(key);
			free(got);
		}
	}
	for (i = 0; key_open && i < r->paper->n; i++) {
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

/* Appends s on one line: its first line, cut to width columns. */
static void
one_line(struct sb *sb, const char *s, int width)
{
	const char *nl = strchr(s, '\n');
	char *first = nl ? xstrndup(s, (size_t)(nl - s)) : NULL;

	text_pad(sb, first ? first : s, width, true);
	free(first);
}

/* The look-over before handing in: every question with its answer, or
 * "unanswered". */
static void
look_over(const struct run *r)
{
	struct sb sb = SB_INIT;
	size_t i, n = r->paper->n;
	int nw = n >= 100 ? 3 : n >= 10 ? 2 : 1, tw = 0;

	for (i = 0; i < n; i++) {
		int w = text_width(ask_type_label(r->qz->questions[r->paper->items[i].q].type));

		if (w > tw)
			tw = w;
	}

	sb_addf(&sb, P_("\nLook over before handing in: %zu of %zu question answered\n",
			"\nLook over before handing in: %zu of %zu questions answered\n", n),
		answered(r), n);
	for (i = 0; i < n; i++) {
		const struct paper_item *it = &r->paper->items[i];
		const struct question *q = &r->qz->questions[it->q];

		sb_addf(&sb, "  %*zu  ", nw, i + 1);
		text_pad(&sb, ask_type_label(q->type), tw, false);
		sb_adds(&sb, "  ");
		one_line(&sb, q->text, 30);
		sb_adds(&sb, "  ");
		if (r->responses[i] == NULL)
			sb_adds(&sb, _("(unanswered)"));
		else {
			char *got = quiz_response_text(q, it, r->responses[i]);

			one_line(&sb, got, 36);
			if (strchr(got, '\n') || text_width(got) > 36) {
				while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
					sb.len--;
				sb_addf(&sb, P_(" (%zu character)", " (%zu characters)",
						text_chars(got)), text_chars(got));
			}
			free(got);
		}
		/* no trailing blanks */
		while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
			sb.len--;
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

/* What the person chose at the look-over. */
enum hand_in { HAND_IN, HAND_GOTO, HAND_BACK, HAND_STOP, HAND_INTERRUPT };

/* After the look-over: hand in, go to a question (*to), or back to the
 * unanswered ones. With piped input a full paper is handed in at once,
 * as scripts expect. */
static enum hand_in
confirm_submit(struct run *r, size_t *to, bool list)
{
	size_t left = r->paper->n - answered(r);

	if (list)
		look_over(r);
	if (left == 0 && !r->k->tty_in)
		return HAND_IN;
	for (;;) {
		char *line, *f;
		enum term_read rd;
		enum hand_in h;
		long n;

		if (left)
			fputs(P_("Hand in now? The unanswered question scores 0. [y/N, goto N] ",
				 "Hand in now? The unanswered questions score 0. [y/N, goto N] ", left),
			      stdout);
		else
			fputs(_("Hand in now? [y/N, goto N to change an answer] "), stdout);
		fflush(stdout);
		rd = term_read("", &line);
		if (rd == TERM_EOF)
			return HAND_STOP;
		if (rd == TERM_INTERRUPT)
			return HAND_INTERRUPT;
		if (rd == TERM_TIMEOUT)
			return HAND_IN;
		f = text_fold(line);
		free(line);
		if (strcmp(f, "y") == 0 || strcmp(f, "yes") == 0 || strcmp(f, "是") == 0)
			h = HAND_IN;
		else if (ask_goto(f, &n)) {
			if (n < 1 || (size_t)n > r->paper->n) {
				printf(_("  There is no question %ld: the paper has questions 1 to %zu.\n"),
				       n, r->paper->n);
				free(f);
				continue;
			}
			*to = (size_t)n - 1;
			h = HAND_GOTO;
		} else if (left)
			h = HAND_BACK;
		else {
			printf(_("  Not handed in. 'goto N' changes an answer, 'y' hands the attempt in; "
				 "Ctrl-D leaves it open for later.\n"));
			free(f);
			continue;
		}
		free(f);
		return h;
	}
}

/* Whether question i may be answered again: not once practice feedback
 * has shown its key (an essay's shows none). Says why not. */
static bool
may_change(const struct run *r, size_t i)
{
	const struct question *q = &r->qz->questions[r->paper->items[i].q];

	/* an essay's practice feedback gives no key */
	if (r->responses[i] == NULL || r->qz->mode != QUIZ_PRACTICE || q->type == Q_ESSAY)
		return true;
	printf(_("  Question %zu was answered and marked right or wrong; its answer stands.\n"),
	       i + 1);
	return false;
}

static int
run_paper(struct run *r)
{
	size_t i = next_question(r, 0, false);
	size_t back_to = r->paper->n;	/* where a goto came from */
	bool refused = false;		/* a goto at the hand-in question was */

	for (;;) {
		const struct paper_item *it;
		const struct question *q;
		enum ask_result res;
		struct sb sb = SB_INIT;
		char *response = NULL;

		if (time_up(r))
			return submit(r, true);
		if (i == r->paper->n) {
			size_t to = 0;
			bool list = !refused;

			refused = false;
			term_deadline(r->deadline ? r->deadline - kefu_clock(r->k) : 0);
			switch (confirm_submit(r, &to, list)) {
			case HAND_IN:
				term_deadline(0);
				return submit(r, time_up(r));
			case HAND_GOTO:
				term_deadline(0);
				/* refused: asked again, without the list again */
				refused = !may_change(r, to);
				i = refused ? r->paper->n : to;
				continue;
			case HAND_BACK:
				term_deadline(0);
				memset(r->skipped, 0, r->paper->n * sizeof(*r->skipped));
				i = next_question(r, 0, true);
				continue;
			case HAND_STOP:
				res = ASK_STOP;
				break;
			case HAND_INTERRUPT:
				res = ASK_INTERRUPT;
				break;
			}
			term_deadline(0);
			goto stopped;
		}
		it = &r->paper->items[i];
		q = &r->qz->questions[it->q];
		progress(r, i);
		ask_show(&sb, q, it, true);
		if (r->responses[i] && q->type != Q_ESSAY) {
			char *got = quiz_response_text(q, it, r->responses[i]);

			sb_adds(&sb, _("  Your answer now: "));
			text_inert(&sb, got, true);
			sb_adds(&sb, _("\n  Type a new answer, or 'skip' to keep this one.\n"));
			free(got);
		}
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		fflush(stdout);
		term_deadline(r->deadline ? r->deadline - kefu_clock(r->k) : 0);
		res = read_answer(r, i, &response);
		term_deadline(0);
		switch (res) {
		case ASK_TIMEOUT:
			/* lines of an essay typed before the limit count */
			if (response && save(r, i, response) == 1) {
				free(response);
				return 1;
			}
			free(response);
			return submit(r, true);
		case ASK_ANSWER:
			if (time_up(r)) {
				/* too late to count */
				free(response);
				return submit(r, true);
			}
			switch (save(r, i, response)) {
			case 0:
				break;
			case 1:		/* closed meanwhile: said */
				free(response);
				return 1;
			default:
				error(_("the answer to question %zu is not saved; 'kefu quiz %s' asks it again"),
				      i + 1, r->qz->id);
				free(response);
				return 1;
			}
			free(response);
			if (r->qz->mode == QUIZ_PRACTICE)
				feedback(r, i);
			i = back_to < r->paper->n && r->responses[back_to] == NULL ? back_to :
			    next_question(r, i + 1, false);
			back_to = r->paper->n;
			break;
		case ASK_SKIP:
			/* an answered question skipped keeps its answer */
			if (r->responses[i] == NULL)
				r->skipped[i] = true;
			i = back_to < r->paper->n && r->responses[back_to] == NULL ? back_to :
			    next_question(r, i + 1, false);
			back_to = r->paper->n;
			break;
		case ASK_GOTO: {
			long n = strtol(response, NULL, 10);

			free(response);
			if (n < 1 || (size_t)n > r->paper->n)
				printf(_("  There is no question %ld: the paper has questions 1 to %zu.\n"),
				       n, r->paper->n);
			else if (may_change(r, (size_t)n - 1)) {
				/* the question left is where the paper goes on */
				back_to = i;
				i = (size_t)n - 1;
			}
			break;
		}
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

/* Says that every allowed attempt is used; returns 1. */
static int
no_attempts_left(const struct quiz *qz, const struct attempt_count *n)
{
	error(P_("the %d attempt allowed at quiz '%s' is used; a trainer can give attempts back (kefu attempts grant)",
		 "all %d attempts allowed at quiz '%s' are used; a trainer can give attempts back (kefu attempts grant)",
		 n->allowed), n->allowed, qz->id);
	return 1;
}


/* At a terminal, before an attempt that costs something (a time limit
 * that runs on, a capped number of attempts): what it costs, and y/N.
 * Piped input starts at once. 0 to start, 1 not to. */
static int
confirm_start(struct kefu *k, const struct quiz *qz, size_t nquestions,
	      const struct attempt_count *n)
{
	struct sb sb = SB_INIT;
	enum term_read rd;
	char *line;
	bool yes;

	if (!k->tty_in || (qz->time_limit == 0 && qz->attempts == 0))
		return 0;
	text_inert(&sb, qz->title, false);
	printf(P_("%s: %zu question", "%s: %zu questions", nquestions), sb_str(&sb), nquestions);
	putchar('\n');
	sb_reset(&sb);
	if (qz->time_limit) {
		add_clock(&sb, qz->time_limit);
		printf(_("  Time limit %s, counted from the start, also while kefu is closed.\n"),
		       sb_str(&sb));
	}
	if (n->allowed)
		printf(P_("  This is attempt %d of %d: %d more after it.\n",
			  "  This is attempt %d of %d: %d more after it.\n",
			  n->allowed - n->used - 1),
		       n->used + 1, n->allowed, n->allowed - n->used - 1);
	sb_free(&sb);
	fputs(_("Start now? [y/N] "), stdout);
	fflush(stdout);
	rd = term_read("", &line);
	if (rd != TERM_LINE)
		return 1;
	yes = line[0] == 'y' || line[0] == 'Y' || strcmp(line, "是") == 0;
	free(line);
	if (!yes)
		printf(_("Not started; nothing is recorded.\n"));
	return !yes;
}

/* Starts a new attempt, or says why not: 0 started, 1 not (said), 2
 * the person chose not to, -1 on error. An attempt another kefu started
 * meanwhile is taken up. */
static int
start(struct run *r, bool have_seed, uint64_t seed)
{
	struct kefu *k = r->k;
	struct attempt_count n;
	char *text;
	int rc;

	if (store_attempt_counts(k->store, k->me.id, r->qz->id, r->qz->attempts, &n) != 0)
		return -1;
	if (n.allowed && n.used >= n.allowed)
		return no_attempts_left(r->qz, &n);
	r->at.seed = have_seed ? seed : kefu_seed();
	r->paper = quiz_draw(r->qz, r->at.seed);
	if (confirm_start(k, r->qz, r->paper->n, &n) != 0)
		return 2;
	text = paper_encode(r->qz, r->paper);
	/* the look for an open attempt, the count and the start are one write */
	rc = store_attempt_begin(k->store, k->me.id, r->qz->id, r->qz->attempts,
				 r->at.seed, text, kefu_clock(k), &r->at, &n);
	free(text);
	if (rc < 0)
		return -1;
	if (rc == 2)
		return no_attempts_left(r->qz, &n);
	if (rc == 1) {
		paper_free(r->paper);
		r->paper = paper_decode(r->qz, r->at.paper);
		if (r->paper == NULL) {
			error(_("another kefu started an attempt at quiz '%s' meanwhile, from other content; run 'kefu quiz %s' again"),
			      r->qz->id, r->qz->id);
			return 1;
		}
		printf(_("Another kefu started this attempt a moment ago: going on with it.\n"));
		return 0;
	}
	{
		struct sb title = SB_INIT;

		text_inert(&title, r->qz->title, false);
		printf(P_("%s — %zu question, %s", "%s — %zu questions, %s", r->paper->n),
		       sb_str(&title), r->paper->n,
		       r->qz->mode == QUIZ_EXAM ? _("exam") : _("practice"));
		sb_free(&title);
	}
	if (n.allowed)
		printf(_(", attempt %d of %d"), n.used + 1, n.allowed);
	if (r->qz->time_limit) {
		struct sb sb = SB_INIT;

		add_clock(&sb, r->qz->time_limit);
		printf(_(", time limit %s"), sb_str(&sb));
		sb_free(&sb);
	}
	/* TRANSLATORS: ends the line that introduces a quiz */
	fputs(_(".\n"), stdout);
	{
		size_t i, essays = 0;

		for (i = 0; i < r->paper->n; i++)
			essays += r->qz->questions[r->paper->items[i].q].type == Q_ESSAY;
		if (essays) {
			struct sb who = SB_INIT;

			kefu_graders(k, "trainer", &who);
			printf(P_("%zu essay on this paper is graded by %s: the score is final once it is.\n",
				  "%zu essays on this paper are graded by %s: the score is final once they are.\n",
				  essays), essays, sb_str(&who));
			sb_free(&who);
		}
	}
	return 0;
}

/* `--preview`: a paper with its key, for trainers to check an exam
 * before trainees sit it. Records nothing. */
static int
preview(struct kefu *k, const struct quiz *qz, bool have_seed, uint64_t seed)
{
	struct paper *paper;
	struct sb sb = SB_INIT;
	double total = 0;
	size_t i, t;

	if (!kefu_may(k, "trainer", _("preview a quiz with its key")))
		return 1;
	if (!have_seed)
		seed = kefu_seed();
	paper = quiz_draw(qz, seed);
	for (i = 0; i < paper->n; i++)
		total += qz->questions[paper->items[i].q].points;
	text_inert(&sb, qz->title, false);
	sb_addf(&sb, P_(" — preview of a paper: %zu question, %s points, %s; nothing is recorded\n",
			" — preview of a paper: %zu questions, %s points, %s; nothing is recorded\n",
			paper->n), paper->n, NUM(total),
		qz->mode == QUIZ_EXAM ? _("exam") : _("practice"));
	for (i = 0; i < paper->n; i++) {
		const struct paper_item *it = &paper->items[i];
		const struct question *q = &qz->questions[it->q];
		char *key;

		sb_addf(&sb, _("\nQuestion %zu/%zu  %s"), i + 1, paper->n, q->id);
		for (t = 0; t < q->ntags; t++) {
			sb_adds(&sb, t ? ", " : "  [");
			text_inert(&sb, q->tags[t], false);
		}
		sb_adds(&sb, q->ntags ? "]\n" : "\n");
		ask_show(&sb, q, it, false);
		if (q->type == Q_ESSAY) {
			if (q->rubric) {
				sb_adds(&sb, _("  Rubric: "));
				text_inert(&sb, q->rubric, true);
				sb_addc(&sb, '\n');
			}
		} else {
			key = quiz_key(q, it);
			sb_adds(&sb, _("  Key: "));
			text_inert(&sb, key, false);
			sb_addc(&sb, '\n');
			free(key);
		}
		if (q->explain) {
			sb_adds(&sb, "  ");
			text_inert(&sb, q->explain, true);
			sb_addc(&sb, '\n');
		}
	}
	/* a seed in decimal: what --seed takes back */
	sb_addf(&sb, _("\nSeed %" PRIu64 ": 'kefu quiz %s --preview --seed %" PRIu64 "' shows this paper again.\n"),
		seed, qz->id, seed);
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	paper_free(paper);
	return 0;
}

int
cmd_quiz(struct kefu *k, int argc, char **argv)
{
	struct run r;
	const char *seed_s = NULL;
	char *pos[1];
	bool have_seed = false, want_preview = false;
	const struct cmd_opt opts[] = {
		{ "--seed", &seed_s, NULL },
		{ "--preview", NULL, &want_preview },
		{ NULL, NULL, NULL }
	};
	uint64_t seed = 0;
	int npos, i, status;

	if ((status = cmd_parse(cmd_find("quiz"), argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(cmd_find("quiz"));
	if (seed_s) {
		char *end;

		errno = 0;
		seed = strtoull(seed_s, &end, 10);
		if (*end || !*seed_s || *seed_s == '-' || errno) {
			error(_("--seed takes a whole number, not '%s'"), seed_s);
			return cmd_usage(cmd_find("quiz"));
		}
		have_seed = true;
	}
	memset(&r, 0, sizeof(r));
	r.k = k;
	if ((r.qz = kefu_quiz(k, pos[0])) == NULL)
		return 1;
	kefu_me(k);
	if (want_preview)
		return preview(k, r.qz, have_seed, seed);
	/* a trainee who could pick the paper could research it beforehand */
	if (have_seed && r.qz->mode == QUIZ_EXAM && strcmp(k->me.role, "trainee") == 0) {
		error(_("an exam's paper is kefu's to draw: --seed is not taken for exam '%s'"),
		      r.qz->id);
		return 1;
	}
	if (kefu_exam_lock(k, r.qz, NULL) != 0)
		return 1;
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
						 kefu_clock(k)) < 0)
				return 1;
			attempt_clear(&r.at);
			if ((status = start(&r, have_seed, seed)) != 0)
				goto done;
		} else {
			struct sb title = SB_INIT;

			text_inert(&title, r.qz->title, false);
			printf(_("%s — going on with your open attempt.\n"), sb_str(&title));
			sb_free(&title);
		}
		break;
	case 0:
		if ((status = start(&r, have_seed, seed)) != 0)
			goto done;
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
done:
	if (status < 0)
		status = 1;
	else if (status == 2 && r.at.id == 0)
		status = 0;	/* not started, as asked */
	for (i = 0; r.responses && (size_t)i < r.paper->n; i++)
		free(r.responses[i]);
	free(r.responses);
	free(r.points);
	free(r.skipped);
	paper_free(r.paper);
	attempt_clear(&r.at);
	return status;
}

static const char *const quiz_words[] = { "--seed", "--preview", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_quiz_entry = {
	.name = "quiz",
	.usage = "QUIZ [--seed N] | QUIZ --preview [--seed N]",
	.summary = N_("take a quiz, or go on with an open attempt"),
	.help = N_("Puts the quiz's questions one by one and saves each answer before\n"
		"the next is shown. Choices are lettered A, B, C in the order shown;\n"
		"answer with letters (b, B, AC, A,C, A、C), 对/错 (also T/F, Y/N,\n"
		"√/×), words, a number, step letters in order (BDAC) or pairs\n"
		"(1B 2A). An answer kefu cannot read is asked again, never scored.\n"
		"An essay takes as many lines as you need and ends at a line holding\n"
		"only '.'; at a terminal Ctrl-X Ctrl-E opens $VISUAL or $EDITOR on\n"
		"it. Each line is kept as it is typed, so nothing is lost if kefu is\n"
		"closed.\n"
		"\n"
		"  skip     leave this question for later\n"
		"  back     go to a question you skipped\n"
		"  goto N   go to question N (also 第N题), to answer it or change\n"
		"           an answer\n"
		"\n"
		"Before handing in, every question is listed with its answer or\n"
		"(unanswered). At a terminal kefu asks: y hands in, goto N changes an\n"
		"answer first; piped, a full paper is handed in after the list. A\n"
		"practice answer already marked right or wrong stands. While essays\n"
		"wait for a trainer, the end screen shows the automatic part and who\n"
		"grades the rest, not a percent. Practice quizzes say right or wrong\n"
		"after each answer and go over mistakes at the end; exams show only\n"
		"the score, and keep their key sealed: their questions never go to\n"
		"your notebook (unless the exam says review: true). A time limit\n"
		"counts from the attempt's start, also while kefu is closed; at the\n"
		"limit the attempt is submitted with what was answered (and the\n"
		"lines of an essay typed before it). At a terminal, a timed or\n"
		"capped quiz says so and asks before an attempt starts. Ctrl-C, end\n"
		"of input or a closed terminal leave the attempt open: run the same\n"
		"command to go on. A person has one open attempt per quiz; once\n"
		"handed in, an attempt takes no more answers. An exam of a stage\n"
		"that is still locked cannot be started. Wrong answers of practice\n"
		"quizzes go to your notebook ('kefu review').\n"
		"\n"
		"  --seed N    draw the paper from seed N (the same seed, the same\n"
		"              paper); not for an exam taken by a trainee: an exam's\n"
		"              paper is kefu's to draw\n"
		"  --preview   (trainers) show a paper with its key and rubrics,\n"
		"              recording nothing; with --seed N, that paper\n"),
	.arg = ARG_QUIZ,
	.words = quiz_words,
	.fn = cmd_quiz,
};
