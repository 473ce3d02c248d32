/* review.h: spaced review of the 错题本 (questions once answered wrong),
 * scheduled the way Anki does (its SM-2 variant). A pure function of the
 * card's state, the rating and the time.
 *
 * The rules, as Anki's defaults have them:
 *   - A card missed (a wrong quiz answer, or a lapse in review) is in
 *     learning: it comes back after 1 minute, then 10 minutes (the
 *     learning steps), in the same session, before day intervals start.
 *     In learning, again goes back to the first step; hard repeats the
 *     step (on the first, halfway to the second: 6 minutes); good moves
 *     to the next step, and after the last graduates to 1 day; easy
 *     graduates at once to 4 days. The ease does not change in learning.
 *   - A card on day intervals: again is a lapse (ease − 0.20, relearned
 *     from the 10-minute step); hard is interval × 1.2 (ease − 0.15);
 *     good is interval × ease; easy is interval × ease × 1.3 (ease
 *     + 0.15). Each is at least a day more than the one before it (hard
 *     more than the interval, good more than hard, easy more than good),
 *     so the buttons always differ. The ease never goes under 1.3.
 *   - Intervals in days are whole days; due is now plus the interval. */
#ifndef KEFU_REVIEW_H
#define KEFU_REVIEW_H

#include <stdbool.h>

enum rating { RATE_AGAIN, RATE_HARD, RATE_GOOD, RATE_EASY };

struct card {
	int reps;		/* reviews passed in a row on day intervals */
	double ease;		/* starts at 2.5, never below 1.3 */
	double interval;	/* days; under one while in learning: the step */
	long long due;		/* seconds since the epoch */
};

#define REVIEW_START_EASE 2.5
#define REVIEW_MIN_EASE 1.3
#define REVIEW_STEP_1 60		/* seconds: the learning steps */
#define REVIEW_STEP_2 600
#define REVIEW_HARD_FIRST 360		/* hard on the first step */
#define REVIEW_GRADUATE 1		/* days, after the last step */
#define REVIEW_EASY_GRADUATE 4		/* days, for easy in learning */
/* A card in learning due within this many seconds is shown in the
 * session that has nothing else left, as Anki's learn-ahead limit. */
#define REVIEW_LEARN_AHEAD 1200

/* The card after a review at `now`. */
struct card review_next(struct card, enum rating, long long now);
/* A card for a question just answered wrong: in learning, due at once. */
struct card review_new(long long now);
/* Whether a card is in learning (its steps are minutes, not days). */
bool review_learning(struct card);
/* The rating as stored ("good") and as shown, for gettext ("Good"). */
const char *review_rating_name(enum rating);
const char *review_rating_label(enum rating);

#endif
