import * as t from 'io-ts';
import { type Codec, type Schema, lenientCodec, nullable, partial, scalars, struct } from './combinators';

/** The codecs of a thread, for one schema. */
export function threadCodecs(schema: Schema) {
  const { mode } = schema;
  const { int, metadata, strings } = schema.use(scalars);
  const ToolResources = partial(
    {
      code_interpreter: partial({ file_ids: strings }),
      file_search: partial({ vector_store_ids: strings }),
    },
    'ToolResources',
  );
  const Thread = struct(mode, 'Thread', {
    required: { id: t.string, object: t.literal('thread'), created_at: int, metadata },
    requiredInSpec: { tool_resources: nullable(ToolResources) },
  });
  return { Thread, ToolResources };
}

type Parts = ReturnType<typeof threadCodecs>;

/**
 * `thread.created` data: a thread (`object: "thread"`), sent first by `createThreadAndRun` streams.
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.created'))
 *   .subscribe(({ data: thread }) => console.log('new thread', thread.id, thread.metadata));
 * ```
 */
export interface Thread extends t.TypeOf<Parts['Thread']> {}
/** Codec of {@link Thread}. */
export const Thread: Codec<Thread> = /*#__PURE__*/ lenientCodec(threadCodecs, 'Thread');

/**
 * The files and vector stores a thread or run gives its tools: `{code_interpreter?: {file_ids?}, file_search?: {vector_store_ids?}}`.
 *
 * @example
 * ```ts
 * import type { ToolResources } from 'rx-assistant-stream';
 *
 * const vectorStores = (resources: ToolResources | null | undefined): string[] => resources?.file_search?.vector_store_ids ?? [];
 * vectorStores(run.tool_resources); // ['vs_abc123']
 * ```
 */
export interface ToolResources extends t.TypeOf<Parts['ToolResources']> {}
/** Codec of {@link ToolResources}. */
export const ToolResources: Codec<ToolResources> = /*#__PURE__*/ lenientCodec(threadCodecs, 'ToolResources');
