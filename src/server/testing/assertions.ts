/** True when the text has Bengali script, i.e. a message was localized to bn. */
export const hasBengali = (s: unknown): boolean => typeof s === "string" && /[\u0980-\u09FF]/.test(s);
