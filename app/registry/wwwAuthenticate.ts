// WWW-Authenticate (RFC 9110 §11.6.1): one or more challenges, each a scheme and either
// comma-separated auth-params (token or quoted-string values) or a token68. fetch joins repeated
// header lines with ", ", so several challenges can arrive in one string; a token that is not
// followed by "=" starts the next challenge. Registries send `Bearer realm=…,service=…,scope=…`
// (token auth) or `Basic realm=…`.

import { itemAt } from "../image/util/itemAt.ts";
import { RegistryError } from "./errors.ts";

export interface AuthChallenge {
  /** Lower case: "bearer", "basic". */
  scheme: string;
  /** Parameter names lower-cased (they are case-insensitive); values unquoted. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge used it instead of params. */
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

class Cursor {
  readonly text: string;
  at = 0;
  constructor(text: string) {
    this.text = text;
  }
  get done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string {
    return this.text[this.at] ?? "";
  }
  skipSpace(): void {
    while (this.peek() === " " || this.peek() === "\t") this.at++;
  }
  /** Spaces and list commas. */
  skipSeparators(): void {
    while (this.peek() === " " || this.peek() === "\t" || this.peek() === ",") this.at++;
  }
  token(): string {
    const start = this.at;
    while (TCHAR.test(this.peek())) this.at++;
    return this.text.slice(start, this.at);
  }
  fail(why: string): never {
    throw new RegistryError(
      "bad-response",
      `The registry sent a WWW-Authenticate header that cannot be read (${why} at character ${this.at}): ${JSON.stringify(this.text.slice(0, 200))}. Report it to the registry's operator.`,
    );
  }
  quoted(): string {
    this.at++; // opening quote
    let value = "";
    for (;;) {
      if (this.done) this.fail("unterminated quoted string");
      const c = itemAt(this.text, this.at++);
      if (c === '"') return value;
      if (c === "\\") {
        if (this.done) this.fail("unterminated quoted string");
        value += this.text[this.at++];
      } else {
        value += c;
      }
    }
  }
}

/** After a challenge's scheme: a token68 (with its "=" padding) followed by the end or a comma. */
function readToken68(cursor: Cursor): string | null {
  const start = cursor.at;
  while (TOKEN68_CHAR.test(cursor.peek())) cursor.at++;
  if (cursor.at === start) return null;
  while (cursor.peek() === "=") cursor.at++;
  const end = cursor.at;
  cursor.skipSpace();
  if (cursor.done || cursor.peek() === ",") return cursor.text.slice(start, end);
  cursor.at = start;
  return null;
}

/** Whether the cursor stands on `token BWS "="` (an auth-param), without moving it. */
function atParam(cursor: Cursor): boolean {
  const start = cursor.at;
  const name = cursor.token();
  cursor.skipSpace();
  const param = name !== "" && cursor.peek() === "=";
  cursor.at = start;
  return param;
}

/** Throws RegistryError("bad-response") when the header is not a challenge list. */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const cursor = new Cursor(header);
  const challenges: AuthChallenge[] = [];
  cursor.skipSeparators();
  while (!cursor.done) {
    const scheme = cursor.token();
    if (scheme === "") cursor.fail("expected an auth scheme");
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    if (!cursor.done && cursor.peek() !== " " && cursor.peek() !== "\t" && cursor.peek() !== ",")
      cursor.fail("expected a space after the scheme");
    cursor.skipSpace();
    if (!atParam(cursor)) {
      const token68 = readToken68(cursor);
      if (token68 !== null) challenge.token68 = token68;
    }
    // auth-params until a token that is not followed by "=" (the next challenge's scheme).
    for (;;) {
      cursor.skipSeparators();
      if (cursor.done || !atParam(cursor)) break;
      const name = cursor.token().toLowerCase();
      cursor.skipSpace();
      cursor.at++; // "="
      cursor.skipSpace();
      let value: string;
      if (cursor.peek() === '"') value = cursor.quoted();
      else {
        value = cursor.token();
        if (value === "") cursor.fail(`expected a value for ${name}`);
      }
      challenge.params[name] = value;
      cursor.skipSpace();
      if (!cursor.done && cursor.peek() !== ",") cursor.fail("expected a comma");
    }
  }
  return challenges;
}
