/** Conversions between tfplugin6 messages and the framework's values, paths and diagnostics. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { DiagnosticSchema, Diagnostic_Severity } from '../../gen/tfplugin6_pb';
import type { AttributePathSchema, DynamicValue, DynamicValueSchema } from '../../gen/tfplugin6_pb';
import { decodeJson } from '../../values/json';
import { decodeMsgpack, encodeMsgpack } from '../../values/msgpack';
import type { Path } from '../../values/path';
import type { CtyType } from '../../values/types';
import type { Value } from '../../values/value';
import type { Diagnostic } from '../diagnostics';

/** Core sends msgpack; JSON is the documented fallback; neither means null. */
export function decodeDynamic(dv: DynamicValue | undefined, type: CtyType): Value {
  if (dv?.msgpack?.length) return decodeMsgpack(dv.msgpack, type);
  if (dv?.json?.length) return decodeJson(dv.json, type);
  return null;
}

/** Always answer with msgpack (object-wire-format.md: JSON responses are not reliably supported). */
export function encodeDynamic(value: Value, type: CtyType): MessageInitShape<typeof DynamicValueSchema> {
  return { msgpack: encodeMsgpack(value, type) };
}

export function toProtoPath(path: Path): MessageInitShape<typeof AttributePathSchema> {
  return {
    steps: path.map((step) => ({
      selector: 'attribute' in step ? { case: 'attributeName' as const, value: step.attribute }
        : 'index' in step ? { case: 'elementKeyInt' as const, value: BigInt(step.index) }
          : { case: 'elementKeyString' as const, value: step.key },
    })),
  };
}

export function toProtoDiagnostics(diags: readonly Diagnostic[]): MessageInitShape<typeof DiagnosticSchema>[] {
  return diags.map((d) => ({
    severity: d.severity === 'error' ? Diagnostic_Severity.ERROR : Diagnostic_Severity.WARNING,
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path?.length ? { attribute: toProtoPath(d.path) } : {}),
  }));
}
