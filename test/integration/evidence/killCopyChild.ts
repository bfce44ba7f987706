// Child process of killMidCopy.test.ts: starts storing a file, announces "copying" after the first written chunk, then stalls until killed.
import { open, type FileHandle } from 'node:fs/promises';
import { storeEvidence } from '../../../src-main/engine/case/evidenceStore';

const [original, storeDir] = process.argv.slice(2) as [string, string];
// Stall every write after the first so the parent can kill the writer with a copy half made.
const probe = await open(original, 'r');
const proto = Object.getPrototypeOf(probe) as FileHandle;
await probe.close();
const realWrite = proto.write;
let writes = 0;
Object.defineProperty(proto, 'write', {
  configurable: true,
  value: function (this: FileHandle, ...args: unknown[]) {
    writes++;
    if (writes === 2) {
      process.stdout.write('copying\n');
      setInterval(() => undefined, 1000);
      return new Promise(() => undefined);
    }
    return (realWrite as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  },
});
await storeEvidence(original, storeDir);
process.stdout.write('finished\n');
