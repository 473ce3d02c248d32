/* priv.h: the group privilege of a team install (kefu setgid to the
 * group that owns the shared database; see docs/SECURITY.md).
 *
 * kefu keeps the group for the shared database and the installed content
 * and acts with the user's own ids for everything the user names or runs:
 * their files, readline, the pager. In a personal install (not setgid)
 * every function here does nothing. */
#ifndef KEFU_PRIV_H
#define KEFU_PRIV_H

#include <stdbool.h>

/* The team's database, under $(localstatedir)/lib/kefu. */
#define PRIV_SHARED_DB KEFU_STATEDIR "/kefu.db"

/* First thing in main(): notes whether kefu runs setgid and, if so,
 * makes sure fds 0-2 are open and SQLite's temporary files stay in the
 * team's directory. */
void priv_init(void);
/* True when kefu was started setgid (a team install), even after
 * priv_drop(). */
bool priv_team(void);
/* True once priv_drop() gave the group up. */
bool priv_dropped(void);
/* Acts with the user's own group until the matching priv_group(); pairs
 * nest. */
void priv_user(void);
void priv_group(void);
/* Gives the group up for good: kefu can then do only what the user could
 * do alone. */
void priv_drop(void);
/* In a forked child before exec: no group privilege left, and the
 * environment as the user gave it. Returns -1 when the group cannot be
 * dropped (the child must not exec then). */
int priv_child(void);

#endif
