// Verify or publish by reference, as a plain action: parse what the user typed, read the
// identities from the registry, and hand back the same ArchiveReport an archive gives.
// Credentials, when given, live only in this call's closure: never stored, and only sent
// for the reference's own registry (to it, or to the token service its 401 names, as docker does).
import type { ArchiveReport } from "../../image/report.ts";
import { RegistryClient, type RegistryCredentials } from "../../registry/client.ts";
import { inspectReference } from "../../registry/inspectReference.ts";
import { type ImageReference, parseImageReference } from "../../registry/reference.ts";

export interface ReferenceInspection {
  reference: ImageReference;
  report: ArchiveReport;
}

export async function inspectByReference(
  text: string,
  credentials: RegistryCredentials | null,
  signal?: AbortSignal,
): Promise<ReferenceInspection> {
  const reference = parseImageReference(text.trim());
  const client = new RegistryClient({
    credentials: async (domain) => (credentials !== null && domain === reference.domain ? credentials : null),
    ...(signal ? { signal } : {}),
  });
  const report = await inspectReference(client, reference, signal ? { signal } : undefined);
  return { reference, report };
}
