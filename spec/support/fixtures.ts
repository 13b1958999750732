import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real captures, read in place (never copied into the project). */
export const FIXTURES_DIR = join(__dirname, '../../../shared/fixtures/sse');

// Without ../shared every suite that reads the captures fails, with this one line instead of a raw ENOENT; the same
// locally and under CI=true (a missing fixture is never a skip).
if (!existsSync(FIXTURES_DIR)) {
  throw new Error(
    `The real captures are missing: ${resolve(FIXTURES_DIR)} does not exist. They come from the project's shared/ folder, ` +
      'which must sit beside this checkout as ../shared (with fixtures/sse/ inside); check it out there and run the tests again.',
  );
}

/** The captures SOURCES.md describes as valid run streams. */
export const VALID_CAPTURES = [
  '08-openai-dotnet-StreamingRunWorks.sse',
  '09-openai-dotnet-StreamingToolCall-createThreadAndRun-requires_action.sse',
  '10-openai-dotnet-StreamingToolCall-submitToolOutputs.sse',
  '12-ruby-openai-runs_streamed_create-v1-max_tokens-incomplete.sse',
  '14-simple-openai-code-interpreter-logs-image-2024-04.sse',
  '21-azure-sdk-net-persistent-agents-run-failed-MOCK.sse',
  '30-azure-agents-function-streaming-1-requires_action.sse',
  '31-azure-agents-function-streaming-2-submit_tool_outputs.sse',
  '32-azure-agents-bing_grounding-url_citation.sse',
];
/** The docs example that is broken by design (invalid JSON in its run frames). */
export const BROKEN_CAPTURE = '02-openapi-docs-createThreadAndRun-stream-functions.sse';
/** The HTTP 400 JSON body of a rejected `stream: true` request. */
export const NOT_SSE_CAPTURE = '22-ruby-openai-http400-on-stream-request.NOT-SSE.txt';

/** The bytes of a capture. */
export const readCapture = (name: string) => readFileSync(join(FIXTURES_DIR, name));
