import type * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { lenientCodec, lenientOnly, taggedUnion } from './combinators';
import { azureToolTypes } from './tools-azure';
import { openAIToolTypes } from './tools-openai';

/** One tool type: its call in a `tool_calls` step, its fragment in step deltas, and its config in `run.tools` if typed. */
interface ToolTypeEntry {
  readonly call: t.Mixed;
  readonly delta: t.Mixed;
  readonly tool?: t.Mixed;
}

/** Every tool type of a schema by `type`: OpenAI's, and Azure's in lenient mode only. */
export function toolTypes({ mode, use }: Schema) {
  return { ...use(openAIToolTypes), ...lenientOnly(mode, use(azureToolTypes)) };
}

type Field = keyof ToolTypeEntry;
type Pluck<T, F extends Field> = {
  [K in keyof T as T[K] extends { readonly [P in F]: t.Mixed } ? K : never]: T[K] extends { readonly [P in F]: infer C }
    ? C
    : never;
};

/** One field of every entry that has it, by `type`: the members of a union. */
function pluck<T extends Record<string, ToolTypeEntry>, F extends Field>(table: T, field: F): Pluck<T, F> {
  const members: Record<string, t.Mixed> = {};
  for (const [type, entry] of Object.entries(table)) if (entry[field]) members[type] = entry[field];
  return members as Pluck<T, F>;
}

/**
 * An item of `run.tools`, by `type`: OpenAI's `code_interpreter`, `file_search`, `function`, and in lenient mode Azure's
 * `mcp`, `connected_agent`, `bing_grounding`, `bing_custom_search`, `openapi` configs (other types, such as v1's
 * `retrieval`, are passed as they are).
 *
 * @example
 * ```ts
 * import type { AssistantTool } from 'rx-assistant-stream';
 *
 * const label = (tool: AssistantTool) => (tool.type === 'function' ? tool.function.name : tool.type);
 * run.tools.map(label); // ['code_interpreter', 'file_search', 'get_weather']
 * ```
 */
export type AssistantTool = CodecType<typeof assistantTool>;
/** Codec of {@link AssistantTool}. */
export const AssistantTool: Codec<AssistantTool> = /*#__PURE__*/ lenientCodec(assistantTool);
export function assistantTool({ mode, use }: Schema) {
  return taggedUnion(mode, 'AssistantTool', 'type', pluck(use(toolTypes), 'tool'));
}

/**
 * A tool call of a `tool_calls` step, by `type`: `code_interpreter`, `file_search`, `function` and, in lenient mode,
 * Azure's `bing_grounding`, `bing_custom_search`, `azure_ai_search`, `connected_agent`, `mcp`, `openapi`,
 * `azure_function`, `deep_research`, `fabric_dataagent`, `sharepoint_grounding`, `browser_automation`,
 * `computer_use_preview`. Lenient mode keeps unknown types whole: keep a `default` branch.
 *
 * @example
 * ```ts
 * import type { ToolCall } from 'rx-assistant-stream';
 *
 * function describe(call: ToolCall): string {
 *   if (call.type === 'function') return `${call.function.name}(${call.function.arguments})`;
 *   if (call.type === 'code_interpreter') return call.code_interpreter.input;
 *   if (call.type === 'connected_agent') return `${call.connected_agent.name}(${call.connected_agent.arguments})`;
 *   if (call.type === 'mcp') return `${call.server_label}.${call.name}(${call.arguments})`;
 *   return call.type;
 * }
 * ```
 */
export type ToolCall = CodecType<typeof toolCall>;
/** Codec of {@link ToolCall}. */
export const ToolCall: Codec<ToolCall> = /*#__PURE__*/ lenientCodec(toolCall);
export function toolCall({ mode, use }: Schema) {
  return taggedUnion(mode, 'ToolCall', 'type', pluck(use(toolTypes), 'call'));
}

/**
 * A tool call fragment of a step delta, by `type`, merged into its call by `index`.
 *
 * @example
 * ```ts
 * import type { ToolCallDelta } from 'rx-assistant-stream';
 *
 * function fragmentOf(call: ToolCallDelta): string {
 *   if (call.type === 'function') return call.function?.arguments ?? '';
 *   if (call.type === 'code_interpreter') return call.code_interpreter?.input ?? '';
 *   if (call.type === 'mcp') return call.arguments ?? ''; // MCP fields are flat on the call
 *   return '';
 * }
 * ```
 */
export type ToolCallDelta = CodecType<typeof toolCallDelta>;
/** Codec of {@link ToolCallDelta}. */
export const ToolCallDelta: Codec<ToolCallDelta> = /*#__PURE__*/ lenientCodec(toolCallDelta);
export function toolCallDelta({ mode, use }: Schema) {
  return taggedUnion(mode, 'ToolCallDelta', 'type', pluck(use(toolTypes), 'delta'));
}
