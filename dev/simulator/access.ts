/**
 * Accounts and plans: HTTP Basic credentials, the plan ladder (free < basic < standard < pro)
 * and the historical-results add-on. Plan failures answer 401, as the vendor documents.
 * @module
 */

/** Subscription plans, lowest first. */
export const PLANS = ["free", "basic", "standard", "pro"] as const;

/** A subscription plan. */
export type Plan = (typeof PLANS)[number];

/** The one account a simulator serves. */
export interface Account {
  username: string;
  password: string;
  plan: Plan;
  /** Pro-only add-on lifting the 12-month limit on results. */
  historicalAddon: boolean;
}

/** Why a request was refused. */
export type AccessRefusal = "missing" | "invalid" | "plan";

/** 401 bodies (the vendor does not document them; FastAPI's HTTPBasic wording for the first). */
export const REFUSAL_BODIES: Readonly<Record<AccessRefusal, { detail: string }>> = {
  missing: { detail: "Not authenticated" },
  invalid: { detail: "Invalid credentials" },
  plan: {
    detail: "Your plan does not include access to this endpoint. Please upgrade your subscription.",
  },
};

/** True when the text names a plan. */
export function isPlan(text: string): text is Plan {
  return (PLANS as readonly string[]).includes(text);
}

/** True when `plan` is at least `required`. */
export function planAllows(plan: Plan, required: Plan): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(required);
}

/** True when the account may read results older than 365 days. */
export function hasHistoricalResults(account: Account): boolean {
  return account.plan === "pro" && account.historicalAddon;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Checks an Authorization header against the account; null when accepted. */
export function checkCredentials(
  account: Account,
  authorization: string | null,
): AccessRefusal | null {
  if (!authorization) return "missing";
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!m) return "missing";
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(
      Uint8Array.from(atob(m[1] as string), (c) => c.charCodeAt(0)),
    );
  } catch {
    return "invalid";
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return "invalid";
  const userOk = constantTimeEqual(decoded.slice(0, colon), account.username);
  const passOk = constantTimeEqual(decoded.slice(colon + 1), account.password);
  return userOk && passOk ? null : "invalid";
}
