import type { Rule } from './rule.js';

export const REPLICATION_LAG_RULES: readonly Rule[] = [];
