// An Angular service that streams an Assistants run: a cold Observable per run, validated events in, the pieces a
// component renders out. Nothing starts before a subscription, and unsubscribing (the component going away, a new
// question, Stop) cancels the read and closes the request.
import { Injectable, InjectionToken } from '@angular/core';
import { defer, switchMap, share, filter, map, scan, type Observable } from 'rxjs';
import {
  assistantEvents,
  untilRunTerminal,
  textDeltas,
  isRunEvent,
  type AssistantStreamEvent,
  type Run,
} from 'rx-assistant-stream';

/** Where the component POSTs to start a run: your backend's endpoint that answers with a run stream. */
export const RUN_STREAM_URL = new InjectionToken<string>('RUN_STREAM_URL', { providedIn: 'root', factory: () => '/api/runs' });

/** What a component shows of a run in progress. */
export interface RunView {
  /** The answer so far. */
  text: Observable<string>;
  /** The run as its status changes: queued, in_progress, ..., completed. */
  run: Observable<Run>;
}

@Injectable({ providedIn: 'root' })
export class RunStreamService {
  /**
   * The validated events of one run, from any endpoint that answers with a run stream (Azure AI Agents'
   * `POST /threads/runs` with `stream: true` behind your backend, a self-hosted server, the local mock server).
   */
  events(url: string, init: RequestInit = {}): Observable<AssistantStreamEvent> {
    return defer(() => fetch(url, init)).pipe(
      switchMap((response) => assistantEvents(response)),
      untilRunTerminal(),
    );
  }

  /** The answer text (accumulated) and the run, sharing one request between them. */
  view(url: string, init: RequestInit = {}): RunView {
    const events = this.events(url, init).pipe(share());
    return {
      text: events.pipe(
        textDeltas(),
        scan((text, fragment) => text + fragment, ''),
      ),
      run: events.pipe(
        filter(isRunEvent),
        map((event) => event.data),
      ),
    };
  }
}
