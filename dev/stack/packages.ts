/**
 * The Debian packages the local stack needs, checked once and installed with apt-get when we
 * are root; otherwise a clear message says what to install. Chromium (for the report's browser
 * test) is checked only by what needs it.
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

/** Debian's chromium, which the report test drives headless. */
const CHROMIUM: readonly Requirement[] = [{
  debianPackage: "chromium",
  proof: "/usr/bin/chromium",
}];

async function missingPackages(
  requirements: readonly Requirement[] = REQUIREMENTS,
): Promise<string[]> {
  const missing: string[] = [];
  for (const requirement of requirements) {
    if (!(await exists(requirement.proof))) missing.push(requirement.debianPackage);
  }
  return missing;
}

let checked = false;

async function installMissing(requirements: readonly Requirement[]): Promise<void> {
  const missing = await missingPackages(requirements);
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
    const still = await missingPackages(requirements);
    if (still.length > 0) throw new Error(`apt-get did not install: ${still.join(" ")}`);
  }
}

/**
 * Makes sure PostgreSQL 15, pg_cron, pgTAP, pg_prove and plpgsql_check are installed.
 * @throws Error naming the packages to install when they are missing and we are not root.
 */
export async function ensurePostgresPackages(): Promise<void> {
  if (checked) return;
  await installMissing(REQUIREMENTS);
  checked = true;
}

let chromiumChecked = false;

/**
 * Makes sure Debian's chromium is installed (the report test runs it headless).
 * @throws Error naming the package to install when it is missing and we are not root.
 */
export async function ensureChromium(): Promise<void> {
  if (chromiumChecked) return;
  await installMissing(CHROMIUM);
  chromiumChecked = true;
}
