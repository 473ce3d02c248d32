/* ycache.c: parse trees of content files kept between runs (ycache.h).
 *
 * The file: a header line, then one entry per content file:
 *   path length, path, device, inode, size, mtime s, mtime ns, ctime s,
 *   ctime ns, tree length, a 64-bit FNV-1a checksum of the tree, tree
 * with every number an unsigned LEB128 varint but the checksum (8 bytes,
 * little-endian). A tree is its nodes in order, each a tag byte (type,
 * 4 when plain, 8 when in block style), line, column, then a scalar's length, bytes and a
 * NUL, or a collection's item count and items (a mapping's count is of
 * pairs). Aliases are written out where they are used, as the loader
 * sees them. A scalar's text is used where it lies in the file read,
 * ended by its NUL, not copied: the buffer goes to the content's arena. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "ycache.h"

#define HEADER "kefu-ycache 2 " PACKAGE_VERSION "\n"
#define NKEY 7
/* a cache file, and any one tree in it, at most this big */
#define CACHE_MAX (64u << 20)
#define TREE_MAX YDOC_MAX_BYTES

struct entry {
	const char *path;
	uint64_t key[NKEY];
	const unsigned char *tree;	/* into the file read, or owned */
	size_t len;
	uint64_t sum;
	unsigned char *owned;
	bool used;
};

struct ycache {
	char *path;
	long long written;		/* when the file read was written, seconds */
	char *buf;			/* the file as read */
	struct arena *kept_by;		/* where buf went with a tree's text */
	struct arena *arena;		/* paths, entries */
	struct strmap map;		/* path to entry */
	struct entry **v;
	size_t n;
	bool changed;
};

static uint64_t
fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	while (n--)
		h = (h ^ *p++) * 1099511628211ULL;
	return h;
}

static void
put_varint(struct sb *sb, uint64_t v)
{
	unsigned char b[10];
	size_t n = 0;

	do {
		b[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	sb_add(sb, (const char *)b, n);
}

/* A cursor over bytes that fails for good once anything is out of bounds. */
struct rd {
	const unsigned char *p, *end;
	bool bad;
	unsigned long nodes;
};

static uint64_t
get_varint(struct rd *r)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (!r->bad) {
		unsigned char b;

		if (r->p == r->end || shift > 63) {
			r->bad = true;
			break;
		}
		b = *r->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
		shift += 7;
	}
	return 0;
}

static void
key_of(const struct stat *st, uint64_t key[NKEY])
{
	key[0] = (uint64_t)st->st_dev;
	key[1] = (uint64_t)st->st_ino;
	key[2] = (uint64_t)st->st_size;
	key[3] = (uint64_t)st->st_mtim.tv_sec;
	key[4] = (uint64_t)st->st_mtim.tv_nsec;
	key[5] = (uint64_t)st->st_ctim.tv_sec;
	key[6] = (uint64_t)st->st_ctim.tv_nsec;
}

static void
encode(struct sb *sb, const struct ynode *n)
{
	uint32_t i, items;

	sb_addc(sb, (char)(n->type | (n->plain ? 4 : 0) | (n->block ? 8 : 0)));
	put_varint(sb, (uint64_t)(n->line < 0 ? 0 : n->line));
	put_varint(sb, (uint64_t)(n->col < 0 ? 0 : n->col));
	if (n->type == Y_SCALAR) {
		put_varint(sb, n->len);
		sb_add(sb, n->str, n->len);
		sb_addc(sb, '\0');
		return;
	}
	put_varint(sb, n->n);
	items = n->type == Y_MAP ? 2 * n->n : n->n;
	for (i = 0; i < items; i++)
		encode(sb, n->items[i]);
}

void
ycache_encode(struct sb *sb, const struct ynode *root)
{
	encode(sb, root);
}

static struct ynode *
decode(struct rd *r, int depth, struct arena *nodes)
{
	struct ynode *n;
	uint64_t line, col, count, items, i;
	unsigned tag;

	/* every node takes at least 4 bytes: tag, line, column, count */
	if (r->bad || depth > YDOC_MAX_DEPTH || ++r->nodes > YDOC_MAX_NODES ||
	    r->end - r->p < 4) {
		r->bad = true;
		return NULL;
	}
	tag = *r->p++;
	line = get_varint(r);
	col = get_varint(r);
	count = get_varint(r);
	/* block style is a scalar's alone */
	if (r->bad || (tag & 3) > Y_MAP || tag > 15 || ((tag & 8) && (tag & 3) != Y_SCALAR) ||
	    line > INT_MAX || col > INT_MAX ||
	    count > UINT32_MAX) {
		r->bad = true;
		return NULL;
	}
	n = arena_alloc(nodes, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = (enum ynode_type)(tag & 3);
	n->plain = (tag & 4) != 0;
	n->block = (tag & 8) != 0;
	n->line = (int)line;
	n->col = (int)col;
	if (n->type == Y_SCALAR) {
		size_t bad;

		/* text as the loader checks a file: UTF-8, no NUL; then the
		 * NUL that ends it where it lies */
		if (count >= (uint64_t)(r->end - r->p) || r->p[count] != '\0' ||
		    !text_valid((const char *)r->p, (size_t)count, &bad) ||
		    memchr(r->p, '\0', (size_t)count)) {
			r->bad = true;
			return NULL;
		}
		n->str = (const char *)r->p;
		n->len = (uint32_t)count;
		r->p += count + 1;
		return n;
	}
	n->n = (uint32_t)count;
	items = n->type == Y_MAP ? 2 * count : count;
	if (items > (uint64_t)(r->end - r->p) / 4) {
		r->bad = true;
		return NULL;
	}
	n->items = items ? arena_alloc(nodes, (size_t)items * sizeof(*n->items)) : NULL;
	for (i = 0; i < items; i++)
		if ((n->items[i] = decode(r, depth + 1, nodes)) == NULL)
			return NULL;
	return n;
}

struct ynode *
ycache_decode(const unsigned char *p, size_t len, struct arena *nodes)
{
	struct rd r = { p, p + len, false, 0 };
	struct ynode *root = decode(&r, 0, nodes);

	/* the tree is the whole of its bytes */
	return r.bad || r.p != r.end ? NULL : root;
}

static struct entry *
add_entry(struct ycache *c, const char *path)
{
	struct entry *e = arena_alloc(c->arena, sizeof(*e));

	memset(e, 0, sizeof(*e));
	e->path = arena_strdup(c->arena, path);
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = e;
	strmap_put(&c->map, e->path, e);
	return e;
}

/* Reads the entries of a cache file; stops at the first thing wrong,
 * keeping those before it. */
static void
read_entries(struct ycache *c, const unsigned char *p, size_t len)
{
	struct rd r = { p, p + len, false, 0 };

	if (len < sizeof(HEADER) - 1 || memcmp(p, HEADER, sizeof(HEADER) - 1) != 0)
		return;
	r.p += sizeof(HEADER) - 1;
	while (r.p < r.end) {
		uint64_t plen = get_varint(&r), key[NKEY], tlen, sum = 0;
		const unsigned char *path;
		struct entry *e;
		char *name;
		int i;

		if (r.bad || plen == 0 || plen > PATH_MAX || plen > (uint64_t)(r.end - r.p))
			return;
		path = r.p;
		r.p += plen;
		for (i = 0; i < NKEY; i++)
			key[i] = get_varint(&r);
		tlen = get_varint(&r);
		if (r.bad || r.end - r.p < 8 || tlen > (uint64_t)(r.end - r.p - 8))
			return;
		for (i = 0; i < 8; i++)
			sum |= (uint64_t)r.p[i] << (8 * i);
		r.p += 8;
		if (memchr(path, '\0', plen))
			return;
		name = xstrndup((const char *)path, plen);
		e = strmap_get(&c->map, name) ? NULL : add_entry(c, name);
		free(name);
		if (e) {
			memcpy(e->key, key, sizeof(key));
			e->tree = r.p;
			e->len = (size_t)tlen;
			e->sum = sum;
		}
		r.p += tlen;
	}
}

struct ycache *
ycache_open(const char *path)
{
	struct ycache *c = xcalloc(1, sizeof(*c));
	const char *why;
	size_t len;
	struct stat st;

	c->path = xstrdup(path);
	c->arena = arena_new();
	/* the time before the read: should another kefu rename a newer
	 * cache in between, the bytes read are newer than this time, and
	 * the racy rule errs towards parsing again */
	if (stat(path, &st) == 0 &&
	    read_file(path, CACHE_MAX, &c->buf, &len, &why) == 0) {
		c->written = (long long)st.st_mtim.tv_sec;
		read_entries(c, (const unsigned char *)c->buf, len);
	}
	return c;
}

bool
ycache_racy(long long mtime, long long written)
{
	/* a file changed in the second the cache was written, or after it,
	 * may change again without its time moving where times count whole
	 * seconds (or two): its tree is not trusted */
	return mtime >= written - 1;
}

struct ynode *
ycache_get(struct ycache *c, const char *file, const struct stat *st,
	   struct arena *nodes, struct arena *text)
{
	struct entry *e = strmap_get(&c->map, file);
	uint64_t key[NKEY];
	struct ynode *root;

	if (e == NULL || e->tree == NULL)
		return NULL;
	key_of(st, key);
	if (memcmp(key, e->key, sizeof(key)) != 0 ||
	    ycache_racy((long long)key[3], c->written) ||
	    fnv1a(e->tree, e->len) != e->sum)
		return NULL;
	if (e->owned == NULL && c->kept_by != NULL && c->kept_by != text)
		return NULL;	/* its text would live in another's arena */
	if ((root = ycache_decode(e->tree, e->len, nodes)) == NULL)
		return NULL;
	e->used = true;
	/* the tree's text lies in the buffer it was read from, which now
	 * lives as long as text does */
	if (e->owned) {
		arena_keep(text, e->owned);
		e->owned = NULL;
	} else if (c->kept_by == NULL) {
		arena_keep(text, c->buf);
		c->kept_by = text;
	}
	return root;
}

void
ycache_put(struct ycache *c, const char *file, const struct stat *st,
	   const struct ynode *root)
{
	struct entry *e = strmap_get(&c->map, file);
	struct sb sb = SB_INIT;

	ycache_encode(&sb, root);
	if (sb.len > TREE_MAX) {
		sb_free(&sb);
		return;
	}
	if (e == NULL)
		e = add_entry(c, file);
	free(e->owned);
	key_of(st, e->key);
	e->owned = (unsigned char *)sb.buf;	/* the sb's bytes are ours now */
	e->tree = e->owned;
	e->len = sb.len;
	e->sum = fnv1a(e->tree, e->len);
	e->used = true;
	c->changed = true;
}

/* The used entries to a temporary file, renamed over the cache. */
static void
write_cache(struct ycache *c)
{
	struct sb out = SB_INIT;
	const char *slash;
	size_t i;
	int j;

	sb_adds(&out, HEADER);
	for (i = 0; i < c->n; i++) {
		const struct entry *e = c->v[i];
		unsigned char sum[8];

		if (!e->used)
			continue;
		put_varint(&out, strlen(e->path));
		sb_adds(&out, e->path);
		for (j = 0; j < NKEY; j++)
			put_varint(&out, e->key[j]);
		put_varint(&out, e->len);
		for (j = 0; j < 8; j++)
			sum[j] = (unsigned char)(e->sum >> (8 * j));
		sb_add(&out, (const char *)sum, 8);
		sb_add(&out, (const char *)e->tree, e->len);
	}
	/* a cache need not survive a crash: no fsync; a failure is a miss
	 * next time */
	if (out.len <= CACHE_MAX && (slash = strrchr(c->path, '/')) != NULL) {
		char *dir = xstrndup(c->path, (size_t)(slash - c->path));

		if (*dir == '\0' || mkdir_p(dir, 0700) == 0) {
			write_atomic_sweep(c->path);
			(void)write_atomic(c->path, out.buf, out.len, 0600, false);
		}
		free(dir);
	}
	sb_free(&out);
}

void
ycache_close(struct ycache *c)
{
	size_t i;
	bool stale = false;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		stale |= !c->v[i]->used;
	if (c->changed || stale)
		write_cache(c);
	for (i = 0; i < c->n; i++)
		free(c->v[i]->owned);
	free(c->v);
	strmap_free(&c->map);
	arena_free(c->arena);
	if (c->kept_by == NULL)
		free(c->buf);
	free(c->path);
	free(c);
}
