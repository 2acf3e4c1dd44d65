#!/usr/bin/env bash
# Headless Chromium for the HTML report's browser test, without downloading a browser build:
# Debian's `chromium` package, installed with apt-get when missing (as root), the way
# scripts/postgres/start.sh provisions PostgreSQL.
#
#   scripts/chromium/ensure.sh     prints the path of a Chromium binary on stdout, exit 0
#
# When Chromium is missing and cannot be installed here (not root, no apt-get, or the install
# fails) it prints one line on stderr naming the command to run, and exits 1.
#
# Environment:
#   CHROMIUM_PATH      a Chromium binary to use as it is (nothing is installed)
#   CHROMIUM_COMMAND   the command looked up on PATH (default chromium)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
command_name="${CHROMIUM_COMMAND:-chromium}"
install_command="apt-get install -y chromium (as root), or set CHROMIUM_PATH to a Chromium binary"

fail() { printf 'Chromium is needed by the HTML report test: %s. Run: %s\n' "$1" "${install_command}" >&2; exit 1; }

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "${CHROMIUM_PATH}" ]] || fail "CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable file"
  printf '%s\n' "${CHROMIUM_PATH}"
  exit 0
fi

found() { command -v "${command_name}" 2>/dev/null; }
if path="$(found)"; then printf '%s\n' "${path}"; exit 0; fi

[[ "$(id -u)" -eq 0 ]] || fail "${command_name} is not installed and only root can install it"
command -v apt-get >/dev/null 2>&1 || fail "${command_name} is not installed and apt-get is not available to install it"

# Parallel test files may ask at once: one installs, the others wait for it.
mkdir -p "${repo_root}/.cache"
exec 9>"${repo_root}/.cache/chromium-install.lock"
flock 9
if path="$(found)"; then printf '%s\n' "${path}"; exit 0; fi
printf 'chromium-ensure: installing Debian'"'"'s chromium with apt-get (first use on this machine)\n' >&2
log="${repo_root}/.cache/chromium-install.log"
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } >"${log}" 2>&1; then
  fail "apt-get could not install it (its output is in ${log})"
fi
path="$(found)" || fail "apt-get installed the package, but ${command_name} is still not on PATH"
printf '%s\n' "${path}"
