let keys = 0;

/** Editor keys for sessions not saved yet (not crypto.randomUUID: it needs a secure context). */
export const newKey = () => `new-${++keys}`;
