// Pure display logic of the leads screens: status colours, a UTM line, the embed snippet an admin copies, the
// public page's address, and which form fields to draw.
import type { FieldMode, LeadResponse, LeadStatus } from "../../../shared/contracts/leads.ts";
import { LEAD_FORM_FIELDS } from "../../../shared/contracts/leads.ts";

export const STATUS_COLOR: Record<LeadStatus, string> = {
  new: "blue",
  contacted: "cyan",
  qualified: "teal",
  unqualified: "gray",
  converted: "green",
  merged: "violet",
};

/** "facebook / cpc / winter-2026" from the parts given; null when the lead came with none. */
export function utmLine(utm: LeadResponse["utm"]): string | null {
  const parts = [utm.source, utm.medium, utm.campaign].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" / ") : null;
}

/** Whether a lead can still change (converted and merged leads are closed). */
export const isOpenLead = (l: Pick<LeadResponse, "status">): boolean =>
  l.status !== "converted" && l.status !== "merged";

/** The snippet a company pastes into its site: the script, and where the form goes. */
export function embedSnippet(origin: string, key: string): string {
  const base = origin.replace(/\/+$/, "");
  return `<div data-bikri-form="${key}"></div>\n<script src="${base}/forms/${key}/embed.js" async></script>`;
}

/** A plain HTML form that works without JavaScript (it posts straight to the API and lands on a thank-you page). */
export function plainHtmlForm(origin: string, key: string, fields: Record<string, FieldMode>): string {
  const base = origin.replace(/\/+$/, "");
  const inputs = [
    '  <input name="name" required placeholder="Name">',
    ...LEAD_FORM_FIELDS.filter((f) => fields[f] && fields[f] !== "hidden").map((f) => {
      const req = fields[f] === "required" ? " required" : "";
      return f === "message"
        ? `  <textarea name="message"${req}></textarea>`
        : `  <input name="${f}"${f === "email" ? ' type="email"' : ""}${req} placeholder="${f}">`;
    }),
    '  <input name="website" style="display:none" tabindex="-1" autocomplete="off">',
    '  <button type="submit">Send</button>',
  ];
  return `<form method="post" action="${base}/api/v1/public/forms/${key}/submissions">\n${inputs.join("\n")}\n</form>`;
}

export const magnetPageUrl = (origin: string, key: string): string => `${origin.replace(/\/+$/, "")}/m/${key}`;

/** The fields a public form draws, in order, with their mode (name always, required). */
export function visibleFields(fields: Record<string, FieldMode>): { name: string; mode: "optional" | "required" }[] {
  return [
    { name: "name", mode: "required" as const },
    ...LEAD_FORM_FIELDS.flatMap((f) => {
      const m = fields[f];
      return m === "optional" || m === "required" ? [{ name: f, mode: m }] : [];
    }),
  ];
}
