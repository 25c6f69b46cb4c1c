/** The provider's index page: configuration, installation without a registry, and the list of pages. */
import type { ResourceSchema } from '../../src/schema/model';

const link = (folder: string, type: string) => `[\`${type}\`](${folder}/${type.replace(/^apigw_/, '')}.md)`;

export function indexPage(
  provider: ResourceSchema, resources: string[], dataSources: string[], providerExample: string, schema: string[],
): string {
  return [
    '---', 'page_title: "apigw Provider"', 'subcategory: ""', 'description: |-', `  ${provider.block.description}`, '---', '',
    '# apigw Provider', '',
    'Manages an [apigw](../../README.md) gateway as code: groups, stages, APIs, deployments, apps, policies, domains and ' +
      'certificates, through the service\'s management API (`/v1`). Works with Terraform 1.5+ and OpenTofu 1.6+.', '',
    '## Example Usage', '', '```terraform', providerExample, '```', '',
    '## Installation without a registry', '',
    '`make provider-install` builds the provider and installs it into a filesystem mirror, `provider/dist/mirror` ' +
      '(`HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-apigw_vVERSION`, for both `registry.terraform.io` and ' +
      '`registry.opentofu.org`), and writes two CLI configuration files:', '',
    '- `provider/dist/mirror.tfrc`: `terraform init` (or `tofu init`) installs apigw from the mirror, offline;',
    '- `provider/dist/dev.tfrc`: `dev_overrides` for provider development (no `init` for apigw; rebuild with `make provider`).', '',
    '```sh', 'make provider-install',
    'TF_CLI_CONFIG_FILE=$PWD/provider/dist/mirror.tfrc terraform init && terraform apply', '```', '',
    'The provider is a Node.js program: `node` (20+) must be on `PATH` where Terraform runs.', '',
    ...schema,
    '## Checks at plan time', '',
    'Besides the value rules of each attribute (checked in `terraform validate`), `terraform plan` asks the service to ' +
      'check each object that changes, with the very request apply would send plus `?dry_run=true`: path conflicts in ' +
      'a group, duplicate names, quotas, missing references and the other rules listed on each resource page are ' +
      'reported on the attribute at fault before anything is applied. Objects that depend on values known only after ' +
      'apply are checked by the plan Terraform makes at apply time.', '',
    '## Import', '',
    'Every resource imports by its `id` (see each page). Write-only secrets (certificate private keys, signature key ' +
      'secrets, JWT authorizer secrets) are never returned by the API, so the first plan after an import shows them ' +
      'as an update to the configured value; an app\'s `app_secret` is returned only at creation and stays empty.', '',
    '## Resources', '', ...resources.map((t) => `- ${link('resources', t)}`), '',
    '## Data Sources', '', ...dataSources.map((t) => `- ${link('data-sources', t)}`), '',
  ].join('\n');
}
