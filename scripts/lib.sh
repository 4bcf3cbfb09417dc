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

# The JDK modules a shaded JAR needs (jdeps), comma-separated and sorted, without java.desktop and
# java.sql and with jdk.crypto.ec. Jackson, picocli and the Hetzner client's libraries reference the
# two (java.beans annotations, SQL date types) only for optional features, and they are most of a
# runtime's size; jdk.crypto.ec is for SSH key exchange and host keys. Each distribution's smoke run
# starts its program on the runtime; the SSH code paths are exercised by the Maven tests on the full JDK.
jlink_modules() {
  local modules
  modules="$("${JAVA_HOME}/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 "$1")"
  tr ',' '\n' <<<"${modules},jdk.crypto.ec" | grep -vxE 'java.desktop|java.sql' | sort -u | paste -sd, -
}

# A small runtime in DIR (which must not exist) with MODULES: no debug symbols, headers or man pages.
# Usage: jlink_runtime MODULES DIR
jlink_runtime() {
  log "jlink modules: $1"
  "${JAVA_HOME}/bin/jlink" --add-modules "$1" --strip-debug --no-header-files --no-man-pages \
    --strip-native-debug-symbols=objcopy=/usr/bin/objcopy --output "$2"
}

# Packs a program's distribution next to its jar MODULE/target/NAME.jar (built first when missing):
# the tree dist/NAME with a runtime of the modules the jar needs, lib/NAME.jar and a launcher NAME
# that runs it with the JVM options, as NAME-linux-<arch>.tar.xz; then runs the packed launcher with
# --version. Usage: build_distribution MODULE NAME WHAT [JVM OPTION...] (WHAT for the launcher's comment)
build_distribution() {
  local module="$1" name="$2" what="$3" jar target out tarball
  shift 3
  use_jdk25
  target="${REPO_ROOT}/${module}/target"
  jar="${target}/${name}.jar"
  [[ -f "${jar}" ]] || mvnw -q -DskipTests package -pl "${module}" -am
  out="${target}/dist"
  tarball="${target}/${name}-linux-$(uname -m).tar.xz"
  rm -rf "${out}"
  mkdir -p "${out}/${name}/lib"
  jlink_runtime "$(jlink_modules "${jar}")" "${out}/${name}/runtime"
  cp "${jar}" "${out}/${name}/lib/"
  cat >"${out}/${name}/${name}" <<LAUNCHER
#!/bin/sh
# ${name} launcher: runs ${what} on its bundled Java runtime.
here="\$(cd "\$(dirname "\$0")" && pwd)"
exec "\$here/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \\
  ${*:+$* }-jar "\$here/lib/$(basename "${jar}")" "\$@"
LAUNCHER
  chmod 755 "${out}/${name}/${name}"
  tar -C "${out}" --owner=0 --group=0 --numeric-owner -cJf "${tarball}" "${name}"
  "${out}/${name}/${name}" --version
  log "$(du -b "${tarball}" | cut -f1) bytes: ${tarball}"
}
