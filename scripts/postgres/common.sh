# shellcheck shell=bash
# Shared by start.sh and stop.sh (sourced, not run).

# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

# The keys of the state file.
# shellcheck disable=SC2034
STATE_KEYS='^(POSTGRES_[A-Z_]+|DATABASE_URL)$'

# Guards against pid reuse: only a postgres started on our data dir counts.
is_our_server() {
  is_alive "$1" && ps -o args= -p "$1" 2>/dev/null | grep -qF "$2/data"
}

# PostgreSQL will not run as root; root runs it as the `postgres` user instead.
server_user() {
  if [[ "$(id -u)" -eq 0 ]]; then printf 'postgres\n'; else id -un; fi
}

ensure_server_user() {
  [[ "$(id -u)" -eq 0 ]] || return 0
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
}

give_to_server_user() {
  [[ "$(id -u)" -eq 0 ]] || return 0
  chown -R postgres: "$1"
}

# Runs a command as the server user, from / so a cwd it cannot read does not matter.
run_as_server_user() {
  if [[ "$(id -u)" -ne 0 ]]; then
    (cd / && "$@")
  elif command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
  fi
}
