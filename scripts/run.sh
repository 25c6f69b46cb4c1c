#!/usr/bin/env bash
# `make run`: starts apigw on the embedded SQLite database in ./data and prints how to use it.
set -euo pipefail
cd "$(dirname "$0")/.."
export APIGW_DATA_DIR="${APIGW_DATA_DIR:-$PWD/data}"
admin_port="${APIGW_ADMIN_PORT:-8001}"
node service/bin/apigw.js migrate
token=$(node service/bin/apigw.js token create --tenant "${APIGW_TENANT:-demo}")
cat <<MSG

  apigw management API: http://127.0.0.1:${admin_port}   (proxy: :${APIGW_PROXY_PORT:-8000}, data: ${APIGW_DATA_DIR})
  token for tenant "${APIGW_TENANT:-demo}":
    export APIGW_TOKEN=${token}
  try:
    curl -s -H "Authorization: Bearer \$APIGW_TOKEN" http://127.0.0.1:${admin_port}/v1/stages

MSG
# Run directly, so the node flags on the script's shebang line apply.
exec service/bin/apigw.js serve
