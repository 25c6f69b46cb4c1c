#!/bin/sh
# Regenerates provider/src/gen/ from provider/proto/ with buf + protoc-gen-es (both from node_modules;
# no network). The output is deterministic, so CI can run this and require an empty `git diff`.
set -eu
cd "$(dirname "$0")/.."
BIN=../node_modules/.bin
[ -x "$BIN/buf" ] || BIN=node_modules/.bin
"$BIN/buf" generate
echo "generated: $(ls src/gen | tr '\n' ' ')"
