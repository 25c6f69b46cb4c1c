/**
 * A JSON parser that keeps numbers exact: `JSON.parse` rounds every number to float64 (and Node 20
 * has no reviver `source`), but state files hold arbitrary-precision numbers. Numbers come back as
 * `JsonNumber` with their source text; everything else is what `JSON.parse` would give.
 */

export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [k: string]: JsonValue };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

export function parseJsonExact(text: string): JsonValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.space();
  if (parser.pos !== text.length) parser.fail('unexpected trailing text');
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`invalid JSON at offset ${this.pos}: ${what}`);
  }

  space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  value(): JsonValue {
    this.space();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return JSON.parse(this.match(STRING) ?? this.fail('bad string')) as string;
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    if (this.literal('null')) return null;
    const n = this.match(NUMBER);
    return n !== undefined ? new JsonNumber(n) : this.fail('unexpected character');
  }

  private array(): JsonValue[] {
    this.pos++;
    const out: JsonValue[] = [];
    this.space();
    if (this.literal(']')) return out;
    do { out.push(this.value()); this.space(); } while (this.literal(','));
    if (!this.literal(']')) this.fail('expected , or ]');
    return out;
  }

  private object(): { [k: string]: JsonValue } {
    this.pos++;
    const out: { [k: string]: JsonValue } = {};
    this.space();
    if (this.literal('}')) return out;
    do {
      this.space();
      const k = JSON.parse(this.match(STRING) ?? this.fail('expected a key')) as string;
      this.space();
      if (!this.literal(':')) this.fail('expected :');
      Object.defineProperty(out, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
    } while (this.literal(','));
    if (!this.literal('}')) this.fail('expected , or }');
    return out;
  }
}
