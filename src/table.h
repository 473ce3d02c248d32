/* table.h: the rows of a report, written as a text table lined up by
 * screen columns, as CSV (RFC 4180) or as one JSON document. Pure: it
 * writes into a string buffer.
 *
 * Ownership: a table copies every string given to it except the column
 * keys and headings, which must outlive it; table_free() frees the rest. */
#ifndef KEFU_TABLE_H
#define KEFU_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* A CELL_WORD is one of a fixed set of English words (a state, an
 * outcome): CSV and JSON carry it as it is, a text table shows it in the
 * user's language. */
enum cell_kind { CELL_NULL, CELL_TEXT, CELL_WORD, CELL_NUM };

/* 16 bytes; a cell's text is in the table's one buffer of text. */
struct cell {
	unsigned char kind;	/* enum cell_kind */
	signed char decimals;	/* CELL_NUM: shown in text tables and CSV */
	int width;		/* screen columns as a text table shows it,
				 * set while one is written */
	union {
		double num;	/* CELL_NUM */
		size_t text;	/* CELL_TEXT, CELL_WORD: where in text */
	} u;
};

struct column {
	const char *key;	/* stable, for CSV headers and JSON keys */
	const char *head;	/* for people, in text tables */
};

struct table {
	const char *name;	/* the report's name, for JSON */
	const struct column *cols;
	size_t ncols;
	struct cell *cells;	/* nrows × ncols */
	size_t nrows, filled, cap;
	struct sb text;		/* the cells' text, each ended by a NUL */
	/* what the rows cover, as pairs of a key (a msgid) and a value:
	 * a CSV's first row and members of the JSON document */
	const char *const *cover;
	size_t ncover;		/* pairs */
	bool localize;		/* CSV: headings and words in the user's language */
};

enum table_format { TABLE_TEXT, TABLE_CSV, TABLE_JSON };

/* True when the user's language is not English: kefu's messages are
 * translated (CSV for spreadsheets then speaks it). */
bool table_translated(void);

void table_init(struct table *, const char *name, const struct column *,
		size_t ncols);
/* Cells are added in order, row after row. */
void table_text(struct table *, const char *s);	/* NULL adds a null */
void table_word(struct table *, const char *msgid);	/* NULL adds a null */
void table_num(struct table *, double v, int decimals);
void table_null(struct table *);
/* The cell at row r, column c, and the text of a text cell. */
const struct cell *table_cell(const struct table *, size_t r, size_t c);
const char *table_cell_text(const struct table *, const struct cell *);
void table_free(struct table *);

/* Parses a --format value; false when it is none of table, csv, json. */
bool table_format_parse(const char *, enum table_format *);
/* Text: headings, then rows; text cells made inert and padded by
 * screen columns, numbers right-aligned, nulls as "-". CSV: a header of
 * keys, CRLF line ends, fields quoted when they must be, text that a
 * spreadsheet would take for a formula (= + - @) prefixed with '; bom
 * starts the file with a UTF-8 byte order mark for Excel; with a cover,
 * a first row of "key: value" cells says what the rows cover; localize
 * writes headings and words as a text table does. JSON: an object
 * {"report": name, cover key: value, ..., "rows": [{key: value, ...},
 * ...]}, with control characters escaped. */
void table_write(struct sb *, struct table *, enum table_format, bool bom);
/* The same written to out, a piece at a time. */
void table_print(FILE *out, struct table *, enum table_format, bool bom);
/* The rows held as an HTML <table id="id">: headings and words in the
 * user's language, text made inert and escaped, nulls as "-". */
void table_html(struct sb *, const struct table *, const char *id);
/* s made inert and escaped for HTML text or a quoted attribute. */
void table_html_text(struct sb *, const char *s);
/* A table too large to hold, made a row at a time: fill(t, r, arg) adds
 * the cells of row r, and only that row's are held. A text table calls
 * it twice a row, to measure every row and then to write each, so fill
 * must add the same cells both times. The table t is initialised (no
 * rows) and its columns set; to out, a piece at a time, when out is not
 * NULL, else into sb. */
typedef void table_fill_fn(struct table *, size_t r, void *arg);
void table_write_rows(struct sb *, FILE *out, struct table *, size_t nrows,
		      table_fill_fn *fill, void *arg, enum table_format, bool bom);
/* Appends s as a JSON string, quotes included. */
void table_json_string(struct sb *, const char *s);

#endif
