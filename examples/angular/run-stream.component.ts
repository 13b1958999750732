// A standalone OnPush component (signals, zoneless-ready) that renders a run as it streams: the live answer, the
// run's status, a Stop button. Built AOT and run in Chromium by scripts/browser-test.mjs against the mock server.
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { merge, tap, ignoreElements, type Subscription } from 'rxjs';
import { AssistantStreamError } from 'rx-assistant-stream';
import { RUN_STREAM_URL, RunStreamService } from './run-stream.service';

@Component({
  selector: 'app-run-stream',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button id="ask" (click)="start()" [disabled]="streaming()">Ask</button>
    <button id="stop" (click)="stop()" [disabled]="!streaming()">Stop</button>
    <p>
      Status: <span id="status">{{ status() }}</span>
    </p>
    <p id="answer">{{ text() }}</p>
  `,
})
export class RunStreamComponent {
  private readonly runs = inject(RunStreamService);
  private readonly url = inject(RUN_STREAM_URL);
  private subscription: Subscription | undefined;

  readonly text = signal('');
  readonly status = signal('idle');
  readonly streaming = signal(false);

  constructor() {
    // Leaving the page cancels the stream: the request is closed, no callback runs after.
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  start(): void {
    this.subscription?.unsubscribe();
    this.text.set('');
    this.status.set('connecting');
    this.streaming.set(true);
    const view = this.runs.view(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_example', stream: true }),
    });
    this.subscription = merge(
      view.text.pipe(tap((text) => this.text.set(text))),
      view.run.pipe(tap((run) => this.status.set(run.status))),
    )
      .pipe(ignoreElements())
      .subscribe({
        error: (error: unknown) => {
          this.status.set(error instanceof AssistantStreamError ? `${error.code}: ${error.message}` : String(error));
          this.streaming.set(false);
        },
        complete: () => this.streaming.set(false),
      });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.streaming.set(false);
    this.status.set('stopped');
  }
}
