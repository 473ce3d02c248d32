/* review.h: spaced review of the 错题本 (questions once answered wrong),
 * in the SM-2 family that Anki uses. A pure function of the card's state,
 * the rating and the time. */
#ifndef KEFU_REVIEW_H
#define KEFU_REVIEW_H

enum rating { RATE_AGAIN, RATE_HARD, RATE_GOOD, RATE_EASY };

struct card {
	int reps;		/* right answers in a row */
	double ease;		/* starts at 2.5, never below 1.3 */
	double interval;	/* days */
	long long due;		/* seconds since the epoch */
};

#define REVIEW_START_EASE 2.5
#define REVIEW_MIN_EASE 1.3

/* The card after a review at `now`:
 *   again: reps 0, interval 1 day, ease - 0.20
 *   hard:  as good, but ease - 0.15 and, from the third, interval × 1.2
 *   good:  intervals 1 day, 6 days, then interval × ease
 *   easy:  as good, but ease + 0.15 and, from the third, × ease × 1.3
 * Intervals are whole days; due is now plus the interval. */
struct card review_next(struct card, enum rating, long long now);
/* A card for a question just answered wrong: due at once. */
struct card review_new(long long now);
const char *review_rating_name(enum rating);

#endif
