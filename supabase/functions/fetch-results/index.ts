import { createJobHandler } from "../_shared/http/serve_job.ts";
import { fetchResultsJob } from "./job.ts";

Deno.serve(createJobHandler(fetchResultsJob, { env: Deno.env.toObject() }));
