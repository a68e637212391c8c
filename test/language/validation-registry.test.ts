/**
 * archscope's validation registry (language/validation/arch-validation-registry.ts) calls each check
 * directly instead of through Langium's two async wrappers: a synchronous check returns nothing to
 * await, and a check that fails, by throwing or by a rejected promise, is still reported as Langium
 * reports it, on the node, while the other checks go on.
 */
import { EmptyFileSystem, OperationCancelled, type AstNode, type ValidationAcceptor } from 'langium';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createArchServices } from '../../server/src/arch-module.js';
import { check } from '../helpers.js';

function registryWith(checks: Record<string, (node: AstNode) => unknown>) {
    const { Arch } = createArchServices(EmptyFileSystem);
    const registry = Arch.validation.ValidationRegistry;
    registry.register({ Zone: Object.values(checks) as never });
    return registry.getChecks('Zone').toArray().slice(-Object.keys(checks).length);
}

afterEach(() => vi.restoreAllMocks());

describe('the validation registry', () => {
    test('a synchronous check is called at once and gives nothing to await', () => {
        let called = 0;
        const [wrapped] = registryWith({ sync: () => { called++; } });
        const accept = vi.fn() as unknown as ValidationAcceptor;
        expect(wrapped({ $type: 'Zone' } as AstNode, accept, undefined as never)).toBeUndefined();
        expect(called).toBe(1);
        expect(accept).not.toHaveBeenCalled();
    });

    test('a check that throws, or whose promise is rejected, is reported on its node as Langium reports it', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const node = { $type: 'Zone' } as AstNode;
        const [throws, rejects] = registryWith({ throws: () => { throw new Error('boom'); }, rejects: () => Promise.reject(new Error('later')) });
        const accept = vi.fn();
        await throws(node, accept as unknown as ValidationAcceptor, undefined as never);
        await rejects(node, accept as unknown as ValidationAcceptor, undefined as never);
        expect(accept.mock.calls).toEqual([
            ['error', 'An error occurred during validation: boom', { node }],
            ['error', 'An error occurred during validation: later', { node }]
        ]);
    });

    test('a cancellation is passed on, not reported as a failing check', async () => {
        const [cancelled] = registryWith({ cancelled: () => { throw OperationCancelled; } });
        const accept = vi.fn();
        await expect(cancelled({ $type: 'Zone' } as AstNode, accept as unknown as ValidationAcceptor, undefined as never)).rejects.toBe(OperationCancelled);
        expect(accept).not.toHaveBeenCalled();
    });

    test('a check is called with the object it was registered with as `this`', () => {
        const { Arch } = createArchServices(EmptyFileSystem);
        const owner = { seen: [] as unknown[], check(this: { seen: unknown[] }, node: AstNode) { this.seen.push(node); } };
        Arch.validation.ValidationRegistry.register({ Zone: owner.check } as never, owner);
        const node = { $type: 'Zone' } as AstNode;
        Arch.validation.ValidationRegistry.getChecks('Zone').toArray().at(-1)!(node, vi.fn() as unknown as ValidationAcceptor, undefined as never);
        expect(owner.seen).toEqual([node]);
    });

    test('the checks of a real document still report: a single point of failure', async () => {
        const { diagnostics } = await check('system s {\n  traffic { peak 100 rps }\n  service api { instances 1 }\n}\n');
        expect(diagnostics.map(d => d.code)).toContain('spof-single-instance');
    });
});
