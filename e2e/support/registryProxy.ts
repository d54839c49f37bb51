// A host of its own in front of the local registry, for what one registry cannot be at once:
// - `cors: false`: a registry as most hosted ones are to a page — it answers, but without CORS
//   headers, so the browser refuses the answer (every Access-Control-* header dropped);
// - `wellKnown`: a self-hosted registry whose host also serves /.well-known/imageseal.json
//   (a host-wide claim), as a registry behind the company's own domain would.
import http from "node:http";
import type { AddressInfo } from "node:net";

interface RegistryProxy {
  /** host:port, to write in a reference or a scope. */
  domain: string;
  close(): Promise<void>;
}

interface RegistryProxyOptions {
  cors: boolean;
  /** The well-known document to serve now; null → 404. */
  wellKnown?: () => string | null;
}

export async function startRegistryProxy(targetUrl: string, options: RegistryProxyOptions): Promise<RegistryProxy> {
  const target = new URL(targetUrl);
  const server = http.createServer((request, response) => {
    if (options.wellKnown && request.url === "/.well-known/imageseal.json") {
      const document = options.wellKnown();
      const cors = options.cors ? { "access-control-allow-origin": "*" } : {};
      response.writeHead(document === null ? 404 : 200, { "content-type": "application/json", ...cors });
      response.end(document ?? "");
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        const headers = options.cors
          ? answer.headers
          : Object.fromEntries(
              Object.entries(answer.headers).filter(([name]) => !name.toLowerCase().startsWith("access-control-")),
            );
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
