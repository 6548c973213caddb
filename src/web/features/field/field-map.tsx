// Points from the field on a Leaflet map: check-ins in the live view, a proposed outlet in the onboarding queue.
// Markers are circle markers (vector), so they show even when the tiles cannot load, as on the outlet map.
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useRef } from "react";
import type { MapTiles } from "../../../shared/contracts/network.ts";
import { BANGLADESH_CENTER, BANGLADESH_ZOOM, escapeHtml } from "../network/map-tiles.ts";
import { OUTSIDE_RADIUS_COLOR } from "./field-live-state.ts";

export interface FieldMapMarker {
  id: string;
  lat: number;
  lng: number;
  color: string;
  /** Drawn with a dashed ring: the check-in was outside the outlet's radius. */
  ring?: boolean;
  /** HTML: every value in it must already be escaped (escapeHtml). */
  popupHtml: string;
}

export function FieldMap({
  markers,
  tiles,
  fitKey,
  height,
  testId,
}: {
  markers: FieldMapMarker[];
  /** The view fits its points again only when this changes (another day, territory or rep). */
  fitKey: string;
  tiles: MapTiles | null | undefined;
  height: string | number;
  testId: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  // Fit the view to the points once per fitKey, not on every refresh of the same day: a manager who zoomed in on
  // one area keeps that view while new check-ins arrive.
  const fittedFor = useRef<string>("");

  useEffect(() => {
    if (!container.current || map.current) return;
    const m = L.map(container.current, { preferCanvas: true }).setView(BANGLADESH_CENTER, BANGLADESH_ZOOM);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      fittedFor.current = "";
    };
  }, []);

  const tileUrl = tiles?.url;
  const attribution = tiles?.attribution ?? "";
  useEffect(() => {
    const m = map.current;
    if (!m || !tileUrl) return;
    const tileLayer = L.tileLayer(tileUrl, { attribution: escapeHtml(attribution), maxZoom: 19 }).addTo(m);
    return () => {
      tileLayer.remove();
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    for (const p of markers) {
      if (p.ring) {
        L.circleMarker([p.lat, p.lng], {
          radius: 12,
          color: OUTSIDE_RADIUS_COLOR,
          weight: 2,
          dashArray: "4 3",
          fill: false,
          interactive: false,
        }).addTo(group);
      }
      L.circleMarker([p.lat, p.lng], { radius: 7, color: "#fff", weight: 1.5, fillColor: p.color, fillOpacity: 0.95 })
        .bindPopup(p.popupHtml)
        .addTo(group);
    }
    if (markers.length > 0 && fitKey !== fittedFor.current) {
      fittedFor.current = fitKey;
      m.fitBounds(L.latLngBounds(markers.map((p) => [p.lat, p.lng])), { maxZoom: 15, padding: [28, 28] });
    }
  }, [markers, fitKey]);

  return (
    <div
      ref={container}
      data-testid={testId}
      data-points={markers.length}
      // Leaflet's panes and controls carry z-indexes up to 1000, above Mantine's modals (200): isolating the map
      // keeps them inside it, so a dialog opened over a map is not covered by the map.
      style={{ height, width: "100%", borderRadius: 8, background: "#e9ecef", isolation: "isolate" }}
    />
  );
}
