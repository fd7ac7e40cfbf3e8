# shellcheck shell=bash
# Sourced by .ci/run: a throwaway PostgreSQL server for the tests of the PostgreSQL store.
#
#   . .ci/postgres.sh            # installs, starts, exports CICA_CBM_TEST_POSTGRES
#   trap cica_postgres_stop EXIT # stops the server and removes its directory
#
# Installs Debian's postgresql package if no initdb is found, makes a cluster in a new
# `mktemp -d` directory (as the `postgres` system user when run as root), starts it on a free
# port of 127.0.0.1 (and a unix socket in that directory only), creates the database
# cica_test, and exports CICA_CBM_TEST_POSTGRES=postgresql://USER@127.0.0.1:PORT/cica_test.
# Trust authentication on loopback only: the server lives as long as the CI run.

cica_postgres_log() { echo "postgres.sh: $*" >&2; }

# the directory of initdb, pg_ctl and createdb: on PATH, else Debian's /usr/lib/postgresql/N/bin
cica_postgres_bindir() {
	local found
	found=$(command -v initdb 2>/dev/null || true)
	if [ -n "$found" ]; then
		dirname "$(readlink -f "$found")"
		return 0
	fi
	found=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null |
		sort -V | tail -n 1)
	[ -n "$found" ] && dirname "$found"
}

cica_postgres_start() {
	local started=$SECONDS bindir dir port user
	bindir=$(cica_postgres_bindir || true)
	if [ -z "$bindir" ]; then
		cica_postgres_log "no initdb found: installing Debian's postgresql package"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
		bindir=$(cica_postgres_bindir || true)
		if [ -z "$bindir" ]; then
			cica_postgres_log "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
			return 1
		fi
	fi

	# as root, the cluster belongs to the postgres user (initdb refuses to run as root)
	local -a as_owner=()
	if [ "$(id -u)" = 0 ]; then
		user=postgres
		if ! id -u "$user" >/dev/null 2>&1; then
			cica_postgres_log "running as root but there is no '$user' system user"
			return 1
		fi
		as_owner=(runuser -u "$user" --)
	else
		user=$(id -un)
	fi

	CICA_POSTGRES_BINDIR=$bindir
	CICA_POSTGRES_OWNER=$user
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cica-pg.XXXXXX")
	CICA_POSTGRES_DIR=$dir
	chmod 700 "$dir" || return 1
	if [ "$(id -u)" = 0 ]; then chown "$user:" "$dir" || return 1; fi

	# a free port: bind port 0 on loopback, read it, let it go
	port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || return 1

	# --no-sync: the cluster is thrown away with the run; the server itself keeps its
	# defaults (fsync = on, synchronous_commit = on), which the store's durability relies on
	if ! "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 \
		--locale=C.UTF-8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		return 1
	fi
	if ! "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" \
		start >/dev/null; then
		cat "$dir/server.log" >&2
		return 1
	fi
	"${as_owner[@]}" "$bindir/createdb" -h "$dir" -p "$port" -U "$user" cica_test || return 1

	export CICA_CBM_TEST_POSTGRES="postgresql://$user@127.0.0.1:$port/cica_test"
	cica_postgres_log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on" \
		"$CICA_CBM_TEST_POSTGRES, up in $((SECONDS - started)) s"
}

# stops the server and removes its directory; harmless if it never started or already stopped
cica_postgres_stop() {
	local dir=${CICA_POSTGRES_DIR:-}
	[ -n "$dir" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		local -a as_owner=()
		[ "$(id -u)" = 0 ] && as_owner=(runuser -u "${CICA_POSTGRES_OWNER:-postgres}" --)
		"${as_owner[@]}" "${CICA_POSTGRES_BINDIR:-}/pg_ctl" -D "$dir/data" -m immediate -w \
			stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	unset CICA_POSTGRES_DIR CICA_CBM_TEST_POSTGRES
}

# a failed start leaves no server and no directory behind (and fails the sourcing script)
cica_postgres_start || {
	cica_postgres_stop
	return 1
}
