// rx-assistant-stream/angular: Angular HttpClient progress events as stream events.
export { httpTextChunks, assistantEventsFromHttpEvents, type HttpEventLike } from '../interop/angular-http';
