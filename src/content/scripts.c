/* scripts.c: the loader of script libraries (话术库): a team's ready
 * replies, each with an id, a title, its text and an optional shortcut
 * (the key a chat tool's quick phrase would take). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "content/load.h"
#include "scripts.h"
#include "text.h"
#include "ydoc.h"

/* A reply is a chat message: long ones are not sent in one go. */
#define SCRIPT_TEXT_MAX 2000
#define SHORTCUT_MAX 16

static const char *const library_keys[] = {
	"scripts", "title", "situation", "items"
};
static const char *const item_keys[] = {
	"id", "title", "text", "tags", "shortcut"
};

bool
content_script_has_placeholder(const char *text)
{
	const char *o = strchr(text, '{');

	return o && strchr(o, '}') != NULL;
}

/* Control characters (a line break only where allowed) and placeholders
 * that are not closed or not named, by scripts_text_problem(). */
void
content_check_text(struct ld *l, const struct ynode *at, const char *what,
		   const char *s, bool lines, bool placeholders)
{
	static const char special[] = "{}\x7f\x01\x02\x03\x04\x05\x06\x07\x08\t\n"
	    "\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
	    "\x1d\x1e\x1f";
	unsigned char bad = 0;
	const char *why;

	/* most texts hold nothing to look at twice */
	if (s[strcspn(s, special)] == '\0')
		return;
	/* a YAML text keeps no CR: one left is a control character */
	if ((why = scripts_text_problem(s, lines, placeholders, &bad)) == NULL)
		return;
	if (bad || strchr(s, '\r'))
		ld_err(l, at, _("%s cannot hold control characters (byte 0x%02x)"), _(what),
		       bad ? bad : '\r');
	else
		ld_err(l, at, "%s: %s", _(what), why);
}

static bool
valid_shortcut(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!isalnum((unsigned char)*s) || n >= SHORTCUT_MAX)
			return false;
	return n > 0;
}

/* What messages call an item and its text (msgids). */
struct words {
	const char *script, *title, *text;
};

static void
load_item(struct ld *l, const struct ynode *map, struct script *it,
	  struct strmap *ids, struct strmap *keys, const struct words *w)
{
	const struct pos *first;
	struct pos *p;

	memset(it, 0, sizeof(*it));
	it->pos = ld_pos(l, map);
	if (!is_map(l, map, w->script))
		return;
	check_keys(l, map, item_keys, ARRAY_SIZE(item_keys), w->script);
	it->id = get_id(l, map, "id", true);
	if (it->id) {
		p = arena_memdup(l->c->arena, &it->pos, sizeof(it->pos));
		if ((first = strmap_add(ids, it->id, p)) != NULL)
			ld_dup(l, ld_at(map_get(map, "id"), map), _("script"), it->id, first);
	}
	it->title = get_text(l, map, "title", true);
	if (it->title)
		content_check_text(l, ld_at(map_get(map, "title"), map), w->title,
				   it->title, false, false);
	it->text = get_text(l, map, "text", true);
	if (it->text) {
		const struct ynode *v = ld_at(map_get(map, "text"), map);

		/* bytes bound characters: count them only when it may matter */
		if (strlen(it->text) > SCRIPT_TEXT_MAX && text_chars(it->text) > SCRIPT_TEXT_MAX)
			ld_err(l, v, _("a script is at most %d characters; this one has %zu"),
			       SCRIPT_TEXT_MAX, text_chars(it->text));
		else
			content_check_text(l, v, w->text, it->text, true, true);
	}
	it->shortcut = get_text(l, map, "shortcut", false);
	if (it->shortcut) {
		const struct ynode *v = ld_at(map_get(map, "shortcut"), map);
		char *low = arena_strdup(l->c->arena, it->shortcut), *c;

		for (c = low; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!valid_shortcut(it->shortcut))
			ld_err(l, v, _("shortcut '%s' must be 1 to %d ASCII letters or digits, like cwh"),
			       ld_shown(l, it->shortcut), SHORTCUT_MAX);
		else {
			p = arena_memdup(l->c->arena, &it->pos, sizeof(it->pos));
			p->line = v->line;
			p->col = v->col;
			if ((first = strmap_add(keys, low, p)) != NULL)
				ld_err(l, v, _("shortcut '%s' is already taken in this library (line %d)"),
				       it->shortcut, first->line);
		}
	}
	it->ntags = get_text_list(l, map, "tags", true, &it->tags);
}

void
load_library(struct ld *l, const struct ynode *root)
{
	struct library *lib = arena_alloc(l->c->arena, sizeof(*lib));
	struct strmap ids = STRMAP_INIT, keys = STRMAP_INIT;
	struct words w = { N_("a script"), N_("a title"), N_("a script") };
	const struct pos *first;
	const struct ynode *v;
	size_t i;

	memset(lib, 0, sizeof(*lib));
	lib->pos = ld_pos(l, root);
	check_keys(l, root, library_keys, ARRAY_SIZE(library_keys), N_("a script library"));
	lib->id = get_id(l, root, "scripts", true);
	lib->title = get_text(l, root, "title", true);
	lib->situation = get_text(l, root, "situation", false);
	v = map_get(root, "items");
	if (v == NULL)
		ld_missing(l, root, "items");
	else if (v->type != Y_SEQ || v->n == 0)
		ld_err(l, v, _("'items' must be a list of scripts, each with id, title and text"));
	else {
		lib->items = arena_alloc(l->c->arena, v->n * sizeof(*lib->items));
		for (i = 0; i < v->n && !ld_silenced(l); i++) {
			load_item(l, v->items[i], &lib->items[lib->nitems], &ids, &keys, &w);
			lib->items[lib->nitems].lib = lib;
			if (lib->items[lib->nitems].id && lib->items[lib->nitems].text)
				lib->nitems++;
		}
	}
	strmap_free(&ids);
	strmap_free(&keys);

	if (lib->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->library, lib->id, lib->pos)) != NULL) {
		ld_dup(l, map_get(root, "scripts"), _("script library"), lib->id, first);
		return;
	}
	l->c->libraries = xreallocarray(l->c->libraries, l->c->nlibraries + 1,
					sizeof(*l->c->libraries));
	l->c->libraries[l->c->nlibraries++] = lib;
	strmap_put(&l->c->index[INDEX_LIBRARY], lib->id, lib);
}

const struct script *
content_library_item(const struct library *lib, const char *id)
{
	size_t i;

	for (i = 0; lib && i < lib->nitems; i++)
		if (strcmp(lib->items[i].id, id) == 0)
			return &lib->items[i];
	return NULL;
}
