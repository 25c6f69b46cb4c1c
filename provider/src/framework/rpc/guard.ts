/** Runs an RPC body so that any failure becomes error diagnostics in the response, never a gRPC error. */
import { diagnosticsFromError } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { Logger } from '../logger';
import { toProtoDiagnostics } from './wire';

type WithDiagnostics = { diagnostics?: ReturnType<typeof toProtoDiagnostics> };

export async function guarded<R extends WithDiagnostics>(
  log: Logger, rpc: string, body: (diags: Diagnostic[]) => Promise<R> | R, onError: (err: unknown) => R = () => ({} as R),
): Promise<R> {
  const diags: Diagnostic[] = [];
  let response: R;
  try {
    response = await body(diags);
  } catch (err) {
    log.debug(`${rpc} failed`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
    diags.push(...diagnosticsFromError(err, `${rpc} failed`));
    response = onError(err);
  }
  return { ...response, diagnostics: [...(response.diagnostics ?? []), ...toProtoDiagnostics(diags)] };
}
