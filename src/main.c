/* main.c: options, the session, and either one command or the prompt. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "kefu.h"
#include "priv.h"

static void
close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, _("%s: write error: %s\n"), progname, strerror(errno));
		_exit(1);
	}
}

/* True when this kefu is the one in the build tree: it then uses the
 * content next to the sources and the catalogues built in po/, not the
 * installed ones. */
static bool
in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return strcmp(exe, KEFU_BUILDDIR) == 0;
}

static char *
default_db(void)
{
	char *dir = xdg_dir("XDG_DATA_HOME", ".local/share"), *db;

	if (dir == NULL)
		die(_("no home directory: name a database with --db or KEFU_DB"));
	db = path_join(dir, "kefu.db");
	free(dir);
	return db;
}

/* KEFU_NOW (a test aid: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or epoch seconds)
 * fixes the clock, which then stands still (*fixed); ignored when kefu
 * runs with raised privileges. */
static long long
clock_now(bool *fixed)
{
	const char *s = getenv("KEFU_NOW");
	struct tm tm;
	char *end;
	long long t;

	*fixed = false;
	if (s == NULL || *s == '\0' || getegid() != getgid() || geteuid() != getuid())
		return (long long)time(NULL);
	*fixed = true;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || *end) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, "%Y-%m-%d", &tm);
		tm.tm_hour = 12;
	}
	if (end && *end == '\0') {
		tm.tm_isdst = -1;
		return (long long)mktime(&tm);
	}
	errno = 0;
	t = strtoll(s, &end, 10);
	/* up to the last second of 9999, which every calendar call can take */
	if (errno || *end || t < 0 || t > 253402300799LL)
		die(_("KEFU_NOW='%s' is not a date (YYYY-MM-DD) or seconds since 1970"), s);
	return t;
}

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, _("Usage: kefu [OPTION]... [COMMAND [ARG]...]\n"
		      "Train e-commerce customer-service staff: a six-stage plan, quizzes,\n"
		      "typing drills and progress kept in SQLite.\n"
		      "\n"
		      "With no COMMAND on a terminal, kefu starts an interactive prompt that\n"
		      "takes the same commands; with input piped in, it runs one command per\n"
		      "line.\n"
		      "\n"
		      "Commands:\n"));
	for (i = 0; i < cmd_count; i++)
		fprintf(fp, "  %-8s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
	fprintf(fp, _("\n"
		      "Options:\n"
		      "  -C, --content DIR  use the content tree in DIR (curricula/, quizzes/)\n"
		      "      --db DB        use the database DB: a SQLite file, or a PostgreSQL\n"
		      "                     one (postgresql://... or service=NAME)\n"
		      "  -h, --help         show this help and exit\n"
		      "  -V, --version      show the version and exit\n"
		      "\n"
		      "Environment:\n"
		      "  KEFU_CONTENT   content tree, when --content is not given\n"
		      "  KEFU_DB        database, when --db is not given\n"
		      "                 (default: $XDG_DATA_HOME/kefu/kefu.db; installed\n"
		      "                 for a team: the team's database)\n"
		      "  PAGER          pager for lessons (default: less -R)\n"
		      "  NO_COLOR       set to turn colour off\n"
		      "  LANG, LANGUAGE language of messages (zh_CN: Chinese)\n"
		      "\n"
		      "'kefu help COMMAND' explains a command. Exit status: 0 on success,\n"
		      "1 on an error, 2 on a usage error.\n"));
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "content", required_argument, NULL, 'C' },
		{ "db", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct kefu k;
	const char *content = NULL, *db = NULL, *nc, *term;
	char *db_alloc = NULL;
	int c, status;
	bool utf8_term, from_build;

	priv_init();
	from_build = in_build_tree();
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, from_build ? KEFU_BUILDDIR "/po/locale" : KEFU_LOCALEDIR);
	/* every text kefu prints is UTF-8, whatever the locale's charset */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	/* content is UTF-8 whatever the locale says; readline must agree */
	utf8_term = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!utf8_term)
		setlocale(LC_CTYPE, "C.UTF-8");
	atexit(close_stdout);
	memset(&k, 0, sizeof(k));

	while ((c = getopt_long(argc, argv, "+C:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			content = optarg;
			break;
		case 'D':
			db = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("kefu %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fprintf(stderr, _("Try 'kefu --help' for more.\n"));
			return 2;
		}
	}
	if (content == NULL && (content = getenv("KEFU_CONTENT")) != NULL && *content == '\0')
		content = NULL;
	if (db == NULL && (db = getenv("KEFU_DB")) != NULL && *db == '\0')
		db = NULL;
	if (priv_team()) {
		/* the team's group is for the team's database with the installed
		 * content, together; a path the user names gives it up */
		if (content && strcmp(content, KEFU_DATADIR) == 0)
			content = NULL;
		if (db && strcmp(db, PRIV_SHARED_DB) == 0)
			db = NULL;
		if (content || db)
			priv_drop();
		k.content_dir = content ? content : KEFU_DATADIR;
		k.db_path = db ? db : PRIV_SHARED_DB;
	} else {
		k.content_dir = content ? content : from_build ? KEFU_SRCDIR : KEFU_DATADIR;
		k.db_path = db ? db : (db_alloc = default_db());
	}
	k.now = clock_now(&k.fixed_clock);
	k.wall0 = (long long)time(NULL);
	k.today = date_of((time_t)k.now);
	k.tty_in = isatty(STDIN_FILENO);
	k.utf8_term = utf8_term;
	nc = getenv("NO_COLOR");
	term = getenv("TERM");
	k.color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    !(term && strcmp(term, "dumb") == 0);
	term_init(&k);
	/* what is new is said to a person at a terminal, not to a pipe */
	k.notice = k.tty_in && isatty(STDOUT_FILENO) && getenv("KEFU_NO_INBOX") == NULL;

	if (optind < argc)
		status = cmd_run(&k, argc - optind, argv + optind);
	else
		status = shell_run(&k);
	kefu_close(&k);
	free(db_alloc);
	return status;
}
