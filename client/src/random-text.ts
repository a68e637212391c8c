/**
 * Random text for a webview's CSP nonce and a temporary file's name, from the Web Crypto API: VS Code's
 * browser extension host has no `node:crypto`, and the Node host has `globalThis.crypto` from Node 19 on
 * (extension.ts provides it on the Node 18 of older VS Code).
 */

function randomBytes(count: number): Uint8Array {
    return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

export function randomBase64Url(count: number): string {
    return btoa(String.fromCharCode(...randomBytes(count))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomHex(count: number): string {
    return Array.from(randomBytes(count), byte => byte.toString(16).padStart(2, '0')).join('');
}
