// A small HTTP load generator run as its own process (so its timing is not disturbed by the
// server under test): GET `url` with `concurrency` keep-alive connections for `seconds`,
// print latency percentiles as JSON on stdout. Extra request headers: LOAD_HEADERS (JSON).
import http from 'node:http';

const [url, concurrencyArg, secondsArg] = process.argv.slice(2);
if (!url) throw new Error('usage: httpLoad URL [concurrency] [seconds]');
const concurrency = Number(concurrencyArg ?? 8);
const seconds = Number(secondsArg ?? 5);
const headers: Record<string, string> = process.env.LOAD_HEADERS ? JSON.parse(process.env.LOAD_HEADERS) : {};
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies: number[] = [];
let errors = 0;
const deadline = Date.now() + seconds * 1000;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get(url!, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        else errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function worker(): Promise<void> {
  while (Date.now() < deadline) await once();
}

await Promise.all(Array.from({ length: concurrency }, worker));
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
process.stdout.write(JSON.stringify({ requests: latencies.length, errors, p50_ms: pct(50), p99_ms: pct(99), max_ms: latencies[latencies.length - 1] ?? NaN }));
agent.destroy();
