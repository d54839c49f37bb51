// Which key signs: a keystore file (`--keystore`, its passphrase from IMAGESEAL_KEYSTORE_PASSWORD
// or typed at a prompt), or a raw key in IMAGESEAL_PRIVATE_KEY. Never from the command line:
// arguments are kept in shell history and shown by `ps` to every user of the machine.
import { readFile } from "node:fs/promises";
import type { Hex } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { decryptKeystore, KeystoreError } from "./keystore.ts";
import { PromptAbortedError, type Prompter } from "./prompter.ts";

const PRIVATE_KEY_ENV = "IMAGESEAL_PRIVATE_KEY";
const KEYSTORE_PASSWORD_ENV = "IMAGESEAL_KEYSTORE_PASSWORD";

export const RAW_KEY_WARNING = `warning: signing with the raw key in ${PRIVATE_KEY_ENV}. Use raw keys only for throw-away CI keys that hold little and can publish little; keep a publisher's key in an encrypted keystore (--keystore).`;

/** No key, or a key that cannot be used: exit status 2. */
export class SigningKeyError extends Error {
  override readonly name = "SigningKeyError";
}

export interface KeySources {
  /** `--keystore <file>`. */
  keystore: string | undefined;
  env: Record<string, string | undefined>;
  prompter: Prompter;
  /** Where the raw-key warning goes (stderr). */
  warn(line: string): void;
}

export interface SigningKey {
  account: PrivateKeyAccount;
  source: "keystore" | "env";
}

async function passphraseFor(file: string, { env, prompter }: KeySources): Promise<string> {
  const fromEnv = env[KEYSTORE_PASSWORD_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (!prompter.interactive)
    throw new SigningKeyError(
      `No passphrase for ${file}: set ${KEYSTORE_PASSWORD_ENV} (e.g. from your CI's secrets), or run on a terminal to type it.`,
    );
  try {
    return await prompter.askHidden(`Passphrase for ${file}: `);
  } catch (error) {
    if (error instanceof PromptAbortedError) throw new SigningKeyError(error.message);
    throw error;
  }
}

async function fromKeystore(file: string, sources: KeySources): Promise<Hex> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new SigningKeyError(
      `Cannot read the keystore ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  const passphrase = await passphraseFor(file, sources);
  try {
    return await decryptKeystore(text, passphrase);
  } catch (error) {
    if (error instanceof KeystoreError) throw new SigningKeyError(`${file}: ${error.message}`);
    throw error;
  }
}

function fromEnv(value: string): Hex {
  const key = value.trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new SigningKeyError(`${PRIVATE_KEY_ENV} must be a private key written 0x and 64 hex digits.`);
  return key as Hex;
}

export async function loadSigningKey(sources: KeySources): Promise<SigningKey> {
  const raw = sources.env[PRIVATE_KEY_ENV];
  let privateKey: Hex;
  let source: SigningKey["source"];
  if (sources.keystore !== undefined) {
    privateKey = await fromKeystore(sources.keystore, sources);
    source = "keystore";
  } else if (raw !== undefined && raw !== "") {
    privateKey = fromEnv(raw);
    source = "env";
    sources.warn(RAW_KEY_WARNING);
  } else {
    throw new SigningKeyError(
      `No key to sign with: pass --keystore <file> (its passphrase from ${KEYSTORE_PASSWORD_ENV} or a prompt), or set ${PRIVATE_KEY_ENV} for a throw-away CI key.`,
    );
  }
  try {
    return { account: privateKeyToAccount(privateKey), source };
  } catch {
    throw new SigningKeyError(
      `The key from ${source === "env" ? PRIVATE_KEY_ENV : sources.keystore} is not a valid secp256k1 private key.`,
    );
  }
}

// Flags someone might try for a secret. They are refused by name with the reason, rather than
// as merely "unknown", so nobody retries with another spelling.
const SECRET_FLAG =
  /^--?(?:password|passphrase|pass|passwd|pw|private-?key|privkey|pk|key|secret|mnemonic|seed)(?:=|$)/i;

/** The sentence refusing a secret on the command line, or null when `args` hold none. */
export function secretFlagProblem(args: readonly string[]): string | null {
  const flag = args.find((arg) => SECRET_FLAG.test(arg));
  if (flag === undefined) return null;
  return `${flag.split("=")[0]} is refused: a secret on the command line stays in shell history and is visible to every user through \`ps\`. Give a keystore's passphrase in ${KEYSTORE_PASSWORD_ENV} or at the prompt, or a throw-away CI key in ${PRIVATE_KEY_ENV}.`;
}
