/** Data source RPCs: validate the lookup configuration, read the object. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  ReadDataSource_Request, ReadDataSource_ResponseSchema, ValidateDataResourceConfig_Request,
  ValidateDataResourceConfig_ResponseSchema,
} from '../../gen/tfplugin6_pb';
import { impliedType } from '../../schema/model';
import { isPlainObject } from '../../values/value';
import { completeState } from '../state';
import { validateResourceConfig } from '../validate';
import { guarded } from './guard';
import { notImplemented } from './runtime';
import type { ProviderRuntime } from './runtime';
import { decodeDynamic, encodeDynamic } from './wire';

export function validateDataSource(rt: ProviderRuntime, req: ValidateDataResourceConfig_Request) {
  return guarded<MessageInitShape<typeof ValidateDataResourceConfig_ResponseSchema>>(rt.log, 'ValidateDataResourceConfig', (diags) => {
    const d = rt.dataSource(req.typeName);
    diags.push(...validateResourceConfig(d, decodeDynamic(req.config, impliedType(d.schema.block))));
    return {};
  });
}

export function readDataSource(rt: ProviderRuntime, req: ReadDataSource_Request) {
  return guarded<MessageInitShape<typeof ReadDataSource_ResponseSchema>>(rt.log, 'ReadDataSource', async (diags) => {
    const d = rt.dataSource(req.typeName);
    const type = impliedType(d.schema.block);
    const config = decodeDynamic(req.config, type);
    if (!d.read) throw notImplemented(d.typeName, 'read');
    if (!isPlainObject(config)) return {};
    const state = completeState(d.schema.block, await d.read(rt.hookContext(diags), config), d.typeName);
    return { state: encodeDynamic(state, type) };
  });
}
