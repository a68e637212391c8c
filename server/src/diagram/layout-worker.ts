// Placeholder until the layout lands (written next in this change).
export {};
