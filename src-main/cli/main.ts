// Entry point of the bundled CLI (out/cli/loupe.cjs).
import { run } from './index';

// `loupe query … | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

run(process.argv.slice(2));
