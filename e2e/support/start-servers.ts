/**
 * Starts what the end-to-end tests run against: for now the built app served by `vite preview`.
 * (Replaced by the viewer's own server plus local Tempo/Jaeger upstreams once they exist.)
 */
import { spawn } from 'node:child_process';

const port = process.argv[2] ?? '4179';
const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
