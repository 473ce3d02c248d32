/* ydoc.h: a YAML document read into a tree of positioned nodes.
 *
 * Memory rule: every node and string belongs to the arena given to
 * ydoc_parse() and lives until that arena is freed (ydoc_parse_text():
 * nodes to one arena, strings to the other). Aliases point at the
 * anchored node (the tree may share subtrees); the expanded size and the
 * nesting depth are bounded so a hostile file cannot blow up a walk. */
#ifndef KEFU_YDOC_H
#define KEFU_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	const char *str;	/* scalar text, NUL-terminated */
	/* a sequence's items; a mapping's keys and values alternate */
	struct ynode **items;
	uint32_t len;		/* of str, in bytes */
	uint32_t n;		/* items of a sequence, pairs of a mapping */
	int line, col;		/* 1-based start of the node */
	enum ynode_type type;
	bool plain;		/* scalar written without quotes or block style */
	bool block;		/* scalar in block style (| or >): its text starts
				 * on the line after the node's */
};

/* Limits on one file. The byte limit keeps lengths within 32 bits. */
#define YDOC_MAX_BYTES (8u << 20)	/* 8 MiB */
#define YDOC_MAX_DEPTH 64
#define YDOC_MAX_NODES 2000000ul	/* after alias expansion */

/* Parses buf (len bytes, already checked to be UTF-8) as one YAML
 * document. Returns the root, or NULL when the document is empty or on
 * error (errors are reported through diag with file:line:col). */
struct ynode *ydoc_parse(struct arena *, const char *file, const char *buf,
			 size_t len, struct diag *, bool *empty);
/* The same, with the scalars' text in an arena of its own, so a caller
 * may keep strings of the tree after freeing its nodes. */
struct ynode *ydoc_parse_text(struct arena *nodes, struct arena *text,
			      const char *file, const char *buf, size_t len,
			      struct diag *, bool *empty);

/* True for a null scalar: empty, ~, null. */
bool ydoc_is_null(const struct ynode *);
/* Kind of node as a word for messages: "text", "list", "mapping". */
const char *ydoc_type_name(const struct ynode *);

#endif
