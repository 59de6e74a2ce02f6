// Build for benchmarks: the app plus bench pages, in one origin so they share IndexedDB.
import { defineConfig, mergeConfig } from 'vite';
import { resolve } from 'node:path';
import appConfig from '../vite.config';

const root = resolve(import.meta.dirname, '..');

export default mergeConfig(
  appConfig,
  defineConfig({
    root,
    build: {
      outDir: resolve(root, 'dist-bench'),
      emptyOutDir: true,
      rollupOptions: {
        input: {
          app: resolve(root, 'index.html'),
          import: resolve(root, 'bench/pages/import.html'),
          datasets: resolve(root, 'bench/pages/datasets.html'),
          generate: resolve(root, 'bench/pages/generate.html'),
          decode: resolve(root, 'bench/pages/decode.html'),
          backup: resolve(root, 'bench/pages/backup.html'),
          train: resolve(root, 'bench/pages/train.html'),
        },
      },
    },
  }),
);
