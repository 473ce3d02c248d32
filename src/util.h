/* util.h: allocation that cannot fail, the three kinds of error, string
 * buffers and a bump arena.
 *
 * Memory rule for this header: x*alloc() never returns NULL (it dies);
 * what an sb_ or arena_ function hands out belongs to that sb or arena
 * and lives until sb_free() or arena_free(). */
#ifndef KEFU_UTIL_H
#define KEFU_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* User-facing messages go through gettext: _() translates, N_() only
 * marks a string that is translated where it is used, P_() picks the
 * plural form for a count (po/, the catalogue for zh_CN). */
/* C_(context, s) is _() for a word that reads differently by where it
 * stands ("Due": a stage's deadline, a review's next date). */
#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))
#define C_(ctx, s) pgettext_aux(ctx "\004" s, s)
/* gettext with a context: the catalogue keys it as "context\004msgid" */
static inline const char *
pgettext_aux(const char *ctx_id, const char *s)
{
	const char *t = gettext(ctx_id);

	return t == ctx_id ? s : t;
}
#else
#define _(s) (s)
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#define C_(ctx, s) (s)
#endif
#define N_(s) (s)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF(f, a)
#define NORETURN
#endif

extern const char *progname;

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
/* n * size bytes for a large array filled once and read in order (an
 * analysis matrix): on Linux in huge pages where the kernel allows, so
 * filling it faults a page in 512 times less often. free() frees it. */
void *xmalloc_big(size_t n, size_t size);
void *xrealloc(void *, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrdup_null(const char *);	/* NULL stays NULL */
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) PRINTF(1, 2);

/* User-fatal: prints "kefu: msg" and exits 1. */
void die(const char *, ...) PRINTF(1, 2) NORETURN;
/* Recoverable: prints "kefu: msg" and returns -1 for the caller to pass on. */
int error(const char *, ...) PRINTF(1, 2);
/* Broken invariant: a bug in kefu, never the user's fault. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
void bug_at(const char *, int, const char *, ...) PRINTF(3, 4) NORETURN;

/* A growable NUL-terminated string. */
struct sb {
	char *buf;
	size_t len, cap;
};
#define SB_INIT { NULL, 0, 0 }
void sb_add(struct sb *, const char *, size_t);
void sb_adds(struct sb *, const char *);
void sb_addc(struct sb *, char);
void sb_addf(struct sb *, const char *, ...) PRINTF(2, 3);
void sb_vaddf(struct sb *, const char *, va_list) PRINTF(2, 0);
const char *sb_str(struct sb *);	/* never NULL */
char *sb_detach(struct sb *);	/* caller frees; sb is reset */
void sb_reset(struct sb *);
void sb_free(struct sb *);

/* A bump allocator: many small objects, freed all at once. */
struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *, size_t);
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_strdup(struct arena *, const char *);
void *arena_memdup(struct arena *, const void *, size_t);
/* Frees block (from malloc) with the arena: text pointing into a
 * buffer read whole can then live as long as the arena's own. */
void arena_keep(struct arena *, void *block);
void arena_free(struct arena *);

/* A map from strings to pointers. Keys are not copied: they must outlive
 * the map. */
struct strmap {
	const char **keys;
	void **vals;
	size_t n, cap;
};
#define STRMAP_INIT { NULL, NULL, 0, 0 }
/* The value for key, or NULL. */
void *strmap_get(const struct strmap *, const char *key);
/* Sets key to val; returns the value it had, or NULL. */
void *strmap_put(struct strmap *, const char *key, void *val);
/* Sets key to val only when it is not set; returns the value it had. */
void *strmap_add(struct strmap *, const char *key, void *val);
void strmap_free(struct strmap *);

/* Reads a whole file of at most max bytes. Returns 0, or -1 with *why
 * set to a static message (errno text or "too large"). */
int read_file(const char *path, size_t max, char **buf, size_t *len,
	      const char **why);
/* The same for a regular file (or a link to one) alone: anything else,
 * a FIFO or a device, is refused with *why "not a regular file" and is
 * never waited on. For content, whose files a walk finds by name. */
int read_regular_file(const char *path, size_t max, char **buf, size_t *len,
		      const char **why);
/* Writes the whole file or nothing: len bytes to PATH.tmpPID (created
 * with mode, never through a link), synced when durable, then renamed
 * over path. Returns 0, or -1 with errno set and no file left behind. */
int write_atomic(const char *path, const void *buf, size_t len, unsigned mode,
		 bool durable);
/* Removes the PATH.tmpPID files write_atomic() left when its process
 * was killed before renaming: those whose PID is gone, never a live
 * writer's. */
void write_atomic_sweep(const char *path);
/* mkdir -p with the given mode for directories it creates. */
int mkdir_p(const char *path, unsigned mode);
/* kefu's directory of one XDG kind: $VAR/kefu when VAR holds an absolute
 * path, else HOME/under_home/kefu (HOME from the environment or, unset,
 * the password database); NULL with no home at all. Caller frees. */
char *xdg_dir(const char *var, const char *under_home);
/* Joins two path parts with one '/'; caller frees. */
char *path_join(const char *, const char *);

#endif
