// Entry point of the bundled CLI (out/cli/loupe.cjs).
import { run } from './index';

run(process.argv.slice(2));
