// The field app's few building blocks: big touch targets (at least 48 px), plain HTML and one CSS file, so the
// phone downloads no component library.
import type { ButtonHTMLAttributes, ReactNode } from "react";
import type { z } from "zod";
import type { FieldOutlet } from "../../../shared/contracts/field.ts";
import type { Locale } from "../../../shared/locale.ts";
import { issueMessage } from "../../ui/validation-messages.ts";
import { asTFunction, type FieldT } from "../i18n/field-i18n.ts";
import type { FieldFormat } from "./use-field-format.ts";

type ButtonKind = "primary" | "secondary" | "danger" | "ghost";

export function Button(props: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; block?: boolean }) {
  const { kind = "secondary", block, className, type = "button", ...rest } = props;
  return <button type={type} className={`btn btn-${kind}${block ? " btn-block" : ""} ${className ?? ""}`} {...rest} />;
}

export function Card(props: { children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`card ${props.className ?? ""}`} data-testid={props.testId}>
      {props.children}
    </section>
  );
}

export function Notice(props: { tone: "info" | "warn" | "error" | "ok"; children: ReactNode; testId?: string }) {
  return (
    <div
      className={`notice notice-${props.tone}`}
      role={props.tone === "error" ? "alert" : "status"}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  );
}

export function Badge(props: {
  tone?: "info" | "warn" | "error" | "ok" | "muted";
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span className={`badge badge-${props.tone ?? "muted"}`} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

export function ScreenTitle(props: { title: string; subtitle?: string; onBack?: () => void; backLabel?: string }) {
  return (
    <div className="screen-title">
      {props.onBack ? (
        <button
          type="button"
          className="back"
          onClick={props.onBack}
          aria-label={props.backLabel}
          data-testid="field-back"
        >
          ←
        </button>
      ) : null}
      <div>
        <h1>{props.title}</h1>
        {props.subtitle ? <p className="muted">{props.subtitle}</p> : null}
      </div>
    </div>
  );
}

export function LabeledField(props: { label: string; error?: string | undefined; children: ReactNode; hint?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </label>
  );
}

export function Stat(props: { label: string; value: string; tone?: "warn" | "error"; testId?: string }) {
  return (
    <div className={`stat ${props.tone ? `stat-${props.tone}` : ""}`} data-testid={props.testId}>
      <span className="stat-label">{props.label}</span>
      <span className="stat-value">{props.value}</span>
    </div>
  );
}

/** The contract's objections to a command, per field (first path segment inside the payload), in the UI language. */
export function issuesByField(
  issues: readonly z.core.$ZodIssue[],
  t: FieldT,
  fmt: FieldFormat,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path[0] === "payload" ? issue.path.slice(1) : issue.path;
    const key = String(path[0] ?? "_");
    out[key] ??= issueMessage(issue, asTFunction(t), { locale: fmt.locale, number: fmt.number });
  }
  return out;
}

/** The outlet's name in the UI language. */
export const outletName = (o: Pick<FieldOutlet, "name" | "nameBn">, locale: Locale): string =>
  locale === "bn" ? o.nameBn || o.name : o.name;

/** A SKU's or brand's name in the UI language. */
export const localName = (o: { name: string; nameBn: string }, locale: Locale): string =>
  locale === "bn" ? o.nameBn || o.name : o.name;
