/**
 * The usual shape of an acceptance test file: the provider bundle must be built, one live service is
 * shared by the file's tests, and every Terraform workspace made is removed at the end.
 */
import { startAccService, type AccService } from './service';
import { assertBuilt, TerraformWorkspace } from './terraform';

export interface AccHarness {
  /** The live service (available inside tests, after beforeAll). */
  readonly svc: AccService;
  /** A new workspace with these environment variables, removed after the file's tests. */
  workspace(env?: Record<string, string>): TerraformWorkspace;
}

export function useAccService(): AccHarness {
  let svc: AccService | undefined;
  const workspaces: TerraformWorkspace[] = [];
  beforeAll(async () => {
    assertBuilt();
    svc = await startAccService();
  });
  afterAll(async () => {
    workspaces.forEach((w) => w.remove());
    await svc?.close();
  });
  return {
    get svc() {
      if (!svc) throw new Error('the acceptance service is not started yet (use it inside tests)');
      return svc;
    },
    workspace(env = {}) {
      const ws = new TerraformWorkspace(env);
      workspaces.push(ws);
      return ws;
    },
  };
}
