// Human text, in English and Bengali, of what a trade scheme gave (the label on a memo line) and of why a
// scheme gave nothing (the answer to "why did this scheme not apply?"). Pure: the server, the web app and the
// field app show the same words. Bengali text uses Bengali digits.
import { formatDate, formatMoney, formatNumber } from "../format.ts";
import type { SchemeBenefit, SchemeSkipReason } from "./scheme-types.ts";

export interface Bilingual {
  en: string;
  bn: string;
}

/** Optional lookups that turn ids into names; without them the id itself is shown. */
export interface ExplainNames {
  /** A scheme's code (or name) by id, for "blocked by ...". */
  scheme?: (schemeId: string) => string | undefined;
  /** A SKU's name by id, for free goods and missing bundle components. */
  sku?: (skuId: string) => string | undefined;
}

const num = (n: number, locale: "en" | "bn") => formatNumber(n, locale);
const percent = (bp: number, locale: "en" | "bn") => num(bp / 100, locale);

/**
 * What a benefit gives, times the multiplier (repeating slabs, bundle sets; percent never multiplies):
 * "SUMMER10: 10 % off" / "SUMMER10: ১০% ছাড়", "EID50: ৳100 off" / "EID50: ৳১০০ ছাড়",
 * "B12G1: 2 free" / "B12G1: ২টি ফ্রি".
 */
export function benefitText(code: string, benefit: SchemeBenefit, multiplier = 1): Bilingual {
  switch (benefit.type) {
    case "percent":
      return { en: `${code}: ${percent(benefit.bp, "en")} % off`, bn: `${code}: ${percent(benefit.bp, "bn")}% ছাড়` };
    case "flat": {
      const poisha = benefit.poisha * multiplier;
      return { en: `${code}: ${formatMoney(poisha, "en")} off`, bn: `${code}: ${formatMoney(poisha, "bn")} ছাড়` };
    }
    case "free_goods": {
      const qty = benefit.qty * multiplier;
      return { en: `${code}: ${num(qty, "en")} free`, bn: `${code}: ${num(qty, "bn")}টি ফ্রি` };
    }
  }
}

/** Why a scheme gave nothing on this memo, in both languages. */
export function skipReasonText(reason: SchemeSkipReason, names: ExplainNames = {}): Bilingual {
  const sku = (id: string) => names.sku?.(id) ?? id;
  switch (reason.code) {
    case "wrong_facing":
      return {
        en: "It is for the other kind of order (outlet memos or distributor orders).",
        bn: "এটি অন্য ধরনের অর্ডারের জন্য (আউটলেটের মেমো বা ডিস্ট্রিবিউটরের অর্ডার)।",
      };
    case "not_in_period":
      return {
        en: `It runs from ${formatDate(reason.validFrom, "en")} to ${formatDate(reason.validTo, "en")}; the order date is outside.`,
        bn: `এটি ${formatDate(reason.validFrom, "bn")} থেকে ${formatDate(reason.validTo, "bn")} পর্যন্ত চলে; অর্ডারের তারিখ এর বাইরে।`,
      };
    case "not_targeted": {
      const field: Record<typeof reason.field, Bilingual> = {
        territory: { en: "territory", bn: "এলাকা" },
        channel: { en: "channel", bn: "চ্যানেল" },
        outlet_class: { en: "outlet class", bn: "আউটলেটের শ্রেণি" },
        distributor: { en: "distributor", bn: "ডিস্ট্রিবিউটর" },
        outlet: { en: "outlet", bn: "আউটলেট" },
      };
      return {
        en: `It is not meant for this ${field[reason.field].en}.`,
        bn: `এটি এই ${field[reason.field].bn}-এর জন্য নয়।`,
      };
    }
    case "no_qualifying_lines":
      return {
        en: "The order has none of the products it covers.",
        bn: "অর্ডারে এর আওতার কোনো পণ্য নেই।",
      };
    case "below_threshold":
      return reason.measure === "qty"
        ? {
            en: `It needs ${num(reason.need, "en")} units; the order has ${num(reason.have, "en")}.`,
            bn: `এর জন্য ${num(reason.need, "bn")} ইউনিট লাগে; অর্ডারে আছে ${num(reason.have, "bn")}।`,
          }
        : {
            en: `It needs ${formatMoney(reason.need, "en")} worth; the order has ${formatMoney(reason.have, "en")}.`,
            bn: `এর জন্য ${formatMoney(reason.need, "bn")} মূল্যের কেনা লাগে; অর্ডারে আছে ${formatMoney(reason.have, "bn")}।`,
          };
    case "bundle_incomplete":
      return {
        en: `The combo is incomplete: ${reason.missing
          .map((m) => `${sku(m.skuId)} ${num(m.have, "en")} of ${num(m.need, "en")}`)
          .join(", ")}.`,
        bn: `কম্বো পূর্ণ হয়নি: ${reason.missing
          .map((m) => `${sku(m.skuId)} ${num(m.need, "bn")}টির মধ্যে ${num(m.have, "bn")}টি`)
          .join(", ")}।`,
      };
    case "blocked_by_exclusive": {
      const other = names.scheme?.(reason.schemeId) ?? reason.schemeId;
      return {
        en: `It cannot be combined with ${other}, which already applies to these products.`,
        bn: `এটি ${other}-এর সাথে একসাথে চলে না, যা এই পণ্যগুলোতে আগেই প্রযোজ্য।`,
      };
    }
    case "budget_exhausted":
      return { en: "Its budget is used up.", bn: "এর বাজেট শেষ হয়ে গেছে।" };
    case "outlet_cap_reached":
      return {
        en: "This outlet has already had as much of it as allowed.",
        bn: "এই আউটলেট এটি যতবার পেতে পারে ততবার পেয়ে গেছে।",
      };
    case "nothing_to_give":
      return {
        en: "Its condition is met, but earlier schemes left nothing on these lines for it to give.",
        bn: "শর্ত পূরণ হয়েছে, কিন্তু আগের স্কিমগুলোর পরে এই লাইনগুলোতে দেওয়ার মতো কিছু বাকি নেই।",
      };
    case "free_goods_unpriced":
      return {
        en: `The free product ${sku(reason.skuId)} has no price for this order, so it cannot be added.`,
        bn: `ফ্রি পণ্য ${sku(reason.skuId)}-এর এই অর্ডারের জন্য কোনো দাম নেই, তাই এটি যোগ করা যায়নি।`,
      };
  }
}
