#!/bin/sh
# Makes sure a headless-capable Chromium is installed for the browser tests (channels-webchat uses
# playwright-core with Debian's chromium; never `playwright install`). Idempotent: does nothing when it is there.
#   CHROMIUM_PATH   binary to check (default /usr/bin/chromium)
set -eu
BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$BIN" ]; then
  echo "ensure-chromium: $BIN is installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $BIN is missing and apt-get is not available; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: $BIN is missing; run this script as root (it uses apt-get)" >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
"$BIN" --version 2>/dev/null || true
echo "ensure-chromium: installed $BIN"
