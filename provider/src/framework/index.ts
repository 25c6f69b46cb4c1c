/** What a resource file needs from the framework (see resource.ts for the hook contract). */
export type { DataSource, HookContext, PlanCheckRequest, PlanRequest, ProviderSettings, Resource } from './resource';
export { DiagnosticError, errorDiag, invalidValue, warningDiag } from './diagnostics';
export type { Diagnostic } from './diagnostics';
export type { Logger } from './logger';
