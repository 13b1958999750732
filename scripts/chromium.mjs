// Which Chromium the browser tests drive, and with which flags.
//
//   1. $CHROMIUM_PATH, when set (it must exist: a wrong path is an error, not a silent fallback);
//   2. a system Chromium: /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable),
//      /snap/bin/chromium, or the first `chromium` / `chromium-browser` on $PATH;
//   3. otherwise the Linux build shipped by the `@sparticuz/chromium` dev dependency (from the npm registry, so
//      `npm ci` is all a fresh machine needs): extracted once into the OS temp directory (about 2 s, then reused),
//      launched with its own flags.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/** Flags for a system Chromium in a container: no sandbox (root), no GPU, no network chatter. */
const SYSTEM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
];

/**
 * Finds a Chromium to drive with playwright-core.
 * @returns {Promise<{ executablePath: string, args: string[], source: string }>} `source` says which one, for logs.
 */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, args: SYSTEM_ARGS, source: 'CHROMIUM_PATH' };
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => [join(dir, 'chromium'), join(dir, 'chromium-browser')]);
  const system = [...SYSTEM_PATHS, ...onPath].find((path) => existsSync(path));
  if (system) return { executablePath: system, args: SYSTEM_ARGS, source: 'system' };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `no Chromium found (${SYSTEM_PATHS.join(', ')}, $PATH), and @sparticuz/chromium only ships linux-x64; set CHROMIUM_PATH`,
    );
  }
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  const executablePath = await Sparticuz.executablePath();
  // Its flags minus the headless one: playwright-core passes its own.
  const args = Sparticuz.args.filter((arg) => !arg.startsWith('--headless'));
  return { executablePath, args: [...args, '--disable-quic', '--no-proxy-server'], source: '@sparticuz/chromium' };
}
