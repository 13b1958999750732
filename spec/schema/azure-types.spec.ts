/**
 * Compile-time tests of the Azure types (`npm run typecheck` checks this file): narrowing on `type` reaches each
 * Azure member. `expectType<Equals<A, B>>(true)` compiles only when A and B are the same type.
 */
import type {
  Annotation,
  AnnotationDelta,
  AssistantTool,
  ConnectedAgentToolCall,
  McpToolCall,
  RequiredAction,
  RequiredMcpToolCall,
  RunStepDetails,
  RunToolCall,
  ToolCall,
  ToolCallDelta,
  UrlCitationAnnotation,
  UrlCitationAnnotationDelta,
} from '../../src/schema';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

export function toolCallNarrowing(call: ToolCall, delta: ToolCallDelta): void {
  if (call.type === 'connected_agent') {
    expectType<Equals<typeof call.connected_agent.arguments, string>>(true);
    expectType<Equals<typeof call.connected_agent.name, string>>(true);
    expectType<Equals<typeof call.connected_agent.output, string | null | undefined>>(true);
    expectType<Equals<typeof call, ConnectedAgentToolCall>>(true);
  }
  if (call.type === 'mcp') {
    // MCP fields are flat on the call.
    expectType<Equals<typeof call, McpToolCall>>(true);
    expectType<Equals<typeof call.server_label, string>>(true);
    expectType<Equals<typeof call.arguments, string>>(true);
    expectType<Equals<typeof call.output, string | null | undefined>>(true);
    // @ts-expect-error an MCP call has no `mcp` payload key
    void call.mcp;
  }
  if (call.type === 'openapi') expectType<Equals<typeof call.function.arguments, string>>(true);
  if (call.type === 'bing_grounding') expectType<Equals<typeof call.bing_grounding.requesturl, string | null | undefined>>(true);
  if (call.type === 'azure_ai_search') expectType<Equals<typeof call.azure_ai_search.input, string | null | undefined>>(true);
  if (call.type === 'azure_function') expectType<Equals<typeof call.azure_function, unknown>>(true);
  switch (call.type) {
    case 'computer_use_preview':
    case 'deep_research':
    case 'fabric_dataagent':
    case 'sharepoint_grounding':
    case 'browser_automation':
      expectType<Equals<typeof call.id, string>>(true);
      break;
    // @ts-expect-error not a tool call type
    case 'bing_grounding_v2':
      break;
  }
  if (delta.type === 'connected_agent')
    expectType<Equals<NonNullable<typeof delta.connected_agent>['arguments'], string | undefined>>(true);
  if (delta.type === 'mcp') {
    expectType<Equals<typeof delta.index, number>>(true);
    expectType<Equals<typeof delta.arguments, string | undefined>>(true);
  }
}

export function requiredActionNarrowing(action: RequiredAction): void {
  // @ts-expect-error the action is a union: narrow on `type` first
  void action.submit_tool_outputs;
  if (action.type === 'submit_tool_approval') {
    expectType<Equals<(typeof action.submit_tool_approval.tool_calls)[number], RequiredMcpToolCall>>(true);
    expectType<Equals<RequiredMcpToolCall['server_label'], string>>(true);
  } else {
    expectType<Equals<typeof action.type, 'submit_tool_outputs'>>(true);
    expectType<Equals<(typeof action.submit_tool_outputs.tool_calls)[number], RunToolCall>>(true);
  }
}

export function annotationNarrowing(annotation: Annotation, delta: AnnotationDelta): void {
  if (annotation.type === 'url_citation') {
    expectType<Equals<typeof annotation, UrlCitationAnnotation>>(true);
    expectType<Equals<typeof annotation.url_citation.url, string>>(true);
    expectType<Equals<typeof annotation.url_citation.title, string | undefined>>(true);
  }
  if (delta.type === 'url_citation') {
    expectType<Equals<typeof delta, UrlCitationAnnotationDelta>>(true);
    expectType<Equals<NonNullable<typeof delta.url_citation>['url'], string | undefined>>(true);
  }
}

export function stepAndTools(details: RunStepDetails, tool: AssistantTool): void {
  if (details.type === 'activities') {
    const activity = details.activities[0]!;
    if (activity.type === 'mcp_list_tools') expectType<Equals<typeof activity.server_label, string>>(true);
  }
  if (tool.type === 'mcp') expectType<Equals<typeof tool.server_label, string>>(true);
  if (tool.type === 'connected_agent') expectType<Equals<typeof tool.connected_agent.id, string | undefined>>(true);
  if (tool.type === 'function') expectType<Equals<typeof tool.function.name, string>>(true);
}

describe('Azure schema types', () => {
  it('are checked by tsc (npm run typecheck), not at run time', () => {
    expect(typeof toolCallNarrowing).toBe('function');
  });
});
