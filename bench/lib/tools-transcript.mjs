// The tool-heavy transcript of the bench: runs whose steps stream function-call arguments and code-interpreter input
// as run-step deltas of 1–7 characters each, with the objects in the key order OpenAI's servers send (copied from the
// recorded captures in ../shared/fixtures/sse: 09/10 for runs, steps and messages, 14 for code interpreter deltas).
//
// Each run: created, queued, in_progress; a tool_calls step with 1–3 parallel function calls (a head delta
// `{ index, id, type, function: { name, arguments: "", output: null } }`, then argument fragments), requires_action,
// then the continuation as one body (the step completed with its outputs, the run queued and in progress again); a
// code interpreter step (head delta `{ input: "", outputs: [] }`, input fragments, one logs output delta), completed;
// a message creation step with a short message; the run completed. Runs follow one another until `minToolDeltas`
// fragment deltas have been written.
//
//   const t = toolsTranscript({ minToolDeltas: 12_000, seed: 1 });
//   t.text; t.events; t.toolDeltas; t.expectedCalls (call id -> arguments or input); t.expectedTexts (message id -> text)

/** mulberry32: a small seedable generator (the bench's transcripts are the same from run to run). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['San Francisco, CA', 'Paris', 'München', 'Tōkyō', 'São Paulo', 'Reykjavík', 'New York, NY', 'Zürich'];
const FUNCTIONS = [
  (r, pick) => ['get_current_weather', JSON.stringify({ location: pick(CITIES), unit: r() < 0.5 ? 'celsius' : 'fahrenheit' })],
  (r, pick) => [
    'get_stock_price',
    JSON.stringify({ symbol: pick(['MSFT', 'AAPL', 'NVDA', 'AMZN']), currency: 'USD', include_history: r() < 0.5 }),
  ],
  (r, pick) => [
    'search_documents',
    JSON.stringify({
      query: `quarterly report ${pick(CITIES)} ${Math.floor(r() * 2000 + 2000)}`,
      top_k: Math.floor(r() * 9) + 1,
      filters: { lang: 'en' },
    }),
  ],
];
const CODE_LINES = [
  'import pandas as pd',
  'import numpy as np',
  "df = pd.read_csv('/mnt/data/file-AGEMTNOqFDMgiKv6s3XX9ZhM')",
  'df.describe()',
  "df['total'] = df['price'] * df['quantity']",
  "summary = df.groupby('region')['total'].sum().sort_values(ascending=False)",
  'x = np.linspace(0, 2 * np.pi, 200)',
  'y = np.sin(x) ** 2 + np.cos(x)',
  "print(f'mean={y.mean():.4f}, max={y.max():.4f}')",
  'summary.head(10)',
];

/** Splits `text` into fragments of 1–7 characters (never inside a surrogate pair). */
function fragments(text, random) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    let n = 1 + Math.floor(random() * 7);
    if (i + n < text.length && /[\uD800-\uDBFF]/.test(text[i + n - 1])) n++;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/**
 * Builds the transcript as SSE text (LF line ends, `event: done` at the end) with what a consumer must rebuild.
 * @param {{ minToolDeltas?: number, seed?: number }} options
 */
export function toolsTranscript({ minToolDeltas = 12_000, seed = 1 } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const frames = [];
  let toolDeltas = 0;
  let events = 0;
  const expectedCalls = new Map();
  const expectedTexts = new Map();
  const emit = (event, data) => {
    frames.push(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    events++;
  };
  const thread = 'thread_6oUGUBxLwhyApwhYBhWjHI5f';
  const assistant = 'asst_BFMmpHsel3a7MuFuKKY9i5uG';
  let clock = 1761861531;
  let serial = 0;
  const id = (prefix) => `${prefix}_${(++serial).toString(36).padStart(24, 'Q')}`;

  // A run in the key order of capture 09/10 (a 2025 server).
  const run = (runId, status, more = {}) => ({
    id: runId,
    object: 'thread.run',
    created_at: clock,
    assistant_id: assistant,
    thread_id: thread,
    status,
    started_at: status === 'queued' ? null : clock + 1,
    expires_at: clock + 600,
    cancelled_at: null,
    failed_at: null,
    completed_at: status === 'completed' ? clock + 9 : null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [
      { type: 'code_interpreter' },
      {
        type: 'function',
        function: {
          name: 'get_current_weather',
          description: "Gets the user's current weather",
          parameters: { type: 'object', properties: {} },
          strict: false,
        },
      },
    ],
    tool_resources: { code_interpreter: { file_ids: [] } },
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    reasoning_effort: null,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage:
      status === 'completed'
        ? { prompt_tokens: 260, completion_tokens: 40, total_tokens: 300, prompt_token_details: { cached_tokens: 0 } }
        : null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...more,
  });
  // A run step in the key order of captures 09, 10 and 14.
  const step = (stepId, runId, type, status, stepDetails) => ({
    id: stepId,
    object: 'thread.run.step',
    created_at: clock,
    run_id: runId,
    assistant_id: assistant,
    thread_id: thread,
    type,
    status,
    cancelled_at: null,
    completed_at: status === 'completed' ? clock + 1 : null,
    expires_at: clock + 600,
    failed_at: null,
    last_error: null,
    step_details: stepDetails,
    usage: status === 'completed' ? { prompt_tokens: 260, completion_tokens: 12, total_tokens: 272 } : null,
  });
  const stepDelta = (stepId, call) =>
    emit('thread.run.step.delta', {
      id: stepId,
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
    });
  const message = (messageId, runId, status, content) => ({
    id: messageId,
    object: 'thread.message',
    created_at: clock,
    assistant_id: assistant,
    thread_id: thread,
    run_id: runId,
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: status === 'completed' ? clock + 2 : null,
    role: 'assistant',
    content,
    attachments: [],
    metadata: {},
  });

  while (toolDeltas < minToolDeltas) {
    clock += 17;
    const runId = id('run');
    emit('thread.run.created', run(runId, 'queued'));
    emit('thread.run.queued', run(runId, 'queued'));
    emit('thread.run.in_progress', run(runId, 'in_progress'));

    // Function calls, streamed one after the other (index 0, 1, 2), then requires_action.
    const fnStep = id('step');
    const calls = [];
    emit('thread.run.step.created', step(fnStep, runId, 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    emit('thread.run.step.in_progress', step(fnStep, runId, 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    const parallel = 1 + Math.floor(random() * 3);
    for (let index = 0; index < parallel; index++) {
      const [name, args] = pick(FUNCTIONS)(random, pick);
      const callId = id('call');
      calls.push({ id: callId, name, args });
      expectedCalls.set(callId, args);
      stepDelta(fnStep, { index, id: callId, type: 'function', function: { name, arguments: '', output: null } });
      for (const fragment of fragments(args, random)) {
        stepDelta(fnStep, { index, type: 'function', function: { arguments: fragment } });
        toolDeltas++;
      }
    }
    const requiredCalls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
    emit(
      'thread.run.requires_action',
      run(runId, 'requires_action', {
        required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: requiredCalls } },
      }),
    );
    // The continuation (capture 10): the step completed with its outputs, the run queued and in progress again.
    const answered = calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.args, output: `{"ok":true,"n":${c.args.length}}` },
    }));
    emit(
      'thread.run.step.completed',
      step(fnStep, runId, 'tool_calls', 'completed', { type: 'tool_calls', tool_calls: answered }),
    );
    emit('thread.run.queued', run(runId, 'queued'));
    emit('thread.run.in_progress', run(runId, 'in_progress'));

    // A code interpreter step (capture 14's deltas).
    const ciStep = id('step');
    const ciCall = id('call');
    const lines = 4 + Math.floor(random() * 7);
    const code = Array.from({ length: lines }, () => pick(CODE_LINES)).join('\n');
    const logs = `mean=${random().toFixed(4)}, max=${(1 + random()).toFixed(4)}`;
    expectedCalls.set(ciCall, code);
    emit('thread.run.step.created', step(ciStep, runId, 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    emit('thread.run.step.in_progress', step(ciStep, runId, 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    stepDelta(ciStep, { index: 0, id: ciCall, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } });
    for (const fragment of fragments(code, random)) {
      stepDelta(ciStep, { index: 0, type: 'code_interpreter', code_interpreter: { input: fragment } });
      toolDeltas++;
    }
    stepDelta(ciStep, { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, type: 'logs', logs }] } });
    emit(
      'thread.run.step.completed',
      step(ciStep, runId, 'tool_calls', 'completed', {
        type: 'tool_calls',
        tool_calls: [
          { id: ciCall, type: 'code_interpreter', code_interpreter: { input: code, outputs: [{ type: 'logs', logs }] } },
        ],
      }),
    );

    // A short answer.
    const msgStep = id('step');
    const messageId = id('msg');
    const text = `The results: ${logs}. The weather in ${pick(CITIES)} is fine.`;
    expectedTexts.set(messageId, text);
    const creation = { type: 'message_creation', message_creation: { message_id: messageId } };
    emit('thread.run.step.created', step(msgStep, runId, 'message_creation', 'in_progress', creation));
    emit('thread.run.step.in_progress', step(msgStep, runId, 'message_creation', 'in_progress', creation));
    emit('thread.message.created', message(messageId, runId, 'in_progress', []));
    emit('thread.message.in_progress', message(messageId, runId, 'in_progress', []));
    let first = true;
    for (const fragment of fragments(text, random)) {
      const part = first
        ? { index: 0, type: 'text', text: { value: fragment, annotations: [] } }
        : { index: 0, type: 'text', text: { value: fragment } };
      first = false;
      emit('thread.message.delta', { id: messageId, object: 'thread.message.delta', delta: { content: [part] } });
    }
    emit(
      'thread.message.completed',
      message(messageId, runId, 'completed', [{ type: 'text', text: { value: text, annotations: [] } }]),
    );
    emit('thread.run.step.completed', step(msgStep, runId, 'message_creation', 'completed', creation));
    emit('thread.run.completed', run(runId, 'completed'));
  }
  frames.push('event: done\ndata: [DONE]\n\n');
  return { text: frames.join(''), events, toolDeltas, expectedCalls, expectedTexts };
}
