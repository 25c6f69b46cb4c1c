/**
 * Writes provider/schema/apigw.schema.json: the provider's schemas in the shape of
 * `terraform providers schema -json`, derived from the catalogue. CDK bindings and docs read it;
 * CI reruns this script and requires an empty `git diff`.
 * Run: node_modules/.bin/tsx provider/scripts/write-schema.ts   (from the repository root)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerSchemaJson, providerSchemas } from '../src/schema';

const target = join(__dirname, '..', 'schema', 'apigw.schema.json');
writeFileSync(target, `${JSON.stringify(providerSchemaJson(providerSchemas()), null, 2)}\n`);
process.stderr.write(`wrote ${target}\n`);
