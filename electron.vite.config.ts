// electron-vite build: main (Electron shell), preload (sandboxed, bundled) and renderer (Vue, runtime-only build).
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

const contract = resolve(__dirname, 'src-main/contract');

export default defineConfig({
  main: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        output: { format: 'cjs', entryFileNames: '[name].js' },
        input: {
          index: resolve(__dirname, 'src-main/app/index.ts'),
          'engine-worker': resolve(__dirname, 'src-main/host/worker.ts'),
          'parse-worker': resolve(__dirname, 'src-main/engine/import/parseWorker.ts'),
        },
        external: ['better-sqlite3', 'exceljs', 'pdfkit', 'maxmind', 'yauzl', 'papaparse', 'markdown-it'],
      },
    },
  },
  preload: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue()],
    resolve: { alias: { '@contract': contract, vue: 'vue/dist/vue.runtime.esm-bundler.js' } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
