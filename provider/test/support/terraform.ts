/**
 * Runs the real terraform CLI against the built provider (provider/dist) in a throw-away directory,
 * installed with `dev_overrides` (no registry, no `terraform init`, which would try the network).
 * Build first: provider/scripts/build.sh.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DIST_DIR = join(__dirname, '..', '..', 'dist');
export const PROVIDER_SOURCE = 'apigw/apigw';

export function terraformAvailable(): boolean {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function assertBuilt(): void {
  if (!existsSync(join(DIST_DIR, 'terraform-provider-apigw')) || !existsSync(join(DIST_DIR, 'provider.js'))) {
    throw new Error('provider/dist is missing: run provider/scripts/build.sh before the acceptance tests');
  }
}

export interface RunResult { code: number; stdout: string; stderr: string }

export class TerraformWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'apigw-tf-'));

  constructor() {
    writeFileSync(join(this.dir, 'dev.tfrc'), `provider_installation {
  dev_overrides { "registry.terraform.io/${PROVIDER_SOURCE}" = "${DIST_DIR}" }
}
`);
  }

  /** Writes main.tf: the required_providers block plus `body`. */
  writeConfig(body: string): void {
    writeFileSync(join(this.dir, 'main.tf'), `terraform {
  required_providers {
    apigw = { source = "${PROVIDER_SOURCE}" }
  }
}

${body}
`);
  }

  /** Writes terraform.tfstate holding these objects (schema version 0), as if applied before. */
  writeState(objects: Array<{ type: string; name: string; attributes: Record<string, unknown> }>): void {
    const resources = objects.map(({ type, name, attributes }) => ({
      mode: 'managed', type, name, provider: `provider["registry.terraform.io/${PROVIDER_SOURCE}"]`,
      instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
    }));
    const state = { version: 4, terraform_version: '1.11.4', serial: 1, lineage: '3f5c7d2e-0000-4000-8000-000000000001', outputs: {}, resources };
    writeFileSync(join(this.dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  }

  run(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = {
      ...process.env, TF_CLI_CONFIG_FILE: join(this.dir, 'dev.tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...extraEnv,
    };
    delete env.TF_LOG;
    delete env.TF_LOG_PROVIDER;
    return new Promise((resolve) => {
      execFile('terraform', args, { cwd: this.dir, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
