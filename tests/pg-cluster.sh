# pg-cluster.sh: a throwaway PostgreSQL cluster for the suite run as
# `make check KEFU_TEST_ENGINE=postgresql`. The first test that needs it
# starts it (initdb and pg_ctl in tests/pg of the build tree, a Unix
# socket there and no TCP port, fsync off: it holds nothing worth
# keeping), as an unprivileged account when the tests run as root;
# `make check` stops it when the tests are done (check-local). Each test
# gets a database of its own on it.
#   pg_cluster up      start it unless it runs
#   pg_cluster down    stop it and remove it
#   pg_database NAME   a new, empty database; prints its URI
PG_DIR="$top_builddir/tests/pg"
PG_OWNER=kefupg

pg_bin() {
	for _d in /usr/lib/postgresql/*/bin; do
		[ -x "$_d/initdb" ] && { echo "$_d"; return 0; }
	done
	_i=$(command -v initdb) && { dirname "$_i"; return 0; }
	return 1
}

# runs a server program as the cluster's owner
pg_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$PG_OWNER" -- "$@"
	else
		"$@"
	fi
}

pg_cluster() {
	_bin=$(pg_bin) || { echo "no PostgreSQL server (Debian: postgresql)" >&2; return 1; }
	case $1 in
	up)
		# one test at a time starts it: the others wait for the lock
		mkdir -p "$(dirname "$PG_DIR")" || return 1
		_n=0
		until mkdir "$PG_DIR.lock" 2> /dev/null; do
			_n=$((_n + 1))
			[ $_n -gt 600 ] && { echo "pg_cluster: $PG_DIR.lock held for a minute" >&2; return 1; }
			sleep 0.1
		done
		_rc=0
		if ! pg_as_owner "$_bin/pg_ctl" -D "$PG_DIR/data" status > /dev/null 2>&1; then
			if [ "$(id -u)" = 0 ] && ! id "$PG_OWNER" > /dev/null 2>&1; then
				useradd -M -N -s /bin/sh "$PG_OWNER" || _rc=1
			fi
			rm -rf "$PG_DIR" && mkdir -p "$PG_DIR" || _rc=1
			[ "$(id -u)" = 0 ] && chown "$PG_OWNER" "$PG_DIR"
			chmod 755 "$PG_DIR"
			[ $_rc -eq 0 ] &&
				pg_as_owner "$_bin/initdb" -D "$PG_DIR/data" -A trust -U kefu -E UTF8 \
					--no-sync --locale=C.UTF-8 > "$PG_DIR/initdb.log" 2>&1 &&
				pg_as_owner "$_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
					-o "-k $PG_DIR -c listen_addresses= -c fsync=off -c max_connections=200" \
					start > /dev/null 2>&1 || _rc=1
		fi
		rmdir "$PG_DIR.lock"
		[ $_rc -eq 0 ] || { cat "$PG_DIR/initdb.log" "$PG_DIR/server.log" >&2 2> /dev/null; return 1; }
		;;
	down)
		[ -d "$PG_DIR/data" ] &&
			pg_as_owner "$_bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop > /dev/null 2>&1
		rm -rf "$PG_DIR" "$PG_DIR.lock"
		;;
	esac
}

# a URI, without a space to split (the tests pass it through shells)
pg_database() {
	psql -X -q -h "$PG_DIR" -U kefu -d postgres -c "CREATE DATABASE \"$1\"" > /dev/null || return 1
	echo "postgresql://kefu@/$1?host=$PG_DIR"
}
