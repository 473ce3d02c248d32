/* diag.h: positioned error messages about content files, in the form
 * FILE:LINE:COLUMN: message, counted so a run can report them all. */
#ifndef KEFU_DIAG_H
#define KEFU_DIAG_H

#include <stdio.h>

#include "util.h"

struct diag {
	FILE *out;		/* where messages go; NULL keeps them quiet */
	unsigned errors;	/* how many were reported */
};

/* line and col are 1-based; 0 leaves them out of the message. */
void diag_at(struct diag *, const char *file, int line, int col,
	     const char *fmt, ...) PRINTF(5, 6);

#endif
