/**
 * Where start-servers.ts tells the specs the ports its OTLP receivers got (they listen on port 0,
 * never on a fixed port): a small JSON file in the temporary folder, named after the viewer port.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const receiverPortsFile = (viewerPort: string | number): string => join(tmpdir(), `jtv-e2e-receivers-${viewerPort}.json`);

export function readReceiverPorts(viewerPort: string | number): { grpcPort: number; httpPort: number } {
  return JSON.parse(readFileSync(receiverPortsFile(viewerPort), 'utf8')) as { grpcPort: number; httpPort: number };
}
