/** Building the panel's DOM without markup strings: user text only ever goes in through textContent. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
}

export function button(className: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = el('button', className, text);
    b.type = 'button';
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', onClick);
    return b;
}
