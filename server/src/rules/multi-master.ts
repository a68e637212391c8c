import type { Rule } from './rule.js';

export const MULTI_MASTER_RULES: readonly Rule[] = [];
