// The one place the map's tile source is named. The markers are drawn as vector circles, so the map still
// shows every outlet when tiles cannot load (no internet on a LAN install).
export const MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const MAP_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** Bangladesh, for a map with nothing on it yet. */
export const BANGLADESH_CENTER: [number, number] = [23.7, 90.35];
export const BANGLADESH_ZOOM = 7;
