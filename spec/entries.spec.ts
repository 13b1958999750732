/** The entries by audience (DESIGN "Entries"): what each one exports at run time. */
import * as main from '../src/index';
import * as angular from '../src/entries/angular';
import * as openai from '../src/entries/openai';
import * as schema from '../src/entries/schema';
import * as barrel from '../src/schema';

const MAX_MAIN_RUNTIME_VALUES = 45;
const runtimeNames = (entry: object) =>
  Object.keys(entry)
    .filter((key) => key !== '__esModule')
    .sort();

describe('package entries', () => {
  it(`the main entry exports at most ${MAX_MAIN_RUNTIME_VALUES} runtime values`, () => {
    const names = runtimeNames(main);
    expect(names.length).toBeGreaterThan(20);
    expect(names.length).toBeLessThanOrEqual(MAX_MAIN_RUNTIME_VALUES);
  });

  it('the main entry has sources, decoding, operators, accumulation, the error, the clients, the tool loop and the event names', () => {
    expect(runtimeNames(main)).toEqual(
      expect.arrayContaining([
        'fromSSE',
        'assistantEvents',
        'decodeAssistantEvents',
        'ofEventType',
        'untilRunTerminal',
        'textDeltas',
        'accumulateMessageDeltas',
        'applyMessageDelta',
        'AssistantStreamError',
        'createAssistantsClient',
        'createAzureAgentsClient',
        'runWithTools',
        'RUN_EVENT_NAMES',
      ]),
    );
  });

  it('codec values and their plumbing are in /schema only: the main entry has none', () => {
    for (const name of ['Run', 'Message', 'AssistantStreamEvent', 'getCodecs', 'buildCodecs', 'lenientCodecs', 'eventData']) {
      expect(name in main).toBe(false);
      expect(name in schema).toBe(true);
    }
    expect(runtimeNames(schema)).toEqual(runtimeNames(barrel));
    expect(schema.Run.is({})).toBe(false);
    expect(schema.getCodecs('lenient').Run).toBe(schema.eventData['thread.run.created']);
  });

  it('the adapters are in /angular and /openai', () => {
    expect(runtimeNames(angular)).toEqual(['assistantEventsFromHttpEvents', 'httpTextChunks']);
    expect(runtimeNames(openai)).toEqual(['fromOpenAIStream']);
    for (const name of ['httpTextChunks', 'assistantEventsFromHttpEvents', 'fromOpenAIStream']) expect(name in main).toBe(false);
  });
});
