// Installs the Debian packages a benchmark compares against (vips, nginx, iipsrv, lighttpd,
// img2pdf) when their programs are missing, with apt-get as root or through sudo. Only the
// benchmarks use these tools, so `npm install` and `npm test` never pay for them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BenchLog } from './run.ts';

/** Installs the package of every `[program, package]` pair whose program is not there. */
export function ensureDebianTools(log: BenchLog, tools: readonly (readonly [program: string, pkg: string])[]): void {
  const pkgs = [...new Set(tools.filter(([program]) => !existsSync(program)).map(([, pkg]) => pkg))];
  if (pkgs.length === 0) return;
  log(`installing ${pkgs.join(', ')} with apt-get`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const all = [...sudo, ...args];
    const r = spawnSync(all[0]!, all.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
}
