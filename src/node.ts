// rx-assistant-stream/node: the Node-only pieces (node:http), kept out of the main entry so it runs in browsers.

export {
  startMockServer,
  type MockServer,
  type MockServerOptions,
  type MockRequest,
  type MockRequestEnd,
} from './node/mock-server';
export { type MockFailure } from './node/mock-failures';
export { type MockEndpoint, type MockDialect } from './node/mock-router';
export { type CorsPolicy } from './node/mock-transport';
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
export {
  type MockAzureMcpScenario,
  type MockAzureConnectedAgentScenario,
  type MockAzureBingScenario,
  type MockAzureScenarioName,
  type MockToolApproval,
} from './node/mock-azure-scenarios';
