/**
 * The diagram panel's page: the webview bundle and stylesheet from media/ under a strict CSP. Scripts run
 * only with this load's nonce (fresh and random each time), styles only from the extension's files (no
 * inline style anywhere: the SVG is painted by classes), nothing may be fetched. The document's URI rides
 * in `data-uri` so the webview can keep it in its state for the panel serializer.
 */
import * as vscode from 'vscode';
import { randomBase64Url } from './random-text.js';

export function nonce(): string {
    return randomBase64Url(18);
}

export function csp(cspSource: string, scriptNonce: string): string {
    return [
        `default-src 'none'`,
        `img-src ${cspSource} data:`,
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${scriptNonce}'`
    ].join('; ');
}

function attribute(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, documentUri: string): string {
    const scriptNonce = nonce();
    const media = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...path)).toString();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp(webview.cspSource, scriptNonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attribute(media('dist', 'uplot.css'))}">
<link rel="stylesheet" href="${attribute(media('diagram.css'))}">
<title>archscope diagram</title>
</head>
<body data-uri="${attribute(documentUri)}">
<script nonce="${scriptNonce}" src="${attribute(media('dist', 'diagram.js'))}"></script>
</body>
</html>`;
}
