// The Loupe version stamped into reports and the evidence register (kept in step with package.json by a test).
export const LOUPE_VERSION = '0.1.0';
