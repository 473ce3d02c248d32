/* diag.h: positioned error messages about content files, in the form
 * FILE:LINE:COLUMN: message, counted so a run can report them all. */
#ifndef KEFU_DIAG_H
#define KEFU_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct diag_entry;

struct diag {
	FILE *out;		/* where messages go; NULL keeps them quiet */
	unsigned errors;	/* how many were reported */
	/* private: messages held back to be printed in position order */
	struct diag_entry *held;
	size_t nheld;
	bool holding;
};

#define DIAG_INIT(out) { (out), 0, NULL, 0, false }

/* line and col are 1-based; 0 leaves them out of the message. */
void diag_at(struct diag *, const char *file, int line, int col,
	     const char *fmt, ...) PRINTF(5, 6);

/* Holds messages from now on; diag_flush() prints them sorted by line
 * and column (one file's messages read top to bottom). */
void diag_hold(struct diag *);
void diag_flush(struct diag *);

#endif
