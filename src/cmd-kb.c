/* cmd-kb.c: `kefu kb`, one search over everything the team knows. */
#include "config.h"

#include "kefu.h"

int
cmd_kb(struct kefu *k, int argc, char **argv)
{
	(void)k, (void)argc, (void)argv;
	return error("not yet"), 1;
}

static const char *const kb_words[] = { "search", "show", "--format", NULL };

const struct cmd cmd_kb_entry = {
	.name = "kb",
	.usage = "search WORDS... | show REF",
	.summary = N_("search the knowledge base"),
	.help = N_("x\n"),
	.arg = ARG_WORDS,
	.words = kb_words,
	.fn = cmd_kb,
};
