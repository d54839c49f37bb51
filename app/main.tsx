import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { loadAppConfig } from "./config/appConfig.ts";
import { Providers } from "./providers.tsx";
import "./ui/styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

// The environment is validated once, here: a bad build setting shows on the page
// instead of surfacing later as a confusing RPC error.
let content: ReactNode;
try {
  const config = loadAppConfig(import.meta.env);
  content = (
    <Providers config={config}>
      <App />
    </Providers>
  );
} catch (error) {
  content = (
    <main className="page">
      <h1>ImageSeal is misconfigured</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>
  );
}
createRoot(root).render(<StrictMode>{content}</StrictMode>);
