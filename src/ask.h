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
	ASK_STOP,	/* end of input, SIGHUP or SIGTERM */
	ASK_TIMEOUT,	/* the deadline set with term_deadline() passed */
	ASK_INTERRUPT	/* Ctrl-C */
};

/* Appends the question as shown: type, points, text and its options. */
void ask_show(struct sb *, const struct question *, const struct paper_item *,
	      bool moves);
/* Reads until an answer can be read, giving hints for ones that cannot:
 * control characters, bytes that are not UTF-8 and answers over the
 * length limit are refused, never cut. `moves` allows skip and back.
 * Answers stay out of the shell's history. */
enum ask_result ask_read(const struct question *, const struct paper_item *,
			 bool moves, char **response);
/* Appends right, partly right or wrong, with the key and explanation
 * when key_ok (never for an exam), for an answer worth `points`. */
void ask_feedback(struct sb *, const struct kefu *, const struct question *,
		  const struct paper_item *, double points, bool key_ok);
/* Short name of a question type: 单选, 多选, ... */
const char *ask_type_label(enum qtype);

#endif
