/**
 * Real headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (nothing downloads a browser here; `scripts/install-browser.sh` installs it, `.ci/run` calls that).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.ARCHSCOPE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium off this closed network and quiet as root. */
const FLAGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'
];

export async function launchChromium(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-browser.sh (or set ARCHSCOPE_CHROMIUM)`);
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
