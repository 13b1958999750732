import fc from 'fast-check';
import { from, Subject, throwError } from 'rxjs';
import { assistantEvents } from '../../src/decode/assistant-events';
import { assistantEventsFromHttpEvents, httpTextChunks, type HttpEventLike } from '../../src/interop/angular-http';
import { fromSSE } from '../../src/sse/from-sse';
import { toSSE } from '../../src/testing/builders';
import { textRunEvents } from '../../src/testing/scenarios';
import { collect } from '../support/collect';
import { itBehavesLikeAnOperator, newScheduler } from '../support/operator-checklist';

// Angular's HttpEventType values, and events shaped like Angular's (only the fields the library reads, and some it does not).
const sent: HttpEventLike = { type: 0 };
const progress = (partialText: string): HttpEventLike & { loaded: number } => ({
  type: 3,
  partialText,
  loaded: partialText.length,
});
const headers = (contentType: string | null) => ({
  get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null),
});
const header = (contentType: string | null = 'text/event-stream; charset=utf-8'): HttpEventLike => ({
  type: 2,
  status: 200,
  headers: headers(contentType),
});
const response = (body: string | null, contentType: string | null = 'text/event-stream'): HttpEventLike => ({
  type: 4,
  status: 200,
  body,
  headers: headers(contentType),
});

/** Angular's events for a body received in the given pieces: Sent, ResponseHeader, one DownloadProgress per piece, Response. */
function angularEvents(pieces: string[]): HttpEventLike[] {
  const events: HttpEventLike[] = [sent, header()];
  let text = '';
  for (const piece of pieces) events.push(progress((text += piece)));
  events.push(response(text));
  return events;
}

describe('httpTextChunks', () => {
  describe('the operator checklist', () => {
    itBehavesLikeAnOperator(() => httpTextChunks(), {
      source: '-a-b-c-|',
      sourceValues: { a: progress('ev'), b: progress('event: x'), c: response('event: x\n\n') },
      expected: '-a-b-c-|',
      expectedValues: { a: 'ev', b: 'ent: x', c: '\n\n' },
    });
  });

  it('emits only the new suffix of each cumulative partialText, and the rest of the final body', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const events$ = cold('s-h-a-b-c-d-r|', {
        s: sent,
        h: header(),
        a: progress('dat'),
        b: progress('data: é'),
        c: progress('data: é'), // a progress event with nothing new (a `loaded` tick) emits nothing
        d: progress('data: é€\n'),
        r: response('data: é€\n\n'),
      });
      expectObservable(events$.pipe(httpTextChunks())).toBe('----a-b---d-r|', { a: 'dat', b: 'a: é', d: '€\n', r: '\n' });
    });
  });

  it('ignores events without text (Sent, UploadProgress, a progress event without partialText, User) and an empty final body', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const events$ = cold('a-b-c-d-e-f|', {
        a: sent,
        b: { type: 1 },
        c: { type: 3 },
        d: progress('x'),
        e: { type: 5 },
        f: response('x'),
      });
      expectObservable(events$.pipe(httpTextChunks())).toBe('------d----|', { d: 'x' });
      expectObservable(cold('a|', { a: response(null) }).pipe(httpTextChunks())).toBe('-|');
    });
  });

  it('gives the whole body when there were no progress events', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-r|', { r: response('data: 1\n\n') }).pipe(httpTextChunks())).toBe('-r|', { r: 'data: 1\n\n' });
    });
  });

  it('passes errors through untouched, after the text before them', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const failure = { name: 'HttpErrorResponse', status: 0 };
      expectObservable(cold('-a-#', { a: progress('data') }, failure).pipe(httpTextChunks())).toBe(
        '-a-#',
        { a: 'data' },
        failure,
      );
    });
  });

  it('errors with network_error when the cumulative text shrinks', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const events$ = cold('-a-b-c|', { a: progress('data: 12'), b: progress('data'), c: progress('data: 123') });
      const seen: unknown[] = [];
      events$.pipe(httpTextChunks()).subscribe({ next: (v) => seen.push(v), error: (e) => seen.push(e.code) });
      expectObservable(cold('|')).toBe('|');
      return () => expect(seen).toEqual(['data: 12', 'network_error']);
    });
  });

  it('feeds fromSSE the same events for any split of the body (fast-check)', async () => {
    const body = toSSE(textRunEvents('Grüße aus Köln, 漢字 und 😀.'));
    const expected = (await collect(fromSSE(body))).values;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(body.length), { maxLength: 30 }), async (offsets) => {
        const cuts = [...new Set([0, ...offsets, body.length])].sort((a, b) => a - b);
        const pieces = cuts.slice(1).map((end, i) => body.slice(cuts[i], end));
        const outcome = await collect(fromSSE(from(angularEvents(pieces)).pipe(httpTextChunks())));
        expect(outcome).toEqual({ values: expected, completed: true });
      }),
      { numRuns: 100 },
    );
  });
});

describe('assistantEventsFromHttpEvents', () => {
  const events = textRunEvents('Hello from Angular');
  const body = toSSE(events);

  it('decodes the events of a streamed run, each as soon as its text arrives', async () => {
    const subject = new Subject<HttpEventLike>();
    const seen: string[] = [];
    let completed = false;
    assistantEventsFromHttpEvents(subject).subscribe({ next: (e) => seen.push(e.event), complete: () => (completed = true) });
    subject.next(sent);
    subject.next(header());
    const firstFrameEnd = body.indexOf('\n\n') + 2;
    subject.next(progress(body.slice(0, firstFrameEnd - 1)));
    expect(seen).toEqual([]);
    subject.next(progress(body.slice(0, firstFrameEnd)));
    await Promise.resolve();
    expect(seen).toEqual(['thread.run.created']);
    subject.next(progress(body));
    subject.next(response(body));
    subject.complete();
    expect(seen).toEqual(events.map((e) => e.event));
    expect(completed).toBe(true);
  });

  it('equals assistantEvents over the same bytes, with the decoding options passed through', async () => {
    const viaAngular = await collect(
      assistantEventsFromHttpEvents(from(angularEvents([body.slice(0, 100), body.slice(100)])), { mode: 'strict' }),
    );
    expect(viaAngular).toEqual(await collect(assistantEvents(body, { mode: 'strict' })));
    const unknown = await collect(
      assistantEventsFromHttpEvents(from(angularEvents(['event: x.y\ndata: {}\n\n'])), { unknownEvents: 'error' }),
    );
    expect(unknown.error).toMatchObject({ code: 'unknown_event' });
  });

  it('turns an HttpErrorResponse into http_error with the status and the server error', async () => {
    const httpError = {
      name: 'HttpErrorResponse',
      status: 400,
      statusText: 'Bad Request',
      message: 'Http failure response for http://localhost/threads/t/runs: 400 Bad Request',
      error:
        '{"error":{"message":"Run creation requires a Thread with a user message or an assistant with instructions.","type":"invalid_request_error","param":null,"code":"invalid_thread"}}',
    };
    const { values, error } = await collect(assistantEventsFromHttpEvents(throwError(() => httpError)));
    expect(values).toEqual([]);
    expect(error).toMatchObject({
      code: 'http_error',
      status: 400,
      serverError: {
        message: 'Run creation requires a Thread with a user message or an assistant with instructions.',
        code: 'invalid_thread',
      },
      cause: httpError,
    });
    // With responseType 'json' or an interceptor, the body may come parsed.
    const parsed = await collect(
      assistantEventsFromHttpEvents(throwError(() => ({ ...httpError, status: 500, error: { error: { message: 'oops' } } }))),
    );
    expect(parsed.error).toMatchObject({ code: 'http_error', status: 500, serverError: { message: 'oops' } });
  });

  it('turns status 0 (a network failure) into network_error and lets other errors through', async () => {
    const offline = { name: 'HttpErrorResponse', status: 0, message: 'Http failure response: 0 Unknown Error', error: {} };
    expect((await collect(assistantEventsFromHttpEvents(throwError(() => offline)))).error).toMatchObject({
      code: 'network_error',
      cause: offline,
    });
    const other = new Error('interceptor failed');
    expect((await collect(assistantEventsFromHttpEvents(throwError(() => other)))).error).toMatchObject({
      code: 'network_error',
      cause: other,
    });
  });

  it('errors with http_error when a 2xx answer is not text/event-stream', async () => {
    const json = '{"id":"run_1","object":"thread.run"}';
    const { error } = await collect(
      assistantEventsFromHttpEvents(from([sent, header('application/json'), progress(json), response(json, 'application/json')])),
    );
    expect(error).toMatchObject({
      code: 'http_error',
      status: 200,
      message: 'expected a text/event-stream body, got application/json',
    });
    const noHeaderEvent = await collect(
      assistantEventsFromHttpEvents(from([progress(json), response(json, 'application/json')])),
    );
    expect(noHeaderEvent.error).toMatchObject({ code: 'http_error' });
  });

  it('unsubscribes from the HttpClient events (which cancels the request) when unsubscribed', () => {
    const subject = new Subject<HttpEventLike>();
    const subscription = assistantEventsFromHttpEvents(subject).subscribe();
    expect(subject.observed).toBe(true);
    subscription.unsubscribe();
    expect(subject.observed).toBe(false);
  });
});
