// The staging area: uploaded or dialog-chosen files get opaque ids; paths never come from the renderer.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface StagedFile {
  path: string;
  name: string;
  owned: boolean;
}

/** Keeps a file name readable but inert: no folders, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 200);
  return base || 'upload';
}

export class Staging {
  private readonly dir = mkdtempSync(join(tmpdir(), 'loupe-staging-'));
  private readonly files = new Map<string, StagedFile>();

  async stageStream(fileName: string, data: NodeJS.ReadableStream): Promise<string> {
    const id = randomBytes(16).toString('hex');
    const folder = join(this.dir, id);
    mkdirSync(folder);
    const name = safeFileName(fileName);
    const path = join(folder, name);
    await pipeline(data, createWriteStream(path, { flags: 'wx' }));
    this.files.set(id, { path, name, owned: true });
    return id;
  }

  stagePath(path: string): string {
    const id = randomBytes(16).toString('hex');
    this.files.set(id, { path, name: basename(path), owned: false });
    return id;
  }

  take(id: string): StagedFile | undefined {
    return this.files.get(id);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
