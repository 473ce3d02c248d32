/* ydoc.c: libyaml events to a positioned node tree. */
#include "config.h"

#include <string.h>
#include <yaml.h>

#include "text.h"
#include "ydoc.h"

struct frame {
	struct ynode *node;
	struct ynode **items;
	size_t n, cap;
	unsigned long size;	/* expanded node count below and including */
	const char *anchor;
};

struct anchor {
	struct ynode *node;
	unsigned long size;
};

/* Nodes, strings and item lists are cut from blocks of the arena,
 * packed (a node takes 40 bytes and a string its length and a NUL):
 * the tree of a large file is its largest cost, and every page of it
 * is a page the kernel must fault in. */
#define NODE_BLOCK 1024
#define TEXT_BLOCK (64 * 1024)
#define ITEM_BLOCK 4096

struct parse {
	struct arena *arena;
	struct ynode *nodes;	/* the current block of nodes */
	size_t nodes_left;
	struct arena *text_arena;
	char *text;		/* the current block of string bytes */
	size_t text_left;
	size_t text_budget;	/* about what the rest of the strings take */
	struct ynode **items;	/* the current block of item pointers */
	size_t items_left;
	const char *file;
	struct diag *diag;
	struct frame stack[YDOC_MAX_DEPTH + 1];
	int depth;
	struct strmap anchors;	/* name -> struct anchor, in the arena */
	struct ynode *root;
	unsigned long root_size;
	bool failed;
};

static struct ynode *
node_alloc(struct parse *p)
{
	if (p->nodes_left == 0) {
		p->nodes = arena_alloc(p->arena, NODE_BLOCK * sizeof(*p->nodes));
		p->nodes_left = NODE_BLOCK;
	}
	p->nodes_left--;
	return p->nodes++;
}

static struct ynode *
node_new(struct parse *p, enum ynode_type type, const yaml_mark_t *m)
{
	struct ynode *n = node_alloc(p);

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

static char *
text_copy(struct parse *p, const char *s, size_t len)
{
	char *out;

	if (p->text_left < len + 1) {
		/* the strings of a small file take a small block: the text
		 * arena may outlive the file */
		size_t size = p->text_budget < TEXT_BLOCK ? p->text_budget : TEXT_BLOCK;

		if (len >= TEXT_BLOCK / 8 || len + 1 > size)
			return arena_strndup(p->text_arena, s, len);
		p->text = arena_alloc(p->text_arena, size);
		p->text_left = size;
		p->text_budget -= size;
	}
	out = p->text;
	memcpy(out, s, len);
	out[len] = '\0';
	p->text += len + 1;
	p->text_left -= len + 1;
	return out;
}

static struct ynode **
items_copy(struct parse *p, struct ynode *const *items, size_t n)
{
	struct ynode **out;

	if (n == 0)
		return NULL;
	if (n >= ITEM_BLOCK / 8)
		return arena_memdup(p->arena, items, n * sizeof(*items));
	if (p->items_left < n) {
		p->items = arena_alloc(p->arena, ITEM_BLOCK * sizeof(*p->items));
		p->items_left = ITEM_BLOCK;
	}
	out = p->items;
	memcpy(out, items, n * sizeof(*items));
	p->items += n;
	p->items_left -= n;
	return out;
}

static void
remember_anchor(struct parse *p, const char *name, struct ynode *node,
		unsigned long size)
{
	struct anchor *a;

	if (name == NULL)
		return;
	a = arena_alloc(p->arena, sizeof(*a));
	a->node = node;
	a->size = size;
	/* YAML lets a later anchor of the same name replace an earlier one */
	strmap_put(&p->anchors, name, a);
}

/* Adds a finished node to its parent, or makes it the root. */
static bool
attach(struct parse *p, struct ynode *node, unsigned long size,
       const yaml_mark_t *m)
{
	struct frame *f;

	if (p->depth == 0) {
		p->root = node;
		p->root_size = size;
		return true;
	}
	f = &p->stack[p->depth - 1];
	f->size += size;
	if (f->size > YDOC_MAX_NODES) {
		diag_at(p->diag, p->file, (int)m->line + 1, (int)m->column + 1,
			_("document too large: more than %lu nodes once aliases are expanded"),
			YDOC_MAX_NODES);
		return false;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->items = xreallocarray(f->items, f->cap, sizeof(*f->items));
	}
	f->items[f->n++] = node;
	return true;
}

static const char *
anchor_name(struct parse *p, const yaml_char_t *a)
{
	return a ? arena_strdup(p->arena, (const char *)a) : NULL;
}

static bool
on_event(struct parse *p, yaml_event_t *ev)
{
	struct ynode *node;
	struct frame *f;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		node = node_new(p, Y_SCALAR, &ev->start_mark);
		node->str = text_copy(p, (const char *)ev->data.scalar.value,
				      ev->data.scalar.length);
		node->len = (uint32_t)ev->data.scalar.length;
		if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
		    memchr(node->str, '\0', node->len) != NULL) {
			/* a quoted "\0" would cut the value short unseen (only
			 * that escape makes one: libyaml refuses a raw NUL) */
			diag_at(p->diag, p->file, node->line, node->col,
				_("a NUL character (\\0) in a value"));
			return false;
		}
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		node->block = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
		remember_anchor(p, anchor_name(p, ev->data.scalar.anchor), node, 1);
		return attach(p, node, 1, &ev->start_mark);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (p->depth >= YDOC_MAX_DEPTH) {
			diag_at(p->diag, p->file, (int)ev->start_mark.line + 1,
				(int)ev->start_mark.column + 1,
				_("nested more than %d levels deep"), YDOC_MAX_DEPTH);
			return false;
		}
		/* a frame keeps its item buffer for the next node this deep */
		f = &p->stack[p->depth++];
		f->n = 0;
		f->node = node_new(p, ev->type == YAML_SEQUENCE_START_EVENT ?
				   Y_SEQ : Y_MAP, &ev->start_mark);
		f->size = 1;
		f->anchor = anchor_name(p, ev->type == YAML_SEQUENCE_START_EVENT ?
					ev->data.sequence_start.anchor :
					ev->data.mapping_start.anchor);
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		unsigned long size;

		f = &p->stack[--p->depth];
		node = f->node;
		node->n = (uint32_t)(node->type == Y_MAP ? f->n / 2 : f->n);
		node->items = items_copy(p, f->items, f->n);
		size = f->size;
		remember_anchor(p, f->anchor, node, size);
		return attach(p, node, size, &ev->start_mark);
	}
	case YAML_ALIAS_EVENT: {
		struct anchor *a = strmap_get(&p->anchors,
					      (const char *)ev->data.alias.anchor);

		if (a == NULL) {
			/* libyaml reports unknown aliases itself; be safe anyway */
			diag_at(p->diag, p->file, (int)ev->start_mark.line + 1,
				(int)ev->start_mark.column + 1, _("unknown alias '*%s'"),
				(const char *)ev->data.alias.anchor);
			return false;
		}
		/* a shallow copy, so messages point at the alias, not the anchor */
		node = node_alloc(p);
		*node = *a->node;
		node->line = (int)ev->start_mark.line + 1;
		node->col = (int)ev->start_mark.column + 1;
		return attach(p, node, a->size, &ev->start_mark);
	}
	case YAML_DOCUMENT_START_EVENT:
		if (p->root != NULL) {
			diag_at(p->diag, p->file, (int)ev->start_mark.line + 1,
				(int)ev->start_mark.column + 1,
				_("a second YAML document ('---'): keep one document per file"));
			return false;
		}
		return true;
	default:
		return true;
	}
}

/* The byte at a 1-based line and column counted in characters. */
static int
char_at(const char *buf, size_t len, int line, int col)
{
	size_t i = 0;

	for (; line > 1 && i < len; i++)
		if (buf[i] == '\n')
			line--;
	for (; col > 1 && i < len && buf[i] != '\n'; col--) {
		int32_t cp;
		size_t k = text_decode(buf + i, len - i, &cp);

		i += k ? k : 1;
	}
	return i < len ? (unsigned char)buf[i] : -1;
}

static void
report_syntax(struct parse *p, yaml_parser_t *yp, const char *buf, size_t len)
{
	struct sb msg = SB_INIT;
	int line = (int)yp->problem_mark.line + 1;
	int col = (int)yp->problem_mark.column + 1;

	if (yp->error == YAML_MEMORY_ERROR) {
		diag_at(p->diag, p->file, 0, 0, _("out of memory reading YAML"));
		return;
	}
	sb_addf(&msg, _("YAML syntax error: %s"),
		yp->problem ? yp->problem : _("unreadable"));
	if (yp->context)
		sb_addf(&msg, _(" (%s at line %d)"), yp->context,
			(int)yp->context_mark.line + 1);
	if (char_at(buf, len, line, col) == '\t')
		sb_adds(&msg, _("; YAML is indented with spaces, not tabs"));
	if (yp->error == YAML_READER_ERROR) {
		line = 0;
		col = 0;
	}
	diag_at(p->diag, p->file, line, col, "%s", sb_str(&msg));
	sb_free(&msg);
}

struct ynode *
ydoc_parse(struct arena *arena, const char *file, const char *buf, size_t len,
	   struct diag *diag, bool *empty)
{
	return ydoc_parse_text(arena, arena, file, buf, len, diag, empty);
}

struct ynode *
ydoc_parse_text(struct arena *arena, struct arena *text, const char *file,
		const char *buf, size_t len, struct diag *diag, bool *empty)
{
	struct parse p;
	yaml_parser_t yp;
	yaml_event_t ev;
	bool done = false;
	int i;

	memset(&p, 0, sizeof(p));
	p.arena = arena;
	p.text_arena = text;
	/* scalars are about as long as the file, with a NUL each */
	p.text_budget = len + len / 8 + 64;
	p.file = file;
	p.diag = diag;
	*empty = false;
	if (len > YDOC_MAX_BYTES) {
		/* callers refuse such files first; lengths here are 32-bit */
		diag_at(diag, file, 0, 0, _("file too large (over %u MiB)"),
			YDOC_MAX_BYTES >> 20);
		return NULL;
	}
	if (!yaml_parser_initialize(&yp))
		die(_("out of memory"));
	/* editors on Windows start UTF-8 files with a byte-order mark */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		buf += 3, len -= 3;
	yaml_parser_set_input_string(&yp, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&yp, &ev)) {
			report_syntax(&p, &yp, buf, len);
			p.failed = true;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!on_event(&p, &ev))
			p.failed = true, done = true;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	for (i = 0; i < YDOC_MAX_DEPTH + 1; i++)
		free(p.stack[i].items);
	strmap_free(&p.anchors);
	if (p.failed)
		return NULL;
	if (p.root == NULL || ydoc_is_null(p.root)) {
		*empty = true;
		return NULL;
	}
	return p.root;
}

bool
ydoc_is_null(const struct ynode *n)
{
	if (n->type != Y_SCALAR || !n->plain)
		return false;
	if (n->len == 0 || n->len == 1)
		return n->len == 0 || n->str[0] == '~';
	return n->len == 4 && (strcmp(n->str, "null") == 0 ||
			       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

const char *
ydoc_type_name(const struct ynode *n)
{
	switch (n->type) {
	case Y_SCALAR:
		return _("a single value");
	case Y_SEQ:
		return _("a list");
	case Y_MAP:
		return _("a mapping");
	}
	BUG("node type %d", (int)n->type);
}
