#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for integration tests. No Docker: the
# server binaries come from Debian's `postgresql` package, installed with apt-get when missing.
#
#   scripts/postgres/start.sh        fresh server: new temp data dir, free port, new password
#
# On success prints exactly one line on stdout, so `eval "$(scripts/postgres/start.sh)"` works:
#   DATABASE_URL=postgres://eng5_test:<password>@127.0.0.1:<port>/eng5_test
# The role eng5_test may create databases (tests make one each). Everything else goes to
# stderr; the server's own log is <temp dir>/server.log.
#
# PostgreSQL refuses to run as root: when started by root, the server runs as the `postgres`
# user (created by the package) in a temp dir that user owns.
#
# Environment:
#   POSTGRES_STATE_FILE     state file to write (default <repo>/.cache/postgres.env); use one
#                           per server to run several in parallel
#   POSTGRES_START_TIMEOUT  readiness timeout in seconds (default 60)
#   POSTGRES_WATCH_PID      optional pid (e.g. the test runner); when it exits the server is
#                           stopped and its temp dir removed
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/ports.sh
source "${script_dir}/../lib/ports.sh"
repo_root="$(cd "${script_dir}/../.." && pwd)"
state_file="${POSTGRES_STATE_FILE:-${repo_root}/.cache/postgres.env}"
start_timeout="${POSTGRES_START_TIMEOUT:-60}"
test_role=eng5_test
test_database=eng5_test

log() { printf 'postgres-start: %s\n' "$*" >&2; }

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) log "unknown argument: $1"; exit 2 ;;
esac

# shellcheck source=scripts/postgres/common.sh
source "${script_dir}/common.sh"

# --- binaries -----------------------------------------------------------------------------

find_bin_dir() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [[ -x "${dir}/postgres" ]]; then printf '%s\n' "${dir}"; return 0; fi
  fi
  # Debian keeps server binaries off PATH, one directory per major version; take the newest.
  while IFS= read -r dir; do
    if [[ -x "${dir}/initdb" && -x "${dir}/pg_ctl" && -x "${dir}/postgres" ]]; then printf '%s\n' "${dir}"; return 0; fi
  done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V -r)
  return 1
}

install_postgres() {
  [[ "$(id -u)" -eq 0 ]] || die "PostgreSQL is not installed and only root can install it (apt-get install -y postgresql)"
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available to install it"
  mkdir -p "${repo_root}/.cache"
  # Parallel test files may start servers at once: one installs, the others wait for it.
  exec 9>"${repo_root}/.cache/postgres-install.lock"
  flock 9
  if find_bin_dir >/dev/null; then exec 9>&-; return 0; fi
  log "installing PostgreSQL with apt-get (first use on this machine)"
  # Only the binaries are wanted, not the package's default cluster (which would be started
  # on port 5432): on a first install, a createcluster.conf saying so is kept by ucf.
  if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    printf 'create_main_cluster = false\n' >/etc/postgresql-common/createcluster.conf
  fi
  export DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1
  if ! apt-get install -y --no-install-recommends postgresql >&2; then
    apt-get update >&2 || die "apt-get update failed"
    apt-get install -y --no-install-recommends postgresql >&2 || die "apt-get install postgresql failed"
  fi
  exec 9>&-
}

# --- helpers ------------------------------------------------------------------------------


print_log_tail() {
  if [[ -s "${tmp_dir}/server.log" ]]; then
    log "---- last lines of ${tmp_dir}/server.log ----"
    tail -n 40 "${tmp_dir}/server.log" >&2
  fi
}

write_config() {
  cat >>"${tmp_dir}/data/postgresql.conf" <<EOF

# Added by scripts/postgres/start.sh: a private, disposable server for tests.
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${tmp_dir}/socket'
max_connections = 50
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_server() {
  # pg_ctl -w waits until the server accepts connections (or gives up after the timeout).
  run_as_server_user "${bin_dir}/pg_ctl" -D "${tmp_dir}/data" -l "${tmp_dir}/server.log" \
    -w -t "${start_timeout}" start >&2
}

server_pid() {
  head -n 1 "${tmp_dir}/data/postmaster.pid" 2>/dev/null || true
}

create_test_role() {
  local psql="${bin_dir}/psql"
  [[ -x "${psql}" ]] || psql="$(command -v psql)" || die "psql not found"
  run_as_server_user "${psql}" -X -q -v ON_ERROR_STOP=1 -h "${tmp_dir}/socket" -p "${port}" -U postgres -d postgres \
    -c "CREATE ROLE ${test_role} LOGIN CREATEDB PASSWORD '${password}'" \
    -c "CREATE DATABASE ${test_database} OWNER ${test_role}" >&2
}

write_state() {
  write_state_file "${state_file}" "POSTGRES_PID=$(server_pid)" "POSTGRES_TMP_DIR=${tmp_dir}" "POSTGRES_BIN_DIR=${bin_dir}" \
    "POSTGRES_PORT=${port}" "POSTGRES_WATCHER_PID=${watcher_pid}" "DATABASE_URL=${database_url}"
}

# --- main ---------------------------------------------------------------------------------

start_epoch="$(date +%s%N)"
discard_stale_state "${state_file}" "${STATE_KEYS}" eng5-postgres POSTGRES_PID POSTGRES_TMP_DIR is_our_server POSTGRES_STATE_FILE

bin_dir="$(find_bin_dir)" || { install_postgres; bin_dir="$(find_bin_dir)" || die "no PostgreSQL server binaries after installing"; }
ensure_server_user

# Any failure before the state file is written leaves nothing behind.
trap 'if [[ -z "${ready:-}" ]]; then stop_quietly; rm -rf "${tmp_dir:-}"; fi' EXIT
stop_quietly() {
  if [[ -n "${tmp_dir:-}" && -f "${tmp_dir}/data/postmaster.pid" ]]; then
    run_as_server_user "${bin_dir}/pg_ctl" -D "${tmp_dir}/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
# A port picked as free can be taken before the server binds it, so a bind failure is retried.
for attempt in 1 2 3; do
  tmp_dir="$(mktemp -d "${POSTGRES_TMPDIR:-/tmp}/eng5-postgres.XXXXXX")"
  mkdir -p "${tmp_dir}/socket"
  chmod 755 "${tmp_dir}"
  give_to_server_user "${tmp_dir}"
  run_as_server_user "${bin_dir}/initdb" -D "${tmp_dir}/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"${tmp_dir}/initdb.log" 2>&1 ||
    { cat "${tmp_dir}/initdb.log" >&2; die "initdb failed"; }
  port="$(pick_port "")"
  write_config
  if start_server; then break; fi
  stop_quietly
  if ((attempt < 3)) && grep -qs "could not bind\|Address already in use" "${tmp_dir}/server.log"; then
    log "port clash on ${port}, retrying with a new port"
    rm -rf "${tmp_dir}"
    continue
  fi
  print_log_tail
  die "the server did not start within ${start_timeout}s"
done

create_test_role
database_url="postgres://${test_role}:${password}@127.0.0.1:${port}/${test_database}"
record_with_watcher write_state "${POSTGRES_WATCH_PID:-}" "${state_file}" env POSTGRES_STATE_FILE="${state_file}" "${script_dir}/stop.sh"
ready=1
elapsed_ms=$((($(date +%s%N) - start_epoch) / 1000000))
log "server pid $(server_pid) ready on 127.0.0.1:${port} in ${elapsed_ms} ms; dir ${tmp_dir}"
printf 'DATABASE_URL=%s\n' "${database_url}"
