// vCard 3.0 and 4.0 (RFC 2426, RFC 6350), as phones and mail programs export contacts: several cards per file,
// folded lines (a line starting with a space or tab continues the one before), property groups (item1.TEL),
// parameters (TEL;TYPE=CELL:...), escaped text (\, \; \n) and QUOTED-PRINTABLE from old Android exports.
// Only what a lead needs is read: FN, N, TEL, EMAIL, ORG, TITLE, NOTE.

export interface VCard {
  /** The 1-based line of the file where the card begins (BEGIN:VCARD), for error messages. */
  line: number;
  name: string | null;
  phones: string[];
  emails: string[];
  org: string | null;
  title: string | null;
  note: string | null;
}

export interface VCardProblem {
  line: number;
  code: "unterminated" | "outside_card";
}

/** Lines unfolded, each with the number of the line it started on. */
function unfold(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const raw = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  raw.forEach((l, i) => {
    const last = out[out.length - 1];
    if ((l.startsWith(" ") || l.startsWith("\t")) && last) last.text += l.slice(1);
    // Quoted-printable soft line break: the line ends with "=" and continues on the next.
    else if (last?.text.endsWith("=") && /ENCODING=QUOTED-PRINTABLE/i.test(last.text.split(":")[0] ?? ""))
      last.text = last.text.slice(0, -1) + l;
    else out.push({ line: i + 1, text: l });
  });
  return out;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** Splits on unescaped ";" (structured values such as N and ORG). */
function components(v: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === "\\" && i + 1 < v.length) {
      cur += c + v[i + 1];
      i++;
    } else if (c === ";") {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts.map(unescapeText);
}

function decodeQuotedPrintable(v: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const hex = v.slice(i + 1, i + 3);
    if (v[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(v.charCodeAt(i) & 0xff);
  }
  try {
    return new TextDecoder(charset || "utf-8").decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder("utf-8").decode(new Uint8Array(bytes));
  }
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

function parseProperty(line: string): Property | null {
  // The value starts after the first ":" outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [head = "", ...paramParts] = line.slice(0, colon).split(";");
  const name = (head.includes(".") ? head.slice(head.lastIndexOf(".") + 1) : head).toUpperCase();
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    const eq = p.indexOf("=");
    // vCard 2.1 style bare parameters (TEL;CELL:...) are types.
    if (eq < 0) params[p.toUpperCase()] = "";
    else params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  let value = line.slice(colon + 1);
  if ((params.ENCODING ?? "").toUpperCase() === "QUOTED-PRINTABLE")
    value = decodeQuotedPrintable(value, params.CHARSET ?? "utf-8");
  return { name, params, value };
}

const clean = (s: string | undefined): string | null => {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
};

/** Every card of a file, and the lines that break the file's shape. */
export function parseVCards(text: string): { cards: VCard[]; problems: VCardProblem[] } {
  const cards: VCard[] = [];
  const problems: VCardProblem[] = [];
  let card: (VCard & { n: string | null }) | null = null;
  for (const { line, text: l } of unfold(text)) {
    if (l.trim() === "") continue;
    const upper = l.trim().toUpperCase();
    if (upper === "BEGIN:VCARD") {
      if (card) problems.push({ line: card.line, code: "unterminated" });
      card = { line, name: null, n: null, phones: [], emails: [], org: null, title: null, note: null };
      continue;
    }
    if (upper === "END:VCARD") {
      if (!card) {
        problems.push({ line, code: "outside_card" });
        continue;
      }
      const { n, ...rest } = card;
      cards.push({ ...rest, name: rest.name ?? n });
      card = null;
      continue;
    }
    if (!card) {
      problems.push({ line, code: "outside_card" });
      continue;
    }
    const p = parseProperty(l);
    if (!p) continue;
    switch (p.name) {
      case "FN":
        card.name = clean(unescapeText(p.value));
        break;
      case "N": {
        // family;given;additional;prefix;suffix -> "prefix given additional family suffix"
        const [family, given, additional, prefix, suffix] = components(p.value);
        card.n = clean([prefix, given, additional, family, suffix].filter(Boolean).join(" "));
        break;
      }
      case "TEL": {
        const v = clean(p.value.replace(/^tel:/i, ""));
        if (v) card.phones.push(v);
        break;
      }
      case "EMAIL": {
        const v = clean(p.value.replace(/^mailto:/i, ""));
        if (v) card.emails.push(v);
        break;
      }
      case "ORG":
        card.org = clean(components(p.value).filter(Boolean).join(", "));
        break;
      case "TITLE":
        card.title = clean(unescapeText(p.value));
        break;
      case "NOTE":
        card.note = unescapeText(p.value).trim() || null;
        break;
    }
  }
  if (card) problems.push({ line: card.line, code: "unterminated" });
  return { cards, problems };
}
