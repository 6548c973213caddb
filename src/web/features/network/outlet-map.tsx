// The outlets on a Leaflet map. Markers are circle markers (vector), so they show even when the tiles
// cannot load; the tile source is named once, in map-tiles.ts.
import "leaflet/dist/leaflet.css";
import { Alert, Box, Group, Loader, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import L from "leaflet";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { MapTiles, OutletMapPoint } from "../../../shared/contracts/network.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { NumberText } from "../../ui/formatted-values.tsx";
import { BANGLADESH_CENTER, BANGLADESH_ZOOM, escapeHtml } from "./map-tiles.ts";
import { CHANNEL_COLORS, localName } from "./network-labels.ts";
import { type OutletFilters, useOutletMap } from "./use-outlets.ts";

export function OutletMap({ filters }: { filters: OutletFilters }) {
  const { t } = useTranslation();
  const points = useOutletMap({
    q: filters.q,
    channel: filters.channel,
    distributorId: filters.distributorId,
    territoryId: filters.territoryId,
  });
  const items = points.data?.items ?? [];
  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t("network.outlets.mapCount")} <NumberText value={items.length} />
        </Text>
        {points.isFetching ? <Loader size="xs" /> : null}
      </Group>
      {points.data?.truncated ? (
        <Alert color="yellow" variant="light" mb="xs">
          {t("network.outlets.mapTruncated")}
        </Alert>
      ) : null}
      <LeafletMap points={items} tiles={points.data?.tiles ?? null} />
    </Box>
  );
}

function LeafletMap({ points, tiles }: { points: OutletMapPoint[]; tiles: MapTiles | null }) {
  const locale = useLocale();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!container.current || map.current) return;
    const m = L.map(container.current, { preferCanvas: true }).setView(BANGLADESH_CENTER, BANGLADESH_ZOOM);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  // The server names the tile source (MAP_TILE_URL); without one the outlets are drawn on a blank map.
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
    for (const p of points) {
      const marker = L.circleMarker([p.lat, p.lng], {
        radius: p.class === "A" ? 8 : p.class === "B" ? 6 : 5,
        color: "#fff",
        weight: 1,
        fillColor: CHANNEL_COLORS[p.channel],
        fillOpacity: 0.9,
      });
      marker.bindTooltip(localName(p, locale));
      marker.on("click", () => void navigate({ to: "/outlets/$outletId", params: { outletId: p.id } }));
      marker.addTo(group);
    }
    if (points.length > 0)
      m.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng])), { maxZoom: 15, padding: [24, 24] });
  }, [points, locale, navigate]);

  return (
    <div
      ref={container}
      data-testid="outlet-map"
      data-points={points.length}
      style={{ height: "min(70vh, 640px)", width: "100%", borderRadius: 8, background: "#e9ecef" }}
    />
  );
}
