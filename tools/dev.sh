#!/bin/sh
# The two README commands live here:
#   tools/dev.sh demo   install what is missing, build, run the loopback demo
#   tools/dev.sh test   install what is missing, build (-Werror, with the API
#                       reference), run every test (the reference's
#                       completeness too), then the C tests again under AddressSanitizer,
#                       then each libFuzzer target for 20 s, then the unit
#                       tests in the unpacked `meson dist` tarball
# Other commands: deps (install only), build (build only).
#
# Debian 12. Installs packages with apt-get when they are missing (as root,
# or through sudo); already-installed systems are left alone.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Build and run-time dependencies, and the real peers the tests start.
PACKAGES="
  meson ninja-build pkg-config gcc
  libglib2.0-dev gobject-introspection libgirepository1.0-dev
  libsofia-sip-ua-glib-dev libsofia-sip-ua-dev sofia-sip-bin
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-tools gstreamer1.0-libav gstreamer1.0-plugins-ugly libnice-dev gstreamer1.0-nice
  gir1.2-gst-plugins-base-1.0 gir1.2-gstreamer-1.0
  libsoup-3.0-dev libxml2-dev glib-networking libhiredis-dev redis-server
  libpq-dev postgresql
  valac gjs python3-gi openssl ca-certificates gi-docgen
  kamailio kamailio-tls-modules kamailio-presence-modules kamailio-xml-modules
  kamailio-utils-modules kamailio-redis-modules
  baresip-core linphone-cli sip-tester sipsak tshark libnet-sip-perl
  clang libclang-rt-14-dev iproute2 groff-base
"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
  missing=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  # A fresh Debian root has no package lists; a stale one may lack versions.
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
  # Packages that start services on install must not leave them listening.
  for svc in kamailio redis-server postgresql; do
    if command -v service >/dev/null 2>&1; then as_root service "$svc" stop >/dev/null 2>&1 || true; fi
  done
  as_root pkill -x kamailio >/dev/null 2>&1 || true
}

build() {
  # $1: build dir, rest: meson options
  dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  else
    meson setup --reconfigure "$dir" "$@" >/dev/null
  fi
  ninja -C "$dir"
}

dist_check() {
  # The release tarball (what git tracks, as `meson dist` packs it) must
  # build on its own and pass the unit and layout tests; without
  # introspection, which the full suite above covers, to keep this step
  # short (1.5 min on 2 cores).
  rm -rf build-ci/meson-dist
  meson dist -C build-ci --no-tests --allow-dirty --formats xztar
  dist_tmp=$(mktemp -d)
  tar -C "$dist_tmp" -xf build-ci/meson-dist/*.tar.xz
  dist_src=$(echo "$dist_tmp"/libsipsimple-*)
  meson setup "$dist_src/_build" "$dist_src" -Dintrospection=disabled
  ninja -C "$dist_src/_build"
  meson test -C "$dist_src/_build" --print-errorlogs --suite unit --suite layout --num-processes 2
  rm -rf "$dist_tmp"
}

case "${1:-}" in
  deps)
    deps
    ;;
  build)
    deps
    build build
    ;;
  demo)
    deps
    build build
    exec env LD_LIBRARY_PATH="$top/build/libsipsimple" GI_TYPELIB_PATH="$top/build/gir" \
      PATH="$top/build/tools:$PATH" PYTHONPATH="$top/tests/lib:$top/bindings/python" \
      /usr/bin/python3 "$top/examples/python/demo.py"
    ;;
  run)
    # Any command with the build tree's library, typelibs and tools, e.g.
    # tools/dev.sh run bench/call-bench.py
    shift
    build build >/dev/null
    exec env LD_LIBRARY_PATH="$top/build/libsipsimple" GI_TYPELIB_PATH="$top/build/gir" \
      PATH="$top/build/tools:$PATH" PYTHONPATH="$top/tests/lib:$top/bindings/python" \
      SIPSIMPLE_SOURCE_DIR="$top" SIPSIMPLE_BUILD_DIR="$top/build" "$@"
    ;;
  test)
    deps
    # -Ddocs=enabled: the API reference is built with --fatal-warnings and
    # the docs suite checks that every public symbol is documented and
    # every page rendered. The demo's build leaves it out (it is not needed
    # there and costs time).
    build build-ci -Dwerror=true -Ddocs=enabled
    meson test -C build-ci --print-errorlogs --num-processes 2
    # The C tests again under AddressSanitizer + UBSan (no introspection:
    # the GI scanner does not run under ASan).
    build build-asan -Dasan=true -Dintrospection=disabled -Dwerror=true
    meson test -C build-asan --print-errorlogs --suite unit --num-processes 2
    # The libFuzzer targets of tests/fuzz, 20 s each on their seed corpora
    # (clang, ASan + UBSan; bench/fuzz runs them for hours).
    CC=clang build build-fuzz -Dfuzzing=true -Db_lundef=false -Dintrospection=disabled
    meson test -C build-fuzz --print-errorlogs --suite fuzz --num-processes 2
    dist_check
    ;;
  *)
    echo "usage: tools/dev.sh demo|test|deps|build|run CMD..." >&2
    exit 2
    ;;
esac
