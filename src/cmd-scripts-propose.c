/* cmd-scripts-propose.c: `kefu scripts propose`, `review` and
 * `proposals`: new scripts from real chats, proposed by trainees and
 * reviewed by trainers. */
#include "config.h"

#include "kefu.h"

int
scripts_propose(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	(void)k, (void)c, (void)argc, (void)argv;
	return error("not yet"), 1;
}

int
scripts_review(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	(void)k, (void)c, (void)argc, (void)argv;
	return error("not yet"), 1;
}

int
scripts_proposals(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	(void)k, (void)c, (void)argc, (void)argv;
	return error("not yet"), 1;
}
