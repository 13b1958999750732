import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { concat, from, NEVER, of } from 'rxjs';
import {
  assistantEvents,
  AssistantStreamError,
  type AssistantEventsOptions,
  type AssistantStreamEvent,
  type AssistantStreamEventOf,
  type SseSource,
} from '../../src';

// The real captures, read in place (never copied into the project). SOURCES.md says what each must do.
const FIXTURES = path.join(__dirname, '../../../shared/fixtures/sse');
const SOURCES = readFileSync(path.join(FIXTURES, 'SOURCES.md'), 'utf8');
const files = readdirSync(FIXTURES)
  .filter((name) => name !== 'SOURCES.md')
  .sort();

// ---- expectations, per SOURCES.md and the spec (../shared/spec/assistant-stream-schemas.yaml, SCHEMA-NOTES.md) ----

/** Where strict mode must stop: the first frame the spec forbids, and why (checked on the raw frame too). */
interface StrictFailure {
  /** 0-based index of the frame among the capture's non-done frames (= events delivered before the error). */
  index: number;
  event: string;
  path: string;
  /** What the spec says, as a check on the frame's JSON, so a wrong expectation cannot pass silently. */
  because: (data: Record<string, unknown>) => boolean;
}

type Expectation =
  | { kind: 'valid'; strict: StrictFailure | 'passes'; covers: (events: AssistantStreamEvent[]) => void }
  | { kind: 'invalid-json'; index: number; event: string; strict: StrictFailure }
  | { kind: 'http-error'; status: number };

// RunObject.instructions is a string, not nullable, in the spec; servers send null.
const nullInstructions = (index: number, event = 'thread.run.created'): StrictFailure => ({
  index,
  event,
  path: 'data.instructions',
  because: (d) => d['instructions'] === null,
});
// RunStepObject requires expired_at and metadata; servers send expires_at and neither.
const stepWithoutExpiredAt = (index: number, event: string): StrictFailure => ({
  index,
  event,
  path: 'data.expired_at',
  because: (d) => !('expired_at' in d) && !('metadata' in d) && 'expires_at' in d,
});
// ThreadObject requires tool_resources (nullable); the docs example and 2024-04 captures omit it.
const threadWithoutToolResources: StrictFailure = {
  index: 0,
  event: 'thread.created',
  path: 'data.tool_resources',
  because: (d) => !('tool_resources' in d),
};

const EXPECTATIONS: Record<string, Expectation> = {
  // Broken by design: the run frames end with an extra `}`. Lenient: thread.created, then invalid_json.
  '02-openapi-docs-createThreadAndRun-stream-functions.sse': {
    kind: 'invalid-json',
    index: 1,
    event: 'thread.run.created',
    strict: threadWithoutToolResources,
  },
  '08-openai-dotnet-StreamingRunWorks.sse': {
    kind: 'valid',
    strict: nullInstructions(0),
    covers: (events) => {
      expect(count(events, 'thread.message.delta')).toBe(33);
      const completed = only(events, 'thread.run.completed').data;
      // 2025-era extra keys, kept as they came.
      expect(completed).toMatchObject({ reasoning_effort: null, tool_resources: { code_interpreter: { file_ids: [] } } });
      expect(completed.usage).toHaveProperty('prompt_token_details');
    },
  },
  // thread.created (index 0) has tool_resources and conforms; the run after it has null instructions.
  '09-openai-dotnet-StreamingToolCall-createThreadAndRun-requires_action.sse': {
    kind: 'valid',
    strict: nullInstructions(1),
    covers: (events) => {
      expect(events[0]!.event).toBe('thread.created');
      expect(count(events, 'thread.run.step.delta')).toBeGreaterThan(0);
      const last = events.at(-1)!;
      expect(last.event).toBe('thread.run.requires_action');
      const run = only(events, 'thread.run.requires_action').data;
      expect(requiredFunctionNames(run)).toEqual(['get_current_weather']);
    },
  },
  // Starts with a run step: RunStepObject requires expired_at and metadata, servers send expires_at and neither.
  '10-openai-dotnet-StreamingToolCall-submitToolOutputs.sse': {
    kind: 'valid',
    strict: stepWithoutExpiredAt(0, 'thread.run.step.completed'),
    covers: (events) => {
      const first = events[0]!;
      expect(first.event).toBe('thread.run.step.completed');
      expect(first.data).toMatchObject({
        step_details: { tool_calls: [{ type: 'function', function: { output: 'warm and sunny' } }] },
      });
      expect(count(events, 'thread.message.delta')).toBe(40);
      expect(events.at(-1)!.event).toBe('thread.run.completed');
    },
  },
  '12-ruby-openai-runs_streamed_create-v1-max_tokens-incomplete.sse': {
    kind: 'valid',
    strict: nullInstructions(0),
    covers: (events) => {
      expect(only(events, 'thread.message.incomplete').data.incomplete_details).toEqual({ reason: 'max_tokens' });
      const run = only(events, 'thread.run.completed').data;
      expect(run.incomplete_details).not.toBeNull();
      expect(run).toHaveProperty('file_ids', []);
      expect(run).not.toHaveProperty('parallel_tool_calls');
    },
  },
  '14-simple-openai-code-interpreter-logs-image-2024-04.sse': {
    kind: 'valid',
    strict: threadWithoutToolResources,
    covers: (events) => {
      const stepDeltas = events.filter(
        (e): e is AssistantStreamEventOf<'thread.run.step.delta'> => e.event === 'thread.run.step.delta',
      );
      expect(stepDeltas.length).toBe(186);
      const outputs = stepDeltas
        .flatMap((e) => {
          const details = e.data.delta.step_details;
          return details?.type === 'tool_calls' ? (details.tool_calls ?? []) : [];
        })
        .flatMap((call) => (call.type === 'code_interpreter' ? (call.code_interpreter?.outputs ?? []) : []));
      expect(outputs.map((o) => o.type)).toEqual(['logs', 'image']);
      const imageWithText = events.some(
        (e) =>
          e.event === 'thread.message.delta' &&
          e.data.delta.content?.[0]?.type === 'image_file' &&
          e.data.delta.content[1]?.type === 'text' &&
          e.data.delta.content[1].text?.value === '',
      );
      expect(imageWithText).toBe(true);
    },
  },
  // Run.last_error.code is a closed enum in the spec (server_error | rate_limit_exceeded | invalid_prompt).
  '21-azure-sdk-net-persistent-agents-run-failed-MOCK.sse': {
    kind: 'valid',
    strict: {
      index: 0,
      event: 'thread.run.failed',
      path: 'data.last_error.code',
      because: (d) => (d['last_error'] as { code?: unknown } | null)?.code === 'tool_user_error',
    },
    covers: (events) => {
      expect(events.map((e) => e.event)).toEqual(['thread.run.failed']);
      const run = only(events, 'thread.run.failed').data;
      expect(run.last_error?.code).toBe('tool_user_error');
      expect(run.tools.map((tool) => tool.type)).toContain('bing_grounding');
    },
  },
  '22-ruby-openai-http400-on-stream-request.NOT-SSE.txt': { kind: 'http-error', status: 400 },
  // Azure AI Agents, a function call streamed up to requires_action. Strict: its steps carry expires_at, not the
  // spec's expired_at and metadata.
  '30-azure-agents-function-streaming-1-requires_action.sse': {
    kind: 'valid',
    strict: stepWithoutExpiredAt(3, 'thread.run.step.created'),
    covers: (events) => {
      const deltas = events.filter(
        (e): e is AssistantStreamEventOf<'thread.run.step.delta'> => e.event === 'thread.run.step.delta',
      );
      const calls = deltas.map((e) => {
        const details = e.data.delta.step_details;
        return details?.type === 'tool_calls' ? details.tool_calls?.[0] : undefined;
      });
      expect(calls).toEqual([
        expect.objectContaining({
          index: 0,
          type: 'function',
          function: { name: 'fetch_current_datetime_recordings', arguments: '', output: null },
        }),
        expect.objectContaining({ index: 0, type: 'function', function: { arguments: '{}' } }),
      ]);
      expect(events.at(-1)!.event).toBe('thread.run.requires_action');
      expect(requiredFunctionNames(only(events, 'thread.run.requires_action').data)).toEqual([
        'fetch_current_datetime_recordings',
      ]);
    },
  },
  // The continuation after submit_tool_outputs: it opens with the completed step of the previous stream.
  '31-azure-agents-function-streaming-2-submit_tool_outputs.sse': {
    kind: 'valid',
    strict: stepWithoutExpiredAt(0, 'thread.run.step.completed'),
    covers: (events) => {
      const first = events[0]!;
      expect(first.event).toBe('thread.run.step.completed');
      expect(first.data).toMatchObject({
        id: 'step_U7tharUk5QsZr1CD1eTuoGcZ',
        step_details: { tool_calls: [{ type: 'function', function: { output: '{"current_time": "2024-10-10 12:30:19"}' } }] },
      });
      expect(events.some((e) => e.event === 'thread.run.step.created' && e.data.id === 'step_U7tharUk5QsZr1CD1eTuoGcZ')).toBe(
        false,
      );
      expect(count(events, 'thread.message.delta')).toBe(24);
      expect(events.at(-1)!.event).toBe('thread.run.completed');
    },
  },
  // Azure's bing_grounding tool and url_citation annotation: deviations in strict mode, kept whole in lenient mode.
  '32-azure-agents-bing_grounding-url_citation.sse': {
    kind: 'valid',
    strict: {
      index: 0,
      event: 'thread.run.created',
      path: 'data.tools[0].type',
      because: (d) => (d['tools'] as Array<{ type: string }>)[0]?.type === 'bing_grounding',
    },
    covers: (events) => {
      expect(count(events, 'thread.message.delta')).toBe(126);
      const toolCallDeltas = events.flatMap((e) => {
        if (e.event !== 'thread.run.step.delta') return [];
        const details = e.data.delta.step_details;
        return details?.type === 'tool_calls' ? (details.tool_calls ?? []) : [];
      }) as unknown as Array<Record<string, unknown>>;
      // Each field is sent whole once, after a "" / null placeholder.
      expect(toolCallDeltas.map((call) => call['bing_grounding'])).toEqual([
        { requesturl: '', response_metadata: null },
        { requesturl: expect.stringMatching(/^https:\/\/api\.bing\.microsoft\.com\//) },
        { response_metadata: expect.stringMatching(/^\{'market'/) },
      ]);
      const annotations = events.flatMap((e) =>
        e.event === 'thread.message.delta'
          ? (e.data.delta.content ?? []).flatMap((part) => (part.type === 'text' ? (part.text?.annotations ?? []) : []))
          : [],
      ) as unknown as Array<Record<string, unknown>>;
      expect(annotations).toEqual([
        expect.objectContaining({
          type: 'url_citation',
          text: '【3:0†source】',
          url_citation: { url: 'https://en.wikipedia.org/wiki/Euler%27s_identity', title: "Euler's identity - Wikipedia" },
        }),
      ]);
      expect(events.at(-1)!.event).toBe('thread.run.completed');
    },
  },
};

// ---- helpers ----

const count = (events: AssistantStreamEvent[], name: string): number => events.filter((e) => e.event === name).length;

/** The one event of a name (fails if there is not exactly one). */
function only<K extends AssistantStreamEvent['event']>(events: AssistantStreamEvent[], name: K): AssistantStreamEventOf<K> {
  const found = events.filter((e): e is AssistantStreamEventOf<K> => e.event === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The function names a run asks outputs for: its required action must be `submit_tool_outputs`. */
function requiredFunctionNames(run: AssistantStreamEventOf<'thread.run.requires_action'>['data']): string[] {
  const action = run.required_action;
  expect(action?.type).toBe('submit_tool_outputs');
  if (action?.type !== 'submit_tool_outputs') return [];
  return action.submit_tool_outputs.tool_calls.map((call) => (call.type === 'function' ? call.function.name : call.type));
}

const read = (file: string): Buffer => readFileSync(path.join(FIXTURES, file));

interface Frame {
  event: string;
  data: string;
}

/** The frames of a capture, by a plain reading of its text (independent of the library's parser). */
function framesOf(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const block of text.split(/\n\n/)) {
    const event = /^event: ?(.*)$/m.exec(block)?.[1];
    const data = /^data: ?(.*)$/m.exec(block)?.[1];
    if (event !== undefined && data !== undefined) frames.push({ event, data });
  }
  return frames;
}

/** A comparable summary of everything a subscription delivered. */
function fingerprint(values: AssistantStreamEvent[], error: unknown, completed: boolean): string {
  const e = error as AssistantStreamError | undefined;
  return JSON.stringify({ values, completed, error: e && { code: e.code, event: e.event, path: e.path, message: e.message } });
}

/** Decodes a synchronous source (a string, bytes, `from(chunks)`) and returns its fingerprint. */
function decodeSync(source: SseSource, options: AssistantEventsOptions = {}): string {
  const values: AssistantStreamEvent[] = [];
  let result: string | undefined;
  assistantEvents(source, options).subscribe({
    next: (e) => values.push(e),
    error: (error: unknown) => (result = fingerprint(values, error, false)),
    complete: () => (result = fingerprint(values, undefined, true)),
  });
  if (result === undefined) throw new Error('the source did not end synchronously');
  return result;
}

function decodeAsync(source: SseSource): Promise<string> {
  return new Promise((resolve) => {
    const values: AssistantStreamEvent[] = [];
    assistantEvents(source).subscribe({
      next: (e) => values.push(e),
      error: (error: unknown) => resolve(fingerprint(values, error, false)),
      complete: () => resolve(fingerprint(values, undefined, true)),
    });
  });
}

/** Splits bytes into chunks of the given sizes, cycling through them until the end. */
function chunksOf(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0, i = 0; start < bytes.length; i++) {
    const end = Math.min(bytes.length, start + sizes[i % sizes.length]!);
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}

function readableStreamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

const sseFiles = files.filter((file) => file.endsWith('.sse'));

/**
 * Where to cut a capture in two. Each cut decodes the whole capture (JSON.parse and validation of every frame), so
 * every byte boundary of every capture costs ~15 s. By default, captures up to EVERY_CUT_MAX_BYTES get every boundary;
 * larger ones get ~500 evenly spread cuts and every cut within their first and last 300 bytes, and those under
 * 20 KB also every cut within 2 bytes of each line end (field ends, CR/LF, blank lines between frames).
 * `FULL_CHUNKING=1 npx jest spec/conformance` cuts every capture at every boundary.
 */
const EVERY_CUT_MAX_BYTES = process.env['FULL_CHUNKING'] ? Infinity : 7_000;
function cutsFor(bytes: Uint8Array): number[] {
  const every = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
  if (bytes.length <= EVERY_CUT_MAX_BYTES) return every;
  const cuts = new Set([...every.slice(0, 300), ...every.slice(-300)]);
  for (let i = 0; i < 500; i++) cuts.add(1 + Math.floor((i * (bytes.length - 2)) / 499));
  if (bytes.length < 20_000) {
    bytes.forEach((byte, i) => {
      if (byte !== 0x0a) return;
      for (let cut = i - 2; cut <= i + 2; cut++) if (cut > 0 && cut < bytes.length) cuts.add(cut);
    });
  }
  return [...cuts].sort((a, b) => a - b);
}

// ---- the tests ----

describe('conformance: shared/fixtures/sse', () => {
  it('finds the captures, and has no expectation for a file that is gone', () => {
    expect(sseFiles.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(EXPECTATIONS).filter((file) => !files.includes(file))).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const expectation = EXPECTATIONS[file];

    it('has an expectation here and a row in SOURCES.md', () => {
      if (!expectation) {
        throw new Error(
          `No expectation for the fixture "${file}": add one to EXPECTATIONS in spec/conformance/fixtures.spec.ts, following its row in SOURCES.md.`,
        );
      }
      expect(SOURCES).toContain(`| ${file} |`);
    });
    if (!expectation) return;

    if (expectation.kind === 'http-error') {
      it(`is an HTTP ${expectation.status} JSON body: assistantEvents(Response) fails with http_error carrying the server error`, async () => {
        const text = read(file).toString('utf8');
        const newline = text.indexOf('\n');
        const comment = text.slice(0, newline);
        const body = text.slice(newline + 1);
        expect(comment).toMatch(new RegExp(`^# HTTP ${expectation.status} `));
        const serverError = (JSON.parse(body) as { error: { message: string; type: string; code: string; param: null } }).error;
        const response = new Response(body, { status: expectation.status, headers: { 'content-type': 'application/json' } });
        const values: AssistantStreamEvent[] = [];
        const error = await new Promise<unknown>((resolve, reject) =>
          assistantEvents(response).subscribe({
            next: (e) => values.push(e),
            error: resolve,
            complete: () => reject(new Error('completed')),
          }),
        );
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(AssistantStreamError);
        const e = error as AssistantStreamError;
        expect(e.code).toBe('http_error');
        expect(e.status).toBe(400);
        expect(e.serverError).toEqual({
          message: 'Run creation requires a Thread with a user message or an assistant with instructions.',
          type: 'invalid_request_error',
          code: 'invalid_thread',
          param: null,
        });
        expect(e.serverError).toEqual(serverError);
        expect(e.message).toContain(serverError.message);
      });
      return;
    }

    const bytes = read(file);
    const text = bytes.toString('utf8');
    const all = framesOf(text);
    const frames = all.filter((f) => f.event !== 'done');

    it('is a well-formed capture: one event per frame, one [DONE] frame at the end', () => {
      expect(frames.length).toBeGreaterThan(0);
      expect(frames.length).toBe((text.match(/^event: /gm) ?? []).length - 1);
      expect(all.at(-1)).toEqual({ event: 'done', data: '[DONE]' });
    });

    if (expectation.kind === 'valid') {
      it('decodes completely in lenient mode: one event per non-done frame, equal to its data, completed by [DONE]', async () => {
        const onUnknownEvent = jest.fn();
        const values: AssistantStreamEvent[] = [];
        // The source never ends and goes on after the capture with a broken frame: only [DONE] can complete the
        // Observable without an error. (14 ends with `data: [DONE]\n`, without the blank line that closes the frame:
        // the trailer starts with the line end a live server would have sent.)
        const trailer = `${text.endsWith('\n\n') ? '' : '\n'}event: thread.run.created\ndata: {"broken"\n\n`;
        const completed = await new Promise<boolean>((resolve, reject) => {
          assistantEvents(concat(of(bytes, trailer), NEVER), { onUnknownEvent }).subscribe({
            next: (e) => values.push(e),
            error: reject,
            complete: () => resolve(true),
          });
        });
        expect(completed).toBe(true);
        expect(values.length).toBe(frames.length);
        expect(values.map((e) => e.event)).toEqual(frames.map((f) => f.event));
        expect(values.map((e) => e.data)).toEqual(frames.map((f) => JSON.parse(f.data)));
        expect(onUnknownEvent).not.toHaveBeenCalled();
        expectation.covers(values);
      });
    } else {
      it(`fails with invalid_json naming "${expectation.event}" after exactly the ${expectation.index} valid event(s) before it`, () => {
        // The broken frame is the first whose JSON does not parse, and it is broken by an extra `}` (SOURCES.md).
        const firstBroken = frames.findIndex((f) => {
          try {
            JSON.parse(f.data);
            return false;
          } catch {
            return true;
          }
        });
        expect(firstBroken).toBe(expectation.index);
        expect(frames[firstBroken]!.event).toBe(expectation.event);
        expect(() => JSON.parse(frames[firstBroken]!.data.slice(0, -1))).not.toThrow();

        const values: AssistantStreamEvent[] = [];
        let error: unknown;
        assistantEvents(text).subscribe({ next: (e) => values.push(e), error: (e: unknown) => (error = e) });
        expect(values.map((e) => e.event)).toEqual(frames.slice(0, expectation.index).map((f) => f.event));
        expect(values.map((e) => e.data)).toEqual(frames.slice(0, expectation.index).map((f) => JSON.parse(f.data)));
        expect(error).toBeInstanceOf(AssistantStreamError);
        expect(error).toMatchObject({ code: 'invalid_json', event: expectation.event });
        expect((error as Error).message).toContain(`"${expectation.event}"`);
      });
    }

    const { strict } = expectation;
    it(
      strict === 'passes'
        ? 'decodes completely in strict mode'
        : `fails strict mode with invalid_event at frame ${strict.index}, "${strict.event}" ${strict.path}`,
      () => {
        const values: AssistantStreamEvent[] = [];
        let error: unknown;
        let completed = false;
        assistantEvents(text, { mode: 'strict' }).subscribe({
          next: (e) => values.push(e),
          error: (e: unknown) => (error = e),
          complete: () => (completed = true),
        });
        if (strict === 'passes') {
          expect(error).toBeUndefined();
          expect(completed).toBe(true);
          expect(values.length).toBe(frames.length);
          return;
        }
        const frame = frames[strict.index]!;
        expect(frame.event).toBe(strict.event);
        expect(strict.because(JSON.parse(frame.data) as Record<string, unknown>)).toBe(true);
        expect(values.map((e) => e.event)).toEqual(frames.slice(0, strict.index).map((f) => f.event));
        expect(error).toBeInstanceOf(AssistantStreamError);
        expect(error).toMatchObject({ code: 'invalid_event', event: strict.event, path: strict.path });
        expect((error as Error).message.startsWith(`Invalid "${strict.event}" event at ${strict.path}: `)).toBe(true);
      },
    );
  });
});

describe('conformance: chunking of the captures', () => {
  describe.each(sseFiles)('%s', (file) => {
    const bytes = new Uint8Array(read(file));
    const text = new TextDecoder().decode(bytes);
    let reference = '';
    beforeAll(() => {
      reference = decodeSync(text);
    });

    it('has a reference decoding from the whole body, as the frames and SOURCES.md say', () => {
      const frames = framesOf(text).filter((f) => f.event !== 'done');
      const expectation = EXPECTATIONS[file];
      const broken = expectation?.kind === 'invalid-json' ? expectation : undefined;
      const good = broken ? frames.slice(0, broken.index) : frames;
      expect(JSON.parse(reference)).toMatchObject({
        values: good.map((f) => ({ event: f.event, data: JSON.parse(f.data) as unknown })),
        completed: !broken,
        ...(broken ? { error: { code: 'invalid_json', event: broken.event } } : {}),
      });
    });

    it('gives identical events for a split into two chunks at every byte boundary (a sample for large files)', () => {
      const failures: number[] = [];
      for (const cut of cutsFor(bytes)) {
        if (decodeSync(from([bytes.subarray(0, cut), bytes.subarray(cut)])) !== reference) failures.push(cut);
      }
      expect(failures).toEqual([]);
    });

    it('gives identical events when every byte is its own chunk (all boundaries at once)', () => {
      expect(decodeSync(from(Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))))).toBe(reference);
    });

    it('gives identical events for random chunk sizes, from an Observable, a ReadableStream and a Node Readable (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(
          // Tiny and large chunk sizes, cycled over the body; one size of at least 512 bytes in each cycle keeps the
          // number of async reads of the 73 KB capture bounded.
          fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 4096 })), { maxLength: 11 }),
          fc.integer({ min: 512, max: 8192 }),
          async (sizes, large) => {
            const chunks = chunksOf(bytes, [...sizes, large]);
            expect(decodeSync(from(chunks))).toBe(reference);
            expect(await decodeAsync(readableStreamOf(chunks))).toBe(reference);
            expect(await decodeAsync(Readable.from(chunks.map((c) => Buffer.from(c))))).toBe(reference);
          },
        ),
        { numRuns: 50 },
      );
    });

    it.each([
      ['\\r\\n', '\r\n'],
      ['\\r', '\r'],
    ])('gives identical events with %s line ends, whole and in random chunks', (_, eol) => {
      const converted = new TextEncoder().encode(text.replace(/\n/g, eol));
      expect(decodeSync(converted)).toBe(reference);
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: converted.length - 1 }), { minLength: 1, maxLength: 40 }),
          (offsets) => {
            const cuts = [0, ...offsets.sort((a, b) => a - b), converted.length];
            const chunks = cuts.slice(1).map((end, i) => converted.subarray(cuts[i]!, end));
            expect(decodeSync(from(chunks))).toBe(reference);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
});
