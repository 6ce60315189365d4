#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the end-to-end tests;
# installs it when running as root, otherwise says how.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "installing Debian's chromium for the end-to-end tests..."
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "The end-to-end tests need Chromium at $bin: install Debian's package with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
exit 1
