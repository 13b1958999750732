import * as t from 'io-ts';
import type { SchemaMode, Schema } from './combinators';
import { jsonObject, nullable, partial, scalars, struct } from './combinators';

/**
 * A tool type whose call carries its fields under a key named as the type (`{ id, type: "x", x: {...} }`), and whose
 * fragments carry any of them (`{ index, type: "x", id?, x?: {...} }`).
 */
function keyedToolType<T extends string, C extends t.Mixed, D extends t.Mixed>(
  mode: SchemaMode,
  index: t.Mixed,
  type: T,
  name: string,
  payload: { call: C; delta: D },
) {
  return {
    call: struct(mode, `${name}ToolCall`, {
      required: { id: t.string, type: t.literal(type), ...({ [type]: payload.call } as { [K in T]: C }) },
    }),
    delta: struct(mode, `${name}ToolCallDelta`, {
      required: { index: index as t.Type<number, unknown, unknown>, type: t.literal(type) },
      optional: { id: t.string, ...({ [type]: payload.delta } as { [K in T]: D }) },
    }),
  };
}

/**
 * A tool type Azure declares but no recording here shows: typed loosely (its payload, under the key named as the
 * type, is `unknown`) so that `switch (call.type)` narrows to it; any payload is kept whole.
 */
function openToolType<T extends string>(mode: SchemaMode, index: t.Mixed, type: T, name: string) {
  const payload = { [type]: t.unknown } as { [K in T]: t.UnknownC };
  return {
    call: struct(mode, `${name}ToolCall`, { required: { id: t.string, type: t.literal(type) }, optional: payload }),
    delta: struct(mode, `${name}ToolCallDelta`, {
      required: { index: index as t.Type<number, unknown, unknown>, type: t.literal(type) },
      optional: { id: t.string, ...payload },
    }),
  };
}

/**
 * Azure AI Agents' tool types by `type` (see `spec/AZURE-NOTES.md`): each one's call in a `tool_calls` step, its
 * fragment in step deltas and, where typed, its config in `run.tools`. Lenient mode only: in strict mode (OpenAI's
 * spec) these types are deviations. Adding a tool type is adding one entry here; `ToolCall`, `ToolCallDelta` and
 * `AssistantTool` are derived from the entries.
 */
export function azureToolTypes({ mode, use }: Schema) {
  const { int, strings } = use(scalars);
  const text = nullable(t.string);
  const searchConfigurations = (name: string) =>
    partial(
      {
        search_configurations: t.array(
          partial({
            connection_id: t.string,
            instance_name: t.string,
            market: t.string,
            set_lang: t.string,
            count: int,
            freshness: t.string,
          }),
        ),
      },
      name,
    );
  const bing = partial({ requesturl: text, response_metadata: text });
  const functionCall = (name: string) =>
    struct(mode, name, { required: { name: t.string, arguments: t.string }, optional: { output: text } });
  const functionFragment = partial({ name: t.string, arguments: t.string, output: text });
  const connectedAgentIds = { output: text, run_id: text, thread_id: text, assistant_id: text };

  return {
    bing_grounding: {
      tool: struct(mode, 'BingGroundingTool', {
        required: { type: t.literal('bing_grounding'), bing_grounding: searchConfigurations('BingGroundingSearch') },
      }),
      ...keyedToolType(mode, int, 'bing_grounding', 'BingGrounding', { call: bing, delta: bing }),
    },
    bing_custom_search: {
      tool: struct(mode, 'BingCustomSearchTool', {
        required: { type: t.literal('bing_custom_search'), bing_custom_search: searchConfigurations('BingCustomSearch') },
      }),
      ...keyedToolType(mode, int, 'bing_custom_search', 'BingCustomSearch', { call: bing, delta: bing }),
    },
    azure_ai_search: keyedToolType(mode, int, 'azure_ai_search', 'AzureAISearch', {
      call: partial({ input: text, output: text }),
      delta: partial({ input: text, output: text }),
    }),
    connected_agent: {
      tool: struct(mode, 'ConnectedAgentTool', {
        required: {
          type: t.literal('connected_agent'),
          connected_agent: partial({ id: t.string, name: t.string, description: t.string }),
        },
      }),
      ...keyedToolType(mode, int, 'connected_agent', 'ConnectedAgent', {
        call: struct(mode, 'ConnectedAgentCall', {
          required: { name: t.string, arguments: t.string },
          optional: connectedAgentIds,
        }),
        delta: partial({ name: t.string, arguments: t.string, ...connectedAgentIds }),
      }),
    },
    // MCP: the call's fields are flat on it, not under an `mcp` key.
    mcp: {
      tool: struct(mode, 'McpTool', {
        required: { type: t.literal('mcp'), server_label: t.string },
        optional: { server_url: t.string, allowed_tools: nullable(strings) },
      }),
      call: struct(mode, 'McpToolCall', {
        required: { id: t.string, type: t.literal('mcp'), name: t.string, server_label: t.string, arguments: t.string },
        optional: { output: text },
      }),
      delta: struct(mode, 'McpToolCallDelta', {
        required: { index: int, type: t.literal('mcp') },
        optional: { id: t.string, name: t.string, server_label: t.string, arguments: t.string, output: text },
      }),
    },
    // OpenAPI: a function call under `function`, tagged `openapi`.
    openapi: {
      tool: struct(mode, 'OpenApiTool', {
        required: { type: t.literal('openapi'), openapi: partial({ name: t.string, description: t.string, spec: jsonObject }) },
      }),
      call: struct(mode, 'OpenApiToolCall', {
        required: { id: t.string, type: t.literal('openapi'), function: functionCall('OpenApiFunctionCall') },
      }),
      delta: struct(mode, 'OpenApiToolCallDelta', {
        required: { index: int, type: t.literal('openapi') },
        optional: { id: t.string, function: functionFragment },
      }),
    },
    azure_function: openToolType(mode, int, 'azure_function', 'AzureFunction'),
    deep_research: openToolType(mode, int, 'deep_research', 'DeepResearch'),
    fabric_dataagent: openToolType(mode, int, 'fabric_dataagent', 'FabricDataAgent'),
    sharepoint_grounding: openToolType(mode, int, 'sharepoint_grounding', 'SharepointGrounding'),
    browser_automation: openToolType(mode, int, 'browser_automation', 'BrowserAutomation'),
    computer_use_preview: openToolType(mode, int, 'computer_use_preview', 'ComputerUse'),
  };
}

type AzureToolTypes = ReturnType<typeof azureToolTypes>;
type CallOf<K extends keyof AzureToolTypes> = t.TypeOf<AzureToolTypes[K]['call']>;
type DeltaOf<K extends keyof AzureToolTypes> = t.TypeOf<AzureToolTypes[K]['delta']>;
type ConfigOf<K extends 'bing_grounding' | 'connected_agent' | 'mcp'> = t.TypeOf<AzureToolTypes[K]['tool']>;

/**
 * A `bing_grounding` tool call (Azure): `{id, type, bing_grounding: {requesturl?, response_metadata?}}`. Each field
 * streams whole once, after a `""`/`null` placeholder; `response_metadata` is a Python-repr string, not JSON.
 *
 * @example
 * ```ts
 * import type { ToolCall } from 'rx-assistant-stream';
 *
 * const searched = (call: ToolCall) => (call.type === 'bing_grounding' ? call.bing_grounding.requesturl : undefined);
 * ```
 */
export type BingGroundingToolCall = CallOf<'bing_grounding'>;

/**
 * A `bing_custom_search` tool call (Azure): `{id, type, bing_custom_search: {requesturl?, response_metadata?}}`.
 *
 * @example
 * ```ts
 * import type { BingCustomSearchToolCall } from 'rx-assistant-stream';
 *
 * const query = (call: BingCustomSearchToolCall) => new URL(call.bing_custom_search.requesturl ?? 'https://invalid/').searchParams.get('q');
 * ```
 */
export type BingCustomSearchToolCall = CallOf<'bing_custom_search'>;

/**
 * An `azure_ai_search` tool call (Azure): `{id, type, azure_ai_search: {input?, output?}}`, each sent whole once.
 *
 * @example
 * ```ts
 * import type { AzureAISearchToolCall } from 'rx-assistant-stream';
 *
 * const searchedFor = (call: AzureAISearchToolCall) => call.azure_ai_search.input ?? '';
 * ```
 */
export type AzureAISearchToolCall = CallOf<'azure_ai_search'>;

/**
 * A `connected_agent` tool call (Azure): `{id, type, connected_agent: {name, arguments, output?, run_id?, thread_id?, assistant_id?}}`;
 * `arguments` streams in fragments, `output` and the sub-agent's ids come whole at the end.
 *
 * @example
 * ```ts
 * import type { ToolCall } from 'rx-assistant-stream';
 *
 * function describe(call: ToolCall) {
 *   if (call.type === 'connected_agent') return `${call.connected_agent.name}(${call.connected_agent.arguments})`;
 *   return call.type;
 * }
 * ```
 */
export type ConnectedAgentToolCall = CallOf<'connected_agent'>;

/**
 * An `mcp` tool call (Azure): its fields flat on the call, `{id, type: "mcp", name, server_label, arguments, output?}`;
 * `output` comes in a delta after the step completed, once the call was approved and ran.
 *
 * @example
 * ```ts
 * import type { McpToolCall } from 'rx-assistant-stream';
 *
 * const label = (call: McpToolCall) => `${call.server_label}.${call.name}(${call.arguments}) -> ${call.output ?? 'pending'}`;
 * ```
 */
export type McpToolCall = CallOf<'mcp'>;

/**
 * An `openapi` tool call (Azure): `{id, type: "openapi", function: {name, arguments, output?}}`, streamed like a function call.
 *
 * @example
 * ```ts
 * import type { OpenApiToolCall } from 'rx-assistant-stream';
 *
 * const operation = (call: OpenApiToolCall) => call.function.name; // e.g. 'get_weather_by_city'
 * ```
 */
export type OpenApiToolCall = CallOf<'openapi'>;

/**
 * A fragment of a `connected_agent` call: `{index, type, id?, connected_agent?: {name?, arguments?, output?, ...}}`.
 *
 * @example
 * ```ts
 * import type { ConnectedAgentToolCallDelta } from 'rx-assistant-stream';
 *
 * const argumentsFragment = (call: ConnectedAgentToolCallDelta) => call.connected_agent?.arguments ?? '';
 * ```
 */
export type ConnectedAgentToolCallDelta = DeltaOf<'connected_agent'>;

/**
 * A fragment of an `mcp` call: `{index, type: "mcp", id?, name?, server_label?, arguments?, output?}`.
 *
 * @example
 * ```ts
 * import type { McpToolCallDelta } from 'rx-assistant-stream';
 *
 * // The output of an approved call, sent after its step completed:
 * const late: McpToolCallDelta = { index: 0, type: 'mcp', output: '{"stars": 42}' };
 * ```
 */
export type McpToolCallDelta = DeltaOf<'mcp'>;

/**
 * An `mcp` tool of `run.tools` (Azure): `{type: "mcp", server_label, server_url?, allowed_tools?}`.
 *
 * @example
 * ```ts
 * import type { AssistantTool } from 'rx-assistant-stream';
 *
 * const mcpServers = (tools: AssistantTool[]) => tools.flatMap((tool) => (tool.type === 'mcp' ? [tool.server_label] : []));
 * ```
 */
export type McpTool = ConfigOf<'mcp'>;

/**
 * A `connected_agent` tool of `run.tools` (Azure): `{type, connected_agent: {id?, name?, description?}}`.
 *
 * @example
 * ```ts
 * import type { ConnectedAgentTool } from 'rx-assistant-stream';
 *
 * const delegate: ConnectedAgentTool = { type: 'connected_agent', connected_agent: { id: 'asst_abc123', name: 'stock_price_bot', description: 'Gets stock prices.' } };
 * ```
 */
export type ConnectedAgentTool = ConfigOf<'connected_agent'>;

/**
 * A `bing_grounding` tool of `run.tools` (Azure): `{type, bing_grounding: {search_configurations?: [{connection_id?, market?, set_lang?, count?, freshness?}]}}`.
 *
 * @example
 * ```ts
 * import type { BingGroundingTool } from 'rx-assistant-stream';
 *
 * const bing: BingGroundingTool = { type: 'bing_grounding', bing_grounding: { search_configurations: [{ connection_id: connectionId, count: 5 }] } };
 * ```
 */
export type BingGroundingTool = ConfigOf<'bing_grounding'>;
