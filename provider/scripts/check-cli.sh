#!/bin/sh
# Run by `make test` before the suite: the provider acceptance tests drive the real terraform (or
# tofu) CLI, so without one the run fails here, early and saying why, instead of after minutes of
# other tests. APIGW_SKIP_TERRAFORM=1 skips the acceptance tests explicitly; a run that does not
# select them (APIGW_TEST_PROJECTS without "acceptance") needs no CLI.
set -eu
if [ "${APIGW_SKIP_TERRAFORM:-}" = "1" ]; then
  echo "APIGW_SKIP_TERRAFORM=1: the terraform acceptance tests will be skipped" >&2
  exit 0
fi
case ",${APIGW_TEST_PROJECTS:-acceptance}," in *,acceptance,*) ;; *) exit 0 ;; esac
for cli in ${APIGW_TF_CLI:-} terraform tofu; do
  if command -v "$cli" >/dev/null 2>&1; then exit 0; fi
done
cat >&2 <<'MSG'
error: neither `terraform` nor `tofu` is on PATH.
The provider acceptance tests run the real CLI: install Terraform >= 1.5 or OpenTofu >= 1.6,
or run `APIGW_SKIP_TERRAFORM=1 make test` to skip them (say so when you report the results).
MSG
exit 1
