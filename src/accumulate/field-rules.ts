/**
 * How each field of a delta merges into its snapshot: the one table of the accumulation rules.
 *
 * | rule | keys | where the wire streams them (recordings) |
 * |---|---|---|
 * | `concatenate` | `arguments` | `function.arguments`, `connected_agent.arguments`, a flat `mcp` call's `arguments`, `openapi`'s `function.arguments` |
 * | `concatenate` | `input` | `code_interpreter.input`, `azure_ai_search.input` (after a `null` placeholder) |
 * | `concatenate` | `logs` | `code_interpreter.outputs[i].logs` |
 * | `concatenate` | `value` | `text.value` of a message text part |
 * | `concatenate` | `refusal` | a message `refusal` part |
 * | `replace` | every other key | identities (`id`, `type`, `index`, `file_id`, `name`, `server_label`, `url`, `requesturl`), `output`, `response_metadata`, numbers, booleans, `null` |
 *
 * The rule holds wherever the key stands, in a tool type the library knows or not. A concatenated field starts from
 * the delta's value when the snapshot holds no string there (`null`, absent), so a field sent whole after a `""` or
 * `null` placeholder ends as that value under either rule (`azure_ai_search.input`: `null` then `"…"`; bing's
 * `requesturl`, a replaced field: `""` then `"https://…"`; `connected_agent.output`, replaced: `""` then the whole
 * output). An empty fragment (`""`) adds nothing to a concatenated field; `null` replaces any field.
 *
 * @example
 * ```ts
 * // internal (src/accumulate/field-rules.ts)
 * FIELD_RULES.arguments; // 'concatenate'
 * Object.keys(FIELD_RULES).includes('output'); // false: every key not in the table is replaced
 * ```
 */
export const FIELD_RULES = Object.freeze({
  arguments: 'concatenate',
  input: 'concatenate',
  logs: 'concatenate',
  value: 'concatenate',
  refusal: 'concatenate',
} as const);

/**
 * Whether a delta's string under `key` is appended to the snapshot's string ({@link FIELD_RULES}). Five comparisons:
 * cheaper in the merge's hot loop than a lookup, and the table above stays the one place to read the rule (a spec
 * holds the two together).
 *
 * @example
 * ```ts
 * // internal (src/accumulate/field-rules.ts)
 * isFragmentKey('arguments'); // true
 * isFragmentKey('requesturl'); // false: replaced
 * ```
 */
export function isFragmentKey(key: string): boolean {
  return key === 'value' || key === 'arguments' || key === 'input' || key === 'logs' || key === 'refusal';
}
