import { createJobHandler } from "../_shared/http/serve_job.ts";
import { fetchOddsJob } from "./job.ts";

Deno.serve(createJobHandler(fetchOddsJob, { env: Deno.env.toObject() }));
