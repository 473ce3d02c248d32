/* pg-sql.c: `pg-sql CONNINFO SQL` runs SQL on a PostgreSQL database and
 * prints its rows as sqlite3 -batch prints them, so a test reads a
 * value the same on either engine: columns joined by '|', NULL empty, a
 * boolean 1 or 0, a float with its ".0" when whole. For tests/lib.sh's
 * sql() when KEFU_TEST_ENGINE=postgresql. */
#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* type oids, from PostgreSQL's pg_type.dat */
#define BOOLOID 16
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700

static void
value(const PGresult *res, int row, int col)
{
	const char *v = PQgetvalue(res, row, col);
	Oid type = PQftype(res, col);

	if (PQgetisnull(res, row, col))
		return;
	if (type == BOOLOID)
		fputs(strcmp(v, "t") == 0 ? "1" : "0", stdout);
	else if (type == FLOAT4OID || type == FLOAT8OID) {
		char buf[64];
		double d = strtod(v, NULL);

		/* as SQLite prints a REAL: 15 digits, and whole ones with .0 */
		snprintf(buf, sizeof(buf), "%.15g", d);
		fputs(buf, stdout);
		if (strspn(buf, "-0123456789") == strlen(buf))
			fputs(".0", stdout);
	} else
		fputs(v, stdout);
}

int
main(int argc, char **argv)
{
	PGconn *conn;
	PGresult *res;
	int rc = 0, i, j;

	if (argc != 3) {
		fprintf(stderr, "usage: pg-sql CONNINFO SQL\n");
		return 2;
	}
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "pg-sql: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return 1;
	}
	res = PQexec(conn, argv[2]);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		for (i = 0; i < PQntuples(res); i++) {
			for (j = 0; j < PQnfields(res); j++) {
				if (j)
					putchar('|');
				value(res, i, j);
			}
			putchar('\n');
		}
		break;
	case PGRES_COMMAND_OK:
		break;
	default:
		fprintf(stderr, "Error: %s", PQresultErrorMessage(res));
		rc = 1;
	}
	PQclear(res);
	PQfinish(conn);
	return rc;
}
