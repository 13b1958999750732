// Before a transcript is timed, every contender runs it once and what it rebuilt is checked: rx-assistant-stream's
// snapshots accumulated from deltas (the last `in_progress` one of each message and step, before the server's
// completed object replaces it) must hold the whole text, arguments and input; openai-node's final messages and run
// steps must too, and so must the result of collectRunResult; the floor must see every event; and both rx contenders
// must end with as many messages and steps as openai-node.
import { connect, merge } from 'rxjs';
import { responseOf, runFloor, runOpenAI, runRx, runRxResult } from './contenders.mjs';

const textOf = (message) => message.content.map((part) => part.text?.value ?? '').join('');
const callsOf = (steps) => {
  const calls = new Map();
  for (const step of steps) {
    for (const call of step.step_details?.tool_calls ?? []) {
      if (call.id === undefined) continue;
      calls.set(call.id, call.function?.arguments ?? call.code_interpreter?.input);
    }
  }
  return calls;
};

function accumulatedFromDeltas(lib, chunks) {
  const { assistantEvents, accumulateMessageDeltas, accumulateRunStepDeltas } = lib;
  const messages = new Map();
  const steps = new Map();
  return new Promise((resolve, reject) =>
    assistantEvents(responseOf(chunks))
      .pipe(connect((shared) => merge(shared.pipe(accumulateMessageDeltas()), shared.pipe(accumulateRunStepDeltas()))))
      .subscribe({
        next: (s) => {
          if (s.status === 'in_progress') (s.object === 'thread.message' ? messages : steps).set(s.id, s);
        },
        error: reject,
        complete: () => resolve({ messages: [...messages.values()], steps: [...steps.values()] }),
      }),
  );
}

/** The problems found (empty when every contender got the transcript right). */
export async function verifyContenders(lib, streams, transcript) {
  const problems = [];
  const compare = (name, got, expected, what) => {
    if (!expected || expected.size === 0) return;
    let wrong = 0;
    for (const [id, value] of expected) if (got.get(id) !== value) wrong++;
    if (wrong > 0) problems.push(`${name}: ${wrong} of ${expected.size} ${what} wrong`);
  };
  const all = {
    accumulated: { messages: [], steps: [] },
    rx: { messages: [], steps: [] },
    rxResult: { messages: [], steps: [] },
    openai: { messages: [], steps: [] },
  };
  let floorEvents = 0;
  for (const chunks of streams) {
    for (const [key, result] of [
      ['accumulated', await accumulatedFromDeltas(lib, chunks)],
      ['rx', await runRx(lib, chunks)],
      ['rxResult', await runRxResult(lib, chunks)],
      ['openai', await runOpenAI(chunks)],
    ]) {
      all[key].messages.push(...result.messages);
      all[key].steps.push(...result.steps);
    }
    floorEvents += (await runFloor(chunks)).events;
  }
  const texts = (messages) => new Map(messages.map((m) => [m.id, textOf(m)]));
  compare(
    'rx-assistant-stream (accumulated from deltas)',
    texts(all.accumulated.messages),
    transcript.expectedTexts,
    'message texts',
  );
  compare(
    'rx-assistant-stream (accumulated from deltas)',
    callsOf(all.accumulated.steps),
    transcript.expectedCalls,
    'tool call arguments/inputs',
  );
  compare('rx-assistant-stream (final)', texts(all.rx.messages), transcript.expectedTexts, 'message texts');
  compare('openai-node', texts(all.openai.messages), transcript.expectedTexts, 'message texts');
  compare('openai-node', callsOf(all.openai.steps), transcript.expectedCalls, 'tool call arguments/inputs');
  compare('rx-assistant-stream (collectRunResult)', texts(all.rxResult.messages), transcript.expectedTexts, 'message texts');
  compare(
    'rx-assistant-stream (collectRunResult)',
    callsOf(all.rxResult.steps),
    transcript.expectedCalls,
    'tool call arguments/inputs',
  );
  for (const key of ['rx', 'rxResult']) {
    if (all[key].messages.length !== all.openai.messages.length)
      problems.push(`messages: ${key} ${all[key].messages.length}, openai-node ${all.openai.messages.length}`);
    if (all[key].steps.length !== all.openai.steps.length)
      problems.push(`run steps: ${key} ${all[key].steps.length}, openai-node ${all.openai.steps.length}`);
  }
  if (floorEvents !== transcript.events) problems.push(`floor: ${floorEvents} events, expected ${transcript.events}`);
  return problems;
}
