// A tiny static file server for the browser tests: node:http only, 127.0.0.1, a free port chosen by
// the OS. It serves one directory (GET/HEAD), with the MIME types the built add-in needs, and logs
// every request path so tests can check what the page asked for.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const MIME: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
}

export interface RequestRecord {
  readonly method: string;
  /** The path as requested, query included (e.g. "/taskpane.html?lang=en"). */
  readonly path: string;
  readonly status: number;
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT", no trailing slash. */
  readonly origin: string;
  readonly port: number;
  readonly root: string;
  /** Every request served so far, in order (the log; never cleared by the server). */
  readonly requests: readonly RequestRecord[];
  /** An absolute URL on this server for a path relative to the root ("taskpane.html"). */
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a random free port. Resolves once listening. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const requests: RequestRecord[] = [];

  const server: Server = createServer((req, res) => {
    const method = req.method ?? "GET";
    const raw = req.url ?? "/";
    const finish = (status: number, headers: Record<string, string | number> = {}, body?: string) => {
      requests.push({ method, path: raw, status });
      res.writeHead(status, { "Cache-Control": "no-store", ...headers });
      res.end(body);
    };
    if (method !== "GET" && method !== "HEAD") return finish(405, { Allow: "GET, HEAD" }, "method not allowed\n");

    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(raw, "http://127.0.0.1").pathname);
    } catch {
      return finish(400, {}, "bad request\n");
    }
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return finish(403, {}, "forbidden\n");

    stat(file).then(
      (info) => {
        if (!info.isFile()) return finish(404, {}, "not found\n");
        requests.push({ method, path: raw, status: 200 });
        res.writeHead(200, { "Content-Type": mimeType(file), "Content-Length": info.size, "Cache-Control": "no-store" });
        if (method === "HEAD") return res.end();
        const stream = createReadStream(file);
        stream.on("error", () => res.destroy());
        stream.pipe(res);
      },
      () => finish(404, {}, "not found\n"),
    );
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    root,
    requests,
    url: (path) => new URL(path.replace(/^\/+/, ""), `${origin}/`).href,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
