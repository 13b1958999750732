// rx-assistant-stream/node: the Node-only pieces (node:http), kept out of the main entry so it runs in browsers.

export {
  startMockServer,
  type MockServer,
  type MockServerOptions,
  type MockFailure,
  type MockRequest,
  type MockRequestEnd,
  type MockEndpoint,
} from './node/mock-server';
export {
  DEFAULT_MOCK_TEXT,
  type MockScenario,
  type MockTextScenario,
  type MockToolsScenario,
  type MockCodeScenario,
  type MockTranscriptScenario,
  type MockTranscriptSource,
  type MockToolOutput,
} from './node/mock-scenarios';
