// The contract over HTTP: POST /api/call/<name>, GET /api/events (SSE), POST /api/upload?name=.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isApiName } from '../contract/api';
import { serializeError, type Result } from '../contract/errors';
import type { EngineHost } from '../host/types';
import { BodyTooLargeError, ByteLimit, declaredLength, readBodyText } from './body';
import { errorResult, sendJson, sendStatus, writeHead } from './respond';

export const MAX_CALL_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
export const HEARTBEAT_MS = 15_000;

export interface ApiContext {
  host: EngineHost;
  maxUploadBytes: number;
  /** Open SSE responses, so close() can end them. */
  streams: Set<ServerResponse>;
}

function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  // Forms can only send text/plain, urlencoded or multipart without a preflight: refuse those.
  return type === undefined || /^application\/json\s*(;|$)/i.test(type);
}

export async function handleCall(ctx: ApiContext, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isApiName(name)) return sendStatus(res, 404);
  if (req.method !== 'POST') return sendStatus(res, 405);
  if (!isJsonContentType(req)) return sendJson(res, 415, errorResult('BAD_REQUEST', 'Content-Type must be application/json'));
  let payload: unknown;
  try {
    const text = await readBodyText(req, MAX_CALL_BODY_BYTES);
    payload = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return sendJson(res, 413, errorResult('BAD_REQUEST', err.message));
    return sendJson(res, 400, errorResult('BAD_REQUEST', 'Request body is not valid JSON'));
  }
  let result: Result<unknown>;
  try {
    result = await ctx.host.call(name, payload);
  } catch (err) {
    result = { ok: false, error: serializeError(err) };
  }
  sendJson(res, 200, result);
}

export function handleEvents(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') return sendStatus(res, 405);
  writeHead(res, 200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write(': connected\n\n');
  const unsubscribe = ctx.host.on((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  ctx.streams.add(res);
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
    ctx.streams.delete(res);
  };
  res.once('close', stop);
  req.once('close', stop);
}

const MAX_NAME_LENGTH = 255;

/** Basename only, no control or path characters, never '.'/'..'; null when nothing usable is left. */
export function sanitizeUploadName(raw: string | null): string | null {
  if (raw === null) return null;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  if (cleaned === '' || /^\.+$/.test(cleaned)) return null;
  return cleaned;
}

export async function handleUpload(ctx: ApiContext, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendStatus(res, 405);
  const name = sanitizeUploadName(query.get('name'));
  if (name === null) return sendJson(res, 400, errorResult('BAD_REQUEST', 'Upload needs a file name (?name=)'));
  const declared = declaredLength(req);
  if (declared !== undefined && declared > ctx.maxUploadBytes) {
    sendJson(res, 413, errorResult('BAD_INPUT', `File exceeds the ${ctx.maxUploadBytes}-byte upload limit`));
    req.resume();
    return;
  }
  const limit = new ByteLimit(ctx.maxUploadBytes);
  const piping = pipeline(req, limit);
  try {
    const [id] = await Promise.all([ctx.host.stageStream(name, limit), piping]);
    sendJson(res, 200, { ok: true, value: { id } });
  } catch (err) {
    piping.catch(() => undefined);
    limit.destroy();
    if (limit.exceeded) return sendJson(res, 413, errorResult('BAD_INPUT', `File exceeds the ${ctx.maxUploadBytes}-byte upload limit`));
    sendJson(res, 200, { ok: false, error: serializeError(err) });
  }
}
