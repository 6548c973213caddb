import { describe, expect, it } from "vitest";
import { defineErrors, localizedMessage } from "./errors.ts";

const Samples = defineErrors({
  sample: {
    code: "test.sample_message",
    status: 422,
    en: "Line {line}: {skuCode} is {distanceM} m away; limit {limit:money}.",
    bn: "লাইন {line}: {skuCode} {distanceM} মিটার দূরে; সীমা {limit:money}।",
  },
});

describe("localizedMessage", () => {
  const details = { line: 12, skuCode: "CBG-002", distanceM: 7834, limit: 1_400_050 };

  it("shows numbers in Bengali digits in Bengali, and leaves codes as typed", () => {
    expect(Samples.sample(details).code).toBe("test.sample_message");
    expect(localizedMessage("test.sample_message", "bn", details)).toBe(
      "লাইন ১২: CBG-002 ৭৮৩৪ মিটার দূরে; সীমা ৳১৪,০০০.৫০।",
    );
  });

  it("shows poisha amounts as taka in English", () => {
    expect(localizedMessage("test.sample_message", "en", details)).toBe(
      "Line 12: CBG-002 is 7834 m away; limit ৳14,000.50.",
    );
  });

  it("leaves a placeholder without a detail as it is", () => {
    expect(localizedMessage("test.sample_message", "en", { line: 1 })).toContain("{skuCode}");
  });
});
