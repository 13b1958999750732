import type { AssistantEventsOptions } from '../decode/assistant-events';
import { clientOver, withClientHeaders, type AssistantsClient } from './assistants-client';
import { bearerTokens, type TokenCredential } from './bearer-token';
import { endpointURL, type FetchLike, type HeadersSource } from './request';
import { checkClientOptions, checkRootURL } from './validation';

/** The scope of Azure AI Foundry's data plane, asked of the credential for every token. */
const AZURE_AI_SCOPE = 'https://ai.azure.com/.default';

/**
 * The options of {@link createAzureAgentsClient} besides the way it authenticates; the decoding options (`mode`,
 * `unknownEvents`, ...) apply to every stream.
 *
 * @example
 * ```ts
 * import { createAzureAgentsClient, type AzureAgentsClientBaseOptions } from 'rx-assistant-stream';
 *
 * const base: AzureAgentsClientBaseOptions = {
 *   endpoint: 'https://my-resource.services.ai.azure.com/api/projects/my-project',
 *   apiVersion: '2025-05-15-preview',
 *   headers: { 'x-ms-client-request-id': crypto.randomUUID() },
 * };
 * const client = createAzureAgentsClient({ ...base, apiKey: process.env.AZURE_AI_KEY! });
 * ```
 */
export interface AzureAgentsClientBaseOptions extends AssistantEventsOptions {
  /** The project endpoint, `https://<resource>.services.ai.azure.com/api/projects/<project>`; the run paths go below it. Required. */
  endpoint: string;
  /** The `api-version` query parameter of every URL. Default `'v1'` (the GA service); previews such as `'2025-05-15-preview'`. */
  apiVersion?: string;
  /**
   * Extra headers, or overrides of the defaults (`Accept`, `Content-Type`, the auth header); `null` removes one. A
   * function (sync or async) is called once per request.
   */
  headers?: HeadersSource;
  /** The fetch to call. Default: `globalThis.fetch`, looked up when a request starts. */
  fetch?: FetchLike;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
}

/**
 * Options of {@link createAzureAgentsClient}: the endpoint, and either a Microsoft Entra ID `credential` or an
 * `apiKey` (exactly one).
 *
 * @example
 * ```ts
 * import { DefaultAzureCredential } from '@azure/identity';
 * import { createAzureAgentsClient, type AzureAgentsClientOptions } from 'rx-assistant-stream';
 *
 * const options: AzureAgentsClientOptions = {
 *   endpoint: process.env.AZURE_AI_PROJECT_ENDPOINT!, // https://<resource>.services.ai.azure.com/api/projects/<project>
 *   credential: new DefaultAzureCredential(), // or apiKey: process.env.AZURE_AI_KEY
 * };
 * const client = createAzureAgentsClient(options);
 * ```
 */
export type AzureAgentsClientOptions = AzureAgentsClientBaseOptions &
  (
    | {
        /** Asked for a token of scope `https://ai.azure.com/.default`, sent as `Authorization: Bearer <token>`. */
        credential: TokenCredential;
        apiKey?: undefined;
      }
    | {
        /** Sent as the `api-key` header. */
        apiKey: string;
        credential?: undefined;
      }
  );

/**
 * A client for Azure AI Foundry's Agent Service (classic threads and runs): the same {@link AssistantsClient} as
 * {@link createAssistantsClient}'s, with Azure's transport. The paths go under the project `endpoint`
 * (`/threads/{id}/runs`, `/threads/runs`, `/threads/{id}/runs/{run}/submit_tool_outputs`), every URL carries
 * `?api-version=`, and no `OpenAI-Beta` header is sent.
 *
 * With a `credential`, every request carries `Authorization: Bearer <token>`, the token from
 * `credential.getToken('https://ai.azure.com/.default')`: reused while more than 2 minutes remain before its
 * `expiresOnTimestamp` (the Azure SDKs' refresh window), then asked again. A credential that throws, rejects or
 * returns `null` fails the stream with a `network_error` before anything is sent; its message names the scope and
 * the credential's error by kind (the error itself is the `cause`), never a token. With an `apiKey`, every request
 * carries it as the `api-key` header.
 *
 * Runs that use MCP tools may pause for approval (`submit_tool_approval`): answer with
 * `client.submitToolApprovals(...)`, or let {@link runWithTools} do it with its `approve` option.
 *
 * @example
 * ```ts
 * import { DefaultAzureCredential } from '@azure/identity';
 * import { createAzureAgentsClient, runWithTools, textDeltas } from 'rx-assistant-stream';
 *
 * const client = createAzureAgentsClient({
 *   endpoint: 'https://my-resource.services.ai.azure.com/api/projects/my-project',
 *   credential: new DefaultAzureCredential(),
 * });
 * runWithTools(client.createThreadAndRun({ assistant_id: 'asst_abc', thread: { messages: [{ role: 'user', content: 'Hi' }] } }), {
 *   client,
 *   handlers: {},
 *   approve: (call) => call.server_label === 'github',
 * })
 *   .pipe(textDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 *
 * @param options `endpoint` (required), `credential` or `apiKey`, `apiVersion` (default `'v1'`), `headers`, `fetch`,
 *   `signal`, and the decoding options of {@link assistantEvents}.
 * @returns The client: `createRun`, `createThreadAndRun`, `submitToolOutputs`, `submitToolApprovals`.
 */
export function createAzureAgentsClient(options: AzureAgentsClientOptions): AssistantsClient {
  const where = 'createAzureAgentsClient';
  checkClientOptions(where, options);
  const { endpoint, apiVersion = 'v1', credential, apiKey, headers, fetch, signal, ...decodeOptions } = options;
  checkRootURL(where, 'endpoint', endpoint, 'https://my-resource.services.ai.azure.com/api/projects/my-project');
  if (typeof apiVersion !== 'string' || apiVersion.trim() === '')
    throw new TypeError(`${where}: \`apiVersion\` must be a non-empty string such as 'v1'`);
  if ((credential === undefined) === (apiKey === undefined)) {
    throw new TypeError(
      `${where}: pass either \`credential\` (a TokenCredential such as DefaultAzureCredential) or \`apiKey\`${credential === undefined ? '' : ', not both'}`,
    );
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === ''))
    throw new TypeError(`${where}: \`apiKey\` must be a non-empty string`);
  if (
    credential !== undefined &&
    (typeof credential !== 'object' || credential === null || typeof credential.getToken !== 'function')
  ) {
    throw new TypeError(
      `${where}: \`credential\` must have a \`getToken(scopes)\` method (the TokenCredential of @azure/identity)`,
    );
  }

  const base = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  const token = credential === undefined ? undefined : bearerTokens(credential, AZURE_AI_SCOPE, where);
  const defaults = (): Record<string, string> | Promise<Record<string, string>> => {
    if (token === undefined) return { ...base, 'api-key': apiKey as string };
    const current = token();
    return typeof current === 'string'
      ? { ...base, Authorization: `Bearer ${current}` }
      : current.then((t) => ({ ...base, Authorization: `Bearer ${t}` }));
  };
  const query = { 'api-version': apiVersion };
  return clientOver({
    origin: where,
    url: (path) => endpointURL(endpoint, path, query),
    headers: (requestHeaders) => withClientHeaders(where, defaults, headers, requestHeaders),
    fetch,
    signal,
    decodeOptions,
  });
}
