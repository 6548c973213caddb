import { describe, expect, it } from "vitest";
import { exportUrl, fileNameOf } from "./use-analytics.ts";

describe("exports", () => {
  it("asks for the report's export with the table's own query", () => {
    expect(exportUrl("sales", "xlsx", { from: "2026-11-01", to: "2026-11-24", by: "outlet", skuId: undefined })).toBe(
      "/api/v1/analytics/sales/export?from=2026-11-01&to=2026-11-24&by=outlet&format=xlsx",
    );
  });

  it("names the file as the server does, Bengali names included", () => {
    expect(fileNameOf('attachment; filename="sales.xlsx"', "x.xlsx")).toBe("sales.xlsx");
    expect(
      fileNameOf(
        "attachment; filename=\"sales.xlsx\"; filename*=UTF-8''%E0%A6%AC%E0%A6%BF%E0%A6%95%E0%A7%8D%E0%A6%B0%E0%A6%BF.xlsx",
        "x.xlsx",
      ),
    ).toBe("বিক্রি.xlsx");
    expect(fileNameOf(null, "sales.csv")).toBe("sales.csv");
    expect(fileNameOf("attachment", "sales.csv")).toBe("sales.csv");
  });
});
