import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assistantEvents } from '../../src';
import { collect } from '../support/collect';
const DIR = join(__dirname, '../../../shared/fixtures/sse');
it('scratch', async () => {
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.sse')).sort()) {
    const text = readFileSync(join(DIR, f), 'utf8');
    for (const mode of ['lenient', 'strict'] as const) {
      const o = await collect(assistantEvents(text, { mode }));
      const e = o.error as any;
      console.log(f, mode, o.values.length, o.completed, e && { code: e.code, event: e.event, path: e.path, expected: e.expected, message: e.message });
    }
  }
});
