/**
 * Registry of per-kind hooks. Each resource file (`certificate.ts`, …) exports its hooks and is
 * listed here once; the management-API CRUD lands in those files.
 */
import type { DataSource, Resource } from '../framework/resource';
import { certificate } from './certificate';
import { deployment } from './deployment';

export type ResourceHooks = Partial<Omit<Resource, 'typeName' | 'schema' | 'kind'>>;
export type DataSourceHooks = Partial<Omit<DataSource, 'typeName' | 'schema'>>;

export const RESOURCE_HOOKS: Readonly<Record<string, ResourceHooks>> = {
  certificate,
  deployment,
};

export const DATA_SOURCE_HOOKS: Readonly<Record<string, DataSourceHooks>> = {};
