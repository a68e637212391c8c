/**
 * Solves A x = b by Gauss–Jordan elimination with partial pivoting, for the small systems of a
 * component of the graph (a pipeline's rates, graph.ts and estimates/load.ts). `augmented` holds the
 * rows of [A | b] and is overwritten. Undefined when A is singular (a pivot below 1e-12).
 */
export function solveLinearSystem(augmented: number[][]): number[] | undefined {
    const n = augmented.length;
    for (let column = 0; column < n; column++) {
        let pivot = column;
        for (let row = column + 1; row < n; row++) if (Math.abs(augmented[row][column]) > Math.abs(augmented[pivot][column])) pivot = row;
        if (Math.abs(augmented[pivot][column]) < 1e-12) return undefined;
        [augmented[column], augmented[pivot]] = [augmented[pivot], augmented[column]];
        for (let row = 0; row < n; row++) {
            if (row === column) continue;
            const factor = augmented[row][column] / augmented[column][column];
            if (factor === 0) continue;
            for (let k = column; k <= n; k++) augmented[row][k] -= factor * augmented[column][k];
        }
    }
    return augmented.map((row, i) => row[n] / row[i]);
}
