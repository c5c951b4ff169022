#!/usr/bin/env bash
# `npm test`: every test. Unit and SQL tests on Node, then the end-to-end tests in Debian's chromium
# against the built static site. It never passes by skipping the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing Debian's chromium with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "ERROR: the browser tests need Debian's chromium at $CHROMIUM." >&2
  echo "Install it as root with:  apt-get update && apt-get install -y chromium" >&2
  echo "(or set CHROMIUM_PATH to a Chromium binary). The tests do not run without it." >&2
  exit 1
fi

npm run check
npx vitest run --project unit
npm run build
npx vitest run --project e2e
