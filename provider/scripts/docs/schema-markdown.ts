/**
 * The "Schema" section of a doc page, in the layout of HashiCorp's tfplugindocs (Required /
 * Optional / Read-Only lists, then one "Nested Schema" section per block or object attribute), from
 * the provider's schema model: what `terraform providers schema -json` says, plus what only the
 * model knows (defaults, immutable → forces replacement, write-only secrets, value rules).
 */
import type { Field } from '../../../service/src/control/catalogue/types';
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from '../../src/schema/model';
import type { CtyType } from '../../src/values/types';

const TYPE_NAMES: Record<string, string> = { string: 'String', number: 'Number', bool: 'Boolean', dynamic: 'Dynamic' };

function typeName(t: CtyType): string {
  if (typeof t === 'string') return TYPE_NAMES[t];
  if (t.kind === 'object') return 'Object';
  if (t.kind === 'tuple') return 'Tuple';
  const kind = { list: 'List', set: 'Set', map: 'Map' }[t.kind];
  return `${kind} of ${typeName(t.element)}`;
}

/** The value rules of a field, as the sentence appended to its description. */
export function fieldRules(field: Field | undefined): string {
  if (!field) return '';
  const rules: string[] = [];
  const serverOwned = field.computed && !field.input;
  if (field.type === 'string' && !serverOwned && !field.ref) {
    if (field.enum) rules.push(`One of ${field.enum.map((v) => `\`${v}\``).join(', ')}.`);
    if (field.pattern) rules.push(`Must match \`${field.pattern}\`.`);
    if (field.minLength !== undefined) rules.push(`${field.minLength}–${field.maxLength ?? '∞'} characters.`);
    else if (field.maxLength !== undefined && !field.enum) rules.push(`At most ${field.maxLength} characters.`);
  }
  if ((field.type === 'integer' || field.type === 'number') && (field.minimum !== undefined || field.maximum !== undefined)) {
    rules.push(`${field.type === 'integer' ? 'A whole number' : 'A number'} from ${field.minimum ?? '-∞'} to ${field.maximum ?? '∞'}.`);
  }
  if (field.type === 'list' && field.maxItems !== undefined) rules.push(`${field.minItems ?? 0}–${field.maxItems} items.`);
  if (field.default !== undefined) rules.push(`Defaults to \`${JSON.stringify(field.default)}\`.`);
  if (field.immutable) rules.push('Changing it forces a new resource.');
  if (field.reveal === 'never') rules.push('Not readable: Terraform keeps the configured value.');
  if (field.reveal === 'once') rules.push('Returned only when the object is created; Terraform keeps it in state.');
  return rules.join(' ');
}

const anchor = (path: string[], block = false) => `${block ? 'nestedblock' : 'nestedatt'}--${path.join('--')}`;

interface Pending { path: string[]; block: boolean; render: () => string[] }

/** Sections still to write, and whether value rules apply (not to data source results). */
interface Ctx { pending: Pending[]; rules: boolean }

function attributeLine(a: AttributeSchema, path: string[], ctx: Ctx): string {
  const flags = [typeName(a.type), ...(a.sensitive ? ['Sensitive'] : [])].join(', ');
  const text = [a.description, ctx.rules ? fieldRules(a.field) : ''].filter(Boolean).join(' ');
  const objectType = typeof a.type === 'object' && a.type.kind !== 'tuple'
    ? (a.type.kind === 'object' ? a.type : typeof a.type.element === 'object' && a.type.element.kind === 'object' ? a.type.element : undefined)
    : undefined;
  if (!objectType || a.field === undefined) return `- \`${a.name}\` (${flags}) ${text}`;
  const here = [...path, a.name];
  const fields = a.field.type === 'object' ? a.field.fields : a.field.type === 'list' && a.field.items.type === 'object' ? a.field.items.fields : {};
  ctx.pending.push({ path: here, block: false, render: () => objectAttributes(fields, objectType.attributes, here, ctx) });
  return `- \`${a.name}\` (${flags}) ${text} (see [below for nested schema](#${anchor(here)}))`;
}

/** The attributes of an object-typed attribute (data sources): all read-only. */
function objectAttributes(fields: Record<string, Field>, types: Record<string, CtyType>, path: string[], ctx: Ctx): string[] {
  return Object.keys(types).sort().map((name) =>
    attributeLine({ name, type: types[name], description: fields[name]?.description ?? '', field: fields[name], computed: true }, path, ctx));
}

function blockLine(b: NestedBlockSchema, path: string[], ctx: Ctx): string {
  const here = [...path, b.typeName];
  const kind = b.nesting === 'single' ? 'Block' : 'Block List';
  const limits = [b.minItems ? `Min: ${b.minItems}` : '', b.maxItems && b.nesting !== 'single' ? `Max: ${b.maxItems}` : ''].filter(Boolean);
  ctx.pending.push({ path: here, block: true, render: () => blockSections(b.block, here, ctx) });
  const fallback = Array.isArray(b.field?.default) && b.field.default.length > 0
    ? `Without any block, the service uses \`${JSON.stringify(b.field.default)}\` (the plan shows none).` : '';
  const text = [b.block.description, fallback, b.immutable ? 'Changing it forces a new resource.' : ''].filter(Boolean).join(' ');
  return `- \`${b.typeName}\` (${[kind, ...limits].join(', ')}) ${text} (see [below for nested schema](#${anchor(here, true)}))`;
}

function blockSections(block: BlockSchema, path: string[], ctx: Ctx): string[] {
  const groups: Array<[string, (a: AttributeSchema) => boolean, (b: NestedBlockSchema) => boolean]> = [
    ['Required', (a) => Boolean(a.required), (b) => (b.minItems ?? 0) > 0],
    ['Optional', (a) => Boolean(a.optional), (b) => (b.minItems ?? 0) === 0],
    ['Read-Only', (a) => Boolean(a.computed && !a.optional), () => false],
  ];
  const out: string[] = [];
  for (const [title, attrTest, blockTest] of groups) {
    const lines = [
      ...[...block.attributes].filter(attrTest).sort((x, y) => x.name.localeCompare(y.name)).map((a) => attributeLine(a, path, ctx)),
      ...[...block.blockTypes].filter(blockTest).sort((x, y) => x.typeName.localeCompare(y.typeName)).map((b) => blockLine(b, path, ctx)),
    ];
    if (lines.length) out.push(`${path.length ? '#' : ''}### ${title}`, '', ...lines, '');
  }
  return out;
}

/** The whole "## Schema" section, nested schemas included, in a stable order. */
export function schemaSection(block: BlockSchema, rules = true): string[] {
  const ctx: Ctx = { pending: [], rules };
  const out = ['## Schema', '', ...blockSections(block, [], ctx)];
  while (ctx.pending.length) {
    const next = ctx.pending.shift()!;
    out.push(`<a id="${anchor(next.path, next.block)}"></a>`, `### Nested Schema for \`${next.path.join('.')}\``, '', ...next.render());
  }
  return out;
}
