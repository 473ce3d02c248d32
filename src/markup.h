/* markup.h: the small markup of lesson text, laid out for a screen by
 * display width, so Chinese lines up. Pure: text in, text out.
 *
 * A lesson's lines are read one by one:
 *   # Heading, ## Heading   a heading: numbered, so `kefu study LESSON 2`
 *                           opens at the second
 *   - item                  a list item, wrapped with a hanging indent
 *   | a | b | c |           a table row; rows in a run are one table, its
 *                           columns padded to the widest cell; a row of
 *                           only |, - and : (|---|---|) under the first
 *                           makes the first a heading row
 *   anything else           a line of prose, wrapped at the width
 * Blank lines are kept. Text with no markup comes out as written, only
 * wrapped: a Chinese line between any two characters (never before a
 * closing mark such as ，。), a Latin one between words. */
#ifndef KEFU_MARKUP_H
#define KEFU_MARKUP_H

#include <stddef.h>

#include "util.h"

struct markup_heading {
	char *text;		/* without the #s */
	int level;		/* 1 for #, 2 for ## ... */
	size_t line;		/* 0-based line of the laid-out text it starts */
};

/* A lesson laid out: the text and its headings. Free with markup_free(). */
struct markup {
	struct sb out;
	struct markup_heading *heads;
	size_t nheads;
};

/* Lays text out for width columns (20 at least). */
void markup_layout(const char *text, int width, struct markup *);
void markup_free(struct markup *);
/* The heading a section names: its number (1-based) or the start of its
 * text, width and case folded ("商品03", "店铺"). Its index, or -1 when
 * none matches and -2 when a start matches more than one. */
long markup_find(const struct markup *, const char *section);
/* Appends s (one line) wrapped at width columns as lessons are: between
 * any two Chinese characters but never before a closing mark (，。) or
 * after an opening one, a Latin line between words. The first line goes
 * after what is already written (first_w columns), the rest after rest.
 * Ends without a newline; returns the number of lines started. */
size_t markup_wrap(struct sb *, const char *s, int width, int first_w,
		   const char *rest);
/* The level of a heading line of n bytes (1 for "# ..."), 0 when the
 * line is not one: the one rule for what a section is. */
int markup_heading_level(const char *line, size_t n);
/* Checks the markup: 0 when it is good, or the 1-based line within text
 * of a table row with another number of cells than its table's first
 * row, with *col its column and *cells and *want the counts. */
size_t markup_check(const char *text, size_t *col, size_t *cells, size_t *want);

#endif
