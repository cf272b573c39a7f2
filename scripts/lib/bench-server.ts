/**
 * Builds the app and serves it with `vite preview` for the benchmark, from a private output folder
 * (so a concurrent `vite build` into dist/ cannot pull files from under a running benchmark).
 * Vite runs as a child process started from its own bin (not through npx), so stopping it stops
 * exactly that process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

function viteBin(root: string): string {
  return join(root, 'node_modules', 'vite', 'bin', 'vite.js');
}

/** Runs `vite build --outDir outDir`; rejects with vite's output tail when it fails or takes longer than `timeoutMs`. */
export function buildApp(root: string, outDir: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [viteBin(root), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`vite build took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (exit ${code}):\n${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface Preview {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `vite preview` of `outDir` on a free port and waits until it answers `/`. */
export async function startPreview(root: string, outDir: string, timeoutMs: number): Promise<Preview> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [viteBin(root), 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
        resolve();
      }, 3000).unref();
    });

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`vite preview exited before it served anything:\n${output}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s:\n${output}`);
}
