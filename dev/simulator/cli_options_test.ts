import assert from "node:assert/strict";
import { CliOptionsError, HELP_TEXT, parseCliOptions } from "./cli_options.ts";
import { FaultSpecError } from "./faults.ts";

Deno.test("parseCliOptions() reads every flag", () => {
  const cli = parseCliOptions([
    "--port",
    "8123",
    "--seed=7",
    "--plan",
    "standard",
    "--username",
    "ann",
    "--password",
    "pw",
    "--historical-addon",
    "--rate-scale",
    "Infinity",
    "--lockout",
    "--faults",
    "5xx=0.1,latency=20",
    "--now",
    "2025-06-01T12:00:00Z",
  ]);
  assert.deepEqual(cli, {
    help: false,
    startAt: new Date("2025-06-01T12:00:00Z"),
    simulator: {
      port: 8123,
      seed: 7,
      plan: "standard",
      username: "ann",
      password: "pw",
      historicalAddon: true,
      rateScale: Infinity,
      lockout: true,
      faults: { error5xx: 0.1, latencyMs: 20 },
    },
  });
  assert.deepEqual(parseCliOptions([]), { help: false, simulator: {} });
  assert.equal(parseCliOptions(["--help"]).help, true);
});

Deno.test("parseCliOptions() refuses bad flags with a clear reason", () => {
  assert.throws(
    () => parseCliOptions(["--plan", "gold"]),
    /expected one of free, basic, standard, pro/,
  );
  assert.throws(() => parseCliOptions(["--port", "70000"]), CliOptionsError);
  assert.throws(() => parseCliOptions(["--seed", "x"]), /expected an integer/);
  assert.throws(() => parseCliOptions(["--rate-scale", "-1"]), /number >= 0/);
  assert.throws(() => parseCliOptions(["--bogus"]), /unknown flag/);
  assert.throws(() => parseCliOptions(["--seed"]), /needs a value/);
  assert.throws(() => parseCliOptions(["--lockout=yes"]), /takes no value/);
  assert.throws(() => parseCliOptions(["--faults", "boom=1"]), FaultSpecError);
});

Deno.test("--help explains every flag and the fault grammar", () => {
  for (
    const flag of [
      "--port",
      "--seed",
      "--plan",
      "--username",
      "--password",
      "--historical-addon",
      "--rate-scale",
      "--lockout",
      "--faults",
      "--now",
      "--help",
    ]
  ) {
    assert.ok(HELP_TEXT.includes(flag), flag);
  }
  for (
    const word of [
      "5xx=P",
      "malformed=P",
      "truncated=P",
      "hang=P",
      "reset=P",
      "latency=MS",
      "/_admin/ground-truth",
    ]
  ) {
    assert.ok(HELP_TEXT.includes(word), word);
  }
});

Deno.test("deno task sim prints the base URL first, then the credentials, and stops on SIGINT", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname, "--seed", "5"],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  while (output.split("\n").length < 4) {
    const { value, done } = await reader.read();
    if (done) break;
    output += value;
  }
  const lines = output.split("\n");
  assert.match(lines[0] as string, /^RACING_API_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(lines[1], "RACING_API_USERNAME=demo");
  assert.equal(lines[2], "RACING_API_PASSWORD=demo");
  const baseUrl = (lines[0] as string).split("=")[1];
  const response = await fetch(`${baseUrl}/v1/courses/regions`, {
    headers: { authorization: `Basic ${btoa("demo:demo")}` },
  });
  assert.equal(response.status, 200);
  await response.body?.cancel();
  child.kill("SIGINT");
  const status = await child.status;
  await reader.cancel();
  assert.equal(status.code, 0);
});
