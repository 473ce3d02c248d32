/* moodle.c: Moodle XML question files read and written through libxml2's
 * tree API, and the text of HTML fragments by its HTML parser. */
#include "config.h"

#include <dlfcn.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "bank/bank.h"

/* libxml2 is opened when a Moodle XML file or an HTML text is first
 * met, not linked: Debian's brings ICU and libstdc++ along, whose
 * loading would cost every start of kefu some 4 ms (docs/PERFORMANCE.md).
 * Its soname has been libxml2.so.2 since 2000; a setgid kefu's loader
 * ignores LD_LIBRARY_PATH, so the system's is the one opened. */
#define KEFU_LIBXML2 "libxml2.so.2"
#define XML_FUNCS(F) \
	F(htmlReadMemory) \
	F(xmlAddChild) \
	F(xmlAddPrevSibling) \
	F(xmlCreateMemoryParserCtxt) \
	F(xmlCtxtGetLastError) \
	F(xmlCtxtUseOptions) \
	F(xmlDocDumpFormatMemoryEnc) \
	F(xmlDocGetRootElement) \
	F(xmlDocSetRootElement) \
	F(xmlFreeDoc) \
	F(xmlFreeParserCtxt) \
	F(xmlGetLineNo) \
	F(xmlGetProp) \
	F(xmlNewChild) \
	F(xmlNewDoc) \
	F(xmlNewDocComment) \
	F(xmlNewDocNode) \
	F(xmlNewProp) \
	F(xmlNewTextChild) \
	F(xmlNodeGetContent) \
	F(xmlParseDocument) \
	F(xmlSetStructuredErrorFunc) \
	F(xmlStopParser) \
	F(xmlStrEqual) \
	F(xmlSAX2GetLineNumber)

#define XML_POINTER(f) static __typeof__(f) *p_##f;
XML_FUNCS(XML_POINTER)
static xmlFreeFunc *p_xmlFree;
static int xml_state;		/* 0 not tried, 1 opened, -1 not there */

/* Opens libxml2 once; false when it cannot be had. */
static bool
xml_open(void)
{
	void *h;

	if (xml_state != 0)
		return xml_state > 0;
	xml_state = -1;
	if ((h = dlopen(KEFU_LIBXML2, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
#define XML_LOAD(f) \
	if ((*(void **)&p_##f = dlsym(h, #f)) == NULL) \
		return false;
	XML_FUNCS(XML_LOAD)
	/* xmlFree is a variable holding the allocator's free */
	if ((p_xmlFree = (xmlFreeFunc *)dlsym(h, "xmlFree")) == NULL)
		return false;
	xml_state = 1;
	return true;
}

/* Every call below goes through the pointers. */
#define htmlReadMemory (*p_htmlReadMemory)
#define xmlAddChild (*p_xmlAddChild)
#define xmlAddPrevSibling (*p_xmlAddPrevSibling)
#define xmlCreateMemoryParserCtxt (*p_xmlCreateMemoryParserCtxt)
#define xmlCtxtGetLastError (*p_xmlCtxtGetLastError)
#define xmlCtxtUseOptions (*p_xmlCtxtUseOptions)
#define xmlDocDumpFormatMemoryEnc (*p_xmlDocDumpFormatMemoryEnc)
#define xmlDocGetRootElement (*p_xmlDocGetRootElement)
#define xmlDocSetRootElement (*p_xmlDocSetRootElement)
#define xmlFreeDoc (*p_xmlFreeDoc)
#define xmlFreeParserCtxt (*p_xmlFreeParserCtxt)
#define xmlGetLineNo (*p_xmlGetLineNo)
#define xmlGetProp (*p_xmlGetProp)
#define xmlNewChild (*p_xmlNewChild)
#define xmlNewDoc (*p_xmlNewDoc)
#define xmlNewDocComment (*p_xmlNewDocComment)
#define xmlNewDocNode (*p_xmlNewDocNode)
#define xmlNewProp (*p_xmlNewProp)
#define xmlNewTextChild (*p_xmlNewTextChild)
#define xmlNodeGetContent (*p_xmlNodeGetContent)
#define xmlParseDocument (*p_xmlParseDocument)
#define xmlSetStructuredErrorFunc (*p_xmlSetStructuredErrorFunc)
#define xmlStopParser (*p_xmlStopParser)
#define xmlStrEqual (*p_xmlStrEqual)
#define xmlSAX2GetLineNumber (*p_xmlSAX2GetLineNumber)
#define xmlFree (*p_xmlFree)

/* The comments kefu writes into a question for what Moodle has no field
 * for: its reader takes them back. */
#define MARK "kefu:"
#define MARK_ALL_OR_NOTHING "scoring all-or-nothing"
#define MARK_UNIT "unit"

/* libxml2 2.12 made the error handed to a handler const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_p;
#else
typedef xmlErrorPtr xml_error_p;
#endif

/* The first error libxml2 raised while quiet: libxml2 prints its errors
 * on stderr unless a handler takes them, and the user is to see ours. */
struct xml_err {
	bool set;
	unsigned line, col;
	char *msg;
};

static void
on_xml_error(void *ctx, xml_error_p e)
{
	struct xml_err *x = ctx;
	size_t len;

	if (x == NULL || x->set || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->set = true;
	x->line = e->line > 0 ? (unsigned)e->line : 0;
	x->col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	x->msg = xstrdup(e->message ? e->message : "");
	len = strlen(x->msg);
	while (len && (x->msg[len - 1] == '\n' || x->msg[len - 1] == ' '))
		x->msg[--len] = '\0';
}

/* Errors raised outside a parser context (an encoding that fails to
 * convert) go to the global handlers, so the quiet spell is global; no
 * other part of kefu sets a libxml2 handler, so ending it clears it. */
static void
quiet_begin(struct xml_err *x)
{
	memset(x, 0, sizeof(*x));
	xmlSetStructuredErrorFunc(x, on_xml_error);
}

static void
quiet_end(struct xml_err *x)
{
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(x->msg);
	x->msg = NULL;
}

/* ---- HTML ---- */

static bool
name_in(const xmlChar *name, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp((const char *)name, names[i]) == 0)
			return true;
	return false;
}

/* Elements that stand on lines of their own. */
static bool
html_block(const xmlChar *name)
{
	static const char *const blocks[] = {
		"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "table", "blockquote", "pre", "dt", "dd", "hr",
		"section", "article", "header", "footer", "figure", "address",
	};

	return name_in(name, blocks, ARRAY_SIZE(blocks));
}

/* Elements whose content is no text to read. */
static bool
html_hidden(const xmlChar *name)
{
	static const char *const hidden[] = {
		"head", "script", "style", "title", "template", "noscript",
	};

	return name_in(name, hidden, ARRAY_SIZE(hidden));
}

/* A line break where a block starts or ends: none when the text is
 * empty or at the start of a line already; spaces before it go. */
static void
html_break(struct sb *sb)
{
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	if (sb->len && sb->buf[sb->len - 1] != '\n')
		sb_addc(sb, '\n');
}

/* A line break of its own (<br>, a newline that counts): two make a
 * blank line, more make no more than one. */
static void
html_newline(struct sb *sb)
{
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	if (sb->len >= 2 && sb->buf[sb->len - 1] == '\n' && sb->buf[sb->len - 2] == '\n')
		return;
	sb_addc(sb, '\n');
}

/* A text node as it shows: runs of white space one space (a line break
 * where newlines count), none at the start of a line; in <pre> as is. */
static void
html_chars(struct sb *sb, const char *s, bool pre, bool newlines)
{
	for (; *s; s++) {
		if (pre)
			sb_addc(sb, *s);
		else if (*s == '\n' && newlines)
			html_newline(sb);
		else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (sb->len && sb->buf[sb->len - 1] != ' ' && sb->buf[sb->len - 1] != '\n')
				sb_addc(sb, ' ');
		} else
			sb_addc(sb, *s);
	}
}

static void
html_enter(struct sb *sb, const xmlNode *n, int *pre)
{
	if (strcasecmp((const char *)n->name, "br") == 0)
		html_newline(sb);
	else if (html_block(n->name))
		html_break(sb);
	if (strcasecmp((const char *)n->name, "pre") == 0)
		(*pre)++;
}

static void
html_leave(struct sb *sb, const xmlNode *n, int *pre)
{
	if (html_block(n->name))
		html_break(sb);
	else if (strcasecmp((const char *)n->name, "td") == 0 ||
		 strcasecmp((const char *)n->name, "th") == 0)
		html_chars(sb, " ", false, false);
	if (strcasecmp((const char *)n->name, "pre") == 0)
		(*pre)--;
}

/* The text of an HTML fragment; with newlines, a line break in its
 * source is one on screen too (Moodle's auto-format). The walk goes by
 * parent and sibling links, not by recursion, so no nesting of the
 * input can run it out of stack (and libxml2's HTML parser stops at a
 * depth of 256 anyway, keeping no text past it). */
static char *
html_text(const char *html, size_t n, bool newlines)
{
	struct xml_err x;
	struct sb sb = SB_INIT;
	htmlDocPtr doc;
	xmlNode *node;
	char *out;
	int pre = 0;

	if (n == 0)
		return NULL;
	if (n > INT_MAX)
		n = INT_MAX;
	quiet_begin(&x);
	/* no HTML_PARSE_NOIMPLIED: without <html><body> to put it in, the
	 * parser nests text after a </p> in a new <p> inside the old one */
	doc = htmlReadMemory(html, (int)n, NULL, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	quiet_end(&x);
	if (doc == NULL)
		return NULL;
	node = doc->children;
	while (node != NULL) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content)
				html_chars(&sb, (const char *)node->content, pre > 0, newlines && pre == 0);
		} else if (node->type == XML_ELEMENT_NODE && !html_hidden(node->name)) {
			html_enter(&sb, node, &pre);
			if (node->children) {
				node = node->children;
				continue;
			}
			html_leave(&sb, node, &pre);
		}
		while (node->next == NULL) {
			node = node->parent;
			if (node == NULL || node == (xmlNode *)doc)
				goto done;
			html_leave(&sb, node, &pre);
		}
		node = node->next;
	}
done:
	xmlFreeDoc(doc);
	out = bank_str(sb_str(&sb), sb.len);
	sb_free(&sb);
	return out;
}

char *
bank_html_text(const char *html, size_t n)
{
	/* without libxml2, the text as written (tags and all) */
	if (!xml_open())
		return bank_str(html, n);
	return html_text(html, n, false);
}

/* ---- reading ---- */

enum fmt { F_PLAIN, F_HTML, F_AUTO };

static bool
is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* The first element child of parent named name, or NULL. */
static xmlNode *
kid(const xmlNode *parent, const char *name)
{
	xmlNode *n;

	if (parent == NULL)
		return NULL;
	for (n = parent->children; n; n = n->next)
		if (is_el(n, name))
			return n;
	return NULL;
}

/* The next sibling of n named as n is. */
static xmlNode *
next_el(const xmlNode *n)
{
	xmlNode *s;

	for (s = n->next; s; s = s->next)
		if (is_el(s, (const char *)n->name))
			return s;
	return NULL;
}

static unsigned
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 && l <= (long)UINT_MAX ? (unsigned)l : 0;
}

/* The text an element holds, trimmed; NULL for none. Caller frees. */
static char *
content(const xmlNode *n)
{
	xmlChar *c;
	char *s;

	if (n == NULL || (c = xmlNodeGetContent(n)) == NULL)
		return NULL;
	s = bank_str((const char *)c, strlen((const char *)c));
	xmlFree(c);
	return s;
}

static enum fmt
fmt_of(const xmlNode *n, enum fmt dflt)
{
	xmlChar *f = n ? xmlGetProp(n, BAD_CAST "format") : NULL;
	enum fmt r = dflt;

	if (f == NULL)
		return dflt;
	if (xmlStrEqual(f, BAD_CAST "html"))
		r = F_HTML;
	else if (xmlStrEqual(f, BAD_CAST "moodle_auto_format"))
		r = F_AUTO;
	else if (xmlStrEqual(f, BAD_CAST "plain_text") || xmlStrEqual(f, BAD_CAST "markdown"))
		r = F_PLAIN;
	xmlFree(f);
	return r;
}

/* The text of n's <text> child in the format n says (dflt when it
 * does not), as kefu holds text; NULL when empty. Caller frees. */
static char *
text_of(const xmlNode *n, enum fmt dflt)
{
	xmlNode *t = kid(n, "text");
	xmlChar *c;
	char *s = NULL;
	size_t len;

	if (t == NULL || (c = xmlNodeGetContent(t)) == NULL)
		return NULL;
	len = strlen((const char *)c);
	switch (fmt_of(n, dflt)) {
	case F_PLAIN:
		s = bank_str((const char *)c, len);
		break;
	case F_HTML:
		s = html_text((const char *)c, len, false);
		break;
	case F_AUTO:
		s = html_text((const char *)c, len, true);
		break;
	}
	xmlFree(c);
	return s;
}

/* A number as Moodle writes one ("100", "33.33333", "1.0000000"). */
static bool
num_of(const char *s, double *out)
{
	char *end;
	double x;

	if (s == NULL || *s == '\0')
		return false;
	x = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end != '\0' || !isfinite(x))
		return false;
	*out = x;
	return true;
}

static double
fraction(const xmlNode *answer)
{
	xmlChar *f = xmlGetProp(answer, BAD_CAST "fraction");
	char *s;
	double x = 0;

	if (f == NULL)
		return 0;
	s = bank_str((const char *)f, strlen((const char *)f));
	if (!num_of(s, &x))
		x = 0;
	free(s);
	xmlFree(f);
	return x;
}

static bool
full_credit(double f)
{
	return fabs(f - 100) < 0.001;
}

/* What kefu's comments in a question say. */
struct marks {
	bool all_or_nothing;
	char *unit;
};

static void
read_marks(const xmlNode *qn, struct marks *m)
{
	const xmlNode *n;

	for (n = qn->children; n; n = n->next) {
		char *c, *p;

		if (n->type != XML_COMMENT_NODE || n->content == NULL)
			continue;
		c = bank_str((const char *)n->content, strlen((const char *)n->content));
		if (c == NULL || strncmp(c, MARK, strlen(MARK)) != 0) {
			free(c);
			continue;
		}
		p = c + strlen(MARK);
		while (*p == ' ')
			p++;
		if (strcmp(p, MARK_ALL_OR_NOTHING) == 0)
			m->all_or_nothing = true;
		else if (strncmp(p, MARK_UNIT " ", strlen(MARK_UNIT " ")) == 0) {
			free(m->unit);
			p += strlen(MARK_UNIT " ");
			m->unit = bank_str(p, strlen(p));
		}
		free(c);
	}
}

/* The tag a category path gives: its last part ("$course$/top/售后/
 * 退换货" gives 退换货; "//" is a '/' in a name), none for the parts
 * Moodle makes itself. Caller frees. */
static char *
category_tag(const char *path)
{
	static const char *const made[] = {
		"$course$", "$system$", "$module$", "$cat1$", "top",
	};
	struct sb sb = SB_INIT;
	const char *p;
	char *t;
	size_t i;

	for (p = path; *p; p++) {
		if (*p == '/' && p[1] == '/') {
			sb_addc(&sb, '/');
			p++;
		} else if (*p == '/')
			sb_reset(&sb);
		else
			sb_addc(&sb, *p);
	}
	t = bank_str(sb_str(&sb), sb.len);
	sb_free(&sb);
	if (t == NULL)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(made); i++)
		if (strcmp(t, made[i]) == 0)
			break;
	if (i < ARRAY_SIZE(made) || strncmp(t, "Default for ", strlen("Default for ")) == 0) {
		free(t);
		return NULL;
	}
	return t;
}

/* Appends lines to q's explanation. */
static void
explain_add(struct bank_q *q, const char *what)
{
	struct sb sb = SB_INIT;

	if (q->explain)
		sb_addf(&sb, "%s\n", q->explain);
	sb_adds(&sb, what);
	free(q->explain);
	q->explain = bank_str(sb_str(&sb), sb.len);
	sb_free(&sb);
}

/* An answer's own feedback, as a line "ANSWER: feedback" for the
 * explanation (kefu shows one for the whole question): gathered in fb
 * and added once, so many answers cost no more than their length. */
static void
answer_feedback(struct sb *fb, const xmlNode *answer, const char *label, enum fmt dflt)
{
	char *s = text_of(kid(answer, "feedback"), dflt);

	if (s)
		sb_addf(fb, "%s%s: %s", fb->len ? "\n" : "", label, s);
	free(s);
}

/* The fields every question has. */
static void
read_common(struct bank *b, struct bank_q *q, const xmlNode *qn, enum fmt *qfmt)
{
	const xmlNode *qt = kid(qn, "questiontext"), *t;
	char *s;
	double pts;

	*qfmt = fmt_of(qt, F_AUTO);
	if ((s = text_of(kid(qn, "name"), F_PLAIN)) && bank_is_id(s))
		q->id = s;
	else {
		free(s);
		if ((s = content(kid(qn, "idnumber"))) && bank_is_id(s))
			q->id = s;
		else
			free(s);
	}
	q->text = text_of(qt, F_AUTO);
	q->explain = text_of(kid(qn, "generalfeedback"), *qfmt);
	if ((s = content(kid(qn, "defaultgrade")))) {
		if (!num_of(s, &pts) || pts <= 0) {
			bank_note(b, BANK_LOSS, q->line, 0,
				  _("a grade of '%s' is no number of points above 0: made 1"), s);
			pts = 1;
		}
		q->points = pts;
		free(s);
	}
	for (t = kid(kid(qn, "tags"), "tag"); t; t = next_el(t)) {
		char *tag = text_of(t, F_PLAIN);

		if (tag)
			bank_add_tag(q, tag, strlen(tag));
		free(tag);
	}
}

static const char *
read_choices(struct bank *b, struct bank_q *q, const xmlNode *qn, enum fmt qfmt,
	     const struct marks *m, struct sb *fb)
{
	const xmlNode *a;
	bool lost = false, unequal = false;
	double first = 0;
	size_t k;

	q->partial = !m->all_or_nothing;
	for (a = kid(qn, "answer"); a; a = next_el(a)) {
		char *s = text_of(a, qfmt);
		double f = fraction(a);
		bool right = q->type == Q_SINGLE ? full_credit(f) : f > 0;

		if (s == NULL)
			continue;	/* Moodle leaves blank answers out too */
		if (q->type == Q_SINGLE && !right && f != 0)
			lost = true;
		if (q->type == Q_MULTI && right) {
			if (first == 0)
				first = f;
			else if (fabs(f - first) > 0.01)
				unequal = true;
		}
		bank_add_choice(q, s, strlen(s), right);
		answer_feedback(fb, a, s, qfmt);
		free(s);
	}
	if (q->nchoices == 0)
		return _("no answers");
	if ((k = bank_ncorrect(q)) == 0)
		return q->type == Q_SINGLE ? _("no answer with full credit (100%)") : _("no right answer");
	if (k > 1 && q->type == Q_SINGLE)
		return _("more than one answer with full credit: a single-choice question has one");
	if (lost)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("partial credit and penalties of wrong answers dropped: only the right answer scores"));
	if (unequal)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("right answers of unequal credit: each now counts the same"));
	return NULL;
}

static const char *
read_truefalse(struct bank_q *q, const xmlNode *qn, enum fmt qfmt, struct sb *fb)
{
	const xmlNode *a;
	int found = 0;

	for (a = kid(qn, "answer"); a; a = next_el(a)) {
		char *s = text_of(a, F_PLAIN);

		if (s && full_credit(fraction(a)) &&
		    (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0)) {
			found |= strcasecmp(s, "true") == 0 ? 1 : 2;
			q->truth = strcasecmp(s, "true") == 0;
		}
		if (s)
			answer_feedback(fb, a, s, qfmt);
		free(s);
	}
	if (found == 3)
		return _("both true and false carry full credit");
	return found ? NULL : _("no right answer");
}

static const char *
read_short(struct bank *b, struct bank_q *q, const xmlNode *qn, enum fmt qfmt,
	   struct marks *m, struct sb *fb)
{
	const xmlNode *a;
	bool dropped = false, star = false;
	char *s;

	for (a = kid(qn, "answer"); a; a = next_el(a)) {
		/* short answers are plain text in Moodle whatever the format */
		if ((s = text_of(a, F_PLAIN)) == NULL)
			continue;
		if (full_credit(fraction(a))) {
			bank_push(&q->accepted, &q->naccepted, s, strlen(s));
			star |= strchr(s, '*') != NULL;
			answer_feedback(fb, a, s, qfmt);
		} else
			dropped = true;
		free(s);
	}
	if (q->naccepted == 0)
		return _("no answer with full credit (100%)");
	if (dropped)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("answers with less than full credit dropped"));
	if (star)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("'*' in an answer is a wildcard in Moodle, a plain character in kefu"));
	if ((s = content(kid(qn, "usecase"))) && strcmp(s, "1") == 0)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("case-sensitive matching dropped: kefu ignores case"));
	free(s);
	q->unit = m->unit;
	m->unit = NULL;
	return NULL;
}

static const char *
read_numerical(struct bank *b, struct bank_q *q, const xmlNode *qn, enum fmt qfmt,
	       struct sb *fb)
{
	const xmlNode *a, *u;
	bool found = false, dropped = false, units_lost = false;

	for (a = kid(qn, "answer"); a; a = next_el(a)) {
		char *s = text_of(a, F_PLAIN), *tol;
		double x, t = 0;

		if (!found && full_credit(fraction(a)) && num_of(s, &x)) {
			tol = content(kid(a, "tolerance"));
			if (tol && !num_of(tol, &t))
				t = 0;
			free(tol);
			q->number = x;
			q->tolerance = fabs(t);
			found = true;
			answer_feedback(fb, a, s, qfmt);
		} else if (s)
			dropped = true;
		free(s);
	}
	if (!found)
		return _("no number with full credit (100%)");
	if (dropped)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("answers other than the right number dropped"));
	for (u = kid(kid(qn, "units"), "unit"); u; u = next_el(u)) {
		char *mult = content(kid(u, "multiplier")), *name = content(kid(u, "unit_name"));
		double x;

		if (q->unit == NULL && name && num_of(mult, &x) && x == 1)
			q->unit = strcmp(name, "%") == 0 ? xstrdup("percent") : xstrdup(name);
		else if (name)
			units_lost = true;
		free(mult);
		free(name);
	}
	if (units_lost)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("units other than the one of multiplier 1 dropped"));
	return NULL;
}

static const char *
read_matching(struct bank *b, struct bank_q *q, const xmlNode *qn, enum fmt qfmt)
{
	const xmlNode *s;
	bool distractor = false;

	for (s = kid(qn, "subquestion"); s; s = next_el(s)) {
		char *l = text_of(s, qfmt), *r = text_of(kid(s, "answer"), F_PLAIN);
		size_t nl = q->npairs, nr = q->npairs;

		if (l == NULL && r)
			distractor = true;
		else if (l && r) {
			bank_push(&q->left, &nl, l, strlen(l));
			bank_push(&q->right, &nr, r, strlen(r));
			q->npairs = nl;
		}
		free(l);
		free(r);
	}
	if (q->npairs == 0)
		return _("no pairs");
	if (distractor)
		bank_note(b, BANK_LOSS, q->line, 0, "%s",
			  _("extra wrong answers (subquestions without text) dropped"));
	return NULL;
}

static const char *
read_ordering(struct bank_q *q, const xmlNode *qn, enum fmt qfmt)
{
	const xmlNode *a;
	size_t n = 0, i, at;
	char **items;
	bool ranked = true;

	/* the plugin grades by each item's fraction, its place (1, 2, 3 ...):
	 * the right order is by it when the fractions are those places,
	 * else the order written */
	for (a = kid(qn, "answer"); a; a = next_el(a))
		n++;
	if (n == 0)
		return _("no items to order");
	items = xcalloc(n, sizeof(*items));
	for (a = kid(qn, "answer"), i = 0; a; a = next_el(a), i++) {
		double f = fraction(a);

		at = f >= 1 && f <= (double)n && f == floor(f) ? (size_t)f - 1 : n;
		if (at == n || items[at] != NULL)
			ranked = false;
		else
			items[at] = text_of(a, qfmt);
		if (!ranked)
			break;
	}
	for (i = 0; i < n; i++)
		if (items[i] == NULL)
			ranked = false;
	if (!ranked) {
		for (i = 0; i < n; i++)
			free(items[i]);
		for (a = kid(qn, "answer"), i = 0; a; a = next_el(a), i++)
			items[i] = text_of(a, qfmt);
	}
	for (i = 0; i < n; i++) {
		if (items[i])
			bank_push(&q->steps, &q->nsteps, items[i], strlen(items[i]));
		free(items[i]);
	}
	free(items);
	return q->nsteps ? NULL : _("no items to order");
}

static bool
text_is(const xmlChar *s, const char *what)
{
	return xmlStrEqual(s, BAD_CAST what);
}

/* Reads one <question> after a category gave cat (NULL for none). */
static void
read_question(struct bank *b, const xmlNode *qn, const char *cat)
{
	xmlChar *type = xmlGetProp(qn, BAD_CAST "type");
	unsigned line = line_of(qn);
	struct marks m = { false, NULL };
	struct sb fb = SB_INIT;
	struct bank_q *q;
	enum qtype t;
	enum fmt qfmt;
	const char *why = NULL;

	if (type == NULL) {
		bank_note(b, BANK_SKIPPED, line, 0, "%s", _("a question without a type"));
		return;
	}
	if (text_is(type, "multichoice")) {
		/* Moodle takes a missing <single> as true */
		char *s = content(kid(qn, "single"));

		t = s == NULL || strcmp(s, "true") == 0 || strcmp(s, "1") == 0 ? Q_SINGLE : Q_MULTI;
		free(s);
	} else if (text_is(type, "truefalse"))
		t = Q_TRUEFALSE;
	else if (text_is(type, "shortanswer"))
		t = Q_FILL;
	else if (text_is(type, "numerical"))
		t = Q_NUMERIC;
	else if (text_is(type, "matching"))
		t = Q_MATCH;
	else if (text_is(type, "essay"))
		t = Q_ESSAY;
	else if (text_is(type, "ordering"))
		t = Q_ORDER;
	else {
		bank_note(b, BANK_SKIPPED, line, 0, _("a question of type '%s': kefu has no such type"),
			  (const char *)type);
		xmlFree(type);
		return;
	}
	xmlFree(type);
	q = bank_add(b, t, line);
	read_common(b, q, qn, &qfmt);
	read_marks(qn, &m);
	switch (t) {
	case Q_SINGLE:
	case Q_MULTI:
		why = read_choices(b, q, qn, qfmt, &m, &fb);
		break;
	case Q_TRUEFALSE:
		why = read_truefalse(q, qn, qfmt, &fb);
		break;
	case Q_FILL:
		why = read_short(b, q, qn, qfmt, &m, &fb);
		break;
	case Q_NUMERIC:
		why = read_numerical(b, q, qn, qfmt, &fb);
		break;
	case Q_MATCH:
		why = read_matching(b, q, qn, qfmt);
		break;
	case Q_ESSAY:
		q->rubric = text_of(kid(qn, "graderinfo"), F_HTML);
		break;
	case Q_ORDER:
		why = read_ordering(q, qn, qfmt);
		break;
	}
	free(m.unit);
	if (fb.len)
		explain_add(q, sb_str(&fb));
	sb_free(&fb);
	if (q->text == NULL)
		why = _("no question text");
	if (why) {
		bank_note(b, BANK_SKIPPED, line, 0, "%s", why);
		bank_drop_last(b);
		return;
	}
	if (cat)
		bank_add_tag(q, cat, strlen(cat));
}

/* The parser state the DOCTYPE check keeps. */
struct doctype {
	bool seen;
	unsigned line;
};

/* A DOCTYPE can declare entities that expand without bound (a billion
 * laughs): the parse stops at its start, before any declaration in it
 * is read. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct doctype *d = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	d->seen = true;
	d->line = (unsigned)xmlSAX2GetLineNumber(ctx);
	xmlStopParser(ctxt);
}

/* An encoding a file may declare, as the static string b->encoding
 * wants; NULL for UTF-8 or one not known here. */
static const char *
encoding_name(const xmlChar *enc)
{
	static const char *const known[] = {
		"UTF-16", "UTF-16LE", "UTF-16BE", "GBK", "GB2312", "GB18030",
		"Big5", "ISO-8859-1",
	};
	size_t i;

	for (i = 0; enc && i < ARRAY_SIZE(known); i++)
		if (strcasecmp((const char *)enc, known[i]) == 0)
			return known[i];
	return NULL;
}

int
bank_read_moodle(struct bank *b, const char *buf, size_t n)
{
	struct xml_err x;
	struct doctype dt = { false, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *qn;
	char *cat = NULL;
	bool ok;
	const char *enc;

	if (n > INT_MAX) {
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("the file is too large"));
		return -1;
	}
	if (!xml_open()) {
		bank_note(b, BANK_ERROR, 0, 0, _("Moodle XML needs libxml2 (%s), which cannot be opened: %s"),
			  KEFU_LIBXML2, dlerror());
		return -1;
	}
	quiet_begin(&x);
	if ((ctxt = xmlCreateMemoryParserCtxt(buf, (int)n)) == NULL) {
		quiet_end(&x);
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("the file is empty"));
		return -1;
	}
	ctxt->_private = &dt;
	ctxt->sax->internalSubset = on_doctype;
	/* no XML_PARSE_NOENT or DTDLOAD: nothing is fetched or expanded;
	 * the depth of nesting stays libxml2's default bound (256), so
	 * nothing below walks an unbounded tree */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
			  XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	xmlParseDocument(ctxt);
	ok = ctxt->wellFormed && !dt.seen;
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (!x.set && !ok && !dt.seen) {
		/* an error that reached no handler: the context keeps it */
		xml_error_p e = xmlCtxtGetLastError(ctxt);

		if (e)
			on_xml_error(&x, e);
	}
	xmlFreeParserCtxt(ctxt);
	if (dt.seen || (ok && doc && doc->intSubset)) {
		bank_note(b, BANK_ERROR, dt.line, 0, "%s",
			  _("a DOCTYPE: a Moodle XML file has none, and its entities could expand without bound"));
		ok = false;
	} else if (!ok || doc == NULL) {
		bank_note(b, BANK_ERROR, x.line, x.col, _("not well-formed XML: %s"),
			  x.msg && *x.msg ? x.msg : _("no document"));
		ok = false;
	}
	quiet_end(&x);
	if (!ok) {
		xmlFreeDoc(doc);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_el(root, "quiz")) {
		bank_note(b, BANK_ERROR, root ? line_of(root) : 0, 0,
			  _("not a Moodle XML question file: the root element is <%s>, not <quiz>"),
			  root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	if ((enc = encoding_name(doc->encoding)))
		b->encoding = enc;
	for (qn = root->children; qn; qn = qn->next) {
		xmlChar *type;

		if (!is_el(qn, "question"))
			continue;
		type = xmlGetProp(qn, BAD_CAST "type");
		if (type && text_is(type, "category")) {
			char *path = text_of(kid(qn, "category"), F_PLAIN);

			free(cat);
			cat = path ? category_tag(path) : NULL;
			free(path);
		} else
			read_question(b, qn, cat);
		xmlFree(type);
	}
	free(cat);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- writing ---- */

/* s without what XML 1.0 cannot hold (C0 controls but tab and line
 * breaks), and, for a comment, with no "--" and no '-' at its end. */
static char *
xml_safe(const char *s, bool comment)
{
	struct sb sb = SB_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			continue;
		if (comment && *p == '-' && sb.len && sb.buf[sb.len - 1] == '-')
			sb_addc(&sb, ' ');
		sb_addc(&sb, (char)*p);
	}
	if (comment && sb.len && sb.buf[sb.len - 1] == '-')
		sb_addc(&sb, ' ');
	return sb_detach(&sb);
}

static xmlNode *
leaf(xmlNode *parent, const char *name, const char *value)
{
	char *v = xml_safe(value ? value : "", false);
	xmlNode *n = xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST(v ? v : ""));

	free(v);
	return n;
}

static xmlNode *
leaf_num(xmlNode *parent, const char *name, double x)
{
	struct sb sb = SB_INIT;
	xmlNode *n;

	bank_num(&sb, x);
	n = leaf(parent, name, sb_str(&sb));
	sb_free(&sb);
	return n;
}

/* <name format="plain_text"><text>value</text></name> (no format when
 * NULL). */
static xmlNode *
text_el(xmlNode *parent, const char *name, const char *format, const char *value)
{
	xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (format)
		xmlNewProp(n, BAD_CAST "format", BAD_CAST format);
	leaf(n, "text", value);
	return n;
}

static void
comment(xmlNode *parent, const char *what)
{
	char *s = xml_safe(what, true);

	xmlAddChild(parent, xmlNewDocComment(parent->doc, BAD_CAST s));
	free(s);
}

/* A fraction as Moodle writes one: up to 5 decimals, no trailing
 * zeros (33.33333, -50, 100). */
static void
fraction_str(char *buf, size_t size, double f)
{
	size_t len;

	snprintf(buf, size, "%.5f", f);
	len = strlen(buf);
	while (len && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len && buf[len - 1] == '.')
		buf[--len] = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

static xmlNode *
answer(xmlNode *qn, double f, const char *text)
{
	char frac[64];
	xmlNode *a = xmlNewChild(qn, NULL, BAD_CAST "answer", NULL);

	fraction_str(frac, sizeof(frac), f);
	xmlNewProp(a, BAD_CAST "fraction", BAD_CAST frac);
	xmlNewProp(a, BAD_CAST "format", BAD_CAST "plain_text");
	leaf(a, "text", text);
	return a;
}

static const char *
moodle_type(enum qtype t)
{
	switch (t) {
	case Q_SINGLE:
	case Q_MULTI:
		return "multichoice";
	case Q_TRUEFALSE:
		return "truefalse";
	case Q_FILL:
		return "shortanswer";
	case Q_NUMERIC:
		return "numerical";
	case Q_ORDER:
		return "ordering";
	case Q_MATCH:
		return "matching";
	case Q_ESSAY:
		return "essay";
	}
	return "description";
}

/* Writes a single or multi question's choices; adds its number to aon
 * when it is all-or-nothing, which Moodle cannot score. */
static void
write_choices(xmlNode *qn, const struct bank_q *q, size_t i, struct sb *aon)
{
	size_t j, k = bank_ncorrect(q);
	double right = k ? 100.0 / (double)k : 0, wrong;

	leaf(qn, "single", q->type == Q_SINGLE ? "true" : "false");
	leaf(qn, "shuffleanswers", "1");
	leaf(qn, "answernumbering", "ABCD");
	if (q->type == Q_SINGLE)
		right = 100, wrong = 0;
	else if (q->partial)
		wrong = -right;
	else {
		/* Moodle has no all-or-nothing: a wrong choice takes it all
		 * away, but some of the right ones alone still earn credit */
		wrong = -100;
		comment(qn, " " MARK " " MARK_ALL_OR_NOTHING " ");
		sb_addf(aon, "%s%zu", aon->len ? ", " : "", i + 1);
	}
	for (j = 0; j < q->nchoices; j++)
		answer(qn, q->correct[j] ? right : wrong, q->choices[j]);
}

static void
write_question(xmlNode *quiz, const struct bank_q *q, size_t i, struct sb *aon)
{
	xmlNode *qn = xmlNewChild(quiz, NULL, BAD_CAST "question", NULL), *a, *tags;
	char made[32];
	size_t j;

	xmlNewProp(qn, BAD_CAST "type", BAD_CAST moodle_type(q->type));
	snprintf(made, sizeof(made), "q%zu", i + 1);
	text_el(qn, "name", NULL, q->id ? q->id : made);
	text_el(qn, "questiontext", "plain_text", q->text);
	text_el(qn, "generalfeedback", "plain_text", q->explain);
	leaf_num(qn, "defaultgrade", q->points);
	leaf(qn, "penalty", "0");
	leaf(qn, "hidden", "0");
	if (q->id)
		leaf(qn, "idnumber", q->id);
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		write_choices(qn, q, i, aon);
		break;
	case Q_TRUEFALSE:
		answer(qn, q->truth ? 100 : 0, "true");
		answer(qn, q->truth ? 0 : 100, "false");
		break;
	case Q_FILL:
		if (q->unit) {
			struct sb sb = SB_INIT;

			sb_addf(&sb, " " MARK " " MARK_UNIT " %s ", q->unit);
			comment(qn, sb_str(&sb));
			sb_free(&sb);
		}
		leaf(qn, "usecase", "0");
		for (j = 0; j < q->naccepted; j++)
			answer(qn, 100, q->accepted[j]);
		break;
	case Q_NUMERIC: {
		struct sb sb = SB_INIT;

		bank_num(&sb, q->number);
		a = answer(qn, 100, sb_str(&sb));
		sb_free(&sb);
		leaf_num(a, "tolerance", q->tolerance);
		if (q->unit) {
			xmlNode *u = xmlNewChild(xmlNewChild(qn, NULL, BAD_CAST "units", NULL),
						 NULL, BAD_CAST "unit", NULL);

			leaf(u, "multiplier", "1");
			leaf(u, "unit_name", strcmp(q->unit, "percent") == 0 ? "%" : q->unit);
		}
		leaf(qn, "unitgradingtype", "0");
		leaf(qn, "unitpenalty", "0");
		leaf(qn, "showunits", "3");
		leaf(qn, "unitsleft", "0");
		break;
	}
	case Q_ORDER:
		leaf(qn, "layouttype", "VERTICAL");
		leaf(qn, "selecttype", "ALL");
		leaf(qn, "selectcount", "0");
		leaf(qn, "gradingtype", "ABSOLUTE_POSITION");
		leaf(qn, "showgrading", "SHOW");
		/* the fraction is the item's place, as the plugin writes it */
		for (j = 0; j < q->nsteps; j++)
			answer(qn, (double)(j + 1), q->steps[j]);
		break;
	case Q_MATCH:
		leaf(qn, "shuffleanswers", "1");
		for (j = 0; j < q->npairs; j++) {
			a = text_el(qn, "subquestion", "plain_text", q->left[j]);
			text_el(a, "answer", NULL, q->right[j]);
		}
		break;
	case Q_ESSAY:
		leaf(qn, "responseformat", "editor");
		leaf(qn, "responserequired", "1");
		leaf(qn, "responsefieldlines", "15");
		leaf(qn, "attachments", "0");
		text_el(qn, "graderinfo", "plain_text", q->rubric);
		break;
	}
	if (q->ntags) {
		tags = xmlNewChild(qn, NULL, BAD_CAST "tags", NULL);
		for (j = 0; j < q->ntags; j++)
			text_el(tags, "tag", NULL, q->tags[j]);
	}
}

void
bank_write_moodle(struct bank *b, struct sb *out)
{
	xmlDocPtr doc;
	xmlNode *quiz;
	xmlChar *mem = NULL;
	struct sb aon = SB_INIT;
	size_t i, naon = 0;
	int len = 0;

	if (!xml_open())
		die(_("Moodle XML needs libxml2 (%s), which cannot be opened: %s"), KEFU_LIBXML2,
		    dlerror());
	doc = xmlNewDoc(BAD_CAST "1.0");
	quiz = xmlNewDocNode(doc, NULL, BAD_CAST "quiz", NULL);
	xmlDocSetRootElement(doc, quiz);
	if (b->title) {
		struct sb sb = SB_INIT;
		char *s;

		sb_addf(&sb, " %s ", b->title);
		s = xml_safe(sb_str(&sb), true);
		xmlAddPrevSibling(quiz, xmlNewDocComment(doc, BAD_CAST s));
		free(s);
		sb_free(&sb);
	}
	for (i = 0; i < b->n; i++) {
		write_question(quiz, &b->q[i], i, &aon);
		naon += b->q[i].type == Q_MULTI && !b->q[i].partial;
	}
	/* one note for them all: all-or-nothing is kefu's default */
	if (naon)
		bank_note(b, BANK_LOSS, 0, 0,
			  P_("question %s: Moodle has no all-or-nothing scoring; there, "
			     "some of the right choices without the rest earn part of the points",
			     "questions %s: Moodle has no all-or-nothing scoring; there, "
			     "some of the right choices without the rest earn part of the points",
			     naon), sb_str(&aon));
	sb_free(&aon);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem && len > 0)
		sb_add(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
}
