// zod for the contract, configured once before any schema exists: no code generation (the renderer's CSP has no 'unsafe-eval').
import { z } from 'zod';

z.config({ jitless: true });

export { z };
