/**
 * Editor-only settings of the `archscope` section (package.json
 * `contributes.configuration`) that are not rule severities: for now whether
 * code lenses are shown. Read by the providers on every request, so a change
 * takes effect on the editor's next request.
 */

export class ArchEditorSettings {
    private lensesEnabled = true;

    get codeLensEnabled(): boolean {
        return this.lensesEnabled;
    }

    /**
     * The whole `archscope` section as the editor sends it (`{ codeLens: { enabled } }`, or the flat `codeLens.enabled`).
     * Anything but an explicit `false` keeps the default, on: a broken setting must not hide the estimates.
     * Returns whether the value changed.
     */
    update(section: unknown): boolean {
        const object = typeof section === 'object' && section !== null ? section as Record<string, unknown> : {};
        const codeLens = object.codeLens;
        // VS Code nests dotted setting names; a client that does not sends the flat key.
        const enabled = typeof codeLens === 'object' && codeLens !== null ? (codeLens as { enabled?: unknown }).enabled : object['codeLens.enabled'];
        const next = enabled !== false;
        const changed = next !== this.lensesEnabled;
        this.lensesEnabled = next;
        return changed;
    }
}
