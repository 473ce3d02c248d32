/* rules.c: the loader of rule lists (违禁词): the words and phrases no
 * reply may hold, each with why, matched anywhere ignoring width and
 * case (chat.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "content/load.h"
#include "kb.h"
#include "text.h"
#include "ydoc.h"

/* A word is a phrase, not a sentence. */
#define RULE_WORD_MAX 40

static const char *const rules_keys[] = { "rules", "title", "words" };
static const char *const word_keys[] = { "word", "why" };

/* Words folded (kb_fold(): width and case) while a list loads, to find
 * the same word twice; freed once it has. */
struct folds {
	struct strmap seen;
	char **v;
	size_t n;
};

static bool
load_word(struct ld *l, const struct ynode *map, struct rule_word *w, struct folds *f)
{
	char *folded;
	const struct pos *first;
	struct pos *p;

	memset(w, 0, sizeof(*w));
	w->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("a rule word ({word: 微信, why: ...})")))
		return false;
	check_keys(l, map, word_keys, ARRAY_SIZE(word_keys), N_("a rule word"));
	w->word = get_text(l, map, "word", true);
	w->why = get_text(l, map, "why", true);
	if (w->why)
		content_check_text(l, ld_at(map_get(map, "why"), map), N_("a reason"),
				   w->why, false, false);
	if (w->word == NULL)
		return false;
	content_check_text(l, ld_at(map_get(map, "word"), map), N_("a word"), w->word,
			   false, false);
	if (text_chars(w->word) > RULE_WORD_MAX) {
		ld_err(l, ld_at(map_get(map, "word"), map),
		       _("a rule word is at most %d characters; this one has %zu"),
		       RULE_WORD_MAX, text_chars(w->word));
		return false;
	}
	folded = kb_fold(w->word);
	f->v = xreallocarray(f->v, f->n + 1, sizeof(*f->v));
	f->v[f->n++] = folded;
	p = arena_memdup(l->c->arena, &w->pos, sizeof(w->pos));
	if ((first = strmap_add(&f->seen, folded, p)) != NULL) {
		ld_err(l, ld_at(map_get(map, "word"), map),
		       _("word '%s' is already in this list (line %d), ignoring width and case"),
		       ld_shown(l, w->word), first->line);
		return false;
	}
	return w->why != NULL;
}

void
load_rule_list(struct ld *l, const struct ynode *root)
{
	struct rule_list *rl = arena_alloc(l->c->arena, sizeof(*rl));
	struct folds f = { STRMAP_INIT, NULL, 0 };
	const struct pos *first;
	const struct ynode *v;
	size_t i;

	memset(rl, 0, sizeof(*rl));
	rl->pos = ld_pos(l, root);
	check_keys(l, root, rules_keys, ARRAY_SIZE(rules_keys), N_("a rule list"));
	rl->id = get_id(l, root, "rules", true);
	rl->title = get_text(l, root, "title", true);
	v = map_get(root, "words");
	if (v == NULL)
		ld_missing(l, root, "words");
	else if (v->type != Y_SEQ || v->n == 0)
		ld_err(l, v, _("'words' must be a list like [{word: 微信, why: 引导站外联系}]"));
	else {
		rl->words = arena_alloc(l->c->arena, v->n * sizeof(*rl->words));
		for (i = 0; i < v->n && !ld_silenced(l); i++)
			if (load_word(l, v->items[i], &rl->words[rl->nwords], &f))
				rl->nwords++;
	}
	strmap_free(&f.seen);
	while (f.n)
		free(f.v[--f.n]);
	free(f.v);

	if (rl->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->rules, rl->id, rl->pos)) != NULL) {
		ld_dup(l, map_get(root, "rules"), _("rule list"), rl->id, first);
		return;
	}
	l->c->rule_lists = xreallocarray(l->c->rule_lists, l->c->nrule_lists + 1,
					 sizeof(*l->c->rule_lists));
	l->c->rule_lists[l->c->nrule_lists++] = rl;
	strmap_put(&l->c->index[INDEX_RULES], rl->id, rl);
}
