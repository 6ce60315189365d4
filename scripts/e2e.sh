#!/usr/bin/env bash
# Runs the end-to-end tests: starts the real server on a fresh embedded
# database with the demo data, waits until it is ready, runs the browser
# tests against it, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
port="${E2E_PORT:-18080}"
log="$dir/server.log"
BIRGE_SEED=true ./bin/birge serve --addr "127.0.0.1:$port" --database "$dir/e2e.db" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for i in $(seq 1 60); do
	if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
	if ! kill -0 "$pid" 2>/dev/null; then echo "server exited:"; cat "$log"; exit 1; fi
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "server not ready:"; cat "$log"; exit 1; }
cd frontend
E2E_BASE_URL="http://127.0.0.1:$port" npm run e2e || { echo "--- server log ---"; tail -50 "$log"; exit 1; }
