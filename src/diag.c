/* diag.c: reporting content errors with their position. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "diag.h"
#include "text.h"

struct diag_entry {
	int line, col;
	size_t seq;
	char *text;
};

static void
emit(struct diag *d, const char *text)
{
	fflush(stdout);
	fprintf(d->out, "%s\n", text);
}

void
diag_at(struct diag *d, const char *file, int line, int col,
	const char *fmt, ...)
{
	struct sb msg = SB_INIT, out = SB_INIT;
	va_list ap;

	d->errors++;
	if (d->out == NULL)
		return;
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	/* file names and quoted content may hold anything */
	text_inert(&out, file, false);
	if (line > 0 && col > 0)
		sb_addf(&out, ":%d:%d", line, col);
	else if (line > 0)
		sb_addf(&out, ":%d", line);
	sb_adds(&out, ": ");
	text_inert(&out, sb_str(&msg), false);
	sb_free(&msg);
	if (d->holding) {
		d->held = xreallocarray(d->held, d->nheld + 1, sizeof(*d->held));
		d->held[d->nheld].line = line;
		d->held[d->nheld].col = col;
		d->held[d->nheld].seq = d->nheld;
		d->held[d->nheld++].text = sb_detach(&out);
		return;
	}
	emit(d, sb_str(&out));
	sb_free(&out);
}

void
diag_hold(struct diag *d)
{
	d->holding = true;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_flush(struct diag *d)
{
	size_t i;

	if (d->nheld > 1)
		qsort(d->held, d->nheld, sizeof(*d->held), cmp_entry);
	for (i = 0; i < d->nheld; i++) {
		emit(d, d->held[i].text);
		free(d->held[i].text);
	}
	free(d->held);
	d->held = NULL;
	d->nheld = 0;
	d->holding = false;
}
