/* quiz.h: papers, answers and scores. Pure functions: a paper is drawn
 * from a seed, answers are read from what a person types, and scored
 * against the quiz's key; nothing here touches the terminal or the store.
 *
 * Ownership: a struct paper and the strings quiz_* functions return are
 * malloc'd; free them with paper_free() and free(). */
#ifndef KEFU_QUIZ_H
#define KEFU_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"

/* One drawn question: which one, and the order its options are shown in
 * (shown position -> written index): choices, steps, or match's right
 * sides. */
struct paper_item {
	size_t q;		/* index into quiz->questions */
	unsigned *perm;
	size_t nperm;
};

struct paper {
	struct paper_item *items;
	size_t n;
};

/* A small PRNG (splitmix64): the same seed gives the same paper. */
uint64_t quiz_random(uint64_t *state);

/* Draws a paper: `draw` questions (per tag where the quiz says so), in
 * shuffled order with shuffled choices unless shuffle is off; order steps
 * and match sides are always shuffled, or they would give the answer. */
struct paper *quiz_draw(const struct quiz *, uint64_t seed);
/* A per-tag draw as a matching of the quiz's draw slots to questions,
 * each question used at most once; questions are tried in random order
 * when rng is given, else in written order. Writes the chosen question
 * indexes to picked (room for nquestions) and returns how many were
 * matched: fewer than asked means the tags cannot meet the draw. */
bool quiz_has_tag(const struct question *, const char *tag);
size_t quiz_draw_tags(const struct quiz *, uint64_t *rng, size_t *picked);
/* Where two papers of a draw part: one may hold question a where
 * another holds b (indexes into quiz->questions), and the two differ in
 * points, type or the drawn tags they carry; tag is the draw's tag
 * whose slot the one or the other takes, NULL for a draw of a number
 * from the whole pool. */
struct draw_uneven {
	const char *tag;
	size_t a, b;
};
/* Whether every paper quiz_draw() can give has the same total points
 * and, for each tag the draw names, the same number of questions of
 * each type: what an exam needs for its papers to be compared. When
 * not, says where two papers part. A draw the questions cannot meet
 * counts as alike; draw checks report it. */
bool quiz_draw_uniform(const struct quiz *, struct draw_uneven *why);
/* Sets up one question's option order on its own (for review). */
void quiz_item(const struct question *, size_t index, bool mix, uint64_t *rng,
	       struct paper_item *);
/* A paper as stored text ("id:2,0,1\n" per question) and back. Reading
 * fails (NULL) when the quiz has changed so the paper no longer fits. */
char *paper_encode(const struct quiz *, const struct paper *);
struct paper *paper_decode(const struct quiz *, const char *);
void paper_free(struct paper *);

/* Reads what a person typed for a question as shown. On success returns
 * the response in its stored form (in written indexes, so it does not
 * depend on the shuffle); on failure NULL with *hint saying what the
 * answer should look like. */
char *quiz_parse(const struct question *, const struct paper_item *,
		 const char *typed, const char **hint);
/* Points for a stored response: 0..question points. Essays return -1
 * (a trainer grades them). */
double quiz_score(const struct question *, const char *response);
/* The right answer in words, as the paper shows it (letters in shown
 * order); caller frees. */
char *quiz_key(const struct question *, const struct paper_item *);
/* Whether a quiz's trainees may see its key: the right answers on the
 * end screen, wrong answers in their notebook (`kefu review`). An exam
 * keeps its key sealed unless it says `review: true`. The one rule for
 * the quiz, the notebook, review and progress alike. */
bool quiz_key_open(const struct quiz *);
/* Reads points a trainer gives (folded text): a number from 0 to max in
 * hundredths at most; 2.555 is refused, never rounded. */
bool quiz_points_parse(const char *, double max, double *points);
/* The unit taken off folded text for q (whose unit may be NULL): 50字
 * and 五十字 give 50 and 五十. NULL, with *other set, when a number
 * carries a different unit (50秒 for 字). Caller frees. */
char *quiz_unit_strip(const struct question *, const char *folded, bool *other);
/* Appends q's unit as a number carries it: "%" for percent, else a
 * space and the unit; nothing when it has none. */
void quiz_add_unit(struct sb *, const struct question *);
/* A stored response in words, as the paper shows it; caller frees. */
char *quiz_response_text(const struct question *, const struct paper_item *,
			 const char *response);

/* Reads a stored choice response "2,0,1" (choice indexes as the
 * question lists them) into out, at most max; returns the count. */
size_t quiz_stored_choices(const char *s, unsigned *out, size_t max);

#endif
