/* get.c: typed values read from a YAML mapping (text, ids, numbers,
 * booleans, durations, enums, lists), each problem reported where it is. */
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
#include "content/load.h"
#include "kpi.h"
#include "quiz.h"
#include "markup.h"
#include "text.h"
#include "ycache.h"
#include "ydoc.h"

const struct ynode *
map_get(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i + 1];
	return NULL;
}

const struct ynode *
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
void
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
			ld_err(l, key, _("a key in %s must be a word, not %s"), _(what),
			    ydoc_type_name(key));
			continue;
		}
		if (hashed)
			prev = strmap_add(&seen, key->str, (void *)key);
		for (j = 0; !hashed && j < i && prev == NULL; j++)
			if (key_is(map->items[2 * j], key->str))
				prev = map->items[2 * j];
		if (prev) {
			ld_err(l, key, _("key '%s' appears twice in %s (first at line %d)"),
			    ld_shown(l, key->str), _(what), prev->line);
			continue;
		}
		for (k = 0; k < nallowed && !known; k++)
			known = key_is(key, allowed[k]);
		if (known || ld_silenced(l))
			continue;	/* no suggestions nobody will see */
		sug = text_suggest(key->str, allowed, nallowed);
		if (sug) {
			ld_err(l, key, _("unknown key '%s' in %s (did you mean '%s'?)"),
			    ld_shown(l, key->str), _(what), sug);
		} else {
			struct sb sb = SB_INIT;

			list_words(&sb, allowed, nallowed);
			ld_err(l, key, _("unknown key '%s' in %s (known keys: %s)"),
			    ld_shown(l, key->str), _(what), sb_str(&sb));
			sb_free(&sb);
		}
	}
	strmap_free(&seen);
}

/* Reports a missing key, unless a misspelling of it was reported already. */
void
ld_missing(struct ld *l, const struct ynode *map, const char *key)
{
	const char *one[1] = { key };
	size_t i;

	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i];

		if (k->type == Y_SCALAR && text_suggest(k->str, one, 1))
			return;
	}
	ld_err(l, map, _("missing '%s'"), key);
}

bool
is_map(struct ld *l, const struct ynode *n, const char *what)
{
	if (n->type == Y_MAP)
		return true;
	ld_err(l, n, _("%s must be a mapping of keys and values, not %s"), _(what),
	    ydoc_type_name(n));
	return false;
}

/* Text with surrounding white space trimmed; NULL when empty. */
const char *
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
const char *
get_text(struct ld *l, const struct ynode *map, const char *key, bool required)
{
	const struct ynode *v = map_get(map, key);
	const char *s;

	if (v == NULL) {
		if (required)
			ld_missing(l, map, key);
		return NULL;
	}
	if (v->type != Y_SCALAR) {
		ld_err(l, v, _("'%s' must be text, not %s"), key, ydoc_type_name(v));
		return NULL;
	}
	s = scalar_text(l, v);
	if (s == NULL && required)
		ld_err(l, v, _("'%s' is empty"), key);
	return s;
}

bool
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
		ld_err(l, v, _("'%s' must be an id of at most 64 characters"), key);
	else if (fix.len && valid_id(sb_str(&fix)))
		ld_err(l, v, _("'%s' must be an id of lowercase letters, digits and '-', not '%s' (try '%s')"),
		    key, s, sb_str(&fix));
	else
		ld_err(l, v, _("'%s' must be an id of lowercase letters, digits and '-' (like 'after-sales-rules'), not '%s'"),
		    key, ld_shown(l, s));
	sb_free(&fix);
	return NULL;
}

const char *
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
bool
get_number(struct ld *l, const struct ynode *map, const char *key,
	   double min, double max, bool integer, bool required, double *out)
{
	const struct ynode *v = map_get(map, key);
	struct sb sb = SB_INIT;
	double x;

	if (v == NULL) {
		if (required)
			ld_missing(l, map, key);
		return false;
	}
	if (v->type != Y_SCALAR || !text_number(v->str, &x) ||
	    (integer && x != floor(x)) || x < min || x > max) {
		range_words(min, max, integer, &sb);
		if (v->type != Y_SCALAR)
			ld_err(l, v, _("'%s' must be %s, not %s"), key, sb_str(&sb),
			    ydoc_type_name(v));
		else
			ld_err(l, v, _("'%s' must be %s, not '%s'"), key, sb_str(&sb),
			    ld_shown(l, v->str));
		sb_free(&sb);
		return false;
	}
	*out = x;
	return true;
}

bool
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

bool
get_bool(struct ld *l, const struct ynode *map, const char *key, bool *out)
{
	const struct ynode *v = map_get(map, key);

	if (v == NULL)
		return false;
	if (v->type != Y_SCALAR || !parse_bool(v->str, out)) {
		ld_err(l, v, _("'%s' must be true or false, not %s%s%s"), key,
		    v->type == Y_SCALAR ? "'" : "",
		    v->type == Y_SCALAR ? ld_shown(l, v->str) : ydoc_type_name(v),
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

long
get_duration(struct ld *l, const struct ynode *map, const char *key)
{
	const struct ynode *v = map_get(map, key);
	long secs;

	if (v == NULL)
		return 0;
	if (v->type != Y_SCALAR || (secs = parse_duration(v->str)) <= 0) {
		ld_err(l, v, _("'%s' must be a duration like 90s, 20m, 2h or 15d, not %s%s%s"),
		    key, v->type == Y_SCALAR ? "'" : "",
		    v->type == Y_SCALAR ? ld_shown(l, v->str) : ydoc_type_name(v),
		    v->type == Y_SCALAR ? "'" : "");
		return 0;
	}
	return secs;
}

/* Gets one of the named values; returns its index or -1. */
int
get_enum(struct ld *l, const struct ynode *map, const char *key,
	 const char *const *names, size_t n, bool required)
{
	const struct ynode *v = map_get(map, key);
	struct sb sb = SB_INIT;
	const char *sug;
	size_t i;

	if (v == NULL) {
		if (required)
			ld_missing(l, map, key);
		return -1;
	}
	if (v->type == Y_SCALAR)
		for (i = 0; i < n; i++)
			if (strcmp(v->str, names[i]) == 0)
				return (int)i;
	list_words(&sb, names, n);
	if (v->type != Y_SCALAR)
		ld_err(l, v, _("'%s' must be one of %s, not %s"), key, sb_str(&sb),
		    ydoc_type_name(v));
	else if ((sug = text_suggest(v->str, names, n)) != NULL)
		ld_err(l, v, _("unknown %s '%s' (did you mean '%s'?)"), key, ld_shown(l, v->str), sug);
	else
		ld_err(l, v, _("unknown %s '%s' (expected one of %s)"), key,
		    ld_shown(l, v->str), sb_str(&sb));
	sb_free(&sb);
	return -1;
}

/* Gets a list of non-empty texts; a single value counts as a list of one
 * when `one_ok`. Returns the count, 0 when absent or bad. */
size_t
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
			ld_err(l, v, _("'%s' is empty"), key);
			return 0;
		}
		items = arena_alloc(l->c->arena, sizeof(*items));
		items[0] = s;
		*out = items;
		return 1;
	}
	if (v->type != Y_SEQ) {
		ld_err(l, v, _("'%s' must be a list like [甲, 乙], not %s"), key,
		    ydoc_type_name(v));
		return 0;
	}
	if (v->n == 0) {
		ld_err(l, v, _("'%s' is an empty list"), key);
		return 0;
	}
	items = arena_alloc(l->c->arena, v->n * sizeof(*items));
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];

		if (it->type != Y_SCALAR) {
			ld_err(l, it, _("each item of '%s' must be text, not %s"), key,
			    ydoc_type_name(it));
			continue;
		}
		if ((items[n] = scalar_text(l, it)) == NULL) {
			ld_err(l, it, _("an item of '%s' is empty"), key);
			continue;
		}
		n++;
	}
	*out = items;
	return n == v->n ? n : 0;
}

/* Reports items that appear twice in a list. */
bool
check_unique_texts(struct ld *l, const struct ynode *map, const char *key,
		   const char **items, size_t n)
{
	const struct ynode *v = map_get(map, key);
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0) {
				ld_err(l, v->type == Y_SEQ ? v->items[i] : v,
				    _("'%s' lists '%s' twice"), key, ld_shown(l, items[i]));
				return false;
			}
	return true;
}

/* Gets one id or a list of ids (a list of references to other content),
 * each with its place. Returns the count, 0 when absent or bad. */
size_t
get_id_list(struct ld *l, const struct ynode *map, const char *key,
	    const char *example, const char ***ids, struct pos **pos)
{
	const struct ynode *v = map_get(map, key);
	size_t i, n, got = 0;

	*ids = NULL;
	*pos = NULL;
	if (v == NULL)
		return 0;
	if (v->type == Y_SCALAR)
		n = 1;
	else if (v->type == Y_SEQ && v->n > 0)
		n = v->n;
	else {
		ld_err(l, v, _("'%s' must be an id or a list of ids, like [%s]"), key, example);
		return 0;
	}
	*ids = arena_alloc(l->c->arena, n * sizeof(**ids));
	*pos = arena_alloc(l->c->arena, n * sizeof(**pos));
	for (i = 0; i < n; i++) {
		const struct ynode *id = v->type == Y_SCALAR ? v : v->items[i];

		if (id->type != Y_SCALAR || !valid_id(id->str)) {
			ld_err(l, id, _("'%s' must be an id or a list of ids, like [%s]"), key, example);
			return 0;
		}
		(*ids)[got] = arena_strdup(l->c->arena, id->str);
		(*pos)[got++] = ld_pos(l, id);
	}
	return got;
}
