import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, getAddress, isAddress, zeroAddress } from "viem";
import { delegationQuery } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { delegationProblems } from "./delegationScope.ts";
import type { DelegationRead } from "./OnBehalfField.tsx";

/**
 * The "publish on behalf of" state: the address typed, the publisher it names (null when
 * empty), and the connected key's delegation from it, read before the wallet opens; until it
 * is read (or when it refuses the names) the publish button stays away.
 */
export function useOnBehalf(registryChain: RegistryChain, account: Address | undefined) {
  const [text, setText] = useState("");
  const trimmed = text.trim();
  const valid = trimmed !== "" && isAddress(trimmed, { strict: true }) && /^0x[0-9a-fA-F]{40}$/.test(trimmed);
  const publisher = valid ? getAddress(trimmed) : null;
  const self = publisher !== null && account !== undefined && publisher === getAddress(account);
  const problem =
    trimmed === ""
      ? null
      : !valid
        ? "Enter the publisher's full address: 0x and 40 hex digits (mixed case must match its checksum)."
        : self
          ? "That is your own address: leave the field empty to publish as yourself."
          : null;
  const enabled = publisher !== null && !self && account !== undefined;
  const query = useQuery({
    ...delegationQuery(registryChain, publisher ?? zeroAddress, account ?? zeroAddress),
    enabled,
  });
  const read: DelegationRead = !enabled
    ? { status: "idle" }
    : query.isPending
      ? { status: "pending" }
      : query.isError
        ? { status: "error", message: query.error.message }
        : { status: "done", delegation: query.data ?? null };
  function problems(names: string[]): string[] {
    if (trimmed === "") return [];
    if (problem !== null) return [problem];
    if (publisher === null || account === undefined)
      return ["Connect the wallet of the delegate key to publish on a publisher's behalf."];
    if (read.status === "pending") return ["Reading your key's delegation…"];
    if (read.status === "error") return [`Could not read your key's delegation: ${read.message}`];
    if (read.status !== "done") return [];
    return delegationProblems(publisher, getAddress(account), read.delegation, names, Date.now() / 1000);
  }
  return { text, setText, publisher: self ? null : publisher, problem, read, problems };
}
