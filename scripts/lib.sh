# shellcheck shell=bash
# Common helpers for the scripts in this directory. Source it; do not run it.

# Repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

log() {
  printf '==> %s\n' "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Finds the JDK 25 this project builds with and exports JAVA_HOME. The machine's default java may be
# older, so never rely on PATH.
use_jdk25() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] \
    && "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q 'version "25'; then
    return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25*; do
    if [[ -x "${candidate}/bin/java" ]]; then
      JAVA_HOME="${candidate}"
      export JAVA_HOME
      return 0
    fi
  done
  die "no JDK 25 found under /usr/lib/jvm (expected e.g. /usr/lib/jvm/temurin-25-jdk-amd64); install Temurin 25 or set JAVA_HOME"
}

# Installs Debian packages that are missing, running apt-get update once first. Idempotent: does
# nothing when every package is installed.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("${pkg}")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    die "missing packages ${missing[*]}; run as root or install them"
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mvnw() {
  (cd "${REPO_ROOT}" && ./mvnw -B -ntp "$@")
}
