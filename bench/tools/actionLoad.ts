// Load generator for workflow actions: POST {base}/api/v1/documents/{id}/{action} for every
// document in the JSON file, `concurrency` at a time, with the given session cookie and CSRF
// token. Prints throughput and latency percentiles as JSON.
import fs from 'node:fs';
import http from 'node:http';

const [base, file, action, concurrencyArg] = process.argv.slice(2);
if (!base || !file || !action) throw new Error('usage: actionLoad BASE FILE ACTION [concurrency]');
const headers = JSON.parse(process.env.LOAD_HEADERS ?? '{}') as Record<string, string>;
const items = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string; version: number }>;
const concurrency = Number(concurrencyArg ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies: number[] = [];
const failures: Record<string, number> = {};
let next = 0;

function post(path: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${path}`, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function worker(): Promise<void> {
  while (next < items.length) {
    const item = items[next++]!;
    const t0 = process.hrtime.bigint();
    const status = await post(`/api/v1/documents/${item.id}/${action}`, JSON.stringify({ version: item.version }));
    if (status === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    else failures[status] = (failures[status] ?? 0) + 1;
  }
}

const started = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
process.stdout.write(JSON.stringify({ ok: latencies.length, failures, seconds, per_second: latencies.length / seconds, p50_ms: pct(50), p99_ms: pct(99) }));
agent.destroy();
