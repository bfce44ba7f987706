// The case-path classifier (SECURITY.md D-3): UNC forms, mount tables, cloud-sync folders, plain and relative local paths.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyCasePath, mountFor, parseMountTable, storageWarning, unescapeMountField } from '../../../src-main/engine/db/pathRisk';

const LINUX_MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  '/dev/nvme0n1p3 /home ext4 rw,relatime 0 0',
  'fileserver:/export/cases /mnt/cases nfs4 rw,relatime,vers=4.2 0 0',
  '//nas/evidence\\040share /mnt/evidence\\040share cifs rw,vers=3.1.1 0 0',
  '/dev/sdb1 /mnt/cases/local\\040scratch ext4 rw 0 0',
  'me@host:/srv /home/me/remote fuse.sshfs rw,nosuid 0 0',
  'remote: /home/me/rclone fuse.rclone rw 0 0',
  '/dev/sdc1 /media/me/USB\\040STICK vfat rw 0 0',
  'tmpfs /tmp tmpfs rw 0 0',
  'garbage',
  '',
].join('\n');

const MAC_MOUNTS = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)',
  '//analyst@nas._smb._tcp.local/Cases on /Volumes/Cases (smbfs, nodev, nosuid, mounted by analyst)',
  '/dev/disk4s1 on /Volumes/My Stick (msdos, local, nodev, nosuid, noowners)',
].join('\n');

const linux = (path: string, cwd = '/home/me') => classifyCasePath(path, { platform: 'linux', mountTable: LINUX_MOUNTS, cwd });
const win = (path: string, cwd = 'C:\\Users\\me') => classifyCasePath(path, { platform: 'win32', cwd });

describe('UNC and share paths', () => {
  it.each([
    ['\\\\server\\share\\cases\\a.loupe', '\\\\server\\share'],
    ['//server/share/cases/a.loupe', '\\\\server\\share'],
    ['\\\\?\\UNC\\fs01\\ir$\\a.loupe', '\\\\fs01\\ir$'],
    ['//?/unc/fs01/ir/a.loupe', '\\\\fs01\\ir'],
    ['\\\\10.0.0.5\\c$\\a.loupe', '\\\\10.0.0.5\\c$'],
  ])('%s is a network share on Windows and elsewhere', (p, share) => {
    for (const r of [win(p), linux(p)]) {
      expect(r.kind).toBe('network');
      expect(r.reason).toContain(share);
    }
  });

  it('device paths \\\\?\\C:\\ and \\\\.\\C:\\ are local drives, not shares', () => {
    expect(win('\\\\?\\C:\\cases\\a.loupe').kind).toBe('local');
    expect(win('\\\\.\\C:\\cases\\a.loupe').kind).toBe('local');
  });

  it('a Windows drive path is local, and says that a mapped drive cannot be told apart', () => {
    const r = win('Z:\\cases\\a.loupe');
    expect(r.kind).toBe('local');
    expect(r.reason).toMatch(/mapped/);
  });

  it('a relative path under a UNC working folder is resolved onto the share', () => {
    const r = win('cases\\a.loupe', '\\\\srv\\team');
    expect(r).toEqual({ kind: 'network', reason: expect.stringContaining('\\\\srv\\team') });
  });
});

describe('mount table', () => {
  it('undoes octal escapes', () => {
    expect(unescapeMountField('/mnt/a\\040b\\011c\\134d')).toBe('/mnt/a b\tc\\d');
    const mounts = parseMountTable(LINUX_MOUNTS);
    expect(mounts.map((m) => m.point)).toContain('/mnt/evidence share');
    expect(mounts.find((m) => m.point === '/mnt/evidence share')?.device).toBe('//nas/evidence share');
  });

  it('classifies network file systems, naming type, mount point and device', () => {
    expect(linux('/mnt/cases/2024/a.loupe')).toEqual({ kind: 'network', reason: 'nfs4 network mount at /mnt/cases (fileserver:/export/cases)' });
    const cifs = linux('/mnt/evidence share/x.loupe');
    expect(cifs.kind).toBe('network');
    expect(cifs.reason).toContain('cifs');
    expect(linux('/home/me/remote/a.loupe').reason).toContain('fuse.sshfs');
    expect(linux('/home/me/rclone/deep/a.loupe').kind).toBe('network');
  });

  it('the longest mount point wins: a local disk nested inside a network mount is local, and vice versa', () => {
    expect(linux('/mnt/cases/local scratch/a.loupe').kind).toBe('local');
    expect(linux('/mnt/cases/local scratchy/a.loupe').kind).toBe('network'); // a sibling name, not inside the nested mount
    expect(linux('/home/me/a.loupe').reason).toContain('/home');
  });

  it('a mount point matches whole folder names only', () => {
    expect(linux('/mnt/casesX/a.loupe').kind).toBe('local');
    expect(linux('/mnt/cases').kind).toBe('network');
  });

  it('relative paths are resolved against the working folder first', () => {
    expect(linux('a.loupe', '/mnt/cases/sub').kind).toBe('network');
    expect(linux('../../cases/a.loupe', '/mnt/evidence share/x').kind).toBe('network');
    expect(linux('../a.loupe', '/mnt/cases').kind).toBe('local');
  });

  it('removable media under /media are flagged; plain local disks are local', () => {
    expect(linux('/media/me/USB STICK/a.loupe').kind).toBe('removable');
    expect(linux('/tmp/a.loupe')).toEqual({ kind: 'local', reason: 'local tmpfs file system at /tmp' });
  });

  it('reads macOS `mount` output', () => {
    const mac = (p: string) => classifyCasePath(p, { platform: 'darwin', mountTable: MAC_MOUNTS, cwd: '/Users/me' });
    expect(mac('/Volumes/Cases/a.loupe')).toMatchObject({ kind: 'network', reason: expect.stringContaining('smbfs') });
    expect(mac('/Volumes/My Stick/a.loupe').kind).toBe('removable');
    expect(mac('/Users/me/a.loupe').kind).toBe('local');
  });

  it('without a mount table, paths are judged by their text alone', () => {
    expect(classifyCasePath('/mnt/cases/a.loupe', { platform: 'linux', mountTable: null }).kind).toBe('local');
  });

  it('property: the chosen mount is the longest one containing the path', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'a b', 'c');
    fc.assert(
      fc.property(fc.array(fc.array(seg, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), fc.array(seg, { minLength: 1, maxLength: 4 }), (points, file) => {
        const mounts = [{ device: 'root', point: '/', type: 'ext4' }, ...points.map((p, i) => ({ device: `d${i}`, point: '/' + p.join('/'), type: 'nfs' }))];
        const abs = '/' + file.join('/');
        const got = mountFor(abs, mounts);
        const containing = mounts.filter((m) => m.point === '/' || abs === m.point || abs.startsWith(m.point + '/'));
        const longest = Math.max(...containing.map((m) => (m.point === '/' ? 1 : m.point.length)));
        expect(got).not.toBeNull();
        expect(got!.point === '/' ? 1 : got!.point.length).toBe(longest);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('cloud-sync folders', () => {
  it.each([
    ['C:\\Users\\me\\OneDrive\\cases\\a.loupe', 'OneDrive'],
    ['C:\\Users\\me\\OneDrive - Contoso Ltd\\IR\\a.loupe', 'OneDrive'],
    ['c:\\users\\me\\onedrive - contoso\\a.loupe', 'OneDrive'],
    ['C:\\Users\\me\\Dropbox (Contoso)\\a.loupe', 'Dropbox'],
    ['G:\\My Drive\\cases\\a.loupe', 'Google Drive'],
    ['C:\\Users\\me\\iCloudDrive\\a.loupe', 'iCloud Drive'],
    ['C:\\Users\\me\\Box\\a.loupe', 'Box'],
    ['P:\\pCloud Drive\\a.loupe', 'pCloud'],
    ['C:\\Users\\me\\NEXTCLOUD\\a.loupe', 'Nextcloud'],
  ])('%s (Windows)', (p, provider) => {
    const r = win(p);
    expect(r.kind).toBe('cloud-sync');
    expect(r.reason).toContain(provider);
  });

  it.each([
    ['/Users/me/Library/Mobile Documents/com~apple~CloudDocs/a.loupe', 'iCloud'],
    ['/Users/me/library/mobile documents/x/a.loupe', 'iCloud'],
    ['/Users/me/Library/CloudStorage/OneDrive-Contoso/a.loupe', 'OneDrive-Contoso'],
    ['/Users/me/Library/CloudStorage/GoogleDrive-me@example.com/My Drive/a.loupe', 'GoogleDrive'],
    ['/home/me/Dropbox/a.loupe', 'Dropbox'],
    ['/home/me/Google Drive/a.loupe', 'Google Drive'],
    ['/home/me/ownCloud/a.loupe', 'ownCloud'],
  ])('%s (POSIX)', (p, provider) => {
    const r = linux(p);
    expect(r.kind).toBe('cloud-sync');
    expect(r.reason).toContain(provider);
  });

  it('does not flag look-alike names or the file name itself', () => {
    expect(win('C:\\Users\\me\\OneDriveBackupNotes\\a.loupe').kind).toBe('local');
    expect(win('C:\\cases\\dropbox.loupe').kind).toBe('local');
    expect(linux('/home/me/boxes/a.loupe').kind).toBe('local');
    expect(linux('/home/me/Syncthing/a.loupe').kind).toBe('local');
  });

  it('a network mount outranks a cloud folder name on it', () => {
    expect(linux('/mnt/cases/Dropbox/a.loupe').kind).toBe('network');
  });
});

describe('the warning line', () => {
  it('is null for local cases and names the path, the reason and the remedy otherwise', () => {
    expect(storageWarning('/tmp/a.loupe', linux('/tmp/a.loupe'))).toBeNull();
    const w = storageWarning('/mnt/cases/a.loupe', linux('/mnt/cases/a.loupe'))!;
    expect(w).toMatch(/^case on a network share \(nfs4 network mount at \/mnt\/cases/);
    expect(w).toContain('/mnt/cases/a.loupe');
    expect(w).toContain('SQLite WAL needs local disk');
    expect(w).not.toContain('\n');
  });

  it('reading the live mount table never throws', () => {
    expect(() => classifyCasePath('relative.loupe')).not.toThrow();
  });
});
