import { describe, expect, it } from "vitest";
import { isPrivateAddress, targetProblem } from "./webhook-targets.ts";

describe("webhook targets", () => {
  it("knows private, loopback, link-local and reserved addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "127.9.9.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::7f00:1",
      "not an address",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
  });

  it("lets public addresses through", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "103.4.145.2", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  const resolveTo = (addresses: string[]) => async () => addresses;
  const strict = { allowPrivateTargets: false };

  it("refuses literal private addresses and local names without asking DNS", async () => {
    const resolve = async () => {
      throw new Error("DNS must not be asked");
    };
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://[::1]/hook",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://localhost:3000/",
      "https://api.localhost/",
      "https://printer.local/",
      "http://metadata.google.internal/",
      "http://169.254.169.254/latest/meta-data/",
    ])
      expect(await targetProblem(url, { ...strict, resolve }), url).toBe("private");
  });

  it("refuses a name that resolves to a private address, even one of several", async () => {
    expect(await targetProblem("https://hooks.example.com/x", { ...strict, resolve: resolveTo(["10.0.0.5"]) })).toBe(
      "private",
    );
    expect(
      await targetProblem("https://hooks.example.com/x", { ...strict, resolve: resolveTo(["8.8.8.8", "127.0.0.1"]) }),
    ).toBe("private");
  });

  it("accepts a name that resolves to public addresses only", async () => {
    expect(
      await targetProblem("https://hooks.example.com/x", { ...strict, resolve: resolveTo(["93.184.215.14"]) }),
    ).toBeNull();
  });

  it("says when a name does not resolve", async () => {
    const fail = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await targetProblem("https://nowhere.example/", { ...strict, resolve: fail })).toBe("unresolvable");
  });

  it("allows anything when the operator allows private targets (development, tests, a LAN install)", async () => {
    expect(await targetProblem("http://127.0.0.1:9/", { allowPrivateTargets: true })).toBeNull();
  });
});
