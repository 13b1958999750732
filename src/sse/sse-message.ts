/** One server-sent event, as the SSE grammar delivers it: `event:` name, joined `data:` lines, `id:`. */
export interface SseMessage {
  event?: string;
  data: string;
  id?: string;
}

/** A chunk of an SSE body: bytes (UTF-8, split anywhere) or text. */
export type SseChunk = Uint8Array | string;

/** The default `maxBufferSize` of {@link fromSSE}: 16 MiB of characters, far above any real event. */
export const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;
