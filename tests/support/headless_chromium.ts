/**
 * A real headless Chromium (Debian's `chromium`) driven over the DevTools protocol with Deno's
 * own WebSocket: open a page, collect console errors, exceptions and every request it makes,
 * evaluate an expression in it and take a full-page screenshot. No puppeteer. Chromium is
 * installed with apt-get when missing (as root), like the Postgres packages.
 */
import { ensureChromium } from "../../dev/stack/packages.ts";

/** The Chromium binary, overridable with CHROMIUM_BIN. */
export function chromiumBinary(): string {
  return Deno.env.get("CHROMIUM_BIN") ?? "chromium";
}

/** What a page did while it loaded. */
export interface PageLog {
  /** console.error calls, uncaught exceptions and browser log entries of level error. */
  readonly errors: string[];
  /** Every URL the page requested, the document included. */
  readonly requests: string[];
}

/** An open page: send DevTools commands to it; close the browser when done. */
export interface ChromiumPage {
  readonly log: PageLog;
  /** Navigates and waits for the load event. */
  open(url: string): Promise<void>;
  /** Evaluates an expression in the page and returns its value (JSON-serialisable). */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the whole page, not only the viewport. */
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

async function devtoolsUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let seen = "";
  const reader = stderr.getReader();
  const deadline = setTimeout(() => reader.cancel(), 20_000);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
      const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        // Keep draining stderr so Chromium never blocks on a full pipe.
        (async () => {
          try {
            while (!(await reader.read()).done) { /* discard */ }
          } catch { /* closed */ }
        })();
        return match[1]!;
      }
    }
  } finally {
    clearTimeout(deadline);
  }
  throw new Error(`Cannot drive Chromium: it printed no DevTools address: ${seen.slice(-2000)}`);
}

/**
 * Starts headless Chromium and attaches to its first page.
 * @throws Error when chromium cannot start (install Debian's `chromium`)
 */
export async function launchChromium(
  options: { width?: number; height?: number } = {},
): Promise<ChromiumPage> {
  const { width = 1280, height = 900 } = options;
  if (!Deno.env.get("CHROMIUM_BIN")) await ensureChromium();
  const profile = await Deno.makeTempDir({ prefix: "ra-chromium-" });
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(chromiumBinary(), {
      args: [
        "--headless=new",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--remote-debugging-port=0",
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
    throw new Error(
      `Cannot start "${chromiumBinary()}": install Debian's chromium (apt-get install -y chromium)`,
      { cause: error },
    );
  }
  const stopBrowser = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  };

  let socket: WebSocket;
  try {
    const browserUrl = new URL(await devtoolsUrl(child.stderr));
    const targets = await (await fetch(`http://${browserUrl.host}/json/list`)).json() as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const page = targets.find((target) => target.type === "page");
    if (!page) throw new Error("Cannot drive Chromium: it opened no page");
    socket = new WebSocket(page.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error("Cannot drive Chromium: the page socket failed"));
    });
  } catch (error) {
    await stopBrowser();
    throw error;
  }

  const log: PageLog = { errors: [], requests: [] };
  const pending = new Map<number, { resolve(value: CdpMessage): void }>();
  const waiters = new Map<string, (() => void)[]>();
  let nextId = 1;
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data as string) as CdpMessage;
    if (message.id !== undefined) {
      pending.get(message.id)?.resolve(message);
      pending.delete(message.id);
      return;
    }
    const params = message.params ?? {};
    switch (message.method) {
      case "Runtime.consoleAPICalled":
        if (params.type === "error" || params.type === "assert") {
          const args = (params.args as { value?: unknown; description?: string }[] | undefined) ??
            [];
          log.errors.push(
            `console.${params.type}: ${args.map((a) => a.description ?? a.value).join(" ")}`,
          );
        }
        break;
      case "Runtime.exceptionThrown":
        log.errors.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
        break;
      case "Log.entryAdded": {
        const entry = params.entry as { level: string; text: string; url?: string };
        if (entry.level === "error") log.errors.push(`log: ${entry.text} ${entry.url ?? ""}`);
        break;
      }
      case "Network.requestWillBeSent":
        log.requests.push((params.request as { url: string }).url);
        break;
    }
    for (const wake of waiters.get(message.method ?? "") ?? []) wake();
    waiters.delete(message.method ?? "");
  };

  const send = async (method: string, params: Record<string, unknown> = {}) => {
    const id = nextId++;
    const answer = new Promise<CdpMessage>((resolve) => pending.set(id, { resolve }));
    socket.send(JSON.stringify({ id, method, params }));
    const message = await answer;
    if (message.error) throw new Error(`DevTools ${method} failed: ${message.error.message}`);
    return message.result ?? {};
  };
  const nextEvent = (method: string) =>
    new Promise<void>((resolve) => waiters.set(method, [...(waiters.get(method) ?? []), resolve]));

  for (const domain of ["Runtime", "Log", "Network", "Page"]) await send(`${domain}.enable`);

  const close = async () => {
    try {
      await Promise.race([send("Browser.close"), new Promise((r) => setTimeout(r, 2000))]);
    } catch { /* the browser went first */ }
    socket.close();
    await stopBrowser();
  };
  return {
    log,
    async open(url) {
      const loaded = nextEvent("Page.loadEventFired");
      const result = await send("Page.navigate", { url });
      if (typeof result.errorText === "string") {
        throw new Error(`Cannot open ${url}: ${result.errorText}`);
      }
      await loaded;
    },
    async evaluate<T>(expression: string) {
      const result = await send("Runtime.evaluate", { expression, returnByValue: true });
      if (result.exceptionDetails) {
        throw new Error(`Cannot evaluate in the page: ${JSON.stringify(result.exceptionDetails)}`);
      }
      return (result.result as { value: T }).value;
    },
    async screenshot() {
      const metrics = await send("Page.getLayoutMetrics");
      const size = metrics.cssContentSize as { width: number; height: number };
      const shot = await send("Page.captureScreenshot", {
        format: "png",
        captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
      });
      return Uint8Array.from(atob(shot.data as string), (c) => c.charCodeAt(0));
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
