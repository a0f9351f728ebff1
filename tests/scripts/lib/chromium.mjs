// Headless Chromium for the browser checks: Debian's chromium ($CHROMIUM, installed by lib/browser.sh) driven by
// playwright-core, in a profile of its own that close() removes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tools } from './tools.mjs';

export async function launchChromium(options = {}) {
  const { chromium } = tools('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'hybridstorage-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
