// One autocannon load in a process of its own, for benchmarks that need two loads at once: a flood
// driven from the same event loop as the client being measured would slow that client itself, and
// what is measured is the server. Reads its job as JSON on stdin ({ url, paths, connections,
// seconds }; thousands of paths are too long for an argument), cycles through the paths, and
// prints the result (rate, counts, statuses, bytes received) as one JSON line on stdout.
import autocannon from 'autocannon';

interface Job {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const job = JSON.parse(input) as Job;
let i = 0;
const statuses: Record<string, number> = {};
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  timeout: 30,
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: job.paths[i++ % job.paths.length] ?? '/' }),
      onResponse: (status) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({ rps: result.requests.average, total: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts, bytes: result.throughput.total, statuses })}\n`,
);
