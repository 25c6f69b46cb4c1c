#!/bin/sh
# Installs the built provider (dist/, from build.sh) into a filesystem mirror, so `terraform init`
# and `tofu init` install it offline, and writes the CLI configuration files that point at it:
#   MIRROR/HOST/apigw/apigw/VERSION/OS_ARCH/terraform-provider-apigw_vVERSION   (+ provider.js)
#   dist/mirror.tfrc   provider_installation { filesystem_mirror { … } }   → TF_CLI_CONFIG_FILE
#   dist/dev.tfrc      provider_installation { dev_overrides { … } }       (no init for apigw)
# Both hosts are installed because `source = "apigw/apigw"` means registry.terraform.io to Terraform
# and registry.opentofu.org to OpenTofu. The package carries its own copy of the bundle, so a
# Terraform working directory keeps working while dist/ is rebuilt.
# Usage: scripts/install.sh [MIRROR]   (default: dist/mirror)
set -eu
cd "$(dirname "$0")/.."
[ -f dist/provider.js ] || { echo "dist/provider.js is missing: run scripts/build.sh (make provider) first" >&2; exit 1; }
MIRROR=${1:-dist/mirror}
mkdir -p "$MIRROR"
MIRROR=$(cd "$MIRROR" && pwd)
DIST=$(pwd)/dist
VERSION=$(node -p "require('./package.json').version")
OS_ARCH=$(node -p "process.platform + '_' + ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[process.arch] || process.arch)")
HOSTS="registry.terraform.io registry.opentofu.org"
for HOST in $HOSTS; do
  PACKAGE="$MIRROR/$HOST/apigw/apigw/$VERSION/$OS_ARCH"
  rm -rf "$PACKAGE"
  mkdir -p "$PACKAGE"
  cp dist/provider.js "$PACKAGE/provider.js"
  # exec: go-plugin SIGKILLs only its direct child; a shell left in between would hang Terraform.
  printf '#!/bin/sh\nexec node "$(dirname "$(readlink -f "$0")")/provider.js" "$@"\n' > "$PACKAGE/terraform-provider-apigw_v$VERSION"
  chmod +x "$PACKAGE/terraform-provider-apigw_v$VERSION"
done
cat > dist/mirror.tfrc <<TFRC
# Written by \`make provider-install\`: use with TF_CLI_CONFIG_FILE=$DIST/mirror.tfrc
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/apigw/apigw", "registry.opentofu.org/apigw/apigw"]
  }
  direct {
    exclude = ["registry.terraform.io/apigw/apigw", "registry.opentofu.org/apigw/apigw"]
  }
}
TFRC
cat > dist/dev.tfrc <<TFRC
# Written by \`make provider-install\`: provider development with TF_CLI_CONFIG_FILE=$DIST/dev.tfrc
# (no \`terraform init\` for apigw; \`make provider\` rebuilds what Terraform runs).
provider_installation {
  dev_overrides {
    "registry.terraform.io/apigw/apigw"  = "$DIST"
    "registry.opentofu.org/apigw/apigw" = "$DIST"
  }
  direct {}
}
TFRC
echo "installed apigw $VERSION ($OS_ARCH) into $MIRROR"
echo "  offline init: TF_CLI_CONFIG_FILE=$DIST/mirror.tfrc terraform init"
echo "  development:  TF_CLI_CONFIG_FILE=$DIST/dev.tfrc terraform plan   (no init)"
