// Reference models of how each loader finds a file by path in an archive, written from
// their sources, for the property test of EntryTable: whenever the table resolves a path,
// every loader that finds a regular file there must find the same entry.
//   docker 20.10 (image/tarexport): extracts the tar (pkg/archive Unpack: the last entry of
//     a path replaces earlier ones, links are followed at every level, absolute link
//     targets start at the root, hard links share the target's data) and opens the path.
//   containers/image (docker/internal/tarfile): the FIRST entry whose path.Clean'd name
//     equals the path; a symlink (by typeflag) is followed once, path.Join(dir, target);
//     anything but a regular file is an error; a hard link's own (empty) data is read.
//   containerd 1.6 (images/archive): regular files by path.Clean'd name (the last wins),
//     symlinks recorded as path.Join(dir, target) and followed once; hard links ignored.
// Paths here are already normalized (no `.`, `..` above the root, or empty parts).

import { itemAt } from "../../util/itemAt.ts";
import type { TarEntry } from "../tarEntry.ts";

type ModelAnswer = TarEntry | null;

function clean(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** containers/image: first match, one symlink hop, regular files only (hard links read as their own empty data). */
export function containersImageLookup(entries: readonly TarEntry[], path: string): ModelAnswer {
  const first = (wanted: string) => entries.find((entry) => clean(entry.rawPath) === wanted);
  let found = first(path);
  if (found?.kind === "symlink") {
    const target = clean(`${dirOf(path)}/${found.linkTarget ?? ""}`.replace(/^\//, ""));
    found = target === null ? undefined : first(target);
  }
  return found && (found.kind === "file" || found.kind === "hardlink") ? found : null;
}

/** containerd: the last regular file of a name, or one symlink hop to one. */
export function containerdLookup(entries: readonly TarEntry[], path: string): ModelAnswer {
  const files = new Map<string, TarEntry>();
  const links = new Map<string, string>();
  for (const entry of entries) {
    const name = clean(entry.rawPath);
    if (name === null) continue;
    if (entry.kind === "file") files.set(name, entry);
    if (entry.kind === "symlink") {
      const target = clean(`${dirOf(name)}/${entry.linkTarget ?? ""}`.replace(/^\//, ""));
      if (target !== null) links.set(name, target);
    }
  }
  const direct = files.get(path);
  if (direct) return direct;
  const target = links.get(path);
  return target === undefined ? null : (files.get(target) ?? null);
}

/** docker: the last entry of each path after extraction, resolved like a file system (every level, absolute from the root). */
export function dockerLookup(entries: readonly TarEntry[], path: string): ModelAnswer {
  const placed = new Map<string, TarEntry>();
  for (const entry of entries) {
    const name = clean(entry.rawPath);
    if (name !== null && name !== "") placed.set(name, entry);
  }
  let pending = path.split("/").filter((part) => part !== "");
  let resolved: string[] = [];
  for (let hops = 0; pending.length > 0; ) {
    const part = itemAt(pending, 0);
    pending = pending.slice(1);
    if (part === "." || (part === ".." && resolved.length === 0)) continue; // the root's parent is the root
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const candidate = [...resolved, part].join("/");
    const entry = placed.get(candidate);
    const isLink = entry?.kind === "symlink" || (entry?.kind === "hardlink" && pending.length === 0);
    if (!entry || !isLink) {
      resolved.push(part);
      continue;
    }
    if (++hops > 255) return null;
    const target = entry.linkTarget ?? "";
    const fromRoot = target.startsWith("/") || entry.kind === "hardlink";
    resolved = fromRoot
      ? []
      : dirOf(candidate)
          .split("/")
          .filter((p) => p !== "");
    pending = [...target.split("/").filter((p) => p !== ""), ...pending];
  }
  const found = placed.get(resolved.join("/"));
  return found?.kind === "file" ? found : null;
}
