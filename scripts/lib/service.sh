# shellcheck shell=bash
# What the start.sh and stop.sh of a throw-away test service (scripts/kafka, scripts/postgres)
# share: its state file, the watcher that stops it when the test runner that started it is
# gone, and the clean-up once it is stopped. Sourced, not run; callers define log().

# shellcheck source=scripts/lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/process.sh"

die() {
  log "error: $*"
  exit 1
}

# Filled by read_state; read by the scripts that source this file.
# shellcheck disable=SC2034
declare -A state=()

# read_state FILE KEY_REGEX: the KEY=value lines of FILE whose key matches, into `state`.
read_state() {
  state=()
  local key value
  while IFS='=' read -r key value; do
    if [[ "${key}" =~ $2 ]]; then state["${key}"]="${value}"; fi
  done <"$1"
}

# write_state_file FILE KEY=value...: the state file, replaced whole (never seen half-written).
write_state_file() {
  local file="$1" tmp
  shift
  mkdir -p "$(dirname "${file}")"
  tmp="$(mktemp "${file}.XXXXXX")"
  printf '%s\n' "$@" >"${tmp}"
  mv -f "${tmp}" "${file}"
}

# start_watcher WATCH_PID STATE_FILE STOP_COMMAND...: once WATCH_PID has ended, runs the stop
# command if the state file is still there. Sets watcher_pid (empty without a WATCH_PID).
watcher_pid=""
start_watcher() {
  local watched="$1" file="$2"
  shift 2
  [[ -n "${watched}" ]] || return 0
  is_alive "${watched}" || die "watch pid ${watched} is not a running process"
  (
    while is_alive "${watched}" && [[ -f "${file}" ]]; do
      sleep 1
    done
    if [[ -f "${file}" ]]; then "$@"; fi
  ) </dev/null >/dev/null 2>&1 &
  watcher_pid=$!
}

# record_with_watcher WRITE_STATE WATCH_PID STATE_FILE STOP_COMMAND...: writes the state file,
# starts the watcher (it polls that file, so only once the file exists), then writes the file
# again with the watcher's pid.
record_with_watcher() {
  local write="$1"
  shift
  "${write}"
  start_watcher "$@"
  "${write}"
}

# forget_service STATE_FILE TMP_DIR TMP_PREFIX WATCHER_PID: after a stop, ends the watcher,
# removes the temp dir (only one start.sh made: /<prefix>.XXXXXX) and the state file.
forget_service() {
  local file="$1" tmp_dir="$2" prefix="$3" watcher="$4"
  # When the watcher itself runs stop.sh it is stop.sh's parent and exits on its own.
  if [[ -n "${watcher}" && "${watcher}" != "${PPID}" ]] && is_alive "${watcher}"; then
    kill "${watcher}" 2>/dev/null || true
  fi
  if [[ "${tmp_dir}" == */"${prefix}".* && -d "${tmp_dir}" ]]; then
    rm -rf "${tmp_dir}"
  fi
  rm -f "${file}"
}

# discard_stale_state STATE_FILE KEY_REGEX TMP_PREFIX PID_KEY DIR_KEY IS_OURS STATE_VARIABLE:
# before a fresh start, a state file whose service still runs (IS_OURS PID DIR says so) stops
# the start; one whose service is gone is removed with its temp dir.
discard_stale_state() {
  local file="$1" keys="$2" prefix="$3" pid dir
  [[ -f "${file}" ]] || return 0
  read_state "${file}" "${keys}"
  pid="${state[$4]:-}"
  dir="${state[$5]:-}"
  if [[ -n "${pid}" && -n "${dir}" ]] && "$6" "${pid}" "${dir}"; then
    die "pid ${pid} is already running for ${file}; run stop.sh first or set $7"
  fi
  log "removing stale state file ${file}"
  forget_service "${file}" "${dir}" "${prefix}" ""
}
