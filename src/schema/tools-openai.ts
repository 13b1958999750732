import * as t from 'io-ts';
import {
  type Codec,
  type Schema,
  jsonObject,
  lenientCodec,
  named,
  nullable,
  openEnum,
  partial,
  scalars,
  struct,
  taggedUnion,
} from './combinators';

/** The outputs of a code interpreter call and their fragments, for one schema (the members of its output unions). */
export function codeInterpreterOutputCodecs(schema: Schema) {
  const { mode } = schema;
  const { int } = schema.use(scalars);
  const CodeInterpreterLogsOutput = struct(mode, 'CodeInterpreterLogsOutput', {
    required: { type: t.literal('logs'), logs: t.string },
  });
  const CodeInterpreterImageOutput = struct(mode, 'CodeInterpreterImageOutput', {
    required: { type: t.literal('image'), image: struct(mode, 'CodeInterpreterImage', { required: { file_id: t.string } }) },
  });
  const CodeInterpreterLogsOutputDelta = struct(mode, 'CodeInterpreterLogsOutputDelta', {
    required: { index: int, type: t.literal('logs') },
    optional: { logs: t.string },
  });
  const CodeInterpreterImageOutputDelta = struct(mode, 'CodeInterpreterImageOutputDelta', {
    required: { index: int, type: t.literal('image') },
    optional: { image: partial({ file_id: t.string }) },
  });
  return {
    CodeInterpreterLogsOutput,
    CodeInterpreterImageOutput,
    CodeInterpreterLogsOutputDelta,
    CodeInterpreterImageOutputDelta,
  };
}

/**
 * OpenAI's three tool types (`code_interpreter`, `file_search`, `function`): their configs in `run.tools`, their calls
 * in a `tool_calls` step and their call fragments in step deltas, for one schema.
 */
export function openAIToolCodecs(schema: Schema) {
  const { mode } = schema;
  const { int, ranker } = schema.use(scalars);
  const outputs = schema.use(codeInterpreterOutputCodecs);

  // ---- configs (run.tools) ----
  const CodeInterpreterTool = struct(mode, 'CodeInterpreterTool', { required: { type: t.literal('code_interpreter') } });
  const FileSearchRankingOptions = struct(mode, 'FileSearchRankingOptions', {
    required: { score_threshold: t.number },
    optional: { ranker },
  });
  const FileSearchTool = struct(mode, 'FileSearchTool', {
    required: { type: t.literal('file_search') },
    optional: { file_search: partial({ max_num_results: int, ranking_options: FileSearchRankingOptions }) },
  });
  const FunctionDefinition = struct(mode, 'FunctionDefinition', {
    required: { name: t.string },
    optional: { description: t.string, parameters: jsonObject, strict: nullable(t.boolean) },
  });
  const FunctionTool = struct(mode, 'FunctionTool', { required: { type: t.literal('function'), function: FunctionDefinition } });

  // ---- calls (step_details.tool_calls) ----
  const CodeInterpreterOutput = taggedUnion(mode, 'CodeInterpreterOutput', 'type', {
    logs: named<CodeInterpreterLogsOutput>(outputs.CodeInterpreterLogsOutput),
    image: named<CodeInterpreterImageOutput>(outputs.CodeInterpreterImageOutput),
  });
  const CodeInterpreterToolCall = struct(mode, 'CodeInterpreterToolCall', {
    required: {
      id: t.string,
      type: t.literal('code_interpreter'),
      code_interpreter: struct(mode, 'CodeInterpreterCall', {
        required: { input: t.string, outputs: t.array(CodeInterpreterOutput) },
      }),
    },
  });
  const FileSearchResult = struct(mode, 'FileSearchResult', {
    required: { file_id: t.string, file_name: t.string, score: t.number },
    optional: { content: t.array(partial({ type: openEnum(mode, ['text'] as const), text: t.string })) },
  });
  const FileSearchToolCall = struct(mode, 'FileSearchToolCall', {
    required: {
      id: t.string,
      type: t.literal('file_search'),
      file_search: partial({
        ranking_options: struct(mode, 'FileSearchCallRankingOptions', { required: { ranker, score_threshold: t.number } }),
        results: t.array(FileSearchResult),
      }),
    },
  });
  const FunctionToolCall = struct(mode, 'FunctionToolCall', {
    required: {
      id: t.string,
      type: t.literal('function'),
      function: struct(mode, 'FunctionCall', { required: { name: t.string, arguments: t.string, output: nullable(t.string) } }),
    },
  });

  // ---- call fragments (step deltas) ----
  const CodeInterpreterOutputDelta = taggedUnion(mode, 'CodeInterpreterOutputDelta', 'type', {
    logs: named<CodeInterpreterLogsOutputDelta>(outputs.CodeInterpreterLogsOutputDelta),
    image: named<CodeInterpreterImageOutputDelta>(outputs.CodeInterpreterImageOutputDelta),
  });
  const CodeInterpreterToolCallDelta = struct(mode, 'CodeInterpreterToolCallDelta', {
    required: { index: int, type: t.literal('code_interpreter') },
    optional: { id: t.string, code_interpreter: partial({ input: t.string, outputs: t.array(CodeInterpreterOutputDelta) }) },
  });
  const FileSearchToolCallDelta = struct(mode, 'FileSearchToolCallDelta', {
    required: { index: int, type: t.literal('file_search'), file_search: jsonObject },
    optional: { id: t.string },
  });
  const FunctionToolCallDelta = struct(mode, 'FunctionToolCallDelta', {
    required: { index: int, type: t.literal('function') },
    optional: { id: t.string, function: partial({ name: t.string, arguments: t.string, output: nullable(t.string) }) },
  });

  return {
    CodeInterpreterTool,
    FileSearchRankingOptions,
    FileSearchTool,
    FunctionDefinition,
    FunctionTool,
    CodeInterpreterOutput,
    CodeInterpreterToolCall,
    FileSearchResult,
    FileSearchToolCall,
    FunctionToolCall,
    CodeInterpreterOutputDelta,
    CodeInterpreterToolCallDelta,
    FileSearchToolCallDelta,
    FunctionToolCallDelta,
  };
}

/** OpenAI's tool types by `type`: each one's config, call and call fragment (see `tool-types.ts`). */
export function openAIToolTypes(schema: Schema) {
  const c = schema.use(openAIToolCodecs);
  return {
    code_interpreter: {
      tool: named<CodeInterpreterTool>(c.CodeInterpreterTool),
      call: named<CodeInterpreterToolCall>(c.CodeInterpreterToolCall),
      delta: named<CodeInterpreterToolCallDelta>(c.CodeInterpreterToolCallDelta),
    },
    file_search: {
      tool: named<FileSearchTool>(c.FileSearchTool),
      call: named<FileSearchToolCall>(c.FileSearchToolCall),
      delta: named<FileSearchToolCallDelta>(c.FileSearchToolCallDelta),
    },
    function: {
      tool: named<FunctionTool>(c.FunctionTool),
      call: named<FunctionToolCall>(c.FunctionToolCall),
      delta: named<FunctionToolCallDelta>(c.FunctionToolCallDelta),
    },
  };
}

type Parts = ReturnType<typeof openAIToolCodecs>;
type Outputs = ReturnType<typeof codeInterpreterOutputCodecs>;

// ---- configs ----

/**
 * A `code_interpreter` tool of `run.tools`: `{type: "code_interpreter"}`.
 *
 * @example
 * ```ts
 * import { CodeInterpreterTool } from 'rx-assistant-stream/schema';
 *
 * const canRunCode = run.tools.some((tool) => CodeInterpreterTool.is(tool));
 * ```
 */
export interface CodeInterpreterTool extends t.TypeOf<Parts['CodeInterpreterTool']> {}
/** Codec of {@link CodeInterpreterTool}. */
export const CodeInterpreterTool: Codec<CodeInterpreterTool> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'CodeInterpreterTool',
);

/**
 * `file_search.ranking_options` of a file_search tool: `{ranker?, score_threshold}`.
 *
 * @example
 * ```ts
 * import type { FileSearchRankingOptions } from 'rx-assistant-stream';
 *
 * const ranking: FileSearchRankingOptions = { ranker: 'default_2024_08_21', score_threshold: 0.5 };
 * ```
 */
export interface FileSearchRankingOptions extends t.TypeOf<Parts['FileSearchRankingOptions']> {}
/** Codec of {@link FileSearchRankingOptions}. */
export const FileSearchRankingOptions: Codec<FileSearchRankingOptions> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'FileSearchRankingOptions',
);

/**
 * A `file_search` tool of `run.tools`: `{type: "file_search", file_search?: {max_num_results?, ranking_options?}}`.
 *
 * @example
 * ```ts
 * import type { FileSearchTool } from 'rx-assistant-stream';
 *
 * const fileSearch = run.tools.find((tool): tool is FileSearchTool => tool.type === 'file_search');
 * console.log(fileSearch?.file_search?.max_num_results, fileSearch?.file_search?.ranking_options?.score_threshold);
 * ```
 */
export interface FileSearchTool extends t.TypeOf<Parts['FileSearchTool']> {}
/** Codec of {@link FileSearchTool}. */
export const FileSearchTool: Codec<FileSearchTool> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FileSearchTool');

/**
 * A function tool's definition: `{name, description?, parameters?, strict?}`, `parameters` a JSON Schema.
 *
 * @example
 * ```ts
 * import type { FunctionDefinition } from 'rx-assistant-stream';
 *
 * const getWeather: FunctionDefinition = {
 *   name: 'get_weather',
 *   description: 'Get the current weather in a given city.',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 * ```
 */
export interface FunctionDefinition extends t.TypeOf<Parts['FunctionDefinition']> {}
/** Codec of {@link FunctionDefinition}. */
export const FunctionDefinition: Codec<FunctionDefinition> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FunctionDefinition');

/**
 * A `function` tool of `run.tools`: `{type: "function", function: FunctionDefinition}`.
 *
 * @example
 * ```ts
 * import type { FunctionTool } from 'rx-assistant-stream';
 *
 * const functionNames = run.tools
 *   .filter((tool): tool is FunctionTool => tool.type === 'function')
 *   .map((tool) => tool.function.name); // ['get_weather']
 * ```
 */
export interface FunctionTool extends t.TypeOf<Parts['FunctionTool']> {}
/** Codec of {@link FunctionTool}. */
export const FunctionTool: Codec<FunctionTool> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FunctionTool');

// ---- calls ----

/**
 * A `logs` output of a code interpreter call: `{type: "logs", logs}`, what the code printed.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterLogsOutput, CodeInterpreterToolCall } from 'rx-assistant-stream';
 *
 * const stdout = (call: CodeInterpreterToolCall) =>
 *   call.code_interpreter.outputs.filter((o): o is CodeInterpreterLogsOutput => o.type === 'logs').map((o) => o.logs).join('');
 * ```
 */
export interface CodeInterpreterLogsOutput extends t.TypeOf<Outputs['CodeInterpreterLogsOutput']> {}
/** Codec of {@link CodeInterpreterLogsOutput}. */
export const CodeInterpreterLogsOutput: Codec<CodeInterpreterLogsOutput> = /*#__PURE__*/ lenientCodec(
  codeInterpreterOutputCodecs,
  'CodeInterpreterLogsOutput',
);

/**
 * An `image` output of a code interpreter call: `{type: "image", image: {file_id}}`, a chart or picture it drew.
 *
 * @example
 * ```ts
 * import { CodeInterpreterImageOutput } from 'rx-assistant-stream/schema';
 *
 * const output: unknown = { type: 'image', image: { file_id: 'file-abc123' } };
 * if (CodeInterpreterImageOutput.is(output)) console.log(`${baseURL}/files/${output.image.file_id}/content`);
 * ```
 */
export interface CodeInterpreterImageOutput extends t.TypeOf<Outputs['CodeInterpreterImageOutput']> {}
/** Codec of {@link CodeInterpreterImageOutput}. */
export const CodeInterpreterImageOutput: Codec<CodeInterpreterImageOutput> = /*#__PURE__*/ lenientCodec(
  codeInterpreterOutputCodecs,
  'CodeInterpreterImageOutput',
);

/**
 * An output of a code interpreter call, by `type`: `logs` or `image`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterOutput } from 'rx-assistant-stream';
 *
 * const show = (output: CodeInterpreterOutput) => (output.type === 'logs' ? output.logs : `[image ${output.image.file_id}]`);
 * ```
 */
export type CodeInterpreterOutput = t.TypeOf<Parts['CodeInterpreterOutput']>;
/** Codec of {@link CodeInterpreterOutput}. */
export const CodeInterpreterOutput: Codec<CodeInterpreterOutput> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'CodeInterpreterOutput',
);

/**
 * A `code_interpreter` tool call: `{id, type: "code_interpreter", code_interpreter: {input, outputs}}`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterToolCall } from 'rx-assistant-stream';
 *
 * function print(call: CodeInterpreterToolCall) {
 *   console.log(call.code_interpreter.input); // 'import pandas as pd\n...'
 *   console.log(call.code_interpreter.outputs.length, 'outputs');
 * }
 * ```
 */
export interface CodeInterpreterToolCall extends t.TypeOf<Parts['CodeInterpreterToolCall']> {}
/** Codec of {@link CodeInterpreterToolCall}. */
export const CodeInterpreterToolCall: Codec<CodeInterpreterToolCall> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'CodeInterpreterToolCall',
);

/**
 * One result of a file_search call: `{file_id, file_name, score, content?}`, `score` from 0 to 1.
 *
 * @example
 * ```ts
 * import type { FileSearchResult } from 'rx-assistant-stream';
 *
 * const sources = (results: FileSearchResult[]) =>
 *   results.filter((result) => result.score > 0.5).map((result) => `${result.file_name} (${result.score.toFixed(2)})`);
 * ```
 */
export interface FileSearchResult extends t.TypeOf<Parts['FileSearchResult']> {}
/** Codec of {@link FileSearchResult}. */
export const FileSearchResult: Codec<FileSearchResult> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FileSearchResult');

/**
 * A `file_search` tool call: `{id, type: "file_search", file_search: {ranking_options?, results?}}`.
 *
 * @example
 * ```ts
 * import type { FileSearchToolCall } from 'rx-assistant-stream';
 *
 * // `results` come in `thread.run.step.completed`, and only when the request asked for them with `include[]`.
 * const fileNames = (call: FileSearchToolCall) => call.file_search.results?.map((result) => result.file_name) ?? [];
 * ```
 */
export interface FileSearchToolCall extends t.TypeOf<Parts['FileSearchToolCall']> {}
/** Codec of {@link FileSearchToolCall}. */
export const FileSearchToolCall: Codec<FileSearchToolCall> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FileSearchToolCall');

/**
 * A `function` tool call: `{id, type: "function", function: {name, arguments, output}}`, `output` null until submitted.
 *
 * @example
 * ```ts
 * import type { FunctionToolCall } from 'rx-assistant-stream';
 *
 * const answered = (call: FunctionToolCall) => call.function.output !== null;
 * const args = (call: FunctionToolCall) => JSON.parse(call.function.arguments) as Record<string, unknown>;
 * ```
 */
export interface FunctionToolCall extends t.TypeOf<Parts['FunctionToolCall']> {}
/** Codec of {@link FunctionToolCall}. */
export const FunctionToolCall: Codec<FunctionToolCall> = /*#__PURE__*/ lenientCodec(openAIToolCodecs, 'FunctionToolCall');

// ---- call fragments ----

/**
 * A fragment of a `logs` output: `{index, type: "logs", logs?}`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterLogsOutputDelta } from 'rx-assistant-stream';
 *
 * // Outputs arrive in a delta of their own, after the input: { index: 0, type: 'logs', logs: '42\n' }
 * const logsOf = (outputs: CodeInterpreterLogsOutputDelta[]) => outputs.map((output) => output.logs ?? '').join('');
 * ```
 */
export interface CodeInterpreterLogsOutputDelta extends t.TypeOf<Outputs['CodeInterpreterLogsOutputDelta']> {}
/** Codec of {@link CodeInterpreterLogsOutputDelta}. */
export const CodeInterpreterLogsOutputDelta: Codec<CodeInterpreterLogsOutputDelta> = /*#__PURE__*/ lenientCodec(
  codeInterpreterOutputCodecs,
  'CodeInterpreterLogsOutputDelta',
);

/**
 * A fragment of an `image` output: `{index, type: "image", image?: {file_id?}}`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import { CodeInterpreterImageOutputDelta } from 'rx-assistant-stream/schema';
 *
 * CodeInterpreterImageOutputDelta.is({ index: 1, type: 'image', image: { file_id: 'file-abc123' } }); // true
 * ```
 */
export interface CodeInterpreterImageOutputDelta extends t.TypeOf<Outputs['CodeInterpreterImageOutputDelta']> {}
/** Codec of {@link CodeInterpreterImageOutputDelta}. */
export const CodeInterpreterImageOutputDelta: Codec<CodeInterpreterImageOutputDelta> = /*#__PURE__*/ lenientCodec(
  codeInterpreterOutputCodecs,
  'CodeInterpreterImageOutputDelta',
);

/**
 * A fragment of a code interpreter output, by `type`: `logs` or `image`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterOutputDelta } from 'rx-assistant-stream';
 *
 * const imageIds = (outputs: CodeInterpreterOutputDelta[]) =>
 *   outputs.flatMap((output) => (output.type === 'image' && output.image?.file_id ? [output.image.file_id] : []));
 * ```
 */
export type CodeInterpreterOutputDelta = t.TypeOf<Parts['CodeInterpreterOutputDelta']>;
/** Codec of {@link CodeInterpreterOutputDelta}. */
export const CodeInterpreterOutputDelta: Codec<CodeInterpreterOutputDelta> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'CodeInterpreterOutputDelta',
);

/**
 * A fragment of a `code_interpreter` tool call: `{index, type, id?, code_interpreter?: {input?, outputs?}}`.
 *
 * @example
 * ```ts
 * import type { CodeInterpreterToolCallDelta } from 'rx-assistant-stream';
 *
 * // First { index: 0, id: 'call_abc123', type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } },
 * // then { index: 0, type: 'code_interpreter', code_interpreter: { input: 'print(' } }...
 * const inputFragment = (call: CodeInterpreterToolCallDelta) => call.code_interpreter?.input ?? '';
 * ```
 */
export interface CodeInterpreterToolCallDelta extends t.TypeOf<Parts['CodeInterpreterToolCallDelta']> {}
/** Codec of {@link CodeInterpreterToolCallDelta}. */
export const CodeInterpreterToolCallDelta: Codec<CodeInterpreterToolCallDelta> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'CodeInterpreterToolCallDelta',
);

/**
 * A fragment of a `file_search` tool call: `{index, type, id?, file_search}`, `file_search` an open object.
 *
 * @example
 * ```ts
 * import { FileSearchToolCallDelta } from 'rx-assistant-stream/schema';
 *
 * // Sent once, with the ranking options and no results yet.
 * FileSearchToolCallDelta.is({
 *   index: 0, id: 'call_abc123', type: 'file_search',
 *   file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 }, results: [] },
 * }); // true
 * ```
 */
export interface FileSearchToolCallDelta extends t.TypeOf<Parts['FileSearchToolCallDelta']> {}
/** Codec of {@link FileSearchToolCallDelta}. */
export const FileSearchToolCallDelta: Codec<FileSearchToolCallDelta> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'FileSearchToolCallDelta',
);

/**
 * A fragment of a `function` tool call: `{index, type, id?, function?: {name?, arguments?, output?}}`.
 *
 * @example
 * ```ts
 * import type { FunctionToolCallDelta } from 'rx-assistant-stream';
 *
 * // First { index: 0, id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '', output: null } },
 * // then { index: 0, type: 'function', function: { arguments: '{"city"' } }...
 * const argumentsFragment = (call: FunctionToolCallDelta) => call.function?.arguments ?? '';
 * ```
 */
export interface FunctionToolCallDelta extends t.TypeOf<Parts['FunctionToolCallDelta']> {}
/** Codec of {@link FunctionToolCallDelta}. */
export const FunctionToolCallDelta: Codec<FunctionToolCallDelta> = /*#__PURE__*/ lenientCodec(
  openAIToolCodecs,
  'FunctionToolCallDelta',
);
