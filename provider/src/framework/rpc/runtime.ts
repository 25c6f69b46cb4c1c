/**
 * The state of one provider process between RPCs: schemas and resources (fixed at start-up), the
 * settings from ConfigureProvider, and the stop signal. Terraform starts a process per command
 * phase, so nothing here outlives a phase; everything durable goes into state.
 */
import type { ProviderSchemas } from '../../schema/json';
import { errorDiag, DiagnosticError } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { Logger } from '../logger';
import type { DataSource, HookContext, ProviderSettings, Resource } from '../resource';

export interface ProviderEnv {
  /** APIGW_ENDPOINT and APIGW_TOKEN, read once at start-up. */
  endpoint?: string;
  token?: string;
}

export interface RuntimeOptions {
  /**
   * Called once the settings are resolved in ConfigureProvider, to fail early and clearly when the
   * service is unreachable or refuses the token (throw a DiagnosticError).
   */
  verifySettings?(ctx: HookContext): Promise<void>;
}

export class ProviderRuntime {
  settings: ProviderSettings | undefined;
  readonly stop = new AbortController();

  constructor(
    readonly schemas: ProviderSchemas,
    readonly resources: ReadonlyMap<string, Resource>,
    readonly dataSources: ReadonlyMap<string, DataSource>,
    readonly env: ProviderEnv,
    readonly log: Logger,
    readonly options: RuntimeOptions = {},
  ) {}

  resource(typeName: string): Resource {
    const r = this.resources.get(typeName);
    if (!r) throw new DiagnosticError([errorDiag('Unknown resource type', `This provider has no resource type ${typeName}.`)]);
    return r;
  }

  dataSource(typeName: string): DataSource {
    const d = this.dataSources.get(typeName);
    if (!d) throw new DiagnosticError([errorDiag('Unknown data source', `This provider has no data source ${typeName}.`)]);
    return d;
  }

  /** A context for one hook call; `warnings` collects what the hook reports besides its result. */
  hookContext(warnings: Diagnostic[]): HookContext {
    if (!this.settings) {
      throw new DiagnosticError([errorDiag('Provider not configured', 'ConfigureProvider was not called before this operation.')]);
    }
    return {
      settings: this.settings,
      signal: this.stop.signal,
      log: this.log,
      warn: (d) => warnings.push({ ...d, severity: 'warning' }),
    };
  }
}

/** A hook the resource has not implemented yet: an error diagnostic naming it. */
export function notImplemented(typeName: string, operation: string): DiagnosticError {
  return new DiagnosticError([errorDiag(`${typeName}: ${operation} is not implemented yet`,
    `The provider declares ${typeName} but cannot ${operation} it yet.`)]);
}
