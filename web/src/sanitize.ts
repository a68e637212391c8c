/**
 * Hover and completion docs come from the language server as Markdown, rendered to HTML by the editor's
 * LSP client; they quote names and labels from the text, which is untrusted. Whatever the renderer lets
 * through, only these elements and these attributes are kept (and links only to http(s) or the site).
 */
const ELEMENTS = new Set(['P', 'BR', 'HR', 'EM', 'STRONG', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'H1', 'H2', 'H3', 'H4', 'SPAN', 'DIV', 'BLOCKQUOTE', 'DEL']);

function safeHref(href: string): boolean {
    try {
        const url = new URL(href, window.location.href);
        return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
        return false;
    }
}

function clean(node: Element): void {
    for (const child of [...node.children]) {
        if (!ELEMENTS.has(child.tagName)) {
            // Its text stays, as text; the element and anything it would do go.
            child.replaceWith(document.createTextNode(child.textContent ?? ''));
            continue;
        }
        for (const attribute of [...child.attributes]) {
            const keep = (attribute.name === 'href' && child.tagName === 'A' && safeHref(attribute.value))
                || (attribute.name === 'class' && /^[\w -]*$/.test(attribute.value));
            if (!keep) child.removeAttribute(attribute.name);
        }
        if (child.tagName === 'A') {
            child.setAttribute('target', '_blank');
            child.setAttribute('rel', 'noopener noreferrer');
        }
        clean(child);
    }
}

export function sanitizeHtml(html: string): string {
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
    clean(body);
    return body.innerHTML;
}
