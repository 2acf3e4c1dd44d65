# shellcheck shell=bash
# Process helpers shared by the test-service scripts (scripts/kafka, scripts/postgres). Sourced, not run.

# kill -0 is not enough: where PID 1 does not reap orphans, a stopped server stays a zombie.
is_alive() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "${stat}" && "${stat}" != Z* ]]
}
