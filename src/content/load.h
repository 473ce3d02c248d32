/* load.h: what the content loaders (the files of src/content/) share while loading
 * and nobody else sees. Each content kind has one loader file; ld.c and
 * get.c hold what they read with, walk.c finds and parses the files,
 * resolve.c ties ids together once all are loaded. */
#ifndef KEFU_CONTENT_LOAD_H
#define KEFU_CONTENT_LOAD_H

#include <stdbool.h>
#include <string.h>

#include "content.h"
#include "util.h"
#include "ydoc.h"

/* Which of struct content's indexes holds a kind. */
enum {
	INDEX_QUIZ, INDEX_DRILL, INDEX_CURRICULUM, INDEX_LIBRARY, INDEX_CASEBOOK,
	INDEX_RULES, INDEX_SCENARIO
};

/* One file being loaded. */
struct ld {
	struct content *c;
	struct diag *d;
	const char *file;	/* in the content arena */
	unsigned errors_at_start;
};

/* A set of ids with the place each was first seen, for duplicates. */
struct idset {
	struct strmap map;	/* id -> struct pos, in the content arena */
	struct arena *arena;
};

/* Ids seen so far in one content set, for duplicate checks. */
struct content_ids {
	struct idset quiz, drill, curriculum, lesson, assessment, library, casebook,
	    rules, scenario;
};

/* Whether k is the key named key; the first byte settles most. */
static inline bool
key_is(const struct ynode *k, const char *key)
{
	return k->type == Y_SCALAR && k->str[0] == key[0] && strcmp(k->str, key) == 0;
}

/* Reporting, at a node of the file being loaded (ld.c). */
PRINTF(3, 4) void ld_err(struct ld *l, const struct ynode *n, const char *fmt, ...);
const struct ynode *ld_at(const struct ynode *value, const struct ynode *item);
const char *ld_shown(struct ld *l, const char *s);
bool ld_silenced(const struct ld *l);
struct pos ld_pos(struct ld *l, const struct ynode *n);
const struct pos *idset_add(struct idset *set, const char *key, struct pos pos);
void idset_free(struct idset *set);
void ld_dup(struct ld *l, const struct ynode *n, const char *what, const char *id, const struct pos *first);

/* Reading a mapping (get.c). */
const struct ynode *map_key_node(const struct ynode *map, const char *key);
const struct ynode *map_get(const struct ynode *map, const char *key);
const char *get_text(struct ld *l, const struct ynode *map, const char *key, bool required);
const char *scalar_text(struct ld *l, const struct ynode *v);
/* In these, `what` names the value in messages: a msgid (N_("a turn")),
 * translated only when there is something to say, as the loaders call
 * them for every item of every file. */
bool is_map(struct ld *l, const struct ynode *n, const char *what);
void check_keys(struct ld *l, const struct ynode *map, const char *const *allowed, size_t nallowed, const char *what);
const char *get_id(struct ld *l, const struct ynode *map, const char *key, bool required);
bool get_number(struct ld *l, const struct ynode *map, const char *key, double min, double max, bool integer, bool required, double *out);
size_t get_text_list(struct ld *l, const struct ynode *map, const char *key, bool one_ok, const char ***out);
int get_enum(struct ld *l, const struct ynode *map, const char *key, const char *const *names, size_t n, bool required);
bool check_unique_texts(struct ld *l, const struct ynode *map, const char *key, const char **items, size_t n);
bool parse_bool(const char *s, bool *out);
bool valid_id(const char *s);
bool get_bool(struct ld *l, const struct ynode *map, const char *key, bool *out);
long get_duration(struct ld *l, const struct ynode *map, const char *key);
size_t get_id_list(struct ld *l, const struct ynode *map, const char *key, const char *example, const char ***ids, struct pos **pos);
void ld_missing(struct ld *l, const struct ynode *map, const char *key);

/* The loaders, one per kind (quiz.c, drill.c, curriculum.c, scripts.c,
 * cases.c, rules.c, scenario.c). */
void load_quiz(struct ld *l, const struct ynode *root);
void load_drill(struct ld *l, const struct ynode *root);
void load_curriculum(struct ld *l, const struct ynode *root);
void load_library(struct ld *l, const struct ynode *root);
void load_casebook(struct ld *l, const struct ynode *root);
void load_rule_list(struct ld *l, const struct ynode *root);
void load_scenario(struct ld *l, const struct ynode *root);
/* Reports control characters in s (a line break is allowed with lines)
 * and, with placeholders, a '{' or '}' that does not make one ({买家}).
 * what (a msgid) names the value in messages. */
void content_check_text(struct ld *l, const struct ynode *at, const char *what,
			const char *s, bool lines, bool placeholders);

/* For resolve.c and content.c. */
void draw_check(struct diag *d, struct quiz *q);
void ids_free(struct content *c);

#endif
