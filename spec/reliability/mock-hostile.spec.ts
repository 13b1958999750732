/**
 * Issue 10, class 6 (the mock server under bad input): CORS for loopback origins only by default, a bounded request
 * log of summaries (not whole bodies), and a keep-alive socket that survives a 413.
 */
import { Agent, request as httpRequest } from 'node:http';
import { startMockServer, type MockServer } from '../../src/node/mock-server';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.configure({ scenario: 'text', cors: true }));

const run = (origin?: string) =>
  fetch(`${server.baseURL}/threads/thread_1/runs`, {
    method: 'POST',
    body: '{"stream":true}',
    headers: origin === undefined ? {} : { Origin: origin },
  });

describe('CORS', () => {
  it.each([
    'http://localhost:4200',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://[::1]:3000',
    'https://app.localhost:5173',
    'http://LOCALHOST:1',
  ])('answers the loopback origin %s with itself, by default', async (origin) => {
    const response = await run(origin);
    await response.text();
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each([
    'https://evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'null',
    'file://',
    'http://192.168.1.5:4200',
    'not a url',
  ])('sends no CORS headers to %s by default (answers and preflights)', async (origin) => {
    const response = await run(origin);
    await response.text();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.baseURL}/threads/thread_1/runs`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect([...preflight.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it("answers any origin with cors: '*' (opt-in)", async () => {
    server.configure({ cors: '*' });
    const response = await run('https://app.example.com');
    await response.text();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the request log', () => {
  it('keeps a body of up to 16 KiB, and only the size of a larger one', async () => {
    const small = { stream: true, assistant_id: 'asst_1', instructions: 'x'.repeat(1000) };
    await (await fetch(`${server.baseURL}/threads/thread_1/runs`, { method: 'POST', body: JSON.stringify(small) })).text();
    expect(server.requests.at(-1)).toMatchObject({ body: small, bodyBytes: JSON.stringify(small).length, status: 200 });
    const large = { stream: true, assistant_id: 'asst_1', instructions: 'x'.repeat(200_000) };
    await (await fetch(`${server.baseURL}/threads/thread_1/runs`, { method: 'POST', body: JSON.stringify(large) })).text();
    expect(server.requests.at(-1)).toMatchObject({ body: undefined, bodyBytes: JSON.stringify(large).length, status: 200 });
  });

  it('keeps the last 500 requests, oldest first', async () => {
    const first = server.requests.length === 0 ? 0 : server.requests[0]!.index;
    const before = server.requests.length;
    const total = 520 - before;
    for (let i = 0; i < total; i += 40) {
      await Promise.all(
        Array.from({ length: Math.min(40, total - i) }, () => fetch(`${server.url}/nowhere`).then((r) => r.text())),
      );
    }
    expect(server.requests.length).toBe(500);
    const indexes = server.requests.map((r) => r.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(indexes[0]).toBe(first + 20);
  });
});

describe('a body over the limit', () => {
  it('is answered 413 on the same keep-alive socket, which then serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; text: string; reused: boolean }>((resolve, reject) => {
        const req = httpRequest(
          `${server.baseURL}/threads/thread_1/runs`,
          { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const tooLarge = await send(JSON.stringify({ stream: true, instructions: 'x'.repeat(2 * 1024 * 1024) }));
      expect(tooLarge.status).toBe(413);
      expect(JSON.parse(tooLarge.text).error.message).toBe('The request body is too large.');
      expect(server.requests.at(-1)).toMatchObject({ status: 413, body: undefined, bodyBytes: expect.any(Number) });
      const next = await send('{"stream":true,"assistant_id":"asst_1"}');
      expect(next).toMatchObject({ status: 200, reused: true });
      expect(next.text).toMatch(/event: done\ndata: \[DONE\]\n\n$/);
    } finally {
      agent.destroy();
    }
  });
});
