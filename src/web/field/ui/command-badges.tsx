// Where a command stands, as a badge, and what the server said about it.
import { useLocaleState } from "../i18n/field-i18n.ts";
import type { CommandState } from "./field-data.tsx";
import { Badge, Notice } from "./ui-kit.tsx";

export function StateBadge(props: { state: CommandState }) {
  const { t } = useLocaleState();
  switch (props.state.state) {
    case "waiting":
      return (
        <Badge tone="warn" testId="field-state">
          {t("sync.stateWaiting")}
        </Badge>
      );
    case "attention":
      return (
        <Badge tone="error" testId="field-state">
          {t("sync.stateAttention")}
        </Badge>
      );
    case "synced":
      return (
        <Badge tone="ok" testId="field-state">
          {t("sync.stateSynced")}
        </Badge>
      );
  }
}

/** What the server said about an applied command (prices changed, far from the outlet...), or why it refused. */
export function Warnings(props: { state: CommandState }) {
  const st = props.state;
  if (st.state === "attention") return <Notice tone="error">{st.entry.error.message}</Notice>;
  if (st.state !== "synced" || !st.entry || st.entry.warnings.length === 0) return null;
  return (
    <>
      {st.entry.warnings.map((w) => (
        <Notice key={w.code} tone="warn" testId="field-warning">
          {w.message}
        </Notice>
      ))}
    </>
  );
}
