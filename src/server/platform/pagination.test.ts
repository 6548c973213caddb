import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { AppError, errorSpec } from "./errors.ts";
import { decodeCursor, decodeIdCursor, decodeSortCursor, encodeCursor } from "./pagination.ts";

const expectBadCursor = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("request.bad_cursor");
    return;
  }
  throw new Error("expected request.bad_cursor");
};

describe("cursors", () => {
  it("round-trip any list of strings and numbers", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string({ unit: "grapheme" }),
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
          {
            maxLength: 5,
          },
        ),
        (values) => {
          const cursor = encodeCursor(values);
          expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
          // -0 becomes 0 in JSON, which sorts the same.
          expect(decodeCursor(cursor)).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it("round-trip a name and an id, including Bengali names", () => {
    const id = newId();
    expect(decodeCursor(encodeCursor(["রহিম উদ্দিন", id]))).toEqual(["রহিম উদ্দিন", id]);
    expect(decodeIdCursor(encodeCursor([id]))).toBe(id);
  });

  it.each([
    ["not base64 JSON", "garbage"],
    ["empty", ""],
    ["JSON that is not a list", Buffer.from('{"a":1}').toString("base64url")],
    ["a list with an object in it", Buffer.from('["a",{"b":1}]').toString("base64url")],
    ["a list with null in it", Buffer.from("[null]").toString("base64url")],
    ["a list with a boolean in it", Buffer.from("[true]").toString("base64url")],
    ["a number", Buffer.from("42").toString("base64url")],
    ["truncated", encodeCursor(["abc", 1]).slice(0, -3)],
  ])("refuse garbage (%s) with request.bad_cursor", (_name, cursor) => {
    expectBadCursor(() => decodeCursor(cursor));
  });

  it("refuse anything as an id cursor but exactly one UUID", () => {
    for (const values of [[], ["not-a-uuid"], [newId(), newId()], [1], [`${newId()}x`]])
      expectBadCursor(() => decodeIdCursor(encodeCursor(values)));
    expectBadCursor(() => decodeIdCursor("garbage"));
  });

  it("never fail any other way than request.bad_cursor, whatever the client sends", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (cursor) => {
        try {
          decodeCursor(cursor);
        } catch (err) {
          expect((err as AppError).code).toBe("request.bad_cursor");
        }
        try {
          decodeIdCursor(cursor);
        } catch (err) {
          expect((err as AppError).code).toBe("request.bad_cursor");
        }
      }),
      { seed: 43, numRuns: 500 },
    );
  });

  it("read a sort-key cursor back as the keyset object, and refuse one of another shape", () => {
    const id = newId();
    expect(decodeSortCursor(undefined, "name")).toBeUndefined();
    expect(decodeSortCursor(encodeCursor(["মেঘনা ট্রেডার্স", id]), "name")).toEqual({ name: "মেঘনা ট্রেডার্স", id });
    expect(decodeSortCursor(encodeCursor(["BR-01", id]), "code")).toEqual({ code: "BR-01", id });
    for (const bad of [[id], [3, id], ["a", "not-an-id"], ["a", id, "extra"]])
      expect(() => decodeSortCursor(encodeCursor(bad), "name")).toThrow(AppError);
  });

  it("declare request.bad_cursor as a 400 with messages in both languages", () => {
    const spec = errorSpec("request.bad_cursor");
    expect(spec?.status).toBe(400);
    expect(spec?.bn).toMatch(/[\u0980-\u09FF]/);
    expect(spec?.en).not.toMatch(/[\u0980-\u09FF]/);
  });
});
