/**
 * A minimal JSON Schema validator for the keywords docs/trust-list.schema.json uses, so the schema
 * can be checked without a dependency. It throws on any keyword it does not implement, so the schema
 * cannot silently grow beyond what is checked.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment', '$defs']);
const KEYWORDS = new Set([
  'type', 'const', 'enum', 'pattern', 'minimum', 'maximum', 'properties', 'required',
  'additionalProperties', 'items', 'anyOf', 'oneOf', '$ref',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const target = m ? (root.$defs as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!target) throw new Error(`unsupported or dangling $ref ${ref}`);
    return target;
  };
  const check = (schema: Schema, v: unknown, path: string, out: string[]): void => {
    for (const k of Object.keys(schema)) if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`mini-schema: keyword ${k} not supported`);
    if (schema.$ref !== undefined) check(resolve(schema.$ref as string), v, path, out);
    const t = typeOf(v);
    if (schema.type !== undefined) {
      const want = schema.type as string;
      const ok = want === t || (want === 'number' && t === 'integer');
      if (!ok) return void out.push(`${path}: expected ${want}, got ${t}`);
    }
    if ('const' in schema && v !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`);
    if (schema.enum && !(schema.enum as unknown[]).includes(v)) out.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
    if (typeof v === 'string' && schema.pattern !== undefined && !new RegExp(schema.pattern as string, 'u').test(v)) out.push(`${path}: does not match ${schema.pattern}`);
    if (typeof v === 'number') {
      if (schema.minimum !== undefined && v < (schema.minimum as number)) out.push(`${path}: below ${schema.minimum}`);
      if (schema.maximum !== undefined && v > (schema.maximum as number)) out.push(`${path}: above ${schema.maximum}`);
    }
    if (t === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${path}: missing ${r}`);
      for (const [k, val] of Object.entries(obj)) {
        if (props[k]) check(props[k], val, `${path}/${k}`, out);
        else if (schema.additionalProperties === false) out.push(`${path}: unexpected property ${k}`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, val, `${path}/${k}`, out);
      }
    }
    if (t === 'array' && schema.items) (v as unknown[]).forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, out));
    for (const [kw, needOne] of [['anyOf', false], ['oneOf', true]] as const) {
      const alts = schema[kw] as Schema[] | undefined;
      if (!alts) continue;
      const results = alts.map((s) => {
        const e: string[] = [];
        check(s, v, path, e);
        return e;
      });
      const passing = results.filter((e) => e.length === 0).length;
      if (passing === 0) out.push(`${path}: matches none of ${kw} (${results.map((e) => e[0]).join(' | ')})`);
      else if (needOne && passing > 1) out.push(`${path}: matches ${passing} of oneOf`);
    }
  };
  check(root, value, '', errors);
  return errors;
}
