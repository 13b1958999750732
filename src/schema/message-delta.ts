import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { lenientCodec, openEnum, partial, scalars, struct, unionByType } from './combinators';

/**
 * `thread.message.delta` data: the changed parts of a message (`object: "thread.message.delta"`), `{id, object, delta: {role?, content?}}`.
 *
 * @example
 * ```ts
 * import { applyMessageDelta, type MessageDelta } from 'rx-assistant-stream';
 *
 * const delta: MessageDelta = {
 *   id: message.id,
 *   object: 'thread.message.delta',
 *   delta: { content: [{ index: 0, type: 'text', text: { value: 'Hel' } }] },
 * };
 * const next = applyMessageDelta(message, delta);
 * ```
 */
export interface MessageDelta extends CodecType<typeof messageDelta> {}
/** Codec of {@link MessageDelta}. */
export const MessageDelta: Codec<MessageDelta> = /*#__PURE__*/ lenientCodec(messageDelta);
export function messageDelta({ mode, use }: Schema) {
  const content = t.array(use(MessageContentDelta));
  return struct(mode, 'MessageDelta', {
    required: {
      id: t.string,
      object: t.literal('thread.message.delta'),
      delta: partial({ role: openEnum(mode, ['user', 'assistant'] as const), content }),
    },
  });
}

/**
 * A fragment of a `file_citation` annotation: `{index, type, text?, file_citation?: {file_id?, quote?}, start_index?, end_index?}`.
 *
 * @example
 * ```ts
 * import type { FileCitationAnnotationDelta } from 'rx-assistant-stream';
 *
 * // As servers send a citation: its marker is the text fragment, then this annotation (note the empty `quote`).
 * const citation: FileCitationAnnotationDelta = {
 *   index: 0, type: 'file_citation', text: '【4:0†favorite_foods.txt】', start_index: 29, end_index: 53,
 *   file_citation: { file_id: 'file-abc123', quote: '' },
 * };
 * ```
 */
export interface FileCitationAnnotationDelta extends CodecType<typeof fileCitationAnnotationDelta> {}
/** Codec of {@link FileCitationAnnotationDelta}. */
export const FileCitationAnnotationDelta: Codec<FileCitationAnnotationDelta> =
  /*#__PURE__*/ lenientCodec(fileCitationAnnotationDelta);
export function fileCitationAnnotationDelta(schema: Schema) {
  const fileCitation = partial({ file_id: t.string, quote: t.string });
  return annotationDeltaOf(schema, 'file_citation', 'FileCitationAnnotationDelta', fileCitation);
}

/** A fragment of an annotation: `{index, type, text?, [type]?: payload, start_index?, end_index?}`, merged by `index`. */
function annotationDeltaOf<T extends string, P extends t.Mixed>({ mode, use }: Schema, type: T, name: string, payload: P) {
  const { int } = use(scalars);
  const optional = { text: t.string, ...({ [type]: payload } as { [K in T]: P }), start_index: int, end_index: int };
  return struct(mode, name, { required: { index: int, type: t.literal(type) }, optional });
}

/**
 * A fragment of a `file_path` annotation: `{index, type, text?, file_path?: {file_id?}, start_index?, end_index?}`.
 *
 * @example
 * ```ts
 * import { assistantEvents, textDeltas, type FilePathAnnotationDelta } from 'rx-assistant-stream';
 *
 * assistantEvents(response).pipe(textDeltas({ withContext: true })).subscribe(({ annotations = [] }) => {
 *   const files = annotations.filter((a): a is FilePathAnnotationDelta => a.type === 'file_path');
 *   files.forEach((a) => console.log(a.text, '->', a.file_path?.file_id)); // 'sandbox:/mnt/data/chart.png' -> 'file-abc123'
 * });
 * ```
 */
export interface FilePathAnnotationDelta extends CodecType<typeof filePathAnnotationDelta> {}
/** Codec of {@link FilePathAnnotationDelta}. */
export const FilePathAnnotationDelta: Codec<FilePathAnnotationDelta> = /*#__PURE__*/ lenientCodec(filePathAnnotationDelta);
export function filePathAnnotationDelta(schema: Schema) {
  return annotationDeltaOf(schema, 'file_path', 'FilePathAnnotationDelta', partial({ file_id: t.string }));
}

/**
 * A fragment of a `url_citation` annotation (Azure): `{index, type, text?, url_citation?: {url?, title?}, start_index?, end_index?}`.
 *
 * @example
 * ```ts
 * import type { UrlCitationAnnotationDelta } from 'rx-assistant-stream';
 *
 * // As Azure sends it: the marker is the text fragment of the same delta.
 * const citation: UrlCitationAnnotationDelta = {
 *   index: 0, type: 'url_citation', text: '【3:0†source】', start_index: 634, end_index: 646,
 *   url_citation: { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: "Euler's identity - Wikipedia" },
 * };
 * ```
 */
export interface UrlCitationAnnotationDelta extends CodecType<typeof urlCitationAnnotationDelta> {}
/** Codec of {@link UrlCitationAnnotationDelta}. */
export const UrlCitationAnnotationDelta: Codec<UrlCitationAnnotationDelta> =
  /*#__PURE__*/ lenientCodec(urlCitationAnnotationDelta);
export function urlCitationAnnotationDelta(schema: Schema) {
  return annotationDeltaOf(schema, 'url_citation', 'UrlCitationAnnotationDelta', partial({ url: t.string, title: t.string }));
}

/**
 * An annotation fragment of a text part delta, by `type`, merged by its own `index`.
 *
 * @example
 * ```ts
 * import type { AnnotationDelta } from 'rx-assistant-stream';
 *
 * const citedFiles = (annotations: AnnotationDelta[]) =>
 *   annotations.flatMap((a) => (a.type === 'file_citation' && a.file_citation?.file_id ? [a.file_citation.file_id] : []));
 * ```
 */
export type AnnotationDelta = CodecType<typeof annotationDelta>;
/** Codec of {@link AnnotationDelta}. */
export const AnnotationDelta: Codec<AnnotationDelta> = /*#__PURE__*/ lenientCodec(annotationDelta);
export function annotationDelta(schema: Schema) {
  return unionByType(
    schema,
    'AnnotationDelta',
    [FileCitationAnnotationDelta, FilePathAnnotationDelta],
    [UrlCitationAnnotationDelta],
  );
}

/**
 * A fragment of a `text` part: `{index, type: "text", text?: {value?, annotations?}}`.
 *
 * @example
 * ```ts
 * import type { TextContentDelta } from 'rx-assistant-stream';
 *
 * // The first fragment of a part carries `annotations: []`, the next ones only a `value`.
 * const first: TextContentDelta = { index: 0, type: 'text', text: { value: 'Hel', annotations: [] } };
 * const next: TextContentDelta = { index: 0, type: 'text', text: { value: 'lo' } };
 * ```
 */
export interface TextContentDelta extends CodecType<typeof textContentDelta> {}
/** Codec of {@link TextContentDelta}. */
export const TextContentDelta: Codec<TextContentDelta> = /*#__PURE__*/ lenientCodec(textContentDelta);
export function textContentDelta({ mode, use }: Schema) {
  const text = partial({ value: t.string, annotations: t.array(use(AnnotationDelta)) });
  return struct(mode, 'TextContentDelta', { required: { index: use(scalars).int, type: t.literal('text') }, optional: { text } });
}

/**
 * A fragment of an `image_file` part: `{index, type: "image_file", image_file?: {file_id?, detail?}}`.
 *
 * @example
 * ```ts
 * import { ImageFileContentDelta } from 'rx-assistant-stream/schema';
 *
 * ImageFileContentDelta.is({ index: 0, type: 'image_file', image_file: { file_id: 'file-abc123' } }); // true
 * ```
 */
export interface ImageFileContentDelta extends CodecType<typeof imageFileContentDelta> {}
/** Codec of {@link ImageFileContentDelta}. */
export const ImageFileContentDelta: Codec<ImageFileContentDelta> = /*#__PURE__*/ lenientCodec(imageFileContentDelta);
export function imageFileContentDelta({ mode, use }: Schema) {
  const { int, imageDetail } = use(scalars);
  return struct(mode, 'ImageFileContentDelta', {
    required: { index: int, type: t.literal('image_file') },
    optional: { image_file: partial({ file_id: t.string, detail: imageDetail }) },
  });
}

/**
 * A fragment of an `image_url` part: `{index, type: "image_url", image_url?: {url?, detail?}}`.
 *
 * @example
 * ```ts
 * import type { ImageUrlContentDelta } from 'rx-assistant-stream';
 *
 * const part: ImageUrlContentDelta = { index: 1, type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'auto' } };
 * ```
 */
export interface ImageUrlContentDelta extends CodecType<typeof imageUrlContentDelta> {}
/** Codec of {@link ImageUrlContentDelta}. */
export const ImageUrlContentDelta: Codec<ImageUrlContentDelta> = /*#__PURE__*/ lenientCodec(imageUrlContentDelta);
export function imageUrlContentDelta({ mode, use }: Schema) {
  const { int, imageDetail } = use(scalars);
  const imageUrl = partial({ url: t.string, detail: imageDetail });
  return struct(mode, 'ImageUrlContentDelta', {
    required: { index: int, type: t.literal('image_url') },
    optional: { image_url: imageUrl },
  });
}

/**
 * A fragment of a `refusal` part: `{index, type: "refusal", refusal?}`.
 *
 * @example
 * ```ts
 * import type { MessageDelta, RefusalContentDelta } from 'rx-assistant-stream';
 *
 * const refusalText = (data: MessageDelta) =>
 *   (data.delta.content ?? [])
 *     .filter((part): part is RefusalContentDelta => part.type === 'refusal')
 *     .map((part) => part.refusal ?? '')
 *     .join('');
 * ```
 */
export interface RefusalContentDelta extends CodecType<typeof refusalContentDelta> {}
/** Codec of {@link RefusalContentDelta}. */
export const RefusalContentDelta: Codec<RefusalContentDelta> = /*#__PURE__*/ lenientCodec(refusalContentDelta);
export function refusalContentDelta({ mode, use }: Schema) {
  return struct(mode, 'RefusalContentDelta', {
    required: { index: use(scalars).int, type: t.literal('refusal') },
    optional: { refusal: t.string },
  });
}

/**
 * A content part fragment of a message delta, by `type`, merged into its part by `index`.
 *
 * @example
 * ```ts
 * import type { MessageContentDelta } from 'rx-assistant-stream';
 *
 * const fragmentOf = (part: MessageContentDelta): string =>
 *   part.type === 'text' ? (part.text?.value ?? '') : part.type === 'refusal' ? (part.refusal ?? '') : '';
 * ```
 */
export type MessageContentDelta = CodecType<typeof messageContentDelta>;
/** Codec of {@link MessageContentDelta}. */
export const MessageContentDelta: Codec<MessageContentDelta> = /*#__PURE__*/ lenientCodec(messageContentDelta);
export function messageContentDelta(schema: Schema) {
  return unionByType(schema, 'MessageContentDelta', [
    ImageFileContentDelta,
    ImageUrlContentDelta,
    TextContentDelta,
    RefusalContentDelta,
  ]);
}
