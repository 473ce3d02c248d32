/* curriculum.c: the loader of curriculum files (stages, modules,
 * assessments and their parts, KPIs). */
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

static const char *const module_keys[] = {
	"lesson", "quiz", "drill", "signoff", "assessment", "scenario", "title", "text",
	"pass_mark", "min_speed", "min_accuracy", "max_speed", "parts",
	"min_score"
};
/* In the order of enum module_kind. */
static const char *const kind_keys[] = {
	"lesson", "quiz", "drill", "signoff", "assessment", "scenario"
};
/* Keys each module kind takes besides its own. */
static const char *const module_takes[][4] = {
	[MOD_LESSON] = { "title", "text" },
	[MOD_QUIZ] = { "pass_mark" },
	[MOD_DRILL] = { "min_speed", "min_accuracy", "max_speed" },
	[MOD_SIGNOFF] = { "title" },
	[MOD_ASSESSMENT] = { "title", "parts" },
	[MOD_SCENARIO] = { "min_score" },
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
	p->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("an assessment part")))
		return;
	check_keys(l, map, part_keys, ARRAY_SIZE(part_keys), N_("an assessment part"));
	p->id = get_id(l, map, "id", true);
	if (p->id && (first = idset_add(ids, p->id, p->pos)) != NULL)
		ld_dup(l, ld_at(map_get(map, "id"), map), _("part"), p->id, first);
	p->title = get_text(l, map, "title", true);
	for (i = 0; i < 3; i++)
		if (map_get(map, kinds[i]))
			kind = i, count++;
	if (count != 1) {
		ld_err(l, map, count ? _("a part takes one of 'quiz', 'kpi' or 'rating', not several")
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
		ld_err(l, map_key_node(map, "step"), _("'step' is for rating parts"));
	else if (get_number(l, map, "step", 0.01, 1, false, false, &x)) {
		/* ratings in steps that fit a whole point: 0.5, 0.25, 0.1 */
		if (fabs(1 / x - floor(1 / x + 0.5)) > 1e-9)
			ld_err(l, map_get(map, "step"),
			    _("'step' must divide 1 evenly, such as 0.5 or 0.25, not %g"), x);
		else
			p->step = x;
	}
	if (p->kind == PART_KPI) {
		/* above/below: strictly better than the line (the team mean) */
		bool above = map_get(map, "above") != NULL, below = map_get(map, "below") != NULL;

		if ((above || below) && (map_get(map, "min") || map_get(map, "max")))
			ld_err(l, map_key_node(map, above ? "above" : "below"),
			    _("a kpi part takes 'min'/'max' (the line itself passes) or 'above'/'below' "
			      "(only better than the line passes), not both"));
		else if (above && below) {
			ld_err(l, map_key_node(map, "below"), _("a kpi part takes 'above' or 'below', not both"));
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
			ld_err(l, map, _("a kpi part needs 'min' (or 'max' for a kpi where lower is better), "
				      "or 'above' ('below')"));
		return;
	}
	if (map_key_node(map, "above") || map_key_node(map, "below"))
		ld_err(l, map_key_node(map, map_key_node(map, "above") ? "above" : "below"),
		    _("'above' and 'below' are for kpi parts"));
	if (map_key_node(map, "max"))
		ld_err(l, map_key_node(map, "max"), _("'max' is for kpi parts; a %s part passes at 'min'"),
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
	ld_err(l, &at, _("this table row has %zu cells; the table's first row has %zu"), cells, want);
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
	m->pos = ld_pos(l, map);
	m->pass_mark = m->min_speed = m->min_accuracy = m->max_speed = -1;
	if (!is_map(l, map, N_("a module")))
		return;
	check_keys(l, map, module_keys, ARRAY_SIZE(module_keys), N_("a module"));
	for (i = 0; i < (int)ARRAY_SIZE(kind_keys); i++)
		if (map_get(map, kind_keys[i])) {
			if (count++ == 0)
				kind = i;
		}
	if (count != 1) {
		if (count == 0)
			ld_err(l, map, _("a module needs one of 'lesson', 'quiz', 'drill', 'signoff', 'assessment' or 'scenario'"));
		else
			ld_err(l, map, _("a module is one of 'lesson', 'quiz', 'drill', 'signoff', 'assessment' or 'scenario'; split this one into %d modules"),
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
			ld_err(l, kn, _("key '%s' does not apply to a %s module"), key,
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
			ld_dup(l, ld_at(map_get(map, "lesson"), map), _("lesson"), m->id, first);
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
			ld_err(l, map_get(map, "max_speed"),
			    _("max_speed %g is below min_speed %g: no run could meet the gate"),
			    m->max_speed, m->min_speed);
		break;
	case MOD_SCENARIO:
		m->id = get_id(l, map, "scenario", true);
		if (get_number(l, map, "min_score", 0, 100, false, false, &x))
			m->pass_mark = x;
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
			ld_dup(l, ld_at(map_get(map, "assessment"), map), _("assessment"), m->id, first);
		v = map_get(map, "parts");
		if (v == NULL)
			ld_missing(l, map, "parts");
		else if (v->type != Y_SEQ || v->n == 0)
			ld_err(l, v, _("'parts' must be a list of assessment parts"));
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
		ld_err(l, map, _("a stage has one sign-off; this one has another at line %d"),
		    first->line);
		return;
	}
	if (m->id && m->kind != MOD_LESSON && m->kind != MOD_ASSESSMENT &&
	    m->kind != MOD_SIGNOFF) {
		char *key = xasprintf("%s:%s", kind_keys[kind], m->id);

		if ((first = idset_add(ids, arena_strdup(l->c->arena, key), m->pos)))
			ld_err(l, map, _("duplicate module: %s '%s' is already in this stage (line %d)"),
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
	s->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("a stage")))
		return;
	check_keys(l, map, stage_keys, ARRAY_SIZE(stage_keys), N_("a stage"));
	s->id = get_id(l, map, "id", true);
	if (s->id && (first = idset_add(ids, s->id, s->pos)) != NULL)
		ld_dup(l, ld_at(map_get(map, "id"), map), _("stage"), s->id, first);
	s->title = get_text(l, map, "title", true);
	if (get_number(l, map, "days", 1, 3650, true, false, &x))
		s->days = (int)x;
	v = map_get(map, "modules");
	if (v == NULL) {
		ld_missing(l, map, "modules");
		return;
	}
	if (v->type != Y_SEQ || v->n == 0) {
		ld_err(l, v, _("'modules' must be a list of at least one module"));
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
	k->pos = ld_pos(l, map);
	if (!is_map(l, map, N_("a kpi")))
		return;
	check_keys(l, map, kpi_keys, ARRAY_SIZE(kpi_keys), N_("a kpi"));
	k->id = get_id(l, map, "id", true);
	if (k->id && (first = idset_add(ids, k->id, k->pos)) != NULL)
		ld_dup(l, ld_at(map_get(map, "id"), map), _("kpi"), k->id, first);
	k->title = get_text(l, map, "title", true);
	k->unit = get_text(l, map, "unit", true);
	k->lower_better = get_enum(l, map, "better", dirs, 2, false) == 1;
	if ((v = map_get(map, "range")) != NULL) {
		/* range: [MIN, MAX], the values a figure may take */
		if (v->type != Y_SEQ || v->n != 2 || v->items[0]->type != Y_SCALAR ||
		    v->items[1]->type != Y_SCALAR ||
		    !text_number(v->items[0]->str, &k->range_lo) ||
		    !text_number(v->items[1]->str, &k->range_hi))
			ld_err(l, v, _("'range' must be two numbers, [MIN, MAX], such as [0, 100]"));
		else if (!(k->range_lo < k->range_hi))
			ld_err(l, v, _("'range' must go from the lower number to the higher, not [%g, %g]"),
			    k->range_lo, k->range_hi);
		else
			k->has_range = true;
	}
}

static const char *const curriculum_keys[] = {
	"curriculum", "title", "stages", "kpis"
};

void
load_curriculum(struct ld *l, const struct ynode *root)
{
	struct curriculum *cu = arena_alloc(l->c->arena, sizeof(*cu));
	struct idset sids = { 0 }, kids = { 0 };
	const struct pos *first;
	const struct ynode *v;
	size_t i;

	memset(cu, 0, sizeof(*cu));
	cu->pos = ld_pos(l, root);
	check_keys(l, root, curriculum_keys, ARRAY_SIZE(curriculum_keys),
		   N_("a curriculum"));
	cu->id = get_id(l, root, "curriculum", true);
	cu->title = get_text(l, root, "title", true);
	v = map_get(root, "kpis");
	if (v && (v->type != Y_SEQ || v->n == 0))
		ld_err(l, v, _("'kpis' must be a list of kpis"));
	else if (v) {
		cu->kpis = arena_alloc(l->c->arena, v->n * sizeof(*cu->kpis));
		cu->nkpis = v->n;
		for (i = 0; i < v->n; i++)
			load_kpi(l, v->items[i], &cu->kpis[i], &kids);
	}
	v = map_get(root, "stages");
	if (v == NULL)
		ld_missing(l, root, "stages");
	else if (v->type != Y_SEQ || v->n == 0)
		ld_err(l, v, _("'stages' must be a list of at least one stage"));
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
		ld_dup(l, map_get(root, "curriculum"), _("curriculum"), cu->id, first);
		return;
	}
	l->c->curricula = xreallocarray(l->c->curricula, l->c->ncurricula + 1,
					sizeof(*l->c->curricula));
	l->c->curricula[l->c->ncurricula++] = cu;
	strmap_put(&l->c->index[INDEX_CURRICULUM], cu->id, cu);
}

const char *
content_module_kind_name(enum module_kind k)
{
	return kind_keys[k];
}
