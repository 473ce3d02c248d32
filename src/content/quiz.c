/* quiz.c: the loader of quiz files (questions, draws, banks). */
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
			ld_err(l, k, _("an order question takes no 'answer': write its 'steps' in the right order"));
		else if (strcmp(specific[i], "answer") == 0 && t == Q_MATCH)
			ld_err(l, k, _("a match question takes no 'answer': its 'pairs' are the key"));
		else if (strcmp(specific[i], "answer") == 0 && t == Q_ESSAY)
			ld_err(l, k, _("an essay question takes no 'answer': say what a good answer holds in 'rubric'"));
		else
			ld_err(l, k, _("key '%s' does not apply to a '%s' question"),
			    specific[i], qtype_names[t]);
	}
	for (i = 0; i < 4 && type_keys[t][i]; i++) {
		const char *key = type_keys[t][i];

		if (strcmp(key, "scoring") == 0 || strcmp(key, "tolerance") == 0 ||
		    strcmp(key, "rubric") == 0 || strcmp(key, "unit") == 0)
			continue;
		if (map_get(map, key) == NULL)
			ld_err(l, map, _("a '%s' question needs '%s'"), qtype_names[t], key);
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
			ld_err(l, v, _("'%s' is empty"), "unit");
		return NULL;
	}
	f = text_fold(u);
	bad = *f == '\0' || strpbrk(f, "0123456789 .,+-") != NULL || text_chars(u) > 16;
	free(f);
	if (bad) {
		ld_err(l, map_get(map, "unit"),
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
			ld_err(l, it, _("an answer names choices by letter (A, B, ...), not %s"),
			    ydoc_type_name(it));
			return false;
		}
		if (ydoc_is_null(it)) {
			ld_err(l, it, _("'answer' is empty"));
			return false;
		}
		for (p = it->str; *p; p++) {
			unsigned c = (unsigned char)toupper((unsigned char)*p);

			if (c == ',' || c == ' ')
				continue;
			if (c < 'A' || c > 'Z' || (unsigned char)*p >= 0x80) {
				ld_err(l, it, _("an answer names choices by letter (A, B, ...), not '%s'"),
				    ld_shown(l, it->str));
				return false;
			}
			if (c - 'A' >= nchoices) {
				if (nchoices == 0)
					ld_err(l, it, _("answer '%c' names no choice: there are no choices"),
					    (char)c);
				else
					ld_err(l, it, _("answer '%c' names no choice: there are %zu choices (A-%c)"),
					    (char)c, nchoices, (char)('A' + nchoices - 1));
				return false;
			}
			if (mask[c - 'A']) {
				ld_err(l, it, _("answer names '%c' twice"), (char)c);
				return false;
			}
			mask[c - 'A'] = 1;
			count++;
		}
	}
	if (count == 0) {
		ld_err(l, v, _("'answer' names no choice"));
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
		ld_err(l, v, _("'pairs' must be a list of at least two [left, right] pairs"));
		return;
	}
	q->left = arena_alloc(l->c->arena, v->n * sizeof(*q->left));
	q->right = arena_alloc(l->c->arena, v->n * sizeof(*q->right));
	for (i = 0; i < v->n; i++) {
		const struct ynode *p = v->items[i];

		if (p->type != Y_SEQ || p->n != 2 || p->items[0]->type != Y_SCALAR ||
		    p->items[1]->type != Y_SCALAR) {
			ld_err(l, p, _("each pair must be a list of two texts, like [询单转化率, 售前]"));
			return;
		}
		q->left[i] = scalar_text(l, p->items[0]);
		q->right[i] = scalar_text(l, p->items[1]);
		if (q->left[i] == NULL || q->right[i] == NULL) {
			ld_err(l, p, _("a pair has an empty side"));
			return;
		}
		/* over 26 pairs is refused anyway: no quadratic check */
		for (j = 0; j < i && v->n <= 26; j++)
			if (strcmp(q->left[i], q->left[j]) == 0) {
				ld_err(l, p, _("'pairs' lists '%s' on the left twice"), ld_shown(l, q->left[i]));
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
	q->pos = ld_pos(l, map);
	q->points = 1;
	if (!is_map(l, map, N_("a question")))
		return;
	check_keys(l, map, question_keys, ARRAY_SIZE(question_keys),
		   N_("a question"));
	q->id = get_id(l, map, "id", true);
	if (q->id && (first = idset_add(ids, q->id, q->pos)) != NULL)
		ld_dup(l, ld_at(map_get(map, "id"), map), _("question"), q->id, first);
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
			ld_err(l, map_get(map, "choices"), _("'choices' needs at least two choices"));
		if (q->nchoices > 26)
			ld_err(l, map_get(map, "choices"), _("'choices' has %zu choices; at most 26 (A-Z)"),
			    q->nchoices);
		if (q->nchoices < 2 || q->nchoices > 26)
			break;
		check_unique_texts(l, map, "choices", q->choices, q->nchoices);
		if ((v = map_get(map, "answer")) != NULL &&
		    parse_letters(l, v, q->nchoices, &q->answer, &q->nanswer) &&
		    q->type == Q_SINGLE && q->nanswer != 1)
			ld_err(l, v, _("a 'single' question has one answer; use type 'multi' for several"));
		if (q->type == Q_MULTI)
			q->partial = get_enum(l, map, "scoring", scorings, 2, false) == 1;
		break;
	case Q_TRUEFALSE:
		if ((v = map_get(map, "answer")) != NULL &&
		    (v->type != Y_SCALAR || !parse_bool(v->str, &q->truth)))
			ld_err(l, v, _("a 'truefalse' answer must be true or false"));
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
			ld_err(l, map_get(map, "steps"), _("'steps' needs at least two steps"));
		else if (q->nsteps > 26)
			ld_err(l, map_get(map, "steps"), _("'steps' has %zu steps; at most 26 (A-Z)"),
			    q->nsteps);
		else if (q->nsteps)
			check_unique_texts(l, map, "steps", q->steps, q->nsteps);
		break;
	case Q_MATCH:
		load_pairs(l, map, q);
		if (q->npairs > 26)
			ld_err(l, map_get(map, "pairs"), _("'pairs' has %zu pairs; at most 26 (A-Z)"),
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
void
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
	q->draw_pos = ld_pos(l, v);
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
		ld_err(l, v, _("'draw' must be a number, or tags with numbers like {after-sales: 3, pre-sales: 2}"));
		return;
	} else {
		q->draws = arena_alloc(l->c->arena, v->n * sizeof(*q->draws));
		for (i = 0; i < v->n; i++) {
			const struct ynode *tag = v->items[2 * i], *num = v->items[2 * i + 1];
			double x;

			if (tag->type != Y_SCALAR || num->type != Y_SCALAR ||
			    !text_number(num->str, &x) || x < 1 || x != floor(x) || x > 1e6) {
				ld_err(l, num, _("'draw' must map each tag to a whole number of questions"));
				return;
			}
			if (total + (size_t)x > QUIZ_DRAW_TAGS_MAX) {
				/* matching questions to tags costs draws × questions */
				ld_err(l, num, _("'draw' by tags draws at most %d questions"),
				    QUIZ_DRAW_TAGS_MAX);
				return;
			}
			for (j = 0; j < i; j++)
				if (strcmp(q->draws[j].tag, tag->str) == 0) {
					ld_err(l, tag, _("'draw' names tag '%s' twice"), tag->str);
					return;
				}
			q->draws[i].tag = arena_strdup(l->c->arena, tag->str);
			q->draws[i].count = (unsigned)x;
			q->draws[i].pos = ld_pos(l, tag);
			total += (size_t)x;
		}
		q->ndraws = v->n;
	}
	if (q->nfrom == 0 && !ld_silenced(l))
		draw_check(l->d, q);
}

static const char *const quiz_keys[] = {
	"quiz", "title", "kind", "mode", "pass_mark", "draw", "shuffle",
	"time_limit", "attempts", "review", "questions", "from"
};


void
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
	q->pos = ld_pos(l, root);
	check_keys(l, root, quiz_keys, ARRAY_SIZE(quiz_keys), N_("a quiz"));
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

	q->nfrom = get_id_list(l, root, "from", "after-sales-rules", &q->from, &q->from_pos);
	qs = map_get(root, "questions");
	if (qs == NULL) {
		if (q->nfrom == 0)
			ld_missing(l, root, "questions");
	}
	else if (qs->type != Y_SEQ)
		ld_err(l, qs, _("'questions' must be a list of questions, not %s"),
		    ydoc_type_name(qs));
	else if (qs->n == 0)
		ld_err(l, qs, _("'questions' is an empty list"));
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
		ld_dup(l, map_get(root, "quiz"), _("quiz"), q->id, first);
		return;
	}
	l->c->quizzes = xreallocarray(l->c->quizzes, l->c->nquizzes + 1,
				      sizeof(*l->c->quizzes));
	l->c->quizzes[l->c->nquizzes++] = q;
	strmap_put(&l->c->index[INDEX_QUIZ], q->id, q);
}

const char *
content_qtype_name(enum qtype t)
{
	return qtype_names[t];
}
