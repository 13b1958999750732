import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { lenientCodec, nullable, partial, scalars, struct } from './combinators';

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
export interface Thread extends CodecType<typeof thread> {}
/** Codec of {@link Thread}. */
export const Thread: Codec<Thread> = /*#__PURE__*/ lenientCodec(thread);
export function thread({ mode, use }: Schema) {
  const { int, metadata } = use(scalars);
  return struct(mode, 'Thread', {
    required: { id: t.string, object: t.literal('thread'), created_at: int, metadata },
    requiredInSpec: { tool_resources: nullable(use(ToolResources)) },
  });
}

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
export interface ToolResources extends CodecType<typeof toolResources> {}
/** Codec of {@link ToolResources}. */
export const ToolResources: Codec<ToolResources> = /*#__PURE__*/ lenientCodec(toolResources);
export function toolResources({ use }: Schema) {
  const { strings } = use(scalars);
  return partial(
    {
      code_interpreter: partial({ file_ids: strings }),
      file_search: partial({ vector_store_ids: strings }),
    },
    'ToolResources',
  );
}
