// Where an OCI layout stores a blob: blobs/<algorithm>/<encoded>.

export function blobPath(digest: string): string {
  return `blobs/${digest.replace(":", "/")}`;
}
