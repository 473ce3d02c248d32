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

/* A pause counts this many seconds of typing time at most: the rest of
 * a longer one is idle time. */
#define TYPING_IDLE_SECONDS 5.0
#define TYPING_TALLY 64
/* Characters arriving less than TYPING_BURST_GAP seconds apart come in
 * one burst. An input method commits a phrase in one burst, a few
 * characters; a burst longer than TYPING_PHRASE_MAX characters was
 * pasted or sent by a program, not typed. */
#define TYPING_BURST_GAP 0.03
#define TYPING_PHRASE_MAX 8
/* Bursts that come this evenly spaced (the deviation of the gaps
 * between them under TYPING_EVEN of their mean, over TYPING_EVEN_MIN
 * gaps or more) were sent by a program: a person's rhythm varies. */
#define TYPING_EVEN 0.08
#define TYPING_EVEN_MIN 20
/* How far the live alignment lets the line as typed run ahead of or
 * behind its target: this many characters left out or added. */
#define TYPING_BAND 8
/* Speeds no person keeps up over a drill: above them a run is not
 * counted (a curriculum may set its own with max_speed). */
#define TYPING_CEILING_CPM 300
#define TYPING_CEILING_WPM 150

struct typing_tally {
	int32_t cp;		/* a target character */
	unsigned count;		/* times typed wrong */
};

/* How a target character stands against the line as typed. */
enum typing_mark { TYPING_AHEAD, TYPING_RIGHT, TYPING_WRONG };

/* What one line's keystrokes showed. */
struct typing_rec {
	int32_t *target;
	size_t ntarget;
	bool strict;		/* full-width letters and digits are not their half-width forms */
	int32_t *cur;		/* the line as it stands */
	size_t ncur, capcur;
	unsigned char *ok;	/* per character of cur: right under the alignment */
	long *at;		/* per character of cur: the target character it
				 * stands for, -1 for an extra one */
	unsigned char *mark;	/* per target character: enum typing_mark */
	int32_t *spare;		/* the next decode, swapped with cur */
	size_t capspare;
	unsigned *dp;		/* the band of the alignment table */
	size_t capdp;
	size_t dprows;		/* its rows that stand for cur, past row 0 */
	double shown;		/* when the line was shown (set by the caller) */
	double first, last;	/* seconds; first < 0 before any keystroke */
	double idle;		/* seconds of pauses past TYPING_IDLE_SECONDS */
	double lead;		/* of those, before the first keystroke */
	double active;		/* seconds between keystrokes no pause apart */
	unsigned pauses;
	size_t inserted;	/* characters that arrived */
	size_t wrong;		/* of those, slips: wrong, extra, or past one left out */
	size_t deleted;		/* 回改: wrong characters deleted */
	size_t bad;		/* wrong characters counted as slips, still in the line */
	double last_insert;	/* when characters last arrived; < 0 before */
	size_t burst;		/* characters in the burst now arriving */
	size_t longest_burst;
	bool pasted;		/* the terminal said some of the line was pasted */
	/* gaps between bursts, for how even they are: count, sum, squares */
	unsigned ngaps;
	double gaps, gaps2;
	struct typing_tally tally[TYPING_TALLY];
	size_t ntally;
};

/* strict: full-width Latin letters and digits (Ｔ, １, ％) differ from
 * their half-width forms; otherwise they count as them. */
void typing_rec_start(struct typing_rec *, const char *target, bool strict);
/* The line now reads `line` at time t (seconds, monotonic). */
void typing_rec_update(struct typing_rec *, const char *line, double t);
/* A keystroke at time t that need not change the line (Enter). */
void typing_rec_time(struct typing_rec *, double t);
void typing_rec_free(struct typing_rec *);
/* The line was pasted into (bracketed paste). */
void typing_rec_pasted(struct typing_rec *);
/* How target character i stands: ahead of what was typed, typed
 * right, or typed wrong, left out or doubled (the line as typed is
 * aligned to the target, so one slip marks one character). */
enum typing_mark typing_rec_mark(const struct typing_rec *, size_t i);
/* A character as compared: full-width Latin letters, digits and ％ as
 * their half-width forms unless strict. */
int32_t typing_fold(int32_t cp, bool strict);
/* Whether NFC leaves a character alone wherever it stands (ASCII,
 * Chinese and its punctuation), so lines of them need no NFC pass. */
bool typing_nfc_inert(int32_t cp);
/* Appends target with colour escapes: green where the line as typed is
 * right, red and underlined where it is wrong, plain past its end. */
void typing_paint(struct sb *, const struct typing_rec *, const char *target);

/* Aligns typed against target by edit distance, so one character left
 * out does not make the rest wrong. Sets the characters that match and
 * the edits; adds target characters typed wrong or left out to tally. */
void typing_align(const char *target, const char *typed, bool strict, size_t *matched,
		  size_t *edits, struct typing_tally *tally, size_t *ntally);

/* A drill's result over its lines. */
struct typing_result {
	size_t target_chars;	/* characters of the targets attempted */
	size_t typed_chars;	/* characters of the lines as sent */
	size_t correct;		/* aligned matches */
	size_t edits;		/* edit distance, summed */
	size_t inserted, wrong, deleted;
	double seconds;		/* typing time, each line from when it was shown,
				 * idle excluded */
	double idle;
	unsigned pauses;
	bool timed;		/* from keystrokes (else from piped lines) */
	bool strict;		/* set by the caller: see typing_rec_start() */
	bool pasted;		/* some line was pasted into */
	size_t longest_burst;	/* characters in the longest burst */
	unsigned ngaps;		/* gaps between bursts: count, sum, squares */
	double gaps, gaps2;
	size_t half_typed;	/* lines with under half their characters right */
	double active;		/* seconds between keystrokes no pause apart */
	size_t lines;		/* lines added */
	size_t slowest;		/* the line (0-based, as added) that took longest */
	double slowest_seconds;
	struct typing_tally tally[TYPING_TALLY];
	size_t ntally;
};

/* Why a run does not count for a gate; TYPING_COUNTED when it does.
 * Worst first: a run that was pasted and stopped early says pasted. */
enum typing_why {
	TYPING_COUNTED,
	TYPING_PASTED,		/* text was pasted */
	TYPING_MACHINE,		/* a burst longer than a phrase, or bursts evenly spaced */
	TYPING_TOO_FAST,	/* faster than the ceiling */
	TYPING_PIPED,		/* lines piped in, not typed at a terminal */
	TYPING_STOPPED,		/* stopped before the last line or the end of its time */
	TYPING_UNTYPED,		/* a line left (mostly) untyped, or the time let pass */
	TYPING_SHORT,		/* a --time shorter than the drill's own */
	TYPING_WHY_COUNT
};

/* What is known of a run when it ends. */
struct typing_run {
	bool terminal;		/* typed at a terminal */
	bool whole;		/* every line gone through, or the drill's whole time run */
	double limit;		/* the drill's own time limit, seconds; 0 for none */
	bool stopped;		/* ended by Ctrl-C, Ctrl-D or a signal before that */
	double ceiling;		/* the speed no run may pass, in the drill's unit */
};

/* Whether the gaps between bursts were as even as only a program keeps. */
bool typing_even(const struct typing_result *);
/* The one rule for whether a run counts for a gate. A whole run still
 * does not count when a line has under half its characters right, or,
 * timed, when keys came for under half the time. */
enum typing_why typing_verdict(const struct typing_run *, const struct typing_result *,
			       enum drill_unit);
/* The ceiling of a drill's unit, or max_speed when it is set (> 0). */
double typing_ceiling(enum drill_unit, double max_speed);
/* A short code for a reason, as stored ("pasted"), and back; the code
 * of TYPING_COUNTED is NULL. typing_why_parse() gives TYPING_WHY_COUNT
 * for a code it does not know. */
const char *typing_why_code(enum typing_why);
enum typing_why typing_why_parse(const char *);
/* Why the run is practice, in a sentence (translated). */
const char *typing_why_text(enum typing_why);

/* Adds one line: target, what was sent, and its recorder (NULL for a
 * piped line, with `seconds` the time it took). A line is timed from
 * when it was shown (rec.shown), or else from its first keystroke. */
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
