import { readdirSync } from 'node:fs';
import type * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import { ASSISTANT_EVENT_NAMES, AssistantStreamEvent, getCodecs, type AssistantEventName } from '../../src/schema';
import { FIXTURES_DIR, check, readFrames } from './support';

const files = readdirSync(FIXTURES_DIR)
  .filter((name) => name.endsWith('.sse'))
  .sort();
const known = new Set<string>(ASSISTANT_EVENT_NAMES);

/** Only 02 (the docs example) is broken by design: its run frames end with an extra `}`. */
const invalidJsonAllowed = new Set(['02-openapi-docs-createThreadAndRun-stream-functions.sse']);

// What the spec (assistant-stream-schemas.yaml) rejects in each capture, by event name: the mismatch paths of every
// frame with that name. Events not listed conform to the spec.
const STEP = ['expired_at', 'metadata']; // RunStepObject requires both; servers send neither (they send expires_at).
const RUN_NULL_INSTRUCTIONS = ['instructions']; // RunObject.instructions: string, not nullable; servers send null.
const RUN_2024_04 = [
  // RunObject fields the 2024-04-01 capture predates (instructions is a string there).
  'incomplete_details',
  'max_completion_tokens',
  'max_prompt_tokens',
  'parallel_tool_calls',
  'response_format',
  'tool_choice',
  'truncation_strategy',
];
const RUN_V1 = ['instructions', 'parallel_tool_calls']; // v1 (2024-04-27): null instructions, no parallel_tool_calls.
const THREAD_V1 = ['tool_resources']; // ThreadObject requires tool_resources (nullable); v1 threads lack it.
const MESSAGE_V1 = ['attachments']; // MessageObject requires attachments (nullable); v1 messages have file_ids.

const runEvents = (names: string[], paths: string[]) => Object.fromEntries(names.map((name) => [`thread.run.${name}`, paths]));
const stepEvents = (...names: string[]) => Object.fromEntries(names.map((name) => [`thread.run.step.${name}`, STEP]));
const messageEvents = (names: string[], paths: string[]) =>
  Object.fromEntries(names.map((name) => [`thread.message.${name}`, paths]));

const strictFailures: Record<string, Record<string, string[]>> = {
  '02-openapi-docs-createThreadAndRun-stream-functions.sse': {
    'thread.created': THREAD_V1,
    ...stepEvents('created', 'in_progress'),
  },
  '08-openai-dotnet-StreamingRunWorks.sse': {
    ...runEvents(['created', 'queued', 'in_progress', 'completed'], RUN_NULL_INSTRUCTIONS),
    ...stepEvents('created', 'in_progress', 'completed'),
  },
  '09-openai-dotnet-StreamingToolCall-createThreadAndRun-requires_action.sse': {
    ...runEvents(['created', 'queued', 'in_progress', 'requires_action'], RUN_NULL_INSTRUCTIONS),
    ...stepEvents('created', 'in_progress'),
  },
  '10-openai-dotnet-StreamingToolCall-submitToolOutputs.sse': {
    ...runEvents(['queued', 'in_progress', 'completed'], RUN_NULL_INSTRUCTIONS),
    ...stepEvents('created', 'in_progress', 'completed'),
  },
  '12-ruby-openai-runs_streamed_create-v1-max_tokens-incomplete.sse': {
    ...runEvents(['created', 'queued', 'in_progress', 'completed'], RUN_V1),
    ...stepEvents('created', 'in_progress', 'completed'),
    ...messageEvents(['created', 'in_progress', 'incomplete'], MESSAGE_V1),
  },
  '14-simple-openai-code-interpreter-logs-image-2024-04.sse': {
    'thread.created': THREAD_V1,
    ...runEvents(['created', 'queued', 'in_progress', 'completed'], RUN_2024_04),
    ...stepEvents('created', 'in_progress', 'completed'),
    ...messageEvents(['created', 'in_progress', 'completed'], MESSAGE_V1),
  },
  '21-azure-sdk-net-persistent-agents-run-failed-MOCK.sse': {
    // LastError.code is a closed enum; bing_grounding is not one of the three tool types.
    'thread.run.failed': ['last_error.code', 'tools.0.type'],
  },
  // Azure AI Agents: its steps carry expires_at like OpenAI's servers; otherwise a plain function call (30 -> 31).
  '30-azure-agents-function-streaming-1-requires_action.sse': {
    ...stepEvents('created', 'in_progress'),
  },
  '31-azure-agents-function-streaming-2-submit_tool_outputs.sse': {
    ...stepEvents('created', 'in_progress', 'completed'),
  },
  // Azure's types are deviations from OpenAI's spec: a bing_grounding tool (run tools, tool call and its deltas)
  // and a url_citation annotation (message delta and completed message).
  '32-azure-agents-bing_grounding-url_citation.sse': {
    ...runEvents(['created', 'queued', 'in_progress', 'completed'], ['tools.0.type']),
    ...stepEvents('created', 'in_progress', 'completed'),
    'thread.run.step.delta': ['delta.step_details.tool_calls.0.type'],
    // The first step.completed (frame 8) is the bing_grounding tool call step; the second (frame 140) the message step.
    'thread.run.step.completed@8': [...STEP, 'step_details.tool_calls.0.type'],
    'thread.message.delta@137': ['delta.content.0.text.annotations.0.type'],
    'thread.message.completed': ['content.0.text.annotations.0.type'],
  },
};

/** The expected strict paths of frame `index` (an `event@index` entry overrides the entry of its event name). */
const expectedPaths = (table: Record<string, string[]>, event: string, index: number): string[] =>
  table[`${event}@${index}`] ?? table[event] ?? [];

describe('real captures (shared/fixtures/sse)', () => {
  it('has strict expectations for every capture', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(strictFailures).sort()).toEqual(files);
  });

  describe.each(files)('%s', (file) => {
    const frames = readFrames(file);

    it('has only known event names and, but for 02, valid JSON', () => {
      expect(frames.length).toBeGreaterThan(0);
      for (const frame of frames) {
        expect(known.has(frame.event)).toBe(true);
        if (!invalidJsonAllowed.has(file)) expect(frame.json).toBeDefined();
      }
    });

    it('passes lenient mode, event by event (is and decode)', () => {
      const { eventData } = getCodecs('lenient');
      for (const { event, json } of frames) {
        if (json === undefined) continue;
        const codec: t.Mixed = eventData[event as AssistantEventName];
        expect({ event, paths: check(codec, json) }).toEqual({ event, paths: [] });
        const decoded = codec.decode(json);
        expect(isRight(decoded) && decoded.right).toEqual(json);
        expect(AssistantStreamEvent.is({ event, data: json })).toBe(true);
      }
    });

    it('fails strict mode exactly where the spec says', () => {
      const { eventData } = getCodecs('strict');
      const expected = strictFailures[file]!;
      const seen = new Set<string>();
      frames.forEach(({ event, json }, index) => {
        if (json === undefined) return;
        seen.add(event).add(`${event}@${index}`);
        const paths = check(eventData[event as AssistantEventName], json);
        expect({ event, index, paths }).toEqual({ event, index, paths: expectedPaths(expected, event, index) });
      });
      // Every listed event (and frame) occurs in the capture (the table is not stale).
      expect([...seen].filter((event) => event in expected).sort()).toEqual(Object.keys(expected).sort());
    });
  });

  it('skips only the run frames of 02, whose JSON is broken by design', () => {
    const broken = readFrames('02-openapi-docs-createThreadAndRun-stream-functions.sse').filter((f) => f.json === undefined);
    expect(broken.map((f) => f.event)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.requires_action',
    ]);
  });
});
