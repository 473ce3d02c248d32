/* cmd-study.c: `kefu study [LESSON [SECTION]]`, reading a lesson laid out
 * like a handbook, and what comes next. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kefu.h"
#include "markup.h"
#include "plan.h"
#include "text.h"

static void
no_such_lesson(const struct curriculum *cu, const char *id)
{
	const char **ids = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			if (cu->stages[i].modules[j].kind == MOD_LESSON) {
				ids = xreallocarray(ids, n + 1, sizeof(*ids));
				ids[n++] = cu->stages[i].modules[j].id;
			}
	kefu_unknown(_("lesson"), _(" in your curriculum"), id, ids, n,
		     _("'kefu list lessons' shows them"));
	free(ids);
}

/* The columns to lay a lesson out in: the terminal's, else 80. */
static int
columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col > 120 ? 120 : ws.ws_col;
	return 80;
}

/* The first lesson of the current stage not read yet; NULL when every
 * one is read (or exempted). */
static const struct module *
next_unread(const struct curriculum *cu, const struct standing *st, const struct stage **stage)
{
	size_t j;

	if (st->current >= cu->nstages)
		return NULL;
	*stage = &cu->stages[st->current];
	for (j = 0; j < (*stage)->nmodules; j++) {
		const struct module *m = &(*stage)->modules[j];
		const struct module_fact *f = &st->facts[st->current][j];

		if (m->kind == MOD_LESSON && !f->read && !f->exempt)
			return m;
	}
	return NULL;
}

/* "Next: ..." as `kefu plan` says it. */
static void
say_next(struct kefu *k, const struct curriculum *cu)
{
	struct standing st;
	struct sb next = SB_INIT, waiting = SB_INIT, shown = SB_INIT;

	kefu_standing(k, cu, &k->me, &k->enr, &st);
	if (st.current == cu->nstages)
		printf(_("Every stage is complete. Well done.\n"));
	else {
		kefu_next_step(k, cu, &st, &next, &waiting);
		text_inert(&shown, sb_str(&next), false);
		printf(_("Next: %s\n"), sb_str(&shown));
		fputs(sb_str(&waiting), stdout);
	}
	sb_free(&next);
	sb_free(&waiting);
	sb_free(&shown);
	kefu_standing_free(&st);
}

int
cmd_study(struct kefu *k, int argc, char **argv)
{
	const struct curriculum *cu;
	const struct stage *stage = NULL;
	const struct module *m;
	struct store *st;
	struct markup mk;
	struct sb sb = SB_INIT;
	const char *from;
	long section = -1;
	int width;
	char *pos[2];
	size_t i;
	int npos, status;

	if ((status = cmd_parse(&cmd_study_entry, argc, argv, NULL, pos, 2, &npos)) != 0)
		return status;
	if ((cu = kefu_curriculum(k)) == NULL)
		return 1;
	if (npos == 0) {
		/* the next lesson to read, or what to do instead */
		struct standing sd;

		kefu_standing(k, cu, &k->me, &k->enr, &sd);
		m = next_unread(cu, &sd, &stage);
		kefu_standing_free(&sd);
		if (m == NULL) {
			if (stage)
				printf(_("Every lesson of stage %s is read.\n"), stage->title);
			say_next(k, cu);
			return 0;
		}
	} else if ((m = content_lesson(cu, pos[0], &stage)) == NULL) {
		no_such_lesson(cu, pos[0]);
		return 1;
	}
	width = columns();
	markup_layout(m->text, width, &mk);
	if (npos == 2) {
		section = markup_find(&mk, pos[1]);
		if (section < 0) {
			struct sb list = SB_INIT;

			for (i = 0; i < mk.nheads; i++) {
				sb_addf(&list, "\n  %zu  ", i + 1);
				text_inert(&list, mk.heads[i].text, false);
			}
			if (mk.nheads == 0)
				error(_("lesson '%s' has no sections"), m->id);
			else if (section == -2)
				error(_("'%s' names more than one section of lesson '%s': give its number:%s"),
				      pos[1], m->id, sb_str(&list));
			else
				error(_("no section '%s' in lesson '%s'; its sections:%s"), pos[1], m->id,
				      sb_str(&list));
			sb_free(&list);
			markup_free(&mk);
			return 1;
		}
	}
	sb_adds(&sb, m->title);
	sb_adds(&sb, "\n");
	sb_addf(&sb, _("(stage: %s · lesson: %s)\n"), stage->title, m->id);
	/* the sections, to open one with `kefu study LESSON N` */
	if (mk.nheads >= 3 && section < 0) {
		sb_addf(&sb, _("Sections ('kefu study %s N' opens at section N):\n"), m->id);
		for (i = 0; i < mk.nheads; i++)
			if (mk.heads[i].level == mk.heads[0].level) {
				/* one line each, cut to the screen */
				sb_addf(&sb, "  %2zu  ", i + 1);
				text_pad(&sb, mk.heads[i].text, width - 6, true);
				while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
					sb.len--;
				sb_addc(&sb, '\n');
			}
	}
	sb_addc(&sb, '\n');
	from = sb_str(&mk.out);
	if (section >= 0) {
		/* from its heading on */
		size_t line = 0;

		while (line < mk.heads[section].line && (from = strchr(from, '\n')) != NULL) {
			from++;
			line++;
		}
		if (from == NULL)
			from = "";
	}
	sb_adds(&sb, from);
	term_page(k, sb_str(&sb));
	sb_free(&sb);
	markup_free(&mk);

	st = kefu_store(k);
	if (store_begin(st) != 0 ||
	    store_lesson_read(st, k->me.id, m->id, k->now) != 0 ||
	    store_event(st, k->me.id, "lesson-read", k->me.id, m->id, k->now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return 1;
	}
	kefu_update_stages(k);
	{
		struct sb title = SB_INIT;

		text_inert(&title, m->title, false);
		printf(_("Marked '%s' read.\n"), sb_str(&title));
		sb_free(&title);
	}
	say_next(k, cu);
	return 0;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_study_entry = {
	.name = "study",
	.usage = "[LESSON [SECTION]]",
	.summary = N_("read a lesson and mark it read"),
	.help = N_("Shows a lesson of your curriculum, laid out for the screen: its\n"
		"headings, lists and tables line up by display width, Chinese\n"
		"included. With no lesson, the next one of your current stage not\n"
		"read yet. A lesson with sections lists them first; SECTION opens\n"
		"at one, by its number or by words of its heading (商品03). On a\n"
		"terminal the text goes through $PAGER (default: less -R);\n"
		"otherwise it is printed. The lesson counts as read once shown, and\n"
		"kefu then says so and what comes next. Lessons of locked stages\n"
		"can be read ahead; they count when their stage opens.\n"),
	.arg = ARG_LESSON,
	.words = NULL,
	.fn = cmd_study,
};
