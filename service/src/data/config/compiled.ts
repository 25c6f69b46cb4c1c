/**
 * The proxy's view of a RuntimeConfig, compiled once per revision: host → group → stage → route
 * trie → API with its policies and backend plans ready. Requests only read it; a new revision
 * replaces it whole.
 */
import type { ApiDefinition, PublishedApi, RuntimeConfig, RuntimeGroup } from '../../shared/runtime-config';
import { compileConditions, type Predicate } from '../backend/conditions';
import { compileBackend, type BackendPlan } from '../backend/plan';
import type { Policy } from '../pipeline/context';
import { POLICY_FACTORIES } from '../policies';
import { Router } from '../routing/router';
import type { DataServices } from '../services';

export interface CompiledPolicyBackend {
  name: string;
  applies: Predicate;
  plan: BackendPlan;
}

export interface CompiledApi {
  published: PublishedApi;
  definition: ApiDefinition;
  policies: Policy[];
  backend: BackendPlan;
  policyBackends: CompiledPolicyBackend[];
}

export interface CompiledStage {
  id: string;
  name: string;
  router: Router<CompiledApi>;
}

export interface CompiledGroup {
  runtime: RuntimeGroup;
  stages: Map<string, CompiledStage>;
}

export interface CompiledConfig {
  revision: number;
  runtime: RuntimeConfig;
  hosts: Map<string, CompiledGroup>;
}

function compileApi(config: RuntimeConfig, group: RuntimeGroup, stageName: string, published: PublishedApi, services: DataServices): CompiledApi {
  const stage = group.stages[stageName];
  const def = published.definition;
  const plan = (backend: ApiDefinition['backend']) => compileBackend(backend, def.backend_parameters, def.parameters, stage.variables);
  const policies = POLICY_FACTORIES.map((f) => f.build({ config, group, stage, published, services })).filter((p): p is Policy => p !== undefined);
  return {
    published,
    definition: def,
    policies,
    backend: plan(def.backend),
    policyBackends: def.policy_backends.map((pb) => ({ name: pb.name, applies: compileConditions(pb), plan: plan(pb.backend) })),
  };
}

export function compileConfig(runtime: RuntimeConfig, services: DataServices): CompiledConfig {
  const groups = new Map<string, CompiledGroup>();
  for (const group of Object.values(runtime.groups)) {
    const stages = new Map<string, CompiledStage>();
    for (const stage of Object.values(group.stages)) {
      const apis = stage.apis.map((p) => compileApi(runtime, group, stage.name, p, services));
      const router = new Router(apis.map((api) => ({
        method: api.definition.request.method, path: api.definition.request.path,
        prefix: api.definition.request.match_mode === 'PREFIX', value: api,
      })));
      stages.set(stage.name, { id: stage.id, name: stage.name, router });
    }
    groups.set(group.id, { runtime: group, stages });
  }
  const hosts = new Map<string, CompiledGroup>();
  for (const [host, groupId] of Object.entries(runtime.hosts)) {
    const group = groups.get(groupId);
    if (group) hosts.set(host, group);
  }
  return { revision: runtime.revision, runtime, hosts };
}
