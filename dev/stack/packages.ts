/**
 * The Debian packages the local stack needs, checked once and installed with apt-get when we
 * are root; otherwise a clear message says what to install.
 */

export const PG_BIN = "/usr/lib/postgresql/15/bin";

interface Requirement {
  /** Debian package that provides it. */
  readonly debianPackage: string;
  /** A file whose presence proves the package is installed. */
  readonly proof: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  { debianPackage: "postgresql-15", proof: `${PG_BIN}/postgres` },
  {
    debianPackage: "postgresql-15-cron",
    proof: "/usr/share/postgresql/15/extension/pg_cron.control",
  },
  {
    debianPackage: "postgresql-15-pgtap",
    proof: "/usr/share/postgresql/15/extension/pgtap.control",
  },
  { debianPackage: "libtap-parser-sourcehandler-pgtap-perl", proof: "/usr/bin/pg_prove" },
  {
    debianPackage: "postgresql-15-plpgsql-check",
    proof: "/usr/share/postgresql/15/extension/plpgsql_check.control",
  },
];

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function missingPackages(): Promise<string[]> {
  const missing: string[] = [];
  for (const requirement of REQUIREMENTS) {
    if (!(await exists(requirement.proof))) missing.push(requirement.debianPackage);
  }
  return missing;
}

let checked = false;

/**
 * Makes sure PostgreSQL 15, pg_cron, pgTAP, pg_prove and plpgsql_check are installed.
 * @throws Error naming the packages to install when they are missing and we are not root.
 */
export async function ensurePostgresPackages(): Promise<void> {
  if (checked) return;
  const missing = await missingPackages();
  if (missing.length > 0) {
    if (Deno.uid() !== 0) {
      throw new Error(
        `Missing Debian packages: ${missing.join(" ")}. Install them with:\n` +
          `  sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}`,
      );
    }
    console.error(`Installing ${missing.join(" ")} with apt-get…`);
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...missing]]) {
      const out = await new Deno.Command("apt-get", { args, env, stdout: "null", stderr: "piped" })
        .output();
      if (!out.success) {
        throw new Error(`apt-get ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
      }
    }
    const still = await missingPackages();
    if (still.length > 0) throw new Error(`apt-get did not install: ${still.join(" ")}`);
  }
  checked = true;
}
