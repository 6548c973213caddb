import { z } from "zod";
import { LOCALES } from "../locale.ts";

export const LocaleSchema = z.enum(LOCALES);

/** A "|"-joined message carries English and Bengali; the server shows the caller's language. */
export const PageQuery = z.strictObject({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const IdParams = z.strictObject({ id: z.uuid() });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const Timestamp = z.iso.datetime({ offset: true });

/** A calendar date, YYYY-MM-DD. There is no year 0 (PostgreSQL refuses it), so 0000-… is refused here. */
export const IsoDate = z.iso.date().refine((d) => !d.startsWith("0000-"), {
  message: "There is no year 0: give a date in year 1 or later|শূন্য সাল বলে কোনো সাল নেই; ১ সাল বা তার পরের তারিখ দিন",
});
