import { describe, expect, it } from "vitest";
import { parseDealsSearch, parseForecastSearch } from "./deals-routes.tsx";

describe("deals URLs", () => {
  it("keeps the filters it knows and drops the rest", () => {
    expect(
      parseDealsSearch({
        view: "list",
        pipelineId: "01a21055-b8df-74af-b6a4-040ae2fb477c",
        mine: "true",
        status: "won",
        q: "tea",
        sort: "amount",
        dir: "asc",
      }),
    ).toEqual({
      view: "list",
      pipelineId: "01a21055-b8df-74af-b6a4-040ae2fb477c",
      mine: true,
      status: "won",
      q: "tea",
      sort: "amount",
      dir: "asc",
    });
    expect(parseDealsSearch({ view: "grid", pipelineId: "x", status: "maybe", sort: "drop table" })).toEqual({
      view: undefined,
      pipelineId: undefined,
      mine: undefined,
      status: undefined,
      q: undefined,
      sort: undefined,
      dir: undefined,
    });
    expect(parseForecastSearch({ from: "2026-13", months: "30" })).toEqual({
      pipelineId: undefined,
      from: undefined,
      months: undefined,
    });
    expect(parseForecastSearch({ from: "2026-11", months: 3 })).toMatchObject({ from: "2026-11", months: 3 });
  });
});
