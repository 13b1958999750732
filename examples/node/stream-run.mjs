#!/usr/bin/env node
// Streams an Assistants run in Node: fetch -> assistantEvents -> operators. Prints the answer as it streams in,
// then the final run.
//
//   npm run build && node examples/node/stream-run.mjs
//       against a local stand-in server that streams a recorded-style run (no key, no network)
//   OPENAI_API_KEY=... ASSISTANT_ID=asst_... node examples/node/stream-run.mjs "What is SSE?"
//       creates a thread and a run on the Assistants API (or ASSISTANTS_BASE_URL: Azure, a compatible server)
//
// Ctrl-C unsubscribes, which cancels the read and closes the request.
import { createServer } from 'node:http';
import { lastValueFrom, defer, switchMap, connect, merge, filter, last, map, tap, ignoreElements } from 'rxjs';
import { assistantEvents, untilRunTerminal, textDeltas, isRunEvent } from 'rx-assistant-stream';

const question = process.argv[2] ?? 'Say hello in three languages.';
const { url, init, close } = process.env.OPENAI_API_KEY && process.env.ASSISTANT_ID ? remoteRun(question) : await localRun();

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
  const baseURL = process.env.ASSISTANTS_BASE_URL ?? 'https://api.openai.com/v1';
  return {
    url: `${baseURL}/threads/runs`,
    init: {
      method: 'POST',
      headers: {
        authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
        'content-type': 'application/json',
        'openai-beta': 'assistants=v2',
      },
      body: JSON.stringify({ assistant_id: process.env.ASSISTANT_ID, stream: true, thread: { messages: [{ role: 'user', content }] } }),
    },
    close: async () => {},
  };
}

/** A local server on 127.0.0.1 that streams a run built with the testing helpers, a few bytes at a time. */
async function localRun() {
  const { toSSE, textRunEvents } = await import('rx-assistant-stream/testing');
  const body = Buffer.from(toSSE(textRunEvents('Hello! Bonjour ! ¡Hola! — three greetings, streamed. 👋')));
  const server = createServer(async (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < body.length && !res.destroyed; i += 48) {
      res.write(body.subarray(i, i + 48));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/threads/runs`,
    init: { method: 'POST' },
    close: () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      return closed;
    },
  };
}
