/* diag.c: reporting content errors with their position. */
#include "config.h"

#include <stdarg.h>

#include "diag.h"
#include "text.h"

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
	fflush(stdout);
	fprintf(d->out, "%s\n", sb_str(&out));
	sb_free(&msg);
	sb_free(&out);
}
