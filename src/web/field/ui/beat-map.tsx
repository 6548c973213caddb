// The beat on a map (loaded on demand: Leaflet is not in the first download). Outlets are circle markers in
// visit order, coloured by how the visit went, and the rep is a blue dot. The tile source is the server's
// (the same as the web app's outlet map); without tiles, or offline, the markers still show on a blank map.
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useRef } from "react";
import type { FieldOutlet, GpsFix } from "../../../shared/contracts/field.ts";
import { BANGLADESH_CENTER, BANGLADESH_ZOOM, escapeHtml } from "../../features/network/map-tiles.ts";
import type { ApiCall } from "../api/field-api.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import type { VisitStatus } from "../model/beat-plan.ts";
import type { FieldDb, MapTiles } from "../store/field-db.ts";
import { useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { outletName } from "./ui-kit.tsx";
import { useLive } from "./use-live.ts";

const COLOURS: Record<VisitStatus, string> = {
  pending: "#868e96",
  in_progress: "#1c7ed6",
  order: "#2f9e44",
  no_order: "#e8590c",
};

/** The tile source from the server, kept on the phone; fetched once when first needed. */
async function loadTiles(api: ApiCall, db: FieldDb): Promise<void> {
  if ((await db.getMeta("tiles")) !== undefined || !navigator.onLine) return;
  try {
    // An empty box: only the tile source is wanted, not the points.
    const r = await api<{ tiles: MapTiles | null }>("GET", "/api/v1/outlets/map?bbox=0,0,0.0001,0.0001");
    await db.setMeta("tiles", r.tiles ?? null);
  } catch {
    // No tiles this time: the markers alone still show the beat.
  }
}

export function BeatMap(props: {
  api: ApiCall;
  outlets: FieldOutlet[];
  status: Map<string, { status: VisitStatus }>;
  fix: GpsFix | null;
}) {
  const { locale } = useLocaleState();
  const data = useFieldData();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const me = useRef<L.CircleMarker | null>(null);
  const tiles = useLive(() => data.db.getMeta("tiles"), [data.db], undefined);

  useEffect(() => {
    void loadTiles(props.api, data.db);
  }, [props.api, data.db]);

  useEffect(() => {
    if (!box.current || map.current) return;
    const m = L.map(box.current, { preferCanvas: true, zoomControl: true }).setView(BANGLADESH_CENTER, BANGLADESH_ZOOM);
    markers.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  const tileUrl = tiles?.url;
  const attribution = tiles?.attribution ?? "";
  useEffect(() => {
    const m = map.current;
    if (!m || !tileUrl) return;
    const layer = L.tileLayer(tileUrl, { attribution: escapeHtml(attribution), maxZoom: 19 }).addTo(m);
    return () => {
      layer.remove();
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const m = map.current;
    const group = markers.current;
    if (!m || !group) return;
    group.clearLayers();
    const points: L.LatLngExpression[] = [];
    props.outlets.forEach((o, i) => {
      if (o.lat === null || o.lng === null) return;
      const colour = COLOURS[props.status.get(o.id)?.status ?? "pending"];
      const marker = L.circleMarker([o.lat, o.lng], {
        radius: 9,
        color: "#fff",
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.95,
      });
      marker.bindTooltip(`${i + 1}. ${escapeHtml(outletName(o, locale))}`);
      marker.on("click", () => navigate({ name: "outlet", outletId: o.id }));
      marker.addTo(group);
      points.push([o.lat, o.lng]);
    });
    if (points.length > 0) m.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 17 });
  }, [props.outlets, props.status, locale]);

  useEffect(() => {
    const m = map.current;
    if (!m || !props.fix) return;
    const at: L.LatLngExpression = [props.fix.lat, props.fix.lng];
    if (me.current) me.current.setLatLng(at);
    else
      me.current = L.circleMarker(at, {
        radius: 7,
        color: "#fff",
        weight: 3,
        fillColor: "#1971c2",
        fillOpacity: 1,
      }).addTo(m);
  }, [props.fix]);

  return <div ref={box} className="map-box" data-testid="field-map" />;
}
