import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../tests/support/db.ts";
import { installPlatformStandins, setFunctionSecrets } from "./standins.ts";

const FUNCTION_KEY = "standin-privileges-key";

/** Where the function key lies: pg_net's queue and responses, and Vault. */
const KEY_RELATIONS = [
  "net.http_request_queue",
  "net._http_response",
  "vault.secrets",
  "vault.decrypted_secrets",
] as const;

/** Thrown to roll the test's transaction back, so the roles it creates never exist outside. */
class Rollback extends Error {}

/** Creates Supabase's API roles as Supabase does (`nologin noinherit`) where they are absent. */
async function createApiRoles(tx: postgres.TransactionSql): Promise<void> {
  await tx.unsafe(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
      end if;
      if not exists (select 1 from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
      end if;
      if not exists (select 1 from pg_roles where rolname = 'service_role') then
        create role service_role nologin noinherit bypassrls;
      end if;
    end
    $$`);
}

/** Runs `statement` as `role` in a savepoint; returns its SQLSTATE, or "ok" when it succeeds. */
async function sqlStateAs(
  tx: postgres.TransactionSql,
  role: string,
  statement: string,
): Promise<string> {
  try {
    await tx.savepoint(async (sp) => {
      await sp.unsafe(`set local role ${role}`);
      await sp.unsafe(statement);
      await sp.unsafe("reset role");
    });
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Runs `work` in a transaction of a fresh test database with the roles and stand-ins, then rolls back. */
async function withStandinsAndRoles(
  work: (tx: postgres.TransactionSql) => Promise<void>,
): Promise<void> {
  await using db = await createTestDatabase();
  await assert.rejects(
    db.sql.begin(async (tx) => {
      await createApiRoles(tx);
      await installPlatformStandins(tx);
      await setFunctionSecrets(tx, { projectUrl: "http://127.0.0.1:9", functionKey: FUNCTION_KEY });
      // A queued call and a response, so that each relation holds the key.
      const [queued] = await tx<{ id: string }[]>`
        select ra_private.invoke_function('fetch-results', '{"mode": "daily"}') as id`;
      await tx`insert into net._http_response (id, status_code, headers)
        values (${queued!.id}, 202, ${tx.json({ apikey: FUNCTION_KEY })})`;
      await work(tx);
      throw new Rollback();
    }),
    Rollback,
  );
}

Deno.test("installPlatformStandins() refuses anon and authenticated pg_net's queue and responses and Vault", async () => {
  await withStandinsAndRoles(async (tx) => {
    for (const role of ["anon", "authenticated"]) {
      for (const relation of KEY_RELATIONS) {
        assert.equal(
          await sqlStateAs(tx, role, `select * from ${relation}`),
          "42501",
          `${role} may read ${relation}`,
        );
      }
      assert.equal(
        await sqlStateAs(tx, role, "select vault.create_secret('x', 'planted')"),
        "42501",
        `${role} may create a Vault secret`,
      );
    }
  });
});

Deno.test("installPlatformStandins() leaves Vault to service_role and pg_net's tables to their owner", async () => {
  await withStandinsAndRoles(async (tx) => {
    assert.equal(
      await sqlStateAs(tx, "service_role", "select * from vault.decrypted_secrets"),
      "ok",
    );
    for (const relation of ["net.http_request_queue", "net._http_response"]) {
      assert.equal(
        await sqlStateAs(tx, "service_role", `select * from ${relation}`),
        "42501",
        `service_role may read ${relation}`,
      );
    }
    // The owner (postgres, as pg_cron and the net worker run) still sees the queued call.
    const [queued] = await tx<{ key: string }[]>`
      select headers ->> 'apikey' as key from net.http_request_queue`;
    assert.equal(queued?.key, FUNCTION_KEY);
  });
});
