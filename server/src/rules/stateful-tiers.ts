import type { Rule } from './rule.js';

export const STATEFUL_TIER_RULES: readonly Rule[] = [];
