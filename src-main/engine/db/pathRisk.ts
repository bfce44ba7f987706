// Where a case file lives (local disk, network share, cloud-sync folder, removable drive): SQLite's WAL needs local disk.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';

export type StorageKind = 'local' | 'network' | 'cloud-sync' | 'removable';

export interface PathRisk {
  kind: StorageKind;
  reason: string;
}

export interface ClassifyOptions {
  /** Defaults to process.platform; decides path syntax (win32 vs POSIX) and where the mount table comes from. */
  platform?: NodeJS.Platform;
  /** Base for relative paths; defaults to process.cwd(). */
  cwd?: string;
  /** Mount table text (`/proc/self/mounts` or macOS `mount` output); null = none; undefined = read it now. */
  mountTable?: string | null;
}

interface Mount {
  device: string;
  point: string;
  type: string;
}

/** File-system types whose files live on another machine (SQLite's locking and WAL shared memory are unreliable there). */
const NETWORK_FS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'afpfs', 'webdav', 'davfs', 'fuse.davfs', 'fuse.davfs2', '9p', 'afs', 'ceph',
  'fuse.ceph', 'glusterfs', 'fuse.glusterfs', 'fuse.sshfs', 'sshfs', 'fuse.rclone', 'fuse.s3fs', 's3fs', 'fuse.gcsfuse', 'lustre',
  'gpfs', 'beegfs', 'ncpfs', 'coda', 'fuse.juicefs', 'virtiofs',
]);
/** Removable media are typically formatted with these; only counted when mounted under a removable-media folder. */
const REMOVABLE_FS = new Set(['vfat', 'msdos', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'hfs', 'udf', 'iso9660']);
const REMOVABLE_ROOTS = ['/media/', '/run/media/'];

/** Undoes the octal escapes of /proc/self/mounts (`\040` space, `\011` tab, `\012` newline, `\134` backslash). */
export function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses Linux `/proc/self/mounts` lines and macOS `mount` lines (`dev on /point (type, opts)`); junk lines are skipped. */
export function parseMountTable(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const mac = /^(.+) on (\/.*) \(([^,()]+)[,)]/.exec(line);
    if (mac) {
      out.push({ device: mac[1]!, point: mac[2]!, type: mac[3]!.trim().toLowerCase() });
      continue;
    }
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || !f[1]!.startsWith('/')) continue;
    out.push({ device: unescapeMountField(f[0]!), point: unescapeMountField(f[1]!), type: f[2]!.toLowerCase() });
  }
  return out;
}

/** The mount that holds `abs`: the longest mount point that is `abs` itself or one of its parent folders. */
export function mountFor(abs: string, mounts: readonly Mount[]): Mount | null {
  let best: Mount | null = null;
  for (const m of mounts) {
    const point = m.point.length > 1 ? m.point.replace(/\/+$/, '') : m.point;
    const inside = point === '/' || abs === point || abs.startsWith(point + '/');
    if (inside && (!best || point.length >= best.point.replace(/\/+$/, '').length)) best = m;
  }
  return best;
}

/** The live mount table of this machine, or null when it cannot be read (the classifier then judges by path alone). */
export function readMountTable(platform: NodeJS.Platform = process.platform): string | null {
  try {
    if (platform === 'linux' || platform === 'android') return readFileSync('/proc/self/mounts', 'utf8');
    if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') {
      return execFileSync('/sbin/mount', [], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    }
  } catch {
    /* unreadable (sandbox, container without /proc): fall through */
  }
  return null;
}

type SegmentRule = { test: (seg: string) => boolean; name: string };
const CLOUD_SEGMENTS: SegmentRule[] = [
  // "OneDrive", "OneDrive - Contoso" (Windows business), "OneDrive-Personal" (macOS CloudStorage)
  { test: (s) => s === 'onedrive' || /^onedrive ?[-–] ?\S/.test(s), name: 'OneDrive' },
  // "Dropbox", "Dropbox (Contoso)", "Dropbox-Personal"
  { test: (s) => s === 'dropbox' || /^dropbox (\(.*\))$/.test(s) || s.startsWith('dropbox-'), name: 'Dropbox' },
  { test: (s) => s === 'google drive' || s === 'googledrive' || s.startsWith('googledrive-') || s === 'my drive', name: 'Google Drive' },
  { test: (s) => s === 'icloud drive' || s === 'iclouddrive' || s === 'com~apple~clouddocs', name: 'iCloud Drive' },
  { test: (s) => s === 'box' || s === 'box sync' || s === 'box-box', name: 'Box' },
  { test: (s) => s === 'pcloud' || s === 'pcloud drive' || s === 'pclouddrive', name: 'pCloud' },
  { test: (s) => s === 'nextcloud', name: 'Nextcloud' },
  { test: (s) => s === 'owncloud', name: 'ownCloud' },
];

/** A cloud-sync client's folder among the path's parent folders (the file name itself is not judged). */
function cloudFolder(segments: string[]): string | null {
  const folders = segments.slice(0, -1).map((s) => s.toLowerCase());
  for (let i = 0; i < folders.length; i++) {
    const s = folders[i]!;
    if (s === 'library' && folders[i + 1] === 'mobile documents') return 'iCloud Drive ("Library/Mobile Documents")';
    if (s === 'library' && folders[i + 1] === 'cloudstorage' && folders[i + 2] !== undefined) return `a cloud provider ("Library/CloudStorage/${segments[i + 2]}")`;
    const rule = CLOUD_SEGMENTS.find((r) => r.test(s));
    if (rule) return `${rule.name} ("${segments[i]}")`;
  }
  return null;
}

const UNC_LONG = /^[\\/]{2}\?[\\/]UNC[\\/]([^\\/]+)[\\/]([^\\/]+)/i;
const UNC = /^[\\/]{2}([^\\/?.][^\\/]*)[\\/]([^\\/]+)/;

function uncShare(p: string): string | null {
  const long = UNC_LONG.exec(p);
  if (long) return `\\\\${long[1]}\\${long[2]}`;
  // \\?\C:\ and \\.\C:\ are local device paths, not shares
  if (/^[\\/]{2}[?.][\\/]/.test(p)) return null;
  const m = UNC.exec(p);
  return m ? `\\\\${m[1]}\\${m[2]}` : null;
}

/**
 * Classifies where a case file lives. Judged from the path text and the mount table only (no file is opened);
 * on Windows a drive letter mapped to a share (`net use Z: \\server\share`) looks local and cannot be told apart.
 */
export function classifyCasePath(path: string, opts: ClassifyOptions = {}): PathRisk {
  const platform = opts.platform ?? process.platform;
  const windows = platform === 'win32';
  // UNC and `//server/share` before resolving: POSIX resolve() would fold `//server` into `/server`.
  const share = uncShare(path);
  if (share) return { kind: 'network', reason: `network share ${share} (UNC path)` };
  const lib = windows ? win32 : posix;
  const abs = lib.resolve(opts.cwd ?? process.cwd(), path);
  const absShare = uncShare(abs);
  if (absShare) return { kind: 'network', reason: `network share ${absShare} (UNC path)` };
  const segments = abs.split(windows ? /[\\/]+/ : /\/+/).filter((s) => s.length > 0);

  if (!windows) {
    const table = opts.mountTable === undefined ? readMountTable(platform) : opts.mountTable;
    const mount = table ? mountFor(abs, parseMountTable(table)) : null;
    if (mount && (NETWORK_FS.has(mount.type) || mount.type.startsWith('nfs') || mount.type.startsWith('smb'))) {
      return { kind: 'network', reason: `${mount.type} network mount at ${mount.point} (${mount.device})` };
    }
    const cloud = cloudFolder(segments);
    if (cloud) return { kind: 'cloud-sync', reason: `inside a cloud-sync folder: ${cloud}` };
    if (mount && REMOVABLE_FS.has(mount.type) && (REMOVABLE_ROOTS.some((r) => mount.point.startsWith(r)) || mount.point.startsWith('/Volumes/'))) {
      return { kind: 'removable', reason: `${mount.type} removable drive at ${mount.point}` };
    }
    return { kind: 'local', reason: mount ? `local ${mount.type} file system at ${mount.point}` : 'local path (mount table not available)' };
  }
  const cloud = cloudFolder(segments);
  if (cloud) return { kind: 'cloud-sync', reason: `inside a cloud-sync folder: ${cloud}` };
  return { kind: 'local', reason: 'local drive path (a drive letter mapped to a network share cannot be told from the path)' };
}

const KIND_WORDS: Record<Exclude<StorageKind, 'local'>, string> = {
  network: 'case on a network share',
  'cloud-sync': 'case in a cloud-sync folder',
  removable: 'case on a removable drive',
};

/** The one-line warning the CLI prints and the UI banner shows; null for a local case. */
export function storageWarning(path: string, risk: PathRisk): string | null {
  if (risk.kind === 'local') return null;
  return `${KIND_WORDS[risk.kind]} (${risk.reason}): ${path}: SQLite WAL needs local disk; copy it locally with \`loupe backup CASE --to DIR\` (or Save as… in the app) and work on the local copy`;
}
