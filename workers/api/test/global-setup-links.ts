import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { TestProject } from "vitest/node";

/**
 * Real HTTP servers on 127.0.0.1 for the link-health tests. Tests run inside workerd, which cannot listen,
 * so the servers live here in the Node process that runs vitest, and their addresses reach the tests via
 * provide/inject. Nothing here listens on anything but loopback.
 */

export interface LinkServers {
  /** The "agency website": http://127.0.0.1:<port>. */
  base: string;
  port: number;
  /** More servers with the same routes on other ports: distinct hosts for the concurrency test. */
  extraPorts: number[];
  /** A port that was open and is now closed: connection refused. */
  closedPort: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    linkServers: LinkServers;
  }
}

interface Hit {
  port: number;
  method: string;
  path: string;
  start: number;
  end: number | null;
  userAgent: string | null;
}

const hits: Hit[] = [];
const fixedLater = new Map<string, number>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function handler(port: number) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const path = url.pathname;
    // The log endpoint is the tests' view of what reached the servers (arrival and end times, in ms).
    if (path === "/__log") {
      const tag = url.searchParams.get("tag") ?? "";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(hits.filter((h) => h.path.includes(tag))));
      return;
    }
    const hit: Hit = {
      port,
      method: req.method ?? "GET",
      path: path + url.search,
      start: performance.now(),
      end: null,
      userAgent: req.headers["user-agent"] ?? null,
    };
    hits.push(hit);
    res.on("close", () => {
      hit.end = performance.now();
    });
    const send = (status: number, headers: Record<string, string>, body = "") => {
      if (res.destroyed) return;
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const html = { "content-type": "text/html; charset=utf-8" };
    const go = (location: string, status = 302) => send(status, { location, ...html }, "<a>moved</a>");
    const seg = path.split("/").filter(Boolean);

    switch (true) {
      case path === "/" || path.startsWith("/good"):
        return send(200, html, "<!doctype html><title>ข้อมูลพื้นฐาน</title><p>ok</p>");
      case path === "/doc.pdf":
        return send(200, { "content-type": "application/pdf" }, "%PDF-1.4\n%%EOF\n");
      case path === "/report.xlsx":
        return send(200, { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, "x");
      case path === "/missing":
        return send(404, html, "<p>not found</p>");
      case path === "/broken":
        return send(500, html, "<p>error</p>");
      case path === "/data.json":
        return send(200, { "content-type": "application/json" }, "{}");
      case path === "/blob":
        return send(200, { "content-type": "application/octet-stream" }, "\u0000");
      // HEAD refused, GET fine (some Thai CMS hosts do this).
      case path === "/head403":
        return req.method === "HEAD" ? send(403, html) : send(200, html, "<p>ok</p>");
      case path === "/head405":
        return req.method === "HEAD" ? send(405, { allow: "GET", ...html }) : send(200, html, "<p>ok</p>");
      // /chain/0 → 1 → 2 → /good with the three redirect codes a site is likely to use.
      case seg[0] === "chain": {
        const n = Number(seg[1] ?? 0);
        if (n >= 3) return go("/good/after-chain", 308);
        return go(`/chain/${n + 1}`, [301, 302, 307][n]);
      }
      case path === "/loop/a":
        return go("/loop/b");
      case path === "/loop/b":
        return go(`http://127.0.0.1:${port}/loop/a`);
      // An endless chain of distinct URLs: too many redirects, not a loop.
      case seg[0] === "many":
        return go(`/many/${Number(seg[1] ?? 0) + 1}`);
      // Redirects to the same server under another name: same machine, not the agency's site.
      case path === "/offsite":
        return go(`http://localhost:${port}/good/offsite`);
      // Broken on the first request for a key, fine afterwards: a link that the agency fixed.
      case seg[0] === "fixed-later": {
        // Counted in GETs: a HEAD answers as the page is now, and its 404 is confirmed by a GET.
        const key = seg[1] ?? "";
        const gets = fixedLater.get(key) ?? 0;
        if (req.method === "GET") fixedLater.set(key, gets + 1);
        const fixed = req.method === "GET" ? gets + 1 > 1 : gets > 0;
        return fixed ? send(200, html, "<p>fixed</p>") : send(404, html, "<p>not yet</p>");
      }
      case seg[0] === "slow": {
        await sleep(Number(url.searchParams.get("ms") ?? 2000));
        return send(200, html, "<p>late</p>");
      }
      // Answers after a while: used to see how many requests are in flight at once.
      case seg[0] === "hold": {
        await sleep(Number(url.searchParams.get("ms") ?? 100));
        return send(200, html, "<p>held</p>");
      }
      default:
        return send(404, html, "<p>no route</p>");
    }
  };
}

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.address() as AddressInfo).port;
      server.on("request", handler(actual));
      resolve(server);
    });
  });
}

const portOf = (s: Server) => (s.address() as AddressInfo).port;

export default async function setup(project: TestProject) {
  const main = await listen();
  const extras = await Promise.all(Array.from({ length: 8 }, () => listen()));
  const closed = await listen();
  const closedPort = portOf(closed);
  await new Promise((r) => closed.close(r));
  project.provide("linkServers", {
    base: `http://127.0.0.1:${portOf(main)}`,
    port: portOf(main),
    extraPorts: extras.map(portOf),
    closedPort,
  });
  return async () => {
    for (const s of [main, ...extras]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  };
}
