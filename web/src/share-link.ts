/**
 * Share links: the model in the URL's fragment (`#model=…`), deflated (the browser's own
 * CompressionStream, no library) and base64url-encoded. The fragment never reaches a server. The bundled
 * designs take 15 to 35 characters of link a line, the longest 4,296 (test/web/share-link.test.ts).
 */

const PREFIX = 'model=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
    const out = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}

/** Whether a URL's fragment (`#…`) carries a model: a share link. */
export function carriesModel(hash: string): boolean {
    return hash.startsWith(`#${PREFIX}`);
}

/** The fragment (without `#`) that carries `text`. */
export async function encodeModel(text: string): Promise<string> {
    return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/** Largest model a link may unpack to: a link is untrusted input, and a small one can inflate to gigabytes. */
const MAX_MODEL_BYTES = 4 * 1024 * 1024;

/**
 * The model a fragment carries: undefined when it carries none, an error sentence when it is damaged.
 */
export async function decodeModel(fragment: string): Promise<{ text: string } | { error: string } | undefined> {
    const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    if (!hash.startsWith(PREFIX)) return undefined;
    try {
        const stream = new Blob([fromBase64Url(hash.slice(PREFIX.length))]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        const reader = stream.getReader();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            size += value.length;
            if (size > MAX_MODEL_BYTES) {
                await reader.cancel();
                return { error: `The link's model is larger than ${MAX_MODEL_BYTES / 1024 / 1024} MB: it was not opened.` };
            }
            chunks.push(value);
        }
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
            bytes.set(chunk, at);
            at += chunk.length;
        }
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
        return { error: 'The link\'s model is damaged (cut short or changed): the example is shown instead.' };
    }
}
