/* cmd-kb.c: `kefu kb search WORDS` and `kefu kb show REF`: one search
 * over what the team knows: lessons by section, practice questions with
 * their explanations, drill lines, scripts (accepted proposals too) and
 * hard cases. An exam's questions, and those of any bank an exam draws
 * from, are never in it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kb.h"
#include "kefu.h"
#include "priv.h"
#include "scripts.h"
#include "store-kb.h"
#include "text.h"

#define KB_MAX_TERMS 16

/* Whether a quiz's questions may be searched: not an exam's, nor a
 * bank's that an exam draws from. */
static bool
searchable(const struct content *c, const struct quiz *q)
{
	size_t i, j;

	if (q->mode == QUIZ_EXAM)
		return false;
	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *e = c->quizzes[i];

		if (e->mode != QUIZ_EXAM)
			continue;
		for (j = 0; j < e->nfrom; j++)
			if (strcmp(e->from[j], q->id) == 0)
				return false;
	}
	return true;
}

struct lesson_arg {
	struct kb *kb;
	const struct module *m;
};

static void
add_section(size_t n, const char *head, size_t headlen, const char *start,
	    size_t len, void *arg)
{
	struct lesson_arg *la = arg;
	char *title, *body;

	while (len && (start[len - 1] == '\n' || start[len - 1] == ' '))
		len--;
	while (len && *start == '\n')
		start++, len--;
	if (len == 0 && head == NULL)
		return;
	body = xstrndup(start, len);
	if (head) {
		char *h = xstrndup(head, headlen);

		title = xasprintf("%s › %s", la->m->title, h);
		free(h);
	} else
		title = xstrdup(la->m->title);
	kb_add(la->kb, KB_LESSON, xasprintf("lesson:%s#%zu", la->m->id, n), title, body,
	       true, true);
	kb_own(la->kb, title);
}

static char *
question_body(const struct question *q)
{
	struct sb sb = SB_INIT;
	size_t i;

	sb_adds(&sb, q->text);
	for (i = 0; i < q->nchoices; i++)
		sb_addf(&sb, "\n%c. %s", (char)('A' + i), q->choices[i]);
	for (i = 0; i < q->nsteps; i++)
		sb_addf(&sb, "\n- %s", q->steps[i]);
	for (i = 0; i < q->npairs; i++)
		sb_addf(&sb, "\n- %s / %s", q->left[i], q->right[i]);
	if (q->explain)
		sb_addf(&sb, "\n%s", q->explain);
	return sb_detach(&sb);
}

static char *
case_body(const struct hard_case *hc)
{
	struct sb sb = SB_INIT;
	size_t i;

	sb_addf(&sb, "%s\n%s\n", hc->buyer, hc->analysis);
	for (i = 0; i < hc->nsteps; i++)
		sb_addf(&sb, "%zu. %s\n", i + 1, hc->steps[i]);
	sb_adds(&sb, hc->outcome);
	return sb_detach(&sb);
}

/* KIND:A/B, without printf's cost: a library may hold thousands. */
static char *
ref_of(const char *kind, const char *a, const char *b)
{
	size_t k = strlen(kind), la = strlen(a), lb = strlen(b);
	char *s = xmalloc(k + la + lb + 2);

	memcpy(s, kind, k);
	memcpy(s + k, a, la);
	s[k + la] = '/';
	memcpy(s + k + la + 1, b, lb + 1);
	return s;
}

/* Every document, in a fixed order, folded. */
static void
kb_build(struct kefu *k, struct kb *kb, struct team_script **scripts,
	 struct store_proposals *held)
{
	const struct content *c = kefu_content(k);
	size_t i, j, s, m, n;

	memset(kb, 0, sizeof(*kb));
	for (i = 0; i < c->ncurricula; i++)
		for (s = 0; s < c->curricula[i]->nstages; s++)
			for (m = 0; m < c->curricula[i]->stages[s].nmodules; m++) {
				const struct module *mod = &c->curricula[i]->stages[s].modules[m];
				struct lesson_arg la = { kb, mod };

				if (mod->kind == MOD_LESSON && mod->text)
					kb_sections(mod->text, add_section, &la);
			}
	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *q = c->quizzes[i];

		if (!searchable(c, q))
			continue;
		for (j = 0; j < q->nown; j++)
			kb_add(kb, KB_QUESTION, ref_of("question:", q->id, q->questions[j].id),
			       q->title, question_body(&q->questions[j]), true, true);
	}
	for (i = 0; i < c->ndrills; i++)
		for (j = 0; j < c->drills[i]->nown; j++)
			kb_add(kb, KB_DRILL, xasprintf("drill:%s/%zu", c->drills[i]->id, j + 1),
			       c->drills[i]->title, c->drills[i]->lines[j], true, false);
	n = kefu_team_scripts(k, NULL, scripts, held);
	for (i = 0; i < n; i++)
		kb_add(kb, KB_SCRIPT, ref_of("script:", (*scripts)[i].lib, (*scripts)[i].id),
		       (*scripts)[i].title, (*scripts)[i].text, true, false);
	for (i = 0; i < c->ncasebooks; i++)
		for (j = 0; j < c->casebooks[i]->ncases; j++) {
			const struct hard_case *hc = &c->casebooks[i]->cases[j];

			kb_add(kb, KB_CASE, ref_of("case:", c->casebooks[i]->id, hc->id),
			       hc->title, case_body(hc), true, true);
		}
	kb_fold_all(kb);
}

/* The index: the user's cache, or memory in a team install. */
static struct store_kb *
kb_index(const struct kb *kb)
{
	struct store_kb *ix;
	char *dir = NULL, *path = NULL;

	if (!priv_team() && (dir = xdg_dir("XDG_CACHE_HOME", ".cache")) != NULL &&
	    mkdir_p(dir, 0700) == 0)
		path = path_join(dir, "kb-index");
	ix = store_kb_open(path, kb);
	free(path);
	free(dir);
	return ix;
}

struct hit {
	size_t doc;
	double score;
};

static int
by_score(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The documents holding every term, best first: the index finds those
 * of the long terms (ranked by bm25), a scan those of short ones. */
static long
kb_find(const struct kb *kb, char *const *terms, size_t nterms, struct hit **out)
{
	char *longs[KB_MAX_TERMS];
	size_t nlong = 0, i, t, *ids = NULL;
	long n = 0, got;
	struct hit *hits;

	for (i = 0; i < nterms; i++)
		if (text_chars(terms[i]) >= KB_TRIGRAM)
			longs[nlong++] = terms[i];
	hits = xreallocarray(NULL, kb->n + 1, sizeof(*hits));
	if (nlong) {
		struct store_kb *ix = kb_index(kb);

		if (ix == NULL || (got = store_kb_match(ix, longs, nlong, &ids)) < 0) {
			store_kb_close(ix);
			free(hits);
			return -1;
		}
		store_kb_close(ix);
		for (i = 0; i < (size_t)got; i++) {
			const struct kb_doc *d;

			if (ids[i] >= kb->n)
				continue;	/* an index of other documents */
			d = &kb->docs[ids[i]];
			/* the short terms, by a scan of what the index found */
			for (t = 0; t < nterms && strstr(d->folded, terms[t]); t++)
				;
			if (t == nterms) {
				hits[n].doc = ids[i];
				hits[n++].score = (double)(got - (long)i);	/* bm25's order */
			}
		}
		free(ids);
	} else {
		for (i = 0; i < kb->n; i++) {
			double s = kb_score(&kb->docs[i], terms, nterms);

			if (s > 0) {
				hits[n].doc = i;
				hits[n++].score = s;
			}
		}
		qsort(hits, (size_t)n, sizeof(*hits), by_score);
	}
	*out = hits;
	return n;
}

static const char *
kind_word(enum kb_kind k)
{
	return _(kb_kind_name(k));
}

static int
kb_search(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	static const struct column cols[] = {
		{ "ref", N_("Ref") }, { "kind", N_("Kind") }, { "title", N_("Title") },
		{ "snippet", N_("Snippet") }, { "text", N_("Text") },
	};
	const char *format = NULL, *limit_s = NULL, *kind_s = NULL;
	const struct cmd_opt opts[] = {
		{ "--format", &format, NULL }, { "--limit", &limit_s, NULL },
		{ "--kind", &kind_s, NULL }, { NULL, NULL, NULL }
	};
	char **words = xcalloc((size_t)argc + 1, sizeof(*words));
	char *terms[KB_MAX_TERMS];
	struct store_proposals held;
	struct team_script *scripts = NULL;
	struct sb query = SB_INIT;
	enum table_format f;
	struct hit *hits = NULL;
	struct kb kb;
	size_t nterms = 0, i, shown = 0;
	long n, limit = 10;
	int nwords, status, kind = -1;

	if ((status = cmd_parse(c, argc, argv, opts, words, argc, &nwords)) != 0 ||
	    (status = cmd_format(format, &f)) != 0)
		goto out_words;
	status = 2;
	if (limit_s) {
		char *end;

		limit = strtol(limit_s, &end, 10);
		if (*end || limit < 1 || limit > 1000) {
			error(_("--limit is a number from 1 to 1000, not '%s'"), limit_s);
			goto out_words;
		}
	}
	if (kind_s) {
		for (kind = 0; kind <= KB_CASE && strcmp(kind_s, kb_kind_name((enum kb_kind)kind)) != 0; kind++)
			;
		if (kind > KB_CASE) {
			error(_("--kind is lesson, question, drill, script or case, not '%s'"), kind_s);
			goto out_words;
		}
	}
	for (i = 0; i < (size_t)nwords; i++)
		sb_addf(&query, "%s%s", i ? " " : "", words[i]);
	nterms = kb_terms(sb_str(&query), terms, KB_MAX_TERMS);
	if (nterms == 0) {
		error(_("search for what? kefu kb search WORDS (one Chinese character is enough)"));
		goto out_words;
	}
	kb_build(k, &kb, &scripts, &held);
	if ((n = kb_find(&kb, terms, nterms, &hits)) < 0) {
		status = 1;
		goto out;
	}
	status = 0;
	if (f != TABLE_TEXT) {
		static const char *cover[2];
		struct table t;

		table_init(&t, "kb-search", cols, ARRAY_SIZE(cols));
		cover[0] = N_("query");
		cover[1] = sb_str(&query);
		t.cover = cover;
		t.ncover = 1;
		for (i = 0; i < (size_t)n && (long)shown < limit; i++) {
			const struct kb_doc *d = &kb.docs[hits[i].doc];
			struct sb snip = SB_INIT;

			if (kind >= 0 && d->kind != (enum kb_kind)kind)
				continue;
			kb_snippet(&snip, d->body, terms, nterms, 60, "", "");
			table_text(&t, d->ref);
			table_word(&t, kb_kind_name(d->kind));
			table_text(&t, d->title);
			table_text(&t, sb_str(&snip));
			table_text(&t, d->body);
			sb_free(&snip);
			shown++;
		}
		table_print(stdout, &t, f, f == TABLE_CSV);
		table_free(&t);
		goto out;
	}
	{
		struct sb sb = SB_INIT, q = SB_INIT;
		const char *on = k->color ? "\033[1;33m" : "[", *off = k->color ? "\033[0m" : "]";
		size_t total = 0;

		for (i = 0; i < (size_t)n; i++)
			total += kind < 0 || kb.docs[hits[i].doc].kind == (enum kb_kind)kind;
		text_inert(&q, sb_str(&query), false);
		if (total == 0) {
			printf(_("Nothing found for '%s'.\n"), sb_str(&q));
			sb_free(&q);
			goto out;
		}
		sb_addf(&sb, P_("%zu result for '%s', best first:\n",
				"%zu results for '%s', best first:\n", total), total, sb_str(&q));
		for (i = 0; i < (size_t)n && (long)shown < limit; i++) {
			const struct kb_doc *d = &kb.docs[hits[i].doc];

			if (kind >= 0 && d->kind != (enum kb_kind)kind)
				continue;
			shown++;
			sb_addf(&sb, "%3zu. %s  ", shown, kind_word(d->kind));
			text_inert(&sb, d->ref, false);
			sb_adds(&sb, "  ");
			kb_highlight(&sb, d->title, terms, nterms, on, off);
			sb_adds(&sb, "\n     ");
			kb_snippet(&sb, d->body, terms, nterms, 70, on, off);
			sb_addc(&sb, '\n');
		}
		if (total > shown)
			sb_addf(&sb, _("(%zu more: --limit shows more, --kind narrows)\n"), total - shown);
		sb_adds(&sb, _("'kefu kb show REF' prints one in full.\n"));
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		sb_free(&q);
	}
out:
	free(hits);
	kb_free(&kb);
	free(scripts);
	store_proposals_free(&held);
	for (i = 0; i < nterms; i++)
		free(terms[i]);
out_words:
	sb_free(&query);
	free(words);
	return status;
}

/* A hit in full: its kind and title, then the whole text; a case by its
 * parts, a lesson section with the command that opens it. */
static int
kb_show(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *format = NULL;
	const struct cmd_opt opts[] = { { "--format", &format, NULL }, { NULL, NULL, NULL } };
	struct store_proposals held;
	struct team_script *scripts = NULL;
	enum table_format f;
	struct kb kb;
	char *pos[1];
	int npos, status;
	size_t i;

	if ((status = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0 ||
	    (status = cmd_format(format, &f)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(c);
	kb_build(k, &kb, &scripts, &held);
	for (i = 0; i < kb.n && strcmp(kb.docs[i].ref, pos[0]) != 0; i++)
		;
	if (i == kb.n) {
		const char **refs = xreallocarray(NULL, kb.n + 1, sizeof(*refs));
		size_t j;

		for (j = 0; j < kb.n; j++)
			refs[j] = kb.docs[j].ref;
		kefu_unknown(_("knowledge-base entry"), "", pos[0], refs, kb.n,
			     _("'kefu kb search WORDS' gives the refs"));
		free(refs);
		status = 1;
	} else if (f != TABLE_TEXT) {
		static const struct column cols[] = {
			{ "ref", N_("Ref") }, { "kind", N_("Kind") }, { "title", N_("Title") },
			{ "text", N_("Text") },
		};
		struct table t;

		table_init(&t, "kb-show", cols, ARRAY_SIZE(cols));
		table_text(&t, kb.docs[i].ref);
		table_word(&t, kb_kind_name(kb.docs[i].kind));
		table_text(&t, kb.docs[i].title);
		table_text(&t, kb.docs[i].body);
		table_print(stdout, &t, f, f == TABLE_CSV);
		table_free(&t);
	} else {
		const struct kb_doc *d = &kb.docs[i];
		const struct content *ct = kefu_content(k);
		struct sb sb = SB_INIT, t = SB_INIT;

		text_inert(&t, d->title, false);
		sb_addf(&sb, "%s · %s\n\n", kind_word(d->kind), sb_str(&t));
		if (d->kind == KB_CASE) {
			const char *slash = strchr(d->ref, '/');
			char *book = xstrndup(d->ref + 5, (size_t)(slash - d->ref - 5));
			const struct casebook *cb = content_casebook(ct, book);
			const struct hard_case *hc = NULL;
			size_t j;

			for (j = 0; cb && j < cb->ncases; j++)
				if (strcmp(cb->cases[j].id, slash + 1) == 0)
					hc = &cb->cases[j];
			free(book);
			if (hc) {
				sb_reset(&t);
				text_inert(&t, hc->buyer, true);
				sb_addf(&sb, _("The buyer said:\n  %s\n"), sb_str(&t));
				sb_reset(&t);
				text_inert(&t, hc->analysis, true);
				sb_addf(&sb, _("Analysis:\n  %s\n"), sb_str(&t));
				sb_adds(&sb, _("Steps taken:\n"));
				for (j = 0; j < hc->nsteps; j++) {
					sb_reset(&t);
					text_inert(&t, hc->steps[j], true);
					sb_addf(&sb, "  %zu. %s\n", j + 1, sb_str(&t));
				}
				sb_reset(&t);
				text_inert(&t, hc->outcome, true);
				sb_addf(&sb, _("Outcome:\n  %s\n"), sb_str(&t));
			}
		} else {
			sb_reset(&t);
			text_inert(&t, d->body, true);
			sb_addf(&sb, "%s\n", sb_str(&t));
		}
		if (d->kind == KB_LESSON) {
			const char *hash = strchr(d->ref, '#');
			char *id = xstrndup(d->ref + 7, (size_t)(hash - d->ref - 7));

			if (strcmp(hash + 1, "0") == 0)
				sb_addf(&sb, _("\n'kefu study %s' opens the lesson.\n"), id);
			else
				sb_addf(&sb, _("\n'kefu study %s %s' opens the lesson at this section.\n"),
					id, hash + 1);
			free(id);
		} else if (d->kind == KB_SCRIPT)
			sb_addf(&sb, _("\n'kefu scripts copy %s' copies it for a chat.\n"), d->ref + 7);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		sb_free(&t);
	}
	kb_free(&kb);
	free(scripts);
	store_proposals_free(&held);
	return status;
}

int
cmd_kb(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = &cmd_kb_entry;

	if (argc >= 2 && strcmp(argv[1], "search") == 0)
		return kb_search(k, c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return kb_show(k, c, argc - 1, argv + 1);
	if (argc >= 2) {
		static const char *const subs[] = { "search", "show" };

		kefu_unknown(_("'kb' subcommand"), "", argv[1], subs, 2,
			     _("it is search or show"));
		return 2;
	}
	return cmd_usage(c);
}

static const char *const kb_words[] = {
	"search", "show", "--format", "--limit", "--kind", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_kb_entry = {
	.name = "kb",
	.usage = "search WORDS... [--kind K] [--limit N] [--format F] | show REF [--format F]",
	.summary = N_("search the team's knowledge base: lessons, questions, scripts, cases"),
	.help = N_("One search over what the team knows: lessons by section, practice\n"
		"questions with their explanations, drill lines, scripts (those\n"
		"accepted from proposals too) and hard cases. An exam's questions,\n"
		"and those of a bank an exam draws from, are never searched.\n"
		"\n"
		"  search WORDS...   every entry holding all the words, best first,\n"
		"      the match marked. One Chinese character is enough: words of\n"
		"      three characters or more are looked up in a full-text index\n"
		"      (kept in your cache and made again when the content changes),\n"
		"      shorter ones by reading every entry. Width and case do not\n"
		"      matter (ＡＢＣ finds abc). --kind lesson|question|drill|script|case\n"
		"      keeps one kind; --limit N shows N (10 by default); --format\n"
		"      csv or json gives ref, kind, title, snippet and text.\n"
		"  show REF   one entry in full (REF as search prints it: lesson:ID#N,\n"
		"      question:QUIZ/ID, drill:ID/N, script:LIBRARY/ID, case:BOOK/ID),\n"
		"      with the command that opens or copies it.\n"),
	.arg = ARG_WORDS,
	.words = kb_words,
	.fn = cmd_kb,
};
