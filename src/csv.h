/* csv.h: reading CSV (RFC 4180): comma-separated fields, "quoted" fields
 * that may hold commas, doubled quotes and line breaks, CRLF or LF line
 * ends, a UTF-8 byte order mark allowed at the start. Pure.
 *
 * Ownership: the fields handed to a callback belong to the parser and
 * live until the callback returns. */
#ifndef KEFU_CSV_H
#define KEFU_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* The largest CSV file kefu reads (an import): 16 MiB. */
#define CSV_MAX (16u << 20)

struct csv_record {
	const char *const *fields;
	const unsigned *lines;	/* where each field starts: line, from 1, */
	const unsigned *cols;	/* and column, from 1, in characters */
	size_t n;
	unsigned line;		/* where the record starts, from 1 */
};

/* Calls fn for each record of buf (n bytes), blank lines skipped; stops
 * when fn returns non-zero and returns that. On malformed input returns
 * -1 with *line and *col (from 1, in characters) at the fault and
 * *why saying what is wrong. */
int csv_parse(const char *buf, size_t n,
	      int (*fn)(const struct csv_record *, void *), void *arg,
	      unsigned *line, unsigned *col, const char **why);

/* The records of a sheet as shops save one: an empty row (",,,") is
 * nothing; up to five title lines above the header ("2026年11月客服绩效",
 * one filled cell that is not a key heading) are skipped; then the
 * header, then rows. A row has the header's fields; empty cells past
 * the last heading are none. A file of one column holding ';' or a tab
 * (a sheet saved with another separator) has that as its header. */
struct csv_sheet {
	size_t ncols;		/* the header's fields, once read */
	unsigned titles;
	bool header_done;
};
enum csv_sheet_line {
	CSV_SHEET_SKIP,		/* an empty row or a title */
	CSV_SHEET_HEADER,
	CSV_SHEET_ROW,
	CSV_SHEET_WIDTH,	/* a row of more or fewer fields than the header */
};
/* What record r is, the sheet being zeroed before the first;
 * key_heads: the headings (a NULL-ended list) of a column the header
 * must have, so that a header of one cell is no title. */
enum csv_sheet_line csv_sheet_line(struct csv_sheet *, const struct csv_record *r,
				   const char *const *key_heads);

/* A header cell names a column: the same as name in any case and width
 * (text_fold()), spaces around it ignored, a unit in brackets after it
 * too (询单转化率(%), 客单价（元）). */
bool csv_heading_is(const char *cell, const char *name);
/* The same for any of names, a list ending with NULL. */
bool csv_heading_any(const char *cell, const char *const *names);
/* A cell without the spaces and tabs a spreadsheet leaves around it;
 * the caller frees it. */
char *csv_cell(const char *);

#endif
