// The app: the run-stream component, zoneless (no zone.js), bootstrapped standalone. The run endpoint comes from
// the page's `?api=` parameter (the browser test passes the mock server's), else your backend's `/api/runs`.
import { bootstrapApplication } from '@angular/platform-browser';
import { provideZonelessChangeDetection } from '@angular/core';
import { RunStreamComponent } from './run-stream.component';
import { RUN_STREAM_URL } from './run-stream.service';

const api = new URLSearchParams(location.search).get('api');

bootstrapApplication(RunStreamComponent, {
  providers: [provideZonelessChangeDetection(), ...(api ? [{ provide: RUN_STREAM_URL, useValue: api }] : [])],
}).catch((error: unknown) => console.error(error));
