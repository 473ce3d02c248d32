/* util.c: allocation, errors, string buffers, the arena, small file helpers. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *progname = "kefu";

static NORETURN void
oom(void)
{
	fputs("kefu: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xmalloc_big(size_t n, size_t size)
{
	size_t bytes, huge = (size_t)2 << 20;
	void *p = NULL;

	if (size && n > SIZE_MAX / size)
		oom();
	bytes = n * size;
	if (bytes == 0)
		bytes = 1;
	if (bytes < 2 * huge || posix_memalign(&p, huge, bytes) != 0)
		return xmalloc(bytes);
#ifdef MADV_HUGEPAGE
	madvise(p, bytes - bytes % huge, MADV_HUGEPAGE);
#endif
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrdup_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	sb_str(&sb);
	return sb_detach(&sb);
}

static PRINTF(1, 0) void
vreport(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(1);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

void
bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: BUG at %s:%d: ", progname, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void
sb_grow(struct sb *sb, size_t more)
{
	size_t want;

	if (sb->len + more < sb->len)
		oom();
	want = sb->len + more + 1;
	if (want <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < want)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void
sb_add(struct sb *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	if (n)	/* s may be NULL then: an empty buffer's */
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_adds(struct sb *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addc(struct sb *sb, char c)
{
	sb_add(sb, &c, 1);
}

void
sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* into the room there is; formatted again only when it was short */
	va_copy(cp, ap);
	n = vsnprintf(sb->cap ? sb->buf + sb->len : NULL, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("bad format '%s'", fmt);
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *
sb_str(struct sb *sb)
{
	if (sb->buf == NULL)
		sb_grow(sb, 0), sb->buf[0] = '\0';
	return sb->buf;
}

char *
sb_detach(struct sb *sb)
{
	char *s;

	sb_str(sb);
	s = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void
sb_free(struct sb *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* The arena hands out 16-byte aligned pieces of 64 KiB chunks; larger
 * requests get a chunk of their own. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct kept {
	struct kept *next;
	void *block;
};

struct arena {
	struct chunk *head;
	struct kept *kept;	/* blocks of malloc's freed with the arena */
};

#define CHUNK_SIZE (64 * 1024)

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;

		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		if (n > CHUNK_SIZE / 4 && a->head != NULL) {
			/* keep filling the current chunk */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	c->used += n;
	return (char *)c->data + c->used - n;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (n)
		memcpy(q, p, n);
	return q;
}

void
arena_keep(struct arena *a, void *block)
{
	struct kept *k = arena_alloc(a, sizeof(*k));

	k->block = block;
	k->next = a->kept;
	a->kept = k;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	struct kept *k;

	if (a == NULL)
		return;
	for (k = a->kept; k != NULL; k = k->next)
		free(k->block);
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

static size_t
strmap_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	/* mix the high bits into the low ones the table uses: ids that
	 * differ only near their start ("12/quiz", "13/quiz") would cluster */
	h ^= h >> 29;
	h *= (size_t)0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

/* Open addressing with linear probing, kept at most half full. */
static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t i = strmap_hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = strmap_slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

static void *
strmap_set(struct strmap *m, const char *key, void *val, bool replace)
{
	size_t i;
	void *old;

	if (m->n * 2 >= m->cap) {
		struct strmap big = { NULL, NULL, 0, m->cap ? m->cap * 2 : 16 };

		big.keys = xcalloc(big.cap, sizeof(*big.keys));
		big.vals = xcalloc(big.cap, sizeof(*big.vals));
		for (i = 0; i < m->cap; i++)
			if (m->keys[i])
				strmap_set(&big, m->keys[i], m->vals[i], true);
		free(m->keys);
		free(m->vals);
		*m = big;
	}
	i = strmap_slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = key;
		m->vals[i] = val;
		m->n++;
		return NULL;
	}
	old = m->vals[i];
	if (replace)
		m->vals[i] = val;
	return old;
}

void *
strmap_put(struct strmap *m, const char *key, void *val)
{
	return strmap_set(m, key, val, true);
}

void *
strmap_add(struct strmap *m, const char *key, void *val)
{
	return strmap_set(m, key, val, false);
}

void
strmap_free(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* Reads a whole file; with regular, only a regular file (or a link to
 * one): a FIFO or a device is refused before it is opened, and one put
 * in the file's place meanwhile is opened without waiting for a writer
 * and refused then, so a read never blocks for ever. */
static int
read_path(const char *path, size_t max, bool regular, char **bufp,
	  size_t *lenp, const char **why)
{
	struct stat st;
	char *buf;
	size_t len = 0, cap;
	int fd, flags;

	if (regular) {
		if (stat(path, &st) != 0) {
			*why = strerror(errno);
			return -1;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			*why = _("not a regular file");
			return -1;
		}
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular ? O_NONBLOCK : 0));
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		*why = strerror(EISDIR);
		return -1;
	}
	if (regular && !S_ISREG(st.st_mode)) {
		close(fd);
		*why = _("not a regular file");
		return -1;
	}
	if (regular && ((flags = fcntl(fd, F_GETFL)) < 0 ||
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		close(fd);
		*why = _("file too large");
		return -1;
	}
	/* a regular file in one buffer of its size, read to its end with
	 * no copy on the way (it may still grow while it is read) */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			if (cap > max + 1) {
				free(buf);
				close(fd);
				*why = _("file too large");
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > max) {
		free(buf);
		*why = _("file too large");
		return -1;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int
read_file(const char *path, size_t max, char **bufp, size_t *lenp,
	  const char **why)
{
	return read_path(path, max, false, bufp, lenp, why);
}

int
read_regular_file(const char *path, size_t max, char **bufp, size_t *lenp,
		  const char **why)
{
	return read_path(path, max, true, bufp, lenp, why);
}

/* write_atomic()'s temporary file is PATH.tmpPID */
#define TMP_SUFFIX ".tmp"

int
write_atomic(const char *path, const void *buf, size_t len, unsigned mode, bool durable)
{
	char *tmp = xasprintf("%s" TMP_SUFFIX "%ld", path, (long)getpid());
	const char *p = buf;
	int fd, err = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, (mode_t)mode);
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	while (len && !err) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? errno : EIO;
		else
			p += n, len -= (size_t)n;
	}
	if (!err && durable && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	errno = err;
	return err ? -1 : 0;
}

/* Removes the temporary files of writers that died before renaming
 * theirs (a kefu killed mid-write): PATH.tmpPID whose PID is gone. */
void
write_atomic_sweep(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	struct dirent *de;
	DIR *dp = opendir(dir);

	while (dp && (de = readdir(dp)) != NULL) {
		const char *p;
		char *end;
		long pid;

		if (strncmp(de->d_name, base, blen) != 0 ||
		    strncmp(de->d_name + blen, TMP_SUFFIX, sizeof(TMP_SUFFIX) - 1) != 0)
			continue;
		p = de->d_name + blen + sizeof(TMP_SUFFIX) - 1;
		if (!isdigit((unsigned char)*p))
			continue;
		errno = 0;
		pid = strtol(p, &end, 10);
		if (*end == '\0' && errno == 0 && pid > 0 && pid <= INT_MAX &&
		    kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			char *old = path_join(dir, de->d_name);

			unlink(old);
			free(old);
		}
	}
	if (dp)
		closedir(dp);
	free(dir);
}

char *
xdg_dir(const char *var, const char *under_home)
{
	const char *xdg = getenv(var), *home = getenv("HOME");
	struct passwd *pw;

	if (xdg && *xdg == '/')
		return xasprintf("%s/kefu", xdg);
	if ((home == NULL || *home == '\0') && (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	if (home == NULL || *home == '\0')
		return NULL;
	return xasprintf("%s/%s/kefu", home, under_home);
}

int
mkdir_p(const char *path, unsigned mode)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

char *
path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n > 0 && a[n - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}
