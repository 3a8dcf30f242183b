import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { makeTempDir } from '../../helpers/temp-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production renderer, built once for the run (see buildRenderer). */
    rendererDir: string;
  }
}

/**
 * Builds the renderer as `npm run build` does (electron.vite.config.ts's renderer section: React,
 * minified, relative asset paths, no source maps) into a new temp folder, and returns the folder.
 */
export async function buildRenderer(): Promise<string> {
  const outDir = join(await makeTempDir('coffer-e2e-renderer'), 'renderer');
  await build({
    configFile: false,
    root: 'renderer',
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false, minify: true },
  });
  return outDir;
}

/**
 * Vitest global setup of the e2e project: one renderer build per run, shared by every E2E file
 * through `inject('rendererDir')`, and removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const dir = await buildRenderer();
  console.log(`e2e: renderer built in ${Math.round(performance.now() - started)} ms`);
  project.provide('rendererDir', dir);
  return () => rm(join(dir, '..'), { recursive: true, force: true });
}
