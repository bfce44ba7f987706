// Test helpers for the browser-mode server: a fake EngineHost and a raw HTTP client that sends paths verbatim.
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import type { EventListener, EngineHost } from '../../../src-main/host/types';
import type { ApiName } from '../../../src-main/contract/api';
import type { Result } from '../../../src-main/contract/errors';

export interface FakeHost extends EngineHost {
  calls: Array<{ name: string; req: unknown }>;
  staged: Array<{ name: string; bytes: Buffer }>;
  listeners: Set<EventListener>;
  emit: EventListener;
}

export function fakeHost(): FakeHost {
  const listeners = new Set<EventListener>();
  const host: FakeHost = {
    calls: [],
    staged: [],
    listeners,
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload);
    },
    async call<K extends ApiName>(name: K, req: unknown) {
      host.calls.push({ name, req });
      return { ok: true, value: { echo: name, req } } as unknown as Result<never>;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stageStream(name: string, data: NodeJS.ReadableStream) {
      const chunks: Buffer[] = [];
      for await (const c of data as Readable) chunks.push(Buffer.from(c as Buffer));
      host.staged.push({ name, bytes: Buffer.concat(chunks) });
      return 'a'.repeat(32);
    },
    stagePath: () => 'b'.repeat(32),
    close: async () => undefined,
  };
  return host;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers }, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
