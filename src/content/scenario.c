/* scenario.c: the loader of chat scenarios (模拟接待): a buyer's
 * messages, turn by turn, each with the points a reply must make, the
 * words that spoil it and the time it may take. Scoring is chat.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "content/load.h"
#include "text.h"
#include "ydoc.h"

/* Without reply_within or within, a reply may take a minute. */
#define REPLY_WITHIN_DEFAULT 60
#define SCENARIO_TURNS_MAX 50

static const char *const scenario_keys[] = {
	"scenario", "title", "kind", "buyer", "context", "reply_within", "forbidden",
	"pass_mark", "mode", "rubric", "attempts", "time_limit", "turns"
};
static const char *const turn_keys[] = {
	"buyer", "within", "expect", "avoid", "explain", "model"
};
static const char *const kind_names[] = {
	"pre-sales", "after-sales", "complaint", "other"
};
static const char *const mode_names[] = { "practice", "exam" };

const char *
content_scenario_kind_name(enum scenario_kind k)
{
	return kind_names[k];
}

/* One expected point: a list of words, any of which makes it, or one
 * word alone. */
static bool
load_point(struct ld *l, const struct ynode *v, struct chat_point *pt)
{
	size_t i;

	memset(pt, 0, sizeof(*pt));
	if (v->type == Y_SCALAR) {
		const char *w = scalar_text(l, v);

		if (w == NULL) {
			ld_err(l, v, _("an expected point is empty"));
			return false;
		}
		pt->words = arena_alloc(l->c->arena, sizeof(*pt->words));
		pt->words[0] = w;
		pt->nwords = 1;
	} else if (v->type == Y_SEQ && v->n > 0) {
		pt->words = arena_alloc(l->c->arena, v->n * sizeof(*pt->words));
		for (i = 0; i < v->n; i++) {
			const struct ynode *it = v->items[i];

			if (it->type != Y_SCALAR || (pt->words[pt->nwords] = scalar_text(l, it)) == NULL) {
				ld_err(l, it, _("each word of an expected point must be text, like [换, 换货]"));
				continue;
			}
			content_check_text(l, it, N_("a word"), pt->words[pt->nwords], false, false);
			pt->nwords++;
		}
	} else {
		ld_err(l, v, _("an expected point is a list of words, any one of which makes it, like [换, 换货]"));
		return false;
	}
	return pt->nwords > 0;
}

static void
load_turn(struct ld *l, const struct ynode *map, struct turn *t, long within)
{
	const struct ynode *v;
	size_t i;

	memset(t, 0, sizeof(*t));
	t->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("a turn")))
		return;
	check_keys(l, map, turn_keys, ARRAY_SIZE(turn_keys), N_("a turn"));
	t->buyer = get_text(l, map, "buyer", true);
	if (t->buyer)
		content_check_text(l, ld_at(map_get(map, "buyer"), map), N_("a buyer's message"),
				   t->buyer, true, false);
	t->within = get_duration(l, map, "within");
	if (t->within == 0)
		t->within = within;
	v = map_get(map, "expect");
	if (v && (v->type != Y_SEQ || v->n == 0))
		ld_err(l, v, _("'expect' must be a list of points, each a list of words, like [[亲, 您好], [换货]]"));
	else if (v) {
		t->expect = arena_alloc(l->c->arena, v->n * sizeof(*t->expect));
		for (i = 0; i < v->n; i++)
			if (load_point(l, v->items[i], &t->expect[t->nexpect]))
				t->nexpect++;
	}
	t->navoid = get_text_list(l, map, "avoid", true, &t->avoid);
	for (i = 0; i < t->navoid; i++)
		content_check_text(l, ld_at(map_get(map, "avoid"), map), N_("a word"),
				   t->avoid[i], false, false);
	t->explain = get_text(l, map, "explain", false);
	if (t->explain)
		content_check_text(l, ld_at(map_get(map, "explain"), map), N_("an explanation"),
				   t->explain, true, false);
	t->model = get_text(l, map, "model", false);
	if (t->model)
		content_check_text(l, ld_at(map_get(map, "model"), map), N_("a model reply"),
				   t->model, true, false);
}

void
load_scenario(struct ld *l, const struct ynode *root)
{
	struct scenario *sc = arena_alloc(l->c->arena, sizeof(*sc));
	const struct pos *first;
	const struct ynode *v;
	double x;
	size_t i;
	int e;

	memset(sc, 0, sizeof(*sc));
	sc->pos = ld_pos(l, root);
	check_keys(l, root, scenario_keys, ARRAY_SIZE(scenario_keys), N_("a scenario"));
	sc->id = get_id(l, root, "scenario", true);
	sc->title = get_text(l, root, "title", true);
	e = get_enum(l, root, "kind", kind_names, ARRAY_SIZE(kind_names), false);
	sc->kind = e < 0 ? SCEN_OTHER : (enum scenario_kind)e;
	sc->buyer = get_text(l, root, "buyer", false);
	if (sc->buyer == NULL)
		sc->buyer = _("buyer");
	else
		content_check_text(l, ld_at(map_get(root, "buyer"), root), N_("a buyer's name"),
				   sc->buyer, false, false);
	sc->context = get_text(l, root, "context", false);
	if (sc->context)
		content_check_text(l, ld_at(map_get(root, "context"), root), N_("a context"),
				   sc->context, true, false);
	sc->reply_within = get_duration(l, root, "reply_within");
	if (sc->reply_within == 0)
		sc->reply_within = REPLY_WITHIN_DEFAULT;
	sc->nforbidden = get_id_list(l, root, "forbidden", "platform-forbidden",
				     &sc->forbidden, &sc->forbidden_pos);
	sc->pass_mark = 60;
	if (get_number(l, root, "pass_mark", 0, 100, false, false, &x))
		sc->pass_mark = x;
	e = get_enum(l, root, "mode", mode_names, ARRAY_SIZE(mode_names), false);
	sc->mode = e == 1 ? QUIZ_EXAM : QUIZ_PRACTICE;
	sc->rubric = get_text(l, root, "rubric", false);
	if (sc->rubric)
		content_check_text(l, ld_at(map_get(root, "rubric"), root), N_("a rubric"),
				   sc->rubric, true, false);
	if (get_number(l, root, "attempts", 1, 1000, true, false, &x))
		sc->attempts = (unsigned)x;
	sc->time_limit = get_duration(l, root, "time_limit");
	v = map_get(root, "turns");
	if (v == NULL)
		ld_missing(l, root, "turns");
	else if (v->type != Y_SEQ || v->n == 0)
		ld_err(l, v, _("'turns' must be a list of turns, each with buyer and expect"));
	else if (v->n > SCENARIO_TURNS_MAX)
		ld_err(l, v, _("a scenario has at most %d turns; this one has %zu"),
		       SCENARIO_TURNS_MAX, (size_t)v->n);
	else {
		sc->turns = arena_alloc(l->c->arena, v->n * sizeof(*sc->turns));
		for (i = 0; i < v->n && !ld_silenced(l); i++) {
			load_turn(l, v->items[i], &sc->turns[sc->nturns], sc->reply_within);
			if (sc->turns[sc->nturns].buyer)
				sc->nturns++;
		}
	}

	if (sc->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->scenario, sc->id, sc->pos)) != NULL) {
		ld_dup(l, map_get(root, "scenario"), _("scenario"), sc->id, first);
		return;
	}
	l->c->scenarios = xreallocarray(l->c->scenarios, l->c->nscenarios + 1,
					sizeof(*l->c->scenarios));
	l->c->scenarios[l->c->nscenarios++] = sc;
	strmap_put(&l->c->index[INDEX_SCENARIO], sc->id, sc);
}
