// Proposing a new outlet from the field: its details, the phone's GPS point and a photo (shrunk on the phone to
// about 100 KB), for one of the rep's routes. It waits for a manager's approval; the list below shows where each
// proposal stands.
import { useEffect, useRef, useState } from "react";
import type { GpsFix } from "../../../shared/contracts/field.ts";
import { CHANNELS } from "../../../shared/contracts/network.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { type CompressedPhoto, compressPhoto } from "../model/photo-compress.ts";
import { proposeOutlet } from "../store/field-actions.ts";
import { StateBadge } from "./command-badges.tsx";
import { commandState, useFieldData } from "./field-data.tsx";
import { currentFix } from "./geolocation.ts";
import { Badge, Button, Card, issuesByField, LabeledField, localName, Notice, ScreenTitle } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

type Channel = (typeof CHANNELS)[number];

interface Form {
  name: string;
  nameBn: string;
  ownerName: string;
  phone: string;
  channel: Channel;
  address: string;
  routeId: string;
}

const EMPTY: Form = { name: "", nameBn: "", ownerName: "", phone: "", channel: "grocery", address: "", routeId: "" };

export function OnboardScreen(props: { editId?: string | undefined }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const editing = props.editId ? data.attention.find((e) => e.id === props.editId) : undefined;
  const [form, setForm] = useState<Form>(EMPTY);
  const [gps, setGps] = useState<GpsFix | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<CompressedPhoto | null>(null);
  const [photoError, setPhotoError] = useState(false);
  const [compressing, setCompressing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const prefilled = useRef(false);

  useEffect(() => {
    if (prefilled.current || editing?.command.kind !== "outlet.propose") return;
    prefilled.current = true;
    const p = editing.command.payload;
    setForm({
      name: p.name,
      nameBn: p.nameBn,
      ownerName: p.ownerName,
      phone: p.phone,
      channel: p.channel,
      address: p.address,
      routeId: p.routeId,
    });
    setGps(p.gps);
  }, [editing]);

  useEffect(() => {
    if (!form.routeId && data.routes[0]) setForm((f) => ({ ...f, routeId: f.routeId || (data.routes[0]?.id ?? "") }));
  }, [data.routes, form.routeId]);

  useEffect(() => () => (photo ? URL.revokeObjectURL(photo.previewUrl) : undefined), [photo]);

  const locate = async () => {
    setLocating(true);
    setGps(await currentFix());
    setLocating(false);
  };

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    setCompressing(true);
    setPhotoError(false);
    try {
      setPhoto(await compressPhoto(file));
    } catch {
      setPhotoError(true);
    } finally {
      setCompressing(false);
    }
  };

  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const result = await proposeOutlet(
        { db: data.db, userId: data.userId },
        {
          ...form,
          outletClass: "C",
          gps,
          ...(photo && { photo: { contentType: photo.contentType, base64: photo.base64 } }),
        },
        editing,
      );
      if (!result.ok) {
        setErrors(issuesByField(result.issues, t, fmt));
        return;
      }
      setForm({ ...EMPTY, routeId: form.routeId });
      setPhoto(null);
      setGps(null);
      setSaved(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="field-onboard">
      <ScreenTitle title={t("onboard.title")} subtitle={t("onboard.subtitle")} />
      {editing ? <Notice tone="error">{editing.error.message}</Notice> : null}
      {saved ? (
        <Notice tone="ok" testId="field-onboard-saved">
          {t("onboard.saved")}
        </Notice>
      ) : null}
      <Card>
        <LabeledField label={t("onboard.name")} error={errors.name}>
          <input className="input" {...field("name")} data-testid="field-onboard-name" />
        </LabeledField>
        <LabeledField label={t("onboard.nameBn")} error={errors.nameBn}>
          <input className="input" lang="bn" {...field("nameBn")} data-testid="field-onboard-name-bn" />
        </LabeledField>
        <LabeledField label={t("onboard.owner")} error={errors.ownerName}>
          <input className="input" {...field("ownerName")} data-testid="field-onboard-owner" />
        </LabeledField>
        <LabeledField label={t("onboard.phone")} error={errors.phone} hint={t("onboard.phoneHint")}>
          <input className="input" type="tel" inputMode="tel" {...field("phone")} data-testid="field-onboard-phone" />
        </LabeledField>
        <LabeledField label={t("onboard.channel")} error={errors.channel}>
          <select className="input" {...field("channel")} data-testid="field-onboard-channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </LabeledField>
        <LabeledField label={t("onboard.address")} error={errors.address}>
          <textarea className="input" rows={2} {...field("address")} data-testid="field-onboard-address" />
        </LabeledField>
        <LabeledField label={t("onboard.route")} error={errors.routeId}>
          <select className="input" {...field("routeId")} data-testid="field-onboard-route">
            {data.routes.map((r) => (
              <option key={r.id} value={r.id}>
                {localName(r, locale)}
              </option>
            ))}
          </select>
        </LabeledField>
        <div className="gps-row">
          <Button onClick={() => void locate()} disabled={locating} data-testid="field-onboard-gps">
            {locating ? t("day.locating") : t("onboard.useLocation")}
          </Button>
          <span className="muted small" data-testid="field-onboard-gps-value">
            {gps
              ? `${fmt.number(Math.round(gps.lat * 1e5) / 1e5)}, ${fmt.number(Math.round(gps.lng * 1e5) / 1e5)}`
              : t("onboard.noLocation")}
          </span>
        </div>
        <LabeledField label={t("onboard.photo")} hint={t("onboard.photoHint")}>
          <input
            className="input"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void onPhoto(e.target.files?.[0])}
            data-testid="field-onboard-photo"
          />
        </LabeledField>
        {compressing ? <p className="muted">{t("onboard.compressing")}</p> : null}
        {photoError ? <Notice tone="error">{t("onboard.photoFailed")}</Notice> : null}
        {photo ? (
          <div className="photo-preview">
            <img src={photo.previewUrl} alt={t("onboard.photo")} />
            <span className="muted small" data-testid="field-onboard-photo-size" data-bytes={photo.bytes}>
              {fmt.number(Math.round(photo.bytes / 1024))} KB · {fmt.number(photo.width)}×{fmt.number(photo.height)}
            </span>
          </div>
        ) : null}
        {errors._ || errors.photo || errors.gps ? (
          <Notice tone="error">{errors._ ?? errors.photo ?? errors.gps}</Notice>
        ) : null}
        <Button
          kind="primary"
          block
          disabled={busy || compressing}
          onClick={() => void save()}
          data-testid="field-onboard-save"
        >
          {editing ? t("app.resend") : t("onboard.save")}
        </Button>
      </Card>
      <ProposalList />
    </div>
  );
}

function ProposalList() {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  if (data.proposals.length === 0) return null;
  return (
    <Card testId="field-proposals">
      <h2>{t("onboard.mine")}</h2>
      <ul className="plain-list">
        {data.proposals.map((p) => {
          const st = commandState(data, p.commandId);
          const outlet = data.outlets.get(p.id);
          return (
            <li key={p.id} data-testid="field-proposal">
              <strong>{p.nameBn || p.name}</strong> · {p.ownerName} ·{" "}
              <span className="muted small">{fmt.date(p.createdAt)}</span>{" "}
              {outlet && outlet.status === "active" ? (
                <Badge tone="ok">{t("onboard.approved")}</Badge>
              ) : (
                <Badge tone="warn" testId="field-proposal-waiting">
                  {t("onboard.waitingApproval")}
                </Badge>
              )}{" "}
              {st.state === "synced" ? null : <StateBadge state={st} />}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
