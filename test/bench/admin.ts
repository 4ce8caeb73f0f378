// Benchmark of the curators' workspace's accounts part: what a session costs a signed-in page (its
// lookup and last-use write in the admin database, per request) against the same layout sent to
// an anonymous reader (the sign-in page), and how long signing in takes (one argon2id verification,
// by design tens of milliseconds) while the server serves nothing else.
import autocannon from 'autocannon';
import { makeAccount, postSignIn, signIn, startAdminServer } from '../support/admin.ts';
import type { BenchFigure, BenchLog } from './run.ts';

const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 8;
const SIGN_INS = 40;
const SIGN_IN_GOAL_MS = 250;

async function rps(url: string, cookie?: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...(cookie ? { headers: { cookie } } : {}) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function run(log: BenchLog): Promise<BenchFigure[]> {
  const site = await startAdminServer({ ADMIN_SIGNIN_PER_ACCOUNT: '1000', ADMIN_SIGNIN_PER_ADDRESS: '100000' });
  try {
    const password = 'a benchmark password of some length';
    await makeAccount(site, 'bench', 'curator', password);
    const session = await signIn(site.baseUrl, 'bench', password);
    const signedIn: number[] = [];
    const anonymous: number[] = [];
    // Alternating rounds, so a change in the machine's load falls on both alike.
    for (let r = 0; r < ROUNDS; r++) {
      signedIn.push(await rps(`${site.baseUrl}/admin`, session.cookie));
      anonymous.push(await rps(`${site.baseUrl}/admin/sign-in`));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    log(`signed-in dashboard ${mean(signedIn).toFixed(0)} req/s, anonymous sign-in page ${mean(anonymous).toFixed(0)} req/s`);

    const times: number[] = [];
    for (let i = 0; i < SIGN_INS; i++) {
      const started = performance.now();
      const res = await postSignIn(site.baseUrl, 'bench', password);
      times.push(performance.now() - started);
      if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
    const median = times[Math.floor(times.length / 2)] ?? 0;
    log(`sign-in median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    return [
      {
        part: 'admin',
        name: 'signed-in page throughput, with / without a session',
        ratio: mean(signedIn) / mean(anonymous),
        goal: '>= 0.7',
        detail: `dashboard with a session ${mean(signedIn).toFixed(0)} req/s; sign-in page, same layout, no session ${mean(anonymous).toFixed(0)} req/s (${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each)`,
      },
      {
        part: 'admin',
        name: 'sign-in p95 (argon2id, form page and POST)',
        ratio: SIGN_IN_GOAL_MS / p95,
        goal: `p95 < ${SIGN_IN_GOAL_MS} ms (ratio = ${SIGN_IN_GOAL_MS} ms / p95, ≥ 1 meets it)`,
        detail: `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${SIGN_INS} sign-ins (19 MiB, 2 passes)`,
      },
    ];
  } finally {
    await site.close();
  }
}
