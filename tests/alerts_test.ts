/**
 * Data-quality alerts end to end on the local platform: ra_private.evaluate_quality() queues the
 * webhook call with the pg_net stand-in, the net worker delivers it to a local receiver. One
 * message when a check turns fail, none while it stays failed, one when it recovers; no secret
 * in any body.
 */
import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "./support/db.ts";
import { startNetWorker } from "../dev/stack/net_worker.ts";
import { installPlatformStandins, setFunctionSecrets } from "../dev/stack/standins.ts";

const FUNCTION_KEY = "sk_alert_test_4f9a1c";

interface Alert {
  text: string;
  content: string;
}

interface Evaluation {
  alert: string;
  request_id?: number;
  failing?: number;
  recovered?: number;
}

/** A local webhook that keeps every JSON body posted to it. */
function startReceiver() {
  const received: Alert[] = [];
  let arrived: () => void = () => {};
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    received.push(await req.json());
    arrived();
    return new Response("ok");
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hooks/alerts`,
    received,
    /** Resolves once `count` bodies have arrived (or rejects after 15 s). */
    async waitFor(count: number): Promise<void> {
      const deadline = Date.now() + 15_000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Only ${received.length} of ${count} alerts`);
        await new Promise<void>((resolve) => {
          arrived = resolve;
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => server.shutdown(),
  };
}

async function evaluate(sql: postgres.Sql): Promise<Evaluation> {
  const [row] = await sql<{ result: Evaluation }[]>`
    select ra_private.evaluate_quality() as result`;
  return row!.result;
}

/** A race of yesterday without runners (an orphan), its id carrying the function key. */
async function orphanRace(sql: postgres.Sql): Promise<void> {
  await sql`
    insert into ra_mst_races (id, race_date, off_dt, distance_f, race_name)
    values (${`rac_${FUNCTION_KEY}`}, current_date - 1, now() - interval '1 day', 8,
      'Orphan Handicap')`;
}

async function queuedRequests(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select count(*)::int as count from net.http_request_queue`;
  return row!.count;
}

Deno.test("evaluate_quality() posts once when a check turns fail, not again, once on recovery", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const receiver = startReceiver();
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    await setFunctionSecrets(db.sql, {
      projectUrl: "http://127.0.0.1:54321",
      functionKey: FUNCTION_KEY,
    });
    await db.sql`select vault.create_secret(${receiver.url}, 'ra_alert_webhook_url')`;
    assert.equal((await evaluate(db.sql)).alert, "none", "nothing fails in a fresh database");

    await orphanRace(db.sql);
    const failing = await evaluate(db.sql);
    assert.deepEqual({ alert: failing.alert, failing: failing.failing }, {
      alert: "queued",
      failing: 1,
    });
    await receiver.waitFor(1);
    const [first] = receiver.received;
    assert.equal(first!.text, first!.content, "the same text for Slack and Discord");
    assert.match(first!.text, /FAILING:\n- orphans: 1 races of the last 30 days without runners/);
    assert.ok(!first!.text.includes(FUNCTION_KEY), "the key is masked");
    assert.match(first!.text, /\[secret\]/);

    // Still failing: nothing more is queued, however often it is evaluated.
    assert.equal((await evaluate(db.sql)).alert, "none");
    assert.equal((await evaluate(db.sql)).alert, "none");
    assert.equal(await queuedRequests(db.sql), 0);

    await db.sql`delete from ra_mst_races`;
    const recovered = await evaluate(db.sql);
    assert.deepEqual({ alert: recovered.alert, recovered: recovered.recovered }, {
      alert: "queued",
      recovered: 1,
    });
    await receiver.waitFor(2);
    const second = receiver.received[1]!;
    assert.match(
      second.text,
      /RECOVERED:\n- orphans: none \(runners all time, races of the last 30 days\) \(ok\)/,
    );
    assert.doesNotMatch(second.text, /FAILING/);
    assert.equal((await evaluate(db.sql)).alert, "none");

    const [response] = await db.sql<{ status_code: number }[]>`
      select status_code from net._http_response where id = ${recovered.request_id!}`;
    assert.equal(response?.status_code, 200);
    for (const body of receiver.received) {
      const text = JSON.stringify(body);
      assert.ok(!text.includes(FUNCTION_KEY) && !text.includes(receiver.url), "no secret");
    }
    assert.equal(receiver.received.length, 2);
  } finally {
    await worker.stop();
    await receiver.close();
  }
});

Deno.test("evaluate_quality() sends nothing without ra_alert_webhook_url, and the standing failure once it is set", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const receiver = startReceiver();
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    await orphanRace(db.sql);
    assert.equal(
      (await evaluate(db.sql)).alert,
      'no webhook: Vault secret "ra_alert_webhook_url" is missing',
    );
    assert.equal(await queuedRequests(db.sql), 0);
    const [state] = await db.sql<{ status: string; alerted_status: string }[]>`
      select status, alerted_status from ra_private.quality_state where "check" = 'orphans'`;
    assert.deepEqual({ ...state }, { status: "fail", alerted_status: "ok" });

    await db.sql`select vault.create_secret(${receiver.url}, 'ra_alert_webhook_url')`;
    assert.equal((await evaluate(db.sql)).alert, "queued");
    assert.equal((await evaluate(db.sql)).alert, "none");
    await receiver.waitFor(1);
    assert.match(receiver.received[0]!.text, /- orphans: /);
    assert.equal(receiver.received.length, 1);
  } finally {
    await worker.stop();
    await receiver.close();
  }
});
