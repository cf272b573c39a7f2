// Makes sure Debian's Chromium is installed before the end-to-end tests run.
// Playwright must never download a browser of its own here (no internet but the package registries).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
if (candidates.some((path) => existsSync(path))) process.exit(0);

console.log('Chromium is missing: installing Debian\'s "chromium" package (needs root and apt).');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core', {
    stdio: 'inherit',
  });
} catch {
  console.error('Could not install Chromium. Install it yourself with: sudo apt-get install chromium');
  process.exit(1);
}
