// Serves the built renderer (GET/HEAD) from the static root through the shared path resolver.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, locateStaticFile } from './staticPath';
import { sendStatus, writeHead } from './respond';

export async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse, extra: Record<string, string>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405);
  const file = await locateStaticFile(root, pathname);
  if (file === null) return sendStatus(res, 404);
  const info = await stat(file);
  writeHead(res, 200, { ...extra, 'Content-Type': contentTypeFor(file), 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
