/* walk.c: content files found, read (or taken from the cache), checked
 * as UTF-8 and handed to the loader of their kind. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "content/load.h"
#include "kpi.h"
#include "quiz.h"
#include "markup.h"
#include "text.h"
#include "ycache.h"
#include "ydoc.h"

/* Reports the line and column of a byte offset, counting characters. */
static void
offset_pos(const char *buf, size_t off, int *line, int *col)
{
	size_t i = 0;

	*line = 1;
	*col = 1;
	while (i < off) {
		int32_t cp;
		size_t k;

		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
			i++;
			continue;
		}
		k = text_decode(buf + i, off - i, &cp);
		i += k ? k : 1;
		(*col)++;
	}
}

/* The kinds a file may hold, by its top-level key, and their loaders. */
static const struct {
	const char *key;
	void (*load)(struct ld *, const struct ynode *);
} kinds[] = {
	{ "quiz", load_quiz },
	{ "drill", load_drill },
	{ "curriculum", load_curriculum },
	{ "scripts", load_library },
	{ "casebook", load_casebook },
	{ "rules", load_rule_list },
	{ "scenario", load_scenario },
};
#define KIND_WORDS "'quiz', 'drill', 'curriculum', 'scripts', 'casebook', 'rules' or 'scenario'"

/* Loads the content of a file's tree by its kind (whose nodes are in
 * tmp, which this frees). */
static int
load_root(struct ld *l, struct ynode *root, struct arena *tmp)
{
	const char *tops[ARRAY_SIZE(kinds)];
	size_t i;
	int found = -1, count = 0;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		tops[i] = kinds[i].key;
	if (root->type != Y_MAP) {
		ld_err(l, root, _("a content file must be a mapping with a %s key, not %s"),
		    KIND_WORDS, ydoc_type_name(root));
		arena_free(tmp);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (map_get(root, tops[i]))
			found = found < 0 ? (int)i : found, count++;
	/* a drill may name libraries to take lines from: 'scripts' is a
	 * drill's key there, not a second kind */
	if (count == 2 && found == 1 && map_get(root, "scripts"))
		count = 1;
	if (count > 1) {
		ld_err(l, root, _("a file holds one kind of content, but this one has several of %s"),
		    KIND_WORDS);
	} else if (count == 0) {
		const char *sug = NULL;

		for (i = 0; i < root->n && !sug; i++)
			if (root->items[2 * i]->type == Y_SCALAR)
				sug = text_suggest(root->items[2 * i]->str, tops, ARRAY_SIZE(tops));
		if (sug)
			ld_err(l, root, _("not a kefu content file: no top-level %s key (did you mean '%s'?)"),
			    KIND_WORDS, sug);
		else
			ld_err(l, root, _("not a kefu content file: no top-level %s key"),
			    KIND_WORDS);
	} else
		kinds[found].load(l, root);
	arena_free(tmp);
	return l->d->errors == l->errors_at_start ? 0 : -1;
}

static void
ld_init(struct ld *l, struct content *c, const char *path, struct diag *d)
{
	l->c = c;
	l->d = d;
	l->file = arena_strdup(c->arena, path);
	l->errors_at_start = d->errors;
	c->nfiles++;
}

/* Checks the bytes of one file and loads the quiz, drill or curriculum
 * in it; the caller holds the diag. With st, the tree goes to the
 * content's cache. */
static int
load_bytes(struct content *c, const char *path, const char *buf, size_t len,
	   const struct stat *st, struct diag *d)
{
	struct arena *tmp;
	struct ld l;
	struct ynode *root;
	const char *nul;
	size_t bad;
	bool empty;

	ld_init(&l, c, path, d);
	if (!text_valid(buf, len, &bad)) {
		int line, col;

		offset_pos(buf, bad, &line, &col);
		diag_at(d, path, line, col, _("invalid UTF-8 (byte 0x%02x): save the file as UTF-8"),
			(unsigned char)buf[bad]);
		return -1;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		int line, col;

		offset_pos(buf, (size_t)(nul - buf), &line, &col);
		diag_at(d, path, line, col, _("a NUL byte: this is not a text file"));
		return -1;
	}
	tmp = arena_new();
	/* the tree goes with the file; its strings stay, so text kept
	 * as it is written need not be copied (scalar_text) */
	root = ydoc_parse_text(tmp, c->arena, l.file, buf, len, d, &empty);
	if (root == NULL) {
		if (empty)
			diag_at(d, path, 0, 0, _("empty file: expected a mapping with a %s key"),
				KIND_WORDS);
		arena_free(tmp);
		return -1;
	}
	if (st && c->cache)
		ycache_put(c->cache, path, st, root);
	return load_root(&l, root, tmp);
}

static void
too_large(struct diag *d, const char *name)
{
	diag_at(d, name, 0, 0, _("file too large (over %u MiB); split it into several files"),
		YDOC_MAX_BYTES >> 20);
}

/* Reads one file and loads it, its messages in position order. */
static int
load_file(struct content *c, const char *path, struct diag *d)
{
	const char *why;
	char *buf;
	size_t len;
	int rc;
	struct stat st;
	bool have_st = false;

	diag_hold(d);
	/* a FIFO named x.yaml would hold every command that loads content
	 * for ever, waiting for a writer: it is never opened */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			c->nfiles++;
			diag_at(d, path, 0, 0, _("not a regular file"));
			diag_flush(d);
			return -1;
		}
		have_st = true;
	}
	/* an unchanged file's tree from the cache; stat() before reading,
	 * so a change made while it is read is seen next time */
	if (c->cache && have_st) {
		struct arena *tmp = arena_new();
		struct ynode *root = ycache_get(c->cache, path, &st, tmp, c->arena);

		if (root) {
			struct ld l;

			ld_init(&l, c, path, d);
			rc = load_root(&l, root, tmp);
			diag_flush(d);
			return rc;
		}
		arena_free(tmp);
	}
	if (read_regular_file(path, YDOC_MAX_BYTES, &buf, &len, &why) != 0) {
		c->nfiles++;
		if (strcmp(why, _("file too large")) == 0)
			too_large(d, path);
		else if (strcmp(why, _("not a regular file")) == 0)
			diag_at(d, path, 0, 0, "%s", why);
		else
			diag_at(d, path, 0, 0, _("cannot read: %s"), why);
		rc = -1;
	} else {
		rc = load_bytes(c, path, buf, len, have_st ? &st : NULL, d);
		free(buf);
	}
	diag_flush(d);
	return rc;
}

int
content_load_buffer(struct content *c, const char *name, const char *buf,
		    size_t len, struct diag *d)
{
	int rc;

	diag_hold(d);
	if (len > YDOC_MAX_BYTES) {
		c->nfiles++;
		too_large(d, name);
		rc = -1;
	} else
		rc = load_bytes(c, name, buf, len, NULL, d);
	diag_flush(d);
	return rc;
}

static bool
is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories one load has entered, so links are followed without
 * reading a directory twice or going round a loop for ever. */
struct dirseen {
	struct {
		dev_t dev;
		ino_t ino;
		const char *path;	/* NULL once the directory is done */
	} *dirs;
	size_t n;
};

/* Collects YAML files below dir, skipping hidden entries. */
static void
collect(const char *dir, int depth, struct dirseen *seen, char ***files,
	size_t *n, struct diag *d)
{
	struct dirent *de;
	struct stat st;
	size_t me, i;
	DIR *dp;

	if (depth > 16) {
		diag_at(d, dir, 0, 0, _("directories nested too deep"));
		return;
	}
	if (stat(dir, &st) != 0) {
		diag_at(d, dir, 0, 0, _("cannot read directory: %s"), strerror(errno));
		return;
	}
	for (i = 0; i < seen->n; i++) {
		if (seen->dirs[i].dev != st.st_dev || seen->dirs[i].ino != st.st_ino)
			continue;
		if (seen->dirs[i].path)
			diag_at(d, dir, 0, 0, _("a link loops back to '%s'; remove the link"),
				seen->dirs[i].path);
		return;	/* else reached by another link and read already */
	}
	if ((dp = opendir(dir)) == NULL) {
		diag_at(d, dir, 0, 0, _("cannot read directory: %s"), strerror(errno));
		return;
	}
	me = seen->n++;
	seen->dirs = xreallocarray(seen->dirs, seen->n, sizeof(*seen->dirs));
	seen->dirs[me].dev = st.st_dev;
	seen->dirs[me].ino = st.st_ino;
	seen->dirs[me].path = dir;
	while ((de = readdir(dp)) != NULL) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = path_join(dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect(path, depth + 1, seen, files, n, d);
			free(path);
		} else if (is_yaml_name(de->d_name)) {
			*files = xreallocarray(*files, *n + 1, sizeof(**files));
			(*files)[(*n)++] = path;
		} else
			free(path);
	}
	closedir(dp);
	seen->dirs[me].path = NULL;
}

static int
load_dir(struct content *c, const char *dir, struct diag *d)
{
	struct dirseen seen = { NULL, 0 };
	char **files = NULL;
	size_t n = 0, i;
	unsigned before = d->errors;

	collect(dir, 0, &seen, &files, &n, d);
	free(seen.dirs);
	if (n > 1)
		qsort(files, n, sizeof(*files), cmp_str);
	for (i = 0; i < n; i++) {
		load_file(c, files[i], d);
		free(files[i]);
	}
	free(files);
	return d->errors == before ? 0 : -1;
}

int
content_load_path(struct content *c, const char *path, struct diag *d)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		diag_at(d, path, 0, 0, _("cannot open: %s"), strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(c, path, d);
	return load_file(c, path, d);
}

int
content_load_tree(struct content *c, const char *dir, struct diag *d)
{
	static const char *const subdirs[] = {
		"curricula", "quizzes", "scripts", "cases", "rules", "scenarios"
	};
	unsigned before = d->errors;
	bool any = false;
	size_t i;

	c->root = arena_strdup(c->arena, dir);
	for (i = 0; i < ARRAY_SIZE(subdirs); i++) {
		char *sub = path_join(dir, subdirs[i]);
		struct stat st;

		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			any = true;
			load_dir(c, sub, d);
		}
		free(sub);
	}
	if (!any)
		diag_at(d, dir, 0, 0, _("not a content tree: it has no curricula/, quizzes/, scripts/, cases/, rules/ or scenarios/ directory"));
	return d->errors == before ? 0 : -1;
}
