/**
 * Writes provider/docs (one page per resource and data source, plus index.md) from the schema model
 * and provider/examples, and removes pages that no longer have a resource. CI reruns it (`make lint`)
 * and requires an empty `git diff`; a unit test (scripts/docs/docs.test.ts) compares too.
 * Run: npm run docs -w provider   (or `make provider-schema`, which also rewrites the schema JSON)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { docPages } from './docs/pages';

const root = join(__dirname, '..', 'docs');
const pages = docPages();
for (const folder of ['resources', 'data-sources']) {
  mkdirSync(join(root, folder), { recursive: true });
  for (const file of readdirSync(join(root, folder))) {
    if (!pages.has(`${folder}/${file}`)) rmSync(join(root, folder, file));
  }
}
for (const [path, text] of pages) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
process.stderr.write(`wrote ${pages.size} pages to ${root}\n`);
