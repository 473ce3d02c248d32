/* store-kb.c: the knowledge base's FTS5 trigram index. The documents
 * are made from the content on every run; the index over them is kept
 * in the user's cache with their fingerprint, and made again when that
 * changes, so a warm search reads it and does not build it. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-kb.h"
#include "util.h"

struct store_kb {
	sqlite3 *db;
};

static bool
exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The fingerprint the index was made for; 0 when there is none. */
static uint64_t
made_for(sqlite3 *db)
{
	sqlite3_stmt *st;
	uint64_t fp = 0;

	if (sqlite3_prepare_v2(db, "SELECT fingerprint FROM kb_meta", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		fp = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return fp;
}

/* Makes the index again, in one transaction. */
static bool
build(sqlite3 *db, const struct kb *kb, uint64_t fp)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	bool ok;

	if (!exec(db, "BEGIN IMMEDIATE"))
		return false;
	/* another kefu may have made it while this one waited */
	if (made_for(db) == fp && fp != 0)
		return exec(db, "COMMIT");
	ok = exec(db, "DROP TABLE IF EXISTS kb_doc; DROP TABLE IF EXISTS kb_meta;"
		  "CREATE VIRTUAL TABLE kb_doc USING fts5(text, tokenize = 'trigram');"
		  "CREATE TABLE kb_meta (fingerprint INTEGER NOT NULL);") &&
	    sqlite3_prepare_v2(db, "INSERT INTO kb_doc (rowid, text) VALUES (?1, ?2)", -1,
			       &st, NULL) == SQLITE_OK;
	for (i = 0; ok && i < kb->n; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
		sqlite3_bind_text(st, 2, kb->docs[i].folded, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (ok) {
		char sql[80];

		snprintf(sql, sizeof(sql), "INSERT INTO kb_meta VALUES (%lld)", (long long)fp);
		ok = exec(db, sql);
	}
	if (ok)
		return exec(db, "COMMIT");
	exec(db, "ROLLBACK");
	return false;
}

/* The index at path (NULL: in memory), made for kb; NULL when it cannot
 * be had there. */
static sqlite3 *
open_at(const char *path, const struct kb *kb, uint64_t fp)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (sqlite3_open_v2(path ? path : ":memory:", &db, flags, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	if (path) {
		/* a cache: losing it to a crash costs a rebuild, no more */
		exec(db, "PRAGMA journal_mode = WAL");
		exec(db, "PRAGMA synchronous = OFF");
	}
	if (made_for(db) == fp && fp != 0)
		return db;
	if (!build(db, kb, fp)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

struct store_kb *
store_kb_open(const char *path, const struct kb *kb)
{
	uint64_t fp = kb_fingerprint(kb) | 1;	/* never 0, which is "none" */
	sqlite3 *db = NULL;
	struct store_kb *s;

	if (path)
		db = open_at(path, kb, fp);
	if (db == NULL)
		db = open_at(NULL, kb, fp);
	if (db == NULL) {
		error(_("cannot make the search index: this SQLite has no FTS5 trigram tokenizer (SQLite 3.34 or later with FTS5)"));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->db = db;
	return s;
}

long
store_kb_match(struct store_kb *s, char *const *terms, size_t nterms, size_t **ids)
{
	struct sb q = SB_INIT;
	sqlite3_stmt *st;
	size_t i, n = 0, cap = 0;
	const char *p;
	int rc;

	*ids = NULL;
	/* every term a phrase: quotes doubled, nothing of it is syntax */
	for (i = 0; i < nterms; i++) {
		if (i)
			sb_adds(&q, " AND ");
		sb_addc(&q, '"');
		for (p = terms[i]; *p; p++) {
			if (*p == '"')
				sb_addc(&q, '"');
			sb_addc(&q, *p);
		}
		sb_addc(&q, '"');
	}
	if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM kb_doc WHERE kb_doc MATCH ?1"
			       " ORDER BY bm25(kb_doc), rowid", -1, &st, NULL) != SQLITE_OK) {
		sb_free(&q);
		return error(_("cannot search: %s"), sqlite3_errmsg(s->db)), -1;
	}
	sqlite3_bind_text(st, 1, sb_str(&q), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[n++] = (size_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sb_free(&q);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return error(_("cannot search: %s"), sqlite3_errmsg(s->db)), -1;
	}
	return (long)n;
}

void
store_kb_close(struct store_kb *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s);
}
