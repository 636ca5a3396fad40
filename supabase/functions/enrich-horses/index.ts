import { createJobHandler } from "../_shared/http/serve_job.ts";
import { enrichHorsesJob } from "./job.ts";

Deno.serve(createJobHandler(enrichHorsesJob, { env: Deno.env.toObject() }));
