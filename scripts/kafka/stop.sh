#!/usr/bin/env bash
# Stop a broker started by start.sh and remove its temp dir and state file.
#
#   scripts/kafka/stop.sh               SIGTERM (clean shutdown), SIGKILL after the timeout
#   scripts/kafka/stop.sh --kill        SIGKILL at once (simulates a broker crash)
#   scripts/kafka/stop.sh --keep-data   stop the process only; keep temp dir and state file
#                                       so start.sh --resume can bring it back (restart.sh)
#
# Environment:
#   KAFKA_STATE_FILE    state file written by start.sh (default <repo>/.cache/kafka-broker.env)
#   KAFKA_STOP_TIMEOUT  seconds to wait after SIGTERM before SIGKILL (default 30)
set -euo pipefail

log() { printf 'kafka-stop: %s\n' "$*" >&2; }
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_file="${KAFKA_STATE_FILE:-$(cd "${script_dir}/../.." && pwd)/.cache/kafka-broker.env}"
stop_timeout="${KAFKA_STOP_TIMEOUT:-30}"

keep_data=""
signal=TERM
for arg in "$@"; do
  case "${arg}" in
    --keep-data) keep_data=1 ;;
    --kill) signal=KILL ;;
    -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) log "unknown argument: ${arg}"; exit 2 ;;
  esac
done

if [[ ! -f "${state_file}" ]]; then
  log "no state file at ${state_file}; nothing to stop"
  exit 0
fi

# shellcheck source=scripts/kafka/common.sh
source "${script_dir}/common.sh"
read_state "${state_file}" "${STATE_KEYS}"
pid="${state[KAFKA_PID]:-}"
tmp_dir="${state[KAFKA_TMP_DIR]:-}"
watcher_pid="${state[KAFKA_WATCHER_PID]:-}"

wait_gone() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    is_alive "${pid}" || return 0
    sleep 0.1
  done
  ! is_alive "${pid}"
}

# A JVM that was just killed can still hold its listening sockets for a moment after ps calls
# it a zombie; restart.sh rebinds the same ports right away, so wait until they are released.
wait_ports_released() {
  local deadline=$((SECONDS + 10)) port
  for port in "${state[KAFKA_BROKER_PORT]:-}" "${state[KAFKA_CONTROLLER_PORT]:-}"; do
    [[ -n "${port}" ]] || continue
    while (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        log "warning: port ${port} still accepts connections"
        break
      fi
      sleep 0.1
    done
  done
}

if [[ -n "${pid}" && -n "${tmp_dir}" ]] && is_our_broker "${pid}" "${tmp_dir}"; then
  started=${SECONDS}
  kill "-${signal}" "${pid}" 2>/dev/null || true
  if ! wait_gone "${stop_timeout}"; then
    log "broker pid ${pid} ignored SIGTERM for ${stop_timeout}s; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    wait_gone 10 || { log "error: broker pid ${pid} survived SIGKILL"; exit 1; }
  fi
  wait_ports_released
  log "broker pid ${pid} stopped (SIG${signal}, $((SECONDS - started)) s)"
else
  log "broker pid ${pid:-?} is not running"
fi

if [[ -n "${keep_data}" ]]; then
  exit 0
fi

forget_service "${state_file}" "${tmp_dir}" eng5-kafka "${watcher_pid}"
