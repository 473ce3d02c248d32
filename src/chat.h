/* chat.h: a chat scenario's replies marked (模拟接待). Pure: no I/O.
 *
 * A turn scores the share of its expected points the reply makes (1 when
 * it expects none), halved when the reply came after the turn's time,
 * and 0 when it holds one of the turn's avoid words or a word of the
 * scenario's rule lists. The scenario's score is the mean of its turns,
 * in percent; its pass mark decides. Words match anywhere in a reply,
 * width and case folded as kb_fold() folds them.
 *
 * Ownership: a struct chat_mark owns its arrays (chat_mark_free()), and
 * hits their folded words (chat_hits_free()); the words and reasons in
 * hits point into the content. */
#ifndef KEFU_CHAT_H
#define KEFU_CHAT_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

struct chat_hit {
	const char *word;	/* as the content writes it */
	char *folded;		/* as it matched (kb_fold()), owned */
	const char *why;	/* a rule list's reason; NULL for an avoid word */
	const char *list;	/* the rule list's id; NULL for an avoid word */
};

struct chat_mark {
	bool *made;		/* for each expected point of the turn */
	size_t nmade;		/* how many were made */
	struct chat_hit *hits;
	size_t nhits;
	bool late;		/* the reply came after the turn's time */
	double score;		/* 0 to 1 */
};

/* The one scoring rule for a turn. */
double chat_turn_score(size_t made, size_t expected, bool late, bool spoiled);
/* The scenario's percent from its turns' scores (a turn not replied to
 * scores 0), to 0.1. */
double chat_percent(const double *scores, size_t nturns);
bool chat_passed(const struct scenario *, double percent);
/* The one rule for whether a run counts for a gate: NULL when it does,
 * else why not, as stored: "piped" (a reply's time was not measured)
 * or "pasted" (a reply was pasted, or came in a burst no one types). */
const char *chat_why(bool piped, bool pasted);

/* Marks a reply to turn t of sc; seconds < 0 when the time was not
 * measured (piped input), which is never late. */
void chat_mark(const struct scenario *sc, const struct turn *t, const char *reply,
	       double seconds, struct chat_mark *m);
void chat_mark_free(struct chat_mark *);

/* Appends to *hits (with *n of them, growing) every word of the lists
 * that text holds, in list order; returns how many were added. Free the
 * hits with chat_hits_free(). */
size_t chat_rule_hits(const struct rule_list *const *lists, size_t nlists,
		      const char *text, struct chat_hit **hits, size_t *n);
void chat_hits_free(struct chat_hit *, size_t n);

#endif
