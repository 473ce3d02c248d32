/* ask.h: putting one question to a person and reading the answer, for
 * quizzes and reviews alike. Reads through term_read(), so it works at a
 * terminal and with piped input. */
#ifndef KEFU_ASK_H
#define KEFU_ASK_H

#include "kefu.h"
#include "quiz.h"

/* The most characters an answer holds: an essay, and any other type */
#define ASK_ESSAY_MAX 4000
#define ASK_ANSWER_MAX 500

enum ask_result {
	ASK_ANSWER,	/* *response holds the stored form; caller frees */
	ASK_SKIP,	/* "skip": come back later */
	ASK_BACK,	/* "back": go to a skipped question */
	ASK_GOTO,	/* "goto N": *response holds N, in digits; caller frees */
	ASK_STOP,	/* end of input, SIGHUP or SIGTERM */
	ASK_TIMEOUT,	/* the deadline set with term_deadline() passed */
	ASK_INTERRUPT	/* Ctrl-C */
};

/* Appends the question as shown: type, points, text and its options. */
void ask_show(struct sb *, const struct question *, const struct paper_item *,
	      bool moves);
/* Reads until an answer can be read, giving hints for ones that cannot:
 * control characters, bytes that are not UTF-8 and answers over the
 * length limit are refused, never cut. `moves` allows skip, back and
 * goto N.
 * Answers stay out of the shell's history. */
enum ask_result ask_read(const struct question *, const struct paper_item *,
			 bool moves, char **response);
/* An essay's draft, kept while it is typed: text is what was kept
 * before (NULL for none; borrowed), save() keeps the draft as it stands
 * (0, or non-zero when it could not). */
struct ask_draft {
	const char *text;
	int (*save)(const char *draft, void *arg);
	void *arg;
};
/* Reads an essay over several lines: a line holding only "." ends it; the
 * first line may be skip, back or goto N. At a terminal Ctrl-X Ctrl-E
 * opens the editor on the draft. Each line taken goes through d (may be
 * NULL). At a time limit (ASK_TIMEOUT) *response holds what was typed
 * before it, or NULL. */
enum ask_result ask_read_essay(const struct question *, const struct paper_item *,
			       bool moves, struct ask_draft *d, char **response);
/* Appends right, partly right or wrong, with the key and explanation
 * when key_ok (never for an exam), for an answer worth `points`. */
void ask_feedback(struct sb *, const struct kefu *, const struct question *,
		  const struct paper_item *, double points, bool key_ok);
/* Whether folded text is "goto N" (also "go N", "跳到 N", "第N题"): sets
 * *n to N, which may be any whole number. */
bool ask_goto(const char *folded, long *n);
/* Short name of a question type: 单选, 多选, ... */
const char *ask_type_label(enum qtype);

#endif
