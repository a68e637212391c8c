/** The export command never writes its diagram over a design. */
import { expect, test } from 'vitest';
import { refusedExportTarget } from '../../client/src/export-target.js';

test('a .arch target is refused with its name; image and text targets are fine', () => {
    expect(refusedExportTarget('/work/designs/problems.arch')).toBe('problems.arch is a design (.arch): the export would replace it; choose another file.');
    expect(refusedExportTarget('/work/designs/Shop.ARCH')).toMatch(/^Shop\.ARCH is a design/);
    for (const path of ['/work/shop.svg', '/work/shop.png', '/work/shop.md', '/work/shop.mmd', '/work/arch/shop.svg', '/work/problems.arch.svg']) {
        expect(refusedExportTarget(path)).toBeUndefined();
    }
});
