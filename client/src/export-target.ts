/**
 * Why an export may not be written to `path`, if it may not: a design is never replaced by its diagram.
 * The save dialog lets a user type any name (`shop.arch` included); `archscope export` refuses the same.
 */
export function refusedExportTarget(path: string): string | undefined {
    const name = path.split('/').pop() ?? path;
    return /\.arch$/i.test(name) ? `${name} is a design (.arch): the export would replace it; choose another file.` : undefined;
}
