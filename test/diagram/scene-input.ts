/** Diagram inputs from real text: the real parser, linker, validator (findings as diagnostics) and estimates. */
import { check } from '../helpers.js';
import { services } from '../helpers.js';
import type { DiagramInput } from '../../server/src/diagram/diagram-input.js';
import { diagramSource } from '../../server/src/language/topology/diagram-input-of.js';

export async function diagramInput(text: string): Promise<DiagramInput> {
    const { document } = await check(text);
    const input = diagramSource(document, services.Arch.analysis)();
    if (!input) throw new Error('the text holds no system');
    return input;
}
