/**
 * Compile-time tests of the decoding options and errors: `npm run typecheck` (tsc) checks this file. A line under
 * `// @ts-expect-error` must not compile; `expectType<Equals<A, B>>(true)` compiles only when A and B are the same
 * type. The checks sit in functions that never run; one runtime test keeps jest from reporting an empty suite.
 */
import {
  AssistantStreamError,
  checkDecodeOptions,
  createEventValidator,
  type AssistantStreamEvent,
  type CheckedDecodeOptions,
  type DecodeOptions,
  type EventValidatorOptions,
  type SseMessage,
} from '../../src';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value: T): void => undefined;

export function decodeOptionTypes(): void {
  const _checked = checkDecodeOptions({ mode: 'strict' });
  expectType<Equals<typeof _checked, CheckedDecodeOptions>>(true);
  expectType<Equals<CheckedDecodeOptions['mode'], 'lenient' | 'strict'>>(true);
  expectType<Equals<CheckedDecodeOptions['onUnknownEvent'], ((message: SseMessage) => void) | undefined>>(true);
  // @ts-expect-error a mode that does not exist
  checkDecodeOptions({ mode: 'exact' });
  // @ts-expect-error unknownEvents takes 'skip' | 'error'
  const bad: DecodeOptions = { unknownEvents: 'warn' };
  void bad;

  const validate = createEventValidator({ mode: 'lenient', errorEvents: 'emit' });
  const _event = validate('thread.run.created', {});
  expectType<Equals<typeof _event, AssistantStreamEvent | undefined>>(true);
  createEventValidator('strict', 'error'); // the older positional form still compiles
  createEventValidator();
  const options: EventValidatorOptions = { errorEvents: 'error' };
  createEventValidator(options);
  // @ts-expect-error errorEvents takes 'error' | 'emit'
  createEventValidator({ errorEvents: 'throw' });

  const error = new AssistantStreamError('invalid_event', 'Invalid "x" event at data: expected string, got a number');
  const _json = error.toJSON();
  expectType<Equals<typeof _json, Record<string, unknown>>>(true);
  // @ts-expect-error the codes are a closed set
  new AssistantStreamError('oops', 'message');
}

describe('decoding option types', () => {
  it('are checked at compile time (tsc); at run time the checker agrees', () => {
    expect(checkDecodeOptions({ mode: 'strict' })).toEqual({
      mode: 'strict',
      unknownEvents: 'skip',
      onUnknownEvent: undefined,
      errorEvents: 'error',
    });
    expect(() => checkDecodeOptions({ mode: 'exact' } as never, 'myAdapter')).toThrow(
      "myAdapter: `mode` must be 'lenient' or 'strict', got exact",
    );
    expect(() => createEventValidator({ errorEvents: 'throw' } as never)).toThrow(TypeError);
    expect(createEventValidator('strict').knows('thread.run.created')).toBe(true);
  });
});
