/* chat.c: the marking of chat scenario replies, the one definition of a
 * turn's score and a scenario's (chat.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "kb.h"
#include "util.h"

double
chat_turn_score(size_t made, size_t expected, bool late, bool spoiled)
{
	double s;

	if (spoiled)
		return 0;
	s = expected ? (double)made / (double)expected : 1;
	return late ? s / 2 : s;
}

double
chat_percent(const double *scores, size_t nturns)
{
	double sum = 0;
	size_t i;

	if (nturns == 0)
		return 0;
	for (i = 0; i < nturns; i++)
		sum += scores[i];
	return round(sum / (double)nturns * 1000) / 10;
}

bool
chat_passed(const struct scenario *sc, double percent)
{
	return percent + 1e-9 >= sc->pass_mark;
}

const char *
chat_why(bool piped, bool pasted)
{
	return piped ? "piped" : pasted ? "pasted" : NULL;
}

/* Whether folded text holds word, folded as kb_fold() folds it: the
 * word folded (caller frees) when it does, else NULL. Words are folded
 * here, as they are used: most runs of kefu mark no reply. */
static char *
holds(const char *folded, const char *word)
{
	char *w = kb_fold(word);

	if (*w && strstr(folded, w))
		return w;
	free(w);
	return NULL;
}

static void
add_hit(struct chat_hit **hits, size_t *n, const char *word, char *folded,
	const char *why, const char *list)
{
	*hits = xreallocarray(*hits, *n + 1, sizeof(**hits));
	(*hits)[*n].word = word;
	(*hits)[*n].folded = folded;
	(*hits)[*n].why = why;
	(*hits)[*n].list = list;
	(*n)++;
}

static size_t
rule_hits(const struct rule_list *const *lists, size_t nlists, const char *folded,
	  struct chat_hit **hits, size_t *n)
{
	size_t i, j, before = *n;
	char *w;

	for (i = 0; i < nlists; i++)
		for (j = 0; lists[i] && j < lists[i]->nwords; j++)
			if ((w = holds(folded, lists[i]->words[j].word)) != NULL)
				add_hit(hits, n, lists[i]->words[j].word, w, lists[i]->words[j].why,
					lists[i]->id);
	return *n - before;
}

size_t
chat_rule_hits(const struct rule_list *const *lists, size_t nlists, const char *text,
	       struct chat_hit **hits, size_t *n)
{
	char *folded = kb_fold(text);
	size_t got = rule_hits(lists, nlists, folded, hits, n);

	free(folded);
	return got;
}

void
chat_hits_free(struct chat_hit *hits, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(hits[i].folded);
	free(hits);
}

void
chat_mark(const struct scenario *sc, const struct turn *t, const char *reply,
	  double seconds, struct chat_mark *m)
{
	char *folded = kb_fold(reply), *w;
	size_t i, j;

	memset(m, 0, sizeof(*m));
	m->made = xcalloc(t->nexpect + 1, sizeof(*m->made));
	for (i = 0; i < t->nexpect; i++) {
		for (j = 0; j < t->expect[i].nwords && !m->made[i]; j++)
			if ((w = holds(folded, t->expect[i].words[j])) != NULL) {
				m->made[i] = true;
				free(w);
			}
		m->nmade += m->made[i];
	}
	for (i = 0; i < t->navoid; i++)
		if ((w = holds(folded, t->avoid[i])) != NULL)
			add_hit(&m->hits, &m->nhits, t->avoid[i], w, NULL, NULL);
	rule_hits(sc->rules, sc->nforbidden, folded, &m->hits, &m->nhits);
	m->late = seconds >= 0 && seconds > (double)t->within;
	/* nothing said makes no point, even where none is expected */
	if (folded[strspn(folded, " \t\r\n")] == '\0')
		m->score = 0;
	else
		m->score = chat_turn_score(m->nmade, t->nexpect, m->late, m->nhits > 0);
	free(folded);
}

void
chat_mark_free(struct chat_mark *m)
{
	free(m->made);
	chat_hits_free(m->hits, m->nhits);
	memset(m, 0, sizeof(*m));
}
