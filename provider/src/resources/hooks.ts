/**
 * Registry of per-kind hooks: what is irregular about a kind beyond the generic CRUD of
 * catalogue-crud.ts (computed attributes that change on update, …). Each file is listed here once.
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
