/**
 * Compile-time tests of the HTTP layer's public types: `npm run typecheck` (tsc) checks this file. A line under
 * `// @ts-expect-error` must not compile; `expectType<Equals<A, B>>(true)` compiles only when A and B are the same
 * type. The checks sit in functions that never run; one test runs to keep jest content.
 */
import { of, type Observable } from 'rxjs';
import type {
  AssistantsClient,
  HeadersOption,
  HeadersRequest,
  HeadersSource,
  SubmitToolApprovalsBody,
  ToolApproval,
} from '../../src/http/assistants-client';
import { createAssistantsClient } from '../../src/http/assistants-client';
import { createAzureAgentsClient, type AzureAgentsClientOptions } from '../../src/http/azure-agents-client';
import type { AccessToken, TokenCredential } from '../../src/http/bearer-token';
import {
  runWithTools,
  type ApprovalDecision,
  type RunWithToolsOptions,
  type ToolApprover,
  type ToolCallContext,
} from '../../src/http/run-with-tools';
import type { AssistantStreamEvent, RequiredMcpToolCall } from '../../src/schema';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

declare const client: AssistantsClient;
declare const start$: Observable<AssistantStreamEvent>;

export function headersTypes(): void {
  // An object, or a function (sync or async) of the request.
  const fixed: HeadersSource = { 'X-A': 'a', 'X-B': null, 'X-C': undefined };
  const sync: HeadersSource = ({ url, body }: HeadersRequest) => ({ 'X-Sig': `${url.length}:${body.length}` });
  const async: HeadersSource = async () => ({ Authorization: 'Bearer t' });
  createAssistantsClient({ baseURL: 'https://x', headers: fixed });
  createAssistantsClient({ baseURL: 'https://x', headers: sync });
  createAssistantsClient({ baseURL: 'https://x', headers: async });
  // @ts-expect-error header values are strings (or null to remove one)
  createAssistantsClient({ baseURL: 'https://x', headers: { 'X-N': 1 } });
  // @ts-expect-error a headers function returns headers, not a string
  createAssistantsClient({ baseURL: 'https://x', headers: () => 'Bearer t' });
  // Per-request headers stay plain objects.
  client.createRun('t', { assistant_id: 'a' }, { headers: fixed as HeadersOption });
}

export function approvalTypes(): void {
  const body: SubmitToolApprovalsBody = { tool_approvals: [{ tool_call_id: 'c', approve: true, headers: { A: 'b' } }] };
  client.submitToolApprovals('t', 'r', body);
  // @ts-expect-error `approve` is a boolean
  const wrong: ToolApproval = { tool_call_id: 'c', approve: 'yes' };
  // @ts-expect-error approvals go in `tool_approvals`
  client.submitToolApprovals('t', 'r', { tool_outputs: [] });
  expectType<Equals<ReturnType<AssistantsClient['submitToolApprovals']>, Observable<AssistantStreamEvent>>>(true);

  // approve gets the MCP call, typed, and answers sync, as a Promise or an Observable.
  const byLabel: ToolApprover = (call, context) => {
    expectType<Equals<typeof call, RequiredMcpToolCall>>(true);
    expectType<Equals<typeof call.server_label, string>>(true);
    expectType<Equals<typeof context, ToolCallContext>>(true);
    return call.server_label === 'docs' && !context.signal.aborted;
  };
  const later: ToolApprover = async () => ({ approve: true, headers: { Authorization: 'Bearer mcp' } });
  const stream: ToolApprover = () => of<ApprovalDecision>(false);
  // @ts-expect-error a decision is a boolean or { approve, headers? }
  const maybe: ToolApprover = () => 'yes';
  // @ts-expect-error headers sent on with an approval are strings
  const badHeaders: ApprovalDecision = { approve: true, headers: { n: 1 } };
  runWithTools(start$, { client, approve: byLabel });
  runWithTools(start$, { client, approve: later, handlers: {}, maxRounds: 10, toolTimeout: 5000, onToolError: 'submit' });
  runWithTools(start$, { client, approve: stream });
  // A client for outputs only still fits when nothing needs approval.
  const outputsOnly: RunWithToolsOptions['client'] = { submitToolOutputs: client.submitToolOutputs };
  runWithTools(start$, { client: outputsOnly });
  // @ts-expect-error onToolError is 'error' or 'submit'
  runWithTools(start$, { client, onToolError: 'ignore' });
  void [wrong, maybe, badHeaders];
}

export function azureTypes(): void {
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken | null> => ({ token: 't', expiresOnTimestamp: 0 }),
  };
  // A structural TokenCredential: @azure/identity's classes fit without importing them here.
  const identityLike = {
    getToken: (_scopes: string | string[], _options?: { abortSignal?: AbortSignal }) => Promise.resolve(null),
  };
  const azure: AssistantsClient = createAzureAgentsClient({ endpoint: 'https://x/api/projects/p', credential });
  createAzureAgentsClient({ endpoint: 'https://x/api/projects/p', credential: identityLike, apiVersion: '2025-05-15-preview' });
  createAzureAgentsClient({
    endpoint: 'https://x/api/projects/p',
    apiKey: 'k',
    headers: async () => ({ 'x-ms-client-request-id': '1' }),
  });
  // @ts-expect-error a credential or an apiKey
  createAzureAgentsClient({ endpoint: 'https://x/api/projects/p' });
  // @ts-expect-error not both
  createAzureAgentsClient({ endpoint: 'https://x/api/projects/p', apiKey: 'k', credential });
  // @ts-expect-error getToken returns a token (or null)
  createAzureAgentsClient({ endpoint: 'https://x/api/projects/p', credential: { getToken: async () => 'token' } });
  // @ts-expect-error the endpoint is required
  const noEndpoint: AzureAgentsClientOptions = { apiKey: 'k' };
  void [azure, noEndpoint];
}

it('compiles (see typecheck)', () => {
  expect([headersTypes, approvalTypes, azureTypes].every((f) => typeof f === 'function')).toBe(true);
});
