/**
 * Compile-time tests of the mock server's public types (`npm run typecheck` checks this file): a line under
 * `// @ts-expect-error` must not compile; `expectType<Equals<A, B>>(true)` compiles only when A and B are the same type.
 */
import type {
  CorsPolicy,
  MockDialect,
  MockEndpoint,
  MockRequest,
  MockScenario,
  MockServerOptions,
  MockToolApproval,
} from '../../src/node';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

export function mockServerTypes(request: MockRequest): void {
  expectType<Equals<CorsPolicy, boolean | '*'>>(true);
  expectType<Equals<MockDialect, 'openai' | 'azure'>>(true);
  expectType<Equals<MockRequest['dialect'], MockDialect>>(true);
  expectType<Equals<MockRequest['status'], number | undefined>>(true);
  expectType<Equals<MockRequest['bodyBytes'], number>>(true);
  expectType<Equals<MockEndpoint, 'createRun' | 'createThreadAndRun' | 'submitToolOutputs' | 'preflight' | 'other'>>(true);
  expectType<Equals<MockToolApproval, { tool_call_id: string; approve: boolean; headers?: Record<string, string> }>>(true);
  void request;

  const scenarios: MockScenario[] = [
    'azure-mcp',
    'azure-connected-agent',
    'azure-bing',
    {
      type: 'azure-mcp',
      calls: [{ id: 'c', name: 'n', serverLabel: 's', arguments: '{}' }],
      output: (call, approval) => `${call.name} ${approval.approve}`,
    },
    { type: 'azure-bing', query: 'q', citation: { url: 'https://example.com', title: 't' } },
  ];
  void scenarios;
  // @ts-expect-error an Azure scenario that does not exist
  const unknown: MockScenario = 'azure-openapi';
  // @ts-expect-error an MCP call needs its server's label
  const unlabeled: MockScenario = { type: 'azure-mcp', calls: [{ id: 'c', name: 'n', arguments: '{}' }] };

  const options: MockServerOptions[] = [
    { cors: '*' },
    { cors: false },
    { bearerToken: 'token' },
    { bearerToken: (token) => token.startsWith('ey') },
  ];
  void options;
  // @ts-expect-error CORS is true, false or '*', not a list of origins
  const origins: MockServerOptions = { cors: ['http://localhost:4200'] };
  // @ts-expect-error a token check returns a boolean
  const check: MockServerOptions = { bearerToken: (token: string) => token.length };
  void [unknown, unlabeled, origins, check];
}

it('is checked by the compiler (npm run typecheck)', () => {
  expect(typeof mockServerTypes).toBe('function');
});
