#!/usr/bin/env node
/** `npm start`: build the static site when it is missing or older than the sources, then serve it. */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// `npm install` runs `svelte-kit sync` (the `prepare` script); an install made with --ignore-scripts
// did not, and the build's first step needs the generated .svelte-kit/tsconfig.json for `$lib`.
if (!existsSync('.svelte-kit/tsconfig.json')) execSync('npx svelte-kit sync', { stdio: 'inherit' });

const built = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('data'), newest('static'));
if (built < sources) {
  console.log('Building the dashboard (about half a minute)…');
  execSync('npm run build', { stdio: 'inherit' });
}
const port = Number(process.env.PORT ?? 4173);
await serve('build', port);
console.log(`\nNeglect Monitor is running on the demo data: http://localhost:${port}/\n(Ctrl+C to stop)`);
