/* text.h: UTF-8 text as people see it: characters, screen columns,
 * control characters made inert, and closeness of spellings.
 * Pure functions; strings they return are malloc'd and the caller frees. */
#ifndef KEFU_TEXT_H
#define KEFU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decodes one character at s (n bytes left). Returns its length in bytes
 * and sets *cp, or returns 0 for an invalid or truncated sequence. */
size_t text_decode(const char *s, size_t n, int32_t *cp);
/* Writes one character as UTF-8 and a NUL into buf (at least 5 bytes). */
void text_encode(int32_t cp, char *buf);
/* Checks UTF-8. On failure returns false and sets *bad to the offset of
 * the first bad byte. */
bool text_valid(const char *s, size_t n, size_t *bad);
/* Number of characters (not bytes). Invalid bytes count one each. */
size_t text_chars(const char *s);
/* Screen columns: a Chinese character takes two, a combining mark none. */
int text_width(const char *s);
/* Columns one character takes at a terminal: 0 for a control. */
int text_cp_width(int32_t cp);
/* True for what text_inert() escapes: C0, DEL, C1 and bidi controls. */
bool text_is_control(int32_t cp);
/* Appends s made inert: control characters (C0, DEL, C1) and bidi
 * overrides become visible escapes like \x1b or <U+202E>; newlines and
 * tabs pass when keep_newlines is set. Invalid bytes show as \xNN. */
void text_inert(struct sb *, const char *s, bool keep_newlines);
/* Appends s made inert and padded with spaces to at least width columns;
 * longer text is cut at a character boundary and ends with an ellipsis
 * when cut is set. */
void text_pad(struct sb *, const char *s, int width, bool cut);
/* Appends s made inert, right-aligned in width columns (spaces first);
 * wider text is not cut. Returns the columns it took: width, or more. */
int text_pad_left(struct sb *, const char *s, int width);
/* What is wrong with a typed answer, if anything. */
enum text_answer {
	TEXT_ANSWER_OK,
	TEXT_ANSWER_CONTROL,	/* a C0 control (NUL, tab...), DEL or C1 */
	TEXT_ANSWER_INVALID,	/* a byte that is not UTF-8 */
	TEXT_ANSWER_LONG	/* more than max_chars characters */
};
/* The rule for every answer a person types: UTF-8 text without control
 * characters, of at most max_chars characters. s holds len bytes, NULs
 * included. *what tells more: the control character, the offset of the
 * first bad byte, or the number of characters. A bad character is told
 * before the length. */
enum text_answer text_answer_check(const char *s, size_t len, size_t max_chars,
				   size_t *what);
/* The form answers are compared in: compatibility characters folded
 * (full-width Ａ１ to A1), case folded, Chinese punctuation to its ASCII
 * counterpart (，。、：“” to , . , : ""), spaces trimmed and runs of white
 * space made one space. Caller frees. */
char *text_fold(const char *s);
/* Reads a plain decimal number (12, -0.5, 1.5e3): no hex, inf or nan,
 * nothing after it. */
bool text_number(const char *, double *);
/* A number as people read it, on screens and in reports alike: at most
 * two decimals, no trailing zeros, never "-0" (0.67, 76.5, 12). Writes
 * into buf, TEXT_NUM_MAX bytes, and returns it; NUM(x) gives one such
 * buffer for the length of the statement it is used in. */
#define TEXT_NUM_MAX 32
char *text_num(char *buf, double x);
#define NUM(x) text_num((char[TEXT_NUM_MAX]){ 0 }, (x))
/* Whether s holds nothing but white space (ASCII or the ideographic
 * space): a reason of "   " is no reason. */
bool text_blank(const char *s);
/* Edit distance counted in characters. */
size_t text_distance(const char *a, const char *b);
/* Of the candidates, the closest to s if it is close enough to be a
 * plausible typo, else NULL. */
const char *text_suggest(const char *s, const char *const *cands, size_t n);

#endif
