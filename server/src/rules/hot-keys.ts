import type { Rule } from './rule.js';

export const HOT_KEY_RULES: readonly Rule[] = [];
