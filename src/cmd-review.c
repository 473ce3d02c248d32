/* cmd-review.c: `kefu review`, the 错题本 asked again on Anki's schedule:
 * a miss comes back in the same session after its learning steps. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "date.h"
#include "kefu.h"
#include "quiz.h"
#include "text.h"

struct item {
	char *quiz, *question;
	int misses;
	struct card card;
	bool again;		/* shown before in this session */
};

struct items {
	struct item *v;
	size_t n;
};

static void
collect(const struct notebook_item *ni, void *arg)
{
	struct items *its = arg;
	struct item *it;

	its->v = xreallocarray(its->v, its->n + 1, sizeof(*its->v));
	it = &its->v[its->n++];
	it->quiz = xstrdup(ni->quiz);
	it->question = xstrdup(ni->question);
	it->misses = ni->misses;
	it->card = ni->card;
	it->again = false;
}

static void
items_free(struct items *its)
{
	size_t i;

	for (i = 0; i < its->n; i++) {
		free(its->v[i].quiz);
		free(its->v[i].question);
	}
	free(its->v);
}

/* The question a notebook item names, if the content still has it. */
static const struct question *
lookup(struct kefu *k, const struct item *it, const struct quiz **qz, size_t *index)
{
	const struct question *q = content_question(k->content, it->quiz,
						     it->question, qz);

	if (q)
		*index = (size_t)(q - (*qz)->questions);
	return q;
}

/* Drops the items of quizzes whose key is sealed: an exam's misses
 * never enter the notebook now, but a database from before may hold
 * some, and asking them again would tell right from wrong. */
static void
drop_sealed(struct kefu *k, struct items *its)
{
	size_t i;

	for (i = 0; i < its->n;) {
		const struct quiz *qz = content_quiz(k->content, its->v[i].quiz);

		if (qz == NULL || quiz_key_open(qz)) {
			i++;
			continue;
		}
		free(its->v[i].quiz);
		free(its->v[i].question);
		memmove(&its->v[i], &its->v[i + 1], (its->n - i - 1) * sizeof(*its->v));
		its->n--;
	}
}

static int
list(struct kefu *k)
{
	struct items its = { NULL, 0 };
	struct sb sb = SB_INIT;
	size_t i;
	int mw;

	if (store_cards(k->store, k->me.id, 0, collect, &its) != 0)
		return 1;
	drop_sealed(k, &its);
	if (its.n == 0) {
		printf(_("Your notebook is empty: questions you answer wrong come here.\n"));
		items_free(&its);
		return 0;
	}
	sb_adds(&sb, "  ");
	text_pad(&sb, _("Question"), 40, true);
	sb_adds(&sb, "  ");
	/* the column as wide as its heading, in the user's language */
	mw = text_pad_left(&sb, _("Missed"), 6);
	sb_addf(&sb, "  %s\n", C_("review", "Due"));
	for (i = 0; i < its.n; i++) {
		const struct quiz *qz;
		size_t idx = 0;
		const struct question *q = lookup(k, &its.v[i], &qz, &idx);
		char buf[11];

		sb_adds(&sb, "  ");
		if (q)
			text_pad(&sb, q->text, 40, true);
		else {
			char *gone = xasprintf(_("(%s/%s: no longer in the content)"),
					       its.v[i].quiz, its.v[i].question);

			text_pad(&sb, gone, 40, true);
			free(gone);
		}
		sb_addf(&sb, "  %*d  %s\n", mw, its.v[i].misses,
			its.v[i].card.due <= kefu_clock(k) ? C_("review", "now") :
			date_format(date_of((time_t)its.v[i].card.due), buf));
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	items_free(&its);
	return 0;
}

/* "1 min", "10 min", "4 days": how long until a card is due again. */
static void
wait_words(struct sb *sb, long long secs)
{
	if (secs < 86400) {
		long m = (long)((secs + 59) / 60);

		sb_addf(sb, P_("%ld min", "%ld min", m), m);
	} else {
		long d = (long)(secs / 86400);

		sb_addf(sb, P_("%ld day", "%ld days", d), d);
	}
}

/* Asks how a right answer felt, each rating with the wait it gives, as
 * Anki's buttons show it: one key at a terminal (h, Enter or space, e;
 * a or 1-4 too), a line piped. The line is cleared afterwards. */
static enum rating
rate(struct kefu *k, const struct card *c, long long now, bool *stop)
{
	static const enum rating order[] = { RATE_HARD, RATE_GOOD, RATE_EASY, RATE_AGAIN };
	struct sb sb = SB_INIT;
	size_t i;

	sb_adds(&sb, _("  How was it?"));
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		static const char *const keys[] = {
			/* TRANSLATORS: the keys that rate a review, with the
			 * rating's name; the wait follows each */
			N_("h hard"), N_("Enter good"), N_("e easy"), N_("a again")
		};

		sb_adds(&sb, i ? " · " : "  ");
		sb_adds(&sb, _(keys[i]));
		sb_addc(&sb, ' ');
		wait_words(&sb, review_next(*c, order[i], now).due - now);
	}
	sb_adds(&sb, " ");
	for (;;) {
		char key[8], *f;
		enum term_read rd;
		enum rating r;

		fputs(sb_str(&sb), stdout);
		fflush(stdout);
		rd = term_key(key, sizeof(key));
		if (rd != TERM_LINE) {
			*stop = true;
			r = RATE_GOOD;
		} else {
			f = text_fold(key);
			if (strcmp(f, "h") == 0 || strcmp(f, "2") == 0 || strcmp(key, "难") == 0)
				r = RATE_HARD;
			else if (strcmp(f, "e") == 0 || strcmp(f, "4") == 0 || strcmp(key, "易") == 0)
				r = RATE_EASY;
			else if (strcmp(f, "a") == 0 || strcmp(f, "1") == 0)
				r = RATE_AGAIN;
			else if (strcmp(key, "\n") == 0 || strcmp(f, "") == 0 || strcmp(f, "3") == 0 ||
				 strcmp(f, "g") == 0 || strcmp(key, "良") == 0)
				r = RATE_GOOD;
			else {
				/* not a rating: asked again on a clean line */
				free(f);
				if (k->tty_in) {
					fputs("\a\r\033[K", stdout);
					continue;
				}
				r = RATE_GOOD;
				f = NULL;
			}
			free(f);
		}
		/* the prompt goes; what was chosen stays, on a line of its own */
		if (k->tty_in)
			fputs("\r\033[K", stdout);
		else
			putchar('\n');
		sb_free(&sb);
		return r;
	}
}

static int
record(struct kefu *k, const struct item *it, enum rating rt, long long now,
       struct card *after)
{
	struct store *st = k->store;

	*after = review_next(it->card, rt, now);
	if (store_begin(st) != 0 ||
	    store_card_put(st, k->me.id, it->quiz, it->question, after,
			   it->misses + (rt == RATE_AGAIN)) != 0 ||
	    store_review_log(st, k->me.id, it->quiz, it->question, now,
			     review_rating_name(rt), it->card.interval, after) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
cmd_review(struct kefu *k, int argc, char **argv)
{
	struct items its = { NULL, 0 };
	uint64_t rng = kefu_seed();
	size_t i, right = 0, wrong = 0, done = 0;
	int status = 0;

	bool want_list = false;
	const struct cmd_opt opts[] = { { "--list", NULL, &want_list }, { NULL, NULL, NULL } };
	int npos;

	if ((status = cmd_parse(&cmd_review_entry, argc, argv, opts, NULL, 0, &npos)) != 0)
		return status;
	kefu_content(k);
	kefu_me(k);
	if (want_list)
		return list(k);
	if (store_cards(k->store, k->me.id, kefu_clock(k), collect, &its) != 0)
		return 1;
	drop_sealed(k, &its);
	/* questions gone from the content, or essays, cannot be asked */
	for (i = 0; i < its.n;) {
		const struct quiz *qz;
		size_t idx = 0;
		const struct question *q = lookup(k, &its.v[i], &qz, &idx);

		if (q && q->type != Q_ESSAY) {
			i++;
			continue;
		}
		free(its.v[i].quiz);
		free(its.v[i].question);
		its.v[i] = its.v[--its.n];
	}
	if (its.n == 0) {
		printf(_("Nothing is due for review. 'kefu review --list' shows your notebook.\n"));
		items_free(&its);
		return 0;
	}
	/* mixed, not quiz by quiz */
	for (i = its.n; i > 1; i--) {
		size_t j = (size_t)(quiz_random(&rng) % i);
		struct item t = its.v[i - 1];

		its.v[i - 1] = its.v[j];
		its.v[j] = t;
	}
	printf(P_("%zu question to review.\n", "%zu questions to review.\n", its.n), its.n);
	/* a card still in learning comes back in the session, after the
	 * others, as Anki shows one within its learn-ahead limit */
	for (i = 0; i < its.n; i++) {
		const struct quiz *qz;
		size_t idx = 0;
		const struct question *q = lookup(k, &its.v[i], &qz, &idx);
		struct paper_item pi;
		struct sb sb = SB_INIT;
		char *response = NULL;
		double pts;
		enum ask_result res;
		struct card after;
		enum rating rt;
		bool stop = false;
		char buf[11];

		quiz_item(q, idx, true, &rng, &pi);
		sb_addf(&sb, _("\nReview %zu/%zu  "), i + 1, its.n);
		if (its.v[i].again)
			sb_adds(&sb, _("(again) "));
		text_inert(&sb, qz->title, false);
		sb_addc(&sb, '\n');
		ask_show(&sb, q, &pi, false);
		fputs(sb_str(&sb), stdout);
		sb_reset(&sb);
		fflush(stdout);
		res = ask_read(q, &pi, false, &response);
		if (res != ASK_ANSWER) {
			free(pi.perm);
			sb_free(&sb);
			status = res == ASK_INTERRUPT ? 130 : 0;
			break;
		}
		pts = quiz_score(q, response);
		ask_feedback(&sb, k, q, &pi, pts, true);
		fputs(sb_str(&sb), stdout);
		fflush(stdout);
		if (pts >= q->points) {
			right++;
			rt = rate(k, &its.v[i].card, kefu_clock(k), &stop);
		} else {
			wrong++;
			rt = RATE_AGAIN;
		}
		free(response);
		free(pi.perm);
		sb_free(&sb);
		if (record(k, &its.v[i], rt, kefu_clock(k), &after) != 0) {
			status = 1;
			break;
		}
		done++;
		if (after.due - kefu_clock(k) <= REVIEW_LEARN_AHEAD) {
			struct sb w = SB_INIT;

			wait_words(&w, after.due - kefu_clock(k));
			printf(_("  %s: back in %s, in this session.\n"),
			       _(review_rating_label(rt)), sb_str(&w));
			sb_free(&w);
			/* once more at the end, as it now stands */
			its.v = xreallocarray(its.v, its.n + 1, sizeof(*its.v));
			its.v[its.n] = its.v[i];
			its.v[its.n].quiz = xstrdup(its.v[i].quiz);
			its.v[its.n].question = xstrdup(its.v[i].question);
			its.v[its.n].card = after;
			its.v[its.n].misses += rt == RATE_AGAIN;
			its.v[its.n].again = true;
			its.n++;
		} else {
			long d = (long)((after.due - kefu_clock(k)) / 86400);

			printf(P_("  %s: next review %s, in %ld day.\n",
				  "  %s: next review %s, in %ld days.\n", d),
			       _(review_rating_label(rt)),
			       date_format(date_of((time_t)after.due), buf), d);
		}
		if (stop)
			break;
	}
	if (done)
		printf(_("\nReviewed %zu: %zu right, %zu wrong.\n"), done, right, wrong);
	items_free(&its);
	return status;
}

static const char *const review_words[] = { "--list", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_review_entry = {
	.name = "review",
	.usage = "[--list]",
	.summary = N_("go over the questions you got wrong (错题本)"),
	.help = N_("Asks again the questions from your notebook that are due, mixed,\n"
		"scheduled the way Anki does (SM-2). A question missed is learnt in\n"
		"steps: it comes back in the same session after 1 minute, then 10,\n"
		"and only then goes on to days. A right answer is rated with one\n"
		"key at a terminal (a line when piped), each rating showing the wait\n"
		"it gives: h hard, Enter good, e easy, a again (1 to 4 too). In\n"
		"learning, good takes the next step and easy jumps to 4 days; on\n"
		"days, hard is the interval times 1.2, good times the question's\n"
		"ease (2.5 to start), easy times the ease and 1.3, each at least a\n"
		"day more than the one before. Hard lowers the ease, easy raises\n"
		"it; a miss lowers it and relearns the question from 10 minutes.\n"
		"\n"
		"  --list   show the notebook: each question, times missed, next due\n"),
	.arg = ARG_WORDS,
	.words = review_words,
	.fn = cmd_review,
};
