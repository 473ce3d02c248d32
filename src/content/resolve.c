/* resolve.c: references between content files resolved, duplicates
 * across files reported, and the warnings of `kefu check`. */
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
#include "chat.h"
#include "kpi.h"
#include "quiz.h"
#include "markup.h"
#include "text.h"
#include "ycache.h"
#include "ydoc.h"

/* The id sets only matter while one content set is loading. */
void
ids_free(struct content *c)
{
	if (c->ids == NULL)
		return;
	idset_free(&c->ids->quiz);
	idset_free(&c->ids->drill);
	idset_free(&c->ids->curriculum);
	idset_free(&c->ids->lesson);
	idset_free(&c->ids->assessment);
	idset_free(&c->ids->library);
	idset_free(&c->ids->casebook);
	idset_free(&c->ids->rules);
	idset_free(&c->ids->scenario);
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

/* The rule lists of c and of fb (the tree a file is checked against),
 * c's first. Caller frees the array. */
static size_t
all_rule_lists(const struct content *c, const struct content *fb,
	       const struct rule_list ***out)
{
	size_t n = 0, i, nfb = fb ? fb->nrule_lists : 0;
	const struct rule_list **v = xreallocarray(NULL, c->nrule_lists + nfb + 1, sizeof(*v));

	for (i = 0; i < c->nrule_lists; i++)
		v[n++] = c->rule_lists[i];
	for (i = 0; i < nfb; i++)
		if (content_rule_list(c, fb->rule_lists[i]->id) == NULL)
			v[n++] = fb->rule_lists[i];
	*out = v;
	return n;
}

/* A reply a team sends as it stands (a script, a drill line) that
 * breaks a rule list teaches what the chat scenarios mark down. */
static void
rule_text_check(struct diag *d, const struct rule_list **lists, size_t n,
		const struct pos *p, const char *what, const char *text)
{
	struct chat_hit *hits = NULL;
	size_t nhits = 0, i;

	chat_rule_hits(lists, n, text, &hits, &nhits);
	for (i = 0; i < nhits; i++)
		/* TRANSLATORS: "script 'sh-01' holds '微信' (rule list
		 * platform-forbidden: 引导站外联系)" */
		warn_at(d, p, _("%s holds '%s' (rule list %s: %s)"), what, hits[i].word,
			hits[i].list, hits[i].why);
	chat_hits_free(hits, nhits);
}

static void
rule_lists_check(const struct content *c, const struct content *fb, struct diag *d)
{
	const struct rule_list **lists;
	size_t n = all_rule_lists(c, fb, &lists), i, j;

	for (i = 0; n && i < c->nlibraries; i++)
		for (j = 0; j < c->libraries[i]->nitems; j++) {
			const struct script *it = &c->libraries[i]->items[j];
			char *what = xasprintf(_("script '%s'"), it->id);

			rule_text_check(d, lists, n, &it->pos, what, it->text);
			free(what);
		}
	for (i = 0; n && i < c->ndrills; i++)
		for (j = 0; j < c->drills[i]->nown; j++) {
			char *what = xasprintf(_("line %zu of drill '%s'"), j + 1, c->drills[i]->id);

			rule_text_check(d, lists, n, &c->drills[i]->pos, what,
					c->drills[i]->lines[j]);
			free(what);
		}
	free(lists);
}

/* A scenario's model replies marked as a trainee's would be: a model
 * that scores under full marks is an error (kefu check's alone: the
 * content loads without it, and every command need not mark them). */
static void
models_check(const struct scenario *sc, struct diag *d)
{
	size_t i, j;

	for (i = 0; i < sc->nturns; i++) {
		const struct turn *t = &sc->turns[i];
		struct chat_mark m;

		if (t->model == NULL)
			continue;
		chat_mark(sc, t, t->model, -1, &m);
		for (j = 0; j < t->nexpect; j++)
			if (!m.made[j])
				diag_at(d, t->pos.file, t->pos.line, t->pos.col,
					_("turn %zu's model reply makes no point %zu (any of '%s'...)"),
					i + 1, j + 1, t->expect[j].words[0]);
		for (j = 0; j < m.nhits; j++)
			if (m.hits[j].list)
				diag_at(d, t->pos.file, t->pos.line, t->pos.col,
					_("turn %zu's model reply holds '%s' (rule list %s: %s)"),
					i + 1, m.hits[j].word, m.hits[j].list, m.hits[j].why);
			else
				diag_at(d, t->pos.file, t->pos.line, t->pos.col,
					_("turn %zu's model reply holds '%s', a word it avoids"),
					i + 1, m.hits[j].word);
		chat_mark_free(&m);
	}
}

void
content_warnings(const struct content *c, const struct content *fb, struct diag *d)
{
	size_t i;

	for (i = 0; i < c->ncurricula; i++)
		later_banks_check(c->curricula[i], d);
	rule_lists_check(c, fb, d);
	for (i = 0; i < c->nscenarios; i++)
		models_check(c->scenarios[i], d);
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

/* A scenario's rule lists. */
static void
resolve_scenario(struct diag *d, struct content *c, struct scenario *sc,
		 const struct content *fb)
{
	const char **ids = NULL;
	size_t nids = 0, i;

	sc->rules = arena_alloc(c->arena, (sc->nforbidden + 1) * sizeof(*sc->rules));
	for (i = 0; i < sc->nforbidden; i++) {
		sc->rules[i] = content_rule_list(c, sc->forbidden[i]);
		if (sc->rules[i] == NULL && fb)
			sc->rules[i] = content_rule_list(fb, sc->forbidden[i]);
		if (sc->rules[i] == NULL) {
			if (ids == NULL)
				nids = id_list(c, fb, KIND_RULES, &ids);
			unknown_ref(d, &sc->forbidden_pos[i], _("rule list"), sc->forbidden[i],
				    ids, nids);
		}
	}
	free(ids);
}

/* A drill's lines taken from script libraries: each item on one line
 * without placeholders, in the libraries' order. */
static void
resolve_drill_lines(struct diag *d, struct content *c, struct drill *dr,
		    const struct content *fb)
{
	const char **ids = NULL, **lines;
	size_t nids = 0, i, j, n = dr->nown, unknown = 0;

	for (i = 0; i < dr->nlibs; i++) {
		const struct library *lib = content_library(c, dr->libs[i]);

		if (lib == NULL && fb)
			lib = content_library(fb, dr->libs[i]);
		if (lib == NULL) {
			if (ids == NULL)
				nids = id_list(c, fb, KIND_LIBRARY, &ids);
			unknown_ref(d, &dr->libs_pos[i], _("script library"), dr->libs[i],
				    ids, nids);
			unknown++;
			continue;
		}
		n += lib->nitems;
	}
	free(ids);
	lines = arena_alloc(c->arena, (n + 1) * sizeof(*lines));
	if (dr->nown)
		memcpy(lines, dr->lines, dr->nown * sizeof(*lines));
	n = dr->nown;
	for (i = 0; i < dr->nlibs; i++) {
		const struct library *lib = content_library(c, dr->libs[i]);

		if (lib == NULL && fb)
			lib = content_library(fb, dr->libs[i]);
		for (j = 0; lib && j < lib->nitems; j++) {
			const char *t = lib->items[j].text;

			if (strchr(t, '\n') || content_script_has_placeholder(t) ||
			    text_chars(t) > CONTENT_DRILL_LINE_MAX)
				continue;
			lines[n++] = t;
		}
	}
	dr->lines = lines;
	dr->nlines = n;
	if (n == 0 && unknown == 0)
		diag_at(d, dr->pos.file, dr->pos.line, dr->pos.col,
			_("drill '%s' has no lines: its script libraries hold no one-line script without placeholders"),
			dr->id);
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

	for (i = 0; i < c->ndrills; i++)
		if (c->drills[i]->nlibs)
			resolve_drill_lines(d, c, c->drills[i], fb);

	for (i = 0; i < c->nscenarios; i++)
		resolve_scenario(d, c, c->scenarios[i], fb);

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
				} else if (m->kind == MOD_SCENARIO && m->id) {
					m->scenario = content_scenario(c, m->id);
					if (m->scenario == NULL && fb)
						m->scenario = content_scenario(fb, m->id);
					if (m->scenario == NULL) {
						const char **ids;
						size_t n = id_list(c, fb, KIND_SCENARIO, &ids);

						unknown_ref(d, &m->pos, _("scenario"), m->id, ids, n);
						free(ids);
					}
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
	for (i = 0; i < c->nlibraries; i++) {
		const struct library *l = content_library(tree, c->libraries[i]->id);

		if (l && !same_file(l->pos.file, c->libraries[i]->pos.file))
			clash(d, &c->libraries[i]->pos, _("script library"), l->id, &l->pos);
	}
	for (i = 0; i < c->ncasebooks; i++) {
		const struct casebook *b = content_casebook(tree, c->casebooks[i]->id);

		if (b && !same_file(b->pos.file, c->casebooks[i]->pos.file))
			clash(d, &c->casebooks[i]->pos, _("case book"), b->id, &b->pos);
	}
	for (i = 0; i < c->nrule_lists; i++) {
		const struct rule_list *r = content_rule_list(tree, c->rule_lists[i]->id);

		if (r && !same_file(r->pos.file, c->rule_lists[i]->pos.file))
			clash(d, &c->rule_lists[i]->pos, _("rule list"), r->id, &r->pos);
	}
	for (i = 0; i < c->nscenarios; i++) {
		const struct scenario *sc = content_scenario(tree, c->scenarios[i]->id);

		if (sc && !same_file(sc->pos.file, c->scenarios[i]->pos.file))
			clash(d, &c->scenarios[i]->pos, _("scenario"), sc->id, &sc->pos);
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
