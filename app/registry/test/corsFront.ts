// A pass-through in front of a registry that answers CORS preflights itself. distribution 2.8
// puts OPTIONS behind its auth (401), and browsers need a 2xx preflight before any request that
// carries Authorization: without this, no page could pull from or push to a registry with auth.
// Operators do the same with their reverse proxy. Node only (the local registry).
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface CorsFront {
  close(): Promise<void>;
}

const PREFLIGHT_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "HEAD, GET, PUT, POST, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "Authorization, Accept, Content-Type",
  "access-control-max-age": "600",
};

/** Listens on 127.0.0.1:port and forwards everything but OPTIONS to 127.0.0.1:targetPort, Host header unchanged (distribution builds Location URLs from it). */
export async function startCorsFront(port: number, targetPort: number): Promise<CorsFront> {
  const pass = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (incoming.method === "OPTIONS") return void outgoing.writeHead(200, PREFLIGHT_HEADERS).end();
    const upstream = forward(
      { host: "127.0.0.1", port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    incoming.pipe(upstream);
  };
  const server: Server = createServer(pass);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
