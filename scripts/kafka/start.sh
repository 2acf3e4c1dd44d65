#!/usr/bin/env bash
# Start a throw-away single-node Apache Kafka broker (KRaft, combined broker+controller) on
# 127.0.0.1 for integration tests. No Docker: the jars come from Maven Central (provision.sh).
#
#   scripts/kafka/start.sh            fresh broker: new temp dir, free ports, new cluster id
#   scripts/kafka/start.sh --resume   start the broker recorded in the state file again, on the
#                                     same ports and data dir (used by restart.sh)
#
# On success prints exactly one line on stdout, so `eval "$(scripts/kafka/start.sh)"` works:
#   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:<port>
# Everything else goes to stderr. The broker's own log is <temp dir>/logs/server.log.
#
# Environment:
#   KAFKA_STATE_FILE     state file to write (default <repo>/.cache/kafka-broker.env); use one
#                        per broker to run several brokers in parallel
#   KAFKA_START_TIMEOUT  readiness timeout in seconds (default 60)
#   KAFKA_HEAP_OPTS      default "-Xms128m -Xmx512m"
#   KAFKA_JVM_OPTS       extra JVM options
#   KAFKA_SERVER_PROPERTIES  extra server.properties lines (newline-separated), e.g.
#                        "broker.session.timeout.ms=3000" for faster restarts after --kill
#   KAFKA_WATCH_PID      optional pid (e.g. the test runner); when it exits the broker is stopped
#                        and its temp dir removed, so a crashed test run leaves no JVM behind
#   KAFKA_VERSION        passed to provision.sh (default 3.9.1)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/ports.sh
source "${script_dir}/../lib/ports.sh"
# shellcheck source=scripts/kafka/common.sh
source "${script_dir}/common.sh"
repo_root="$(cd "${script_dir}/../.." && pwd)"
state_file="${KAFKA_STATE_FILE:-${repo_root}/.cache/kafka-broker.env}"
start_timeout="${KAFKA_START_TIMEOUT:-60}"
read -r -a heap_opts <<<"${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
read -r -a extra_jvm_opts <<<"${KAFKA_JVM_OPTS:-}"

log() { printf 'kafka-start: %s\n' "$*" >&2; }

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit "$1"
}

mode=fresh
case "${1:-}" in
  "") ;;
  --resume) mode=resume ;;
  -h | --help) usage 0 ;;
  *) log "unknown argument: $1"; usage 2 ;;
esac

# --- state file ---------------------------------------------------------------------------

write_state() {
  write_state_file "${state_file}" "KAFKA_PID=${broker_pid}" "KAFKA_TMP_DIR=${tmp_dir}" "KAFKA_DATA_DIR=${tmp_dir}/data" \
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${broker_port}" "KAFKA_BROKER_PORT=${broker_port}" "KAFKA_CONTROLLER_PORT=${controller_port}" \
    "KAFKA_LIB_DIR=${lib_dir}" "KAFKA_LOG_FILE=${tmp_dir}/logs/server.log" "KAFKA_WATCHER_PID=${watcher_pid}"
}

# --- process helpers ----------------------------------------------------------------------

# Sends a Metadata v4 request (no topics) and succeeds once the broker answers with at least
# one live broker. An open port alone is not enough: on 3.9.1 the listener accepts connections
# some tens of ms before requests are processed, and an answer proves the broker is unfenced.
metadata_ready() {
  local hex
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  hex="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # size=19 | api_key=3 (Metadata) | version=4 | correlation_id=7 | client_id="eng5"
    # | topics=[] | allow_auto_topic_creation=false
    printf "\x00\x00\x00\x13\x00\x03\x00\x04\x00\x00\x00\x07\x00\x04eng5\x00\x00\x00\x00\x00" >&3
    # response: size | correlation_id | throttle_time_ms | brokers array length
    head -c 16 <&3 | od -An -v -tx1 | tr -d " \n"
  ' _ "$1" 2>/dev/null)" || return 1
  [[ "${#hex}" -eq 32 && "${hex:8:8}" == "00000007" ]] || return 1
  (("16#${hex:24:8}" >= 1))
}

print_log_tail() {
  local f
  for f in "${tmp_dir}/logs/server.log" "${tmp_dir}/logs/stdout.log" "${tmp_dir}/logs/format.log"; do
    if [[ -s "${f}" ]]; then
      log "---- last lines of ${f} ----"
      tail -n 40 "${f}" >&2
    fi
  done
}

broker_pid=""
launch_broker() {
  mkdir -p "${tmp_dir}/logs"
  java "${heap_opts[@]}" "${jvm_opts[@]}" "${extra_jvm_opts[@]}" \
    "-Dkafka.logs.dir=${tmp_dir}/logs" \
    -cp "${lib_dir}/*" kafka.Kafka "${tmp_dir}/server.properties" \
    </dev/null >>"${tmp_dir}/logs/stdout.log" 2>&1 &
  broker_pid=$!
  # Not a job of this shell: no "Killed ..." notice if start-up fails and we kill it.
  disown "${broker_pid}"
}

# Returns 0 when ready, 1 on timeout, 2 when the JVM exited, 3 when it exited on a port clash.
wait_ready() {
  local deadline=$((SECONDS + start_timeout))
  while ((SECONDS < deadline)); do
    if ! is_alive "${broker_pid}"; then
      if grep -qs "Address already in use" "${tmp_dir}/logs/server.log" "${tmp_dir}/logs/stdout.log"; then
        return 3
      fi
      return 2
    fi
    if metadata_ready "${broker_port}"; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

kill_broker() {
  if [[ -n "${broker_pid}" ]] && is_alive "${broker_pid}"; then
    kill -KILL "${broker_pid}" 2>/dev/null || true
  fi
}

write_server_properties() {
  cat >"${tmp_dir}/server.properties" <<EOF
# Generated by scripts/kafka/start.sh: single-node KRaft (combined broker+controller) for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller_port}
listeners=PLAINTEXT://127.0.0.1:${broker_port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:${broker_port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${tmp_dir}/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
EOF
  if [[ -n "${KAFKA_SERVER_PROPERTIES:-}" ]]; then
    printf '# From KAFKA_SERVER_PROPERTIES (later keys override earlier ones):\n%s\n' \
      "${KAFKA_SERVER_PROPERTIES}" >>"${tmp_dir}/server.properties"
  fi
}

# Base64url of 16 random bytes, like org.apache.kafka.common.Uuid; Kafka itself avoids a
# leading '-' because the CLI would parse it as an option.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "${id}" != -* ]] && break
  done
  printf '%s\n' "${id}"
}

format_storage() {
  mkdir -p "${tmp_dir}/logs"
  if ! java -Xmx256m "${jvm_opts[@]}" "-Dkafka.logs.dir=${tmp_dir}/logs" \
    -cp "${lib_dir}/*" kafka.tools.StorageTool format \
    --config "${tmp_dir}/server.properties" --cluster-id "$(new_cluster_id)" \
    </dev/null >"${tmp_dir}/logs/format.log" 2>&1; then
    print_log_tail
    die "kafka.tools.StorageTool format failed"
  fi
}

# --- main ---------------------------------------------------------------------------------

command -v java >/dev/null 2>&1 || die "java not found on PATH (Java 17+ is needed)"
start_epoch="$(date +%s%N)"

if [[ "${mode}" == resume ]]; then
  [[ -f "${state_file}" ]] || die "no state file at ${state_file}; nothing to resume"
  read_state "${state_file}" "${STATE_KEYS}"
  tmp_dir="${state[KAFKA_TMP_DIR]:-}"
  broker_port="${state[KAFKA_BROKER_PORT]:-}"
  controller_port="${state[KAFKA_CONTROLLER_PORT]:-}"
  lib_dir="${state[KAFKA_LIB_DIR]:-}"
  watcher_pid="${state[KAFKA_WATCHER_PID]:-}"
  [[ -n "${tmp_dir}" && -f "${tmp_dir}/server.properties" ]] || die "state file ${state_file} names no usable broker dir"
  if [[ -n "${state[KAFKA_PID]:-}" ]] && is_our_broker "${state[KAFKA_PID]}" "${tmp_dir}"; then
    die "broker pid ${state[KAFKA_PID]} is still running; stop it first (restart.sh does both)"
  fi
  [[ -f "${lib_dir}/kafka_2.13-${KAFKA_VERSION:-3.9.1}.jar" ]] || lib_dir="$("${script_dir}/provision.sh")"
else
  discard_stale_state "${state_file}" "${STATE_KEYS}" eng5-kafka KAFKA_PID KAFKA_TMP_DIR is_our_broker KAFKA_STATE_FILE
  lib_dir="$("${script_dir}/provision.sh")"
fi

jvm_opts=(
  -XX:+UseSerialGC
  -XX:TieredStopAtLevel=1
  -Djava.awt.headless=true
  "-Dlog4j.configuration=file:${script_dir}/log4j.properties"
)

if [[ "${mode}" == resume ]]; then
  launch_broker
  rc=0
  wait_ready || rc=$?
  if ((rc != 0)); then
    kill_broker
    print_log_tail
    die "broker did not come back on 127.0.0.1:${broker_port} (wait status ${rc}); data kept in ${tmp_dir}"
  fi
else
  # Any failure before the state file is written leaves nothing behind.
  trap 'if [[ -z "${ready:-}" ]]; then kill_broker; rm -rf "${tmp_dir:-}"; fi' EXIT
  # A port picked as free can be taken before the JVM binds it (e.g. a parallel start), so a
  # bind failure is retried with new ports.
  for attempt in 1 2 3; do
    tmp_dir="$(mktemp -d "${TMPDIR:-/tmp}/eng5-kafka.XXXXXX")"
    broker_port="$(pick_port)"
    controller_port="$(pick_port "${broker_port}")"
    write_server_properties
    format_storage
    launch_broker
    rc=0
    wait_ready || rc=$?
    ((rc == 0)) && break
    kill_broker
    if ((rc == 3 && attempt < 3)); then
      log "port clash on ${broker_port}/${controller_port}, retrying with new ports"
      rm -rf "${tmp_dir}"
      continue
    fi
    print_log_tail
    case "${rc}" in
      1) die "broker not ready within ${start_timeout}s" ;;
      *) die "broker JVM exited during start-up" ;;
    esac
  done
fi

if [[ "${mode}" == fresh ]]; then
  record_with_watcher write_state "${KAFKA_WATCH_PID:-}" "${state_file}" env KAFKA_STATE_FILE="${state_file}" "${script_dir}/stop.sh"
  ready=1
else
  write_state
fi
elapsed_ms=$((($(date +%s%N) - start_epoch) / 1000000))
log "broker pid ${broker_pid} ready on 127.0.0.1:${broker_port} (controller ${controller_port}) in ${elapsed_ms} ms; dir ${tmp_dir}"
printf 'KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:%s\n' "${broker_port}"
