// Two-step sign-in end to end over HTTP: set-up, the two sign-in steps, recovery codes, lockout, turning it
// off, the org's policy limiting sessions, an administrator's reset, and another org that cannot touch any
// of it. Codes are computed here from the secret the API hands out, the way an authenticator app does.
// Each code's 30-second step is used up when accepted, so the clock (Date only) is moved on a step before
// each new code: the server must accept it exactly as it would half a minute later in real life.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  PASSWORD,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";
import { sha256 } from "./secrets.ts";
import { base32Decode, hotp, totpStep } from "./totp.ts";

describe("two-step sign-in (TOTP)", () => {
  let t: TestApp;
  const db = () => t.database.handle.db;
  let clock = 0;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: "3", LOGIN_LOCK_MINUTES: "15" });
    clock = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(clock);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  /** On to the next 30-second step, so that a fresh code exists. */
  const nextStep = () => {
    clock += 30_000;
    vi.setSystemTime(clock);
  };
  const codeNow = (secret: Buffer) => hotp(secret, totpStep(Date.now()));
  const wrongCode = (secret: Buffer) => String((Number(codeNow(secret)) + 1) % 1_000_000).padStart(6, "0");

  const post = (url: string, payload: object, lang = "en") =>
    t.app.inject({ method: "POST", url, headers: { "accept-language": lang }, payload });
  const passwordStep = (email: string, password = PASSWORD, lang = "en") =>
    post("/api/v1/auth/sign-in", { email, password }, lang);
  const codeStep = (body: object, lang = "en") => post("/api/v1/auth/sign-in/totp", body, lang);

  /** A caller from a session cookie, like test-app's signIn. */
  function callerFrom(res: { cookies: { name: string; value: string }[]; json(): unknown }): Caller {
    const session = must(
      res.cookies.find((c) => c.name === "bikri_session"),
      "session cookie",
    );
    const cookie = `bikri_session=${session.value}`;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return {
      cookie,
      csrf,
      request: (method, url, body, headers = {}) =>
        t.app.inject({
          method,
          url,
          headers: { cookie, "x-csrf-token": csrf, ...headers },
          ...(body !== undefined && { payload: body as object }),
        }),
    };
  }

  /** Sets up and confirms two-step sign-in for a signed-in caller; returns the seed and recovery codes. */
  async function enable(caller: Caller): Promise<{ secret: Buffer; recoveryCodes: string[] }> {
    const setup = await caller.request("POST", "/api/v1/auth/totp/setup");
    expect(setup.statusCode, setup.body).toBe(200);
    const secret = base32Decode(setup.json().secret);
    nextStep();
    const res = await caller.request("POST", "/api/v1/auth/totp/enable", { code: codeNow(secret) });
    expect(res.statusCode, res.body).toBe(200);
    return { secret, recoveryCodes: res.json().recoveryCodes };
  }

  /** Both steps with a fresh code. */
  async function signInTwoStep(email: string, secret: Buffer): Promise<Caller> {
    const first = await passwordStep(email);
    expect(first.statusCode, first.body).toBe(200);
    nextStep();
    const res = await codeStep({ challenge: first.json().challenge, code: codeNow(secret) });
    expect(res.statusCode, res.body).toBe(200);
    return callerFrom(res);
  }

  const auditOf = (orgId: string, entityId: string, action: string) =>
    db()
      .selectFrom("audit_log")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("entity_id", "=", entityId)
      .where("action", "=", action)
      .orderBy("id")
      .execute();

  const managerEmail = `manager@${ORG_A_DOMAIN}`;
  let managerSecret: Buffer;
  let managerSecretText = "";
  let managerCodes: string[];

  it("sets up with a secret and an otpauth URI, and stores the secret only encrypted", async () => {
    const manager = await signIn(t.app, managerEmail);
    const before = await manager.request("GET", "/api/v1/auth/totp");
    expect(before.json()).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, requiredByOrg: false });

    const res = await manager.request("POST", "/api/v1/auth/totp/setup");
    expect(res.statusCode).toBe(200);
    const { secret, otpauthUri, issuer, account } = res.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(issuer).toBe("Bikri");
    expect(account).toBe(managerEmail);
    expect(otpauthUri).toBe(
      `otpauth://totp/Bikri:${encodeURIComponent(managerEmail)}?secret=${secret}&issuer=Bikri&algorithm=SHA1&digits=6&period=30`,
    );

    const row = await db()
      .selectFrom("user_totp")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.manager)
      .executeTakeFirstOrThrow();
    expect(row.enabled_at).toBeNull();
    const seed = base32Decode(secret);
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    for (const form of [secret, seed.toString("hex"), seed.toString("base64"), seed.toString("base64url")])
      expect(row.secret_ciphertext).not.toContain(form);

    // Not yet confirmed: sign-in is still one step, and the status says off.
    expect((await passwordStep(managerEmail)).json().user.email).toBe(managerEmail);
    expect((await manager.request("GET", "/api/v1/auth/totp")).json().enabled).toBe(false);
    managerSecret = seed;
    managerSecretText = secret;
  });

  it("enables only with a right code, and returns ten recovery codes that are stored hashed", async () => {
    const manager = await signIn(t.app, managerEmail);
    nextStep();
    const wrong = await manager.request(
      "POST",
      "/api/v1/auth/totp/enable",
      { code: wrongCode(managerSecret) },
      { "accept-language": "bn" },
    );
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe("auth.totp_wrong_code");
    expect(hasBengali(wrong.json().error.message)).toBe(true);

    const notDigits = await manager.request("POST", "/api/v1/auth/totp/enable", { code: "12ab56" });
    expect(notDigits.statusCode).toBe(400);
    expect(errorCode(notDigits)).toBe("request.invalid");

    const ok = await manager.request("POST", "/api/v1/auth/totp/enable", { code: codeNow(managerSecret) });
    expect(ok.statusCode).toBe(200);
    managerCodes = ok.json().recoveryCodes;
    expect(managerCodes).toHaveLength(10);
    expect(new Set(managerCodes).size).toBe(10);

    const status = (await manager.request("GET", "/api/v1/auth/totp")).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredByOrg: false });
    expect(Date.parse(status.enabledAt)).not.toBeNaN();

    const stored = await db()
      .selectFrom("user_recovery_codes")
      .select(["code_hash", "used_at"])
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.manager)
      .execute();
    expect(stored).toHaveLength(10);
    const hashes = stored.map((r) => r.code_hash).join(" ");
    for (const code of managerCodes) {
      expect(hashes).not.toContain(code);
      expect(hashes).not.toContain(code.replace("-", ""));
    }

    // Once on, set-up and enable refuse: a second secret would silently replace the first.
    expect(errorCode(await manager.request("POST", "/api/v1/auth/totp/setup"))).toBe("auth.totp_already_enabled");
    nextStep();
    const again = await manager.request("POST", "/api/v1/auth/totp/enable", { code: codeNow(managerSecret) });
    expect(again.statusCode).toBe(409);

    const audit = [
      ...(await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "totp_setup")),
      ...(await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "totp_enable")),
    ];
    expect(audit.map((a) => a.action)).toEqual(["totp_setup", "totp_enable"]);
    const logged = JSON.stringify(audit);
    expect(logged).not.toContain(managerSecretText);
    for (const code of managerCodes) expect(logged).not.toContain(code);
  });

  it("asks for a code after the password: no session until then, and neither challenge nor code works twice", async () => {
    const first = await passwordStep(managerEmail);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body).toEqual({ mfaRequired: true, challenge: expect.any(String), expiresAt: expect.any(String) });
    expect(first.cookies).toEqual([]);
    expect(Date.parse(body.expiresAt) - Date.now()).toBe(5 * 60_000);
    const [orgPart, secretPart] = body.challenge.split(".");
    expect(orgPart).toBe(t.orgA.orgId);
    const stored = await db()
      .selectFrom("mfa_challenges")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("token_hash", "=", sha256(secretPart))
      .executeTakeFirstOrThrow();
    expect(stored.user_id).toBe(t.orgA.usersByRole.manager);

    nextStep();
    const code = codeNow(managerSecret);
    const done = await codeStep({ challenge: body.challenge, code });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ user: { email: managerEmail }, mfaSetupRequired: false });
    const caller = callerFrom(done);
    expect((await caller.request("GET", "/api/v1/auth/session")).statusCode).toBe(200);

    // The challenge was used up with the sign-in.
    nextStep();
    const reuse = await codeStep({ challenge: body.challenge, code: codeNow(managerSecret) }, "bn");
    expect(reuse.statusCode).toBe(401);
    expect(errorCode(reuse)).toBe("auth.mfa_challenge_invalid");
    expect(hasBengali(reuse.json().error.message)).toBe(true);

    // The same code on a new challenge: refused (its time step is spent), though still inside the window.
    vi.setSystemTime(clock - 30_000);
    const replay = await codeStep({ challenge: (await passwordStep(managerEmail)).json().challenge, code });
    vi.setSystemTime(clock);
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe("auth.totp_invalid");

    // Two sign-ins at once with one code: exactly one gets in.
    nextStep();
    const racing = codeNow(managerSecret);
    const [c1, c2] = [
      (await passwordStep(managerEmail)).json().challenge,
      (await passwordStep(managerEmail)).json().challenge,
    ];
    const raced = await Promise.all([
      codeStep({ challenge: c1, code: racing }),
      codeStep({ challenge: c2, code: racing }),
    ]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    await db()
      .updateTable("users")
      .set({ failed_logins: 0 })
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", t.orgA.usersByRole.manager)
      .execute();

    // Typed in Bengali digits with a space, a fresh code is fine.
    nextStep();
    const bengali = codeNow(managerSecret)
      .replace(/\d/g, (d) => String.fromCharCode(0x09e6 + Number(d)))
      .replace(/^(...)/, "$1 ");
    const ok = await codeStep({ challenge: (await passwordStep(managerEmail)).json().challenge, code: bengali });
    expect(ok.statusCode, ok.body).toBe(200);

    const signIns = await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "sign_in");
    expect(signIns.at(-1)?.after).toEqual({ secondStep: "totp" });
  });

  it("accepts each recovery code once, however it is typed", async () => {
    const code = must(managerCodes[0], "a recovery code");
    const typed = ` ${code.toUpperCase().replace("-", " ")} `;
    const first = await codeStep({
      challenge: (await passwordStep(managerEmail)).json().challenge,
      recoveryCode: typed,
    });
    expect(first.statusCode, first.body).toBe(200);
    const caller = callerFrom(first);
    expect((await caller.request("GET", "/api/v1/auth/totp")).json().recoveryCodesLeft).toBe(9);
    const signIns = await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "sign_in");
    expect(signIns.at(-1)?.after).toEqual({ secondStep: "recovery_code", recoveryCodesLeft: 9 });

    const again = await codeStep({
      challenge: (await passwordStep(managerEmail)).json().challenge,
      recoveryCode: code,
    });
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe("auth.totp_invalid");

    // Exactly one of code and recovery code.
    const challenge = (await passwordStep(managerEmail)).json().challenge;
    for (const bad of [{ challenge }, { challenge, code: codeNow(managerSecret), recoveryCode: managerCodes[1] }]) {
      const res = await codeStep(bad, "bn");
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
      expect(hasBengali(res.json().error.message)).toBe(true);
    }
    // Clear the failure count that the refused recovery code added, for the tests after.
    await db()
      .updateTable("users")
      .set({ failed_logins: 0 })
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", t.orgA.usersByRole.manager)
      .execute();
  });

  it("refuses a challenge that expired, or that is moved to another org", async () => {
    const challenge: string = (await passwordStep(managerEmail)).json().challenge;
    const moved = `${t.orgB.orgId}.${challenge.split(".")[1]}`;
    nextStep();
    expect(errorCode(await codeStep({ challenge: moved, code: codeNow(managerSecret) }))).toBe(
      "auth.mfa_challenge_invalid",
    );
    expect(errorCode(await codeStep({ challenge: "not-a-challenge-at-all-xx", code: "123456" }))).toBe(
      "auth.mfa_challenge_invalid",
    );
    vi.setSystemTime(clock + 5 * 60_000 + 1);
    const late = await codeStep({ challenge, code: hotp(managerSecret, totpStep(clock + 5 * 60_000 + 1)) });
    vi.setSystemTime(clock);
    expect(late.statusCode).toBe(401);
    expect(errorCode(late)).toBe("auth.mfa_challenge_invalid");
  });

  it("counts wrong codes toward the lockout, which the password step does not reset, and voids the challenge", async () => {
    const email = `rep@${ORG_A_DOMAIN}`;
    const rep = await signIn(t.app, email);
    const { secret } = await enable(rep);

    let challenge: string = (await passwordStep(email)).json().challenge;
    nextStep();
    expect(errorCode(await codeStep({ challenge, code: wrongCode(secret) }))).toBe("auth.totp_invalid");
    expect(errorCode(await codeStep({ challenge, recoveryCode: "zzzzz-zzzzz" }))).toBe("auth.totp_invalid");
    // The right password again gives a new challenge but keeps the count: the third wrong code locks.
    challenge = (await passwordStep(email)).json().challenge;
    const third = await codeStep({ challenge, code: wrongCode(secret) }, "bn");
    expect(third.statusCode).toBe(423);
    expect(errorCode(third)).toBe("auth.locked");
    expect(hasBengali(third.json().error.message)).toBe(true);

    const lock = await auditOf(t.orgA.orgId, t.orgA.usersByRole.rep, "lock");
    expect(lock.map((a) => a.after)).toEqual([{ reason: "too_many_wrong_codes", failures: 3 }]);
    const open = await db()
      .selectFrom("mfa_challenges")
      .select("token_hash")
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.rep)
      .execute();
    expect(open).toEqual([]);
    // Even the right code cannot finish now, nor can the password start again.
    expect(errorCode(await codeStep({ challenge, code: codeNow(secret) }))).toBe("auth.mfa_challenge_invalid");
    expect((await passwordStep(email)).statusCode).toBe(423);
  });

  it("replaces the recovery codes given a code; the old ones stop working", async () => {
    const manager = await signInTwoStep(managerEmail, managerSecret);
    const wrong = await manager.request("POST", "/api/v1/auth/totp/recovery-codes", { code: wrongCode(managerSecret) });
    expect(errorCode(wrong)).toBe("auth.totp_wrong_code");
    nextStep();
    const res = await manager.request("POST", "/api/v1/auth/totp/recovery-codes", { code: codeNow(managerSecret) });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => managerCodes.includes(c))).toEqual([]);
    expect((await manager.request("GET", "/api/v1/auth/totp")).json().recoveryCodesLeft).toBe(10);

    const old = await codeStep({
      challenge: (await passwordStep(managerEmail)).json().challenge,
      recoveryCode: must(managerCodes[2], "old code"),
    });
    expect(errorCode(old)).toBe("auth.totp_invalid");
    const ok = await codeStep({
      challenge: (await passwordStep(managerEmail)).json().challenge,
      recoveryCode: must(fresh[0], "new code"),
    });
    expect(ok.statusCode).toBe(200);
    expect((await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "recovery_codes_regenerate")).length).toBe(1);
    managerCodes = fresh.slice(1);
    await db()
      .updateTable("users")
      .set({ failed_logins: 0 })
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", t.orgA.usersByRole.manager)
      .execute();
  });

  it("turns off only with the password and a code; sign-in is then one step again", async () => {
    const manager = await signInTwoStep(managerEmail, managerSecret);
    nextStep();
    const badPassword = await manager.request("POST", "/api/v1/auth/totp/disable", {
      password: "not-the-password",
      code: codeNow(managerSecret),
    });
    expect(errorCode(badPassword)).toBe("auth.wrong_current_password");
    const badCode = await manager.request("POST", "/api/v1/auth/totp/disable", {
      password: PASSWORD,
      code: wrongCode(managerSecret),
    });
    expect(errorCode(badCode)).toBe("auth.totp_wrong_code");
    const off = await manager.request("POST", "/api/v1/auth/totp/disable", {
      password: PASSWORD,
      code: codeNow(managerSecret),
    });
    expect(off.statusCode).toBe(204);
    expect((await manager.request("GET", "/api/v1/auth/totp")).json()).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    const leftovers = await db()
      .selectFrom("user_recovery_codes")
      .select("code_hash")
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.manager)
      .execute();
    expect(leftovers).toEqual([]);
    expect((await passwordStep(managerEmail)).json().user.email).toBe(managerEmail);
    expect(
      errorCode(await manager.request("POST", "/api/v1/auth/totp/disable", { password: PASSWORD, code: "123456" })),
    ).toBe("auth.totp_not_enabled");
    expect((await auditOf(t.orgA.orgId, t.orgA.usersByRole.manager, "totp_disable")).length).toBe(1);
  });

  describe("the org's policy", () => {
    const marketingEmail = `marketing@${ORG_A_DOMAIN}`;
    let admin: Caller;
    let marketingSecret: Buffer;

    beforeAll(async () => {
      admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    });

    it("is admin-only", async () => {
      const manager = await signIn(t.app, managerEmail);
      expect(errorCode(await manager.request("GET", "/api/v1/orgs/current/mfa-policy"))).toBe("access.forbidden");
      expect(errorCode(await manager.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: ["manager"] }))).toBe(
        "access.forbidden",
      );
      expect((await admin.request("GET", "/api/v1/orgs/current/mfa-policy")).json()).toEqual({ roles: [] });
    });

    it("limits a session without two-step sign-in to setting it up, from the next request on", async () => {
      const marketing = await signIn(t.app, marketingEmail);
      expect((await marketing.request("GET", "/api/v1/territories")).statusCode).toBe(200);

      const put = await admin.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: ["marketing", "rep"] });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ roles: ["marketing", "rep"] });
      const audit = await auditOf(t.orgA.orgId, t.orgA.orgId, "mfa_policy_update");
      expect(audit.map((a) => [a.before, a.after])).toEqual([
        [{ twoStepRequiredFor: [] }, { twoStepRequiredFor: ["marketing", "rep"] }],
      ]);

      const blocked = await marketing.request("GET", "/api/v1/territories", undefined, { "accept-language": "bn" });
      expect(blocked.statusCode).toBe(403);
      expect(errorCode(blocked)).toBe("auth.mfa_setup_required");
      expect(hasBengali(blocked.json().error.message)).toBe(true);
      expect(
        errorCode(
          await marketing.request("POST", "/api/v1/auth/password", {
            currentPassword: PASSWORD,
            newPassword: "another-password-1",
          }),
        ),
      ).toBe("auth.mfa_setup_required");
      expect((await marketing.request("GET", "/api/v1/auth/session")).json().mfaSetupRequired).toBe(true);
      expect((await marketing.request("PATCH", "/api/v1/auth/me", { locale: "bn" })).statusCode).toBe(200);
      expect((await marketing.request("GET", "/api/v1/auth/totp")).json()).toMatchObject({
        enabled: false,
        requiredByOrg: true,
      });

      // A fresh sign-in says so at once, and gets the same limited session.
      const fresh = await passwordStep(marketingEmail);
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().mfaSetupRequired).toBe(true);
      const limited = callerFrom(fresh);
      expect(errorCode(await limited.request("GET", `/api/v1/users/${t.orgA.usersByRole.rep}`))).toBe(
        "auth.mfa_setup_required",
      );

      // Setting it up opens everything again, for this session and the older one.
      marketingSecret = (await enable(limited)).secret;
      expect((await limited.request("GET", "/api/v1/territories")).statusCode).toBe(200);
      expect((await marketing.request("GET", "/api/v1/territories")).statusCode).toBe(200);
      expect((await marketing.request("GET", "/api/v1/auth/session")).json().mfaSetupRequired).toBe(false);

      // Required means it cannot be turned off.
      nextStep();
      const off = await limited.request("POST", "/api/v1/auth/totp/disable", {
        password: PASSWORD,
        code: codeNow(marketingSecret),
      });
      expect(off.statusCode).toBe(409);
      expect(errorCode(off)).toBe("auth.totp_required");
    });

    it("will not let an admin require it of their own role before they have it", async () => {
      const res = await admin.request(
        "PUT",
        "/api/v1/orgs/current/mfa-policy",
        { roles: ["admin"] },
        {
          "accept-language": "bn",
        },
      );
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe("auth.mfa_policy_self");
      expect(hasBengali(res.json().error.message)).toBe(true);
      const bad = await admin.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: ["rep", "rep"] });
      expect(errorCode(bad)).toBe("request.invalid");
      expect((await admin.request("GET", "/api/v1/orgs/current/mfa-policy")).json()).toEqual({
        roles: ["marketing", "rep"],
      });
    });

    it("lets an admin reset a user's second factor, audited; the user must set it up again", async () => {
      const marketing = await signInTwoStep(marketingEmail, marketingSecret);
      const res = await admin.request("POST", `/api/v1/users/${t.orgA.usersByRole.marketing}/totp/reset`);
      expect(res.statusCode).toBe(204);
      const audit = await auditOf(t.orgA.orgId, t.orgA.usersByRole.marketing, "totp_reset");
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_user_id).toBe(t.orgA.usersByRole.admin);
      expect(audit[0]?.after).toEqual({ twoStepSignIn: false });

      // Required of marketing: the session is limited again, and sign-in is one step into set-up.
      expect(errorCode(await marketing.request("GET", "/api/v1/territories"))).toBe("auth.mfa_setup_required");
      expect((await passwordStep(marketingEmail)).json().mfaSetupRequired).toBe(true);
      expect(errorCode(await admin.request("POST", `/api/v1/users/${t.orgA.usersByRole.marketing}/totp/reset`))).toBe(
        "auth.totp_not_enabled",
      );
      const manager = await signIn(t.app, managerEmail);
      expect(errorCode(await manager.request("POST", `/api/v1/users/${t.orgA.usersByRole.rep}/totp/reset`))).toBe(
        "access.forbidden",
      );
    });

    it("is the org's own: another org's admin can neither see, change nor reset it", async () => {
      const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
      expect((await adminB.request("GET", "/api/v1/orgs/current/mfa-policy")).json()).toEqual({ roles: [] });
      const reset = await adminB.request("POST", `/api/v1/users/${t.orgA.usersByRole.rep}/totp/reset`);
      expect(reset.statusCode).toBe(404);
      expect(errorCode(reset)).toBe("user.not_found");
      const repTotp = await db()
        .selectFrom("user_totp")
        .select("enabled_at")
        .where("org_id", "=", t.orgA.orgId)
        .where("user_id", "=", t.orgA.usersByRole.rep)
        .executeTakeFirst();
      expect(repTotp?.enabled_at).toBeInstanceOf(Date);

      expect(
        (await adminB.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: ["marketing"] })).statusCode,
      ).toBe(200);
      expect((await admin.request("GET", "/api/v1/orgs/current/mfa-policy")).json()).toEqual({
        roles: ["marketing", "rep"],
      });
      // Org B's marketing user is limited by org B's policy, org A's rep is not limited by it.
      const marketingB = await passwordStep(`marketing@${ORG_B_DOMAIN}`);
      expect(marketingB.json().mfaSetupRequired).toBe(true);
      expect((await adminB.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: [] })).json()).toEqual({
        roles: [],
      });
      expect((await passwordStep(`marketing@${ORG_B_DOMAIN}`)).json().mfaSetupRequired).toBe(false);
    });
  });

  it("does not let an API token set up or change its owner's second factor", async () => {
    const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    const token = (await admin.request("POST", "/api/v1/api-tokens", { name: "2fa probe" })).json().token;
    const bearer = (method: "GET" | "POST", url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) });
    expect(errorCode(await bearer("POST", "/api/v1/auth/totp/setup"))).toBe("access.forbidden");
    expect(errorCode(await bearer("POST", "/api/v1/auth/totp/enable", { code: "123456" }))).toBe("access.forbidden");
    expect((await bearer("GET", "/api/v1/auth/totp")).statusCode).toBe(200);
    const row = await db()
      .selectFrom("user_totp")
      .select("user_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.admin)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("cannot read the stored secrets under another BIKRI_SECRET_KEY", async () => {
    const other = await buildApp({
      config: loadConfig({
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        BIKRI_JOBS: "false",
        LOGIN_RATE_PER_MINUTE: "10000",
        BIKRI_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
      }),
      database: t.database.handle,
      logger: false,
    });
    try {
      const distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
      const { secret } = await enable(distributor);
      const first = await other.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email: `distributor@${ORG_A_DOMAIN}`, password: PASSWORD },
      });
      nextStep();
      const res = await other.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in/totp",
        headers: { "accept-language": "bn" },
        payload: { challenge: first.json().challenge, code: codeNow(secret) },
      });
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe("auth.totp_unreadable");
      expect(hasBengali(res.json().error.message)).toBe(true);
      expect(res.cookies).toEqual([]);
      // The app with the right key still signs the same user in.
      expect((await codeStep({ challenge: first.json().challenge, code: codeNow(secret) })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
