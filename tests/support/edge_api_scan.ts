/**
 * What a deployed module may not use on Supabase's Edge Runtime: subprocesses and file writes
 * (the runtime offers neither, apart from writes under /tmp, which no function needs), and
 * modules that are never deployed. Pure functions over source text and module paths, so a
 * test can show that they catch what they claim to.
 */

/** Deno APIs the Edge Runtime does not offer, by name, with the reason shown on a finding. */
export const FORBIDDEN_DENO_APIS: Readonly<Record<string, string>> = {
  Command: "subprocess",
  ChildProcess: "subprocess",
  run: "subprocess",
  kill: "subprocess",
  writeFile: "file write",
  writeFileSync: "file write",
  writeTextFile: "file write",
  writeTextFileSync: "file write",
  mkdir: "file write",
  mkdirSync: "file write",
  remove: "file write",
  removeSync: "file write",
  // Opening is how a file gets written without writeFile; reads use readTextFile instead.
  open: "file write",
  openSync: "file write",
  create: "file write",
  createSync: "file write",
  rename: "file write",
  renameSync: "file write",
  copyFile: "file write",
  copyFileSync: "file write",
  truncate: "file write",
  truncateSync: "file write",
  symlink: "file write",
  symlinkSync: "file write",
  link: "file write",
  linkSync: "file write",
  chmod: "file write",
  chmodSync: "file write",
  chown: "file write",
  chownSync: "file write",
  utime: "file write",
  utimeSync: "file write",
  makeTempDir: "file write",
  makeTempDirSync: "file write",
  makeTempFile: "file write",
  makeTempFileSync: "file write",
};

/** Node built-ins a deployed module may not import (their writes escape the source scan). */
export const FORBIDDEN_NODE_MODULES: Readonly<Record<string, string>> = {
  "node:child_process": "subprocess",
  "node:fs": "file write",
  "node:fs/promises": "file write",
};

/** Top-level folders of the project that are never deployed. */
export const UNDEPLOYED_FOLDERS = ["dev/", "cli/", "tests/"] as const;

/** One use of a forbidden API in a source text. */
export interface ApiFinding {
  /** 1-based line number. */
  readonly line: number;
  /** The API as written, e.g. `Deno.Command`. */
  readonly api: string;
  readonly reason: string;
}

const NAMES = Object.keys(FORBIDDEN_DENO_APIS).join("|");
// `Deno.run`, `Deno . run`, `Deno["run"]`; the trailing \b keeps `Deno.runtime` out.
const MEMBER = new RegExp(`\\bDeno\\s*(?:\\.\\s*|\\[\\s*["'\`])(${NAMES})\\b`, "g");
// `const { Command, run: r } = Deno;`
const DESTRUCTURE = /\{([^{}]*)\}\s*=\s*Deno\b/g;

/**
 * Finds every use of a Deno API the Edge Runtime does not offer. Whole-line comments are
 * skipped so that a comment may name an API; anything else counts, strings included.
 * @param source module source text
 * @returns the findings, in source order
 */
export function findForbiddenApis(source: string): ApiFinding[] {
  const findings: ApiFinding[] = [];
  const lines = source.split("\n");
  for (const [index, text] of lines.entries()) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith("//") || trimmed.startsWith("/*") || trimmed.startsWith("*")) continue;
    for (const match of text.matchAll(MEMBER)) {
      const name = match[1]!;
      findings.push({ line: index + 1, api: `Deno.${name}`, reason: FORBIDDEN_DENO_APIS[name]! });
    }
  }
  for (const match of source.matchAll(DESTRUCTURE)) {
    const line = source.slice(0, match.index).split("\n").length;
    for (const part of match[1]!.split(",")) {
      const name = part.split(":")[0]!.trim();
      const reason = FORBIDDEN_DENO_APIS[name];
      if (reason) findings.push({ line, api: `Deno.${name}`, reason });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/**
 * Finds the modules of a function's graph that must not be deployed with it.
 * @param specifiers every module specifier of the graph (`file://…`, `npm:…`, `node:…`)
 * @param projectRoot file URL of the project root, with a trailing slash
 * @returns one message per offending module
 */
export function findForbiddenModules(specifiers: readonly string[], projectRoot: string): string[] {
  const problems: string[] = [];
  for (const specifier of specifiers) {
    const nodeReason = FORBIDDEN_NODE_MODULES[specifier] ??
      FORBIDDEN_NODE_MODULES[`node:${specifier}`];
    if (nodeReason) {
      problems.push(`${specifier}: ${nodeReason}`);
      continue;
    }
    if (!specifier.startsWith("file:")) continue;
    if (!specifier.startsWith(projectRoot)) {
      problems.push(`${specifier}: outside the project`);
      continue;
    }
    const path = specifier.slice(projectRoot.length);
    const folder = UNDEPLOYED_FOLDERS.find((prefix) => path.startsWith(prefix));
    if (folder) problems.push(`${path}: in ${folder}, which is never deployed`);
    else if (!path.startsWith("supabase/functions/")) {
      problems.push(`${path}: outside supabase/functions/`);
    } else if (path.endsWith("_test.ts")) problems.push(`${path}: a test file`);
  }
  return problems;
}
