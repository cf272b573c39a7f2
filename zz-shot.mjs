import { chromium } from '@playwright/test';
const [,, url, out, theme, action] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, colorScheme: theme === 'dark' ? 'dark' : 'light' });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(2500);
if (action) { await eval(`(async () => { ${action} })()`); await page.waitForTimeout(1200); }
await page.screenshot({ path: out });
console.log('url now', page.url());
await browser.close();
