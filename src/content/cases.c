/* cases.c: the loader of case books (疑难案例库): hard cases a team has
 * met, each with what the buyer said, the analysis, the steps taken and
 * the outcome, kept as searchable content rather than prose. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "content/load.h"
#include "text.h"
#include "ydoc.h"

static const char *const casebook_keys[] = {
	"casebook", "title", "situation", "cases"
};
static const char *const case_keys[] = {
	"id", "title", "buyer", "analysis", "steps", "outcome", "tags"
};

/* A text value of a case, checked for control characters. */
static const char *
case_text(struct ld *l, const struct ynode *map, const char *key, bool required)
{
	const char *s = get_text(l, map, key, required);

	if (s)
		content_check_text(l, ld_at(map_get(map, key), map), key, s,
				   strcmp(key, "title") != 0, false);
	return s;
}

static void
load_case(struct ld *l, const struct ynode *map, struct hard_case *hc,
	  struct strmap *ids)
{
	const struct pos *first;
	size_t i;

	memset(hc, 0, sizeof(*hc));
	hc->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("a case")))
		return;
	check_keys(l, map, case_keys, ARRAY_SIZE(case_keys), N_("a case"));
	hc->id = get_id(l, map, "id", true);
	if (hc->id) {
		struct pos *p = arena_memdup(l->c->arena, &hc->pos, sizeof(hc->pos));

		if ((first = strmap_add(ids, hc->id, p)) != NULL)
			ld_dup(l, ld_at(map_get(map, "id"), map), _("case"), hc->id, first);
	}
	hc->title = case_text(l, map, "title", true);
	hc->buyer = case_text(l, map, "buyer", true);
	hc->analysis = case_text(l, map, "analysis", true);
	hc->outcome = case_text(l, map, "outcome", true);
	if (map_get(map, "steps") == NULL)
		ld_missing(l, map, "steps");
	hc->nsteps = get_text_list(l, map, "steps", true, &hc->steps);
	for (i = 0; i < hc->nsteps; i++)
		content_check_text(l, ld_at(map_get(map, "steps"), map), N_("a step"),
				   hc->steps[i], true, false);
	hc->ntags = get_text_list(l, map, "tags", true, &hc->tags);
}

void
load_casebook(struct ld *l, const struct ynode *root)
{
	struct casebook *cb = arena_alloc(l->c->arena, sizeof(*cb));
	struct strmap ids = STRMAP_INIT;
	const struct pos *first;
	const struct ynode *v;
	size_t i;

	memset(cb, 0, sizeof(*cb));
	cb->pos = ld_pos(l, root);
	check_keys(l, root, casebook_keys, ARRAY_SIZE(casebook_keys), N_("a case book"));
	cb->id = get_id(l, root, "casebook", true);
	cb->title = get_text(l, root, "title", true);
	cb->situation = get_text(l, root, "situation", false);
	v = map_get(root, "cases");
	if (v == NULL)
		ld_missing(l, root, "cases");
	else if (v->type != Y_SEQ || v->n == 0)
		ld_err(l, v, _("'cases' must be a list of cases, each with id, title, buyer, analysis, steps and outcome"));
	else {
		cb->cases = arena_alloc(l->c->arena, v->n * sizeof(*cb->cases));
		for (i = 0; i < v->n && !ld_silenced(l); i++) {
			struct hard_case *hc = &cb->cases[cb->ncases];

			load_case(l, v->items[i], hc, &ids);
			hc->book = cb;
			if (hc->id && hc->title && hc->buyer && hc->analysis &&
			    hc->outcome && hc->nsteps)
				cb->ncases++;
		}
	}
	strmap_free(&ids);

	if (cb->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->casebook, cb->id, cb->pos)) != NULL) {
		ld_dup(l, map_get(root, "casebook"), _("case book"), cb->id, first);
		return;
	}
	l->c->casebooks = xreallocarray(l->c->casebooks, l->c->ncasebooks + 1,
					sizeof(*l->c->casebooks));
	l->c->casebooks[l->c->ncasebooks++] = cb;
	strmap_put(&l->c->index[INDEX_CASEBOOK], cb->id, cb);
}
