// Raw tus 1.0 requests for the upload tests, so that each step (create, send part, ask the offset,
// resume) and each refusal is visible, as a client on a bad line would produce them.
import { readFileSync } from 'node:fs';
import http from 'node:http';

/** A signed-in session (test/support/admin.ts signIn), or one whose CSRF token is forged or missing. */
export interface As {
  cookie: string;
  csrf: string | null;
}

export function headersFor(as: As | undefined): Record<string, string> {
  if (!as) return {};
  return { cookie: as.cookie, ...(as.csrf === null ? {} : { 'x-csrf-token': as.csrf }) };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export async function newBatch(base: string, as: As): Promise<string> {
  const r = await fetch(`${base}/admin/uploads/batches`, { method: 'POST', headers: headersFor(as) });
  if (r.status !== 201) throw new Error(`batch: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

export async function create(base: string, as: As | undefined, batch: string, relativePath: string, length: number): Promise<Response> {
  return fetch(`${base}/admin/uploads/files`, {
    method: 'POST',
    headers: {
      ...headersFor(as),
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(length),
      'Upload-Metadata': `batch ${b64(batch)},relativePath ${b64(relativePath)}`,
    },
  });
}

export async function patch(base: string, as: As | undefined, location: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(new URL(location, base), {
    method: 'PATCH',
    headers: { ...headersFor(as), 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: new Uint8Array(body),
  });
}

export async function offsetOf(base: string, as: As, location: string): Promise<number> {
  const r = await fetch(new URL(location, base), { method: 'HEAD', headers: { ...headersFor(as), 'Tus-Resumable': '1.0.0' } });
  if (r.status !== 200) throw new Error(`HEAD: ${r.status}`);
  return Number(r.headers.get('upload-offset'));
}

/** Sends `sent` bytes of a PATCH whose body is longer, then cuts the connection: a dropped line. */
export function patchCutOff(base: string, as: As, location: string, body: Buffer, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(new URL(location, base), {
      method: 'PATCH',
      headers: {
        ...headersFor(as),
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(body.subarray(0, sent), () => setTimeout(() => req.destroy(), 300));
  });
}

/** Uploads a whole file in one PATCH; returns the finishing response. */
export async function uploadFile(base: string, as: As, batch: string, relativePath: string, file: string | Buffer): Promise<Response> {
  const bytes = typeof file === 'string' ? readFileSync(file) : file;
  const created = await create(base, as, batch, relativePath, bytes.length);
  if (created.status !== 201) throw new Error(`create ${relativePath}: ${created.status} ${await created.text()}`);
  return patch(base, as, created.headers.get('location')!, 0, bytes);
}
