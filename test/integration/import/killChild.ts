// Child process of atomicity.test.ts: imports the given files into an existing case, printing "committed <file>" after each.
import { Engine } from '../../../src-main/engine/engine';

const [casePath, ...files] = process.argv.slice(2);
const engine = new Engine(casePath!, {});
for (const f of files) {
  const [summary] = await engine.importFiles([f]);
  process.stdout.write(`${summary?.ok ? 'committed' : 'failed'} ${f}\n`);
}
engine.close();
