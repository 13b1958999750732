/**
 * Text from a capture, made safe for a terminal: C0 controls but `\n` and `\t` (ESC starts OSC 52 clipboard writes
 * and screen clears, BEL, BS, CR rewrite what was printed), DEL, C1 controls (`\x9b` is a CSI on some terminals) and
 * the bidirectional overrides (U+202A-202E, U+2066-2069: text that reads differently than it is) are shown as escapes
 * (`\x1b`, `\u202e`), never sent as they are. Everything the CLI prints from a capture goes through this.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** `text` with every unsafe character as a visible escape. */
export function escapeControls(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** A copy of `value` with every string in it (keys included) passed through {@link escapeControls}. */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeDeep) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [escapeDeep(k), escapeDeep(v)])) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, escapeControls(k), {
        value: escapeDeep(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out as T;
  }
  return value;
}

// JSON.stringify escapes C0 controls; these it leaves as they are.

const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `JSON.stringify`, with DEL, the C1 controls, the line separators and the bidi overrides written as `\uXXXX` too:
 * the same JSON value, safe to print (`--json`, NDJSON). A Map is written as an object of its entries.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), indent);
  return text.replace(JSON_UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
