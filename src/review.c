/* review.c: the schedule of the notebook, as Anki's SM-2 variant. */
#include "config.h"

#include <math.h>

#include "review.h"
#include "util.h"

#define DAY 86400.0

struct card
review_new(long long now)
{
	struct card c = { 0, REVIEW_START_EASE, 0, now };

	return c;
}

bool
review_learning(struct card c)
{
	return c.interval < 1;
}

/* A step's length as an interval in days, and the card due after it. */
static struct card
step(struct card c, int seconds, long long now)
{
	c.interval = seconds / DAY;
	c.due = now + seconds;
	return c;
}

static struct card
days(struct card c, double d, long long now)
{
	c.interval = d;
	c.due = now + (long long)(d * DAY);
	return c;
}

struct card
review_next(struct card c, enum rating r, long long now)
{
	double hard, good, easy;

	if (review_learning(c)) {
		/* the second step once its 10 minutes are the interval */
		bool second = c.interval * DAY >= REVIEW_STEP_2 - 1;

		switch (r) {
		case RATE_AGAIN:
			return step(c, REVIEW_STEP_1, now);
		case RATE_HARD:
			return step(c, second ? REVIEW_STEP_2 : REVIEW_HARD_FIRST, now);
		case RATE_GOOD:
			if (!second)
				return step(c, REVIEW_STEP_2, now);
			c.reps = 1;
			return days(c, REVIEW_GRADUATE, now);
		case RATE_EASY:
			c.reps = 1;
			return days(c, REVIEW_EASY_GRADUATE, now);
		}
		BUG("rating %d", (int)r);
	}
	if (r == RATE_AGAIN) {
		/* a lapse: relearned from the last step, the ease down */
		c.ease = fmax(REVIEW_MIN_EASE, c.ease - 0.20);
		c.reps = 0;
		return step(c, REVIEW_STEP_2, now);
	}
	/* each button at least a day on from the one before it */
	hard = fmax(round(c.interval * 1.2), c.interval + 1);
	good = fmax(round(c.interval * c.ease), hard + 1);
	easy = fmax(round(c.interval * c.ease * 1.3), good + 1);
	c.reps++;
	if (r == RATE_HARD) {
		c.ease = fmax(REVIEW_MIN_EASE, c.ease - 0.15);
		return days(c, hard, now);
	}
	if (r == RATE_EASY) {
		c.ease += 0.15;
		return days(c, easy, now);
	}
	return days(c, good, now);
}

const char *
review_rating_label(enum rating r)
{
	static const char *const labels[] = {
		N_("Again"), N_("Hard"), N_("Good"), N_("Easy")
	};

	return labels[r];
}

const char *
review_rating_name(enum rating r)
{
	static const char *const names[] = { "again", "hard", "good", "easy" };

	return names[r];
}
