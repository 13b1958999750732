// `npm run bench`: rx-assistant-stream against its peers, on three transcripts at three chunkings.
//
//   node bench/throughput.mjs [--json] [--quick] [--rounds=7] [--memory-mb=100]
//                             [--only=size,throughput,latency,idle,memory,concurrency] [--transcripts=messages,tools,captures]
//                             [--chunkings=frame,1k,64k] [--out=report.json]
//
// - throughput: the same bytes, side by side in this process, interleaved rounds, through rx-assistant-stream twice,
//   with full io-ts validation and an immutable snapshot per delta: (a) live, `assistantEvents` ->
//   `accumulateMessageDeltas` + `accumulateRunStepDeltas` on one subscription, every snapshot emitted, the last of
//   each message and step kept; (a') final, `assistantEvents` -> `collectRunResult()`, one result at the end (what
//   openai-node's finalMessages() and finalRunSteps() give); (b) openai-node 7.59's AssistantStream
//   (`client.beta.threads.runs.stream` with a custom fetch, to `finalMessages()` and `finalRunSteps()`), (c) the
//   floor (TextDecoder + eventsource-parser + JSON.parse). Transcripts: messages (the package's generator), tools
//   (bench/lib/tools-transcript.mjs), captures (../shared/fixtures/sse); chunkings: one chunk per SSE frame, 1 KiB,
//   64 KiB. Every contender's result is checked first.
// - latency (bench/latency.mjs): from the chunk holding an event's last byte to its decoded event and its snapshot.
// - idle (child process, bench/idle.mjs): live heap per idle open stream.
// - memory (child process, bench/memory.mjs): a long transcript through assistantEvents -> untilRunTerminal ->
//   textDeltas, heap sampled as it streams.
// - concurrency (child process, bench/concurrency.mjs): 1,000 simultaneous run streams from a loopback server.
// - size (child process, bench/size.mjs): a typical import and the whole main entry, minified + gzipped, rxjs external.
// Everything reads the built package (dist/, or BENCH_DIST), as users get it: `npm run bench` builds first.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { lib, testing, distFile } from './lib/dist.mjs';
import { runFloor, runOpenAI, runRx, runRxResult } from './lib/contenders.mjs';
import { CHUNKINGS, capturesTranscript, chunk, messagesTranscript, toolsTranscriptBytes } from './lib/transcripts.mjs';
import { verifyContenders } from './lib/verify.mjs';
import { measureLatency } from './latency.mjs';
import { TARGETS, judge } from './lib/targets.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const JSON_OUTPUT = flag('json');
const QUICK = flag('quick');
const ROUNDS = Number(option('rounds', QUICK ? 3 : 7));
const MEMORY_MB = Number(option('memory-mb', QUICK ? 40 : 100));
const ONLY = new Set(option('only', 'size,throughput,latency,idle,memory,concurrency').split(','));
const TRANSCRIPTS = option('transcripts', 'messages,tools,captures').split(',');
const CHUNKS = option('chunkings', CHUNKINGS.join(',')).split(',');
const log = (...parts) => {
  if (!JSON_OUTPUT) console.error(...parts);
};

/** A contender runs every stream of a transcript, one after the other (the captures are nine streams). */
const CONTENDERS = [
  { key: 'rx', name: 'rx-assistant-stream, live snapshots', run: (chunks) => runRx(lib, chunks) },
  { key: 'rxResult', name: 'rx-assistant-stream, collectRunResult', run: (chunks) => runRxResult(lib, chunks) },
  { key: 'openai', name: 'openai-node 7.59 AssistantStream', run: runOpenAI },
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

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timeRound(run, streams, reps) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < reps; i++) for (const chunks of streams) await run(chunks);
  const wall = (performance.now() - start) / 1000 / reps;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6 / reps };
}

/** One transcript at one chunking: checked, warmed up, then timed over interleaved rounds (median). */
async function measureCell(transcript, chunking) {
  const streams = transcript.streams.map((bytes) => chunk(bytes, chunking));
  const chunkCount = streams.reduce((n, s) => n + s.length, 0);
  log(
    `  ${transcript.label} @ ${chunking}: ${(transcript.bytes / 1e6).toFixed(2)} MB, ${transcript.events} events, ${chunkCount} chunks`,
  );
  const problems = await verifyContenders(lib, streams, transcript);
  if (problems.length > 0)
    throw new Error(`bench: a contender got ${transcript.label} @ ${chunking} wrong:\n${problems.slice(0, 10).join('\n')}`);
  // Warm up (~0.3 s each), and pick how many passes make one timed sample (at least ~0.15 s: timer noise does not matter).
  const reps = {};
  for (const c of CONTENDERS) {
    let t = 0;
    const until = performance.now() + 300;
    for (let i = 0; i < 2 || performance.now() < until; i++) t = (await timeRound(c.run, streams, 1)).wall;
    reps[c.key] = Math.max(1, Math.ceil(0.15 / t));
  }
  const samples = Object.fromEntries(CONTENDERS.map((c) => [c.key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // A different order each round, so no contender always runs right after the same one.
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]);
    for (const c of order) samples[c.key].push(await timeRound(c.run, streams, reps[c.key]));
  }
  const results = {};
  for (const c of CONTENDERS) {
    const wall = median(samples[c.key].map((s) => s.wall));
    const cpu = median(samples[c.key].map((s) => s.cpu));
    results[c.key] = {
      name: c.name,
      secondsPerPass: wall,
      cpuSecondsPerPass: cpu,
      bytesPerSecond: transcript.bytes / wall,
      eventsPerSecond: transcript.events / wall,
      bytesPerCpuSecond: transcript.bytes / cpu,
      passesPerSample: reps[c.key],
      rounds: ROUNDS,
    };
  }
  const { rx, rxResult, openai, floor } = results;
  return {
    transcript: transcript.label,
    chunking,
    bytes: transcript.bytes,
    events: transcript.events,
    chunks: chunkCount,
    streams: streams.length,
    results,
    rxVsFloor: rx.bytesPerSecond / floor.bytesPerSecond,
    rxVsFloorCpu: rx.bytesPerCpuSecond / floor.bytesPerCpuSecond,
    rxVsOpenai: rx.bytesPerSecond / openai.bytesPerSecond,
    rxVsOpenaiCpu: rx.bytesPerCpuSecond / openai.bytesPerCpuSecond,
    rxResultVsFloor: rxResult.bytesPerSecond / floor.bytesPerSecond,
    rxResultVsFloorCpu: rxResult.bytesPerCpuSecond / floor.bytesPerCpuSecond,
    rxResultVsOpenai: rxResult.bytesPerSecond / openai.bytesPerSecond,
    rxResultVsOpenaiCpu: rxResult.bytesPerCpuSecond / openai.bytesPerCpuSecond,
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
const rate = (perSecond, unit) =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} M${unit}/s` : `${(perSecond / 1e3).toFixed(0)} k${unit}/s`;
const x = (ratio) => (ratio === undefined ? '-' : `${ratio.toFixed(2)}x`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

function printReport(report) {
  const m = report.machine;
  const lines = [];
  lines.push(
    `rx-assistant-stream bench: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.platform}, Node ${m.node} (V8 ${m.v8})`,
  );
  lines.push(
    `load average at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd.join(' ')} (other processes share these cores: judge the ratios, measured side by side in one run)`,
  );
  if (report.throughput) {
    lines.push('');
    lines.push(
      'Throughput: bytes -> validated events -> last snapshot of every message and step (median wall clock of interleaved rounds; cpu = the same ratio on CPU time)',
    );
    lines.push(
      `${pad('transcript', 10)}${pad('chunks', 7)}${lpad('size', 8)}${lpad('events', 8)}  ${pad('contender', 40)}${lpad('MB/s', 7)}${lpad('events/s', 11)}${lpad('live vs it', 12)}${lpad('(cpu)', 8)}${lpad('result vs it', 14)}${lpad('(cpu)', 8)}`,
    );
    for (const t of report.throughput) {
      let first = true;
      for (const [key, r] of Object.entries(t.results)) {
        const head = first
          ? `${pad(t.transcript, 10)}${pad(t.chunking, 7)}${lpad(mb(t.bytes), 8)}${lpad(t.events, 8)}`
          : ' '.repeat(33);
        first = false;
        const vs =
          key === 'openai'
            ? [x(t.rxVsOpenai), x(t.rxVsOpenaiCpu), x(t.rxResultVsOpenai), x(t.rxResultVsOpenaiCpu)]
            : key === 'floor'
              ? [x(t.rxVsFloor), x(t.rxVsFloorCpu), x(t.rxResultVsFloor), x(t.rxResultVsFloorCpu)]
              : ['', '', '', ''];
        lines.push(
          `${head}  ${pad(r.name, 40)}${lpad((r.bytesPerSecond / 1e6).toFixed(1), 7)}${lpad(rate(r.eventsPerSecond, ''), 11)}${lpad(vs[0], 12)}${lpad(vs[1], 8)}${lpad(vs[2], 14)}${lpad(vs[3], 8)}`,
        );
      }
    }
  }
  if (report.latency) {
    lines.push('');
    lines.push(
      "Latency: one chunk per SSE frame; from the chunk holding an event's last byte (enqueued on the body) to the callback",
    );
    lines.push(
      `${pad('transcript', 10)}${pad('stage', 34)}${lpad('median', 10)}${lpad('p99', 10)}${lpad('vs floor (median)', 19)}`,
    );
    for (const l of report.latency) {
      for (const [stage, s] of Object.entries(l.stages)) {
        lines.push(
          `${pad(l.transcript, 10)}${pad(stage, 34)}${lpad(us(s.median), 10)}${lpad(us(s.p99), 10)}${lpad(stage.startsWith('floor') ? '' : x(s.median / l.stages['floor: JSON.parse done'].median), 19)}`,
        );
      }
    }
  }
  if (report.idle) {
    const r = report.idle;
    lines.push('');
    if (r.error) lines.push(`Idle streams: ${r.error}`);
    else {
      lines.push(
        `Idle open streams (${r.streams} at once, in-process fetch Responses, each after its first chunk; live heap after a full gc, per stream):`,
      );
      for (const v of r.variants) {
        lines.push(
          `  first chunk ${pad(v.firstChunk, 44)} rx ${lpad((v.rx / 1e3).toFixed(1), 6)} KB   floor ${lpad((v.floor / 1e3).toFixed(1), 6)} KB   the Response + reader alone ${lpad((v.transport / 1e3).toFixed(1), 6)} KB`,
        );
      }
    }
  }
  if (report.memory) {
    const r = report.memory;
    lines.push('');
    if (r.error) lines.push(`Memory: ${r.error}`);
    else {
      lines.push(
        `Memory: ${mb(r.transcriptBytes)} as one run through assistantEvents -> untilRunTerminal -> textDeltas (${r.events} events, text ${r.textCorrect ? 'correct' : 'WRONG'})`,
      );
      lines.push(
        `  live heap (after gc): ${mb(r.liveHeapEarly)} at 32 MB -> ${mb(r.liveHeapEnd)} at the end (growth ${(r.liveHeapGrowth / 1e6).toFixed(2)} MB, max ${mb(r.liveHeapMax)}); peak heapUsed ${mb(r.peakHeapUsed)}, peak RSS ${mb(r.peakRss)}; ${(r.bytesPerSecond / 1e6).toFixed(1)} MB/s with generation and sampling`,
      );
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
            (p.liveHeapPerOpenStream === undefined
              ? ''
              : `, live heap ${(p.liveHeapPerOpenStream / 1e3).toFixed(1)} KB per open stream (socket and undici included)`) +
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
      lines.push(
        'Size: rollup + node-resolve (io-ts, fp-ts, eventsource-parser bundled; rxjs external), terser, gzip -9 / brotli 11',
      );
      for (const b of s.bundles)
        lines.push(
          `  ${pad(b.name, 58)} ${lpad(kb(b.minified), 10)} minified ${lpad(kb(b.gzip), 9)} gzip ${lpad(kb(b.brotli), 9)} brotli`,
        );
      lines.push(
        `  whole main entry by part: ${Object.entries(s.parts)
          .map(([part, n]) => `${part} ~${kb(n)}`)
          .join(', ')} (gzip, each measured by leaving the others out)`,
      );
      if (s.libraryCodeAlone)
        lines.push(
          `  typical import, rx-assistant-stream code alone ~${kb(s.libraryCodeAlone.typical)} (no dependency bundled: the least it could weigh)`,
        );
    }
  }
  lines.push('');
  lines.push('Targets (issue 11):');
  for (const row of report.targets)
    lines.push(
      `  ${pad(row.what, 62)} ${pad(row.target, 10)} ${pad(row.measured, 36)} ${row.met === undefined ? 'not measured' : row.met ? 'met' : 'NOT MET'}`,
    );
  console.log(lines.join('\n'));
}

// ---- main ----

const report = { machine: machine(), options: { quick: QUICK, rounds: ROUNDS, memoryMB: MEMORY_MB, dist: distFile('') } };
const started = performance.now();
if (ONLY.has('size')) {
  log('size...');
  report.size = await child('./size.mjs', [], 180_000);
}
const builders = {
  messages: () => messagesTranscript(testing),
  tools: () => toolsTranscriptBytes(),
  captures: () => capturesTranscript(),
};
const transcripts = TRANSCRIPTS.map((name) => {
  if (!builders[name]) throw new Error(`bench: unknown transcript ${name}`);
  return builders[name]();
});
if (ONLY.has('throughput')) {
  log(`throughput (${ROUNDS} interleaved rounds per cell)...`);
  report.throughput = [];
  for (const transcript of transcripts)
    for (const chunking of CHUNKS) report.throughput.push(await measureCell(transcript, chunking));
}
if (ONLY.has('latency')) {
  log('latency...');
  report.latency = await measureLatency(
    lib,
    transcripts.filter((t) => t.label !== 'captures'),
    QUICK ? 1 : 3,
  );
}
if (ONLY.has('idle')) {
  log('idle streams...');
  report.idle = await child('./idle.mjs', [], 120_000);
}
if (ONLY.has('memory')) {
  log(`memory (${MEMORY_MB} MB)...`);
  report.memory = await child('./memory.mjs', [`--mb=${MEMORY_MB}`], 300_000);
}
if (ONLY.has('concurrency')) {
  log('concurrency...');
  report.concurrency = await child('./concurrency.mjs', [], 300_000);
}
report.machine.loadAverageAtEnd = os.loadavg().map((l) => +l.toFixed(2));
report.seconds = (performance.now() - started) / 1000;
report.targets = judge(report, TARGETS);
const OUT = option('out', undefined);
if (OUT) writeFileSync(OUT, JSON.stringify(report, null, 2));
if (JSON_OUTPUT) console.log(JSON.stringify(report, null, 2));
else {
  printReport(report);
  console.log(`\n(${report.seconds.toFixed(0)} s)`);
}
