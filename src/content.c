/* content.c: YAML content files checked against the content contract and
 * built into the immutable content tree. Every problem is reported with
 * its file:line:column; loading goes on so one run reports them all. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "kpi.h"
#include "quiz.h"
#include "markup.h"
#include "text.h"
#include "ycache.h"
#include "ydoc.h"


/* Which of struct content's indexes holds a kind. */
enum { INDEX_QUIZ, INDEX_DRILL, INDEX_CURRICULUM };

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
	struct idset quiz, drill, curriculum, lesson, assessment;
};

/* Adds key; returns NULL, or the place it was first seen. */
static const struct pos *
idset_add(struct idset *set, const char *key, struct pos pos)
{
	struct pos *p;

	if (set->arena == NULL)
		set->arena = arena_new();
	p = arena_memdup(set->arena, &pos, sizeof(pos));
	return strmap_add(&set->map, key, p);
}

static void
idset_free(struct idset *set)
{
	strmap_free(&set->map);
	arena_free(set->arena);
	set->arena = NULL;
}

/* Past this many errors in one file the rest are not reported: a file
 * that is wrong throughout would otherwise print (and hold) one message
 * per line. */
#define CONTENT_MAX_ERRORS 100

/* True once this file's errors are past reporting. */
static bool
silenced(const struct ld *l)
{
	return l->d->errors - l->errors_at_start > CONTENT_MAX_ERRORS;
}

static PRINTF(3, 4) void
err(struct ld *l, const struct ynode *n, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	unsigned had = l->d->errors - l->errors_at_start;
	va_list ap;

	if (silenced(l))
		return;
	if (had == CONTENT_MAX_ERRORS) {
		diag_at(l->d, l->file, 0, 0, _("more than %d errors; the rest of this file is not reported"),
			CONTENT_MAX_ERRORS);
		return;
	}
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_at(l->d, l->file, n ? n->line : 0, n ? n->col : 0, "%s",
		sb_str(&sb));
	sb_free(&sb);
}

/* A value quoted in a message: at most 40 characters of it. */
static const char *
shown(struct ld *l, const char *s)
{
	struct sb sb = SB_INIT;
	const char *out;
	size_t i = 0, n = strlen(s), count = 0;

	if (text_chars(s) <= 40)
		return s;
	while (i < n && count < 39) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		i += k ? k : 1;
		count++;
	}
	sb_add(&sb, s, i);
	sb_adds(&sb, "…");
	out = arena_strdup(l->c->arena, sb_str(&sb));
	sb_free(&sb);
	return out;
}

static struct pos
pos_of(struct ld *l, const struct ynode *n)
{
	struct pos p = { l->file, n->line, n->col };

	return p;
}

/* The node to point at for a value of item: the value itself, unless it
 * stands before the item, as a value reached through an alias does. */
static const struct ynode *
at(const struct ynode *value, const struct ynode *item)
{
	if (value == NULL || value->line < item->line ||
	    (value->line == item->line && value->col < item->col))
		return item;
	return value;
}

static void
dup_error(struct ld *l, const struct ynode *n, const char *what,
	  const char *id, const struct pos *first)
{
	if (first->file == l->file)
		err(l, n, _("duplicate %s id '%s' (first used at line %d)"),
		    what, id, first->line);
	else
		err(l, n, _("duplicate %s id '%s' (first used at %s:%d:%d)"),
		    what, id, first->file, first->line, first->col);
}

/* ---- reading mappings ---- */

/* Whether k is the key named key; the first byte settles most. */
static inline bool
key_is(const struct ynode *k, const char *key)
{
	return k->type == Y_SCALAR && k->str[0] == key[0] && strcmp(k->str, key) == 0;
}

static const struct ynode *
map_get(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i + 1];
	return NULL;
}

static const struct ynode *
map_key_node(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i];
	return NULL;
}

static void
list_words(struct sb *sb, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", words[i]);
}

/* Reports keys that are not allowed, written twice, or not plain text.
 * `what` names the mapping for messages ("a question"). */
static void
check_keys(struct ld *l, const struct ynode *map, const char *const *allowed,
	   size_t nallowed, const char *what)
{
	/* a few keys are compared pairwise; a hostile mapping with
	 * thousands goes through a hash, or this would be quadratic */
	struct strmap seen = STRMAP_INIT;
	bool hashed = map->n > 16;
	size_t i, j, k;

	for (i = 0; i < map->n; i++) {
		const struct ynode *key = map->items[2 * i], *prev = NULL;
		const char *sug;
		bool known = false;

		if (key->type != Y_SCALAR) {
			err(l, key, _("a key in %s must be a word, not %s"), what,
			    ydoc_type_name(key));
			continue;
		}
		if (hashed)
			prev = strmap_add(&seen, key->str, (void *)key);
		for (j = 0; !hashed && j < i && prev == NULL; j++)
			if (key_is(map->items[2 * j], key->str))
				prev = map->items[2 * j];
		if (prev) {
			err(l, key, _("key '%s' appears twice in %s (first at line %d)"),
			    shown(l, key->str), what, prev->line);
			continue;
		}
		for (k = 0; k < nallowed && !known; k++)
			known = key_is(key, allowed[k]);
		if (known || silenced(l))
			continue;	/* no suggestions nobody will see */
		sug = text_suggest(key->str, allowed, nallowed);
		if (sug) {
			err(l, key, _("unknown key '%s' in %s (did you mean '%s'?)"),
			    shown(l, key->str), what, sug);
		} else {
			struct sb sb = SB_INIT;

			list_words(&sb, allowed, nallowed);
			err(l, key, _("unknown key '%s' in %s (known keys: %s)"),
			    shown(l, key->str), what, sb_str(&sb));
			sb_free(&sb);
		}
	}
	strmap_free(&seen);
}

/* Reports a missing key, unless a misspelling of it was reported already. */
static void
missing(struct ld *l, const struct ynode *map, const char *key)
{
	const char *one[1] = { key };
	size_t i;

	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i];

		if (k->type == Y_SCALAR && text_suggest(k->str, one, 1))
			return;
	}
	err(l, map, _("missing '%s'"), key);
}

static bool
is_map(struct ld *l, const struct ynode *n, const char *what)
{
	if (n->type == Y_MAP)
		return true;
	err(l, n, _("%s must be a mapping of keys and values, not %s"), what,
	    ydoc_type_name(n));
	return false;
}

/* Text with surrounding white space trimmed; NULL when empty. */
static const char *
scalar_text(struct ld *l, const struct ynode *v)
{
	const char *s = v->str, *e = v->str + v->len;

	if (ydoc_is_null(v))
		return NULL;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (s == e)
		return NULL;
	if (s == v->str && e == v->str + v->len)
		return s;	/* the tree's strings live in the content arena */
	return arena_strndup(l->c->arena, s, (size_t)(e - s));
}

/* Gets a text value. Absent: NULL, reported when required. */
static const char *
get_text(struct ld *l, const struct ynode *map, const char *key, bool required)
{
	const struct ynode *v = map_get(map, key);
	const char *s;

	if (v == NULL) {
		if (required)
			missing(l, map, key);
		return NULL;
	}
	if (v->type != Y_SCALAR) {
		err(l, v, _("'%s' must be text, not %s"), key, ydoc_type_name(v));
		return NULL;
	}
	s = scalar_text(l, v);
	if (s == NULL && required)
		err(l, v, _("'%s' is empty"), key);
	return s;
}

static bool
valid_id(const char *s)
{
	const char *p;

	if (*s == '\0' || strlen(s) > 64 || *s == '-')
		return false;
	for (p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '-') || (unsigned char)*p >= 0x80)
			return false;
	return true;
}

/* Checks an id value and suggests a valid spelling. */
static const char *
check_id(struct ld *l, const struct ynode *v, const char *key, const char *s)
{
	struct sb fix = SB_INIT;
	const char *p;

	if (s == NULL || valid_id(s))
		return s;
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalnum(c) && c < 0x80)
			sb_addc(&fix, (char)tolower(c));
		else if ((c == ' ' || c == '_' || c == '-') && fix.len &&
			 fix.buf[fix.len - 1] != '-')
			sb_addc(&fix, '-');
	}
	while (fix.len && fix.buf[fix.len - 1] == '-')
		fix.buf[--fix.len] = '\0';
	if (strlen(s) > 64)
		err(l, v, _("'%s' must be an id of at most 64 characters"), key);
	else if (fix.len && valid_id(sb_str(&fix)))
		err(l, v, _("'%s' must be an id of lowercase letters, digits and '-', not '%s' (try '%s')"),
		    key, s, sb_str(&fix));
	else
		err(l, v, _("'%s' must be an id of lowercase letters, digits and '-' (like 'after-sales-rules'), not '%s'"),
		    key, shown(l, s));
	sb_free(&fix);
	return NULL;
}

static const char *
get_id(struct ld *l, const struct ynode *map, const char *key, bool required)
{
	return check_id(l, map_get(map, key), key,
			get_text(l, map, key, required));
}

static const char *
range_words(double min, double max, bool integer, struct sb *sb)
{
	if (min <= -1e15 && max >= 1e15)
		sb_adds(sb, integer ? _("a whole number") : _("a number"));
	else
		sb_addf(sb, integer ? _("a whole number from %g to %g") :
			_("a number from %g to %g"), min, max);
	return sb_str(sb);
}

/* Gets a number in [min, max]; returns false when absent or bad. */
static bool
get_number(struct ld *l, const struct ynode *map, const char *key,
	   double min, double max, bool integer, bool required, double *out)
{
	const struct ynode *v = map_get(map, key);
	struct sb sb = SB_INIT;
	double x;

	if (v == NULL) {
		if (required)
			missing(l, map, key);
		return false;
	}
	if (v->type != Y_SCALAR || !text_number(v->str, &x) ||
	    (integer && x != floor(x)) || x < min || x > max) {
		range_words(min, max, integer, &sb);
		if (v->type != Y_SCALAR)
			err(l, v, _("'%s' must be %s, not %s"), key, sb_str(&sb),
			    ydoc_type_name(v));
		else
			err(l, v, _("'%s' must be %s, not '%s'"), key, sb_str(&sb),
			    shown(l, v->str));
		sb_free(&sb);
		return false;
	}
	*out = x;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, true;
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

static bool
get_bool(struct ld *l, const struct ynode *map, const char *key, bool *out)
{
	const struct ynode *v = map_get(map, key);

	if (v == NULL)
		return false;
	if (v->type != Y_SCALAR || !parse_bool(v->str, out)) {
		err(l, v, _("'%s' must be true or false, not %s%s%s"), key,
		    v->type == Y_SCALAR ? "'" : "",
		    v->type == Y_SCALAR ? shown(l, v->str) : ydoc_type_name(v),
		    v->type == Y_SCALAR ? "'" : "");
		return false;
	}
	return true;
}

/* Durations: 90s, 20m, 2h, 15d, or several together (1h30m). */
static long
parse_duration(const char *s)
{
	long total = 0;

	if (*s == '\0')
		return -1;
	while (*s) {
		long n = 0, unit;

		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s)) {
			n = n * 10 + (*s++ - '0');
			if (n > 100000000)
				return -1;
		}
		switch (*s++) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default: return -1;
		}
		total += n * unit;
		if (total > 365L * 86400)
			return -1;
	}
	return total;
}

static long
get_duration(struct ld *l, const struct ynode *map, const char *key)
{
	const struct ynode *v = map_get(map, key);
	long secs;

	if (v == NULL)
		return 0;
	if (v->type != Y_SCALAR || (secs = parse_duration(v->str)) <= 0) {
		err(l, v, _("'%s' must be a duration like 90s, 20m, 2h or 15d, not %s%s%s"),
		    key, v->type == Y_SCALAR ? "'" : "",
		    v->type == Y_SCALAR ? shown(l, v->str) : ydoc_type_name(v),
		    v->type == Y_SCALAR ? "'" : "");
		return 0;
	}
	return secs;
}

/* Gets one of the named values; returns its index or -1. */
static int
get_enum(struct ld *l, const struct ynode *map, const char *key,
	 const char *const *names, size_t n, bool required)
{
	const struct ynode *v = map_get(map, key);
	struct sb sb = SB_INIT;
	const char *sug;
	size_t i;

	if (v == NULL) {
		if (required)
			missing(l, map, key);
		return -1;
	}
	if (v->type == Y_SCALAR)
		for (i = 0; i < n; i++)
			if (strcmp(v->str, names[i]) == 0)
				return (int)i;
	list_words(&sb, names, n);
	if (v->type != Y_SCALAR)
		err(l, v, _("'%s' must be one of %s, not %s"), key, sb_str(&sb),
		    ydoc_type_name(v));
	else if ((sug = text_suggest(v->str, names, n)) != NULL)
		err(l, v, _("unknown %s '%s' (did you mean '%s'?)"), key, shown(l, v->str), sug);
	else
		err(l, v, _("unknown %s '%s' (expected one of %s)"), key,
		    shown(l, v->str), sb_str(&sb));
	sb_free(&sb);
	return -1;
}

/* Gets a list of non-empty texts; a single value counts as a list of one
 * when `one_ok`. Returns the count, 0 when absent or bad. */
static size_t
get_text_list(struct ld *l, const struct ynode *map, const char *key,
	      bool one_ok, const char ***out)
{
	const struct ynode *v = map_get(map, key);
	const char **items;
	size_t i, n = 0;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (v->type == Y_SCALAR && one_ok) {
		const char *s = scalar_text(l, v);

		if (s == NULL) {
			err(l, v, _("'%s' is empty"), key);
			return 0;
		}
		items = arena_alloc(l->c->arena, sizeof(*items));
		items[0] = s;
		*out = items;
		return 1;
	}
	if (v->type != Y_SEQ) {
		err(l, v, _("'%s' must be a list like [甲, 乙], not %s"), key,
		    ydoc_type_name(v));
		return 0;
	}
	if (v->n == 0) {
		err(l, v, _("'%s' is an empty list"), key);
		return 0;
	}
	items = arena_alloc(l->c->arena, v->n * sizeof(*items));
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];

		if (it->type != Y_SCALAR) {
			err(l, it, _("each item of '%s' must be text, not %s"), key,
			    ydoc_type_name(it));
			continue;
		}
		if ((items[n] = scalar_text(l, it)) == NULL) {
			err(l, it, _("an item of '%s' is empty"), key);
			continue;
		}
		n++;
	}
	*out = items;
	return n == v->n ? n : 0;
}

/* Reports items that appear twice in a list. */
static bool
check_unique_texts(struct ld *l, const struct ynode *map, const char *key,
		   const char **items, size_t n)
{
	const struct ynode *v = map_get(map, key);
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0) {
				err(l, v->type == Y_SEQ ? v->items[i] : v,
				    _("'%s' lists '%s' twice"), key, shown(l, items[i]));
				return false;
			}
	return true;
}

/* ---- quizzes ---- */

static const char *const qtype_names[] = {
	"single", "multi", "truefalse", "fill", "numeric", "order", "match",
	"essay"
};

static const char *const question_keys[] = {
	"id", "type", "points", "tags", "text", "choices", "answer",
	"explain", "scoring", "tolerance", "steps", "pairs", "rubric", "unit"
};

/* Which of the type-specific keys each question type takes. */
static const char *const type_keys[][4] = {
	[Q_SINGLE] = { "choices", "answer" },
	[Q_MULTI] = { "choices", "answer", "scoring" },
	[Q_TRUEFALSE] = { "answer" },
	[Q_FILL] = { "answer", "unit" },
	[Q_NUMERIC] = { "answer", "tolerance", "unit" },
	[Q_ORDER] = { "steps" },
	[Q_MATCH] = { "pairs" },
	[Q_ESSAY] = { "rubric" },
};

static bool
type_takes(enum qtype t, const char *key)
{
	size_t i;

	for (i = 0; i < 4 && type_keys[t][i]; i++)
		if (strcmp(type_keys[t][i], key) == 0)
			return true;
	return false;
}

static void
check_type_keys(struct ld *l, const struct ynode *map, enum qtype t)
{
	static const char *const specific[] = {
		"choices", "answer", "scoring", "tolerance", "steps", "pairs",
		"rubric", "unit"
	};
	size_t i, j;

	/* one pass over the keys rather than a lookup for each name */
	for (j = 0; j < map->n; j++) {
		const struct ynode *k = map->items[2 * j];

		for (i = 0; i < ARRAY_SIZE(specific) && !key_is(k, specific[i]); i++)
			;
		if (i == ARRAY_SIZE(specific) || type_takes(t, specific[i]) ||
		    map_key_node(map, specific[i]) != k)
			continue;	/* not type-specific, taken, or a repeat */
		if (strcmp(specific[i], "answer") == 0 && t == Q_ORDER)
			err(l, k, _("an order question takes no 'answer': write its 'steps' in the right order"));
		else if (strcmp(specific[i], "answer") == 0 && t == Q_MATCH)
			err(l, k, _("a match question takes no 'answer': its 'pairs' are the key"));
		else if (strcmp(specific[i], "answer") == 0 && t == Q_ESSAY)
			err(l, k, _("an essay question takes no 'answer': say what a good answer holds in 'rubric'"));
		else
			err(l, k, _("key '%s' does not apply to a '%s' question"),
			    specific[i], qtype_names[t]);
	}
	for (i = 0; i < 4 && type_keys[t][i]; i++) {
		const char *key = type_keys[t][i];

		if (strcmp(key, "scoring") == 0 || strcmp(key, "tolerance") == 0 ||
		    strcmp(key, "rubric") == 0 || strcmp(key, "unit") == 0)
			continue;
		if (map_get(map, key) == NULL)
			err(l, map, _("a '%s' question needs '%s'"), qtype_names[t], key);
	}
}

/* A question's unit: a word or symbol of at most 16 characters that an
 * answer may carry after its number, so it holds no digit and no space. */
static const char *
get_unit(struct ld *l, const struct ynode *map)
{
	const char *u = get_text(l, map, "unit", false);
	const struct ynode *v = map_get(map, "unit");
	char *f;
	bool bad;

	if (u == NULL) {
		if (v && v->type == Y_SCALAR)
			err(l, v, _("'%s' is empty"), "unit");
		return NULL;
	}
	f = text_fold(u);
	bad = *f == '\0' || strpbrk(f, "0123456789 .,+-") != NULL || text_chars(u) > 16;
	free(f);
	if (bad) {
		err(l, map_get(map, "unit"),
		    _("'unit' is a word or symbol an answer may carry after its number (分钟, 元, "
		      "percent), with no digits, spaces or signs, not '%s'"), u);
		return NULL;
	}
	return u;
}

/* Reads letters naming choices: "B", [A, C], "A,C". */
static bool
parse_letters(struct ld *l, const struct ynode *v, size_t nchoices,
	      unsigned **out, size_t *nout)
{
	unsigned mask[32] = { 0 };
	unsigned *idx;
	size_t count = 0, i, k;

	for (k = 0; k < (v->type == Y_SEQ ? v->n : 1); k++) {
		const struct ynode *it = v->type == Y_SEQ ? v->items[k] : v;
		const char *p;

		if (it->type != Y_SCALAR) {
			err(l, it, _("an answer names choices by letter (A, B, ...), not %s"),
			    ydoc_type_name(it));
			return false;
		}
		if (ydoc_is_null(it)) {
			err(l, it, _("'answer' is empty"));
			return false;
		}
		for (p = it->str; *p; p++) {
			unsigned c = (unsigned char)toupper((unsigned char)*p);

			if (c == ',' || c == ' ')
				continue;
			if (c < 'A' || c > 'Z' || (unsigned char)*p >= 0x80) {
				err(l, it, _("an answer names choices by letter (A, B, ...), not '%s'"),
				    shown(l, it->str));
				return false;
			}
			if (c - 'A' >= nchoices) {
				if (nchoices == 0)
					err(l, it, _("answer '%c' names no choice: there are no choices"),
					    (char)c);
				else
					err(l, it, _("answer '%c' names no choice: there are %zu choices (A-%c)"),
					    (char)c, nchoices, (char)('A' + nchoices - 1));
				return false;
			}
			if (mask[c - 'A']) {
				err(l, it, _("answer names '%c' twice"), (char)c);
				return false;
			}
			mask[c - 'A'] = 1;
			count++;
		}
	}
	if (count == 0) {
		err(l, v, _("'answer' names no choice"));
		return false;
	}
	idx = arena_alloc(l->c->arena, count * sizeof(*idx));
	for (i = 0, k = 0; i < 26; i++)
		if (mask[i])
			idx[k++] = (unsigned)i;
	*out = idx;
	*nout = count;
	return true;
}

static void
load_pairs(struct ld *l, const struct ynode *map, struct question *q)
{
	const struct ynode *v = map_get(map, "pairs");
	size_t i, j;

	if (v == NULL)
		return;
	if (v->type != Y_SEQ || v->n < 2) {
		err(l, v, _("'pairs' must be a list of at least two [left, right] pairs"));
		return;
	}
	q->left = arena_alloc(l->c->arena, v->n * sizeof(*q->left));
	q->right = arena_alloc(l->c->arena, v->n * sizeof(*q->right));
	for (i = 0; i < v->n; i++) {
		const struct ynode *p = v->items[i];

		if (p->type != Y_SEQ || p->n != 2 || p->items[0]->type != Y_SCALAR ||
		    p->items[1]->type != Y_SCALAR) {
			err(l, p, _("each pair must be a list of two texts, like [询单转化率, 售前]"));
			return;
		}
		q->left[i] = scalar_text(l, p->items[0]);
		q->right[i] = scalar_text(l, p->items[1]);
		if (q->left[i] == NULL || q->right[i] == NULL) {
			err(l, p, _("a pair has an empty side"));
			return;
		}
		/* over 26 pairs is refused anyway: no quadratic check */
		for (j = 0; j < i && v->n <= 26; j++)
			if (strcmp(q->left[i], q->left[j]) == 0) {
				err(l, p, _("'pairs' lists '%s' on the left twice"), shown(l, q->left[i]));
				return;
			}
	}
	q->npairs = v->n;
}

static void
load_question(struct ld *l, const struct ynode *map, struct question *q,
	      struct idset *ids)
{
	static const char *const scorings[] = { "all-or-nothing", "partial" };
	const struct ynode *v;
	const struct pos *first;
	double x;
	int t;

	memset(q, 0, sizeof(*q));
	q->pos = pos_of(l, map);
	q->points = 1;
	if (!is_map(l, map, _("a question")))
		return;
	check_keys(l, map, question_keys, ARRAY_SIZE(question_keys),
		   _("a question"));
	q->id = get_id(l, map, "id", true);
	if (q->id && (first = idset_add(ids, q->id, q->pos)) != NULL)
		dup_error(l, at(map_get(map, "id"), map), _("question"), q->id, first);
	q->text = get_text(l, map, "text", true);
	q->explain = get_text(l, map, "explain", false);
	if (get_number(l, map, "points", 0.01, 1000, false, false, &x))
		q->points = x;
	q->ntags = get_text_list(l, map, "tags", true, &q->tags);
	t = get_enum(l, map, "type", qtype_names, ARRAY_SIZE(qtype_names), true);
	if (t < 0)
		return;
	q->type = (enum qtype)t;
	check_type_keys(l, map, q->type);

	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		q->nchoices = get_text_list(l, map, "choices", false, &q->choices);
		if (map_get(map, "choices") && q->nchoices == 1)
			err(l, map_get(map, "choices"), _("'choices' needs at least two choices"));
		if (q->nchoices > 26)
			err(l, map_get(map, "choices"), _("'choices' has %zu choices; at most 26 (A-Z)"),
			    q->nchoices);
		if (q->nchoices < 2 || q->nchoices > 26)
			break;
		check_unique_texts(l, map, "choices", q->choices, q->nchoices);
		if ((v = map_get(map, "answer")) != NULL &&
		    parse_letters(l, v, q->nchoices, &q->answer, &q->nanswer) &&
		    q->type == Q_SINGLE && q->nanswer != 1)
			err(l, v, _("a 'single' question has one answer; use type 'multi' for several"));
		if (q->type == Q_MULTI)
			q->partial = get_enum(l, map, "scoring", scorings, 2, false) == 1;
		break;
	case Q_TRUEFALSE:
		if ((v = map_get(map, "answer")) != NULL &&
		    (v->type != Y_SCALAR || !parse_bool(v->str, &q->truth)))
			err(l, v, _("a 'truefalse' answer must be true or false"));
		break;
	case Q_FILL:
		q->naccepted = get_text_list(l, map, "answer", true, &q->accepted);
		q->unit = get_unit(l, map);
		break;
	case Q_NUMERIC:
		get_number(l, map, "answer", -1e15, 1e15, false, false, &q->number);
		if (get_number(l, map, "tolerance", 0, 1e15, false, false, &x))
			q->tolerance = x;
		q->unit = get_unit(l, map);
		break;
	case Q_ORDER:
		q->nsteps = get_text_list(l, map, "steps", false, &q->steps);
		if (q->nsteps == 1)
			err(l, map_get(map, "steps"), _("'steps' needs at least two steps"));
		else if (q->nsteps > 26)
			err(l, map_get(map, "steps"), _("'steps' has %zu steps; at most 26 (A-Z)"),
			    q->nsteps);
		else if (q->nsteps)
			check_unique_texts(l, map, "steps", q->steps, q->nsteps);
		break;
	case Q_MATCH:
		load_pairs(l, map, q);
		if (q->npairs > 26)
			err(l, map_get(map, "pairs"), _("'pairs' has %zu pairs; at most 26 (A-Z)"),
			    q->npairs);
		break;
	case Q_ESSAY:
		q->rubric = get_text(l, map, "rubric", false);
		break;
	}
}

/* The most questions a draw by tags may ask for. */
#define QUIZ_DRAW_TAGS_MAX 1000

static const char *
question_id(const struct question *q)
{
	return q->id ? q->id : "?";
}

/* An exam's papers must be alike in points and in the types drawn for
 * each tag, or a score on one paper would not mean what it means on
 * another; says where two papers may part. */
static void
exam_papers_check(struct diag *d, const struct quiz *q)
{
	const struct pos *p = &q->draw_pos;
	const struct question *a, *b;
	struct draw_uneven why;
	size_t k;

	if (quiz_draw_uniform(q, &why))
		return;
	a = &q->questions[why.a];
	b = &q->questions[why.b];
	if (why.tag == NULL) {
		diag_at(d, p->file, p->line, p->col,
			_("exam papers would differ: 'draw: %u' may give one paper '%s' (%s, worth %g) "
			  "and another '%s' (%s, worth %g); draw by tags whose questions are each of one "
			  "type and worth the same"),
			q->draws[0].count, question_id(a), qtype_names[a->type], a->points,
			question_id(b), qtype_names[b->type], b->points);
		return;
	}
	if (a->type != b->type || a->points != b->points) {
		diag_at(d, p->file, p->line, p->col,
			_("exam papers would differ: for tag '%s' one paper may hold '%s' (%s, worth %g) "
			  "where another holds '%s' (%s, worth %g); give a drawn tag's questions one type "
			  "and the same points"),
			why.tag, question_id(a), qtype_names[a->type], a->points,
			question_id(b), qtype_names[b->type], b->points);
		return;
	}
	/* alike but for a drawn tag that one of them carries */
	for (k = 0; k < q->ndraws; k++) {
		const char *tag = q->draws[k].tag;

		if (quiz_has_tag(a, tag) == quiz_has_tag(b, tag))
			continue;
		if (!quiz_has_tag(a, tag)) {
			const struct question *t = a;

			a = b;
			b = t;
		}
		diag_at(d, p->file, p->line, p->col,
			_("exam papers would differ in how many questions are tagged '%s': one paper "
			  "may hold '%s' where another holds '%s', which is not; give each question one "
			  "of the drawn tags"),
			tag, question_id(a), question_id(b));
		return;
	}
}

/* Whether the quiz's questions can meet its draw; says why not. */
static void
draw_check(struct diag *d, struct quiz *q)
{
	size_t i, j, total = 0, *picked;

	for (i = 0; i < q->ndraws; i++) {
		const struct draw_rule *r = &q->draws[i];
		size_t have = 0;

		total += r->count;
		if (r->tag == NULL)
			continue;
		for (j = 0; j < q->nquestions; j++)
			have += quiz_has_tag(&q->questions[j], r->tag);
		if (have == 0) {
			diag_at(d, r->pos.file, r->pos.line, r->pos.col,
				_("'draw' names tag '%s' but no question has it"), r->tag);
			q->ndraws = 0;
			return;
		}
		if (have < r->count) {
			diag_at(d, r->pos.file, r->pos.line, r->pos.col,
				_("'draw' asks for %u '%s' questions but only %zu have that tag"),
				r->count, r->tag, have);
			q->ndraws = 0;
			return;
		}
	}
	if (total > q->nquestions) {
		diag_at(d, q->draw_pos.file, q->draw_pos.line, q->draw_pos.col,
			_("'draw' asks for %zu questions but the quiz has %zu"),
			total, q->nquestions);
		q->ndraws = 0;
		return;
	}
	if (q->ndraws > 0 && q->draws[0].tag != NULL) {
		picked = xreallocarray(NULL, q->nquestions + 1, sizeof(*picked));
		i = quiz_draw_tags(q, NULL, picked);
		free(picked);
		if (i < total) {
			diag_at(d, q->draw_pos.file, q->draw_pos.line, q->draw_pos.col,
				_("'draw' asks for %zu questions but at most %zu can be drawn: "
				  "a question with several of these tags counts once"), total, i);
			q->ndraws = 0;
			return;
		}
	}
	if (q->mode == QUIZ_EXAM)
		exam_papers_check(d, q);
}

/* draw: a number, or a mapping of tag to number. Whether the questions
 * can meet it is checked here, or for a quiz that draws from other banks
 * once they are resolved. */
static void
load_draw(struct ld *l, const struct ynode *map, struct quiz *q)
{
	const struct ynode *v = map_get(map, "draw");
	size_t i, j, total = 0;

	if (v == NULL)
		return;
	q->draw_pos = pos_of(l, v);
	if (v->type == Y_SCALAR) {
		double x;

		if (!get_number(l, map, "draw", 1, 1e6, true, true, &x))
			return;
		q->draws = arena_alloc(l->c->arena, sizeof(*q->draws));
		q->draws[0].tag = NULL;
		q->draws[0].count = (unsigned)x;
		q->draws[0].pos = q->draw_pos;
		q->ndraws = 1;
	} else if (v->type != Y_MAP || v->n == 0) {
		err(l, v, _("'draw' must be a number, or tags with numbers like {after-sales: 3, pre-sales: 2}"));
		return;
	} else {
		q->draws = arena_alloc(l->c->arena, v->n * sizeof(*q->draws));
		for (i = 0; i < v->n; i++) {
			const struct ynode *tag = v->items[2 * i], *num = v->items[2 * i + 1];
			double x;

			if (tag->type != Y_SCALAR || num->type != Y_SCALAR ||
			    !text_number(num->str, &x) || x < 1 || x != floor(x) || x > 1e6) {
				err(l, num, _("'draw' must map each tag to a whole number of questions"));
				return;
			}
			if (total + (size_t)x > QUIZ_DRAW_TAGS_MAX) {
				/* matching questions to tags costs draws × questions */
				err(l, num, _("'draw' by tags draws at most %d questions"),
				    QUIZ_DRAW_TAGS_MAX);
				return;
			}
			for (j = 0; j < i; j++)
				if (strcmp(q->draws[j].tag, tag->str) == 0) {
					err(l, tag, _("'draw' names tag '%s' twice"), tag->str);
					return;
				}
			q->draws[i].tag = arena_strdup(l->c->arena, tag->str);
			q->draws[i].count = (unsigned)x;
			q->draws[i].pos = pos_of(l, tag);
			total += (size_t)x;
		}
		q->ndraws = v->n;
	}
	if (q->nfrom == 0 && !silenced(l))
		draw_check(l->d, q);
}

/* from: the quiz ids of banks whose questions this quiz draws from too. */
static void
load_from(struct ld *l, const struct ynode *map, struct quiz *q)
{
	const struct ynode *v = map_get(map, "from");
	size_t i, n;

	if (v == NULL)
		return;
	if (v->type == Y_SCALAR)
		n = 1;
	else if (v->type == Y_SEQ && v->n > 0)
		n = v->n;
	else {
		err(l, v, _("'from' must be a quiz id or a list of quiz ids"));
		return;
	}
	q->from = arena_alloc(l->c->arena, n * sizeof(*q->from));
	q->from_pos = arena_alloc(l->c->arena, n * sizeof(*q->from_pos));
	for (i = 0; i < n; i++) {
		const struct ynode *id = v->type == Y_SCALAR ? v : v->items[i];

		if (id->type != Y_SCALAR || !valid_id(id->str)) {
			err(l, id, _("'from' must list quiz ids (like 'after-sales-rules')"));
			q->nfrom = 0;
			return;
		}
		q->from[q->nfrom] = arena_strdup(l->c->arena, id->str);
		q->from_pos[q->nfrom++] = pos_of(l, id);
	}
}

static const char *const quiz_keys[] = {
	"quiz", "title", "kind", "mode", "pass_mark", "draw", "shuffle",
	"time_limit", "attempts", "review", "questions", "from"
};


static void
load_quiz(struct ld *l, const struct ynode *root)
{
	static const char *const kinds[] = { "product-knowledge", "platform-rules", "other" };
	static const char *const modes[] = { "practice", "exam" };
	struct quiz *q = arena_alloc(l->c->arena, sizeof(*q));
	const struct ynode *qs;
	const struct pos *first;
	double x;
	int e;
	size_t i;
	struct idset qids = { 0 };

	memset(q, 0, sizeof(*q));
	q->pos = pos_of(l, root);
	check_keys(l, root, quiz_keys, ARRAY_SIZE(quiz_keys), _("a quiz"));
	q->id = get_id(l, root, "quiz", true);
	q->title = get_text(l, root, "title", true);
	e = get_enum(l, root, "kind", kinds, ARRAY_SIZE(kinds), false);
	q->kind = e < 0 ? QUIZ_OTHER : (enum quiz_kind)e;
	e = get_enum(l, root, "mode", modes, ARRAY_SIZE(modes), false);
	q->mode = e < 0 ? QUIZ_PRACTICE : (enum quiz_mode)e;
	q->pass_mark = 60;
	if (get_number(l, root, "pass_mark", 0, 100, false, false, &x))
		q->pass_mark = x;
	q->shuffle = true;
	get_bool(l, root, "shuffle", &q->shuffle);
	q->review = q->mode == QUIZ_PRACTICE;
	get_bool(l, root, "review", &q->review);
	q->time_limit = get_duration(l, root, "time_limit");
	if (get_number(l, root, "attempts", 1, 1000, true, false, &x))
		q->attempts = (unsigned)x;

	load_from(l, root, q);
	qs = map_get(root, "questions");
	if (qs == NULL) {
		if (q->nfrom == 0)
			missing(l, root, "questions");
	}
	else if (qs->type != Y_SEQ)
		err(l, qs, _("'questions' must be a list of questions, not %s"),
		    ydoc_type_name(qs));
	else if (qs->n == 0)
		err(l, qs, _("'questions' is an empty list"));
	else {
		q->questions = arena_alloc(l->c->arena, qs->n * sizeof(*q->questions));
		q->nquestions = q->nown = qs->n;
		for (i = 0; i < qs->n; i++)
			load_question(l, qs->items[i], &q->questions[i], &qids);
	}
	idset_free(&qids);
	load_draw(l, root, q);

	if (q->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->quiz, q->id, q->pos)) != NULL) {
		dup_error(l, map_get(root, "quiz"), _("quiz"), q->id, first);
		return;
	}
	l->c->quizzes = xreallocarray(l->c->quizzes, l->c->nquizzes + 1,
				      sizeof(*l->c->quizzes));
	l->c->quizzes[l->c->nquizzes++] = q;
	strmap_put(&l->c->index[INDEX_QUIZ], q->id, q);
}

/* ---- drills ---- */

static const char *const drill_keys[] = {
	"drill", "title", "unit", "lines", "time_limit", "strict_width"
};

static void
load_drill(struct ld *l, const struct ynode *root)
{
	static const char *const units[] = { "cpm", "wpm" };
	struct drill *dr = arena_alloc(l->c->arena, sizeof(*dr));
	const struct pos *first;
	const struct ynode *v;
	size_t i;
	int e;

	memset(dr, 0, sizeof(*dr));
	dr->pos = pos_of(l, root);
	check_keys(l, root, drill_keys, ARRAY_SIZE(drill_keys), _("a drill"));
	dr->id = get_id(l, root, "drill", true);
	dr->title = get_text(l, root, "title", true);
	e = get_enum(l, root, "unit", units, ARRAY_SIZE(units), false);
	dr->unit = e < 0 ? UNIT_CPM : (enum drill_unit)e;
	dr->time_limit = get_duration(l, root, "time_limit");
	get_bool(l, root, "strict_width", &dr->strict_width);
	if (map_get(root, "lines") == NULL)
		missing(l, root, "lines");
	dr->nlines = get_text_list(l, root, "lines", false, &dr->lines);
	v = map_get(root, "lines");
	for (i = 0; i < dr->nlines; i++) {
		const char *c;

		if (strchr(dr->lines[i], '\n')) {
			err(l, v->items[i], _("a drill line must be one line; split it into two items"));
			continue;
		}
		if (text_chars(dr->lines[i]) > CONTENT_DRILL_LINE_MAX) {
			err(l, v->items[i], _("a drill line is at most %d characters; this one has %zu"),
			    CONTENT_DRILL_LINE_MAX, text_chars(dr->lines[i]));
			continue;
		}
		for (c = dr->lines[i]; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f) {
				err(l, v->items[i], _("a drill line cannot hold control characters (byte 0x%02x)"),
				    (unsigned char)*c);
				break;
			}
	}

	if (dr->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->drill, dr->id, dr->pos)) != NULL) {
		dup_error(l, map_get(root, "drill"), _("drill"), dr->id, first);
		return;
	}
	l->c->drills = xreallocarray(l->c->drills, l->c->ndrills + 1,
				     sizeof(*l->c->drills));
	l->c->drills[l->c->ndrills++] = dr;
	strmap_put(&l->c->index[INDEX_DRILL], dr->id, dr);
}

/* ---- curricula ---- */

static const char *const module_keys[] = {
	"lesson", "quiz", "drill", "signoff", "assessment", "title", "text",
	"pass_mark", "min_speed", "min_accuracy", "max_speed", "parts"
};
static const char *const kind_keys[] = {
	"lesson", "quiz", "drill", "signoff", "assessment"
};
/* Keys each module kind takes besides its own. */
static const char *const module_takes[][4] = {
	[MOD_LESSON] = { "title", "text" },
	[MOD_QUIZ] = { "pass_mark" },
	[MOD_DRILL] = { "min_speed", "min_accuracy", "max_speed" },
	[MOD_SIGNOFF] = { "title" },
	[MOD_ASSESSMENT] = { "title", "parts" },
};

static const char *const part_keys[] = {
	"id", "title", "quiz", "kpi", "rating", "min", "max", "step", "above", "below"
};

static void
load_part(struct ld *l, const struct ynode *map, struct part *p,
	  struct idset *ids)
{
	static const char *const kinds[] = { "quiz", "kpi", "rating" };
	const struct pos *first;
	int kind = -1, count = 0, i;
	double x;

	memset(p, 0, sizeof(*p));
	p->pos = pos_of(l, map);
	if (!is_map(l, map, _("an assessment part")))
		return;
	check_keys(l, map, part_keys, ARRAY_SIZE(part_keys), _("an assessment part"));
	p->id = get_id(l, map, "id", true);
	if (p->id && (first = idset_add(ids, p->id, p->pos)) != NULL)
		dup_error(l, at(map_get(map, "id"), map), _("part"), p->id, first);
	p->title = get_text(l, map, "title", true);
	for (i = 0; i < 3; i++)
		if (map_get(map, kinds[i]))
			kind = i, count++;
	if (count != 1) {
		err(l, map, count ? _("a part takes one of 'quiz', 'kpi' or 'rating', not several")
		    : _("a part needs one of 'quiz', 'kpi' or 'rating'"));
		return;
	}
	p->kind = (enum part_kind)kind;
	switch (p->kind) {
	case PART_QUIZ:
	case PART_KPI:
		p->ref = get_id(l, map, kinds[kind], true);
		break;
	case PART_RATING:
		if (get_number(l, map, "rating", 2, 100, true, true, &x))
			p->scale = (unsigned)x;
		break;
	}
	p->step = 1;
	if (p->kind != PART_RATING && map_key_node(map, "step"))
		err(l, map_key_node(map, "step"), _("'step' is for rating parts"));
	else if (get_number(l, map, "step", 0.01, 1, false, false, &x)) {
		/* ratings in steps that fit a whole point: 0.5, 0.25, 0.1 */
		if (fabs(1 / x - floor(1 / x + 0.5)) > 1e-9)
			err(l, map_get(map, "step"),
			    _("'step' must divide 1 evenly, such as 0.5 or 0.25, not %g"), x);
		else
			p->step = x;
	}
	if (p->kind == PART_KPI) {
		/* above/below: strictly better than the line (the team mean) */
		bool above = map_get(map, "above") != NULL, below = map_get(map, "below") != NULL;

		if ((above || below) && (map_get(map, "min") || map_get(map, "max")))
			err(l, map_key_node(map, above ? "above" : "below"),
			    _("a kpi part takes 'min'/'max' (the line itself passes) or 'above'/'below' "
			      "(only better than the line passes), not both"));
		else if (above && below) {
			err(l, map_key_node(map, "below"), _("a kpi part takes 'above' or 'below', not both"));
			return;
		} else if (above || below) {
			p->strict = true;
			if (above)
				p->has_min = get_number(l, map, "above", -1e15, 1e15, false, false,
							&p->min);
			else
				p->has_max = get_number(l, map, "below", -1e15, 1e15, false, false,
							&p->max);
			return;
		}
		p->has_min = get_number(l, map, "min", -1e15, 1e15, false, false, &p->min);
		p->has_max = get_number(l, map, "max", -1e15, 1e15, false, false, &p->max);
		if (!map_get(map, "min") && !map_get(map, "max"))
			err(l, map, _("a kpi part needs 'min' (or 'max' for a kpi where lower is better), "
				      "or 'above' ('below')"));
		return;
	}
	if (map_key_node(map, "above") || map_key_node(map, "below"))
		err(l, map_key_node(map, map_key_node(map, "above") ? "above" : "below"),
		    _("'above' and 'below' are for kpi parts"));
	if (map_key_node(map, "max"))
		err(l, map_key_node(map, "max"), _("'max' is for kpi parts; a %s part passes at 'min'"),
		    kinds[kind]);

	p->has_min = get_number(l, map, "min", 0,
				p->kind == PART_QUIZ ? 100 : (p->scale ? p->scale : 100),
				false, true, &p->min);
}

/* A lesson's markup (markup.h): a table row with another number of
 * cells than its table's first row is an error at that row. A block
 * scalar's line k is k lines under its indicator, indented past its key. */
static void
check_markup(struct ld *l, const struct ynode *map, const char *text)
{
	const struct ynode *v = map_get(map, "text"), *key = map_key_node(map, "text");
	size_t col, cells, want, line = markup_check(text, &col, &cells, &want);
	struct ynode at;

	if (line == 0)
		return;
	memset(&at, 0, sizeof(at));
	if (v->block) {
		at.line = v->line + (int)line;
		at.col = key->col + 2 + (int)col - 1;
	} else {
		/* quoted or plain: its lines do not map onto the file's */
		at.line = v->line;
		at.col = v->col;
	}
	err(l, &at, _("this table row has %zu cells; the table's first row has %zu"), cells, want);
}

static void
load_module(struct ld *l, const struct ynode *map, struct module *m,
	    struct idset *ids)
{
	static const char *const roles[] = { "trainer", "manager" };
	const struct pos *first;
	const struct ynode *v;
	int kind = -1, count = 0, i;
	size_t k;
	double x;

	memset(m, 0, sizeof(*m));
	m->pos = pos_of(l, map);
	m->pass_mark = m->min_speed = m->min_accuracy = m->max_speed = -1;
	if (!is_map(l, map, _("a module")))
		return;
	check_keys(l, map, module_keys, ARRAY_SIZE(module_keys), _("a module"));
	for (i = 0; i < (int)ARRAY_SIZE(kind_keys); i++)
		if (map_get(map, kind_keys[i])) {
			if (count++ == 0)
				kind = i;
		}
	if (count != 1) {
		if (count == 0)
			err(l, map, _("a module needs one of 'lesson', 'quiz', 'drill', 'signoff' or 'assessment'"));
		else
			err(l, map, _("a module is one of 'lesson', 'quiz', 'drill', 'signoff' or 'assessment'; split this one into %d modules"),
			    count);
		return;
	}
	m->kind = (enum module_kind)kind;
	for (k = 0; k < ARRAY_SIZE(module_keys); k++) {
		const char *key = module_keys[k];
		const struct ynode *kn = map_key_node(map, key);
		size_t j;
		bool ok = strcmp(key, kind_keys[kind]) == 0;

		for (j = 0; j < ARRAY_SIZE(module_takes[0]) && module_takes[kind][j]; j++)
			if (strcmp(module_takes[kind][j], key) == 0)
				ok = true;
		if (kn && !ok && k >= ARRAY_SIZE(kind_keys))
			err(l, kn, _("key '%s' does not apply to a %s module"), key,
			    kind_keys[kind]);
	}

	switch (m->kind) {
	case MOD_LESSON:
		m->id = get_id(l, map, "lesson", true);
		m->title = get_text(l, map, "title", true);
		m->text = get_text(l, map, "text", true);
		if (m->text)
			check_markup(l, map, m->text);
		if (m->id && (first = idset_add(&l->c->ids->lesson, m->id, m->pos)))
			dup_error(l, at(map_get(map, "lesson"), map), _("lesson"), m->id, first);
		break;
	case MOD_QUIZ:
		m->id = get_id(l, map, "quiz", true);
		if (get_number(l, map, "pass_mark", 0, 100, false, false, &x))
			m->pass_mark = x;
		break;
	case MOD_DRILL:
		m->id = get_id(l, map, "drill", true);
		if (get_number(l, map, "min_speed", 0, 10000, false, false, &x))
			m->min_speed = x;
		if (get_number(l, map, "min_accuracy", 0, 100, false, false, &x))
			m->min_accuracy = x;
		if (get_number(l, map, "max_speed", 1, 10000, false, false, &x))
			m->max_speed = x;
		if (m->max_speed > 0 && m->min_speed > m->max_speed)
			err(l, map_get(map, "max_speed"),
			    _("max_speed %g is below min_speed %g: no run could meet the gate"),
			    m->max_speed, m->min_speed);
		break;
	case MOD_SIGNOFF:
		i = get_enum(l, map, "signoff", roles, ARRAY_SIZE(roles), true);
		m->id = i < 0 ? NULL : roles[i];
		m->title = get_text(l, map, "title", false);
		break;
	case MOD_ASSESSMENT:
		m->id = get_id(l, map, "assessment", true);
		m->title = get_text(l, map, "title", true);
		if (m->id && (first = idset_add(&l->c->ids->assessment, m->id, m->pos)))
			dup_error(l, at(map_get(map, "assessment"), map), _("assessment"), m->id, first);
		v = map_get(map, "parts");
		if (v == NULL)
			missing(l, map, "parts");
		else if (v->type != Y_SEQ || v->n == 0)
			err(l, v, _("'parts' must be a list of assessment parts"));
		else {
			struct idset pids = { 0 };

			m->parts = arena_alloc(l->c->arena, v->n * sizeof(*m->parts));
			m->nparts = v->n;
			for (k = 0; k < v->n; k++)
				load_part(l, v->items[k], &m->parts[k], &pids);
			idset_free(&pids);
		}
		break;
	}
	/* lesson and assessment ids are unique across all content already */
	if (m->kind == MOD_SIGNOFF && m->id &&
	    (first = idset_add(ids, "signoff", m->pos)) != NULL) {
		err(l, map, _("a stage has one sign-off; this one has another at line %d"),
		    first->line);
		return;
	}
	if (m->id && m->kind != MOD_LESSON && m->kind != MOD_ASSESSMENT &&
	    m->kind != MOD_SIGNOFF) {
		char *key = xasprintf("%s:%s", kind_keys[kind], m->id);

		if ((first = idset_add(ids, arena_strdup(l->c->arena, key), m->pos)))
			err(l, map, _("duplicate module: %s '%s' is already in this stage (line %d)"),
			    kind_keys[kind], m->id, first->line);
		free(key);
	}
}

static const char *const stage_keys[] = { "id", "title", "days", "modules" };

static void
load_stage(struct ld *l, const struct ynode *map, struct stage *s,
	   struct idset *ids)
{
	const struct pos *first;
	const struct ynode *v;
	struct idset mids = { 0 };
	double x;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->pos = pos_of(l, map);
	if (!is_map(l, map, _("a stage")))
		return;
	check_keys(l, map, stage_keys, ARRAY_SIZE(stage_keys), _("a stage"));
	s->id = get_id(l, map, "id", true);
	if (s->id && (first = idset_add(ids, s->id, s->pos)) != NULL)
		dup_error(l, at(map_get(map, "id"), map), _("stage"), s->id, first);
	s->title = get_text(l, map, "title", true);
	if (get_number(l, map, "days", 1, 3650, true, false, &x))
		s->days = (int)x;
	v = map_get(map, "modules");
	if (v == NULL) {
		missing(l, map, "modules");
		return;
	}
	if (v->type != Y_SEQ || v->n == 0) {
		err(l, v, _("'modules' must be a list of at least one module"));
		return;
	}
	s->modules = arena_alloc(l->c->arena, v->n * sizeof(*s->modules));
	s->nmodules = v->n;
	for (i = 0; i < v->n; i++)
		load_module(l, v->items[i], &s->modules[i], &mids);
	idset_free(&mids);
}

static const char *const kpi_keys[] = { "id", "title", "unit", "better", "range" };

static void
load_kpi(struct ld *l, const struct ynode *map, struct kpi *k, struct idset *ids)
{
	static const char *const dirs[] = { "higher", "lower" };
	const struct pos *first;
	const struct ynode *v;

	memset(k, 0, sizeof(*k));
	k->pos = pos_of(l, map);
	if (!is_map(l, map, _("a kpi")))
		return;
	check_keys(l, map, kpi_keys, ARRAY_SIZE(kpi_keys), _("a kpi"));
	k->id = get_id(l, map, "id", true);
	if (k->id && (first = idset_add(ids, k->id, k->pos)) != NULL)
		dup_error(l, at(map_get(map, "id"), map), _("kpi"), k->id, first);
	k->title = get_text(l, map, "title", true);
	k->unit = get_text(l, map, "unit", true);
	k->lower_better = get_enum(l, map, "better", dirs, 2, false) == 1;
	if ((v = map_get(map, "range")) != NULL) {
		/* range: [MIN, MAX], the values a figure may take */
		if (v->type != Y_SEQ || v->n != 2 || v->items[0]->type != Y_SCALAR ||
		    v->items[1]->type != Y_SCALAR ||
		    !text_number(v->items[0]->str, &k->range_lo) ||
		    !text_number(v->items[1]->str, &k->range_hi))
			err(l, v, _("'range' must be two numbers, [MIN, MAX], such as [0, 100]"));
		else if (!(k->range_lo < k->range_hi))
			err(l, v, _("'range' must go from the lower number to the higher, not [%g, %g]"),
			    k->range_lo, k->range_hi);
		else
			k->has_range = true;
	}
}

static const char *const curriculum_keys[] = {
	"curriculum", "title", "stages", "kpis"
};

static void
load_curriculum(struct ld *l, const struct ynode *root)
{
	struct curriculum *cu = arena_alloc(l->c->arena, sizeof(*cu));
	struct idset sids = { 0 }, kids = { 0 };
	const struct pos *first;
	const struct ynode *v;
	size_t i;

	memset(cu, 0, sizeof(*cu));
	cu->pos = pos_of(l, root);
	check_keys(l, root, curriculum_keys, ARRAY_SIZE(curriculum_keys),
		   _("a curriculum"));
	cu->id = get_id(l, root, "curriculum", true);
	cu->title = get_text(l, root, "title", true);
	v = map_get(root, "kpis");
	if (v && (v->type != Y_SEQ || v->n == 0))
		err(l, v, _("'kpis' must be a list of kpis"));
	else if (v) {
		cu->kpis = arena_alloc(l->c->arena, v->n * sizeof(*cu->kpis));
		cu->nkpis = v->n;
		for (i = 0; i < v->n; i++)
			load_kpi(l, v->items[i], &cu->kpis[i], &kids);
	}
	v = map_get(root, "stages");
	if (v == NULL)
		missing(l, root, "stages");
	else if (v->type != Y_SEQ || v->n == 0)
		err(l, v, _("'stages' must be a list of at least one stage"));
	else {
		cu->stages = arena_alloc(l->c->arena, v->n * sizeof(*cu->stages));
		cu->nstages = v->n;
		for (i = 0; i < v->n; i++)
			load_stage(l, v->items[i], &cu->stages[i], &sids);
	}
	idset_free(&sids);
	idset_free(&kids);

	if (cu->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->curriculum, cu->id, cu->pos)) != NULL) {
		dup_error(l, map_get(root, "curriculum"), _("curriculum"), cu->id, first);
		return;
	}
	l->c->curricula = xreallocarray(l->c->curricula, l->c->ncurricula + 1,
					sizeof(*l->c->curricula));
	l->c->curricula[l->c->ncurricula++] = cu;
	strmap_put(&l->c->index[INDEX_CURRICULUM], cu->id, cu);
}

/* ---- files ---- */

/* Reports the line and column of a byte offset, counting characters. */
static void
offset_pos(const char *buf, size_t off, int *line, int *col)
{
	size_t i = 0;

	*line = 1;
	*col = 1;
	while (i < off) {
		int32_t cp;
		size_t k;

		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
			i++;
			continue;
		}
		k = text_decode(buf + i, off - i, &cp);
		i += k ? k : 1;
		(*col)++;
	}
}

/* Loads the quiz, drill or curriculum of a file's tree (whose nodes are
 * in tmp, which this frees). */
static int
load_root(struct ld *l, struct ynode *root, struct arena *tmp)
{
	static const char *const tops[] = { "quiz", "drill", "curriculum" };
	size_t i;
	int found = -1, count = 0;

	if (root->type != Y_MAP) {
		err(l, root, _("a content file must be a mapping with a 'quiz', 'drill' or 'curriculum' key, not %s"),
		    ydoc_type_name(root));
		arena_free(tmp);
		return -1;
	}
	for (i = 0; i < 3; i++)
		if (map_get(root, tops[i]))
			found = found < 0 ? (int)i : found, count++;
	if (count > 1) {
		err(l, root, _("a file holds one quiz, drill or curriculum, but this one has several of 'quiz', 'drill' and 'curriculum'"));
	} else if (count == 0) {
		const char *sug = NULL;

		for (i = 0; i < root->n && !sug; i++)
			if (root->items[2 * i]->type == Y_SCALAR)
				sug = text_suggest(root->items[2 * i]->str, tops, 3);
		if (sug)
			err(l, root, _("not a kefu content file: no top-level 'quiz', 'drill' or 'curriculum' key (did you mean '%s'?)"),
			    sug);
		else
			err(l, root, _("not a kefu content file: no top-level 'quiz', 'drill' or 'curriculum' key"));
	} else if (found == 0)
		load_quiz(l, root);
	else if (found == 1)
		load_drill(l, root);
	else
		load_curriculum(l, root);
	arena_free(tmp);
	return l->d->errors == l->errors_at_start ? 0 : -1;
}

static void
ld_init(struct ld *l, struct content *c, const char *path, struct diag *d)
{
	l->c = c;
	l->d = d;
	l->file = arena_strdup(c->arena, path);
	l->errors_at_start = d->errors;
	c->nfiles++;
}

/* Checks the bytes of one file and loads the quiz, drill or curriculum
 * in it; the caller holds the diag. With st, the tree goes to the
 * content's cache. */
static int
load_bytes(struct content *c, const char *path, const char *buf, size_t len,
	   const struct stat *st, struct diag *d)
{
	struct arena *tmp;
	struct ld l;
	struct ynode *root;
	const char *nul;
	size_t bad;
	bool empty;

	ld_init(&l, c, path, d);
	if (!text_valid(buf, len, &bad)) {
		int line, col;

		offset_pos(buf, bad, &line, &col);
		diag_at(d, path, line, col, _("invalid UTF-8 (byte 0x%02x): save the file as UTF-8"),
			(unsigned char)buf[bad]);
		return -1;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		int line, col;

		offset_pos(buf, (size_t)(nul - buf), &line, &col);
		diag_at(d, path, line, col, _("a NUL byte: this is not a text file"));
		return -1;
	}
	tmp = arena_new();
	/* the tree goes with the file; its strings stay, so text kept
	 * as it is written need not be copied (scalar_text) */
	root = ydoc_parse_text(tmp, c->arena, l.file, buf, len, d, &empty);
	if (root == NULL) {
		if (empty)
			diag_at(d, path, 0, 0, _("empty file: expected a 'quiz', 'drill' or 'curriculum' mapping"));
		arena_free(tmp);
		return -1;
	}
	if (st && c->cache)
		ycache_put(c->cache, path, st, root);
	return load_root(&l, root, tmp);
}

static void
too_large(struct diag *d, const char *name)
{
	diag_at(d, name, 0, 0, _("file too large (over %u MiB); split it into several files"),
		YDOC_MAX_BYTES >> 20);
}

/* Reads one file and loads it, its messages in position order. */
static int
load_file(struct content *c, const char *path, struct diag *d)
{
	const char *why;
	char *buf;
	size_t len;
	int rc;
	struct stat st;
	bool have_st = false;

	diag_hold(d);
	/* a FIFO named x.yaml would hold every command that loads content
	 * for ever, waiting for a writer: it is never opened */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			c->nfiles++;
			diag_at(d, path, 0, 0, _("not a regular file"));
			diag_flush(d);
			return -1;
		}
		have_st = true;
	}
	/* an unchanged file's tree from the cache; stat() before reading,
	 * so a change made while it is read is seen next time */
	if (c->cache && have_st) {
		struct arena *tmp = arena_new();
		struct ynode *root = ycache_get(c->cache, path, &st, tmp, c->arena);

		if (root) {
			struct ld l;

			ld_init(&l, c, path, d);
			rc = load_root(&l, root, tmp);
			diag_flush(d);
			return rc;
		}
		arena_free(tmp);
	}
	if (read_regular_file(path, YDOC_MAX_BYTES, &buf, &len, &why) != 0) {
		c->nfiles++;
		if (strcmp(why, _("file too large")) == 0)
			too_large(d, path);
		else if (strcmp(why, _("not a regular file")) == 0)
			diag_at(d, path, 0, 0, "%s", why);
		else
			diag_at(d, path, 0, 0, _("cannot read: %s"), why);
		rc = -1;
	} else {
		rc = load_bytes(c, path, buf, len, have_st ? &st : NULL, d);
		free(buf);
	}
	diag_flush(d);
	return rc;
}

int
content_load_buffer(struct content *c, const char *name, const char *buf,
		    size_t len, struct diag *d)
{
	int rc;

	diag_hold(d);
	if (len > YDOC_MAX_BYTES) {
		c->nfiles++;
		too_large(d, name);
		rc = -1;
	} else
		rc = load_bytes(c, name, buf, len, NULL, d);
	diag_flush(d);
	return rc;
}

static bool
is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories one load has entered, so links are followed without
 * reading a directory twice or going round a loop for ever. */
struct dirseen {
	struct {
		dev_t dev;
		ino_t ino;
		const char *path;	/* NULL once the directory is done */
	} *dirs;
	size_t n;
};

/* Collects YAML files below dir, skipping hidden entries. */
static void
collect(const char *dir, int depth, struct dirseen *seen, char ***files,
	size_t *n, struct diag *d)
{
	struct dirent *de;
	struct stat st;
	size_t me, i;
	DIR *dp;

	if (depth > 16) {
		diag_at(d, dir, 0, 0, _("directories nested too deep"));
		return;
	}
	if (stat(dir, &st) != 0) {
		diag_at(d, dir, 0, 0, _("cannot read directory: %s"), strerror(errno));
		return;
	}
	for (i = 0; i < seen->n; i++) {
		if (seen->dirs[i].dev != st.st_dev || seen->dirs[i].ino != st.st_ino)
			continue;
		if (seen->dirs[i].path)
			diag_at(d, dir, 0, 0, _("a link loops back to '%s'; remove the link"),
				seen->dirs[i].path);
		return;	/* else reached by another link and read already */
	}
	if ((dp = opendir(dir)) == NULL) {
		diag_at(d, dir, 0, 0, _("cannot read directory: %s"), strerror(errno));
		return;
	}
	me = seen->n++;
	seen->dirs = xreallocarray(seen->dirs, seen->n, sizeof(*seen->dirs));
	seen->dirs[me].dev = st.st_dev;
	seen->dirs[me].ino = st.st_ino;
	seen->dirs[me].path = dir;
	while ((de = readdir(dp)) != NULL) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = path_join(dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect(path, depth + 1, seen, files, n, d);
			free(path);
		} else if (is_yaml_name(de->d_name)) {
			*files = xreallocarray(*files, *n + 1, sizeof(**files));
			(*files)[(*n)++] = path;
		} else
			free(path);
	}
	closedir(dp);
	seen->dirs[me].path = NULL;
}

static int
load_dir(struct content *c, const char *dir, struct diag *d)
{
	struct dirseen seen = { NULL, 0 };
	char **files = NULL;
	size_t n = 0, i;
	unsigned before = d->errors;

	collect(dir, 0, &seen, &files, &n, d);
	free(seen.dirs);
	if (n > 1)
		qsort(files, n, sizeof(*files), cmp_str);
	for (i = 0; i < n; i++) {
		load_file(c, files[i], d);
		free(files[i]);
	}
	free(files);
	return d->errors == before ? 0 : -1;
}

int
content_load_path(struct content *c, const char *path, struct diag *d)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		diag_at(d, path, 0, 0, _("cannot open: %s"), strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(c, path, d);
	return load_file(c, path, d);
}

int
content_load_tree(struct content *c, const char *dir, struct diag *d)
{
	static const char *const subdirs[] = { "curricula", "quizzes" };
	unsigned before = d->errors;
	bool any = false;
	size_t i;

	c->root = arena_strdup(c->arena, dir);
	for (i = 0; i < ARRAY_SIZE(subdirs); i++) {
		char *sub = path_join(dir, subdirs[i]);
		struct stat st;

		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			any = true;
			load_dir(c, sub, d);
		}
		free(sub);
	}
	if (!any)
		diag_at(d, dir, 0, 0, _("not a content tree: it has no curricula/ or quizzes/ directory"));
	return d->errors == before ? 0 : -1;
}

/* ---- references ---- */

/* The id sets only matter while one content set is loading. */
static void
ids_free(struct content *c)
{
	if (c->ids == NULL)
		return;
	idset_free(&c->ids->quiz);
	idset_free(&c->ids->drill);
	idset_free(&c->ids->curriculum);
	idset_free(&c->ids->lesson);
	idset_free(&c->ids->assessment);
	free(c->ids);
	c->ids = NULL;
}

static const char *
suggest_id(const char *id, const char *const *ids, size_t n)
{
	return text_suggest(id, ids, n);
}

static void
unknown_ref(struct diag *d, const struct pos *p, const char *what,
	    const char *id, const char **known, size_t n)
{
	const char *sug = suggest_id(id, known, n);

	if (sug)
		diag_at(d, p->file, p->line, p->col, _("no %s '%s' is loaded (did you mean '%s'?)"),
			what, id, sug);
	else
		diag_at(d, p->file, p->line, p->col, _("no %s '%s' is loaded"), what, id);
}

/* The ids of one kind in c and then in fb, for suggestions. */
static size_t
id_list(const struct content *c, const struct content *fb,
	enum content_kind kind, const char ***out)
{
	const char **fbids = NULL;
	size_t n = content_ids(c, kind, out), m = fb ? content_ids(fb, kind, &fbids) : 0;

	*out = xreallocarray(*out, n + m + 1, sizeof(**out));
	if (m)
		memcpy(*out + n, fbids, m * sizeof(*fbids));
	free(fbids);
	return n + m;
}

static void
resolve_part(struct diag *d, const struct curriculum *cu, struct part *p,
	     const struct content *c, const struct content *fb,
	     const char **qids, size_t nq)
{
	size_t i;

	if (p->ref == NULL)
		return;
	if (p->kind == PART_QUIZ) {
		p->quiz = content_quiz(c, p->ref);
		if (p->quiz == NULL && fb)
			p->quiz = content_quiz(fb, p->ref);
		if (p->quiz == NULL)
			unknown_ref(d, &p->pos, _("quiz"), p->ref, qids, nq);
		return;
	}
	for (i = 0; i < cu->nkpis; i++)
		if (cu->kpis[i].id && strcmp(cu->kpis[i].id, p->ref) == 0)
			p->kpi = &cu->kpis[i];
	if (p->kpi == NULL) {
		const char **kids = xreallocarray(NULL, cu->nkpis + 1, sizeof(*kids));
		size_t n = 0;

		for (i = 0; i < cu->nkpis; i++)
			if (cu->kpis[i].id)
				kids[n++] = cu->kpis[i].id;
		if (cu->nkpis == 0)
			diag_at(d, p->pos.file, p->pos.line, p->pos.col,
				_("kpi '%s' is not defined: add it under 'kpis' of this curriculum"),
				p->ref);
		else if (text_suggest(p->ref, kids, n))
			diag_at(d, p->pos.file, p->pos.line, p->pos.col,
				_("kpi '%s' is not under this curriculum's 'kpis' (did you mean '%s'?)"),
				p->ref, text_suggest(p->ref, kids, n));
		else
			diag_at(d, p->pos.file, p->pos.line, p->pos.col,
				_("kpi '%s' is not under this curriculum's 'kpis'"), p->ref);
		free(kids);
		return;
	}
	{
		/* a threshold no figure can take decides nothing */
		double lo, hi;
		bool bad_min;

		kpi_bounds(p->kpi, &lo, &hi);
		bad_min = p->has_min && (p->min < lo || p->min > hi);
		if (bad_min || (p->has_max && (p->max < lo || p->max > hi))) {
			struct sb sb = SB_INIT;

			kpi_bounds_words(&sb, p->kpi);
			diag_at(d, p->pos.file, p->pos.line, p->pos.col,
				_("kpi '%s' takes figures %s: this part's '%s' of %g can never be met"),
				p->ref, sb_str(&sb),
				bad_min ? (p->strict ? "above" : "min") : (p->strict ? "below" : "max"),
				bad_min ? p->min : p->max);
			sb_free(&sb);
		}
	}
	if (p->kpi->lower_better && p->has_min && !p->has_max)
		diag_at(d, p->pos.file, p->pos.line, p->pos.col,
			p->strict ? _("kpi '%s' is better lower: give this part 'below', not 'above'") :
			_("kpi '%s' is better lower: give this part a 'max', not a 'min'"),
			p->ref);
	else if (!p->kpi->lower_better && p->has_max && !p->has_min)
		diag_at(d, p->pos.file, p->pos.line, p->pos.col,
			p->strict ? _("kpi '%s' is better higher: give this part 'above', not 'below'") :
			_("kpi '%s' is better higher: give this part a 'min', not a 'max'"),
			p->ref);
}

/* A quiz that draws from other banks takes their questions after its
 * own; ids must stay unique in the pool, since attempts record them. */
static void
resolve_pool(struct diag *d, struct content *c, struct quiz *q,
	     const struct content *fb, const char **qids, size_t nq)
{
	const struct quiz **src = xcalloc(q->nfrom, sizeof(*src));
	struct strmap seen = { 0 };
	struct question *all;
	size_t i, j, n = q->nquestions;
	bool ok = true;

	for (i = 0; i < q->nfrom; i++) {
		const struct pos *p = &q->from_pos[i];

		src[i] = content_quiz(c, q->from[i]);
		if (src[i] == NULL && fb)
			src[i] = content_quiz(fb, q->from[i]);
		if (src[i] == NULL) {
			unknown_ref(d, p, _("quiz"), q->from[i], qids, nq);
			ok = false;
		} else if (src[i] == q || src[i]->nfrom) {
			diag_at(d, p->file, p->line, p->col,
				src[i] == q ? _("quiz '%s' cannot draw from itself") :
				_("quiz '%s' draws from other quizzes itself; name its banks here instead"),
				q->from[i]);
			ok = false;
		} else
			n += src[i]->nquestions;
	}
	if (!ok) {
		free(src);
		q->ndraws = 0;
		return;
	}
	all = arena_alloc(c->arena, n * sizeof(*all));
	if (q->nquestions)
		memcpy(all, q->questions, q->nquestions * sizeof(*all));
	n = q->nquestions;
	for (i = 0; i < q->nfrom; i++)
		for (j = 0; j < src[i]->nquestions; j++)
			all[n++] = src[i]->questions[j];
	for (i = 0; i < n; i++) {
		const struct question *first;

		if (all[i].id == NULL)
			continue;	/* said already, where it was loaded */
		first = strmap_add(&seen, all[i].id, &all[i]);

		if (first) {
			diag_at(d, all[i].pos.file, all[i].pos.line, all[i].pos.col,
				_("question id '%s' is also used at %s:%d:%d, and quiz '%s' draws from both"),
				all[i].id, first->pos.file, first->pos.line, first->pos.col, q->id);
			ok = false;
		}
	}
	strmap_free(&seen);
	free(src);
	q->questions = all;
	q->nquestions = n;
	q->pooled = true;
	if (ok)
		draw_check(d, q);
	else
		q->ndraws = 0;
}

/* Reports something worth a look that is not wrong: FILE:LINE:COLUMN:
 * warning: message, leaving the count of errors as it was. */
static PRINTF(3, 4) void
warn_at(struct diag *d, const struct pos *p, const char *fmt, ...)
{
	unsigned errors = d->errors;
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_at(d, p->file, p->line, p->col, _("warning: %s"), sb_str(&sb));
	d->errors = errors;
	sb_free(&sb);
}

/* Calls fn for each quiz stage s uses, by a quiz module or by an
 * assessment's part, with the place that uses it. */
static void
stage_quizzes(const struct stage *s,
	      void (*fn)(const struct quiz *, const struct pos *, void *),
	      void *arg)
{
	size_t k, p;

	for (k = 0; k < s->nmodules; k++) {
		const struct module *m = &s->modules[k];

		if (m->kind == MOD_QUIZ && m->quiz)
			fn(m->quiz, &m->pos, arg);
		else if (m->kind == MOD_ASSESSMENT)
			for (p = 0; p < m->nparts; p++)
				if (m->parts[p].kind == PART_QUIZ && m->parts[p].quiz)
					fn(m->parts[p].quiz, &m->parts[p].pos, arg);
	}
}

struct later {
	struct diag *d;
	const struct curriculum *cu;
	struct strmap first;	/* quiz id -> the first stage that uses it */
	size_t stage;		/* the stage looked at */
};

static void
note_first(const struct quiz *q, const struct pos *p, void *arg)
{
	struct later *l = arg;

	strmap_add(&l->first, q->id, &l->cu->stages[l->stage]);
}

static void
warn_later(const struct quiz *q, const struct pos *p, void *arg)
{
	struct later *l = arg;
	size_t f;

	for (f = 0; f < q->nfrom; f++) {
		const struct stage *bank = strmap_get(&l->first, q->from[f]);

		if (bank && bank > &l->cu->stages[l->stage])
			warn_at(l->d, p, _("quiz '%s' draws from '%s', a quiz of the later stage '%s': "
					   "trainees at this stage have not studied it yet"),
				q->id, q->from[f], bank->id ? bank->id : "?");
	}
}

/* An exam that draws from the banks of a later stage asks what has not
 * been taught yet. Not an error: a shop may mean it. A bank belongs to
 * the first stage that uses it; a bank no stage uses, to none. */
static void
later_banks_check(const struct curriculum *cu, struct diag *d);

void
content_warnings(const struct content *c, struct diag *d)
{
	size_t i;

	for (i = 0; i < c->ncurricula; i++)
		later_banks_check(c->curricula[i], d);
}

static void
later_banks_check(const struct curriculum *cu, struct diag *d)
{
	struct later l = { d, cu, STRMAP_INIT, 0 };

	for (l.stage = 0; l.stage < cu->nstages; l.stage++)
		stage_quizzes(&cu->stages[l.stage], note_first, &l);
	for (l.stage = 0; l.stage < cu->nstages; l.stage++)
		stage_quizzes(&cu->stages[l.stage], warn_later, &l);
	strmap_free(&l.first);
}

int
content_resolve(struct content *c, const struct content *fb, struct diag *d)
{
	unsigned before = d->errors;
	const char **qids, **dids;
	size_t nq = id_list(c, fb, KIND_QUIZ, &qids), nd = id_list(c, fb, KIND_DRILL, &dids);
	size_t i, j, k, p;

	for (i = 0; i < c->nquizzes; i++)
		if (c->quizzes[i]->nfrom && !c->quizzes[i]->pooled)
			resolve_pool(d, c, c->quizzes[i], fb, qids, nq);

	for (i = 0; i < c->ncurricula; i++) {
		struct curriculum *cu = c->curricula[i];

		for (j = 0; j < cu->nstages; j++) {
			struct stage *s = &cu->stages[j];

			for (k = 0; k < s->nmodules; k++) {
				struct module *m = &s->modules[k];

				if (m->kind == MOD_QUIZ && m->id) {
					m->quiz = content_quiz(c, m->id);
					if (m->quiz == NULL && fb)
						m->quiz = content_quiz(fb, m->id);
					if (m->quiz == NULL)
						unknown_ref(d, &m->pos, _("quiz"), m->id, qids, nq);
				} else if (m->kind == MOD_DRILL && m->id) {
					m->drill = content_drill(c, m->id);
					if (m->drill == NULL && fb)
						m->drill = content_drill(fb, m->id);
					if (m->drill == NULL)
						unknown_ref(d, &m->pos, _("drill"), m->id, dids, nd);
				} else if (m->kind == MOD_ASSESSMENT) {
					for (p = 0; p < m->nparts; p++)
						resolve_part(d, cu, &m->parts[p], c, fb, qids, nq);
				}
			}
		}
	}
	free(qids);
	free(dids);
	ids_free(c);
	return d->errors == before ? 0 : -1;
}

/* Whether two positions are in the same file, however it was named. */
static bool
same_file(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra && rb ? strcmp(ra, rb) == 0 : strcmp(a, b) == 0;

	free(ra);
	free(rb);
	return same;
}

static void
clash(struct diag *d, const struct pos *p, const char *what, const char *id,
      const struct pos *there)
{
	diag_at(d, p->file, p->line, p->col,
		_("%s id '%s' is already used in the content tree, at %s:%d:%d"),
		what, id, there->file, there->line, there->col);
}

int
content_clashes(const struct content *c, const struct content *tree,
		struct diag *d)
{
	unsigned before = d->errors;
	size_t i, j, k, t;

	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *q = content_quiz(tree, c->quizzes[i]->id);

		if (q && !same_file(q->pos.file, c->quizzes[i]->pos.file))
			clash(d, &c->quizzes[i]->pos, _("quiz"), q->id, &q->pos);
	}
	for (i = 0; i < c->ndrills; i++) {
		const struct drill *dr = content_drill(tree, c->drills[i]->id);

		if (dr && !same_file(dr->pos.file, c->drills[i]->pos.file))
			clash(d, &c->drills[i]->pos, _("drill"), dr->id, &dr->pos);
	}
	for (i = 0; i < c->ncurricula; i++) {
		const struct curriculum *cu = c->curricula[i];
		const struct curriculum *other = content_curriculum(tree, cu->id);

		if (other && !same_file(other->pos.file, cu->pos.file))
			clash(d, &cu->pos, _("curriculum"), cu->id, &other->pos);
		for (j = 0; j < cu->nstages; j++)
			for (k = 0; k < cu->stages[j].nmodules; k++) {
				const struct module *m = &cu->stages[j].modules[k];

				if (m->kind != MOD_LESSON || m->id == NULL)
					continue;
				for (t = 0; t < tree->ncurricula; t++) {
					const struct module *tm =
					    content_lesson(tree->curricula[t], m->id, NULL);

					if (tm && !same_file(tm->pos.file, m->pos.file))
						clash(d, &m->pos, _("lesson"), m->id, &tm->pos);
				}
			}
	}
	return d->errors == before ? 0 : -1;
}

/* ---- lookups ---- */

struct content *
content_new(void)
{
	struct content *c = xcalloc(1, sizeof(*c));

	c->arena = arena_new();
	c->ids = xcalloc(1, sizeof(*c->ids));
	return c;
}

void
content_free(struct content *c)
{
	if (c == NULL)
		return;
	ids_free(c);
	strmap_free(&c->index[INDEX_QUIZ]);
	strmap_free(&c->index[INDEX_DRILL]);
	strmap_free(&c->index[INDEX_CURRICULUM]);
	free(c->quizzes);
	free(c->drills);
	free(c->curricula);
	arena_free(c->arena);
	free(c);
}

size_t
content_ids(const struct content *c, enum content_kind kind, const char ***out)
{
	size_t n = kind == KIND_QUIZ ? c->nquizzes : kind == KIND_DRILL ?
	    c->ndrills : c->ncurricula, i;
	const char **ids = xreallocarray(NULL, n + 1, sizeof(*ids));

	for (i = 0; i < n; i++)
		ids[i] = kind == KIND_QUIZ ? c->quizzes[i]->id :
		    kind == KIND_DRILL ? c->drills[i]->id : c->curricula[i]->id;
	*out = ids;
	return n;
}

const struct quiz *
content_quiz(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_QUIZ], id);
}

const struct drill *
content_drill(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_DRILL], id);
}

const struct curriculum *
content_curriculum(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_CURRICULUM], id);
}

const struct module *
content_lesson(const struct curriculum *cu, const char *id,
	       const struct stage **stage)
{
	size_t i, j;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind == MOD_LESSON && m->id && strcmp(m->id, id) == 0) {
				if (stage)
					*stage = &cu->stages[i];
				return m;
			}
		}
	return NULL;
}

const char *
content_qtype_name(enum qtype t)
{
	return qtype_names[t];
}

const char *
content_unit_name(enum drill_unit u)
{
	return u == UNIT_WPM ? "WPM" : "字/分";
}

const char *
content_module_kind_name(enum module_kind k)
{
	return kind_keys[k];
}

const struct question *
content_quiz_question(const struct quiz *qz, const char *question)
{
	size_t i;

	for (i = 0; qz && i < qz->nquestions; i++)
		if (strcmp(qz->questions[i].id, question) == 0)
			return &qz->questions[i];
	return NULL;
}

const struct question *
content_question(const struct content *c, const char *quiz,
		 const char *question, const struct quiz **qz)
{
	*qz = content_quiz(c, quiz);
	return content_quiz_question(*qz, question);
}
