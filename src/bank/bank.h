/* bank.h: question banks in other tools' formats (an Excel 题库 sheet
 * saved as CSV, GIFT, Moodle XML, Aiken), read into one model of a
 * question and written from it. `kefu import` reads a bank and writes a
 * quiz file; `kefu export` makes a bank of a quiz.
 *
 * One file per format: excel.c, gift.c, moodle.c (libxml2), aiken.c;
 * bank.c holds the model, the quiz file writer and the guess of a
 * format. All pure (no file or terminal I/O): the commands read and
 * write the files.
 *
 * Ownership: a struct bank owns every string and array in it, and
 * bank_free() frees them all; strings go in through bank_str() and the
 * bank_add_*() helpers, which copy. */
#ifndef KEFU_BANK_H
#define KEFU_BANK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "util.h"

enum bank_format {
	BANK_EXCEL_CSV, BANK_GIFT, BANK_MOODLE_XML, BANK_AIKEN, BANK_YAML,
	BANK_NFORMATS
};

/* One question as every format can hold it; the fields are those of a
 * struct question (content.h), owned. */
struct bank_q {
	char *id;		/* NULL: made from its place when written */
	enum qtype type;
	double points;		/* 1 when the file does not say */
	char **tags;		/* a category is a tag */
	size_t ntags;
	char *text;
	char *explain;		/* NULL when none */
	char *rubric;		/* essay; NULL when none */
	char **choices;		/* single, multi */
	bool *correct;		/* single, multi: a flag for each choice */
	size_t nchoices;
	bool partial;		/* multi: scoring: partial */
	bool truth;		/* truefalse */
	char **accepted;	/* fill */
	size_t naccepted;
	double number, tolerance;	/* numeric */
	char *unit;		/* numeric, fill; NULL when none */
	char **steps;		/* order, in the right order */
	size_t nsteps;
	char **left, **right;	/* match */
	size_t npairs;
	unsigned line;		/* where it starts in its file, from 1; 0 none */
};

enum bank_note_kind {
	BANK_SKIPPED,		/* a question left out: no kefu type for it */
	BANK_LOSS,		/* converted, something of it lost */
	BANK_ERROR,		/* the file cannot be read as the format */
};

struct bank_note {
	enum bank_note_kind kind;
	unsigned line, col;	/* from 1; 0 when not known */
	char *what;		/* in the user's language */
	size_t seq;		/* its place among the notes, as added */
};

struct bank {
	char *title;		/* a title the file gives, or NULL */
	const char *encoding;	/* what the file was in: "UTF-8", "GBK" */
	struct bank_q *q;
	size_t n;
	struct bank_note *notes;
	size_t nnotes;
};

/* bank.c */
#define BANK_INIT { NULL, "UTF-8", NULL, 0, NULL, 0 }
void bank_free(struct bank *);
/* A new question at the end of b, zeroed, 1 point, at line. The pointer
 * lives until the next bank_add(). */
struct bank_q *bank_add(struct bank *, enum qtype, unsigned line);
/* Drops the last question (one that turned out not to convert). */
void bank_drop_last(struct bank *);
/* Adds a note (printf-style, already translated by the caller). */
void bank_note(struct bank *, enum bank_note_kind, unsigned line, unsigned col,
	       const char *fmt, ...) PRINTF(5, 6);
void bank_vnote(struct bank *, enum bank_note_kind, unsigned line, unsigned col,
		const char *fmt, va_list) PRINTF(5, 0);
/* A copy of n bytes of s as a question's text: line ends made LF, tabs
 * spaces, other control characters (and direction overrides) dropped,
 * spaces and blank lines around it trimmed. NULL when nothing is left. */
char *bank_str(const char *s, size_t n);
/* Appends a copy (bank_str) to a list; nothing when it is empty. */
void bank_push(char ***list, size_t *n, const char *s, size_t len);
/* Adds a choice, right or not, to a single or multi question. */
void bank_add_choice(struct bank_q *, const char *s, size_t len, bool correct);
/* Adds a pair to a match question; false (nothing added) when a side
 * is empty. */
bool bank_add_pair(struct bank_q *, const char *l, size_t llen, const char *r, size_t rlen);
/* Adds a tag unless it is there already. */
void bank_add_tag(struct bank_q *, const char *s, size_t len);
/* The number of correct choices of q. */
size_t bank_ncorrect(const struct bank_q *);

/* Leaves out (with a note) every question that lacks what a quiz file
 * needs of its type: run after a reader, before bank_write_yaml(). */
void bank_check(struct bank *);
/* The questions of a quiz (its own ones), for export. */
void bank_from_quiz(struct bank *, const struct quiz *);
/* Appends b to out as a quiz file (the content format) with that id and
 * title: ids made where missing or not kefu ids (q1, q2 ...), repeats
 * renamed; texts quoted as YAML needs. lines, when not NULL, gets the
 * line of out (from 1) where each question starts. */
void bank_write_yaml(const struct bank *, const char *quiz, const char *title,
		     struct sb *out, unsigned *lines);
/* Whether two questions say the same (as a round trip must keep). */
bool bank_q_same(const struct bank_q *, const struct bank_q *, const char **field);
/* A format by name ("excel-csv", "gift", "moodle-xml", "aiken"); -1 for none. */
int bank_format_parse(const char *);
const char *bank_format_name(enum bank_format);
/* The format a file's name says (.csv, .gift, .xml, .yaml); -1 none. */
int bank_format_of_name(const char *name);
/* The format of a file from its name, else from its text. */
enum bank_format bank_guess(const char *name, const char *buf, size_t n);
/* A number as a bank writes one: shortest form that reads back equal. */
void bank_num(struct sb *, double);
/* Whether s is a kefu id (lowercase ASCII letters, digits, '-'). */
bool bank_is_id(const char *s);

/* Writers (bank_write_*) add a BANK_LOSS note for what the format
 * cannot hold, and write what it can. */
/* Each reader takes UTF-8 text (buf, n bytes; a byte order mark
 * skipped) and adds its questions to b, a note for each question left
 * out and each loss. It returns -1 (after a BANK_ERROR note) when buf
 * cannot be read as that format at all, else 0. */
/* excel.c: an exam-bank sheet saved as CSV (see the template). A GBK
 * sheet is converted (b->encoding says so). */
int bank_read_csv(struct bank *, const char *buf, size_t n);
void bank_write_csv(struct bank *, struct sb *);
/* The template `kefu import --template` prints: headings and an
 * example row of each type. */
void bank_csv_template(struct sb *);
/* gift.c: Moodle's GIFT text format. */
int bank_read_gift(struct bank *, const char *buf, size_t n);
void bank_write_gift(struct bank *, struct sb *);
/* moodle.c: Moodle XML, through libxml2. */
int bank_read_moodle(struct bank *, const char *buf, size_t n);
void bank_write_moodle(struct bank *, struct sb *);
/* The text of an HTML fragment (tags dropped, entities decoded, <br>
 * and block ends as line breaks), by libxml2's HTML parser; caller
 * frees; NULL for nothing. */
char *bank_html_text(const char *html, size_t n);
/* aiken.c: Aiken (plain multiple choice), read only. */
int bank_read_aiken(struct bank *, const char *buf, size_t n);
/* Reads buf in format f (not YAML) by the reader above. */
int bank_import(struct bank *, enum bank_format f, const char *buf, size_t n);
/* Writes b in format f (not Aiken, not YAML) by the writer above. */
void bank_export(struct bank *, enum bank_format f, struct sb *);

#endif
