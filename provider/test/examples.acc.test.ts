/**
 * Every example in provider/examples (the ones the docs show) works as written: each resource
 * example applies and re-plans with no changes against a live service (destroy is the lifecycle
 * test's job); the data source examples read what the apigw_api example creates. A few run at a
 * time, each in its own tenant.
 */
import { useAccService } from './support/harness';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeCertificate } from '../../service/test/support/certs';
import { apply, describeAcceptance, planExit } from './support/steps';

const EXAMPLES = join(__dirname, '..', 'examples');
const CONCURRENCY = 3;

const examplesIn = (folder: string, file: string) => readdirSync(join(EXAMPLES, folder)).sort()
  .map((type) => ({ type, hcl: readFileSync(join(EXAMPLES, folder, type, file), 'utf8') }));

/** Runs `work` over `items`, `limit` at a time; returns the failures as text. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((err: Error) => { failures.push(err.message); });
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return failures;
}

describeAcceptance('the documented examples', () => {
  const acc = useAccService();
  const workspace = (tenant: string, hcl: string) => {
    const ws = acc.workspace(acc.svc.env(tenant));
    const cert = makeCertificate('api.shop.example', ['api.shop.example', 'shop.example']);
    ws.writeFile('cert.pem', cert.certificatePem);
    ws.writeFile('key.pem', cert.privateKeyPem);
    ws.writeConfig(hcl);
    return ws;
  };

  it('has a resource.tf and an import.sh for every resource type, and a data-source.tf for every data source', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'apigw.schema.json'), 'utf8'));
    const [entry] = Object.values(schema.provider_schemas) as any[];
    expect(readdirSync(join(EXAMPLES, 'resources')).sort()).toEqual(Object.keys(entry.resource_schemas).sort());
    expect(readdirSync(join(EXAMPLES, 'data-sources')).sort()).toEqual(Object.keys(entry.data_source_schemas).sort());
    for (const type of Object.keys(entry.resource_schemas)) {
      expect(readFileSync(join(EXAMPLES, 'resources', type, 'import.sh'), 'utf8')).toContain(`terraform import ${type}.`);
    }
  });

  it('applies every resource example, and plans no changes after', async () => {
    const failures = await eachLimited(examplesIn('resources', 'resource.tf'), CONCURRENCY, async ({ type, hcl }) => {
      const ws = workspace(type.replace(/_/g, '-'), hcl);
      await apply(ws).catch((err) => { throw new Error(`${type}: ${err.message}`); });
      const plan = await planExit(ws);
      if (plan.code !== 0) throw new Error(`${type}: plan after apply exited ${plan.code}\n${plan.stdout}${plan.stderr}`);
    });
    expect(failures).toEqual([]);
  }, 300_000);

  it('reads every data source example', async () => {
    const owner = workspace('data-sources', examplesIn('resources', 'resource.tf').find((e) => e.type === 'apigw_api')!.hcl);
    await apply(owner);
    const failures = await eachLimited(examplesIn('data-sources', 'data-source.tf'), CONCURRENCY, async ({ type, hcl }) => {
      await apply(workspace('data-sources', hcl)).catch((err) => { throw new Error(`${type}: ${err.message}`); });
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
