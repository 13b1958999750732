import * as t from 'io-ts';
import type { Codec, CodecType, Schema } from './combinators';
import { lenientCodec, nullable, openEnum, partial, scalars, struct, unionByType } from './combinators';
import { CodeInterpreterTool } from './tools-openai';

/**
 * `thread.message.*` data: a message (`object: "thread.message"`); `content` is `[]` in `created` and `in_progress`,
 * the text streams in `thread.message.delta`.
 *
 * @example
 * ```ts
 * import { Message } from 'rx-assistant-stream/schema';
 * import { isRight } from 'fp-ts/Either';
 *
 * const decoded = Message.decode(json); // e.g. the body of GET /threads/{thread_id}/messages/{message_id}
 * if (isRight(decoded)) console.log(decoded.right.role, decoded.right.status, decoded.right.content.length);
 * ```
 */
export interface Message extends CodecType<typeof message> {}
/** Codec of {@link Message}. */
export const Message: Codec<Message> = /*#__PURE__*/ lenientCodec(message);
export function message({ mode, use }: Schema) {
  const { int, timestamp, metadata, strings } = use(scalars);
  return struct(mode, 'Message', {
    required: {
      id: t.string,
      object: t.literal('thread.message'),
      created_at: int,
      thread_id: t.string,
      status: openEnum(mode, ['in_progress', 'incomplete', 'completed'] as const),
      incomplete_details: nullable(use(MessageIncompleteDetails)),
      completed_at: timestamp,
      incomplete_at: timestamp,
      role: openEnum(mode, ['user', 'assistant'] as const),
      content: t.array(use(MessageContent)),
      assistant_id: nullable(t.string),
      run_id: nullable(t.string),
      metadata,
    },
    requiredInSpec: { attachments: nullable(t.array(use(Attachment))) },
    // Not in the current spec: v1 messages carry `file_ids` instead of `attachments`.
    optional: { file_ids: strings },
  });
}

/**
 * A message's status: `in_progress`, `incomplete` or `completed`.
 *
 * @example
 * ```ts
 * import type { MessageStatus } from 'rx-assistant-stream';
 *
 * const streaming = (status: MessageStatus) => status === 'in_progress';
 * streaming(message.status);
 * ```
 */
export type MessageStatus = Message['status'];

/**
 * `message.incomplete_details`: `{reason}`, why the message ended early (`max_tokens`, `run_cancelled`, `content_filter`...).
 *
 * @example
 * ```ts
 * import { assistantEvents, ofEventType } from 'rx-assistant-stream';
 *
 * assistantEvents(response)
 *   .pipe(ofEventType('thread.message.incomplete'))
 *   .subscribe(({ data: message }) => console.warn(message.id, message.incomplete_details?.reason)); // 'max_tokens'
 * ```
 */
export interface MessageIncompleteDetails extends CodecType<typeof messageIncompleteDetails> {}
/** Codec of {@link MessageIncompleteDetails}. */
export const MessageIncompleteDetails: Codec<MessageIncompleteDetails> = /*#__PURE__*/ lenientCodec(messageIncompleteDetails);
export function messageIncompleteDetails({ mode }: Schema) {
  return struct(mode, 'MessageIncompleteDetails', {
    required: {
      reason: openEnum(mode, ['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed'] as const),
    },
  });
}

/**
 * An item of `message.attachments`: `{file_id?, tools?}`, a file and the tools it was added to.
 *
 * @example
 * ```ts
 * import type { Attachment } from 'rx-assistant-stream';
 *
 * const attachment: Attachment = { file_id: 'file-abc123', tools: [{ type: 'file_search' }] };
 * const fileIds = (message.attachments ?? []).map((a) => a.file_id); // v1 messages have `file_ids` instead
 * ```
 */
export interface Attachment extends CodecType<typeof attachment> {}
/** Codec of {@link Attachment}. */
export const Attachment: Codec<Attachment> = /*#__PURE__*/ lenientCodec(attachment);
export function attachment(schema: Schema) {
  const { mode } = schema;
  const fileSearch = struct(mode, 'FileSearchToolTypeOnly', { required: { type: t.literal('file_search') } });
  const tool = unionByType(schema, 'AttachmentTool', [CodeInterpreterTool, fileSearch]);
  return partial({ file_id: t.string, tools: t.array(tool) }, 'Attachment');
}

/**
 * A `file_citation` annotation of a text part: `{type, text, file_citation: {file_id}, start_index, end_index}`.
 *
 * @example
 * ```ts
 * import type { FileCitationAnnotation } from 'rx-assistant-stream';
 *
 * // { type: 'file_citation', text: '【4:0†favorite_foods.txt】', start_index: 29, end_index: 53, file_citation: { file_id: 'file-abc123' } }
 * const footnote = (a: FileCitationAnnotation, n: number) => ({ marker: a.text, label: `[${n}]`, fileId: a.file_citation.file_id });
 * ```
 */
export interface FileCitationAnnotation extends CodecType<typeof fileCitationAnnotation> {}
/** Codec of {@link FileCitationAnnotation}. */
export const FileCitationAnnotation: Codec<FileCitationAnnotation> = /*#__PURE__*/ lenientCodec(fileCitationAnnotation);
export function fileCitationAnnotation(schema: Schema) {
  // `quote` is not in the current spec; the 2024-03 (v1) spec required it.
  const fileCitation = struct(schema.mode, 'FileCitation', { required: { file_id: t.string }, optional: { quote: t.string } });
  return annotationOf(schema, 'file_citation', 'FileCitationAnnotation', fileCitation);
}

/** An annotation of a text part: `{type, text, [type]: payload, start_index, end_index}`, its payload keyed by its type. */
function annotationOf<T extends string, P extends t.Mixed>({ mode, use }: Schema, type: T, name: string, payload: P) {
  const { int } = use(scalars);
  const keyed = { [type]: payload } as { [K in T]: P };
  return struct(mode, name, { required: { type: t.literal(type), text: t.string, ...keyed, start_index: int, end_index: int } });
}

/**
 * A `file_path` annotation of a text part: `{type, text, file_path: {file_id}, start_index, end_index}`, a file code interpreter wrote.
 *
 * @example
 * ```ts
 * import type { FilePathAnnotation } from 'rx-assistant-stream';
 *
 * // `text` is the link in the answer ('sandbox:/mnt/data/chart.png'), `file_id` the file to download.
 * const downloadUrl = (a: FilePathAnnotation) => `${baseURL}/files/${a.file_path.file_id}/content`;
 * ```
 */
export interface FilePathAnnotation extends CodecType<typeof filePathAnnotation> {}
/** Codec of {@link FilePathAnnotation}. */
export const FilePathAnnotation: Codec<FilePathAnnotation> = /*#__PURE__*/ lenientCodec(filePathAnnotation);
export function filePathAnnotation(schema: Schema) {
  const filePath = struct(schema.mode, 'FilePath', { required: { file_id: t.string } });
  return annotationOf(schema, 'file_path', 'FilePathAnnotation', filePath);
}

/**
 * A `url_citation` annotation of a text part (Azure's Bing grounding): `{type, text, url_citation: {url, title?}, start_index, end_index}`.
 * The URL may lack a scheme (`www.microsoft.com`).
 *
 * @example
 * ```ts
 * import type { UrlCitationAnnotation } from 'rx-assistant-stream';
 *
 * // { type: 'url_citation', text: '【3:0†source】', start_index: 634, end_index: 646, url_citation: { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: "Euler's identity" } }
 * const link = (a: UrlCitationAnnotation) => `[${a.url_citation.title ?? a.url_citation.url}](${a.url_citation.url})`;
 * ```
 */
export interface UrlCitationAnnotation extends CodecType<typeof urlCitationAnnotation> {}
/** Codec of {@link UrlCitationAnnotation}. */
export const UrlCitationAnnotation: Codec<UrlCitationAnnotation> = /*#__PURE__*/ lenientCodec(urlCitationAnnotation);
export function urlCitationAnnotation(schema: Schema) {
  const urlCitation = struct(schema.mode, 'UrlCitation', { required: { url: t.string }, optional: { title: t.string } });
  return annotationOf(schema, 'url_citation', 'UrlCitationAnnotation', urlCitation);
}

/**
 * An annotation of a text part, by `type`: `file_citation`, `file_path` or, in lenient mode, Azure's `url_citation`.
 *
 * @example
 * ```ts
 * import type { Annotation } from 'rx-assistant-stream';
 *
 * const numbered = (value: string, annotations: Annotation[]) =>
 *   annotations.reduceRight((text, a, i) => `${text.slice(0, a.start_index)}[${i + 1}]${text.slice(a.end_index)}`, value);
 * ```
 */
export type Annotation = CodecType<typeof annotation>;
/** Codec of {@link Annotation}. */
export const Annotation: Codec<Annotation> = /*#__PURE__*/ lenientCodec(annotation);
export function annotation(schema: Schema) {
  return unionByType(schema, 'Annotation', [FileCitationAnnotation, FilePathAnnotation], [UrlCitationAnnotation]);
}

/**
 * A `text` content part: `{type: "text", text: {value, annotations}}`.
 *
 * @example
 * ```ts
 * import type { TextContent } from 'rx-assistant-stream';
 *
 * const text = message.content
 *   .filter((part): part is TextContent => part.type === 'text')
 *   .map((part) => part.text.value)
 *   .join('\n');
 * ```
 */
export interface TextContent extends CodecType<typeof textContent> {}
/** Codec of {@link TextContent}. */
export const TextContent: Codec<TextContent> = /*#__PURE__*/ lenientCodec(textContent);
export function textContent({ mode, use }: Schema) {
  const text = struct(mode, 'Text', { required: { value: t.string, annotations: t.array(use(Annotation)) } });
  return struct(mode, 'TextContent', { required: { type: t.literal('text'), text } });
}

/**
 * An `image_file` content part: `{type: "image_file", image_file: {file_id, detail?}}`.
 *
 * @example
 * ```ts
 * import { ImageFileContent } from 'rx-assistant-stream/schema';
 *
 * for (const part of message.content) {
 *   if (ImageFileContent.is(part)) console.log(`${baseURL}/files/${part.image_file.file_id}/content`);
 * }
 * ```
 */
export interface ImageFileContent extends CodecType<typeof imageFileContent> {}
/** Codec of {@link ImageFileContent}. */
export const ImageFileContent: Codec<ImageFileContent> = /*#__PURE__*/ lenientCodec(imageFileContent);
export function imageFileContent({ mode, use }: Schema) {
  const imageFile = struct(mode, 'ImageFile', {
    required: { file_id: t.string },
    optional: { detail: use(scalars).imageDetail },
  });
  return struct(mode, 'ImageFileContent', { required: { type: t.literal('image_file'), image_file: imageFile } });
}

/**
 * An `image_url` content part: `{type: "image_url", image_url: {url, detail?}}`.
 *
 * @example
 * ```ts
 * import type { ImageUrlContent } from 'rx-assistant-stream';
 *
 * const chart: ImageUrlContent = { type: 'image_url', image_url: { url: 'https://example.com/chart.png', detail: 'low' } };
 * ```
 */
export interface ImageUrlContent extends CodecType<typeof imageUrlContent> {}
/** Codec of {@link ImageUrlContent}. */
export const ImageUrlContent: Codec<ImageUrlContent> = /*#__PURE__*/ lenientCodec(imageUrlContent);
export function imageUrlContent({ mode, use }: Schema) {
  const imageUrl = struct(mode, 'ImageUrl', { required: { url: t.string }, optional: { detail: use(scalars).imageDetail } });
  return struct(mode, 'ImageUrlContent', { required: { type: t.literal('image_url'), image_url: imageUrl } });
}

/**
 * A `refusal` content part: `{type: "refusal", refusal}`, the model's reason for not answering.
 *
 * @example
 * ```ts
 * import type { RefusalContent } from 'rx-assistant-stream';
 *
 * const refusal = message.content.find((part): part is RefusalContent => part.type === 'refusal');
 * if (refusal) console.warn('The model refused:', refusal.refusal);
 * ```
 */
export interface RefusalContent extends CodecType<typeof refusalContent> {}
/** Codec of {@link RefusalContent}. */
export const RefusalContent: Codec<RefusalContent> = /*#__PURE__*/ lenientCodec(refusalContent);
export function refusalContent({ mode }: Schema) {
  return struct(mode, 'RefusalContent', { required: { type: t.literal('refusal'), refusal: t.string } });
}

/**
 * A content part of a message, by `type` (lenient mode also passes unknown types: keep a `default` branch).
 *
 * @example
 * ```ts
 * import type { MessageContent } from 'rx-assistant-stream';
 *
 * function toMarkdown(part: MessageContent): string {
 *   switch (part.type) {
 *     case 'text': return part.text.value;
 *     case 'image_url': return `![image](${part.image_url.url})`;
 *     case 'refusal': return `> ${part.refusal}`;
 *     default: return ''; // image_file, or a part type newer than this library
 *   }
 * }
 * ```
 */
export type MessageContent = CodecType<typeof messageContent>;
/** Codec of {@link MessageContent}. */
export const MessageContent: Codec<MessageContent> = /*#__PURE__*/ lenientCodec(messageContent);
export function messageContent(schema: Schema) {
  return unionByType(schema, 'MessageContent', [ImageFileContent, ImageUrlContent, TextContent, RefusalContent]);
}
