/** provider/docs is what scripts/write-docs.ts generates now: no stale, missing or extra page. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { docPages } from './pages';

const root = join(__dirname, '..', '..', 'docs');
const onDisk = () => ['index.md', ...['resources', 'data-sources'].flatMap((f) => readdirSync(join(root, f)).map((n) => `${f}/${n}`))].sort();

describe('provider docs', () => {
  const pages = docPages();

  it('has exactly one page per resource and data source, plus the index (run `make provider-schema`)', () => {
    expect(onDisk()).toEqual([...pages.keys()].sort());
  });

  it('matches what the generator writes now (run `make provider-schema`)', () => {
    const stale = [...pages].filter(([path, text]) => readFileSync(join(root, path), 'utf8') !== text).map(([path]) => path);
    expect(stale).toEqual([]);
  });

  it('documents each attribute with its flags, replacement, secrets and the import ID', () => {
    const api = pages.get('resources/api.md')!;
    expect(api).toContain('- `group_id` (String) The group the API belongs to. Changing it forces a new resource.');
    expect(api).toContain('Changing it forces a new resource.');
    expect(api).toContain('### Nested Schema for `request`');
    expect(api).toContain('no other API of the group serves the same method and path');
    const cert = pages.get('resources/certificate.md')!;
    expect(cert).toMatch(/- `private_key_pem` \(String, Sensitive\) .*Write-only/);
    expect(cert).toContain('terraform import apigw_certificate.shop');
    expect(pages.get('data-sources/api.md')).toContain('(see [below for nested schema](#nestedatt--request))');
  });
});
