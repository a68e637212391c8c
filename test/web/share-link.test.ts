/**
 * Share links (web/src/share-link.ts) with every bundled design: the text comes back exactly, and the
 * link stays under 8,000 characters, what servers and chat tools commonly pass whole (browsers take far
 * more). Node has the same CompressionStream as the browsers, so this runs the page's own code. Measured
 * here on 2026-12-04: shop.arch, 117 lines, 1,835 characters of fragment; the longest, million_users.arch
 * (123 lines, many comments), 4,296; 15 to 35 characters a line, so a 200-line design needs at most about 7,000.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeModel, encodeModel } from '../../web/src/share-link.js';

const DESIGNS = ['examples', 'examples/real'].flatMap(folder => readdirSync(folder).filter(f => f.endsWith('.arch')).map(f => join(folder, f)));

describe('share links', () => {
    test.each(DESIGNS)('%s comes back exactly, in under 8,000 characters of link', async file => {
        const text = readFileSync(file, 'utf8');
        const fragment = await encodeModel(text);
        expect(fragment).toMatch(/^model=[A-Za-z0-9_-]+$/);
        expect(fragment.length).toBeLessThan(8000);
        expect(await decodeModel(`#${fragment}`)).toEqual({ text });
    });

    test('a fragment without a model is none; a damaged one says so; one that inflates past 4 MB is refused', async () => {
        expect(await decodeModel('#other=1')).toBeUndefined();
        const fragment = await encodeModel(readFileSync('examples/shop.arch', 'utf8'));
        expect(await decodeModel(`#${fragment.slice(0, -40)}`)).toEqual({ error: expect.stringMatching(/damaged/) });
        const bomb = await encodeModel('x'.repeat(5 * 1024 * 1024));
        expect(bomb.length).toBeLessThan(20_000);
        expect(await decodeModel(`#${bomb}`)).toEqual({ error: expect.stringMatching(/larger than 4 MB/) });
    });
});
