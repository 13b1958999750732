// Fetches a run stream, renders the answer as it streams in and the run's status, and stops on demand:
// unsubscribing cancels the body read, which closes the request.
import { assistantEvents, untilRunTerminal, textDeltas, isRunEvent } from 'rx-assistant-stream';
import { connect, defer, filter, ignoreElements, merge, switchMap, tap } from 'rxjs';

const $ = (id) => document.getElementById(id);
const [form, url, start, stop, status, run, answer] = ['form', 'url', 'start', 'stop', 'status', 'run', 'answer'].map($);

// The stream this page reads; the query string of the page (e.g. ?delay=20) is passed on to the server.
url.value = `run-stream${location.search}`;

let subscription = null;

function setState(state, text = state) {
  document.body.dataset.state = state;
  status.textContent = text;
  start.disabled = state === 'streaming';
  stop.disabled = state !== 'streaming';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  subscription?.unsubscribe();
  answer.textContent = '';
  run.textContent = '';
  setState('streaming', 'connecting');

  subscription = defer(() => fetch(url.value, { headers: { accept: 'text/event-stream' } }))
    .pipe(
      switchMap((response) => assistantEvents(response)),
      untilRunTerminal(),
      // One read of the body, two views of it: the text as it streams, the run as its status changes.
      connect((events) =>
        merge(
          events.pipe(
            textDeltas(),
            tap((text) => answer.append(text)),
            ignoreElements(),
          ),
          events.pipe(
            filter(isRunEvent),
            tap(({ data }) => {
              status.textContent = data.status;
              run.textContent = `(${data.id}${data.usage ? `, ${data.usage.total_tokens} tokens` : ''})`;
            }),
          ),
        ),
      ),
    )
    .subscribe({
      error: (error) => setState('error', `${error.code ?? 'error'}: ${error.message}`),
      complete: () => setState('done', status.textContent),
    });
});

stop.addEventListener('click', () => {
  subscription?.unsubscribe();
  subscription = null;
  setState('stopped');
});
