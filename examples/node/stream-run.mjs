#!/usr/bin/env node
// Streams an Assistants run in Node: fetch -> assistantEvents -> operators. Prints the answer as it streams in,
// then the final run.
//
//   npm run build && node examples/node/stream-run.mjs
//       against the package's local mock server (startMockServer from rx-assistant-stream/node: no key, no network)
//   ASSISTANTS_BASE_URL=http://localhost:8000/v1 ASSISTANT_ID=asst_... [OPENAI_API_KEY=...] node examples/node/stream-run.mjs "What is SSE?"
//       creates a thread and a run on a self-hosted Assistants-compatible server (OpenAI's hosted Assistants API was
//       retired on 2026-08-26; for Azure AI Foundry's Agent Service, use createAzureAgentsClient, see the README)
//
// Ctrl-C unsubscribes, which cancels the read and closes the request.
import { lastValueFrom, defer, switchMap, connect, merge, filter, last, map, tap, ignoreElements } from 'rxjs';
import { assistantEvents, untilRunTerminal, textDeltas, isRunEvent } from 'rx-assistant-stream';

const question = process.argv[2] ?? 'Say hello in three languages.';
const { url, init, close } = process.env.ASSISTANTS_BASE_URL && process.env.ASSISTANT_ID ? remoteRun(question) : await localRun();

const events = defer(() => fetch(url, init)).pipe(
  switchMap((response) => assistantEvents(response)),
  untilRunTerminal(),
);

// One read of the body, two views of it: the text as it streams, and the last state of the run.
const finalRun$ = events.pipe(
  connect((shared) =>
    merge(
      shared.pipe(
        textDeltas(),
        tap((text) => process.stdout.write(text)),
        ignoreElements(),
      ),
      shared.pipe(
        filter(isRunEvent),
        last(),
        map((event) => event.data),
      ),
    ),
  ),
);

try {
  const run = await lastValueFrom(finalRun$);
  const usage = run.usage ? `, ${run.usage.prompt_tokens} + ${run.usage.completion_tokens} tokens` : '';
  console.log(`\n\nrun ${run.id}: ${run.status}${usage}`);
} catch (error) {
  console.error(`\nthe run stream failed: ${error.code ?? ''} ${error.message}`);
  process.exitCode = 1;
} finally {
  await close();
}

/** POST /threads/runs with `stream: true`: a new thread with the question, and its run. */
function remoteRun(content) {
  const baseURL = process.env.ASSISTANTS_BASE_URL;
  return {
    url: `${baseURL}/threads/runs`,
    init: {
      method: 'POST',
      headers: {
        ...(process.env.OPENAI_API_KEY ? { authorization: `Bearer ${process.env.OPENAI_API_KEY}` } : {}),
        'content-type': 'application/json',
        'openai-beta': 'assistants=v2',
      },
      body: JSON.stringify({
        assistant_id: process.env.ASSISTANT_ID,
        stream: true,
        thread: { messages: [{ role: 'user', content }] },
      }),
    },
    close: async () => {},
  };
}

/** The package's mock server on 127.0.0.1, streaming a text run a few bytes at a time. */
async function localRun() {
  const { startMockServer } = await import('rx-assistant-stream/node');
  const server = await startMockServer({
    scenario: { type: 'text', text: 'Hello! Bonjour ! ¡Hola! — three greetings, streamed. 👋' },
    chunkSize: 48,
    pacing: 2,
  });
  return {
    url: `${server.baseURL}/threads/runs`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_example', stream: true }),
    },
    close: () => server.close(),
  };
}
