/* content.c: the content tree made and freed, and its lookups. */
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
	strmap_free(&c->index[INDEX_LIBRARY]);
	strmap_free(&c->index[INDEX_CASEBOOK]);
	strmap_free(&c->index[INDEX_RULES]);
	strmap_free(&c->index[INDEX_SCENARIO]);
	free(c->quizzes);
	free(c->drills);
	free(c->curricula);
	free(c->libraries);
	free(c->casebooks);
	free(c->rule_lists);
	free(c->scenarios);
	arena_free(c->arena);
	free(c);
}

size_t
content_ids(const struct content *c, enum content_kind kind, const char ***out)
{
	size_t n = 0, i;
	const char **ids;

	switch (kind) {
	case KIND_QUIZ: n = c->nquizzes; break;
	case KIND_DRILL: n = c->ndrills; break;
	case KIND_CURRICULUM: n = c->ncurricula; break;
	case KIND_LIBRARY: n = c->nlibraries; break;
	case KIND_CASEBOOK: n = c->ncasebooks; break;
	case KIND_RULES: n = c->nrule_lists; break;
	case KIND_SCENARIO: n = c->nscenarios; break;
	}
	ids = xreallocarray(NULL, n + 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		switch (kind) {
		case KIND_QUIZ: ids[i] = c->quizzes[i]->id; break;
		case KIND_DRILL: ids[i] = c->drills[i]->id; break;
		case KIND_CURRICULUM: ids[i] = c->curricula[i]->id; break;
		case KIND_LIBRARY: ids[i] = c->libraries[i]->id; break;
		case KIND_CASEBOOK: ids[i] = c->casebooks[i]->id; break;
		case KIND_RULES: ids[i] = c->rule_lists[i]->id; break;
		case KIND_SCENARIO: ids[i] = c->scenarios[i]->id; break;
		}
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

const struct library *
content_library(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_LIBRARY], id);
}

const struct casebook *
content_casebook(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_CASEBOOK], id);
}

const struct rule_list *
content_rule_list(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_RULES], id);
}

const struct scenario *
content_scenario(const struct content *c, const char *id)
{
	return strmap_get(&c->index[INDEX_SCENARIO], id);
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
