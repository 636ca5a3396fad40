/** enrich-horses' request contract: 400 naming the bad fields, 401 without the key. */
import assert from "node:assert/strict";
import { createJobHandler } from "../_shared/http/serve_job.ts";
import { enrichHorsesJob } from "./job.ts";
import { DB_TEST, KEY, post } from "./job_test_fixtures.ts";

Deno.test({
  name: "enrich-horses answers 400 naming bad fields and 401 without the key",
  ...DB_TEST,
  async fn() {
    const handler = createJobHandler(enrichHorsesJob, {
      env: {
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        RACING_API_USERNAME: "demo",
        RACING_API_PASSWORD: "demo",
        RA_FUNCTION_KEY: KEY,
      },
      platform: { waitUntil: () => false, onShutdown: () => {} },
      logSink: () => {},
    });
    const fieldsOf = async (body: unknown) => {
      const answer = await post(handler, body);
      assert.equal(answer.status, 400);
      return (answer.body.fields as { field: string }[]).map((problem) => problem.field);
    };
    assert.deepEqual(await fieldsOf({ mode: "sprint" }), ["mode"]);
    assert.deepEqual(await fieldsOf({ mode: "drain", batch_size: 0 }), [
      "batch_size",
    ]);
    assert.deepEqual(await fieldsOf({ mode: "drain", batch_size: 501 }), [
      "batch_size",
    ]);
    assert.deepEqual(await fieldsOf({ mode: "tick", horse_ids: ["hrs_1"] }), [
      "horse_ids",
    ]);
    assert.deepEqual(
      await fieldsOf({ mode: "drain", force: true, horse_ids: ["sir_1"] }),
      [
        "horse_ids.0",
      ],
    );
    assert.deepEqual(await fieldsOf({ mode: "drain", speed: 2 }), ["speed"]);
    const anonymous = await post(handler, { mode: "tick" }, {});
    assert.equal(anonymous.status, 401);
  },
});
