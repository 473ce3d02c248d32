/* kb.h: the knowledge base as one list of documents (lesson sections,
 * practice questions, drill lines, scripts, hard cases) and the pure
 * side of searching it: folding, terms, matching, ranking, snippets with
 * the match highlighted. No I/O; the full-text index is store-kb.c.
 *
 * Ownership: documents point into the content (and the proposals the
 * caller holds) except for the strings kb_add() is told to own: a
 * struct kb frees those and its arrays in kb_free(). */
#ifndef KEFU_KB_H
#define KEFU_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum kb_kind { KB_LESSON, KB_QUESTION, KB_DRILL, KB_SCRIPT, KB_CASE };

struct kb_doc {
	enum kb_kind kind;
	const char *ref;	/* lesson:ID#N, question:QUIZ/ID, drill:ID/N,
				 * script:LIBRARY/ID, case:BOOK/ID */
	const char *title;
	const char *body;	/* the text shown and searched */
	char *folded;		/* title, a line break, body: folded */
};

struct kb {
	struct kb_doc *docs;
	size_t n, cap;
	char **owned;
	size_t nowned, owncap;
};

/* Adds a document; strings are borrowed, except that kb keeps and frees
 * what own_* says it owns. */
void kb_add(struct kb *, enum kb_kind, char *ref, const char *title,
	    const char *body, bool own_ref, bool own_body);
/* Gives kb a string to free with it. */
void kb_own(struct kb *, char *);
void kb_free(struct kb *);
/* Folds every document for searching; call once all are added. */
void kb_fold_all(struct kb *);
/* A fingerprint of every document's kind, ref and folded text: the same
 * documents give the same one. */
uint64_t kb_fingerprint(const struct kb *);

/* The form text is searched in: full-width letters, digits and signs
 * made ASCII, ASCII letters lowercase, the ideographic space a space;
 * nothing else changes. Caller frees. */
char *kb_fold(const char *text);
/* The search words of a query, folded, each malloc'd; how many (at most
 * max). Words are split at spaces, half- or full-width. */
size_t kb_terms(const char *query, char **terms, size_t max);
/* Characters in a folded term: under 3 a trigram index cannot find it
 * and a scan does. */
#define KB_TRIGRAM 3
/* How many times term occurs in the folded text. */
size_t kb_count(const char *folded, const char *term);
/* The score of a document for the terms, for ranking a scan: hits in
 * the title count three times, and a shorter text wins a tie. 0 when a
 * term is missing. */
double kb_score(const struct kb_doc *, char *const *terms, size_t nterms);

/* A line of text around the first match of the terms, at most width
 * columns, made inert (line breaks shown as spaces), each match between
 * on and off (escapes, or 【 】 where there is no colour). */
void kb_snippet(struct sb *, const char *text, char *const *terms, size_t nterms,
		int width, const char *on, const char *off);
/* The whole text made inert, every match between on and off. */
void kb_highlight(struct sb *, const char *text, char *const *terms, size_t nterms,
		  const char *on, const char *off);

/* The sections of a lesson's text: before its first heading, then one
 * per heading line ("# ...", "## ..."), as `kefu study LESSON N` counts
 * them. Calls fn(number, heading or NULL, start, length, arg). */
void kb_sections(const char *text,
		 void (*fn)(size_t n, const char *head, size_t headlen,
			    const char *start, size_t len, void *arg),
		 void *arg);

const char *kb_kind_name(enum kb_kind);	/* a msgid: "lesson", "script" ... */

#endif
