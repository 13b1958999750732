// `npm run bench`: rx-assistant-stream against its peers, on generated spec-shaped transcripts.
//
//   node bench/throughput.mjs [--json] [--quick] [--huge-mb=300] [--only=throughput,memory,concurrency,size]
//
// - throughput: the same bytes, side by side in this process, through (a) rx-assistant-stream (`assistantEvents`
//   -> `accumulateMessageDeltas`, full io-ts validation, to the final messages), (b) openai-node's AssistantStream
//   (`client.beta.threads.runs.stream` with a custom fetch, to `finalMessages()`), (c) the floor (TextDecoder +
//   eventsource-parser + JSON.parse). Small and medium transcripts are generated up front and timed over interleaved
//   rounds (median); the huge one is generated lazily, chunk by chunk, for each pass.
// - memory (child process): the huge transcript as one long run through assistantEvents -> untilRunTerminal ->
//   textDeltas, heap sampled as it streams (bench/memory.mjs).
// - concurrency (child process): 1,000 simultaneous run streams from a loopback server (bench/concurrency.mjs).
// - size: the main entry minified + gzipped with its dependencies, rxjs excluded (bench/size.mjs).
// Everything reads the built package (dist/), as users get it: `npm run bench` builds first.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { lib, testing, distFile } from './lib/dist.mjs';
import { responseOf, runFloor, runOpenAI, runRx } from './lib/contenders.mjs';

const { emptyStats, generateSSEBytes } = testing;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const JSON_OUTPUT = flag('json');
const QUICK = flag('quick');
const HUGE_MB = Number(option('huge-mb', QUICK ? 40 : 300));
const ONLY = new Set(option('only', 'size,throughput,memory,concurrency').split(','));
const log = (...parts) => {
  if (!JSON_OUTPUT) console.error(...parts);
};

const CONTENDERS = [
  { key: 'rx', name: 'rx-assistant-stream', run: (chunks) => runRx(lib, chunks) },
  { key: 'openai', name: 'openai-node AssistantStream', run: runOpenAI },
  { key: 'floor', name: 'floor: eventsource-parser + JSON.parse', run: runFloor },
];

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    loadAverageAtStart: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs every contender once on the transcript and checks what it rebuilt against what the generator made. */
async function verify(chunks, stats, expected) {
  const problems = [];
  const texts = (messages) => new Map(messages.map((m) => [m.id, m.content.map((part) => part.text?.value ?? '').join('')]));
  const check = (name, got) => {
    if (got.size !== expected.size) problems.push(`${name}: ${got.size} messages, expected ${expected.size}`);
    for (const [id, text] of expected) if (got.get(id) !== text) problems.push(`${name}: wrong text for ${id}`);
  };
  // rx: the last snapshot accumulated from deltas (before the server's completed object replaces it) must already
  // hold the whole text.
  const accumulated = new Map();
  await new Promise((resolve, reject) =>
    lib
      .assistantEvents(responseOf(chunks))
      .pipe(lib.accumulateMessageDeltas())
      .subscribe({
        next: (m) => {
          if (m.status === 'in_progress') accumulated.set(m.id, m);
        },
        error: reject,
        complete: resolve,
      }),
  );
  check('rx-assistant-stream (accumulated from deltas)', texts([...accumulated.values()]));
  check('rx-assistant-stream (final)', texts(await runRx(lib, chunks)));
  check('openai-node', texts(await runOpenAI(chunks)));
  const floor = await runFloor(chunks);
  if (floor.events !== stats.events) problems.push(`floor: ${floor.events} events, expected ${stats.events}`);
  return problems;
}

async function timeRound(run, chunks, reps) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < reps; i++) await run(chunks);
  const wall = (performance.now() - start) / 1000 / reps;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6 / reps };
}

async function inMemoryTranscript(label, targetSize, seed, rounds) {
  const stats = emptyStats();
  const expected = new Map();
  const chunks = [...generateSSEBytes({ targetSize, seed, onMessage: (id, text) => expected.set(id, text) }, stats)];
  log(`  ${label}: ${(stats.size / 1e6).toFixed(2)} MB, ${stats.events} events: verifying, warming up...`);
  const problems = await verify(chunks, stats, expected);
  if (problems.length > 0) throw new Error(`bench: a contender got the transcript wrong:\n${problems.slice(0, 10).join('\n')}`);
  // Warm up (half a second each, so the JIT has settled), and pick how many passes make one timed sample (at least
  // ~0.2 s, so timer noise does not matter).
  const reps = {};
  for (const c of CONTENDERS) {
    let t = 0;
    const until = performance.now() + 500;
    for (let i = 0; i < 3 || performance.now() < until; i++) t = (await timeRound(c.run, chunks, 1)).wall;
    reps[c.key] = Math.max(1, Math.ceil(0.2 / t));
  }
  const samples = Object.fromEntries(CONTENDERS.map((c) => [c.key, []]));
  for (let round = 0; round < rounds; round++) {
    // A different order each round, so no contender always runs right after the same one.
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]);
    for (const c of order) samples[c.key].push(await timeRound(c.run, chunks, reps[c.key]));
  }
  const results = {};
  for (const c of CONTENDERS) {
    const wall = median(samples[c.key].map((s) => s.wall));
    const cpu = median(samples[c.key].map((s) => s.cpu));
    results[c.key] = {
      name: c.name,
      secondsPerPass: wall,
      cpuSecondsPerPass: cpu,
      bytesPerSecond: stats.size / wall,
      eventsPerSecond: stats.events / wall,
      bytesPerCpuSecond: stats.size / cpu,
      passesPerSample: reps[c.key],
      rounds,
    };
  }
  return { label, bytes: stats.size, events: stats.events, messages: stats.messages, messageDeltas: stats.messageDeltas, results, ...ratios(results) };
}

function ratios(results) {
  const rx = results.rx;
  const out = {};
  if (results.openai) {
    out.rxVsOpenai = rx.bytesPerSecond / results.openai.bytesPerSecond;
    out.rxVsOpenaiCpu = rx.bytesPerCpuSecond / results.openai.bytesPerCpuSecond;
  }
  out.rxVsFloor = rx.bytesPerSecond / results.floor.bytesPerSecond;
  out.rxVsFloorCpu = rx.bytesPerCpuSecond / results.floor.bytesPerCpuSecond;
  return out;
}

/** The huge transcript, generated lazily for each pass (the generator's own time is measured alone too). */
async function hugeTranscript(megabytes) {
  const options = { targetSize: megabytes * 1_000_000, seed: 3, singleRun: true };
  log(`  huge: ${megabytes} MB generated chunk by chunk for each pass (openai-node skipped: it keeps every event)...`);
  const timeLazy = async (run) => {
    const stats = emptyStats();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const outcome = await run(generateSSEBytes(options, stats));
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return { stats, wall, cpu: (used.user + used.system) / 1e6, outcome };
  };
  const generator = await timeLazy(async (chunks) => {
    let n = 0;
    for (const chunk of chunks) n += chunk.length;
    return n;
  });
  const results = {};
  let stats;
  for (const c of CONTENDERS.filter((c) => c.key !== 'openai')) {
    const measured = await timeLazy(c.run);
    stats = measured.stats;
    if (c.key === 'rx' && measured.outcome.length !== stats.messages) throw new Error(`bench: rx rebuilt ${measured.outcome.length} of ${stats.messages} messages`);
    if (c.key === 'floor' && measured.outcome.events !== stats.events) throw new Error('bench: the floor saw the wrong number of events');
    results[c.key] = {
      name: c.name,
      secondsPerPass: measured.wall,
      cpuSecondsPerPass: measured.cpu,
      bytesPerSecond: stats.size / measured.wall,
      eventsPerSecond: stats.events / measured.wall,
      bytesPerCpuSecond: stats.size / measured.cpu,
      // Without the generator's own time (measured alone, same transcript): what the pipeline itself costs.
      bytesPerSecondNetOfGenerator: stats.size / Math.max(1e-9, measured.wall - generator.wall),
      passesPerSample: 1,
      rounds: 1,
    };
  }
  return {
    label: 'huge (streamed)',
    bytes: stats.size,
    events: stats.events,
    messages: stats.messages,
    messageDeltas: stats.messageDeltas,
    generatorSeconds: generator.wall,
    generatorBytesPerSecond: stats.size / generator.wall,
    results,
    ...ratios(results),
    rxVsFloorNetOfGenerator: results.rx.bytesPerSecondNetOfGenerator / results.floor.bytesPerSecondNetOfGenerator,
  };
}

function child(script, args, timeoutMs) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL(script, import.meta.url)), '--json', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop();
      try {
        resolve(code === 0 ? JSON.parse(last) : { error: `${script} exited with ${code}` });
      } catch {
        resolve({ error: `${script} printed no result` });
      }
    });
  });
}

// ---- report ----

const mb = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB` : `${(bytes / 1e3).toFixed(0)} KB`);
const rate = (perSecond, unit) => (perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} M${unit}/s` : `${(perSecond / 1e3).toFixed(0)} k${unit}/s`);
const x = (ratio) => (ratio === undefined ? '-' : `${ratio.toFixed(2)}x`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function printReport(report) {
  const m = report.machine;
  const lines = [];
  lines.push(`rx-assistant-stream bench: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.platform}, Node ${m.node} (V8 ${m.v8})`);
  lines.push(`load average at start: ${m.loadAverageAtStart.join(' ')} (other processes share these cores: wall-clock numbers move with it)`);
  if (report.throughput) {
    lines.push('');
    lines.push('Throughput: bytes -> events -> final messages (same bytes for all; median wall clock; cpu = same ratio on CPU time)');
    lines.push(
      `${pad('transcript', 17)}${lpad('size', 8)}${lpad('events', 10)}  ${pad('contender', 40)}${lpad('MB/s', 8)}${lpad('events/s', 12)}${lpad('rx vs it', 10)}${lpad('(cpu)', 8)}`,
    );
    for (const t of report.throughput) {
      let first = true;
      for (const [key, r] of Object.entries(t.results)) {
        const head = first ? `${pad(t.label, 17)}${lpad(mb(t.bytes), 8)}${lpad(t.events, 10)}` : ' '.repeat(35);
        first = false;
        const vs = key === 'rx' ? ['', ''] : key === 'openai' ? [x(t.rxVsOpenai), x(t.rxVsOpenaiCpu)] : [x(t.rxVsFloor), x(t.rxVsFloorCpu)];
        lines.push(`${head}  ${pad(r.name, 40)}${lpad((r.bytesPerSecond / 1e6).toFixed(1), 8)}${lpad(rate(r.eventsPerSecond, ''), 12)}${lpad(vs[0], 10)}${lpad(vs[1], 8)}`);
      }
      if (t.generatorSeconds !== undefined) {
        lines.push(
          `${' '.repeat(35)}  ${pad('(the generator alone)', 40)}${lpad((t.generatorBytesPerSecond / 1e6).toFixed(1), 8)}${' '.repeat(12)}   net of generator: rx vs floor ${x(t.rxVsFloorNetOfGenerator)}`,
        );
      }
    }
    const measured = report.throughput.filter((t) => t.rxVsOpenai !== undefined);
    const worstOpenai = Math.min(...measured.map((t) => t.rxVsOpenai));
    const worstFloor = Math.min(...report.throughput.map((t) => t.rxVsFloor));
    lines.push(
      `targets: >= 2x openai-node: ${worstOpenai >= 2 ? 'met' : 'MISSED'} (worst ${x(worstOpenai)}); >= 0.5x the floor: ${worstFloor >= 0.5 ? 'met' : 'MISSED'} (worst ${x(worstFloor)})`,
    );
  }
  if (report.memory) {
    const r = report.memory;
    lines.push('');
    if (r.error) lines.push(`Memory: ${r.error}`);
    else {
      lines.push(`Memory: ${mb(r.transcriptBytes)} as one run through assistantEvents -> untilRunTerminal -> textDeltas (${r.events} events, text ${r.textCorrect ? 'correct' : 'WRONG'})`);
      lines.push(
        `  live heap (after gc): ${mb(r.liveHeapEarly)} at 32 MB -> ${mb(r.liveHeapEnd)} at the end (growth ${(r.liveHeapGrowth / 1e6).toFixed(2)} MB, max ${mb(r.liveHeapMax)}); peak heapUsed ${mb(r.peakHeapUsed)}, peak RSS ${mb(r.peakRss)}; ${(r.bytesPerSecond / 1e6).toFixed(1)} MB/s with generation and sampling`,
      );
      lines.push(`  heap vs transcript: peak heapUsed is ${((100 * r.peakHeapUsed) / r.transcriptBytes).toFixed(2)}% of the transcript's size`);
    }
  }
  if (report.concurrency) {
    const c = report.concurrency;
    lines.push('');
    if (c.error) lines.push(`Concurrency: ${c.error}`);
    else {
      lines.push(
        `Concurrency: ${c.paced.streams} simultaneous run streams in one process (createAssistantsClient -> untilRunTerminal -> textDeltas), loopback HTTP from ${c.paced.server} in a child process; each stream ${mb(c.transcript.bytes)}, ${c.transcript.events} events`,
      );
      for (const p of [c.paced, c.unpaced]) {
        lines.push(
          `  ${pad(p.pacingMs ? `paced (${p.pacingMs} ms/frame)` : 'unpaced', 20)} ${p.completedWithCorrectText}/${p.streams} correct (${p.errors} errors, ${p.wrongText} wrong), at most ${p.peakServerOpen} open at once, ${p.seconds.toFixed(2)} s, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s, ${rate(p.eventsPerSecond, ' events')}, client CPU ${p.cpuSeconds.toFixed(1)} s` +
            (p.liveHeapPerOpenStream === undefined ? '' : `, live heap ${(p.liveHeapPerOpenStream / 1e3).toFixed(1)} KB per open stream`) +
            `, peak heapUsed +${mb(p.peakHeapGrowth)}, peak RSS +${mb(p.peakRssGrowth)}`,
        );
      }
    }
  }
  if (report.size) {
    const s = report.size;
    lines.push('');
    if (s.error) lines.push(`Size: ${s.error}`);
    else {
      const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
      lines.push(`Size: main entry with io-ts, fp-ts, eventsource-parser, rxjs external: ${kb(s.minified)} minified, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`);
      lines.push(`  ${Object.entries(s.parts).map(([part, n]) => `${part} ~${kb(n)}`).join(', ')} (gzip, each measured by leaving the others out)`);
    }
  }
  console.log(lines.join('\n'));
}

// ---- main ----

const report = { machine: machine(), options: { quick: QUICK, hugeMB: HUGE_MB, dist: distFile('') } };
if (ONLY.has('size')) {
  log('size...');
  report.size = await child('./size.mjs', [], 120_000);
}
if (ONLY.has('throughput')) {
  log('throughput...');
  report.throughput = [
    await inMemoryTranscript('small', 100_000, 1, QUICK ? 5 : 11),
    await inMemoryTranscript('medium', 5_000_000, 2, QUICK ? 5 : 9),
    await hugeTranscript(HUGE_MB),
  ];
}
if (ONLY.has('memory')) {
  log(`memory (${HUGE_MB} MB)...`);
  report.memory = await child('./memory.mjs', [`--mb=${HUGE_MB}`], 600_000);
}
if (ONLY.has('concurrency')) {
  log('concurrency...');
  report.concurrency = await child('./concurrency.mjs', [], 300_000);
}
report.machine.loadAverageAtEnd = os.loadavg().map((l) => +l.toFixed(2));
if (JSON_OUTPUT) console.log(JSON.stringify(report, null, 2));
else printReport(report);
