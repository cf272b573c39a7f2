// Checks the layer directions and file naming rules of docs/architecture.md, with no exceptions:
// - src/core imports nothing from src/app or src/server, and no React, DOM-only or Node module;
// - src/server does not import src/app; src/app does not import src/server;
// - src/server/store imports only itself (and core); src/server/ingest only itself and store; sources neither;
//   all three may import src/server/threads (starting worker threads), which imports no other server part;
// - a view (src/app/views/<name>/) never imports another view's files;
// - .ts files are kebab-case, .tsx files are PascalCase and contain JSX; no index.tsx;
// - no file refers to a folder beside the repository (a fresh clone has nothing there).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve, basename } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const problems = [];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

for (const file of walk(join(root, 'src'))) {
  const rel = relative(root, file);
  const text = readFileSync(file, 'utf8');
  const name = basename(file);
  const stem = name.replace(/\.test\.tsx?$|\.tsx?$/, '');
  if (name === 'index.tsx') problems.push(`${rel}: no index.tsx components; name the file after its component`);
  if (name.endsWith('.tsx')) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(stem)) problems.push(`${rel}: .tsx files are PascalCase`);
    if (!/<[A-Za-z>]/.test(text)) problems.push(`${rel}: .tsx is only for files that contain JSX`);
  } else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(stem) && !/^[a-z0-9-]+\.worker$/.test(stem)) {
    problems.push(`${rel}: .ts files are kebab-case`);
  }
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec;
    if (rel.startsWith('src/core/')) {
      if (target.startsWith('src/app') || target.startsWith('src/server'))
        problems.push(`${rel}: core must not import ${spec}`);
      const isTest = /\.test\.ts$/.test(rel); // tests run in Node and may read fixture files
      if (/^(react|react-dom|@xyflow|@tanstack)/.test(spec) || (spec.startsWith('node:') && !isTest))
        problems.push(`${rel}: core must stay free of React, DOM and Node modules (imports ${spec})`);
    }
    if (rel.startsWith('src/server/') && target.startsWith('src/app'))
      problems.push(`${rel}: server must not import the app (${spec})`);
    if (rel.startsWith('src/app/') && target.startsWith('src/server'))
      problems.push(`${rel}: the app must not import the server (${spec})`);
    // The server's parts: the store knows only itself and core; receivers and source adapters stay apart.
    const serverTest = /\.test\.ts$/.test(rel);
    if (!serverTest && rel.startsWith('src/server/store/') && target.startsWith('src/server/') && !/^src\/server\/(store|threads)\//.test(target))
      problems.push(`${rel}: the store must not import other server parts (${spec})`);
    if (!serverTest && rel.startsWith('src/server/ingest/') && target.startsWith('src/server/') && !/^src\/server\/(ingest|store|threads)\//.test(target))
      problems.push(`${rel}: the receivers import only ingest/, store/ and threads/ (${spec})`);
    if (rel.startsWith('src/server/threads/') && target.startsWith('src/server/') && !target.startsWith('src/server/threads/'))
      problems.push(`${rel}: threads/ must not import other server parts (${spec})`);
    if (rel.startsWith('src/server/sources/') && /^src\/server\/(ingest|store)\//.test(target))
      problems.push(`${rel}: source adapters must not import the receivers or the store (${spec})`);
    const ownView = rel.match(/^src\/app\/views\/([^/]+)\//)?.[1];
    const targetView = target.match(/^src\/app\/views\/([^/]+)/)?.[1];
    if (ownView && targetView && ownView !== targetView)
      problems.push(`${rel}: a view must not import another view (${spec}); talk through the URL selection`);
  }
}

// Nothing in the repository may read from a folder beside it: a user's clone has nothing there.
const outside = new RegExp(['\\.\\./', 'shared\\b|/work/', 'shared\\b'].join(''));
const skipDirs = new Set(['node_modules', '.git', 'dist', 'test-results', 'playwright-report', '.junjo-viewer']);
function walkAll(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walkAll(path));
    else if (/\.(ts|tsx|mjs|cjs|js|json|md|html|css|sh|yml|yaml)$|^run$/.test(name)) out.push(path);
  }
  return out;
}
for (const file of walkAll(root)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (outside.test(line)) problems.push(`${relative(root, file)}:${i + 1}: refers to a folder outside the repository; copy what it needs into the repository`);
  });
}

if (problems.length > 0) {
  console.error(`Layout check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Layout check: layers and file names are in order.');
