// POST /api/upload?case=1&name=X.loupe: a whole case file uploaded in browser mode, staged under loupeHome()/cases.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { serializeError } from '../contract/errors';
import { sanitizeUploadName } from './apiRoutes';
import { ByteLimit, declaredLength } from './body';
import { errorResult, sendJson, sendStatus } from './respond';

/** The part of the case session the route needs (host/cases.ts implements it). */
export interface CaseStager {
  stageCase(fileName: string, data: NodeJS.ReadableStream): Promise<string>;
}

/** Answers `{ ok: true, value: { id } }` with the recent-case id to pass to `cases/open`. */
export async function handleCaseUpload(stager: CaseStager | undefined, maxBytes: number, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendStatus(res, 405);
  if (!stager) {
    req.resume();
    return sendJson(res, 400, errorResult('BAD_REQUEST', 'This server cannot open other cases'));
  }
  const name = sanitizeUploadName(query.get('name'));
  if (name === null || !/\.loupe$/i.test(name)) {
    req.resume();
    return sendJson(res, 400, errorResult('BAD_REQUEST', 'A case upload needs a .loupe file name (?name=)'));
  }
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBytes) {
    req.resume();
    return sendJson(res, 413, errorResult('BAD_INPUT', `File exceeds the ${maxBytes}-byte upload limit`));
  }
  const limit = new ByteLimit(maxBytes);
  const piping = pipeline(req, limit);
  try {
    const [id] = await Promise.all([stager.stageCase(name, limit), piping]);
    sendJson(res, 200, { ok: true, value: { id } });
  } catch (err) {
    piping.catch(() => undefined);
    limit.destroy();
    if (limit.exceeded) return sendJson(res, 413, errorResult('BAD_INPUT', `File exceeds the ${maxBytes}-byte upload limit`));
    sendJson(res, 200, { ok: false, error: serializeError(err) });
  }
}
