// esbuild inject: gives CommonJS bundles a working `import.meta.url`.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
