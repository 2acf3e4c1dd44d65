#!/usr/bin/env bash
# Provision the runtime classpath of a local Apache Kafka broker from Maven Central.
#
# Copies kafka_2.13 and its runtime dependencies (plus an SLF4J binding, see pom.xml) into
# <repo>/.cache/kafka-<version>/lib. Idempotent: does nothing when that directory is complete
# for the current pom.xml. Prints the lib directory on stdout; progress goes to stderr.
#
# Environment:
#   KAFKA_VERSION   kafka_2.13 version to provision (default 3.9.1; 3.x only, 4.x needs
#                   log4j2 instead of reload4j)
#   MAVEN_ARGS_EXTRA extra arguments for mvn (e.g. "-o" or "-s settings.xml")
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
kafka_version="${KAFKA_VERSION:-3.9.1}"
dependency_plugin="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
pom="${script_dir}/pom.xml"
cache_dir="${repo_root}/.cache"
lib_dir="${cache_dir}/kafka-${kafka_version}/lib"
marker="${lib_dir}/.provisioned"

log() { printf 'provision: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if ! command -v java >/dev/null 2>&1; then
  die "java not found on PATH (Java 17+ is needed to run the Kafka broker)"
fi

# The marker records what the directory was built from, so a pom or version change re-provisions.
fingerprint="kafka=${kafka_version} plugin=${dependency_plugin} pom=$(cksum <"${pom}" | cut -d' ' -f1)"

is_provisioned() {
  [[ -f "${marker}" ]] && [[ "$(cat "${marker}")" == "${fingerprint}" ]]
}

if is_provisioned; then
  log "already provisioned: ${lib_dir}"
  printf '%s\n' "${lib_dir}"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1; then
  die "mvn not found on PATH (Maven is needed once to download the Kafka jars into ${lib_dir})"
fi

mkdir -p "${cache_dir}"

# Serialise concurrent provisioning (e.g. two test workers starting brokers at once).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${cache_dir}/kafka-${kafka_version}.lock"
  flock 9
  if is_provisioned; then
    log "provisioned by a concurrent run: ${lib_dir}"
    printf '%s\n' "${lib_dir}"
    exit 0
  fi
fi

staging="$(mktemp -d "${cache_dir}/kafka-${kafka_version}.staging.XXXXXX")"
trap 'rm -rf "${staging}"' EXIT

log "resolving org.apache.kafka:kafka_2.13:${kafka_version} with Maven (first run downloads ~50 MB)"
mvn_log="${staging}.mvn.log"
# shellcheck disable=SC2086 # MAVEN_ARGS_EXTRA is intentionally word-split
if ! mvn -B --no-transfer-progress -Dstyle.color=never ${MAVEN_ARGS_EXTRA:-} -f "${pom}" \
  "-Dkafka.version=${kafka_version}" \
  "${dependency_plugin}:copy-dependencies" \
  -DincludeScope=runtime \
  "-DoutputDirectory=${staging}" >"${mvn_log}" 2>&1; then
  tail -n 40 "${mvn_log}" >&2
  die "mvn failed to resolve the Kafka classpath (is Maven Central reachable?); full log: ${mvn_log}"
fi
rm -f "${mvn_log}"

if [[ ! -f "${staging}/kafka_2.13-${kafka_version}.jar" ]]; then
  die "kafka_2.13-${kafka_version}.jar missing after mvn copy-dependencies"
fi

printf '%s\n' "${fingerprint}" >"${staging}/.provisioned"
rm -rf "${lib_dir}"
mkdir -p "$(dirname "${lib_dir}")"
mv "${staging}" "${lib_dir}"
trap - EXIT

log "provisioned $(find "${lib_dir}" -name '*.jar' | wc -l) jars ($(du -sh "${lib_dir}" | cut -f1)) into ${lib_dir}"
printf '%s\n' "${lib_dir}"
