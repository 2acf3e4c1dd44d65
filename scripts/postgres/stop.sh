#!/usr/bin/env bash
# Stop a server started by start.sh and remove its temp dir and state file.
#
#   scripts/postgres/stop.sh
#
# Environment:
#   POSTGRES_STATE_FILE    state file written by start.sh (default <repo>/.cache/postgres.env)
#   POSTGRES_STOP_TIMEOUT  seconds to wait for a fast shutdown before SIGKILL (default 30)
set -euo pipefail

log() { printf 'postgres-stop: %s\n' "$*" >&2; }
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_file="${POSTGRES_STATE_FILE:-$(cd "${script_dir}/../.." && pwd)/.cache/postgres.env}"
stop_timeout="${POSTGRES_STOP_TIMEOUT:-30}"

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) log "unknown argument: $1"; exit 2 ;;
esac

# shellcheck source=scripts/postgres/common.sh
source "${script_dir}/common.sh"

if [[ ! -f "${state_file}" ]]; then
  log "no state file at ${state_file}; nothing to stop"
  exit 0
fi
read_state "${state_file}" "${STATE_KEYS}"
pid="${state[POSTGRES_PID]:-}"
tmp_dir="${state[POSTGRES_TMP_DIR]:-}"
bin_dir="${state[POSTGRES_BIN_DIR]:-}"
watcher_pid="${state[POSTGRES_WATCHER_PID]:-}"

if [[ -n "${pid}" && -n "${tmp_dir}" ]] && is_our_server "${pid}" "${tmp_dir}"; then
  started=${SECONDS}
  # Fast shutdown: open sessions are ended, nothing needs to survive.
  if ! run_as_server_user "${bin_dir}/pg_ctl" -D "${tmp_dir}/data" -m fast -w -t "${stop_timeout}" stop >/dev/null 2>&1; then
    log "server pid ${pid} did not stop within ${stop_timeout}s; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  deadline=$((SECONDS + 10))
  while is_alive "${pid}" && ((SECONDS < deadline)); do sleep 0.1; done
  if is_alive "${pid}"; then log "error: server pid ${pid} survived SIGKILL"; exit 1; fi
  log "server pid ${pid} stopped ($((SECONDS - started)) s)"
else
  log "server pid ${pid:-?} is not running"
fi

forget_service "${state_file}" "${tmp_dir}" eng5-postgres "${watcher_pid}"
