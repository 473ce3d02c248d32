/* scripts.h: the pure side of script libraries (话术库): placeholders
 * found and filled, the clipboard sequence, a library written as YAML
 * in the content format, and a chat tool's quick-phrase CSV read into
 * one. No I/O.
 *
 * Ownership: a struct team_script points into the content or into the
 * proposal it came from; whoever made it keeps those alive. Strings
 * returned are malloc'd for the caller. */
#ifndef KEFU_SCRIPTS_H
#define KEFU_SCRIPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* A script as the team sees it: a library's own item, or a trainee's
 * proposal a trainer accepted (team true, its id "team-N"). */
struct team_script {
	const char *lib;	/* the library's id */
	const char *lib_title;
	const char *id;
	const char *title;
	const char *text;
	const char *shortcut;	/* NULL when none */
	const char *const *tags;
	size_t ntags;
	bool team;
	int64_t proposal;	/* team: the proposal's id */
	char tid[24];		/* team: where id points */
};

/* What is wrong with a script's text, as a message; NULL when nothing
 * is. A control character (a line break is one only without lines; its
 * byte into *bad when bad is not NULL), and with placeholders a brace
 * that makes none: {买家} is one, "{", "}", "{}" and "{{x}" are not. The
 * one rule for the loader, an import and a proposal alike. */
const char *scripts_text_problem(const char *s, bool lines, bool placeholders,
				 unsigned char *bad);
/* The distinct placeholders of text ({买家}, {单号}) in the order first
 * met, without braces, each malloc'd; returns how many (at most max). */
size_t scripts_placeholders(const char *text, char **names, size_t max);
/* text with each placeholder names[i] replaced by values[i]; caller
 * frees. */
char *scripts_fill(const char *text, char *const *names, char *const *values,
		   size_t n);
/* The OSC 52 sequence that puts text on the terminal's clipboard. */
void scripts_osc52(struct sb *, const char *text);
/* A YAML double-quoted scalar holding s exactly. */
void scripts_yaml_string(struct sb *, const char *s);
/* A library in the content format (scripts: id, title, situation,
 * items with id, title, text, tags, shortcut). */
void scripts_yaml(struct sb *, const char *id, const char *title,
		  const char *situation, const struct team_script *, size_t n);

/* A quick-phrase CSV (a header naming group, shortcut and text columns:
 * 分组, 快捷编码, 快捷短语 and the like; title and id optional) read
 * into a library. Each problem goes to errors as "LINE:COL: what" lines;
 * returns the number of problems (the library is good when 0). */
struct scripts_import {
	const char *id;		/* the library's id */
	const char *title;	/* NULL: the group when there is one */
	const char *situation;	/* NULL for none */
};
int scripts_import_csv(const char *buf, size_t len, const struct scripts_import *,
		       struct sb *yaml, struct sb *errors, size_t *count);

/* An id made from s: lowercase ASCII letters, digits and '-'; NULL when
 * nothing of s can be kept. */
char *scripts_make_id(const char *s);

#endif
