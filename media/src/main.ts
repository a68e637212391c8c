// Placeholder until the webview lands.
export {};
