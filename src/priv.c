/* priv.c: holding, lowering and dropping the group of a team install. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "priv.h"
#include "util.h"

static bool team, dropped;
static gid_t team_gid;
static int lowered;		/* depth of priv_user() */
static char *user_sqlite_tmpdir;	/* as the user gave it, for children */

void
priv_init(void)
{
	const char *s;
	int fd;

	team = getegid() != getgid();
	if (!team)
		return;
	team_gid = getegid();
	/* a closed 0, 1 or 2 would let the next open file take its place and
	 * receive kefu's output */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && open("/dev/null", O_RDWR) != fd)
			_exit(1);
	/* SQLite's temporary files hold rows of the shared database: keep
	 * them where only the group can look */
	if ((s = getenv("SQLITE_TMPDIR")) != NULL)
		user_sqlite_tmpdir = xstrdup(s);
	if (setenv("SQLITE_TMPDIR", KEFU_STATEDIR, 1) != 0)
		_exit(1);
}

bool
priv_team(void)
{
	return team;
}

bool
priv_dropped(void)
{
	return dropped;
}

void
priv_user(void)
{
	if (!team || dropped || lowered++ > 0)
		return;
	if (setegid(getgid()) != 0)
		die(_("cannot set the group id: %s"), strerror(errno));
}

void
priv_group(void)
{
	if (!team || dropped)
		return;
	if (lowered <= 0)
		BUG("priv_group() without priv_user()");
	if (--lowered > 0)
		return;
	if (setegid(team_gid) != 0)
		die(_("cannot set the group id: %s"), strerror(errno));
}

void
priv_drop(void)
{
	gid_t g = getgid();

	if (!team || dropped)
		return;
	if (setresgid(g, g, g) != 0 || getegid() != g)
		die(_("cannot give up the group id: %s"), strerror(errno));
	dropped = true;
	lowered = 0;
	if (user_sqlite_tmpdir)
		setenv("SQLITE_TMPDIR", user_sqlite_tmpdir, 1);
	else
		unsetenv("SQLITE_TMPDIR");
}

int
priv_child(void)
{
	gid_t g = getgid();

	if (!team || dropped)
		return 0;
	if (setresgid(g, g, g) != 0 || getegid() != g)
		return -1;
	if (user_sqlite_tmpdir)
		setenv("SQLITE_TMPDIR", user_sqlite_tmpdir, 1);
	else
		unsetenv("SQLITE_TMPDIR");
	return 0;
}
