import { ref, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const variable: ResourceKind = {
  kind: 'variable',
  plural: 'variables',
  title: 'Stage variable',
  description: 'A `name=value` pair for one group in one stage, substituted for `#name#` in backend addresses and paths. Names are case-sensitive.',
  nameField: 'name',
  fields: withCommonFields('variable', {
    group_id: ref('group', 'The group the variable belongs to.', { required: true, immutable: true }),
    stage_id: ref('stage', 'The stage the value applies to.', { required: true, immutable: true }),
    name: str('Variable name, referenced as `#name#`.', {
      required: true, immutable: true, minLength: 1, maxLength: 32, pattern: '^[A-Za-z][A-Za-z0-9_-]*$',
    }),
    value: str('Value substituted for `#name#`.', { required: true, minLength: 1, maxLength: 255 }),
  }),
  unique: [{ fields: ['group_id', 'stage_id', 'name'] }],
  quota: { name: 'variables_per_group_stage', default: 50, per: ['group_id', 'stage_id'] },
};
