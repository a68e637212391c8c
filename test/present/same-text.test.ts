/**
 * One number, one text (issue 10): the same estimate rendered through the hover, the
 * code lens, `archscope simulate`'s table, the diagram's box and the cap-overload
 * message reads the same everywhere. `web` takes the whole 12,000 rps peak on
 * 20 × 400 rps: 150% utilization.
 */
import type { Hover } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { formatSimulationText } from '../../server/src/cli/format-simulation.js';
import { sceneBoxes } from '../../server/src/diagram/scene-boxes.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import { formatPercent, formatRate } from '../../server/src/present/numbers.js';
import { checkTopology } from '../../server/src/rules/run-rules.js';
import { check, services } from '../helpers.js';

const MODEL = `system Shop {
  traffic { peak 12000 rps }
  service web {
    instances 20
    capacity 400 rps
  }
}
`;

/** Whether `text` holds `token` as a whole: not `12,000 rps` inside `112,000 rps`, nor `150%` inside `1150%`. */
function holds(text: string, token: string): boolean {
    return new RegExp(`(^|[^\\d.,])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text);
}

async function surfaces(): Promise<Record<string, string>> {
    const { document } = await check(MODEL);
    const uri = document.uri.toString();
    const offset = MODEL.indexOf('web {');
    const hover: Hover | undefined = await services.Arch.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri }, position: document.textDocument.positionAt(offset)
    });
    const lenses = (await services.Arch.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri } })) ?? [];
    const lens = lenses.find(l => l.command?.arguments?.[0] === 'web')?.command?.title;

    const topology = buildTopology(document.parseResult.value.systems[0], MODEL);
    const estimates = simulate(topology);
    const findings = checkTopology(topology).map(f => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, node: f.node ?? null, range: f.range }));
    const box = sceneBoxes({ topology, findings, estimates }).boxes.find(b => b.id === 'web');
    const overload = findings.find(f => f.ruleId === 'cap-overload' && f.node === 'web');
    return {
        hover: (hover?.contents as { value: string } | undefined)?.value ?? '',
        lens: lens ?? '',
        cli: formatSimulationText(estimates),
        box: box ? [box.title, ...box.estimates].join('\n') : '',
        message: overload?.message ?? ''
    };
}

describe('the same number reads the same everywhere', () => {
    test('web at 12,000 rps and 150%: hover, code lens, simulate, diagram box and cap-overload agree', async () => {
        const text = await surfaces();
        for (const [where, value] of Object.entries(text)) expect(value, where).not.toBe('');
        const load = formatRate(12000);
        const utilization = formatPercent(1.5);
        const perInstance = formatRate(400);
        expect([load, utilization, perInstance]).toEqual(['12,000 rps', '150%', '400 rps']);

        // The load at the peak: the code lens shows size × capacity instead, so it is not there.
        for (const where of ['hover', 'cli', 'box', 'message']) expect(holds(text[where], load), `${where}: ${text[where]}`).toBe(true);
        for (const where of ['hover', 'lens', 'cli', 'box', 'message']) expect(holds(text[where], utilization), `${where}: ${text[where]}`).toBe(true);
        // What one instance sustains, where it is shown.
        for (const where of ['hover', 'lens', 'message']) expect(holds(text[where], perInstance), `${where}: ${text[where]}`).toBe(true);
        // The tier's capacity, 20 × 400.
        for (const where of ['hover', 'cli', 'box', 'message']) expect(holds(text[where], formatRate(8000)), `${where}: ${text[where]}`).toBe(true);

        // None of the old forms survive anywhere.
        for (const [where, value] of Object.entries(text)) {
            expect(value, where).not.toMatch(/12k rps|12000 rps|8000 rps|8k rps/);
        }
    });
});
