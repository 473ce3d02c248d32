/* pg.c: the store's engine (engine.h) on PostgreSQL, through libpq.
 *
 * A database named by a postgresql:// URI or a libpq connection string
 * (service=kefu, host=... dbname=...) is reached with libpq's own rules:
 * service files, .pgpass and the PG* variables work as PostgreSQL users
 * expect. libpq is opened (dlopen) the first time such a database is
 * named, so no start of kefu on SQLite pays for loading it.
 *
 * The statements are sql.c's, parameters ?N read as $N, but for those
 * pg-sql.c says otherwise; the schema is pg-sql.c's migrations, each
 * applied in a transaction under an advisory lock, its version kept in
 * a table. Values go both ways as text. */
#include "config.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "util.h"

#define KEFU_LIBPQ "libpq.so.5"

/* pg-sql.c */
extern const char *const pg_migrations[];
extern const size_t pg_migration_count;
extern const char *const pg_sql[S_COUNT];

/* The advisory lock migrations take: a number of kefu's own ("kefu"). */
#define MIGRATION_LOCK "1801807477"

/* ---- libpq, opened on first use ---- */

#define PQ_FUNCS(F) \
	F(PQclear) \
	F(PQcmdTuples) \
	F(PQconnectdb) \
	F(PQerrorMessage) \
	F(PQexec) \
	F(PQexecPrepared) \
	F(PQftype) \
	F(PQfinish) \
	F(PQgetisnull) \
	F(PQgetvalue) \
	F(PQntuples) \
	F(PQparameterStatus) \
	F(PQprepare) \
	F(PQresultErrorField) \
	F(PQresultErrorMessage) \
	F(PQresultStatus) \
	F(PQsetClientEncoding) \
	F(PQsetNoticeProcessor) \
	F(PQstatus) \
	F(PQtransactionStatus)

#define PQ_POINTER(f) static __typeof__(f) *p_##f;
PQ_FUNCS(PQ_POINTER)

/* Opens libpq once: NULL, or why it cannot be had. */
static const char *
pq_open(void)
{
	static int state;	/* 0 not tried, 1 opened, -1 not there */
	static char why[256];
	void *h;

	if (state != 0)
		return state > 0 ? NULL : why;
	state = -1;
	if ((h = dlopen(KEFU_LIBPQ, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, sizeof(why), "%s", dlerror());
		return why;
	}
#define PQ_LOAD(f) \
	if ((*(void **)&p_##f = dlsym(h, #f)) == NULL) { \
		snprintf(why, sizeof(why), "%s: no %s", KEFU_LIBPQ, #f); \
		return why; \
	}
	PQ_FUNCS(PQ_LOAD)
	state = 1;
	return NULL;
}

#define PQclear (*p_PQclear)
#define PQcmdTuples (*p_PQcmdTuples)
#define PQconnectdb (*p_PQconnectdb)
#define PQerrorMessage (*p_PQerrorMessage)
#define PQexec (*p_PQexec)
#define PQexecPrepared (*p_PQexecPrepared)
#define PQftype (*p_PQftype)
#define PQfinish (*p_PQfinish)
#define PQgetisnull (*p_PQgetisnull)
#define PQgetvalue (*p_PQgetvalue)
#define PQntuples (*p_PQntuples)
#define PQparameterStatus (*p_PQparameterStatus)
#define PQprepare (*p_PQprepare)
#define PQresultErrorField (*p_PQresultErrorField)
#define PQresultErrorMessage (*p_PQresultErrorMessage)
#define PQresultStatus (*p_PQresultStatus)
#define PQsetClientEncoding (*p_PQsetClientEncoding)
#define PQsetNoticeProcessor (*p_PQsetNoticeProcessor)
#define PQstatus (*p_PQstatus)
#define PQtransactionStatus (*p_PQtransactionStatus)

/* ---- the store ---- */

struct pg {
	struct store base;
	PGconn *conn;
	bool prepared[S_COUNT];
};

static const struct engine pg_engine;

/* The name to show: a password in it is left out. */
static char *
shown_name(const char *name)
{
	struct sb sb = SB_INIT;
	const char *p, *at;

	if (strncmp(name, "postgres", 8) == 0 && (p = strstr(name, "://")) != NULL) {
		/* scheme://user:password@host/... */
		const char *colon = NULL, *q;

		p += 3;
		at = strchr(p, '@');
		for (q = p; at && q < at; q++)
			if (*q == ':') {
				colon = q;
				break;
			}
		if (at && colon) {
			sb_add(&sb, name, (size_t)(colon - name));
			sb_adds(&sb, at);
		} else
			sb_adds(&sb, name);
	} else {
		/* keyword=value pairs; password=... (quoted or not) goes */
		p = name;
		while (*p) {
			const char *start = p;

			while (*p == ' ')
				p++;
			if (strncmp(p, "password", 8) == 0 && strchr(" =", p[8])) {
				bool quoted;

				p = strchr(p, '=');
				if (p == NULL)
					break;
				p++;
				while (*p == ' ')
					p++;
				quoted = *p == '\'';
				for (p += quoted; *p && (quoted ? *p != '\'' : *p != ' '); p++)
					if (*p == '\\' && p[1])
						p++;
				if (quoted && *p)
					p++;
				continue;
			}
			p = start;
			while (*p == ' ')
				p++;
			if (sb.len && *p)
				sb_addc(&sb, ' ');
			while (*p && *p != ' ') {
				bool quoted = false;

				if (*p == '\'')
					quoted = true;
				sb_addc(&sb, *p++);
				while (quoted && *p && *p != '\'') {
					if (*p == '\\' && p[1])
						sb_addc(&sb, *p++);
					sb_addc(&sb, *p++);
				}
				if (quoted && *p)
					sb_addc(&sb, *p++);
			}
		}
	}
	return sb_detach(&sb);
}

/* A message of libpq's on one line: its lines joined, the last newline
 * gone. */
static const char *
one_line(const char *msg, char *buf, size_t size)
{
	size_t i = 0;

	for (; msg && *msg && i + 1 < size; msg++) {
		if (*msg == '\n' || *msg == '\t' || *msg == '\r') {
			if (i && buf[i - 1] != ' ')
				buf[i++] = ' ';
			continue;
		}
		buf[i++] = *msg;
	}
	while (i && buf[i - 1] == ' ')
		i--;
	buf[i] = '\0';
	return buf;
}

static int
conn_error(struct pg *st, const char *what)
{
	char buf[512];

	return error(_("database '%s': %s: %s"), st->base.path, what,
		     one_line(PQerrorMessage(st->conn), buf, sizeof(buf)));
}

/* An error a statement met, said as SQLite's are: what, then why. */
static int
res_error(struct pg *st, PGresult *res, const char *what)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char buf[512];

	if (primary == NULL)
		return conn_error(st, what);
	return error(_("database '%s': %s: %s"), st->base.path, what,
		     one_line(primary, buf, sizeof(buf)));
}

/* Runs SQL without parameters; 0, or -1 after saying what failed. */
static int
exec(struct pg *st, const char *sql, const char *what)
{
	PGresult *res = PQexec(st->conn, sql);
	ExecStatusType rc = PQresultStatus(res);
	int ret = 0;

	if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK)
		ret = res_error(st, res, what);
	PQclear(res);
	return ret;
}

/* sql.c's text with ?N as $N, outside quoted strings. */
static char *
dollars(const char *sql)
{
	struct sb sb = SB_INIT;
	bool quoted = false;
	const char *p;

	for (p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (!quoted && *p == '?' && p[1] >= '0' && p[1] <= '9')
			sb_addc(&sb, '$');
		else
			sb_addc(&sb, *p);
	}
	return sb_detach(&sb);
}

/* Prepares statement s once on the connection, as "kN". */
static bool
prep(struct pg *st, enum stmt s)
{
	char name[16];
	PGresult *res;
	char *text;
	bool ok;

	if (st->prepared[s])
		return true;
	snprintf(name, sizeof(name), "k%d", (int)s);
	text = pg_sql[s] ? xstrdup(pg_sql[s]) : dollars(store_sql[s]);
	res = PQprepare(st->conn, name, text, 0, NULL);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok) {
		char buf[512];

		/* the statements are ours: this is a database that is not
		 * kefu's, or of another version */
		error(_("database '%s' is not a kefu database or is damaged: %s"), st->base.path,
		      one_line(PQresultErrorMessage(res), buf, sizeof(buf)));
	}
	PQclear(res);
	free(text);
	return st->prepared[s] = ok;
}

/* Parameters as text, bound by a format (engine.h). */
#define MAX_PARAMS 16
struct params {
	int n;
	const char *v[MAX_PARAMS];
	char num[MAX_PARAMS][32];
};

static void
bindv(struct params *pa, const char *fmt, va_list ap)
{
	for (pa->n = 0; *fmt; fmt++, pa->n++) {
		int i = pa->n;
		int64_t n;
		double d;

		if (i == MAX_PARAMS)
			BUG("too many parameters");
		pa->v[i] = pa->num[i];
		switch (*fmt) {
		case 'i':
			snprintf(pa->num[i], sizeof(pa->num[i]), "%lld", (long long)va_arg(ap, int64_t));
			break;
		case 'I':
			if ((n = va_arg(ap, int64_t)) > 0)
				snprintf(pa->num[i], sizeof(pa->num[i]), "%lld", (long long)n);
			else
				pa->v[i] = NULL;
			break;
		case 'd':
			snprintf(pa->num[i], sizeof(pa->num[i]), "%.17g", va_arg(ap, double));
			break;
		case 'D':
			if ((d = va_arg(ap, double)) >= 0)
				snprintf(pa->num[i], sizeof(pa->num[i]), "%.17g", d);
			else
				pa->v[i] = NULL;
			break;
		case 't':
			pa->v[i] = va_arg(ap, const char *);
			break;
		case 'b':
			pa->v[i] = va_arg(ap, int) ? "t" : "f";
			break;
		case 'n':
			pa->v[i] = NULL;
			break;
		default:
			BUG("bad bind format '%c'", *fmt);
		}
	}
}

/* Runs statement s bound by fmt: its result, or NULL after saying why. */
static PGresult *
execute(struct pg *st, enum stmt s, const char *what, const char *fmt, va_list ap)
{
	struct params pa;
	char name[16];
	PGresult *res;
	ExecStatusType rc;

	if (!prep(st, s))
		return NULL;
	bindv(&pa, fmt, ap);
	snprintf(name, sizeof(name), "k%d", (int)s);
	res = PQexecPrepared(st->conn, name, pa.n, pa.v, NULL, NULL, 0);
	rc = PQresultStatus(res);
	if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK) {
		res_error(st, res, what);
		PQclear(res);
		return NULL;
	}
	return res;
}

static long
pg_run(struct store *base, enum stmt s, row_fn *fn, void *arg, bool first,
       const char *what, const char *fmt, va_list ap)
{
	struct pg *st = (struct pg *)base;
	PGresult *res = execute(st, s, what, fmt, ap);
	struct row row = { &pg_engine, NULL, 0 };
	long n;

	if (res == NULL)
		return -1;
	n = PQntuples(res);
	if (first && n > 1)
		n = 1;
	row.h = res;
	for (row.i = 0; fn && row.i < n; row.i++)
		fn(&row, arg);
	PQclear(res);
	return n;
}

static long long
pg_changes(struct store *base, enum stmt s, const char *what, const char *fmt, va_list ap)
{
	struct pg *st = (struct pg *)base;
	PGresult *res = execute(st, s, what, fmt, ap);
	long long n;

	if (res == NULL)
		return -1;
	n = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return n;
}

/* Nothing here waits on another writer but for the same row: done, or
 * not now (said nowhere). */
static int
pg_try_change(struct store *base, enum stmt s, const char *fmt, va_list ap)
{
	struct pg *st = (struct pg *)base;
	struct params pa;
	char name[16];
	PGresult *res;
	int rc;

	if (!prep(st, s))
		return 1;
	bindv(&pa, fmt, ap);
	snprintf(name, sizeof(name), "k%d", (int)s);
	res = PQexecPrepared(st->conn, name, pa.n, pa.v, NULL, NULL, 0);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : 1;
	PQclear(res);
	return rc;
}

static bool
pg_in_transaction(struct store *base)
{
	return PQtransactionStatus(((struct pg *)base)->conn) != PQTRANS_IDLE;
}

static int
pg_begin(struct store *base)
{
	return exec((struct pg *)base, "BEGIN", _("cannot start a transaction"));
}

static int
pg_begin_read(struct store *base)
{
	return exec((struct pg *)base, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
		    _("cannot start a transaction"));
}

static int
pg_commit(struct store *base)
{
	return exec((struct pg *)base, "COMMIT", _("cannot commit"));
}

static void
pg_rollback(struct store *base)
{
	if (pg_in_transaction(base))
		exec((struct pg *)base, "ROLLBACK", _("cannot roll back"));
}

/* Whether kefu may write is the server's to say, at the write. */
static int
pg_writable(struct store *base)
{
	(void)base;
	return 0;
}

/* The server keeps its own cache. */
static bool
pg_cache_size(struct store *base, long size, long *was)
{
	(void)base;
	(void)size;
	(void)was;
	return false;
}

/* The schema version, from its table (0 when there is none). */
static int
schema_version(struct pg *st)
{
	PGresult *res = PQexec(st->conn,
			       "SELECT version FROM kefu_schema WHERE one = 1");
	int v = -1;

	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		v = PQntuples(res) ? atoi(PQgetvalue(res, 0, 0)) : 0;
	else
		res_error(st, res, _("cannot read the schema version"));
	PQclear(res);
	return v;
}

static int
pg_status(struct store *base, struct store_status *s)
{
	struct pg *st = (struct pg *)base;
	const char *v = PQparameterStatus(st->conn, "server_version");

	s->engine = "PostgreSQL";
	snprintf(s->version, sizeof(s->version), "%s", v ? v : "?");
	s->latest = (int)pg_migration_count;
	return (s->schema = schema_version(st)) < 0 ? -1 : 0;
}

/* Brings the schema up to date: each migration in its own transaction,
 * under an advisory lock, so two kefus starting on a new database
 * migrate it once. */
static int
migrate(struct pg *st)
{
	int n = (int)pg_migration_count;

	for (;;) {
		int v;

		if (exec(st, "BEGIN", _("cannot start a migration")) != 0)
			return -1;
		if (exec(st, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")",
			 _("cannot start a migration")) != 0 ||
		    exec(st, "CREATE TABLE IF NOT EXISTS kefu_schema ("
			 " one integer PRIMARY KEY CHECK (one = 1),"
			 " version integer NOT NULL)", _("cannot update the schema")) != 0 ||
		    (v = schema_version(st)) < 0) {
			pg_rollback(&st->base);
			return -1;
		}
		if (v > n) {
			pg_rollback(&st->base);
			return error(_("database '%s' was written by a newer kefu (schema %d; this kefu knows up to %d)"),
				     st->base.path, v, n);
		}
		if (v == n)
			return pg_commit(&st->base);
		{
			char set[128];

			snprintf(set, sizeof(set),
				 "INSERT INTO kefu_schema (one, version) VALUES (1, %d)"
				 " ON CONFLICT (one) DO UPDATE SET version = excluded.version", v + 1);
			if (exec(st, pg_migrations[v], _("cannot update the schema")) != 0 ||
			    exec(st, set, _("cannot update the schema")) != 0 ||
			    pg_commit(&st->base) != 0) {
				pg_rollback(&st->base);
				return -1;
			}
		}
	}
}

static void
pg_close(struct store *base)
{
	struct pg *st = (struct pg *)base;

	if (st == NULL)
		return;
	if (st->conn)
		PQfinish(st->conn);
	free(st->base.path);
	free(st);
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

struct store *
pg_open(const char *name)
{
	const char *why = pq_open();
	struct pg *st;

	if (why)
		return error(_("database '%s': PostgreSQL needs libpq (%s), which cannot be opened: %s"),
			     name, KEFU_LIBPQ, why), NULL;
	st = xcalloc(1, sizeof(*st));
	st->base.eng = &pg_engine;
	st->base.path = shown_name(name);
	st->conn = PQconnectdb(name);
	if (st->conn == NULL || PQstatus(st->conn) != CONNECTION_OK) {
		if (st->conn)
			conn_error(st, _("cannot open"));
		else
			error(_("database '%s': cannot open"), st->base.path);
		pg_close(&st->base);
		return NULL;
	}
	/* the server's notices ("already exists, skipping") are not for
	 * the user; its errors are said as kefu's */
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	/* text in and out is UTF-8, whatever the server's locale */
	if (PQsetClientEncoding(st->conn, "UTF8") != 0) {
		conn_error(st, _("cannot set up"));
		pg_close(&st->base);
		return NULL;
	}
	if (migrate(st) != 0) {
		pg_close(&st->base);
		return NULL;
	}
	return &st->base;
}

static const char *
pg_text(const struct row *r, int col)
{
	if (PQgetisnull(r->h, r->i, col))
		return NULL;
	return PQgetvalue(r->h, r->i, col);
}

/* An integer, or a boolean as 1 or 0. */
static int64_t
pg_integer(const struct row *r, int col)
{
	const char *v = pg_text(r, col);

	if (v == NULL)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	if (v[0] == 'f' && v[1] == '\0')
		return 0;
	return strtoll(v, NULL, 10);
}

static double
pg_real(const struct row *r, int col)
{
	const char *v = pg_text(r, col);

	return v ? strtod(v, NULL) : 0;
}

static bool
pg_null(const struct row *r, int col)
{
	return PQgetisnull(r->h, r->i, col) != 0;
}

/* type oids, from PostgreSQL's pg_type.dat */
#define BOOLOID 16
#define FLOAT4OID 700
#define FLOAT8OID 701

struct dyn {
	char name[24];
	int n;
};

static void *
pg_dyn_prepare(struct store *base, const char *sql, const char *what)
{
	static unsigned made;
	struct pg *st = (struct pg *)base;
	struct dyn *d = xcalloc(1, sizeof(*d));
	char *text = dollars(sql);
	PGresult *res;

	snprintf(d->name, sizeof(d->name), "d%u", made++);
	res = PQprepare(st->conn, d->name, text, 0, NULL);
	free(text);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		res_error(st, res, what);
		PQclear(res);
		free(d);
		return NULL;
	}
	PQclear(res);
	return d;
}

static long
pg_dyn_run(struct store *base, void *h, int n, const char *const *values, row_fn *fn,
	   void *arg, const char *what)
{
	struct pg *st = (struct pg *)base;
	struct dyn *d = h;
	PGresult *res = PQexecPrepared(st->conn, d->name, n, values, NULL, NULL, 0);
	ExecStatusType rc = PQresultStatus(res);
	struct row row = { &pg_engine, res, 0 };
	long rows;

	if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK) {
		res_error(st, res, what);
		PQclear(res);
		return -1;
	}
	rows = PQntuples(res);
	for (row.i = 0; fn && row.i < rows; row.i++)
		fn(&row, arg);
	PQclear(res);
	return rows;
}

static void
pg_dyn_finalize(struct store *base, void *h)
{
	struct pg *st = (struct pg *)base;
	struct dyn *d = h;
	char sql[48];

	snprintf(sql, sizeof(sql), "DEALLOCATE %s", d->name);
	PQclear(PQexec(st->conn, sql));
	free(d);
}

static const char *
pg_exact(const struct row *r, int col, char buf[48])
{
	const char *v = pg_text(r, col);
	Oid type = PQftype(r->h, col);

	if (v == NULL)
		return NULL;
	if (type == BOOLOID)
		return strcmp(v, "t") == 0 ? "1" : "0";
	if (type == FLOAT4OID || type == FLOAT8OID) {
		snprintf(buf, 48, "%.17g", strtod(v, NULL));
		return buf;
	}
	return v;
}

/* An identity column goes on past the ids copied in. */
static int
pg_after_copy(struct store *base, const char *table)
{
	struct pg *st = (struct pg *)base;
	struct sb sql = SB_INIT;
	int rc;

	/* the table's name is kefu's own (store.c's list), never a user's */
	sb_addf(&sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
		" coalesce(max(id), 0) + 1, false) FROM %s", table, table);
	rc = exec(st, sb_str(&sql), _("cannot copy the records"));
	sb_free(&sql);
	return rc;
}

static const struct engine pg_engine = {
	.name = "PostgreSQL",
	.close = pg_close,
	.run = pg_run,
	.changes = pg_changes,
	.try_change = pg_try_change,
	.in_transaction = pg_in_transaction,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.writable = pg_writable,
	.cache_size = pg_cache_size,
	.status = pg_status,
	.text = pg_text,
	.integer = pg_integer,
	.real = pg_real,
	.null = pg_null,
	.dyn_prepare = pg_dyn_prepare,
	.dyn_run = pg_dyn_run,
	.dyn_finalize = pg_dyn_finalize,
	.exact = pg_exact,
	.columns_sql = "SELECT column_name FROM information_schema.columns"
		       " WHERE table_schema = current_schema() AND table_name = ?1"
		       " ORDER BY ordinal_position",
	.after_copy = pg_after_copy,
};
