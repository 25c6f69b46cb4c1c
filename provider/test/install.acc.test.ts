/**
 * The README's offline recipe, as written: install the provider into the filesystem mirror, then in a
 * fresh directory `terraform init` with the mirror's CLI configuration (no registry, no network) and
 * `terraform apply` without it, against a live service; the published API answers through the proxy.
 * Also: the mirror layout Terraform and OpenTofu expect, and the dev_overrides configuration.
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callProxy, callUntil } from './support/proxy';
import { startAccService } from './support/service';
import type { AccService } from './support/service';
import { describeAcceptance } from './support/steps';
import { TF_CLI, assertBuilt } from './support/terraform';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'provider', 'dist');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'provider', 'package.json'), 'utf8')).version;

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => execFile(TF_CLI!, args, { cwd, env }, (err, stdout, stderr) =>
    resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

describeAcceptance('the offline installation recipe of the README', () => {
  let svc: AccService;
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    svc = await startAccService();
    dir = mkdtempSync(join(tmpdir(), 'apigw-recipe-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await svc?.close();
  });

  it('is the recipe the README shows', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('make provider-install\n');
    expect(readme).toContain('mkdir -p /tmp/shop && cp provider/examples/quickstart/main.tf /tmp/shop/\n');
    expect(readme).toContain('cd /tmp/shop && TF_CLI_CONFIG_FILE=$OLDPWD/provider/dist/mirror.tfrc terraform init && terraform apply\n');
  });

  it('installs the mirror in HOST/NAMESPACE/TYPE/VERSION/OS_ARCH layout for both registries', () => {
    execFileSync('sh', [join(ROOT, 'provider', 'scripts', 'install.sh')], { stdio: 'ignore' });
    const osArch = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
    for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
      accessSync(join(DIST, 'mirror', host, 'apigw', 'apigw', VERSION, osArch, `terraform-provider-apigw_v${VERSION}`), constants.X_OK);
    }
    expect(readFileSync(join(DIST, 'mirror.tfrc'), 'utf8')).toContain(`path    = "${join(DIST, 'mirror')}"`);
  });

  it('inits offline from the mirror, applies, serves the API, destroys', async () => {
    copyFileSync(join(ROOT, 'provider', 'examples', 'quickstart', 'main.tf'), join(dir, 'main.tf'));
    const env: NodeJS.ProcessEnv = { ...process.env, ...svc.env('recipe'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    delete env.TF_CLI_CONFIG_FILE;
    const init = await cli(['init', '-no-color', '-input=false'], dir, { ...env, TF_CLI_CONFIG_FILE: join(DIST, 'mirror.tfrc') });
    expect(init.out).toContain('Installing apigw/apigw v0.1.0');
    expect(init.code).toBe(0);
    const applied = await cli(['apply', '-auto-approve', '-no-color', '-input=false'], dir, env);
    expect([applied.code, applied.out]).toEqual([0, expect.stringContaining('Apply complete! Resources: 3 added')]);
    const host = JSON.parse((await cli(['output', '-json', 'host'], dir, env)).out);
    const answer = await callUntil(() => callProxy(svc.proxyUrl!, host, '/hello'), (a) => a.status !== 404);
    expect(answer).toEqual({ status: 200, body: '{"hello":"world"}' });
    expect((await cli(['destroy', '-auto-approve', '-no-color', '-input=false'], dir, env)).code).toBe(0);
  }, 120_000);

  it('plans with the dev_overrides configuration, without init', async () => {
    const dev = mkdtempSync(join(tmpdir(), 'apigw-dev-'));
    copyFileSync(join(ROOT, 'provider', 'examples', 'quickstart', 'main.tf'), join(dev, 'main.tf'));
    const env = { ...process.env, ...svc.env('dev'), CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(DIST, 'dev.tfrc') };
    const plan = await cli(['plan', '-no-color', '-input=false'], dev, env);
    rmSync(dev, { recursive: true, force: true });
    expect([plan.code, plan.out]).toEqual([0, expect.stringContaining('Plan: 3 to add')]);
  }, 60_000);
});
