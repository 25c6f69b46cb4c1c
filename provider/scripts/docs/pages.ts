/**
 * The provider's documentation pages (provider/docs), generated so they cannot drift from the code:
 * one page per resource and data source (description, example, schema, what is checked at plan time,
 * import) and an index. Examples come from provider/examples, schemas from the catalogue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { DATA_SOURCE_SPECS } from '../../src/schema/data-sources';
import { buildDataSources, buildResources } from '../../src/resources';
import type { ResourceSchema } from '../../src/schema/model';
import { providerConfigSchema } from '../../src/schema/provider-config';
import { schemaSection } from './schema-markdown';
import { indexPage } from './index-page';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const example = (...parts: string[]) => readFileSync(join(EXAMPLES, ...parts), 'utf8').trimEnd();

/** Rules the service checks with the database, by kind (the catalogue's unique keys, quotas and references are added). */
const SERVICE_RULES: Readonly<Record<string, string>> = {
  api: 'no other API of the group serves the same method and path (`{a}` and `{b}` count as the same path) — a path conflict',
  app_authorization: 'the API uses auth_type `APP`',
  certificate: 'the private key matches the certificate, the certificate has not expired, and it still covers every domain that uses it',
  domain: 'the certificate covers the hostname',
  stage: '`RELEASE` exists already and cannot be created or deleted (read it with the `apigw_stage` data source)',
};

/** "API group" → "API group", "Stage" → "stage": the title inside a sentence. */
const inSentence = (title: string) => (/^[A-Z]{2}/.test(title) ? title : title[0].toLowerCase() + title.slice(1));

function planChecks(kind: ResourceKind): string[] {
  const refs = refsIn(kind.fields);
  const service = [
    ...(kind.unique ?? []).map((u) => `no other ${inSentence(kind.title)} has the same ${u.fields.map((f) => `\`${f}\``).join(' and ')}` +
      (u.scope === 'global' ? ' (across all tenants)' : '')),
    ...(kind.quota ? [`the quota \`${kind.quota.name}\` (default ${kind.quota.default} ${kind.quota.per.length ? `per ${kind.quota.per.join(' and ')}` : 'per tenant'}; \`APIGW_QUOTA_${kind.quota.name.toUpperCase()}\`)`] : []),
    ...(refs.length ? [`the referenced objects exist (${refs.map((r) => `\`${r}\``).join(', ')})`] : []),
    ...(SERVICE_RULES[kind.kind] ? [SERVICE_RULES[kind.kind]] : []),
  ];
  return [
    '## Checked at plan time', '',
    '- By the provider, also in `terraform validate`: the value rules listed with each attribute' +
      `${kind.check ? ', and the cross-field rules of the resource catalogue' : ''}.`,
    '- By the service, in `terraform plan`, once every value of the object is known: the provider sends the create (or ' +
      'update) with `?dry_run=true`, which runs every rule and rolls back. Problems are reported on the attribute at fault:',
    ...service.map((s) => `  - ${s}`),
    '', 'Values known only after apply (for example the id of a resource created in the same run) postpone these checks to ' +
      'the plan Terraform makes at apply time, just before the object is created.', '',
  ];
}

/** Reference fields at any depth, by path (`backend.channel_id`, `policy_backends[*].backend.channel_id`). */
function refsIn(fields: ResourceKind['fields'], at = ''): string[] {
  return Object.entries(fields).flatMap(([name, f]) => {
    const here = at ? `${at}.${name}` : name;
    if (f.type === 'string' && f.ref) return [here];
    if (f.type === 'object') return refsIn(f.fields, here);
    if (f.type === 'list' && f.items.type === 'object') return refsIn(f.items.fields, `${here}[*]`);
    return [];
  });
}

function importSection(type: string, kind: ResourceKind): string[] {
  const secrets = Object.entries(kind.fields).flatMap(([name, f]) => (f.reveal === 'never' ? [`\`${name}\``]
    : f.type === 'object' ? Object.entries(f.fields).filter(([, s]) => s.reveal === 'never').map(([s]) => `\`${name}.${s}\``) : []));
  const once = Object.entries(kind.fields).filter(([, f]) => f.reveal === 'once').map(([n]) => `\`${n}\``);
  return [
    '## Import', '',
    `The import ID is the object's \`id\`, as the management API shows it (\`GET /v1/${kind.plural}\`). ` +
      'Use `terraform import` or, with Terraform 1.5+ / OpenTofu 1.6+, an `import` block:', '',
    '```shell', example('resources', type, 'import.sh'), '```', '',
    ...(secrets.length ? [`The API never returns ${secrets.join(', ')}, so the first plan after an import shows it as an ` +
      'update to the configured value (applying it stores the same secret again).', ''] : []),
    ...(once.length ? [`${once.join(', ')} is returned only when the object is created, so it stays empty after an import.`, ''] : []),
  ];
}

function frontMatter(title: string, description: string): string[] {
  return ['---', `page_title: "${title} - apigw"`, 'subcategory: ""', 'description: |-', `  ${description}`, '---', ''];
}

function resourcePage(type: string, kind: ResourceKind, schema: ResourceSchema): string {
  return [
    ...frontMatter(`${type} Resource`, kind.description), `# ${type} (Resource)`, '', kind.description, '',
    '## Example Usage', '', '```terraform', example('resources', type, 'resource.tf'), '```', '',
    ...schemaSection(schema.block), ...planChecks(kind), ...importSection(type, kind),
  ].join('\n').replace(/\n+$/, '\n');
}

function dataSourcePage(type: string, schema: ResourceSchema, description: string): string {
  return [
    ...frontMatter(`${type} Data Source`, description), `# ${type} (Data Source)`, '', description, '',
    '## Example Usage', '', '```terraform', example('data-sources', type, 'data-source.tf'), '```', '',
    ...schemaSection(schema.block, false),
  ].join('\n').replace(/\n+$/, '\n');
}

/** Every page, by path relative to provider/docs. */
export function docPages(): Map<string, string> {
  const pages = new Map<string, string>();
  const resources = [...buildResources().values()];
  for (const r of resources) pages.set(`resources/${r.typeName.replace(/^apigw_/, '')}.md`, resourcePage(r.typeName, r.kind!, r.schema));
  for (const d of buildDataSources().values()) {
    pages.set(`data-sources/${d.typeName.replace(/^apigw_/, '')}.md`, dataSourcePage(d.typeName, d.schema, d.schema.block.description ?? ''));
  }
  pages.set('index.md', indexPage(providerConfigSchema, resources.map((r) => r.typeName), DATA_SOURCE_SPECS.map((s) => `apigw_${s.kind.kind}`),
    example('provider', 'provider.tf'), schemaSection(providerConfigSchema.block)));
  return pages;
}
