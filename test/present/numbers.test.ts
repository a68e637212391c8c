/** Each kind of number has one rendering (issue 10): tested here once, used everywhere. */
import { describe, expect, test } from 'vitest';
import {
    formatAvailability, formatCount, formatDuration, formatMinutes, formatNumber, formatPercent, formatRate, formatRatio
} from '../../server/src/present/numbers.js';

describe('rates', () => {
    test.each([
        [12000, '12,000 rps'], [1000, '1,000 rps'], [2_000_000, '2,000,000 rps'], [999, '999 rps'], [100, '100 rps'],
        [250.4, '250 rps'], [62.5, '62.5 rps'], [1, '1 rps'], [0.05, '0.05 rps'], [0.123, '0.12 rps'], [0, '0 rps'],
        [1e-9, '0.000000001 rps'], [Infinity, '∞ rps']
    ])('%s → %s', (rps, text) => expect(formatRate(rps)).toBe(text));
});

describe('counts and numbers', () => {
    test.each([[3, '3'], [2000000, '2,000,000'], [-1234, '-1,234']])('count %s → %s', (n, text) => expect(formatCount(n)).toBe(text));
    test.each([[1.0001, '1'], [12.34, '12.3'], [0.0042, '0.0042']])('number %s → %s', (n, text) => expect(formatNumber(n)).toBe(text));
    test('ratios keep two decimals', () => expect(formatRatio(2.8312)).toBe('2.83'));
});

describe('percentages', () => {
    test.each([
        [0.78, '78%'], [1.5, '150%'], [0.375, '38%'], [1 / 3, '33%'], [0.045, '4.5%'], [1 / 11, '9.1%'], [0.0037, '0.37%'],
        [0.00012, '0.012%'], [0, '0%'], [1, '100%'], [0.9996, '99.96%'], [1.004, '100.4%'], [0.999999, '99.9999%']
    ])('%s → %s', (fraction, text) => expect(formatPercent(fraction)).toBe(text));

    test('a share that is not 0 or 1 never reads 0% or 100%', () => {
        for (const fraction of [1e-12, 0.99999999, 0.9995, 1.0001]) {
            expect(formatPercent(fraction)).not.toMatch(/^(0|100)%$/);
        }
    });
});

describe('availabilities show their nines', () => {
    test.each([
        [0.99999, '99.999%'], [0.995, '99.5%'], [0.9995, '99.95%'], [0.999993, '99.9993%'], [0.99999988, '99.999988%'],
        [0.5, '50%'], [1, '100%'], [0, '0%'], [0.0001, '0.01%']
    ])('%s → %s', (availability, text) => expect(formatAvailability(availability)).toBe(text));

    test('only 1 reads 100% and only 0 reads 0%', () => {
        for (const a of [1 - 1e-15, 1 - 1e-12, 0.9999999999, 1e-12, 1e-300]) {
            expect(formatAvailability(a)).not.toMatch(/^(0|100)%$/);
        }
    });
});

describe('durations, one form for latencies, promotions and downtime', () => {
    test.each([
        [0.85, '0.85 ms'], [31.24, '31.2 ms'], [241.4, '241 ms'], [1200, '1.2 s'], [30_000, '30 s'], [90_000, '90 s'],
        [120_000, '2 min'], [30 * 60_000, '30 min'], [52.56 * 60_000, '52.6 min'], [365 * 60_000, '6.1 h'], [525_600 * 60_000, '8,760 h'],
        [Infinity, '∞']
    ])('%s ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

    test('minutes read as durations', () => {
        expect(formatMinutes(30)).toBe('30 min');
        expect(formatMinutes(0.5)).toBe('30 s');
        expect(formatMinutes(365)).toBe('6.1 h');
    });
});
