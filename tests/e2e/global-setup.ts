/** Serve the built static site (build/) on a free localhost port for the browser tests. */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.mjs';

let server: Server | undefined;

export async function setup(project: TestProject) {
  if (!existsSync('build/index.html')) throw new Error('build/ is missing: run `npm run build` before the e2e tests.');
  server = await serve('build', 0);
  const { port } = server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
}

export async function teardown() {
  await new Promise((ok) => server?.close(ok));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
