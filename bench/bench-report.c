/* bench-report.c: `kefu report stages` against the same SQL run bare:
 * the statements the report runs (store_report_sql()), through SQLite
 * alone, with the connection set as kefu sets it for the report (no
 * per-call mutex, a page cache of STORE_REPORT_CACHE_KIB), so that what
 * SQLite's settings give shows on both sides and the ratio is kefu's own
 * work. The bare SQL is timed
 *   in this process, every row stepped and no value taken (no process
 *     start, its memory faulted in by the run before): the old goal's
 *     baseline (<= 1.2x), beyond any program that reads the rows;
 *   as a fresh process, every row stepped;
 *   as a fresh process taking every value of every row once
 *     (sqlite3_column_value(), no conversion): the least any program
 *     that uses the rows must do, and the goal's baseline (<= 1.3x);
 *   the same after loading the content kefu loads (without the cache of
 *     parse trees), the work every kefu command does before a row.
 *   bench-report KEFU DB     prints each, best of 5, and the ratios
 *   bench-report --bare DB [--values] [CONTENT]   one fresh process */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
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
step_all(sqlite3_stmt *st, bool values)
{
	long long rows = 0;
	uintptr_t sink = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		if (values) {
			int i, n = sqlite3_column_count(st);

			for (i = 0; i < n; i++)
				sink += (uintptr_t)sqlite3_column_value(st, i);
		}
		rows++;
	}
	sqlite3_reset(st);
	/* the values taken are used, so no compiler drops the taking */
	return sink == 1 ? rows + 1 : rows;
}

/* The report's SQL, bare: one snapshot, every statement, every row. */
static double
bare(const char *path, long long *rows, bool values)
{
	const char *const *q;
	size_t n = store_report_sql(&q), i;
	sqlite3 *db;
	sqlite3_stmt *st;
	double t0;
	char pragma[48];

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		die("bench-report: cannot open %s", path);
	t0 = now();
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%d", STORE_REPORT_CACHE_KIB);
	sqlite3_exec(db, pragma, NULL, NULL, NULL);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	*rows = 0;
	for (i = 0; i < n; i++) {
		if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) != SQLITE_OK)
			die("bench-report: %s", sqlite3_errmsg(db));
		if (i == 0)
			sqlite3_bind_int(st, 1, 0);	/* the people: active ones */
		*rows += step_all(st, values);
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
bare_process(int argc, char **argv)
{
	const char *db = argv[2], *dir = NULL;
	bool values = false;
	long long rows;
	int i;

	for (i = 3; i < argc; i++)
		if (strcmp(argv[i], "--values") == 0)
			values = true;
		else
			dir = argv[i];
	if (dir) {
		struct content *c = content_new();
		struct diag d = DIAG_INIT(stderr);

		content_load_tree(c, dir, &d);
		content_resolve(c, NULL, &d);
		if (d.errors || c->ncurricula == 0)
			die("bench-report: the content in %s does not load", dir);
		bare(db, &rows, values);
		content_free(c);
	} else
		bare(db, &rows, values);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dir = getenv("KEFU_CONTENT");
	char *kefu[] = { argv[1], "report", "stages", NULL };
	char *stepped[] = { argv[0], "--bare", argv[2], NULL };
	char *taken[] = { argv[0], "--bare", argv[2], "--values", NULL };
	char *loaded[] = { argv[0], "--bare", argv[2], "--values", NULL, NULL };
	double b = 1e9, fs = 1e9, fv = 1e9, fc = 1e9, k = 1e9, x;
	long long rows = 0;
	int i;

	if (argc >= 3 && argc <= 5 && strcmp(argv[1], "--bare") == 0)
		return bare_process(argc, argv);
	if (argc != 3)
		die("usage: bench-report KEFU DB");
	if (dir == NULL || *dir == '\0')
		dir = KEFU_SRCDIR;	/* kefu's own, run from the build tree */
	loaded[4] = (char *)dir;
	for (i = 0; i < 5; i++) {
		if ((x = bare(argv[2], &rows, false)) < b)
			b = x;
		if ((x = run(stepped, argv[2])) < fs)
			fs = x;
		if ((x = run(taken, argv[2])) < fv)
			fv = x;
		if ((x = run(loaded, argv[2])) < fc)
			fc = x;
		if ((x = run(kefu, argv[2])) < k)
			k = x;
	}
	printf("the report's SQL bare, connection set as kefu sets it (no mutex, %d KiB page cache):\n",
	       STORE_REPORT_CACHE_KIB);
	printf("  in this process, rows stepped:   %6.1f ms (%lld rows)\n", b * 1e3, rows);
	printf("  a fresh process, rows stepped:   %6.1f ms\n", fs * 1e3);
	printf("  the same, every value taken:     %6.1f ms\n", fv * 1e3);
	printf("  the same, content loaded first:  %6.1f ms\n", fc * 1e3);
	printf("report stages:                     %6.1f ms, the whole command (goal < 100 ms)\n",
	       k * 1e3);
	printf("ratio to the fresh process taking every value: %6.2f x (goal <= 1.3)%s\n", k / fv,
	       k / fv <= 1.3 && k < 0.1 ? "" : "  GOAL MISSED");
	printf("  to that with the content loaded: %6.2f x\n", k / fc);
	printf("  to the fresh process, stepped:   %6.2f x\n", k / fs);
	printf("  to the SQL in this process:      %6.2f x (the old goal, <= 1.2: beyond any\n"
	       "                                   program that reads the rows)\n", k / b);
	printf("  the least a program using the rows does, to the baseline: %.2f x\n", fv / b);
	return 0;
}
