/**
 * How the cross-check's tests hold a simulated figure to an exact one: within `sigmas` of the
 * figure's own standard error (4 by default: a seeded run is one draw, and four standard errors
 * leave it about one chance in 16,000 to miss by sampling alone), plus `slack` where the exact figure
 * is itself an approximation of what is simulated.
 */
import { expect } from 'vitest';
import type { Estimate } from '../../server/src/crosscheck/cross-check.js';

export function expectWithinError(estimate: Estimate | null | undefined, exact: number, options: { sigmas?: number; slack?: number; label?: string } = {}): void {
    expect(estimate, options.label).toBeTruthy();
    const { value, standardError } = estimate!;
    expect(Number.isFinite(standardError), `${options.label ?? ''}: the standard error is a number`).toBe(true);
    const allowed = (options.sigmas ?? 4) * standardError + (options.slack ?? 0);
    const message = `${options.label ?? 'figure'}: simulated ${value} ± ${standardError}, exact ${exact} (allowed ${allowed})`;
    expect(Math.abs(value - exact), message).toBeLessThanOrEqual(allowed);
}

/** The same, and the error is small enough for the comparison to mean something. */
export function expectPreciseWithin(estimate: Estimate | null | undefined, exact: number, maxStandardError: number, label?: string): void {
    expectWithinError(estimate, exact, { label });
    expect(estimate!.standardError, `${label ?? 'figure'}: standard error ${estimate!.standardError} is at most ${maxStandardError}`).toBeLessThanOrEqual(maxStandardError);
}
