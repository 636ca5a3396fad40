import { createJobHandler } from "../_shared/http/serve_job.ts";
import { syncMastersJob } from "./job.ts";

Deno.serve(createJobHandler(syncMastersJob, { env: Deno.env.toObject() }));
