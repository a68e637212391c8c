/**
 * Folding ranges (arch-folding-range-provider.ts): blocks of three lines or
 * more, block comments, and runs of three or more `//` lines (not trailing
 * comments).
 */
import { describe, expect, test } from 'vitest';
import { expectFoldings } from 'langium/test';
import { FoldingRangeKind } from 'vscode-languageserver';
import { services } from '../helpers.js';

describe('folding ranges', () => {
    test('blocks, a block comment and a run of line comments; not two lines, not trailing comments', async () => {
        await expectFoldings(services.Arch)({
            text: `// A header
// in three
// lines
system S {
  /* a block
     comment
  */
  cache c { instances 2 }
  database db {
    table t {
      id uuid
    }
  }
  service a { instances 2 // one
    latency 5ms           // two
  }
  // two comment
  // lines only
}`,
            assert: foldings => expect(foldings.map(f => [f.startLine, f.endLine, f.kind])).toEqual([
                [0, 2, FoldingRangeKind.Comment],
                // A block folds up to the line before its last, so the `}` (or `*/`) stays in view.
                [3, 17, undefined],
                [4, 5, FoldingRangeKind.Comment],
                [8, 11, undefined],
                [9, 10, undefined],
                [13, 14, undefined]
            ])
        });
    });

    test('kinds: comments are marked as comments', async () => {
        await expectFoldings(services.Arch)({
            text: '// one\n// two\n// three\nsystem S {\n}\n',
            assert: foldings => {
                expect(foldings).toEqual([{ startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment }]);
            }
        });
    });
});
