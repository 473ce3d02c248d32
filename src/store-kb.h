/* store-kb.h: the knowledge base's full-text index, an SQLite FTS5
 * table with the trigram tokenizer over the folded documents (kb.h), in
 * a database of its own: the user's cache file, made again whenever the
 * documents change, or one in memory (a team install, or a cache that
 * cannot be written).
 *
 * Ownership: the caller owns the struct kb it is built from and the
 * arrays of ids it gets; store_kb_close() frees the rest. */
#ifndef KEFU_STORE_KB_H
#define KEFU_STORE_KB_H

#include <stddef.h>

#include "kb.h"

struct store_kb;

/* The index of kb's documents (folded, kb_fold_all()) at path, or in
 * memory when path is NULL or cannot be used; NULL after saying why
 * when SQLite has no FTS5 trigram tokenizer. */
struct store_kb *store_kb_open(const char *path, const struct kb *kb);
/* The documents holding every term (each KB_TRIGRAM characters or
 * more), best first; *ids malloc'd (the caller frees it). The count, or
 * -1 after saying what is wrong. */
long store_kb_match(struct store_kb *, char *const *terms, size_t nterms,
		    size_t **ids);
void store_kb_close(struct store_kb *);

#endif
