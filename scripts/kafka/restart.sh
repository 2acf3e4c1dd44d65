#!/usr/bin/env bash
# Restart a broker started by start.sh on the same ports and data dir: stop the JVM, then
# start it again and wait until it serves metadata. Prints the same line as start.sh.
#
#   scripts/kafka/restart.sh          clean restart (SIGTERM, SIGKILL fallback)
#   scripts/kafka/restart.sh --kill   crash restart (SIGKILL, no clean shutdown)
#
# Environment: KAFKA_STATE_FILE and the other variables of start.sh / stop.sh.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

stop_args=(--keep-data)
case "${1:-}" in
  "") ;;
  --kill) stop_args+=(--kill) ;;
  -h | --help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) printf 'kafka-restart: unknown argument: %s\n' "$1" >&2; exit 2 ;;
esac

"${script_dir}/stop.sh" "${stop_args[@]}"
exec "${script_dir}/start.sh" --resume
