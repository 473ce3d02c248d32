/* term.c: reading a person's lines through readline on a terminal and
 * plainly otherwise; Ctrl-C, SIGHUP and SIGTERM; history; the pager.
 * The callback interface lets a signal end the current line cleanly.
 * Installed for a team, readline, history and the pager act with the
 * user's own group: they read the user's files, never the team's. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "kefu.h"
#include "priv.h"
#include "text.h"

static volatile sig_atomic_t got_int, got_quit, got_tstp;
static bool use_readline;
static char *history_path;
static char *cb_line;
static struct timespec deadline;	/* CLOCK_MONOTONIC; zero for none */
static void (*keyhook)(const char *, void *);
static void *keyhook_arg;
static bool cb_done, cb_eof;
static bool paste_seen;
static void (*tickfn)(void *);	/* called about once a second while reading */
static void *tickarg;
static char **(*completion)(const char *, int, int);

static void
on_signal(int sig)
{
	if (sig == SIGINT)
		got_int = 1;
	else if (sig == SIGTSTP)
		got_tstp = 1;
	else
		got_quit = 1;
}

/* Catches sig with on_signal, keeping the old action in *old. No
 * SA_RESTART: a signal must wake a blocked read. */
static void
catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, old);
}

void
term_init(struct kefu *k)
{
	use_readline = k->tty_in;
	if (use_readline) {
		rl_readline_name = "kefu";
		rl_catch_signals = 0;
		/* completion appends the word break itself */
		rl_completer_word_break_characters = " \t";
	}
}

void
term_shell(void)
{
	/* at the prompt Ctrl-C never ends kefu, even while a command runs */
	catch_signal(SIGINT, NULL);
}

/* Readline's bracketed paste, noted: pasted text is not typing. */
static int
on_paste(int count, int key)
{
	paste_seen = true;
	return rl_bracketed_paste_begin(count, key);
}

/* Editing that puts in text nobody typed now (yanking what was killed,
 * the history, completion, keyboard macros, a quoted newline): off
 * while a key hook reads, so a drill line is typed or not at all. */
static rl_command_func_t *const not_typing[] = {
	rl_yank, rl_yank_pop, rl_yank_nth_arg, rl_yank_last_arg,
	rl_vi_put, rl_vi_yank_arg, rl_vi_redo,
	rl_complete, rl_possible_completions, rl_insert_completions, rl_old_menu_complete,
	rl_menu_complete, rl_backward_menu_complete, rl_vi_complete, rl_tilde_expand,
	rl_beginning_of_history, rl_end_of_history, rl_get_next_history,
	rl_get_previous_history, rl_operate_and_get_next, rl_fetch_history,
	rl_vi_fetch_history, rl_reverse_search_history, rl_forward_search_history,
	rl_history_search_forward, rl_history_search_backward,
	rl_history_substr_search_forward, rl_history_substr_search_backward,
	rl_noninc_forward_search, rl_noninc_reverse_search,
	rl_noninc_forward_search_again, rl_noninc_reverse_search_again,
	rl_vi_search, rl_vi_search_again, rl_call_last_kbd_macro, rl_quoted_insert,
	rl_re_read_init_file, rl_digit_argument, rl_universal_argument,
};

/* What those keys do meanwhile: a bell. */
static int
refuse(int count, int key)
{
	(void)count;
	(void)key;
	return rl_ding();
}

/* The entries changed, to be put back as they were. */
static struct unbound {
	KEYMAP_ENTRY *e;
	KEYMAP_ENTRY was;
} *unbound;
static size_t nunbound, capunbound;

static void
unbind_not_typing(Keymap map, int depth)
{
	size_t i, j;

	for (i = 0; i < KEYMAP_SIZE; i++) {
		KEYMAP_ENTRY *e = &map[i];
		bool off = e->type == ISMACR;	/* a macro types for you */

		if (e->type == ISKMAP && e->function && depth < 32) {
			unbind_not_typing((Keymap)e->function, depth + 1);
			continue;
		}
		for (j = 0; e->type == ISFUNC && e->function && j < ARRAY_SIZE(not_typing); j++)
			if (e->function == not_typing[j])
				off = true;
		if (!off)
			continue;
		if (nunbound == capunbound) {
			capunbound = capunbound ? 2 * capunbound : 64;
			unbound = xreallocarray(unbound, capunbound, sizeof(*unbound));
		}
		unbound[nunbound].e = e;
		unbound[nunbound++].was = *e;
		e->type = ISFUNC;
		e->function = refuse;
	}
}

static void
rebind_not_typing(void)
{
	while (nunbound > 0) {
		nunbound--;
		*unbound[nunbound].e = unbound[nunbound].was;
	}
}

void
term_keyhook(void (*fn)(const char *, void *), void *arg)
{
	keyhook = fn;
	keyhook_arg = arg;
	paste_seen = false;
	if (!use_readline)
		return;
	rebind_not_typing();
	if (fn) {
		/* after the user's inputrc, which rl_initialize() reads once:
		 * a terminal then marks a paste, whatever inputrc says */
		priv_user();
		rl_initialize();
		priv_group();
		rl_variable_bind("enable-bracketed-paste", "on");
		rl_bind_keyseq_in_map("\033[200~", on_paste, emacs_standard_keymap);
		rl_bind_keyseq_in_map("\033[200~", on_paste, vi_insertion_keymap);
		unbind_not_typing(emacs_standard_keymap, 0);
		unbind_not_typing(vi_insertion_keymap, 0);
		unbind_not_typing(vi_movement_keymap, 0);
	}
}

bool
term_take_paste(void)
{
	bool p = paste_seen;

	paste_seen = false;
	return p;
}

size_t
term_point(void)
{
	return use_readline && rl_point > 0 ? (size_t)rl_point : 0;
}

void
term_deadline(long long seconds)
{
	memset(&deadline, 0, sizeof(deadline));
	if (seconds <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += seconds;
}

void
term_tick(void (*fn)(void *), void *arg)
{
	tickfn = fn;
	tickarg = arg;
}

void
term_prompt(const char *prompt)
{
	if (!use_readline)
		return;
	rl_set_prompt(prompt);
	rl_redisplay();
}

bool
term_quitting(void)
{
	return got_quit != 0;
}

/* Readline runs with the user's group; kefu's own completion (ids, the
 * logins in the store) with the team's. File names are readline's, with
 * the user's. */
static char **
complete(const char *text, int start, int end)
{
	char **matches;

	priv_group();
	matches = completion(text, start, end);
	priv_user();
	return matches;
}

void
term_set_completion(char **(*fn)(const char *, int, int))
{
	completion = fn;
	rl_attempted_completion_function = fn ? complete : NULL;
}

static void
on_line(char *line)
{
	cb_done = true;
	if (line == NULL)
		cb_eof = true;
	cb_line = line;
	rl_callback_handler_remove();
}

/* Reads one line of stdin a byte at a time, keeping at most max bytes
 * of it: a line of any length costs no more memory than that. Carriage
 * returns at its end go, as in CRLF input. */
static enum term_read
read_plain(char **line, size_t *len, size_t max)
{
	struct sb sb = SB_INIT;
	size_t n = 0, cr = 0;
	int c = EOF;

	flockfile(stdin);
	while (!got_quit && !got_int && (c = getc_unlocked(stdin)) != EOF && c != '\n') {
		if (c == '\r') {
			/* kept only if more of the line follows */
			cr++;
			continue;
		}
		for (; cr > 0; cr--, n++)
			if (n < max)
				sb_addc(&sb, '\r');
		if (n++ < max)
			sb_addc(&sb, (char)c);
	}
	funlockfile(stdin);
	if (c == EOF && (got_quit || got_int || (n == 0 && cr == 0))) {
		clearerr(stdin);
		sb_free(&sb);
		if (got_quit || !got_int)
			return TERM_EOF;
		return TERM_INTERRUPT;
	}
	*len = n;
	*line = sb_detach(&sb);
	return TERM_LINE;
}

/* Reads with readline's callback interface. The signals are blocked
 * except inside pselect, so one that comes between the check and the
 * wait is not lost. */
static enum term_read
read_readline(const char *prompt, char **line, const sigset_t *waitmask)
{
	cb_done = cb_eof = false;
	cb_line = NULL;
	rl_callback_handler_install(prompt, on_line);
	while (!cb_done) {
		fd_set fds;
		int r;

		if (got_tstp) {
			/* Ctrl-Z: the terminal as it was while stopped, readline's
			 * again when continued (readline does not catch signals) */
			sigset_t tstp;

			got_tstp = 0;
			rl_cleanup_after_signal();
			signal(SIGTSTP, SIG_DFL);
			sigemptyset(&tstp);
			sigaddset(&tstp, SIGTSTP);
			sigprocmask(SIG_UNBLOCK, &tstp, NULL);
			raise(SIGTSTP);
			sigprocmask(SIG_BLOCK, &tstp, NULL);
			catch_signal(SIGTSTP, NULL);
			rl_reset_after_signal();
			rl_forced_update_display();
			continue;
		}
		if (got_int || got_quit) {
			/* drop the half-typed line, give the terminal back */
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			rl_cleanup_after_signal();
			fputs(got_quit ? "\n" : "^C\n", stdout);
			fflush(stdout);
			return got_quit ? TERM_EOF : TERM_INTERRUPT;
		}
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		if (deadline.tv_sec || tickfn) {
			struct timespec now, left = { 1, 0 };
			bool ticking = tickfn != NULL;

			clock_gettime(CLOCK_MONOTONIC, &now);
			if (tickfn)
				/* to the next whole second, so a countdown steps evenly */
				left.tv_nsec = 1000000000L - now.tv_nsec, left.tv_sec = 0;
			if (deadline.tv_sec) {
				struct timespec d;

				d.tv_sec = deadline.tv_sec - now.tv_sec;
				d.tv_nsec = deadline.tv_nsec - now.tv_nsec;
				if (d.tv_nsec < 0)
					d.tv_sec--, d.tv_nsec += 1000000000L;
				if (d.tv_sec < 0)
					d.tv_sec = d.tv_nsec = 0;
				if (!tickfn || d.tv_sec < left.tv_sec ||
				    (d.tv_sec == left.tv_sec && d.tv_nsec <= left.tv_nsec)) {
					left = d;
					ticking = false;
				}
			}
			r = pselect(STDIN_FILENO + 1, &fds, NULL, NULL, &left, waitmask);
			if (r == 0 && ticking) {
				priv_group();
				tickfn(tickarg);
				priv_user();
				continue;
			}
			if (r == 0) {
				rl_free_line_state();
				rl_callback_handler_remove();
				rl_cleanup_after_signal();
				fputc('\n', stdout);
				return TERM_TIMEOUT;
			}
		} else
			r = pselect(STDIN_FILENO + 1, &fds, NULL, NULL, NULL, waitmask);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rl_callback_handler_remove();
			return TERM_EOF;
		}
		rl_callback_read_char();
		if (keyhook && !cb_done) {
			priv_group();
			keyhook(rl_line_buffer, keyhook_arg);
			priv_user();
		}
	}
	if (cb_eof) {
		fputc('\n', stdout);
		return TERM_EOF;
	}
	*line = cb_line;
	return TERM_LINE;
}

enum term_read
term_read(const char *prompt, char **line)
{
	size_t len;

	return term_read_max(prompt, line, &len, SIZE_MAX);
}

enum term_read
term_read_max(const char *prompt, char **line, size_t *len, size_t max)
{
	struct sigaction old_int, old_term, old_hup, old_tstp;
	sigset_t block, orig;
	enum term_read r;

	*line = NULL;
	*len = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	if (use_readline)
		sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &orig);
	catch_signal(SIGINT, &old_int);
	catch_signal(SIGTERM, &old_term);
	catch_signal(SIGHUP, &old_hup);
	if (use_readline)
		catch_signal(SIGTSTP, &old_tstp);
	got_tstp = 0;
	got_int = 0;
	if (use_readline) {
		/* inputrc, INPUTRC and file-name completion: the user's files */
		priv_user();
		r = read_readline(prompt, line, &orig);
		priv_group();
		/* readline's line holds no NUL, and was typed or pasted whole */
		if (r == TERM_LINE && (*len = strlen(*line)) > max)
			(*line)[max] = '\0';
	} else {
		sigprocmask(SIG_SETMASK, &orig, NULL);
		r = read_plain(line, len, max);
		sigprocmask(SIG_BLOCK, &block, NULL);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	if (use_readline)
		sigaction(SIGTSTP, &old_tstp, NULL);
	got_int = 0;
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return r;
}

void
term_history_load(const char *path)
{
	if (!use_readline)
		return;
	free(history_path);
	history_path = xstrdup(path);
	using_history();
	stifle_history(1000);
	priv_user();
	read_history(history_path);
	priv_group();
}

void
term_history_add(const char *line)
{
	HIST_ENTRY *last;

	if (!use_readline || line[0] == '\0' || line[0] == ' ')
		return;
	last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
}

void
term_history_save(void)
{
	if (!use_readline || history_path == NULL)
		return;
	priv_user();
	if (write_history(history_path) != 0)
		error(_("cannot save history to '%s'"), history_path);
	priv_group();
	free(history_path);
	history_path = NULL;
}

/* Starts the pager reading from the returned stream, with no group
 * privilege and the signals at their defaults; NULL when it cannot. */
static FILE *
pager_open(const char *pager, pid_t *pid)
{
	int fds[2];
	FILE *fp;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return NULL;
	*pid = fork();
	if (*pid == 0) {
		if (dup2(fds[0], STDIN_FILENO) < 0 ||
		    (fds[0] == STDIN_FILENO && fcntl(fds[0], F_SETFD, 0) != 0) ||
		    priv_child() != 0)
			_exit(126);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (*pid < 0 || (fp = fdopen(fds[1], "w")) == NULL) {
		close(fds[1]);
		if (*pid > 0)
			waitpid(*pid, NULL, 0);
		return NULL;
	}
	return fp;
}

static int
pager_close(FILE *fp, pid_t pid)
{
	int status;

	fclose(fp);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int
term_page(struct kefu *k, const char *text)
{
	struct sb sb = SB_INIT;
	struct sigaction ign, oldint, oldpipe;
	const char *pager;
	FILE *fp;
	pid_t pid;
	int status;

	/* content is untrusted: escapes are made visible before any pager */
	text_inert(&sb, text, true);
	if (sb.len == 0 || sb.buf[sb.len - 1] != '\n')
		sb_addc(&sb, '\n');
	pager = getenv("PAGER");
	if (pager == NULL || *pager == '\0')
		pager = "less -R";
	if (!k->tty_in || !isatty(STDOUT_FILENO) || strcmp(pager, "cat") == 0) {
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		return 0;
	}
	fflush(stdout);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* Ctrl-C belongs to the pager while it runs: kefu only notes it, and
	 * the pager starts with the default action, not an inherited "ignore" */
	catch_signal(SIGINT, &oldint);
	sigaction(SIGPIPE, &ign, &oldpipe);
	setenv("LESSCHARSET", "utf-8", 0);
	fp = pager_open(pager, &pid);
	if (fp == NULL) {
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGPIPE, &oldpipe, NULL);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		return 0;
	}
	fwrite(sb.buf, 1, sb.len, fp);
	status = pager_close(fp, pid);
	sigaction(SIGINT, &oldint, NULL);
	got_int = 0;
	sigaction(SIGPIPE, &oldpipe, NULL);
	if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) == 127)) {
		/* no pager: the lesson still gets shown */
		error(_("cannot run the pager '%s' (set PAGER); printing instead"), pager);
		fputs(sb_str(&sb), stdout);
	}
	sb_free(&sb);
	return 0;
}

/* Ctrl-X Ctrl-E while an essay is typed: the line ends, and the caller
 * learns (term_take_edit()) that the editor was asked for. */
static bool edit_on, edit_asked;

static int
on_edit(int count, int key)
{
	(void)count;
	(void)key;
	if (!edit_on)
		return rl_ding();
	edit_asked = true;
	rl_done = 1;
	return 0;
}

void
term_edit_key(bool on)
{
	static bool bound;

	edit_on = on;
	edit_asked = false;
	if (!use_readline || !on || bound)
		return;
	/* after the user's inputrc, which could bind the keys otherwise */
	priv_user();
	rl_initialize();
	priv_group();
	rl_bind_keyseq_in_map("\\C-x\\C-e", on_edit, emacs_standard_keymap);
	rl_bind_keyseq_in_map("\\C-x\\C-e", on_edit, vi_insertion_keymap);
	bound = true;
}

bool
term_take_edit(void)
{
	bool e = edit_asked;

	edit_asked = false;
	return e;
}

int
term_edit(const char *text, size_t max, char **out)
{
	const char *dir = getenv("TMPDIR"), *editor = getenv("VISUAL");
	struct sigaction oldint;
	const char *why = NULL;
	char *p, *buf = NULL;
	size_t len = 0;
	int fd, status = -1;
	pid_t pid;

	*out = NULL;
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	p = path_join(dir && *dir == '/' ? dir : "/tmp", "kefu-answer-XXXXXX.txt");
	/* the file is the user's, made and read with their own group */
	priv_user();
	fd = mkstemps(p, 4);
	priv_group();
	if (fd < 0) {
		error(_("cannot make a file for the editor in %s: %s"),
		      dir && *dir == '/' ? dir : "/tmp", strerror(errno));
		free(p);
		return -1;
	}
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    (*text && text[strlen(text) - 1] != '\n' && write(fd, "\n", 1) != 1)) {
		error(_("cannot write %s: %s"), p, strerror(errno));
		close(fd);
		unlink(p);
		free(p);
		return -1;
	}
	close(fd);
	fflush(stdout);
	/* Ctrl-C belongs to the editor while it runs */
	catch_signal(SIGINT, &oldint);
	pid = fork();
	if (pid == 0) {
		if (priv_child() != 0)
			_exit(126);
		signal(SIGINT, SIG_DFL);
		/* the editor as the user's shell would run it, with its
		 * options; the file name as "$1", never parsed */
		execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", p,
		      (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &oldint, NULL);
	got_int = 0;
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == 126 ||
	    WEXITSTATUS(status) == 127) {
		error(_("cannot run the editor '%s' (set VISUAL or EDITOR); your answer is as it was"),
		      editor);
		unlink(p);
		free(p);
		return -1;
	}
	priv_user();
	fd = read_file(p, max, &buf, &len, &why);
	priv_group();
	if (fd != 0) {
		error(_("cannot read back %s: %s"), p, why);
		unlink(p);
		free(p);
		return -1;
	}
	unlink(p);
	free(p);
	{
		/* CRLF from an editor that writes it; a NUL ends the text */
		char *r, *w;

		for (r = w = buf; r < buf + len && *r; r++)
			if (!(*r == '\r' && r[1] == '\n'))
				*w++ = *r;
		*w = '\0';
		len = (size_t)(w - buf);
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	*out = buf;
	return WEXITSTATUS(status) == 0 ? 0 : 1;
}

enum term_read
term_key(char *key, size_t size)
{
	struct termios was, raw;
	struct sigaction old_int, old_term, old_hup;
	unsigned char c;
	enum term_read r = TERM_LINE;
	size_t n = 0, want = 1;
	ssize_t got;

	if (!use_readline || size < 5 || tcgetattr(STDIN_FILENO, &was) != 0) {
		/* piped: the first character of a line */
		char *line;

		r = term_read("", &line);
		if (r == TERM_LINE) {
			size_t len = strlen(line);

			n = len == 0 ? 0 : text_decode(line, len, &(int32_t){ 0 });
			if (n == 0 && len)
				n = 1;
			if (n >= size)
				n = 0;
			memcpy(key, line, n);
			key[n] = '\0';
			if (n == 0)
				strcpy(key, "\n");
			free(line);
		}
		return r;
	}
	fflush(stdout);
	raw = was;
	/* one key, unechoed, Ctrl-C and Ctrl-D read as keys */
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	catch_signal(SIGTERM, &old_term);
	catch_signal(SIGHUP, &old_hup);
	catch_signal(SIGINT, &old_int);
	got_quit = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	while (n < want) {
		got = read(STDIN_FILENO, &c, 1);
		if (got < 0 && errno == EINTR && !got_quit)
			continue;
		if (got <= 0) {
			r = TERM_EOF;
			break;
		}
		if (n == 0) {
			if (c == 3) {
				r = TERM_INTERRUPT;
				break;
			}
			if (c == 4) {
				r = TERM_EOF;
				break;
			}
			if (c == 0x1b) {
				/* an arrow or function key: its sequence drained,
				 * so its letters are no keys of their own */
				struct termios drain = raw;

				drain.c_cc[VMIN] = 0;
				drain.c_cc[VTIME] = 1;
				tcsetattr(STDIN_FILENO, TCSANOW, &drain);
				while (read(STDIN_FILENO, &c, 1) == 1)
					;
				tcsetattr(STDIN_FILENO, TCSANOW, &raw);
				key[n++] = 0x1b;
				break;
			}
			/* the rest of a UTF-8 character, or of an escape
			 * sequence's first bytes (an arrow key: ignored) */
			want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		}
		key[n++] = (char)c;
	}
	key[r == TERM_LINE ? n : 0] = '\0';
	tcsetattr(STDIN_FILENO, TCSANOW, &was);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	if (r == TERM_LINE && key[0] == '\r')
		strcpy(key, "\n");
	return r;
}
