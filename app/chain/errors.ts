// Every failure an action can report, as one union with a literal `kind`: the UI and the CLI
// switch on `kind`, show `message` (what happened and what to do), and keep `cause` for
// details. `toAppError` is the one place that turns whatever viem, a wallet, an RPC or the
// contract threw into it.
import { type Address, decodeErrorResult, type Hex } from "viem";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import {
  describeRegistryRevert,
  isRegistryErrorName,
  type RegistryRevert,
  type RevertSubject,
} from "./registryRevert.ts";

class AppErrorBase extends Error {
  constructor(message: string, cause: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

class UserRejectedError extends AppErrorBase {
  override readonly name = "UserRejectedError";
  readonly kind = "user-rejected";
  constructor(cause?: unknown) {
    super("You rejected the request in your wallet, so nothing was sent. Try again when ready.", cause);
  }
}

export class WrongChainError extends AppErrorBase {
  override readonly name = "WrongChainError";
  readonly kind = "wrong-chain";
  readonly expectedChainId: number | null;
  readonly actualChainId: number | null;
  constructor(expectedChainId: number | null, actualChainId: number | null, cause?: unknown) {
    const expected = expectedChainId === null ? "the registry's chain" : `chain ${expectedChainId}`;
    const actual = actualChainId === null ? "another chain" : `chain ${actualChainId}`;
    super(
      `Your wallet is on ${actual}, but the registry is on ${expected}. Switch your wallet to ${expected} and try again.`,
      cause,
    );
    this.expectedChainId = expectedChainId;
    this.actualChainId = actualChainId;
  }
}

class InsufficientFundsError extends AppErrorBase {
  override readonly name = "InsufficientFundsError";
  readonly kind = "insufficient-funds";
  constructor(cause?: unknown) {
    super(
      "Your account cannot pay for this transaction's gas. Add funds to it on this chain, or have someone else submit a signed release.",
      cause,
    );
  }
}

export class RpcUnreachableError extends AppErrorBase {
  override readonly name = "RpcUnreachableError";
  readonly kind = "rpc-unreachable";
  readonly url: string | null;
  /** The HTTP status when the endpoint answered with an error page; null when it could not be reached at all. */
  readonly status: number | null;
  constructor(url: string | null, status: number | null, detail: string, cause?: unknown) {
    super(
      `The chain's RPC endpoint${url ? ` ${url}` : ""} did not answer (${detail}). Check your connection or choose another RPC URL.`,
      cause,
    );
    this.url = url;
    this.status = status;
  }
}

class RpcTimeoutError extends AppErrorBase {
  override readonly name = "RpcTimeoutError";
  readonly kind = "timeout";
  readonly url: string | null;
  constructor(url: string | null, cause?: unknown) {
    super(
      `The chain's RPC endpoint${url ? ` ${url}` : ""} took too long to answer. Try again, or choose another RPC URL.`,
      cause,
    );
    this.url = url;
  }
}

export class ContractRevertError extends AppErrorBase {
  override readonly name = "ContractRevertError";
  readonly kind = "contract-revert";
  /** The registry's custom error with its arguments; null when the revert carried none we know. */
  readonly revert: RegistryRevert | null;
  constructor(revert: RegistryRevert | null, message: string, cause?: unknown) {
    super(message, cause);
    this.revert = revert;
  }
  static of(revert: RegistryRevert, subject: RevertSubject, cause?: unknown): ContractRevertError {
    return new ContractRevertError(revert, describeRegistryRevert(revert, subject), cause);
  }
}

export class RegistryMissingError extends AppErrorBase {
  override readonly name = "RegistryMissingError";
  readonly kind = "registry-missing";
  readonly address: Address;
  readonly chainId: number | null;
  constructor(address: Address, chainId: number | null, cause?: unknown) {
    super(
      `No ImageRegistry at ${address}${chainId === null ? "" : ` on chain ${chainId}`}: the address or the chain is wrong, or the chain was reset. Check the registry address and the chain.`,
      cause,
    );
    this.address = address;
    this.chainId = chainId;
  }
}

/** A log the contract must have emitted was not returned: the RPC prunes logs or is inconsistent. */
export class MissingLogError extends AppErrorBase {
  override readonly name = "MissingLogError";
  readonly kind = "missing-log";
  constructor(what: string) {
    super(
      `The RPC endpoint returned no ${what}. It may not keep old logs: try an RPC endpoint that serves the full log history.`,
      undefined,
    );
  }
}

type SignedReleaseProblem =
  /** Not a signed-release file, or a field is wrong. */
  | "malformed"
  /** A version 1 file, made for the old registry: its signature is void on this one. */
  | "old-version"
  | "wrong-chain"
  | "wrong-registry"
  | "expired"
  /** The publisher revoked a release or cancelled its signatures since the signing. */
  | "stale-nonce"
  /** Made for a nonce the publisher has not reached: never by an honest signer. */
  | "nonce-ahead"
  /** Not the named signer's signature (a key's, recovered; a contract account's, refused by it). */
  | "bad-signature"
  /** The signer is not the publisher and holds no delegation from it. */
  | "not-delegate"
  | "delegation-revoked"
  | "delegation-expired"
  /** The delegation does not cover the release's name. */
  | "name-out-of-scope";

/** A signed-release document that cannot be submitted as it is; `problem` says why. */
export class SignedReleaseInvalidError extends AppErrorBase {
  override readonly name = "SignedReleaseInvalidError";
  readonly kind = "signed-release-invalid";
  readonly problem: SignedReleaseProblem;
  constructor(problem: SignedReleaseProblem, message: string, cause?: unknown) {
    super(message, cause);
    this.problem = problem;
  }
}

/** An argument the app passed is malformed (e.g. a digest not written sha256:<64 hex>). */
class InvalidInputError extends AppErrorBase {
  override readonly name = "InvalidInputError";
  readonly kind = "invalid-input";
  constructor(detail: string, cause?: unknown) {
    super(`${detail}. Check the value and try again.`, cause);
  }
}

export class NoAccountError extends AppErrorBase {
  override readonly name = "NoAccountError";
  readonly kind = "no-account";
  constructor() {
    super("No account is connected. Connect a wallet and try again.", undefined);
  }
}

export class UnknownAppError extends AppErrorBase {
  override readonly name = "UnknownAppError";
  readonly kind = "unknown";
  constructor(detail: string, cause?: unknown) {
    super(`Something unexpected went wrong: ${detail}`, cause);
  }
}

export type AppError =
  | UserRejectedError
  | WrongChainError
  | InsufficientFundsError
  | RpcUnreachableError
  | RpcTimeoutError
  | ContractRevertError
  | RegistryMissingError
  | MissingLogError
  | SignedReleaseInvalidError
  | NoAccountError
  | InvalidInputError
  | UnknownAppError;

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppErrorBase;
}

/** What the caller knows, to make messages precise. */
export interface ErrorContext {
  /** The chain the registry is on. */
  chainId?: number;
  registry?: Address;
  /** Wording of "already published" and similar: the connected account, or a signature's publisher. */
  subject?: RevertSubject;
}

/** The error and its causes, outermost first (viem nests them in `cause`). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && chain.length < 32 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function named(chain: unknown[], name: string): Record<string, unknown> | undefined {
  return chain.find((e): e is Record<string, unknown> => e instanceof Error && e.name === name) as
    | Record<string, unknown>
    | undefined;
}

function shortMessageOf(error: unknown): string {
  if (error instanceof Error)
    return String((error as { shortMessage?: unknown }).shortMessage ?? error.message).split("\n")[0] ?? error.name;
  return String(error);
}

/** Raw revert data some node or wallet put in an error's `data` (viem decodes it only on some paths). */
function rawRevert(chain: unknown[]): RegistryRevert | null {
  for (const error of chain) {
    const data = (error as { data?: unknown }).data;
    const hex = typeof data === "string" ? data : (data as { data?: unknown } | undefined)?.data;
    if (typeof hex !== "string" || !/^0x[0-9a-fA-F]{8}/.test(hex)) continue;
    try {
      const decoded = decodeErrorResult({ abi: imageRegistryAbi, data: hex as Hex });
      if (isRegistryErrorName(decoded.errorName))
        return { errorName: decoded.errorName, args: decoded.args ?? [] } as RegistryRevert;
    } catch {
      // Not one of the registry's errors: keep looking.
    }
  }
  return null;
}

function revertOf(
  reverted: Record<string, unknown>,
  chain: unknown[],
  subject: RevertSubject,
  cause: unknown,
): ContractRevertError {
  const data = reverted.data as { errorName?: string; args?: readonly unknown[] } | undefined;
  if (data?.errorName !== undefined && isRegistryErrorName(data.errorName)) {
    return ContractRevertError.of(
      { errorName: data.errorName, args: data.args ?? [] } as RegistryRevert,
      subject,
      cause,
    );
  }
  const raw = rawRevert(chain);
  if (raw !== null) return ContractRevertError.of(raw, subject, cause);
  const reason = typeof reverted.reason === "string" ? reverted.reason : data?.errorName;
  const detail = reason ? `: ${reason}` : " without saying why";
  return new ContractRevertError(
    null,
    `The registry rejected the call${detail}. Check the registry address and the chain.`,
    cause,
  );
}

/**
 * Turns anything a read, a write, a wallet or an RPC threw into an AppError (an AppError is
 * returned as it is). Matching is by error name along the cause chain, so it also works when
 * two copies of viem are loaded (a wallet library's and ours).
 */
export function toAppError(error: unknown, context: ErrorContext = {}): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Error && error.name === "InvalidDigestError")
    return new InvalidInputError(error.message.charAt(0).toUpperCase() + error.message.slice(1), error);
  const chain = causes(error);
  if (chain.some((e) => (e as { code?: unknown }).code === 4001) || named(chain, "UserRejectedRequestError"))
    return new UserRejectedError(error);
  // Before reverts: a node that refuses to simulate for want of gas money answers like a revert
  // with no data ("Sender doesn't have enough funds…"), which is not the registry's refusal.
  if (
    named(chain, "InsufficientFundsError") ||
    chain.some((e) => e instanceof Error && /insufficient funds|enough funds/i.test(e.message))
  ) {
    return new InsufficientFundsError(error);
  }
  const reverted = named(chain, "ContractFunctionRevertedError");
  if (reverted) return revertOf(reverted, chain, context.subject ?? "you", error);
  if (named(chain, "ContractFunctionZeroDataError")) {
    const execution = named(chain, "ContractFunctionExecutionError");
    const address = (execution?.contractAddress as Address | undefined) ?? context.registry;
    if (address !== undefined) return new RegistryMissingError(address, context.chainId ?? null, error);
  }
  if (named(chain, "ChainMismatchError")) return new WrongChainError(context.chainId ?? null, null, error);
  const timeout = named(chain, "TimeoutError");
  if (timeout) return new RpcTimeoutError(typeof timeout.url === "string" ? timeout.url : null, error);
  const transport =
    named(chain, "HttpRequestError") ?? named(chain, "WebSocketRequestError") ?? named(chain, "SocketClosedError");
  if (transport) {
    const status = typeof transport.status === "number" ? transport.status : null;
    const detail = status !== null ? `HTTP ${status}` : shortMessageOf(chain.at(-1));
    return new RpcUnreachableError(typeof transport.url === "string" ? transport.url : null, status, detail, error);
  }
  if (chain.some((e) => e instanceof TypeError && /fetch failed|failed to fetch|network/i.test(e.message))) {
    return new RpcUnreachableError(null, null, shortMessageOf(chain.at(-1)), error);
  }
  return new UnknownAppError(shortMessageOf(error), error);
}

/** Runs an action and reports any failure as an AppError. */
export async function withAppErrors<T>(run: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAppError(error, context);
  }
}
