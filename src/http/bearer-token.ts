import { describeError, describeValue, noTokenError } from '../errors';

/**
 * A token as a credential returns it: the `@azure/identity` `AccessToken` shape (structural: no dependency on that
 * package).
 *
 * @example
 * ```ts
 * import type { AccessToken } from 'rx-assistant-stream';
 *
 * const token: AccessToken = { token: 'eyJ0eXAiOi…', expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
 * ```
 */
export interface AccessToken {
  /** The bearer token. */
  token: string;
  /** When it expires, in milliseconds since the epoch. */
  expiresOnTimestamp: number;
  /** When the credential advises asking for a new one, in milliseconds since the epoch (newer `@azure/identity`). */
  refreshAfterTimestamp?: number;
}

/**
 * What gives Microsoft Entra ID tokens: the `@azure/identity` `TokenCredential` shape, so `DefaultAzureCredential`,
 * `ManagedIdentityCredential`, `AzureCliCredential` or your own object fit (structural: no dependency on that
 * package).
 *
 * @example
 * ```ts
 * import { createAzureAgentsClient, type TokenCredential } from 'rx-assistant-stream';
 *
 * // A token minted by your own service (a test double has the same shape).
 * const credential: TokenCredential = {
 *   getToken: async () => {
 *     const res = await fetch('https://tokens.internal.example/ai', { method: 'POST' });
 *     const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
 *     return { token: access_token, expiresOnTimestamp: Date.now() + expires_in * 1000 };
 *   },
 * };
 * const client = createAzureAgentsClient({ endpoint: process.env.AZURE_AI_PROJECT_ENDPOINT!, credential });
 * ```
 */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: object): PromiseLike<AccessToken | null> | AccessToken | null;
}

/** The Azure SDKs' refresh window: a token is reused until less than this remains before it expires. */
export const TOKEN_REFRESH_WINDOW_MS = 2 * 60 * 1000;

/**
 * The current token of a credential, for one request after another: the last token while more than
 * {@link TOKEN_REFRESH_WINDOW_MS} remain before its `expiresOnTimestamp` (and its `refreshAfterTimestamp`, if any,
 * has not passed), synchronously; otherwise a new one asked of the credential (one request at a time: concurrent
 * requests share it). A credential that throws, rejects or returns no token rejects with a `network_error` that
 * names the scope and what the credential did, never a token or the credential's own message (it stays in `cause`).
 */
export function bearerTokens(credential: TokenCredential, scope: string, origin: string): () => string | Promise<string> {
  let current: AccessToken | undefined;
  let asking: Promise<AccessToken> | undefined;
  const fail = (what: string, cause?: unknown) => noTokenError(origin, scope, what, cause);

  const ask = async (): Promise<AccessToken> => {
    let answer: unknown;
    try {
      answer = await credential.getToken(scope);
    } catch (error) {
      throw fail(describeError(error), error);
    }
    if (answer === null || answer === undefined) throw fail(`returned ${answer === null ? 'null' : 'undefined'}`);
    const { token } = answer as Partial<AccessToken>;
    if (typeof token !== 'string' || token === '') {
      throw fail(
        `returned ${typeof answer === 'object' ? 'an object without a token (a non-empty string `token`)' : describeValue(answer)}`,
      );
    }
    return answer as AccessToken;
  };

  return () => {
    if (current !== undefined && isFresh(current, Date.now())) return current.token;
    asking ??= ask().then(
      (token) => {
        asking = undefined;
        current = token;
        return token;
      },
      (error: unknown) => {
        asking = undefined;
        throw error;
      },
    );
    return asking.then((token) => token.token);
  };
}

/** Whether a token may still be used without asking again. A token without a valid expiry is used once only. */
function isFresh(token: AccessToken, now: number): boolean {
  const { expiresOnTimestamp, refreshAfterTimestamp } = token;
  if (typeof expiresOnTimestamp !== 'number' || !Number.isFinite(expiresOnTimestamp)) return false;
  if (typeof refreshAfterTimestamp === 'number' && now >= refreshAfterTimestamp) return false;
  return now < expiresOnTimestamp - TOKEN_REFRESH_WINDOW_MS;
}
