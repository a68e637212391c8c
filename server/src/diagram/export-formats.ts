/** What the diagram can be exported as (`archscope export`, the editor's Export Diagram command). */
export const EXPORT_FORMATS = ['svg', 'png', 'mermaid', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportTheme = 'light' | 'dark';

/** An export as file contents: text, or base64 for png. */
export interface ExportResult {
    content: string;
    encoding: 'utf8' | 'base64';
}
