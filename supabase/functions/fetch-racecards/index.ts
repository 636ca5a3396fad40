import { createJobHandler } from "../_shared/http/serve_job.ts";
import { fetchRacecardsJob } from "./job.ts";

Deno.serve(createJobHandler(fetchRacecardsJob, { env: Deno.env.toObject() }));
