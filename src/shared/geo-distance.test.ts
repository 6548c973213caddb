import { describe, expect, it } from "vitest";
import { distanceMetres } from "./geo-distance.ts";

describe("distanceMetres", () => {
  it("is zero for the same point and symmetric", () => {
    const a = { lat: 23.8103, lng: 90.4125 };
    const b = { lat: 23.7104, lng: 90.4074 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBe(distanceMetres(b, a));
  });

  it("matches known distances", () => {
    // One degree of latitude along a meridian is 111.2 km on the mean sphere.
    expect(distanceMetres({ lat: 23, lng: 90 }, { lat: 24, lng: 90 })).toBe(111_195);
    // Dhaka (Zero Point) to Chattogram (GEC circle): about 214 km as the crow flies.
    const km = distanceMetres({ lat: 23.7296, lng: 90.4105 }, { lat: 22.3592, lng: 91.8217 }) / 1000;
    expect(km).toBeGreaterThan(205);
    expect(km).toBeLessThan(215);
  });

  it("resolves the check-in radius: about 100 m is 0.0009 degrees of latitude", () => {
    expect(distanceMetres({ lat: 23.75, lng: 90.39 }, { lat: 23.7509, lng: 90.39 })).toBe(100);
  });
});
