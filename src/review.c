/* review.c: the SM-2 schedule. */
#include "config.h"

#include <math.h>

#include "review.h"
#include "util.h"

struct card
review_new(long long now)
{
	struct card c = { 0, REVIEW_START_EASE, 0, now };

	return c;
}

struct card
review_next(struct card c, enum rating r, long long now)
{
	static const double ease_delta[] = { -0.20, -0.15, 0, 0.15 };

	c.ease += ease_delta[r];
	if (c.ease < REVIEW_MIN_EASE)
		c.ease = REVIEW_MIN_EASE;
	if (r == RATE_AGAIN) {
		c.reps = 0;
		c.interval = 1;
	} else {
		c.reps++;
		if (c.reps == 1)
			c.interval = 1;
		else if (c.reps == 2)
			c.interval = 6;
		else if (r == RATE_HARD)
			c.interval = round(c.interval * 1.2);
		else if (r == RATE_EASY)
			c.interval = round(c.interval * c.ease * 1.3);
		else
			c.interval = round(c.interval * c.ease);
		if (c.interval < 1)
			c.interval = 1;
	}
	c.due = now + (long long)(c.interval * 86400);
	return c;
}

const char *
review_rating_name(enum rating r)
{
	static const char *const names[] = { "again", "hard", "good", "easy" };

	return names[r];
}
