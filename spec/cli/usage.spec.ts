import { cli } from './support';

describe('rx-assistant-stream usage', () => {
  it('prints the usage and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: rx-assistant-stream <command>/);
    expect(stderr).toMatch(/demo[\s\S]*replay[\s\S]*inspect[\s\S]*serve/);
  });

  it('prints the usage on stdout with --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: rx-assistant-stream <command>/);
  });

  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: '9.9.9-test\n', stderr: '' });
    expect((await cli(['-v'])).stdout).toBe('9.9.9-test\n');
  });

  it('rejects an unknown command or option with a message and the usage, exit 2', async () => {
    const command = await cli(['demonstrate']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^rx-assistant-stream: unknown command 'demonstrate'\n\nUsage:/);
    const option = await cli(['--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--colour'/);
  });

  it.each(['demo', 'replay', 'inspect', 'serve'])('%s --help prints the command usage, exit 0', async (name) => {
    const { code, stdout, stderr } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage: rx-assistant-stream ${name}`));
    expect((await cli(['help', name])).stdout).toBe(stdout);
    expect((await cli([name, '-h'])).stdout).toBe(stdout);
  });

  it.each([
    [['demo', '--nope'], /demo: unknown option '--nope'\n/],
    [['demo', '--speed'], /demo: option '--speed <value>' argument missing\n/],
    [['demo', '--speed', 'fast'], /demo: --speed must be a number >= 0.01 and <= 1000, got 'fast'/],
    [['demo', '--speed', '0'], /--speed must be a number/],
    [['demo', '--fast', '--speed', '2'], /--fast and --speed cannot be used together/],
    [['demo', 'extra'], /demo: unexpected argument 'extra'/],
    [['replay'], /replay: missing argument/],
    [['replay', 'a.sse', 'b.sse'], /replay: unexpected argument 'b.sse'/],
    [['replay', 'a.sse', '--json', '--text'], /--json and --text cannot be used together/],
    [['inspect', '--jsn', 'a.sse'], /inspect: unknown option '--jsn'\n/],
    [['serve', '--port', '70000'], /serve: --port must be an integer >= 0 and <= 65535, got '70000'/],
    [['serve', '--host', '0.0.0.0'], /serve: --host must be a loopback address/],
    [
      ['serve', '--scenario', 'chat'],
      /serve: --scenario must be one of text, tools, code, azure-mcp, azure-connected-agent, azure-bing, got 'chat'/,
    ],
    [['serve', '--scenario', 'text', '--transcript', 'x.sse'], /--scenario and --transcript cannot be used together/],
    [['serve', '--submit-transcript', 'x.sse'], /--submit-transcript needs --transcript/],
    [['serve', '--chunk-size', '0'], /--chunk-size must be an integer >= 1/],
  ])('%j is a usage error (exit 2, message, then the command usage)', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(new RegExp(`\\n\\nUsage: rx-assistant-stream ${(argv as string[])[0]}`));
  });

  it('reports an input that cannot be read with exit 1, not as a usage error', async () => {
    for (const command of ['replay', 'inspect']) {
      const { code, stderr } = await cli([command, 'no/such/file.sse']);
      expect(code).toBe(1);
      expect(stderr).toBe(`rx-assistant-stream ${command}: cannot read no/such/file.sse: no such file (ENOENT)\n`);
    }
  });
});
