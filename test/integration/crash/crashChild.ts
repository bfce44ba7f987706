// Child process of the crash tests: bookmarks or report exports in a loop, printing each committed step (killed with SIGKILL).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Engine } from '../../../src-main/engine/engine';
import { writeFileAtomic } from '../../../src-main/engine/report';

const [mode, casePath, arg = ''] = process.argv.slice(2);
const engine = new Engine(casePath!, {});
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'bookmarks') {
  // arg = first data row to bookmark; each iteration bookmarks a new row, and every third one removes an older bookmark.
  let row = Number(arg);
  const added: number[] = [];
  say('ready');
  for (let i = 0; ; i++) {
    const b = await engine.handlers['bookmarks/add']({ sourceId: 1, row, note: `note <img src=x onerror=alert(${row})> ${'x'.repeat(i % 500)}`, tags: ['crash', `t${i % 7}`], techniques: ['T1528'], severity: 'high' });
    say(`added ${b.id} ${row}`);
    added.push(b.id);
    row++;
    if (i % 3 === 2) {
      const id = added.shift()!;
      await engine.handlers['bookmarks/remove']({ id });
      say(`removed ${id}`);
    }
    if (i % 5 === 4) await new Promise((r) => setImmediate(r));
  }
} else if (mode === 'reports') {
  // arg = output directory; each iteration renders a report (audit-logged in the case) and writes it atomically.
  const formats = ['pdf', 'md', 'html'] as const;
  say('ready');
  for (let i = 0; ; i++) {
    const format = formats[i % formats.length]!;
    const file = await engine.handlers['report/export']({ format, draft: false, defang: true });
    const bytes = Buffer.from(file.base64, 'base64');
    const sha = createHash('sha256').update(bytes).digest('hex');
    say(`pending ${format} ${sha}`);
    await writeFileAtomic(join(arg, `report.${format}`), bytes);
    say(`wrote ${format} ${sha}`);
  }
}
