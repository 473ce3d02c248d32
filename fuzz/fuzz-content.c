/* fuzz-content.c: libFuzzer harness for the content loader. Each input
 * is one content file's bytes: UTF-8 and NUL checks, the YAML parse,
 * validation of the content in it, then its references resolved against
 * the bundled content and its warnings made, as `kefu check FILE` does. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "content.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *tree;	/* the bundled content, for references */
static FILE *sink;		/* messages are formatted, then dropped */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag quiet = DIAG_INIT(NULL);
	const char *dir = getenv("KEFU_CONTENT");

	(void)argc;
	(void)argv;
	if ((sink = fopen("/dev/null", "w")) == NULL)
		abort();
	tree = content_new();
	content_load_tree(tree, dir ? dir : KEFU_SRCDIR, &quiet);
	content_resolve(tree, NULL, &quiet);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(sink);

	/* a file with errors still has its references resolved, as in
	 * `kefu check` */
	content_load_buffer(c, "fuzz.yaml", (const char *)data, size, &d);
	content_resolve(c, tree, &d);
	content_warnings(c, tree, &d);
	content_clashes(c, tree, &d);
	content_free(c);
	return 0;
}
