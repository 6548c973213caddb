// Where the outlet map starts. The tile source is the server's (MAP_TILE_URL, sent with the map points); the
// markers are vector circles, so the map still shows every outlet when tiles cannot load.
/** Bangladesh, for a map with nothing on it yet. */
export const BANGLADESH_CENTER: [number, number] = [23.7, 90.35];
export const BANGLADESH_ZOOM = 7;

/** Leaflet shows the attribution as HTML; the operator's text is text. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
