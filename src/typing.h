/* typing.h: typing measures. Pure functions: a recorder is fed the
 * input line as it stands after each change, with the time of the
 * change, and lines are scored against their targets.
 *
 * Characters are Unicode characters. Text from an input method arrives
 * committed, several characters at once: it counts as what arrived.
 *
 * Ownership: typing_rec_start() allocates; typing_rec_free() frees. */
#ifndef KEFU_TYPING_H
#define KEFU_TYPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"

/* Pauses longer than this are idle time, not typing time. */
#define TYPING_IDLE_SECONDS 5.0
#define TYPING_TALLY 64

struct typing_tally {
	int32_t cp;		/* a target character */
	unsigned count;		/* times typed wrong */
};

/* What one line's keystrokes showed. */
struct typing_rec {
	int32_t *target;
	size_t ntarget;
	int32_t *cur;		/* the line as it stands */
	size_t ncur, capcur;
	double first, last;	/* seconds; first < 0 before any keystroke */
	double idle;		/* seconds in pauses over the threshold */
	unsigned pauses;
	size_t inserted;	/* characters that arrived */
	size_t wrong;		/* of those, wrong where they arrived */
	size_t deleted;		/* 回改: characters deleted */
	size_t skew;		/* target characters left out so far */
	struct typing_tally tally[TYPING_TALLY];
	size_t ntally;
};

void typing_rec_start(struct typing_rec *, const char *target);
/* The line now reads `line` at time t (seconds, monotonic). */
void typing_rec_update(struct typing_rec *, const char *line, double t);
/* A keystroke at time t that need not change the line (Enter). */
void typing_rec_time(struct typing_rec *, double t);
void typing_rec_free(struct typing_rec *);
/* Whether character i of the line as typed matches the target there. */
bool typing_rec_right(const struct typing_rec *, size_t i);
/* Whether NFC leaves a character alone wherever it stands (ASCII,
 * Chinese and its punctuation), so lines of them need no NFC pass. */
bool typing_nfc_inert(int32_t cp);
/* Appends target with colour escapes: green where the line as typed is
 * right, red and underlined where it is wrong, plain past its end. */
void typing_paint(struct sb *, const struct typing_rec *, const char *target);

/* Aligns typed against target by edit distance, so one character left
 * out does not make the rest wrong. Sets the characters that match and
 * the edits; adds target characters typed wrong or left out to tally. */
void typing_align(const char *target, const char *typed, size_t *matched,
		  size_t *edits, struct typing_tally *tally, size_t *ntally);

/* A drill's result over its lines. */
struct typing_result {
	size_t target_chars;	/* characters of the targets attempted */
	size_t typed_chars;	/* characters of the lines as sent */
	size_t correct;		/* aligned matches */
	size_t edits;		/* edit distance, summed */
	size_t inserted, wrong, deleted;
	double seconds;		/* typing time, idle excluded */
	double idle;
	unsigned pauses;
	bool timed;		/* from keystrokes (else from piped lines) */
	struct typing_tally tally[TYPING_TALLY];
	size_t ntally;
};

/* Adds one line: target, what was sent, and its recorder (NULL for a
 * piped line, with `seconds` the time it took). */
void typing_add_line(struct typing_result *, const char *target,
		     const char *typed, const struct typing_rec *, double seconds);
/* Speeds in the unit: characters a minute (字/分) or words of five
 * characters a minute (WPM); raw counts every character sent, net only
 * the right ones. 0 when no time was measured. */
double typing_raw_speed(const struct typing_result *, enum drill_unit);
double typing_net_speed(const struct typing_result *, enum drill_unit);
/* Percent: 100 × (1 − edits / target characters), never below 0. */
double typing_accuracy(const struct typing_result *);
/* Percent of arrived characters that were right where they arrived. */
double typing_key_accuracy(const struct typing_result *);
/* Sorts the tally, most mistyped first. */
void typing_tally_sort(struct typing_tally *, size_t);

#endif
