#!/bin/sh
# Builds the provider: one CommonJS bundle (dist/provider.js, everything inlined, so start-up reads
# one file) plus the executable Terraform launches, dist/terraform-provider-apigw. The launcher must
# `exec` node: go-plugin SIGKILLs only its direct child, and a shell left in between keeps the pipes
# open and hangs Terraform.
set -eu
cd "$(dirname "$0")/.."
ESBUILD=node_modules/.bin/esbuild
[ -x "$ESBUILD" ] || ESBUILD=../node_modules/.bin/esbuild
mkdir -p dist
"$ESBUILD" src/main.ts --bundle --platform=node --target=node20 --format=cjs --minify \
  --legal-comments=none --log-level=warning --outfile=dist/provider.js
cat > dist/terraform-provider-apigw <<'LAUNCHER'
#!/bin/sh
# terraform-provider-apigw: launched by Terraform (go-plugin); see provider/README.md.
exec node "$(dirname "$(readlink -f "$0")")/provider.js" "$@"
LAUNCHER
chmod +x dist/terraform-provider-apigw
echo "built dist/provider.js ($(wc -c < dist/provider.js) bytes) and dist/terraform-provider-apigw"
