# shellcheck shell=bash
# Loopback port helpers shared by the test-service scripts (scripts/kafka, scripts/postgres).
# Sourced, not run; die() comes from scripts/lib/service.sh.

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free port below the kernel's ephemeral range, so outgoing connections never hold it;
# never the port given as $1 (a caller picking two ports at once).
pick_port() {
  local low=32768 high port attempt
  if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  fi
  high=$((low - 1))
  ((high > 20000)) || high=32767
  for ((attempt = 0; attempt < 100; attempt++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % (high - 20000)))
    if [[ "${port}" != "${1:-}" ]] && ! port_in_use "${port}"; then
      printf '%s\n' "${port}"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}
