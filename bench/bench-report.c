/* bench-report.c: `kefu report stages` against the same SQL run bare:
 * the statements the report runs (store_report_sql()), stepped through
 * every row with nothing done with them, through SQLite alone.
 *   bench-report KEFU DB     prints both, best of 5, and the ratio */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
bare(const char *path, long long *rows)
{
	const char *const *q;
	size_t n = store_report_sql(&q), i;
	sqlite3 *db;
	sqlite3_stmt *st;
	double t0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("bench-report: cannot open %s", path);
	t0 = now();
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

static double
run_kefu(const char *kefu, const char *path)
{
	double t0 = now();
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		setenv("KEFU_DB", path, 1);
		execl(kefu, kefu, "report", "stages", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		die("bench-report: kefu report stages failed");
	return now() - t0;
}

int
main(int argc, char **argv)
{
	double b = 1e9, k = 1e9, x;
	long long rows = 0;
	int i;

	if (argc != 3)
		die("usage: bench-report KEFU DB");
	for (i = 0; i < 5; i++) {
		if ((x = bare(argv[2], &rows)) < b)
			b = x;
		if ((x = run_kefu(argv[1], argv[2])) < k)
			k = x;
	}
	printf("bare SQL:       %6.1f ms (%lld rows)\n", b * 1e3, rows);
	printf("report stages:  %6.1f ms, the whole command (goal < 100 ms)\n", k * 1e3);
	printf("ratio:          %6.2f x (goal <= 1.2)\n", k / b);
	return 0;
}
