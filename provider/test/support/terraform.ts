/**
 * Runs the real terraform (or tofu) CLI against the built provider (provider/dist) in a throw-away
 * directory, installed with `dev_overrides` (no registry, no `terraform init`, which would try the
 * network). Build first: `make provider`. Which CLI: APIGW_TF_CLI, else `terraform`, else `tofu`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DIST_DIR = join(__dirname, '..', '..', 'dist');
/** With the host spelled out, terraform and tofu resolve the same address (tofu's default host differs). */
export const PROVIDER_ADDRESS = 'registry.terraform.io/apigw/apigw';
/** Two cores in CI: the provider, the service and the CLI share them. */
export const PARALLELISM = '-parallelism=4';

function works(cli: string): boolean {
  try {
    execFileSync(cli, ['version'], { stdio: 'ignore', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    return true;
  } catch {
    return false;
  }
}

/** The CLI the acceptance tests drive, or undefined when none is on PATH. */
export const TF_CLI: string | undefined = [process.env.APIGW_TF_CLI, 'terraform', 'tofu']
  .find((cli): cli is string => Boolean(cli) && works(cli as string));

export function assertBuilt(): void {
  if (!existsSync(join(DIST_DIR, 'terraform-provider-apigw')) || !existsSync(join(DIST_DIR, 'provider.js'))) {
    throw new Error('provider/dist is missing: run `make provider` before the acceptance tests');
  }
}

export interface RunResult { code: number; stdout: string; stderr: string }

export class TerraformWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'apigw-tf-'));

  /** `env` goes to every command (typically APIGW_ENDPOINT and APIGW_TOKEN). */
  constructor(private readonly env: Record<string, string> = {}) {
    writeFileSync(join(this.dir, 'dev.tfrc'), `provider_installation {
  dev_overrides { "${PROVIDER_ADDRESS}" = "${DIST_DIR}" }
}
`);
  }

  /** Writes main.tf: the required_providers block plus `body`. */
  writeConfig(body: string): void {
    writeFileSync(join(this.dir, 'main.tf'), `terraform {
  required_providers {
    apigw = { source = "${PROVIDER_ADDRESS}" }
  }
}

${body}
`);
  }

  writeFile(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  /** Writes terraform.tfstate holding these objects (schema version 0), as if applied before. */
  writeState(objects: Array<{ type: string; name: string; attributes: Record<string, unknown> }>): void {
    const resources = objects.map(({ type, name, attributes }) => ({
      mode: 'managed', type, name, provider: `provider["${PROVIDER_ADDRESS}"]`,
      instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
    }));
    const state = { version: 4, terraform_version: '1.11.4', serial: 1, lineage: '3f5c7d2e-0000-4000-8000-000000000001', outputs: {}, resources };
    writeFileSync(join(this.dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  }

  run(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = {
      ...process.env, TF_CLI_CONFIG_FILE: join(this.dir, 'dev.tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1',
      ...this.env, ...extraEnv,
    };
    delete env.TF_LOG;
    delete env.TF_LOG_PROVIDER;
    return new Promise((resolve) => {
      execFile(TF_CLI ?? 'terraform', args, { cwd: this.dir, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
