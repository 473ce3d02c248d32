/* cmd-scripts-propose.c: `kefu scripts propose`, `review` and
 * `proposals`: new scripts from real chats, proposed by trainees and
 * reviewed by trainers. A proposal is decided once (the store refuses a
 * second decision), accepted ones join their library as the team sees
 * it, and everything goes on the event log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "scripts.h"
#include "text.h"

#define PROPOSAL_TEXT_MAX 2000
#define PROPOSAL_TITLE_MAX 60

/* Whether a proposal's text is good; says what is wrong (what names it)
 * otherwise. */
static bool
text_ok(const char *what, const char *s, size_t max, bool lines, bool placeholders)
{
	const char *why;

	if (text_blank(s)) {
		error(_("%s is empty"), what);
		return false;
	}
	if (text_chars(s) > max) {
		error(_("%s is longer than %zu characters"), what, max);
		return false;
	}
	if ((why = scripts_text_problem(s, lines, placeholders, NULL)) != NULL) {
		error("%s: %s", what, why);
		return false;
	}
	return true;
}

/* Asks for a text when it was not given; false (having said so) on end
 * of input or Ctrl-C. */
static bool
ask(const char *prompt, const char **given, char **held)
{
	enum term_read r;

	if (*given)
		return true;
	r = term_read(prompt, held);
	if (r != TERM_LINE) {
		if (r != TERM_EOF)
			putchar('\n');
		return false;
	}
	*given = *held;
	return true;
}

int
scripts_propose(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *question = NULL, *reply = NULL, *title = NULL;
	const struct cmd_opt opts[] = {
		{ "--question", &question, NULL }, { "--reply", &reply, NULL },
		{ "--title", &title, NULL }, { NULL, NULL, NULL }
	};
	const struct content *ct;
	const struct library *lib;
	char *held[3] = { NULL, NULL, NULL }, *pos[1], *detail = NULL;
	struct sb who = SB_INIT, t = SB_INIT;
	int npos, status;
	int64_t id;

	if ((status = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(c);
	ct = kefu_content(k);
	if ((lib = content_library(ct, pos[0])) == NULL) {
		const char **ids;
		size_t n = content_ids(ct, KIND_LIBRARY, &ids);

		kefu_unknown(_("script library"), "", pos[0], ids, n,
			     _("'kefu scripts' lists them"));
		free(ids);
		return 1;
	}
	kefu_me(k);
	status = 1;
	if (!ask(_("The buyer's question: "), &question, &held[0]) ||
	    !ask(_("Your reply: "), &reply, &held[1]) ||
	    (!title && k->tty_in && !ask(_("A title (Enter for none): "), &title, &held[2]))) {
		printf(_("Nothing proposed.\n"));
		goto out;
	}
	if (title && text_blank(title))
		title = NULL;
	if (!text_ok(_("the question"), question, PROPOSAL_TEXT_MAX, true, false) ||
	    !text_ok(_("the reply"), reply, PROPOSAL_TEXT_MAX, true, true) ||
	    (title && !text_ok(_("the title"), title, PROPOSAL_TITLE_MAX, false, false)))
		goto out;
	if (store_begin(kefu_store(k)) != 0)
		goto out;
	if ((id = store_proposal_add(k->store, k->me.id, lib->id, title, question, reply,
				     kefu_clock(k))) < 0) {
		store_rollback(k->store);
		goto out;
	}
	detail = xasprintf("%s #%lld", lib->id, (long long)id);
	if (store_event(k->store, k->me.id, "script-propose", k->me.id, detail,
			kefu_clock(k)) != 0 || store_commit(k->store) != 0) {
		store_rollback(k->store);
		goto out;
	}
	kefu_graders(k, "trainer", &who);
	text_inert(&t, lib->title, false);
	printf(_("Proposed as #%lld for %s (%s); %s will review it. 'kefu scripts proposals' shows what becomes of it.\n"),
	       (long long)id, sb_str(&t), lib->id, sb_str(&who));
	status = 0;
out:
	free(held[0]), free(held[1]), free(held[2]);
	free(detail);
	sb_free(&who);
	sb_free(&t);
	return status;
}

/* A proposal as a trainer weighs it: who, when, the question and the
 * reply, everything inert. */
static void
show_proposal(const struct store_proposal *p, const struct library *lib, bool decided)
{
	struct sb sb = SB_INIT, a = SB_INIT, b = SB_INIT;
	char when[20];

	text_inert(&a, p->name && *p->name ? p->name : p->login, false);
	text_inert(&b, lib ? lib->title : p->library, false);
	sb_addf(&sb, _("#%lld for %s (%s), from %s on %s\n"), (long long)p->id, sb_str(&b),
		p->library, sb_str(&a), date_format_time(p->proposed, when));
	if (p->title) {
		sb_reset(&a);
		text_inert(&a, p->title, false);
		sb_addf(&sb, _("  Title:    %s\n"), sb_str(&a));
	}
	sb_reset(&a);
	text_inert(&a, p->question, false);
	sb_addf(&sb, _("  Buyer:    %s\n"), sb_str(&a));
	sb_reset(&a);
	text_inert(&a, p->reply, false);
	sb_addf(&sb, _("  Proposed: %s\n"), sb_str(&a));
	if (decided) {
		const char *state = strcmp(p->state, "accepted") == 0 ? _("accepted") :
		    strcmp(p->state, "rejected") == 0 ? _("turned down") : _("waiting for review");

		if (strcmp(p->state, "accepted") == 0 && strcmp(p->text, p->reply) != 0) {
			sb_reset(&a);
			text_inert(&a, p->text, false);
			sb_addf(&sb, _("  As kept:  %s\n"), sb_str(&a));
		}
		sb_reset(&a);
		if (p->reviewer) {
			char day[20];

			text_inert(&a, p->reviewer_name && *p->reviewer_name ? p->reviewer_name :
				   p->reviewer, false);
			sb_addf(&sb, _("  %s by %s on %s"), state, sb_str(&a),
				date_format_time(p->reviewed, day));
		} else
			sb_addf(&sb, "  %s", state);
		if (p->note) {
			sb_reset(&a);
			text_inert(&a, p->note, false);
			sb_addf(&sb, _(": %s"), sb_str(&a));
		}
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	sb_free(&a);
	sb_free(&b);
}

/* Records a decision on proposal p; 0 done, 1 not (said why). */
static int
decide(struct kefu *k, const struct store_proposal *p, bool accept, const char *text,
       const char *note)
{
	struct person who = { 0 };
	char *detail;
	int rc;

	if (kefu_person(k, p->login, &who) != 1)
		return 1;
	detail = note ? xasprintf("%s #%lld: %s", p->library, (long long)p->id, note) :
	    xasprintf("%s #%lld", p->library, (long long)p->id);
	if (store_begin(k->store) != 0) {
		free(detail);
		person_clear(&who);
		return 1;
	}
	rc = store_proposal_decide(k->store, p->id, accept ? "accepted" : "rejected", text,
				   note, k->me.id, kefu_clock(k));
	if (rc == 1 && store_event(k->store, k->me.id, accept ? "script-accept" : "script-reject",
				   who.id, detail, kefu_clock(k)) == 0 && store_commit(k->store) == 0) {
		struct sb nm = SB_INIT;

		text_inert(&nm, p->name && *p->name ? p->name : p->login, false);
		if (accept)
			printf(_("#%lld accepted: it is in %s as %s/team-%lld.\n"), (long long)p->id,
			       p->library, p->library, (long long)p->id);
		else
			printf(_("#%lld turned down; %s will see your note.\n"), (long long)p->id,
			       sb_str(&nm));
		sb_free(&nm);
		rc = 0;
	} else {
		store_rollback(k->store);
		if (rc == 0)
			error(_("#%lld was reviewed by someone else meanwhile; nothing changed"),
			      (long long)p->id);
		rc = 1;
	}
	free(detail);
	person_clear(&who);
	return rc;
}

/* One proposal by id, open; NULL (having said why) otherwise. */
static struct store_proposal *
open_one(struct kefu *k, const char *ref, struct store_proposals *ps)
{
	char *end;
	long long id = strtoll(ref[0] == '#' ? ref + 1 : ref, &end, 10);

	if (*end || id <= 0) {
		error(_("'%s' is no proposal number (kefu scripts proposals lists them)"), ref);
		return NULL;
	}
	if (store_proposals(kefu_store(k), NULL, 0, NULL, id, ps) != 0)
		return NULL;
	if (ps->n == 0) {
		error(_("no proposal #%lld"), id);
		return NULL;
	}
	if (strcmp(ps->v[0].state, "open") != 0) {
		error(_("#%lld is already %s"), id, strcmp(ps->v[0].state, "accepted") == 0 ?
		      _("accepted") : _("turned down"));
		return NULL;
	}
	if (strcmp(ps->v[0].login, k->me.login) == 0) {
		error(_("you cannot review your own proposal; another trainer must"));
		return NULL;
	}
	return &ps->v[0];
}

int
scripts_review(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *text = NULL, *note = NULL;
	bool accept = false, reject = false;
	const struct cmd_opt opts[] = {
		{ "--accept", NULL, &accept }, { "--reject", NULL, &reject },
		{ "--text", &text, NULL }, { "--note", &note, NULL }, { NULL, NULL, NULL }
	};
	const struct content *ct;
	struct store_proposals ps;
	char *pos[1];
	int npos, status;
	size_t i, done = 0, seen = 0;

	if (!kefu_may(k, "trainer", _("review proposed scripts")))
		return 1;
	if ((status = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	ct = kefu_content(k);
	if (npos == 1) {
		struct store_proposal *p;

		if (accept == reject) {
			error(_("say --accept or --reject"));
			return cmd_usage(c);
		}
		if (reject && (note == NULL || text_blank(note))) {
			error(_("a proposal turned down needs --note saying why"));
			return 2;
		}
		if (reject && text) {
			error(_("--text is for an accepted proposal"));
			return 2;
		}
		if ((text && !text_ok(_("the reply"), text, PROPOSAL_TEXT_MAX, true, true)) ||
		    (note && !text_ok(_("the note"), note, PROPOSAL_TEXT_MAX, true, false)))
			return 1;
		if (note && text_blank(note))
			note = NULL;
		status = (p = open_one(k, pos[0], &ps)) ? decide(k, p, accept, text, note) : 1;
		store_proposals_free(&ps);
		return status;
	}
	if (accept || reject || text || note)
		return cmd_usage(c);
	if (store_proposals(kefu_store(k), "open", 0, NULL, 0, &ps) != 0)
		return 1;
	for (i = 0; i < ps.n; i++) {
		struct store_proposal *p = &ps.v[i];
		char key[8], *line = NULL, *why = NULL;
		enum term_read r;
		bool edit;

		if (strcmp(p->login, k->me.login) == 0)
			continue;	/* another trainer reviews one's own */
		if (seen++)
			putchar('\n');
		show_proposal(p, content_library(ct, p->library), false);
		fputs(_("[a] accept  [e] edit, then accept  [r] turn down  [s] skip  [q] stop: "), stdout);
		fflush(stdout);
		r = term_key(key, sizeof(key));
		if (r != TERM_LINE || key[0] == 'q') {
			putchar('\n');
			break;
		}
		if (k->tty_in)
			putchar('\n');
		if (key[0] != 'a' && key[0] != 'e' && key[0] != 'r') {
			printf(_("#%lld skipped.\n"), (long long)p->id);
			continue;
		}
		edit = key[0] == 'e';
		if (edit) {
			for (;;) {
				free(line);
				line = NULL;
				if (term_read(_("The reply as the team will send it: "), &line) != TERM_LINE) {
					free(line);
					line = NULL;
					break;
				}
				if (text_ok(_("the reply"), line, PROPOSAL_TEXT_MAX, true, true))
					break;
			}
			if (line == NULL) {
				printf(_("#%lld left as it was.\n"), (long long)p->id);
				continue;
			}
		}
		/* a note the trainee sees; one saying why for a turn-down */
		for (;;) {
			struct sb prompt = SB_INIT, nm = SB_INIT;

			text_inert(&nm, p->name && *p->name ? p->name : p->login, false);
			sb_addf(&prompt, key[0] == 'r' ? _("Why, for %s: ") : _("A note for %s (Enter for none): "),
				sb_str(&nm));
			free(why);
			why = NULL;
			r = term_read(sb_str(&prompt), &why);
			sb_free(&prompt);
			sb_free(&nm);
			if (r != TERM_LINE)
				break;
			if (text_blank(why)) {
				if (key[0] != 'r') {
					free(why);
					why = NULL;
					break;
				}
				error(_("a proposal turned down needs a note saying why"));
				continue;
			}
			if (text_ok(_("the note"), why, PROPOSAL_TEXT_MAX, true, false))
				break;
		}
		if (r != TERM_LINE) {
			free(line);
			free(why);
			printf(_("#%lld left as it was.\n"), (long long)p->id);
			break;
		}
		if (decide(k, p, key[0] != 'r', line, why) == 0)
			done++;
		free(line);
		free(why);
	}
	if (seen == 0)
		printf(_("No proposals wait for review.\n"));
	else
		printf(P_("%zu proposal reviewed.\n", "%zu proposals reviewed.\n", done), done);
	store_proposals_free(&ps);
	return 0;
}

int
scripts_proposals(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	bool all = false;
	const struct cmd_opt opts[] = { { "--all", NULL, &all }, { NULL, NULL, NULL } };
	const struct content *ct;
	struct store_proposals ps;
	bool trainer;
	char *pos[1];
	int npos, status;
	size_t i;

	if ((status = cmd_parse(c, argc, argv, opts, pos, 0, &npos)) != 0)
		return status;
	ct = kefu_content(k);
	kefu_me(k);
	trainer = kefu_holds(k, "trainer");
	if (all && !trainer) {
		error(_("--all is for trainers and managers; you see your own proposals"));
		return 2;
	}
	if (store_proposals(kefu_store(k), trainer && !all ? "open" : NULL,
			    trainer ? 0 : k->me.id, NULL, 0, &ps) != 0)
		return 1;
	if (ps.n == 0)
		printf(trainer && !all ? _("No proposals wait for review.\n") :
		       trainer ? _("Nobody has proposed a script yet.\n") :
		       _("You have proposed no scripts yet: 'kefu scripts propose LIBRARY'.\n"));
	for (i = 0; i < ps.n; i++) {
		if (i)
			putchar('\n');
		show_proposal(&ps.v[i], content_library(ct, ps.v[i].library), true);
	}
	if (trainer && !all && ps.n)
		printf(_("\n'kefu scripts review' goes through them.\n"));
	store_proposals_free(&ps);
	return 0;
}
