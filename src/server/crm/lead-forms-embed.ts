// The embed snippet's script (GET /forms/{key}/embed.js): small plain JavaScript, no framework, that a company
// pastes into any HTML page as <script src="https://HOST/forms/KEY/embed.js" async></script>, optionally with
// <div data-bikri-form="KEY"></div> where the form should appear (else right after the script). It draws the form's
// fields with labels in the page's language (<html lang="bn|en">, else the form's), a honeypot input named
// "website" that people never see, reads the UTM parameters and ?ref= from the page's address, posts the
// submission as application/x-www-form-urlencoded (a "simple" cross-origin request: no preflight), and shows the
// thank-you text in an element with data-bikri-thanks (with the download link of a lead magnet).
//
// Stable DOM (the browser test relies on it): form[data-bikri-form] input[name=name|phone|email|company|district],
// textarea[name=message], button[type=submit], [data-bikri-thanks], [data-bikri-error].
import type { PublicFormResponse } from "../../shared/contracts/leads.ts";

export const EMBED_LABELS = {
  en: {
    name: "Your name",
    phone: "Mobile number",
    email: "Email",
    company: "Company",
    district: "District",
    message: "Message",
    submit: "Send",
    sending: "Sending…",
    download: "Download",
    failed: "Could not send. Please try again.",
  },
  bn: {
    name: "আপনার নাম",
    phone: "মোবাইল নম্বর",
    email: "ইমেইল",
    company: "প্রতিষ্ঠান",
    district: "জেলা",
    message: "বার্তা",
    submit: "পাঠান",
    sending: "পাঠানো হচ্ছে…",
    download: "ডাউনলোড করুন",
    failed: "পাঠানো যায়নি। আবার চেষ্টা করুন।",
  },
} as const;

/** JSON that is safe inside a <script>: no "</script>", no line separators that break old parsers. */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

export function embedScript(form: PublicFormResponse): string {
  const config = { form, labels: EMBED_LABELS };
  return `/* Bikri lead form ${form.key} */
(function () {
  "use strict";
  var C = ${scriptJson(config)};
  var F = C.form;
  var script = document.currentScript;
  var origin = "";
  try { origin = new URL(script && script.src ? script.src : location.href).origin; } catch (e) { origin = ""; }
  function lang() {
    var l = (document.documentElement.getAttribute("lang") || "").toLowerCase().slice(0, 2);
    return l === "bn" || l === "en" ? l : F.defaultLocale;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function field(form, L, name, mode, type) {
    if (mode === "hidden") return;
    var id = "bikri-" + F.key + "-" + name;
    var wrap = el("p", { "class": "bikri-field" });
    wrap.appendChild(el("label", { "for": id }, L[name] + (mode === "required" ? " *" : "")));
    wrap.appendChild(document.createElement("br"));
    var input = name === "message"
      ? el("textarea", { id: id, name: name, rows: "4", maxlength: "4000" })
      : el("input", { id: id, name: name, type: type, maxlength: name === "phone" ? "40" : "200" });
    if (mode === "required") input.setAttribute("required", "");
    if (name === "phone") input.setAttribute("inputmode", "tel");
    wrap.appendChild(input);
    form.appendChild(wrap);
  }
  function mount() {
    var L = C.labels[lang()];
    var host = document.querySelector('[data-bikri-form="' + F.key + '"]:not(form)');
    if (!host) {
      host = el("div", { "data-bikri-form-host": F.key });
      if (script && script.parentNode) script.parentNode.insertBefore(host, script.nextSibling);
      else document.body.appendChild(host);
    }
    if (host.querySelector("form[data-bikri-form]")) return;
    if (F.magnet) {
      var title = lang() === "bn" ? F.magnet.titleBn || F.magnet.titleEn : F.magnet.titleEn || F.magnet.titleBn;
      var about = lang() === "bn" ? F.magnet.descriptionBn || F.magnet.descriptionEn : F.magnet.descriptionEn || F.magnet.descriptionBn;
      if (title) host.appendChild(el("h3", {}, title));
      if (about) host.appendChild(el("p", {}, about));
    }
    var form = el("form", { "data-bikri-form": F.key, novalidate: "" });
    field(form, L, "name", "required", "text");
    field(form, L, "phone", F.fields.phone || "hidden", "tel");
    field(form, L, "email", F.fields.email || "hidden", "email");
    field(form, L, "company", F.fields.company || "hidden", "text");
    field(form, L, "district", F.fields.district || "hidden", "text");
    field(form, L, "message", F.fields.message || "hidden", "text");
    // The honeypot: off screen and out of the tab order; people leave it empty, robots fill it.
    var trap = el("div", { "aria-hidden": "true", style: "position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" });
    trap.appendChild(el("input", { type: "text", name: "website", tabindex: "-1", autocomplete: "off" }));
    form.appendChild(trap);
    var error = el("p", { "data-bikri-error": "", role: "alert", style: "color:#c92a2a" });
    error.hidden = true;
    form.appendChild(error);
    var button = el("button", { type: "submit" }, L.submit);
    form.appendChild(button);
    host.appendChild(form);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = new URLSearchParams();
      var inputs = form.querySelectorAll("input, textarea");
      for (var i = 0; i < inputs.length; i++) if (inputs[i].name) body.append(inputs[i].name, inputs[i].value);
      var q = new URLSearchParams(location.search);
      ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "ref"].forEach(function (k) {
        var v = q.get(k);
        if (v) body.append(k, v.slice(0, k === "ref" ? 100 : 200));
      });
      if (document.referrer) body.append("referrer", document.referrer.slice(0, 2000));
      body.append("landing_url", location.href.slice(0, 2000));
      body.append("locale", lang());
      button.disabled = true;
      button.textContent = L.sending;
      error.hidden = true;
      fetch(origin + "/api/v1/public/forms/" + encodeURIComponent(F.key) + "/submissions", {
        method: "POST",
        body: body,
        headers: { "Accept-Language": lang() },
        credentials: "omit",
      })
        .then(function (res) {
          return res.json().then(function (json) { return { ok: res.ok, json: json }; });
        })
        .then(function (r) {
          if (!r.ok) throw new Error((r.json && r.json.error && r.json.error.message) || L.failed);
          var thanks = el("div", { "data-bikri-thanks": "", role: "status" });
          thanks.appendChild(el("p", {}, r.json.message));
          if (r.json.downloadUrl) thanks.appendChild(el("a", { href: r.json.downloadUrl, "data-bikri-download": "", rel: "noopener" }, L.download));
          form.parentNode.replaceChild(thanks, form);
        })
        .catch(function (e) {
          error.textContent = (e && e.message) || L.failed;
          error.hidden = false;
          button.disabled = false;
          button.textContent = L.submit;
        });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
`;
}

/** The page a plain HTML form (no JavaScript) lands on after posting. */
export function thanksPage(message: string, downloadUrl: string | null, locale: "bn" | "en"): string {
  const esc = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
  const link = downloadUrl ? `<p><a href="${esc(downloadUrl)}">${esc(EMBED_LABELS[locale].download)}</a></p>` : "";
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(message)}</title><p data-bikri-thanks>${esc(message)}</p>${link}</html>`;
}
