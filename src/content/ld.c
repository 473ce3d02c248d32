/* ld.c: what every content loader shares while one file loads: its
 * messages, placed at file:line:column, and the sets of ids seen. */
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

/* Adds key; returns NULL, or the place it was first seen. */
const struct pos *
idset_add(struct idset *set, const char *key, struct pos pos)
{
	struct pos *p;

	if (set->arena == NULL)
		set->arena = arena_new();
	p = arena_memdup(set->arena, &pos, sizeof(pos));
	return strmap_add(&set->map, key, p);
}

void
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
bool
ld_silenced(const struct ld *l)
{
	return l->d->errors - l->errors_at_start > CONTENT_MAX_ERRORS;
}

PRINTF(3, 4) void
ld_err(struct ld *l, const struct ynode *n, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	unsigned had = l->d->errors - l->errors_at_start;
	va_list ap;

	if (ld_silenced(l))
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
const char *
ld_shown(struct ld *l, const char *s)
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

struct pos
ld_pos(struct ld *l, const struct ynode *n)
{
	struct pos p = { l->file, n->line, n->col };

	return p;
}

/* The node to point at for a value of item: the value itself, unless it
 * stands before the item, as a value reached through an alias does. */
const struct ynode *
ld_at(const struct ynode *value, const struct ynode *item)
{
	if (value == NULL || value->line < item->line ||
	    (value->line == item->line && value->col < item->col))
		return item;
	return value;
}

void
ld_dup(struct ld *l, const struct ynode *n, const char *what,
	  const char *id, const struct pos *first)
{
	if (first->file == l->file)
		ld_err(l, n, _("duplicate %s id '%s' (first used at line %d)"),
		    what, id, first->line);
	else
		ld_err(l, n, _("duplicate %s id '%s' (first used at %s:%d:%d)"),
		    what, id, first->file, first->line, first->col);
}
