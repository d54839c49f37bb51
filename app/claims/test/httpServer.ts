// Test-only: a node:http server on 127.0.0.1 with a free port, answering from a route table,
// closed (connections included) when the test ends.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

type Route = (request: IncomingMessage, response: ServerResponse) => void;

interface TestServer {
  /** "127.0.0.1:PORT" */
  host: string;
  origin: string;
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const server = createServer((request, response) => {
    const route = routes.get(request.url ?? "");
    if (route === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    route(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
