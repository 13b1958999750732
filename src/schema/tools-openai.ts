import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { jsonObject, lenientCodec, nullable, openEnum, partial, scalars, struct, unionByType } from './combinators';

/** OpenAI's tool types by `type`: each one's config, call and call fragment (see `tool-types.ts`). */
export function openAIToolTypes({ use }: Schema) {
  return {
    code_interpreter: {
      tool: use(CodeInterpreterTool),
      call: use(CodeInterpreterToolCall),
      delta: use(CodeInterpreterToolCallDelta),
    },
    file_search: {
      tool: use(FileSearchTool),
      call: use(FileSearchToolCall),
      delta: use(FileSearchToolCallDelta),
    },
    function: {
      tool: use(FunctionTool),
      call: use(FunctionToolCall),
      delta: use(FunctionToolCallDelta),
    },
  };
}

// ---- configs (run.tools) ----

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
export interface CodeInterpreterTool extends CodecType<typeof codeInterpreterTool> {}
/** Codec of {@link CodeInterpreterTool}. */
export const CodeInterpreterTool: Codec<CodeInterpreterTool> = /*#__PURE__*/ lenientCodec(codeInterpreterTool);
export function codeInterpreterTool({ mode }: Schema) {
  return struct(mode, 'CodeInterpreterTool', { required: { type: t.literal('code_interpreter') } });
}

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
export interface FileSearchRankingOptions extends CodecType<typeof fileSearchRankingOptions> {}
/** Codec of {@link FileSearchRankingOptions}. */
export const FileSearchRankingOptions: Codec<FileSearchRankingOptions> = /*#__PURE__*/ lenientCodec(fileSearchRankingOptions);
export function fileSearchRankingOptions({ mode, use }: Schema) {
  return struct(mode, 'FileSearchRankingOptions', {
    required: { score_threshold: t.number },
    optional: { ranker: use(scalars).ranker },
  });
}

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
export interface FileSearchTool extends CodecType<typeof fileSearchTool> {}
/** Codec of {@link FileSearchTool}. */
export const FileSearchTool: Codec<FileSearchTool> = /*#__PURE__*/ lenientCodec(fileSearchTool);
export function fileSearchTool({ mode, use }: Schema) {
  const fileSearch = partial({
    max_num_results: use(scalars).int,
    ranking_options: use(FileSearchRankingOptions),
  });
  return struct(mode, 'FileSearchTool', { required: { type: t.literal('file_search') }, optional: { file_search: fileSearch } });
}

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
export interface FunctionDefinition extends CodecType<typeof functionDefinition> {}
/** Codec of {@link FunctionDefinition}. */
export const FunctionDefinition: Codec<FunctionDefinition> = /*#__PURE__*/ lenientCodec(functionDefinition);
export function functionDefinition({ mode }: Schema) {
  return struct(mode, 'FunctionDefinition', {
    required: { name: t.string },
    optional: { description: t.string, parameters: jsonObject, strict: nullable(t.boolean) },
  });
}

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
export interface FunctionTool extends CodecType<typeof functionTool> {}
/** Codec of {@link FunctionTool}. */
export const FunctionTool: Codec<FunctionTool> = /*#__PURE__*/ lenientCodec(functionTool);
export function functionTool({ mode, use }: Schema) {
  const definition = use(FunctionDefinition);
  return struct(mode, 'FunctionTool', { required: { type: t.literal('function'), function: definition } });
}

// ---- calls (step_details.tool_calls) ----

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
export interface CodeInterpreterLogsOutput extends CodecType<typeof codeInterpreterLogsOutput> {}
/** Codec of {@link CodeInterpreterLogsOutput}. */
export const CodeInterpreterLogsOutput: Codec<CodeInterpreterLogsOutput> = /*#__PURE__*/ lenientCodec(codeInterpreterLogsOutput);
export function codeInterpreterLogsOutput({ mode }: Schema) {
  return struct(mode, 'CodeInterpreterLogsOutput', { required: { type: t.literal('logs'), logs: t.string } });
}

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
export interface CodeInterpreterImageOutput extends CodecType<typeof codeInterpreterImageOutput> {}
/** Codec of {@link CodeInterpreterImageOutput}. */
export const CodeInterpreterImageOutput: Codec<CodeInterpreterImageOutput> =
  /*#__PURE__*/ lenientCodec(codeInterpreterImageOutput);
export function codeInterpreterImageOutput({ mode }: Schema) {
  const image = struct(mode, 'CodeInterpreterImage', { required: { file_id: t.string } });
  return struct(mode, 'CodeInterpreterImageOutput', { required: { type: t.literal('image'), image } });
}

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
export type CodeInterpreterOutput = CodecType<typeof codeInterpreterOutput>;
/** Codec of {@link CodeInterpreterOutput}. */
export const CodeInterpreterOutput: Codec<CodeInterpreterOutput> = /*#__PURE__*/ lenientCodec(codeInterpreterOutput);
export function codeInterpreterOutput(schema: Schema) {
  return unionByType(schema, 'CodeInterpreterOutput', [CodeInterpreterLogsOutput, CodeInterpreterImageOutput]);
}

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
export interface CodeInterpreterToolCall extends CodecType<typeof codeInterpreterToolCall> {}
/** Codec of {@link CodeInterpreterToolCall}. */
export const CodeInterpreterToolCall: Codec<CodeInterpreterToolCall> = /*#__PURE__*/ lenientCodec(codeInterpreterToolCall);
export function codeInterpreterToolCall({ mode, use }: Schema) {
  const outputs = t.array(use(CodeInterpreterOutput));
  return struct(mode, 'CodeInterpreterToolCall', {
    required: {
      id: t.string,
      type: t.literal('code_interpreter'),
      code_interpreter: struct(mode, 'CodeInterpreterCall', { required: { input: t.string, outputs } }),
    },
  });
}

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
export interface FileSearchResult extends CodecType<typeof fileSearchResult> {}
/** Codec of {@link FileSearchResult}. */
export const FileSearchResult: Codec<FileSearchResult> = /*#__PURE__*/ lenientCodec(fileSearchResult);
export function fileSearchResult({ mode }: Schema) {
  return struct(mode, 'FileSearchResult', {
    required: { file_id: t.string, file_name: t.string, score: t.number },
    optional: { content: t.array(partial({ type: openEnum(mode, ['text'] as const), text: t.string })) },
  });
}

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
export interface FileSearchToolCall extends CodecType<typeof fileSearchToolCall> {}
/** Codec of {@link FileSearchToolCall}. */
export const FileSearchToolCall: Codec<FileSearchToolCall> = /*#__PURE__*/ lenientCodec(fileSearchToolCall);
export function fileSearchToolCall({ mode, use }: Schema) {
  const { ranker } = use(scalars);
  return struct(mode, 'FileSearchToolCall', {
    required: {
      id: t.string,
      type: t.literal('file_search'),
      file_search: partial({
        ranking_options: struct(mode, 'FileSearchCallRankingOptions', { required: { ranker, score_threshold: t.number } }),
        results: t.array(use(FileSearchResult)),
      }),
    },
  });
}

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
export interface FunctionToolCall extends CodecType<typeof functionToolCall> {}
/** Codec of {@link FunctionToolCall}. */
export const FunctionToolCall: Codec<FunctionToolCall> = /*#__PURE__*/ lenientCodec(functionToolCall);
export function functionToolCall({ mode }: Schema) {
  const call = struct(mode, 'FunctionCall', { required: { name: t.string, arguments: t.string, output: nullable(t.string) } });
  return struct(mode, 'FunctionToolCall', { required: { id: t.string, type: t.literal('function'), function: call } });
}

// ---- call fragments (step deltas) ----

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
export interface CodeInterpreterLogsOutputDelta extends CodecType<typeof codeInterpreterLogsOutputDelta> {}
/** Codec of {@link CodeInterpreterLogsOutputDelta}. */
export const CodeInterpreterLogsOutputDelta: Codec<CodeInterpreterLogsOutputDelta> =
  /*#__PURE__*/ lenientCodec(codeInterpreterLogsOutputDelta);
export function codeInterpreterLogsOutputDelta({ mode, use }: Schema) {
  return struct(mode, 'CodeInterpreterLogsOutputDelta', {
    required: { index: use(scalars).int, type: t.literal('logs') },
    optional: { logs: t.string },
  });
}

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
export interface CodeInterpreterImageOutputDelta extends CodecType<typeof codeInterpreterImageOutputDelta> {}
/** Codec of {@link CodeInterpreterImageOutputDelta}. */
export const CodeInterpreterImageOutputDelta: Codec<CodeInterpreterImageOutputDelta> =
  /*#__PURE__*/ lenientCodec(codeInterpreterImageOutputDelta);
export function codeInterpreterImageOutputDelta({ mode, use }: Schema) {
  return struct(mode, 'CodeInterpreterImageOutputDelta', {
    required: { index: use(scalars).int, type: t.literal('image') },
    optional: { image: partial({ file_id: t.string }) },
  });
}

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
export type CodeInterpreterOutputDelta = CodecType<typeof codeInterpreterOutputDelta>;
/** Codec of {@link CodeInterpreterOutputDelta}. */
export const CodeInterpreterOutputDelta: Codec<CodeInterpreterOutputDelta> =
  /*#__PURE__*/ lenientCodec(codeInterpreterOutputDelta);
export function codeInterpreterOutputDelta(schema: Schema) {
  return unionByType(schema, 'CodeInterpreterOutputDelta', [CodeInterpreterLogsOutputDelta, CodeInterpreterImageOutputDelta]);
}

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
export interface CodeInterpreterToolCallDelta extends CodecType<typeof codeInterpreterToolCallDelta> {}
/** Codec of {@link CodeInterpreterToolCallDelta}. */
export const CodeInterpreterToolCallDelta: Codec<CodeInterpreterToolCallDelta> =
  /*#__PURE__*/ lenientCodec(codeInterpreterToolCallDelta);
export function codeInterpreterToolCallDelta({ mode, use }: Schema) {
  const outputs = t.array(use(CodeInterpreterOutputDelta));
  return struct(mode, 'CodeInterpreterToolCallDelta', {
    required: { index: use(scalars).int, type: t.literal('code_interpreter') },
    optional: { id: t.string, code_interpreter: partial({ input: t.string, outputs }) },
  });
}

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
export interface FileSearchToolCallDelta extends CodecType<typeof fileSearchToolCallDelta> {}
/** Codec of {@link FileSearchToolCallDelta}. */
export const FileSearchToolCallDelta: Codec<FileSearchToolCallDelta> = /*#__PURE__*/ lenientCodec(fileSearchToolCallDelta);
export function fileSearchToolCallDelta({ mode, use }: Schema) {
  return struct(mode, 'FileSearchToolCallDelta', {
    required: { index: use(scalars).int, type: t.literal('file_search'), file_search: jsonObject },
    optional: { id: t.string },
  });
}

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
export interface FunctionToolCallDelta extends CodecType<typeof functionToolCallDelta> {}
/** Codec of {@link FunctionToolCallDelta}. */
export const FunctionToolCallDelta: Codec<FunctionToolCallDelta> = /*#__PURE__*/ lenientCodec(functionToolCallDelta);
export function functionToolCallDelta({ mode, use }: Schema) {
  const fragment = partial({ name: t.string, arguments: t.string, output: nullable(t.string) });
  return struct(mode, 'FunctionToolCallDelta', {
    required: { index: use(scalars).int, type: t.literal('function') },
    optional: { id: t.string, function: fragment },
  });
}
