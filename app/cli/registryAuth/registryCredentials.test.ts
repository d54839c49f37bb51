// Credentials found as docker and podman find them: temp config files, and a fake
// docker-credential-<name> script on PATH that answers the protocol (and logs its stdin).
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { DOCKER_HUB_KEY, decodeEntry, hostOfKey } from "./authFile.ts";
import { parseHelperOutput } from "./credentialHelper.ts";
import { authFilePaths, findCredentials, registryCredentials } from "./registryCredentials.ts";

const temp = mkdtempSync(path.join(tmpdir(), "imageseal-auth-"));
after(() => rmSync(temp, { recursive: true, force: true }));
let counter = 0;
const dir = () => {
  const made = path.join(temp, `case-${counter++}`);
  mkdirSync(made, { recursive: true });
  return made;
};
const basic = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString("base64");
const writeJson = (file: string, value: unknown) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
};

/** A fake helper: answers from a table keyed by the server URL it reads on stdin, and appends what it read to a log. */
function fakeHelper(bin: string, name: string, answers: Record<string, { Username: string; Secret: string }>): string {
  mkdirSync(bin, { recursive: true });
  const log = path.join(bin, `${name}.log`);
  const script = path.join(bin, `docker-credential-${name}`);
  writeFileSync(
    script,
    `#!${process.execPath}
const fs = require("node:fs");
const answers = ${JSON.stringify(answers)};
if (process.argv[2] !== "get") process.exit(3);
const url = fs.readFileSync(0, "utf8");
fs.appendFileSync(${JSON.stringify(log)}, url + "\\n");
if (answers[url]) { process.stdout.write(JSON.stringify({ ServerURL: url, ...answers[url] })); }
else { process.stdout.write("credentials not found in native keychain\\n"); process.exit(1); }
`,
  );
  chmodSync(script, 0o755);
  return log;
}

describe("registry credentials from docker's config.json", () => {
  test("reads auths[host].auth (base64 user:password) from $DOCKER_CONFIG/config.json", async () => {
    const config = dir();
    writeJson(path.join(config, "config.json"), {
      auths: { "127.0.0.1:5055": { auth: basic("alice", "s3cret:with:colons") } },
    });
    const found = await findCredentials("127.0.0.1:5055", { env: { DOCKER_CONFIG: config }, home: dir() });
    assert.deepEqual(found, {
      username: "alice",
      password: "s3cret:with:colons",
      source: path.join(config, "config.json"),
    });
  });

  test("reads ~/.docker/config.json when DOCKER_CONFIG is not set, and stores Docker Hub under https://index.docker.io/v1/", async () => {
    const home = dir();
    writeJson(path.join(home, ".docker", "config.json"), {
      auths: { [DOCKER_HUB_KEY]: { auth: basic("hubuser", "hubpass") }, "ghcr.io": { auth: basic("gh", "ghp") } },
    });
    const hub = await findCredentials("docker.io", { env: {}, home });
    assert.deepEqual(hub, {
      username: "hubuser",
      password: "hubpass",
      source: path.join(home, ".docker", "config.json"),
    });
    const ghcr = await findCredentials("ghcr.io", { env: {}, home });
    assert.equal(ghcr?.username, "gh");
    assert.equal(await findCredentials("quay.io", { env: {}, home }), null);
  });

  test("matches keys written as URLs by older docker logins (https://host/v1/), as docker's ConvertToHostname", async () => {
    const home = dir();
    writeJson(path.join(home, ".docker", "config.json"), {
      auths: { "https://registry.example.com:5000/v1/": { auth: basic("u", "p") } },
    });
    assert.equal((await findCredentials("registry.example.com:5000", { env: {}, home }))?.password, "p");
    assert.equal(await findCredentials("registry.example.com", { env: {}, home }), null);
  });

  test("keeps an identitytoken for registries that issued one", async () => {
    const home = dir();
    writeJson(path.join(home, ".docker", "config.json"), {
      auths: {
        "acme.azurecr.io": { auth: basic("00000000-0000-0000-0000-000000000000", ""), identitytoken: "refresh-token" },
      },
    });
    assert.deepEqual(await findCredentials("acme.azurecr.io", { env: {}, home }), {
      username: "00000000-0000-0000-0000-000000000000",
      password: "",
      identityToken: "refresh-token",
      source: path.join(home, ".docker", "config.json"),
    });
  });

  test("asks credHelpers[host] before credsStore, with the server URL on stdin", async () => {
    const home = dir();
    const bin = dir();
    const perHostLog = fakeHelper(bin, "perhost", { "ghcr.io": { Username: "helped", Secret: "from-helper" } });
    const storeLog = fakeHelper(bin, "store", { [DOCKER_HUB_KEY]: { Username: "hub", Secret: "from-store" } });
    writeJson(path.join(home, ".docker", "config.json"), {
      credsStore: "store",
      credHelpers: { "ghcr.io": "perhost" },
      auths: { "ghcr.io": {} },
    });
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const ghcr = await findCredentials("ghcr.io", { env, home });
    assert.deepEqual(ghcr, {
      username: "helped",
      password: "from-helper",
      source: `docker-credential-perhost (named in ${path.join(home, ".docker", "config.json")})`,
    });
    const hub = await findCredentials("docker.io", { env, home });
    assert.equal(hub?.password, "from-store");
    assert.equal(readFileSync(perHostLog, "utf8"), "ghcr.io\n");
    assert.equal(readFileSync(storeLog, "utf8"), `${DOCKER_HUB_KEY}\n`);
  });

  test("a helper's Username <token> is an identity token", async () => {
    const home = dir();
    const bin = dir();
    fakeHelper(bin, "tok", { "acme.azurecr.io": { Username: "<token>", Secret: "refresh" } });
    writeJson(path.join(home, ".docker", "config.json"), { credsStore: "tok" });
    const found = await findCredentials("acme.azurecr.io", { env: { PATH: bin }, home });
    assert.equal(found?.identityToken, "refresh");
    assert.equal(found?.password, "");
  });

  test("a helper that is missing or has nothing goes on to podman's auth file, warning without secrets", async () => {
    const home = dir();
    const runtime = dir();
    writeJson(path.join(home, ".docker", "config.json"), {
      credsStore: "missing-helper",
      auths: { "127.0.0.1:5055": { auth: basic("docker", "never-used") } },
    });
    writeJson(path.join(runtime, "containers", "auth.json"), {
      auths: { "127.0.0.1:5055": { auth: basic("podman", "pw") } },
    });
    const warnings: string[] = [];
    const found = await findCredentials("127.0.0.1:5055", {
      env: { PATH: dir(), XDG_RUNTIME_DIR: runtime },
      home,
      warn: (line) => warnings.push(line),
    });
    assert.deepEqual(found, {
      username: "podman",
      password: "pw",
      source: path.join(runtime, "containers", "auth.json"),
    });
    assert.deepEqual(warnings, [
      `credentials for 127.0.0.1:5055: docker-credential-missing-helper is not on PATH (named in ${path.join(home, ".docker", "config.json")}); trying the next source`,
    ]);
  });

  test("REGISTRY_AUTH_FILE replaces the runtime auth.json; ~/.config/containers/auth.json comes last", async () => {
    const home = dir();
    const chosen = path.join(dir(), "my-auth.json");
    writeJson(chosen, { auths: { "quay.io": { auth: basic("q", "chosen") } } });
    writeJson(path.join(home, ".config", "containers", "auth.json"), {
      auths: { "quay.io": { auth: basic("q", "user-config") }, "docker.io": { auth: basic("d", "podman-hub") } },
    });
    assert.deepEqual(authFilePaths({ REGISTRY_AUTH_FILE: chosen, XDG_RUNTIME_DIR: "/run/user/1" }, home), [
      path.join(home, ".docker", "config.json"),
      chosen,
      path.join(home, ".config", "containers", "auth.json"),
    ]);
    assert.equal((await findCredentials("quay.io", { env: { REGISTRY_AUTH_FILE: chosen }, home }))?.password, "chosen");
    // podman stores Docker Hub as "docker.io".
    assert.equal((await findCredentials("docker.io", { env: {}, home }))?.password, "podman-hub");
  });

  test("a broken file or entry is skipped with a warning that quotes no secret", async () => {
    const home = dir();
    const config = dir();
    writeFileSync(path.join(config, "config.json"), "{ not json");
    writeJson(path.join(home, ".config", "containers", "auth.json"), {
      auths: { "127.0.0.1:5055": { auth: "c2VjcmV0LW5vLWNvbG9u" } },
    });
    const warnings: string[] = [];
    const found = await findCredentials("127.0.0.1:5055", {
      env: { DOCKER_CONFIG: config },
      home,
      warn: (line) => warnings.push(line),
    });
    assert.equal(found, null);
    assert.deepEqual(warnings, [
      `${path.join(config, "config.json")} is not valid JSON: its registry credentials are not used`,
      `${path.join(home, ".config", "containers", "auth.json")}: the entry for 127.0.0.1:5055 is ignored: its "auth" is not base64 of user:password`,
    ]);
    assert.ok(!warnings.join("\n").includes("secret-no-colon"));
  });

  test("registryCredentials looks each registry up once and hands RegistryClient no source field", async () => {
    const home = dir();
    const bin = dir();
    const log = fakeHelper(bin, "count", { "ghcr.io": { Username: "u", Secret: "p" } });
    writeJson(path.join(home, ".docker", "config.json"), { credsStore: "count" });
    const heard: string[] = [];
    const credentials = registryCredentials({ env: { PATH: bin }, home }, (domain, source) =>
      heard.push(`${domain} ${source}`),
    );
    assert.deepEqual(await credentials("ghcr.io"), { username: "u", password: "p" });
    assert.deepEqual(await credentials("GHCR.io"), { username: "u", password: "p" });
    assert.equal(await credentials("quay.io"), null);
    assert.equal(readFileSync(log, "utf8"), "ghcr.io\nquay.io\n");
    assert.deepEqual(heard, [
      `ghcr.io docker-credential-count (named in ${path.join(home, ".docker", "config.json")})`,
    ]);
  });
});

describe("auth entries and helper answers, against a reference encoder", () => {
  test("decodeEntry inverts base64(user:password) for any user without a colon", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes(":")),
        fc.string(),
        (user, pass) => {
          // Go trims trailing NULs from the password; so does decodeEntry.
          fc.pre(!pass.endsWith("\0") && (user !== "" || pass !== ""));
          assert.deepEqual(decodeEntry({ auth: basic(user, pass) }), { username: user, password: pass });
        },
      ),
    );
  });

  test("decodeEntry refuses what Go's StdEncoding refuses, and never throws", () => {
    assert.equal(decodeEntry({ auth: "dXNlcjpwYXNz" }) !== null, true);
    assert.equal(decodeEntry({ auth: "dXNlcjpwYXN" }), `its "auth" is not base64 of user:password`);
    assert.equal(decodeEntry({ auth: "dXNl cjpw" }), `its "auth" is not base64 of user:password`);
    fc.assert(fc.property(fc.jsonValue(), (value) => void decodeEntry(value)));
  });

  test("hostOfKey strips a scheme and a path, as docker's ConvertToHostname", () => {
    assert.equal(hostOfKey("https://index.docker.io/v1/"), "index.docker.io");
    assert.equal(hostOfKey("http://Registry.Local:5000"), "registry.local:5000");
    assert.equal(hostOfKey("quay.io/acme"), "quay.io");
  });

  test("parseHelperOutput reads Username and Secret, and never echoes the answer in its reasons", () => {
    assert.deepEqual(parseHelperOutput(`{"ServerURL":"x","Username":"u","Secret":"s"}`), {
      kind: "found",
      credentials: { username: "u", password: "s" },
    });
    assert.deepEqual(parseHelperOutput(`{"Username":"<token>","Secret":"t"}`), {
      kind: "found",
      credentials: { username: "", password: "", identityToken: "t" },
    });
    assert.deepEqual(parseHelperOutput("secret-value"), { kind: "failed", reason: "its answer is not JSON" });
    assert.deepEqual(parseHelperOutput(`{"Secret":"s"}`), {
      kind: "failed",
      reason: "its answer has no Username and Secret",
    });
  });
});
