#!/usr/bin/env bash
# Prints the gzip size of the JavaScript that index.html loads at start.
set -euo pipefail
cd "$(dirname "$0")/../frontend/dist"
total=0
for f in $(grep -o 'assets/[^"]*\.js' index.html | sort -u); do
	n=$(gzip -9 -c "$f" | wc -c)
	echo "$f: $n bytes gzip"
	total=$((total + n))
done
echo "initial JavaScript: $total bytes gzip ($((total / 1024)) KB)"
