/* ycache.h: the parse trees of content files, kept between runs.
 *
 * Parsing YAML is most of kefu's start-up (libyaml alone is about 60% of
 * it with the bundled content). A file whose size, times, device and
 * inode have not changed since its tree was kept is not read or parsed
 * again: its tree comes from the cache, and the loader checks it as it
 * checks any tree. The cache file is the user's own, in
 * $XDG_CACHE_HOME/kefu/; a team install (setgid) does not use one.
 * Anything wrong with the cache file (missing, from another version,
 * truncated, a bad checksum) makes every file a miss, never an error. */
#ifndef KEFU_YCACHE_H
#define KEFU_YCACHE_H

#include <sys/stat.h>

#include "util.h"
#include "ydoc.h"

struct ycache;

/* Reads the cache at path (a file that cannot be read counts as empty). */
struct ycache *ycache_open(const char *path);
/* The tree kept for file, when st matches what was kept: nodes in one
 * arena, scalar text in the other (as ydoc_parse_text()). The text is
 * not copied: the buffer it lies in is given to that arena, which must
 * be the same for every tree of one cache and outlive it. NULL on a
 * miss. */
struct ynode *ycache_get(struct ycache *, const char *file, const struct stat *st,
			 struct arena *nodes, struct arena *text);
/* Keeps root as the tree of file, as it is at st. */
void ycache_put(struct ycache *, const char *file, const struct stat *st,
		const struct ynode *root);
/* Writes the cache back when it changed: the trees got or put since
 * ycache_open(), and no others. Then frees it. Failing to write is not
 * an error (the next run parses again). */
void ycache_close(struct ycache *);

/* True when a file modified at mtime (seconds) may have changed unseen
 * since a cache written at `written`: a file system that counts whole
 * seconds (or two) would not move its times for a second change in the
 * same second. Such a tree is a miss until the cache is written later. */
bool ycache_racy(long long mtime, long long written);

/* The tree encoded as the cache keeps it, and decoded again; for tests.
 * Decoding returns NULL on anything malformed; the scalars' text of the
 * tree it returns points into p. */
void ycache_encode(struct sb *, const struct ynode *root);
struct ynode *ycache_decode(const unsigned char *p, size_t n, struct arena *nodes);

#endif
