// Names the page and the service worker share (kept apart so the worker imports nothing else of the page).
export const BACKGROUND_SYNC_TAG = "bikri-field-outbox";
/** The message the service worker posts to open pages when the browser fires a background sync. */
export const SYNC_MESSAGE = "bikri-field-sync";
