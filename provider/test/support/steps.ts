/**
 * The steps of Terraform's acceptance pattern as small functions over a workspace: apply, plan with
 * -detailed-exitcode, a saved plan read back as JSON (actions and replace paths per address), the
 * state as JSON, destroy. A failing command throws with its output, so the test log says why.
 */
import { PARALLELISM, TF_CLI } from './terraform';
import type { RunResult, TerraformWorkspace } from './terraform';

export interface Change {
  actions: string[];
  replacePaths: unknown[];
  before: Record<string, any> | null;
  after: Record<string, any> | null;
  /** Top-level attributes planned as "known after apply". */
  unknown: string[];
  importing: boolean;
}

/** Acceptance tests need a CLI: without one they fail loudly, unless APIGW_SKIP_TERRAFORM=1. */
export function describeAcceptance(name: string, body: () => void): void {
  if (process.env.APIGW_SKIP_TERRAFORM === '1') return describe.skip(name, body);
  if (!TF_CLI) {
    return describe(name, () => {
      it('needs terraform or tofu on PATH', () => {
        throw new Error('Neither `terraform` nor `tofu` is on PATH: install one (Terraform >= 1.5 or OpenTofu >= 1.6) ' +
          'to run the provider acceptance tests, or set APIGW_SKIP_TERRAFORM=1 to skip them.');
      });
    });
  }
  describe(name, body);
}

export async function mustRun(ws: TerraformWorkspace, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const result = await ws.run(args, env);
  if (result.code !== 0) {
    throw new Error(`${TF_CLI} ${args.join(' ')} exited ${result.code}\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout.slice(-4000)}`);
  }
  return result;
}

export const apply = (ws: TerraformWorkspace) => mustRun(ws, ['apply', '-auto-approve', '-input=false', '-no-color', PARALLELISM]);
export const destroy = (ws: TerraformWorkspace) => mustRun(ws, ['destroy', '-auto-approve', '-input=false', '-no-color', PARALLELISM]);
export const applySaved = (ws: TerraformWorkspace) => mustRun(ws, ['apply', '-input=false', '-no-color', PARALLELISM, 'tfplan']);

/** `plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes. */
export const planExit = (ws: TerraformWorkspace, env: Record<string, string> = {}) =>
  ws.run(['plan', '-detailed-exitcode', '-input=false', '-no-color', PARALLELISM], env);

/** Plans into `tfplan` and reads it back: the changes by address (no-ops included). */
export async function planChanges(ws: TerraformWorkspace, extra: string[] = []): Promise<Map<string, Change>> {
  await mustRun(ws, ['plan', '-input=false', '-no-color', PARALLELISM, '-out=tfplan', ...extra]);
  const plan = JSON.parse((await mustRun(ws, ['show', '-json', 'tfplan'])).stdout);
  return new Map((plan.resource_changes ?? []).map((rc: any) => [rc.address, {
    actions: rc.change.actions,
    replacePaths: rc.change.replace_paths ?? [],
    before: rc.change.before,
    after: rc.change.after,
    unknown: Object.keys(rc.change.after_unknown ?? {}).filter((k) => rc.change.after_unknown[k] === true).sort(),
    importing: Boolean(rc.change.importing),
  }]));
}

/** Addresses whose planned actions are exactly `actions`. */
export const withActions = (changes: Map<string, Change>, ...actions: string[]) =>
  [...changes].filter(([, c]) => c.actions.join() === actions.join()).map(([address]) => address).sort();

/** Managed resources in state: address → attribute values. */
export async function stateOf(ws: TerraformWorkspace): Promise<Map<string, Record<string, any>>> {
  const shown = JSON.parse((await mustRun(ws, ['show', '-json'])).stdout);
  const resources: any[] = shown.values?.root_module?.resources ?? [];
  return new Map(resources.filter((r) => r.mode === 'managed').map((r) => [r.address, r.values]));
}

/** Top-level attributes a change sets to a different known value (unknowns are in `unknown`). */
export function changedAttributes(change: Change): string[] {
  const keys = new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]);
  return [...keys].filter((k) => !change.unknown.includes(k)
    && JSON.stringify(change.before?.[k] ?? null) !== JSON.stringify(change.after?.[k] ?? null)).sort();
}
