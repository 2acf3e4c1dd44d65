# shellcheck shell=bash
# Shared by start.sh and stop.sh (sourced, not run; callers define log()).

# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

# The keys of the state file.
# shellcheck disable=SC2034
STATE_KEYS='^KAFKA_[A-Z_]+$'

# is_our_broker PID DIR: guards against pid reuse, only a java process started with the
# server.properties in DIR (the broker's temp dir) counts.
is_our_broker() {
  is_alive "$1" && ps -o args= -p "$1" 2>/dev/null | grep -qF "$2/server.properties"
}
