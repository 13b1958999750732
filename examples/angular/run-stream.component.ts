// A standalone OnPush component that renders a run as it streams: the live answer, the run's status, a Stop button.
// See run-stream.service.ts for how the example is type-checked.
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { merge, tap, ignoreElements, type Subscription } from 'rxjs';
import { AssistantStreamError } from 'rx-assistant-stream';
import { RunStreamService } from './run-stream.service';

@Component({
  selector: 'app-run-stream',
  standalone: true,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button (click)="start('/api/runs')" [disabled]="streaming()">Ask</button>
    <button (click)="stop()" [disabled]="!streaming()">Stop</button>
    <p>Status: {{ status() }}</p>
    <p class="answer">{{ text() }}</p>
  `,
})
export class RunStreamComponent {
  private readonly runs = inject(RunStreamService);
  private subscription: Subscription | undefined;

  readonly text = signal('');
  readonly status = signal('idle');
  readonly streaming = signal(false);

  constructor() {
    // Leaving the page cancels the stream: the request is closed, no callback runs after.
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  start(url: string): void {
    this.subscription?.unsubscribe();
    this.text.set('');
    this.status.set('connecting');
    this.streaming.set(true);
    const view = this.runs.view(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
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
