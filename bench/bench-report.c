/* bench-report.c: `kefu report stages` against the same SQL run bare:
 * the statements the report runs (store_report_sql()), stepped through
 * every row with nothing done with them, through SQLite alone. The bare
 * SQL is timed twice: in this process (no process start, memory already
 * faulted in by the run before), and as a fresh process that also loads
 * the content kefu loads, which is the work every kefu command does
 * before it reads a row (docs/PERFORMANCE.md).
 *   bench-report KEFU DB     prints each, best of 5, and the ratios
 *   bench-report --bare DB [CONTENT [KIB]]   the fresh process: loads
 *                            CONTENT when named, runs the SQL once (with
 *                            a page cache of KIB when given), exits
 * kefu reads the report with a page cache of STORE_REPORT_CACHE_KIB, not
 * SQLite's 2 MiB; the fresh process is also timed with that cache, so
 * what the setting gives and what kefu's own work costs show apart. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "store.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
step_all(sqlite3_stmt *st)
{
	long long rows = 0;

	while (sqlite3_step(st) == SQLITE_ROW)
		rows++;
	sqlite3_reset(st);
	return rows;
}

/* The report's SQL, bare: one snapshot, every statement, every row. */
static double
bare(const char *path, long long *rows, long kib)
{
	const char *const *q;
	size_t n = store_report_sql(&q), i;
	sqlite3 *db;
	sqlite3_stmt *st;
	double t0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("bench-report: cannot open %s", path);
	t0 = now();
	if (kib > 0) {
		char pragma[48];

		snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%ld", kib);
		sqlite3_exec(db, pragma, NULL, NULL, NULL);
	}
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	*rows = 0;
	for (i = 0; i < n; i++) {
		if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) != SQLITE_OK)
			die("bench-report: %s", sqlite3_errmsg(db));
		if (i == 0)
			sqlite3_bind_int(st, 1, 0);	/* the people: active ones */
		*rows += step_all(st);
		sqlite3_finalize(st);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	t0 = now() - t0;
	sqlite3_close(db);
	return t0;
}

/* Times a fresh process running argv, its output to /dev/null. */
static double
run(char *const argv[], const char *db)
{
	double t0 = now();
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		setenv("KEFU_DB", db, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		die("bench-report: %s failed", argv[0]);
	return now() - t0;
}

/* The fresh process of --bare: the content first when named, as kefu
 * loads it, then the SQL. */
static int
bare_process(const char *db, const char *dir, long kib)
{
	long long rows;

	if (dir) {
		struct content *c = content_new();
		struct diag d = DIAG_INIT(stderr);

		content_load_tree(c, dir, &d);
		content_resolve(c, NULL, &d);
		if (d.errors || c->ncurricula == 0)
			die("bench-report: the content in %s does not load", dir);
		bare(db, &rows, kib);
		content_free(c);
	} else
		bare(db, &rows, kib);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dir = getenv("KEFU_CONTENT");
	char *kefu[] = { argv[1], "report", "stages", NULL };
	char kib[24];
	char *fresh[] = { argv[0], "--bare", argv[2], NULL, NULL, NULL };
	double b = 1e9, f = 1e9, fc = 1e9, fk = 1e9, k = 1e9, x;
	long long rows = 0;
	int i;

	if (argc >= 3 && argc <= 5 && strcmp(argv[1], "--bare") == 0)
		return bare_process(argv[2], argc >= 4 ? argv[3] : NULL,
				    argc == 5 ? atol(argv[4]) : 0);
	if (argc != 3)
		die("usage: bench-report KEFU DB");
	if (dir == NULL || *dir == '\0')
		dir = KEFU_SRCDIR;	/* kefu's own, run from the build tree */
	snprintf(kib, sizeof(kib), "%d", STORE_REPORT_CACHE_KIB);
	for (i = 0; i < 5; i++) {
		if ((x = bare(argv[2], &rows, 0)) < b)
			b = x;
		fresh[3] = NULL;
		if ((x = run(fresh, argv[2])) < f)
			f = x;
		fresh[3] = (char *)dir;
		if ((x = run(fresh, argv[2])) < fc)
			fc = x;
		fresh[4] = kib;
		if ((x = run(fresh, argv[2])) < fk)
			fk = x;
		fresh[4] = NULL;
		if ((x = run(kefu, argv[2])) < k)
			k = x;
	}
	printf("bare SQL:       %6.1f ms (%lld rows), in this process\n", b * 1e3, rows);
	printf("  fresh process:%6.1f ms, process start and the SQL\n", f * 1e3);
	printf("  and content:  %6.1f ms, process start, content load and the SQL\n", fc * 1e3);
	printf("  and its cache:%6.1f ms, the same with the report's %d KiB page cache\n",
	       fk * 1e3, STORE_REPORT_CACHE_KIB);
	printf("report stages:  %6.1f ms, the whole command (goal < 100 ms)\n", k * 1e3);
	printf("ratio:          %6.2f x to the bare SQL (goal <= 1.2)\n", k / b);
	printf("                %6.2f x process to process, content loaded in both\n", k / fc);
	printf("                %6.2f x process to process, the same page cache too\n", k / fk);
	return 0;
}
