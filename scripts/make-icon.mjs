// Renders images/icon.svg (the source) to images/icon.png, the 128×128 icon the Marketplace and VS Code show.
// Run by hand after editing the SVG: node scripts/make-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const svg = readFileSync(new URL('../images/icon.svg', import.meta.url), 'utf8');
const png = new Resvg(svg, { fitTo: { mode: 'width', value: 128 } }).render().asPng();
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
