/**
 * The diagram webview in real Chromium, as the panel loads it: the real bundle (media/dist/diagram.js)
 * and stylesheet under the same strict CSP with a nonce, served from a fake resource origin, with a
 * stub `acquireVsCodeApi` that records the messages posted and the state set, and records every CSP
 * violation, page error and console error.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { FromWebview, ToWebview, WebviewState } from '../../server/src/protocol.js';

export const ORIGIN = 'https://webview.test';
const NONCE = 'test-nonce-0123456789abcdef';

export interface WebviewPage {
    page: Page;
    /** CSP violations, uncaught errors and console errors, in order. */
    problems: string[];
    send(message: ToWebview): Promise<void>;
    posted(): Promise<FromWebview[]>;
    state(): Promise<WebviewState | undefined>;
}

export function panelHtml(uri: string, state: WebviewState | undefined): string {
    // The same policy as client/src/webview-html.ts, with the test origin as the resource source.
    const csp = `default-src 'none'; img-src ${ORIGIN} data:; style-src ${ORIGIN}; font-src ${ORIGIN}; script-src 'nonce-${NONCE}'`;
    const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${ORIGIN}/media/dist/uplot.css">
<link rel="stylesheet" href="${ORIGIN}/media/diagram.css">
<script nonce="${NONCE}">
  window.__posted = []; window.__problems = []; window.__state = ${JSON.stringify(state ?? null)} ?? undefined;
  document.addEventListener('securitypolicyviolation', e => window.__problems.push('csp ' + e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: m => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: s => { window.__state = JSON.parse(JSON.stringify(s)); }
  });
</script>
</head><body data-uri="${attr(uri)}">
<script nonce="${NONCE}" src="${ORIGIN}/media/dist/diagram.js"></script>
</body></html>`;
}

export async function openWebview(browser: Browser, options: { uri?: string; state?: WebviewState; width?: number; height?: number } = {}): Promise<WebviewPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: options.height ?? 800 } });
    const problems: string[] = [];
    page.on('pageerror', error => problems.push(`pageerror ${error.message}`));
    page.on('console', message => {
        if (message.type() === 'error') problems.push(`console ${message.text()}`);
    });
    const files: Record<string, { body: string; type: string }> = {
        [`${ORIGIN}/media/diagram.css`]: { body: readFileSync('media/diagram.css', 'utf8'), type: 'text/css' },
        [`${ORIGIN}/media/dist/uplot.css`]: { body: readFileSync('media/dist/uplot.css', 'utf8'), type: 'text/css' },
        [`${ORIGIN}/media/dist/diagram.js`]: { body: readFileSync('media/dist/diagram.js', 'utf8'), type: 'text/javascript' },
        [`${ORIGIN}/panel.html`]: { body: panelHtml(options.uri ?? 'file:///work/problems.arch', options.state), type: 'text/html' }
    };
    await page.route(`${ORIGIN}/**`, route => {
        const file = files[route.request().url()];
        return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/panel.html`);
    await page.waitForFunction('window.__posted.some(m => m.type === "ready")');
    return {
        page,
        problems,
        async send(message) {
            await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
            // postMessage is delivered as a task: wait for one round trip through the event loop.
            await page.evaluate('new Promise(resolve => setTimeout(resolve, 0))');
        },
        async posted() {
            const posted = (await page.evaluate('window.__posted')) as FromWebview[];
            const inPage = (await page.evaluate('window.__problems')) as string[];
            for (const p of inPage) if (!problems.includes(p)) problems.push(p);
            return posted;
        },
        async state() {
            return (await page.evaluate('window.__state')) as WebviewState | undefined;
        }
    };
}

/** CSP violations recorded inside the page (the listener lives there). */
export async function cspProblems(webview: WebviewPage): Promise<string[]> {
    await webview.posted();
    return webview.problems;
}

/** Closes the pages a test opened, after checking none broke its CSP, threw, or logged an error. */
export async function closeCheckingProblems(opened: WebviewPage[], expectNone: (problems: string[]) => void): Promise<void> {
    for (const webview of opened.splice(0)) {
        await webview.posted();
        expectNone(webview.problems);
        await webview.page.close();
    }
}
