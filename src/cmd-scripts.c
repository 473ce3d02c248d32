/* cmd-scripts.c: `kefu scripts`, the team's script libraries (话术库):
 * listed, a script copied to the clipboard for a real chat, libraries
 * exported for chat tools and imported from them. Proposals and their
 * review are in cmd-scripts-propose.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu.h"
#include "markup.h"
#include "priv.h"
#include "scripts.h"
#include "text.h"

/* ---- the scripts as the team sees them ---- */

static void
add_script(struct team_script **v, size_t *n, const struct team_script *s)
{
	/* doubling: a library of thousands is no rare thing */
	if (*n == 0)
		*v = xreallocarray(*v, 16, sizeof(**v));
	else if (*n >= 16 && (*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, 2 * *n, sizeof(**v));
	(*v)[(*n)++] = *s;
}

size_t
kefu_team_scripts(struct kefu *k, const char *lib, struct team_script **out,
		  struct store_proposals *held)
{
	const struct content *c = kefu_content(k);
	struct team_script *v = NULL;
	size_t n = 0, i, j;

	held->v = NULL;
	held->n = 0;
	for (i = 0; i < c->nlibraries; i++) {
		const struct library *l = c->libraries[i];

		if (lib && strcmp(l->id, lib) != 0)
			continue;
		for (j = 0; j < l->nitems; j++) {
			const struct script *it = &l->items[j];
			struct team_script s = {
				.lib = l->id, .lib_title = l->title, .id = it->id,
				.title = it->title, .text = it->text,
				.shortcut = it->shortcut,
				.tags = (const char *const *)it->tags, .ntags = it->ntags,
			};

			add_script(&v, &n, &s);
		}
	}
	/* accepted proposals, after the library's own items */
	if (store_proposals(kefu_store(k), "accepted", 0, lib, 0, held) == 0)
		for (i = 0; i < held->n; i++) {
			struct store_proposal *p = &held->v[i];
			const struct library *l = content_library(c, p->library);
			struct team_script s = { 0 };

			if (l == NULL)
				continue;	/* a library the content no longer has */
			s.lib = l->id;
			s.lib_title = l->title;
			s.title = p->title ? p->title : p->question;
			s.text = p->text;
			s.team = true;
			s.proposal = p->id;
			snprintf(s.tid, sizeof(s.tid), "team-%lld", (long long)p->id);
			add_script(&v, &n, &s);
		}
	for (i = 0; i < n; i++)
		if (v[i].team)
			v[i].id = v[i].tid;	/* the array moves no more */
	*out = v;
	return n;
}

/* The library named id; else says so with a suggestion. */
static const struct library *
find_library(struct kefu *k, const char *id)
{
	const struct content *c = kefu_content(k);
	const struct library *l = content_library(c, id);

	if (l == NULL) {
		const char **ids;
		size_t n = content_ids(c, KIND_LIBRARY, &ids);

		kefu_unknown(_("script library"), "", id, ids, n,
			     _("'kefu scripts' lists them"));
		free(ids);
	}
	return l;
}

/* ---- listing ---- */

static int
list_libraries(struct kefu *k, enum table_format f)
{
	static const struct column cols[] = {
		{ "situation", N_("Situation") }, { "library", N_("Library") },
		{ "title", N_("Title") }, { "scripts", N_("Scripts") },
	};
	const struct content *c = kefu_content(k);
	struct store_proposals held;
	struct team_script *all;
	size_t n = kefu_team_scripts(k, NULL, &all, &held), i, j;
	struct table t;
	bool *done = xcalloc(c->nlibraries + 1, sizeof(*done));

	if (c->nlibraries == 0 && f == TABLE_TEXT) {
		printf(_("No script libraries are loaded: the content has no scripts/.\n"));
		free(done);
		free(all);
		store_proposals_free(&held);
		return 0;
	}
	table_init(&t, "scripts", cols, ARRAY_SIZE(cols));
	/* grouped by situation, in the order situations first appear */
	for (i = 0; i < c->nlibraries; i++) {
		const char *sit = c->libraries[i]->situation;

		if (done[i])
			continue;
		for (j = i; j < c->nlibraries; j++) {
			const struct library *l = c->libraries[j];
			const char *s2 = l->situation;

			if (done[j] || !((sit == NULL && s2 == NULL) ||
					 (sit && s2 && strcmp(sit, s2) == 0)))
				continue;
			done[j] = true;
			table_text(&t, sit);
			table_text(&t, l->id);
			table_text(&t, l->title);
			{
				size_t count = 0, x;

				for (x = 0; x < n; x++)
					count += strcmp(all[x].lib, l->id) == 0;
				table_num(&t, (double)count, 0);
			}
		}
	}
	table_print(stdout, &t, f, f == TABLE_CSV);
	if (f == TABLE_TEXT)
		printf(_("\n'kefu scripts LIBRARY' shows a library; 'kefu scripts copy ID' copies a script.\n"));
	table_free(&t);
	free(done);
	free(all);
	store_proposals_free(&held);
	return 0;
}

/* The screen's width, or 80. */
static int
screen_width(void)
{
	const char *cols = getenv("COLUMNS");
	int w = cols ? atoi(cols) : 0;

	return w >= 40 && w <= 1000 ? w : 80;
}

/* A library's scripts: shortcut, title, text, lined up by display width;
 * a text wider than the screen goes on under its own column. */
static int
show_library(struct kefu *k, const struct library *l, enum table_format f)
{
	static const struct column cols[] = {
		{ "id", N_("Id") }, { "shortcut", N_("Shortcut") },
		{ "title", N_("Title") }, { "text", N_("Text") },
		{ "from", N_("From") },
	};
	struct store_proposals held;
	struct team_script *v;
	size_t n = kefu_team_scripts(k, l->id, &v, &held), i;

	if (f != TABLE_TEXT) {
		struct table t;

		table_init(&t, "scripts", cols, ARRAY_SIZE(cols));
		for (i = 0; i < n; i++) {
			table_text(&t, v[i].id);
			table_text(&t, v[i].shortcut);
			table_text(&t, v[i].title);
			table_text(&t, v[i].text);
			table_word(&t, v[i].team ? N_("team") : N_("library"));
		}
		table_print(stdout, &t, f, f == TABLE_CSV);
		table_free(&t);
	} else {
		struct sb sb = SB_INIT, head = SB_INIT;
		struct sb pad = SB_INIT;
		int wid = 0, wkey = text_width(_("Shortcut")), wtitle = 0, indent, room;

		for (i = 0; i < n; i++) {
			if (text_width(v[i].id) > wid)
				wid = text_width(v[i].id);
			if (v[i].shortcut && text_width(v[i].shortcut) > wkey)
				wkey = text_width(v[i].shortcut);
			if (text_width(v[i].title) > wtitle)
				wtitle = text_width(v[i].title);
		}
		if (wtitle > 24)
			wtitle = 24;
		indent = 2 + wid + 2 + wkey + 2 + wtitle + 2;
		room = screen_width() - indent;
		sb_addf(&pad, "%*s", indent, "");
		text_inert(&head, l->title, false);
		sb_addf(&sb, P_("%s (%s): %zu script\n", "%s (%s): %zu scripts\n", n),
			sb_str(&head), l->id, n);
		for (i = 0; i < n; i++) {
			struct sb t = SB_INIT;
			const char *p, *nl;

			sb_adds(&sb, "  ");
			text_pad(&sb, v[i].id, wid, false);
			sb_adds(&sb, "  ");
			text_pad(&sb, v[i].shortcut ? v[i].shortcut : "-", wkey, false);
			sb_adds(&sb, "  ");
			text_pad(&sb, v[i].title, wtitle, true);
			sb_adds(&sb, "  ");
			/* the text wrapped as lessons are, under its column */
			text_inert(&t, v[i].text, true);
			for (p = sb_str(&t); p; p = nl ? nl + 1 : NULL) {
				char *line;

				nl = strchr(p, '\n');
				line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
				if (p != sb_str(&t))
					sb_addf(&sb, "\n%s", sb_str(&pad));
				markup_wrap(&sb, line, room < 20 ? 1000 : indent + room, indent,
					    sb_str(&pad));
				free(line);
			}
			if (v[i].team)
				sb_addf(&sb, _("  (team, proposal #%lld)"), (long long)v[i].proposal);
			sb_addc(&sb, '\n');
			sb_free(&t);
		}
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		sb_free(&head);
		sb_free(&pad);
	}
	free(v);
	store_proposals_free(&held);
	return 0;
}

/* ---- copy ---- */

/* The script a reference names: LIBRARY/ID, an id, or a shortcut, when
 * only one script has it. Says what is wrong and returns -1 otherwise. */
static ssize_t
find_script(const struct team_script *v, size_t n, const char *ref)
{
	const char *slash = strchr(ref, '/');
	ssize_t found = -1;
	size_t i, hits = 0, keys = 0;
	ssize_t key = -1;

	for (i = 0; i < n; i++) {
		bool hit;

		if (slash)
			hit = strncmp(v[i].lib, ref, (size_t)(slash - ref)) == 0 &&
			    v[i].lib[slash - ref] == '\0' && strcmp(v[i].id, slash + 1) == 0;
		else
			hit = strcmp(v[i].id, ref) == 0;
		if (hit) {
			found = (ssize_t)i;
			hits++;
		}
		if (!slash && v[i].shortcut && strcasecmp(v[i].shortcut, ref) == 0) {
			key = (ssize_t)i;
			keys++;
		}
	}
	if (hits == 1)
		return found;
	if (hits == 0 && keys == 1)
		return key;
	if (hits > 1 || keys > 1) {
		struct sb sb = SB_INIT;

		for (i = 0; i < n; i++)
			if (strcmp(v[i].id, ref) == 0 ||
			    (v[i].shortcut && strcasecmp(v[i].shortcut, ref) == 0))
				sb_addf(&sb, "%s%s/%s", sb.len ? ", " : "", v[i].lib, v[i].id);
		error(_("'%s' names several scripts: %s; write LIBRARY/ID"), ref, sb_str(&sb));
		sb_free(&sb);
		return -1;
	}
	{
		const char **ids = xreallocarray(NULL, n + 1, sizeof(*ids));

		for (i = 0; i < n; i++)
			ids[i] = v[i].id;
		kefu_unknown(_("script"), "", slash ? slash + 1 : ref, ids, n,
			     _("'kefu scripts LIBRARY' lists a library's scripts"));
		free(ids);
	}
	return -1;
}

static int
copy_script(struct kefu *k, const char *ref)
{
	struct store_proposals held;
	struct team_script *v;
	size_t n = kefu_team_scripts(k, NULL, &v, &held), np, i;
	char *names[16], *values[16], *text = NULL;
	struct sb sb = SB_INIT, shown = SB_INIT;
	ssize_t at;
	int rc = 1;

	if ((at = find_script(v, n, ref)) < 0)
		goto out;
	np = scripts_placeholders(v[at].text, names, ARRAY_SIZE(names));
	/* what goes in each placeholder, asked first */
	for (i = 0; i < np; i++) {
		struct sb prompt = SB_INIT;
		enum term_read r;
		char *line = NULL;

		text_inert(&sb, names[i], false);
		sb_addf(&prompt, _("%s: "), sb_str(&sb));
		sb_reset(&sb);
		r = term_read(sb_str(&prompt), &line);
		sb_free(&prompt);
		if (r != TERM_LINE) {
			free(line);
			while (i-- > 0)
				free(values[i]);
			for (i = 0; i < np; i++)
				free(names[i]);
			if (r != TERM_EOF)
				putchar('\n');
			printf(_("Nothing copied.\n"));
			goto out;
		}
		/* a value is one line of plain text */
		text_inert(&sb, line, false);
		values[i] = sb_detach(&sb);
		free(line);
	}
	text = scripts_fill(v[at].text, names, values, np);
	for (i = 0; i < np; i++)
		free(names[i]), free(values[i]);
	if (isatty(STDOUT_FILENO)) {
		scripts_osc52(&sb, text);
		fputs(sb_str(&sb), stdout);
		sb_reset(&sb);
	}
	text_inert(&shown, text, true);
	printf("%s\n", sb_str(&shown));
	if (isatty(STDOUT_FILENO))
		fprintf(stderr, _("(copied to the clipboard: paste it into the chat)\n"));
	rc = 0;
out:
	free(text);
	sb_free(&sb);
	sb_free(&shown);
	free(v);
	store_proposals_free(&held);
	return rc;
}

/* ---- export and import ---- */

/* Writes buf to path, or to stdout when path is NULL. */
static int
put_out(const char *path, const char *buf, size_t len)
{
	if (path == NULL) {
		fwrite(buf, 1, len, stdout);
		return 0;
	}
	/* the user's own file */
	priv_user();
	if (write_atomic(path, buf, len, 0644, NULL) != 0) {
		error(_("cannot write '%s': %s"), path, strerror(errno));
		priv_group();
		return 1;
	}
	priv_group();
	return 0;
}

static int
export(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	static const struct column cols[] = {
		/* TRANSLATORS: the columns of a quick-phrase file as chat
		 * tools import them (分组, 快捷编码, 快捷短语) */
		{ "group", N_("Group") }, { "shortcut", N_("Shortcut") },
		{ "text", N_("Phrase") },
	};
	const char *format = NULL, *output = NULL;
	const struct cmd_opt opts[] = {
		{ "--format", &format, NULL }, { "--output", &output, NULL }, { NULL, NULL, NULL }
	};
	const struct content *ct = kefu_content(k);
	char **libs = xcalloc((size_t)argc + 1, sizeof(*libs));
	struct sb sb = SB_INIT;
	int nlibs, status, i;
	size_t l;
	bool yaml;

	if ((status = cmd_parse(c, argc, argv, opts, libs, argc, &nlibs)) != 0)
		goto out;
	status = 2;
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "yaml") != 0) {
		error(_("--format is csv or yaml, not '%s'"), format);
		goto out;
	}
	yaml = format && strcmp(format, "yaml") == 0;
	for (i = 0; i < nlibs; i++)
		if (find_library(k, libs[i]) == NULL)
			goto out;
	if (yaml && nlibs != 1 && !(nlibs == 0 && ct->nlibraries == 1)) {
		error(_("a YAML file holds one library: name one (kefu scripts export LIBRARY --format yaml)"));
		goto out;
	}
	status = 0;
	if (!yaml)
		sb_adds(&sb, "\xef\xbb\xbf");
	for (l = 0; l < ct->nlibraries; l++) {
		const struct library *lib = ct->libraries[l];
		struct store_proposals held;
		struct team_script *v;
		size_t n, j;

		for (i = 0; i < nlibs && strcmp(libs[i], lib->id) != 0; i++)
			;
		if (nlibs && i == nlibs)
			continue;
		n = kefu_team_scripts(k, lib->id, &v, &held);
		if (yaml) {
			scripts_yaml(&sb, lib->id, lib->title, lib->situation, v, n);
		} else {
			struct table t;

			/* one header, however many libraries */
			table_init(&t, "scripts", cols, ARRAY_SIZE(cols));
			t.localize = table_translated();
			for (j = 0; j < n; j++) {
				table_text(&t, lib->title);
				table_text(&t, v[j].shortcut ? v[j].shortcut : "");
				table_text(&t, v[j].text);
			}
			if (sb.len > 3) {
				struct sb rows = SB_INIT;
				const char *nl;

				table_write(&rows, &t, TABLE_CSV, false);
				nl = strstr(sb_str(&rows), "\r\n");
				sb_adds(&sb, nl ? nl + 2 : "");
				sb_free(&rows);
			} else
				table_write(&sb, &t, TABLE_CSV, false);
			table_free(&t);
		}
		free(v);
		store_proposals_free(&held);
	}
	status = put_out(output, sb_str(&sb), sb.len);
out:
	free(libs);
	sb_free(&sb);
	return status;
}

static int
import(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *id = NULL, *title = NULL, *situation = NULL, *output = NULL;
	const struct cmd_opt opts[] = {
		{ "--id", &id, NULL }, { "--title", &title, NULL },
		{ "--situation", &situation, NULL }, { "--output", &output, NULL },
		{ NULL, NULL, NULL }
	};
	struct scripts_import how;
	struct sb yaml = SB_INIT, errors = SB_INIT;
	char *pos[1], *buf = NULL, *made = NULL;
	size_t len, count = 0;
	int npos, status;

	(void)k;
	if ((status = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(c);
	if (id == NULL) {
		/* the file's name, as an id */
		const char *base = strrchr(pos[0], '/');
		char *stem = xstrdup(base ? base + 1 : pos[0]), *dot = strrchr(stem, '.');

		if (dot)
			*dot = '\0';
		id = made = scripts_make_id(stem);
		free(stem);
		if (id == NULL) {
			error(_("cannot make a library id of the file's name: give --id"));
			return 2;
		}
	} else if (id[0] == '\0' || id[0] == '-' || strlen(id) > 64 ||
		   strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id)) {
		error(_("--id '%s' must be lowercase ASCII letters, digits and '-'"), id);
		return 2;
	}
	if (kefu_read_csv(pos[0], &buf, &len, NULL) != 0)
		return 1;
	how.id = id;
	how.title = title;
	how.situation = situation;
	if (scripts_import_csv(buf, len, &how, &yaml, &errors, &count) != 0) {
		struct sb line = SB_INIT;
		const char *p = sb_str(&errors), *e;

		/* every bad line named, as content errors are */
		for (; *p; p = e + 1) {
			e = strchr(p, '\n');
			sb_reset(&line);
			sb_add(&line, p, (size_t)(e - p));
			fprintf(stderr, "%s:%s\n", pos[0], sb_str(&line));
		}
		error(_("nothing written: correct the lines above and import again"));
		sb_free(&line);
		status = 1;
	} else {
		status = put_out(output, sb_str(&yaml), yaml.len);
		if (status == 0 && output)
			fprintf(stderr, P_("Wrote %zu script to %s as library '%s'; 'kefu check %s' checks it.\n",
					   "Wrote %zu scripts to %s as library '%s'; 'kefu check %s' checks it.\n",
					   count), count, output, id, output);
	}
	free(made);
	free(buf);
	sb_free(&yaml);
	sb_free(&errors);
	return status;
}

int
cmd_scripts(struct kefu *k, int argc, char **argv)
{
	static const char *const subs[] = {
		"copy", "export", "import", "propose", "review", "proposals"
	};
	const struct cmd *c = &cmd_scripts_entry;
	const char *format = NULL;
	const struct cmd_opt opts[] = { { "--format", &format, NULL }, { NULL, NULL, NULL } };
	enum table_format f;
	char *pos[2];
	int npos, status;
	size_t i;

	if (argc >= 2)
		for (i = 0; i < ARRAY_SIZE(subs); i++)
			if (strcmp(argv[1], subs[i]) == 0) {
				switch (i) {
				case 0:
					if ((status = cmd_parse(c, argc - 1, argv + 1, NULL, pos, 1, &npos)) != 0)
						return status;
					if (npos != 1)
						return cmd_usage(c);
					return copy_script(k, pos[0]);
				case 1:
					return export(k, c, argc - 1, argv + 1);
				case 2:
					return import(k, c, argc - 1, argv + 1);
				case 3:
					return scripts_propose(k, c, argc - 1, argv + 1);
				case 4:
					return scripts_review(k, c, argc - 1, argv + 1);
				default:
					return scripts_proposals(k, c, argc - 1, argv + 1);
				}
			}
	if ((status = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0 ||
	    (status = cmd_format(format, &f)) != 0)
		return status;
	if (npos == 0)
		return list_libraries(k, f);
	{
		const struct library *l = find_library(k, pos[0]);

		return l ? show_library(k, l, f) : 1;
	}
}

static const char *const scripts_words[] = {
	"copy", "export", "import", "propose", "review", "proposals",
	"--format", "--output", "--id", "--title", "--situation",
	"--question", "--reply", "--accept", "--reject", "--text", "--note",
	"--all", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_scripts_entry = {
	.name = "scripts",
	.usage = "[LIBRARY] | copy ID | export [LIBRARY...] [--format csv|yaml] [--output FILE] | import FILE.csv [--id ID] [--title TEXT] [--situation S] [--output FILE] | propose LIBRARY | review | proposals",
	.summary = N_("the team's script libraries: list, copy, export, import, propose"),
	.help = N_("The team's ready replies (话术), kept in script libraries under\n"
		"scripts/ in the content. Without a library: the libraries by\n"
		"situation. With one: its scripts, shortcut, title and text, with\n"
		"the scripts trainers accepted from proposals after them (--format\n"
		"csv or json for programs).\n"
		"\n"
		"  copy ID   put a script on the clipboard for a real chat and print\n"
		"      it. ID is LIBRARY/ID, or an id or shortcut only one script has.\n"
		"      Placeholders such as {买家} and {单号} are asked for first. The\n"
		"      clipboard is set through the terminal (OSC 52), so it works\n"
		"      over SSH in terminals that allow it.\n"
		"  export [LIBRARY...] [--format csv|yaml] [--output FILE]\n"
		"      csv (the default): group, shortcut and phrase, UTF-8 with a\n"
		"      BOM, as chat tools' quick-phrase imports take them, every\n"
		"      library given (all by default); yaml: one library in the\n"
		"      content format. Accepted proposals are exported too.\n"
		"  import FILE.csv [--id ID] [--title TEXT] [--situation S] [--output FILE]\n"
		"      make a library file of a quick-phrase CSV: a header naming a\n"
		"      phrase column (快捷短语, 短语, 内容, 话术 or text), and optional\n"
		"      group (分组), shortcut (快捷编码, 编码) and title (标题)\n"
		"      columns. The id is the file's name unless --id gives it; the\n"
		"      title the group when there is one group. Every bad line is\n"
		"      named, and then nothing is written.\n"
		"  propose LIBRARY [--question TEXT] [--reply TEXT] [--title TEXT]\n"
		"      propose a new script from a real chat: the buyer's question\n"
		"      and your reply (asked for when not given). A trainer reviews it.\n"
		"  review [ID (--accept|--reject) [--text TEXT] [--note TEXT]]\n"
		"      (trainers) go through open proposals: accept, edit and\n"
		"      accept, or reject, with a note the trainee sees in their\n"
		"      inbox. Accepted scripts join the library as the team sees it.\n"
		"  proposals [--all]   your proposals and what became of them;\n"
		"      for trainers, the open ones (--all: every one).\n"),
	.arg = ARG_SCRIPT,
	.words = scripts_words,
	.fn = cmd_scripts,
};
