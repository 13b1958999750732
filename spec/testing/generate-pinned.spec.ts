/**
 * The generated transcripts are pinned byte for byte: the bench compares runs over time on them, so a refactor of the
 * generator (prng, vocabulary, step builders) must not change a single byte. A deliberate change updates these hashes
 * and says so in the bench README.
 */
import { createHash } from 'node:crypto';
import { emptyStats, generateEvents, generateSSE, generateSSEBytes } from '../../src/testing';

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const PINNED = [
  {
    size: 1000,
    seed: 1,
    singleRun: false,
    lineEnding: '\n',
    text: '779c6b7be0c99e18ce36bb8a19edd9ffc9b354eea7e2d78946999b36997e19b9',
    bytes: '779c6b7be0c99e18ce36bb8a19edd9ffc9b354eea7e2d78946999b36997e19b9',
    messages: 'cdcc9338b096151fad5c4e2a52fbddecf51c7841085bad56b46442f3b43aad21',
    stats: { size: 11517, events: 28, runs: 1, steps: 1, messages: 1, messageDeltas: 18, stepDeltas: 0, textLength: 68 },
    byteSize: 11525,
  },
  {
    size: 50_000,
    seed: 42,
    singleRun: true,
    lineEnding: '\r\n',
    text: '4eb875230fb3b8ee711a3e4bb36a8a6475f3c392c80c0f923a6e43a16cb53047',
    bytes: 'ea66c2468567d62d8c07df7c1807bf0bda4aa493309174e48ce220f1a7977925',
    messages: 'a8b79ffad6483830b6201f7334846e68ddedc1d7bdfdf5e33fb5b9fcc9ab6243',
    stats: { size: 105088, events: 462, runs: 1, steps: 5, messages: 2, messageDeltas: 366, stepDeltas: 68, textLength: 1451 },
    byteSize: 103805,
  },
  {
    size: 200_000,
    seed: 7,
    singleRun: false,
    lineEnding: '\n',
    text: '1a520f77fb7e1a7b20ecbbca43baa2c6fbe60ae67ec87ebe234ad6605d7a5dd0',
    bytes: '1a520f77fb7e1a7b20ecbbca43baa2c6fbe60ae67ec87ebe234ad6605d7a5dd0',
    messages: '14c0f7d75608085479fa038ae1473021b7d09abc42660bb062e7e49965d5d2f3',
    stats: { size: 213321, events: 971, runs: 3, steps: 9, messages: 7, messageDeltas: 882, stepDeltas: 23, textLength: 3480 },
    byteSize: 213720,
  },
  {
    size: 2_000_000,
    seed: 3,
    singleRun: true,
    lineEnding: '\n',
    text: '6fefcc1c1bf12963040a143a74e4a9437cd13f10a26e6342ce8679aef559507a',
    bytes: '6fefcc1c1bf12963040a143a74e4a9437cd13f10a26e6342ce8679aef559507a',
    messages: '1b3f6f19e037443567a4aa0806352614d1c9e123e34892e6b66966dce4c39877',
    stats: {
      size: 2011997,
      events: 9836,
      runs: 1,
      steps: 95,
      messages: 68,
      messageDeltas: 8874,
      stepDeltas: 439,
      textLength: 35329,
    },
    byteSize: 2015636,
  },
  {
    size: 20_000,
    seed: 5,
    singleRun: false,
    lineEnding: '\r',
    text: '982ea07163eee3c16638d162a186e283e18c371a008bc962e3a166892d61ef98',
    bytes: '1812d8fd65d6073ef114b52890b5386749804cdeb9d9ea7b3ef12eb167a4a55d',
    messages: '68a7a59c4d4f472a0683d38d4fa7905c71f36d2249c788e66d50e02ee3981741',
    stats: { size: 22276, events: 66, runs: 1, steps: 2, messages: 1, messageDeltas: 12, stepDeltas: 41, textLength: 56 },
    byteSize: 22276,
  },
] as const;

describe('generated transcripts (pinned: the bench depends on them)', () => {
  it.each(PINNED)('targetSize $size, seed $seed, singleRun $singleRun: the same SSE text, bytes, stats and messages', (pin) => {
    const { size: targetSize, seed, singleRun, lineEnding } = pin;
    const stats = emptyStats();
    const text = [...generateSSE({ targetSize, seed, singleRun, lineEnding, chunkSize: 1024 }, stats)].join('');
    expect(sha(text)).toBe(pin.text);
    expect(stats).toEqual(pin.stats);
    expect(stats.size).toBe(text.length);

    const byteStats = emptyStats();
    const bytes = Buffer.concat([...generateSSEBytes({ targetSize, seed, singleRun }, byteStats)]);
    expect(sha(bytes)).toBe(pin.bytes);
    expect(byteStats).toEqual({ ...pin.stats, size: pin.byteSize });
    expect(bytes.length).toBe(pin.byteSize);

    const messages: string[] = [];
    const events = [...generateEvents({ targetSize, seed, singleRun, onMessage: (id, value) => messages.push(id + value) })];
    expect(events.length).toBe(pin.stats.events);
    expect(sha(messages.join('|'))).toBe(pin.messages);
  });
});
