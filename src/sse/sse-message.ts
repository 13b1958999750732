/**
 * One server-sent event, as the SSE grammar delivers it: `event:` name, joined `data:` lines, `id:`.
 *
 * @example
 * ```ts
 * import { fromSSE, type SseMessage } from 'rx-assistant-stream';
 *
 * fromSSE('event: thread.run.created\ndata: {"id":"run_1"}\n\n').subscribe((message: SseMessage) => {
 *   console.log(message.event, message.data); // thread.run.created {"id":"run_1"}
 * });
 * ```
 */
export interface SseMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * A chunk of an SSE body: bytes (UTF-8, split anywhere) or text.
 *
 * @example
 * ```ts
 * import { fromSSE, type SseChunk } from 'rx-assistant-stream';
 * import { of } from 'rxjs';
 *
 * const bytes = new TextEncoder().encode('event: thread.run.created\ndata: {}\n\n');
 * const chunks: SseChunk[] = [bytes.subarray(0, 7), bytes.subarray(7)]; // split anywhere, even inside a character
 * fromSSE(of(...chunks)).subscribe(console.log);
 * ```
 */
export type SseChunk = Uint8Array | string;

/**
 * The default `maxBufferSize` of {@link fromSSE}: 16 MiB of characters, far above any real event.
 *
 * @example
 * ```ts
 * import { fromSSE, DEFAULT_MAX_BUFFER_SIZE } from 'rx-assistant-stream';
 *
 * fromSSE(response, { maxBufferSize: DEFAULT_MAX_BUFFER_SIZE / 16 }); // a tighter limit: 1 MiB
 * ```
 */
export const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;
