// Validates the Teams app package in appPackage/ offline:
// - manifest.json (placeholders filled from env/.env.playground) against the official Teams
//   manifest JSON schema of its own manifestVersion, and en.json against the matching
//   localization schema. Both schemas ship inside @microsoft/app-manifest (the library the
//   Microsoft 365 Agents Toolkit uses for teamsApp/validateManifest); we load them from
//   node_modules and hand them to its validator, so no schema URL is ever fetched.
// - the icons: sizes read from the PNG IHDR header, outline icon white/transparent only.
// - our own limits the schema does not enforce (command titles ≤ 32 characters).
// Mutation tests prove the validator is live: broken copies must produce errors.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Json = Record<string, unknown>;
type ValidateArgs = Parameters<typeof AppManifestUtils.validateAgainstSchema>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP_PACKAGE = path.join(ROOT, "appPackage");
const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;
const MAX_COMMAND_TITLE = 32; // Teams shows at most 32 characters of a bot command title
const MAX_COMMAND_DESCRIPTION = 128; // classic Teams limit; newer schemas allow more

function readText(rel: string): string {
  return readFileSync(path.join(ROOT, rel), "utf8");
}

/** Minimal .env reader: KEY=VALUE lines, `#` comments, optional surrounding quotes. */
function readEnv(rel: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of readText(rel).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 1) continue;
    env[line.slice(0, eq).trim()] = line
      .slice(eq + 1)
      .trim()
      .replace(/^(["'])(.*)\1$/, "$2");
  }
  return env;
}

function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** Replace ${{VAR}} like the Agents Toolkit does; an undefined variable is an error. */
function substitute(text: string, env: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`\${{${name}}} is not defined in the env file`);
    return value;
  });
}

const clone = <T>(value: T): T => structuredClone(value);

// The official schemas, as shipped (offline) inside @microsoft/app-manifest.
const requireFromHere = createRequire(import.meta.url);
const SCHEMA_ROOT = path.join(
  path.dirname(requireFromHere.resolve("@microsoft/app-manifest/package.json")),
  "build",
  "json-schemas",
  "teams",
);

/**
 * The published localization schemas (every version up to at least v1.30) contain two
 * patternProperties keys with an unescaped `]` (`…\\b]\\.description$`). That is a literal `]` in
 * a plain JavaScript RegExp but a syntax error under the Unicode flag Ajv compiles patterns with.
 * Escaping such lone `]` keeps the meaning identical and makes the schema compile.
 */
function escapeLoneBrackets(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === "\\") {
      out += ch + source.charAt(i + 1);
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else {
      out += ch === "]" ? "\\]" : ch;
    }
  }
  return out;
}

function unicodeSafePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unicodeSafePatterns);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === "pattern" && typeof value === "string") return [key, escapeLoneBrackets(value)];
      if (key === "patternProperties" && value !== null && typeof value === "object") {
        const fixed = Object.entries(value).map(([p, v]) => [escapeLoneBrackets(p), unicodeSafePatterns(v)]);
        return [key, Object.fromEntries(fixed)];
      }
      return [key, unicodeSafePatterns(value)];
    }),
  );
}

function loadSchema(manifestVersion: string, file: string): Json {
  const schemaPath = path.join(SCHEMA_ROOT, `v${manifestVersion}`, file);
  if (!existsSync(schemaPath)) {
    throw new Error(`@microsoft/app-manifest ships no ${file} for manifest v${manifestVersion}`);
  }
  // Same clean-up as the toolkit: some published schemas contain \a or \v escapes, invalid in JSON.
  const raw = readFileSync(schemaPath, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return unicodeSafePatterns(JSON.parse(raw)) as Json;
}

async function validate(instance: unknown, schema: Json): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(instance as ValidateArgs[0], schema as ValidateArgs[1]);
}

interface Command {
  title: string;
  description: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}

function commandLists(manifest: Json): CommandList[] {
  const bots = (manifest.bots ?? []) as { commandLists?: CommandList[] }[];
  return bots.flatMap((bot) => bot.commandLists ?? []);
}

/** Limits the schema does not (or no longer) enforce. */
function commandProblems(manifest: Json, descriptionLimit: number): string[] {
  const problems: string[] = [];
  for (const list of commandLists(manifest)) {
    for (const { title, description } of list.commands) {
      if (title.length > MAX_COMMAND_TITLE) problems.push(`title "${title}" > ${MAX_COMMAND_TITLE}`);
      if (description.length > descriptionLimit) {
        problems.push(`description of "${title}" > ${descriptionLimit}`);
      }
    }
  }
  return problems;
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Read width/height straight from the IHDR chunk (always the first chunk of a PNG). */
function pngHeader(buf: Buffer): PngHeader {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(signature)) throw new Error("not a PNG");
  if (buf.toString("ascii", 12, 16) !== "IHDR") throw new Error("first chunk is not IHDR");
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf.readUInt8(24),
    colorType: buf.readUInt8(25),
  };
}

/** Pixels that are neither fully transparent nor pure white. */
function nonWhitePixels(png: PNG): number {
  let bad = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) bad++;
  }
  return bad;
}

const playgroundEnv = readEnv("env/.env.playground");
const manifestTemplate = readText("appPackage/manifest.json");
const manifest = JSON.parse(substitute(manifestTemplate, playgroundEnv)) as Json;
const manifestVersion = String(manifest.manifestVersion);
const manifestSchema = loadSchema(manifestVersion, "MicrosoftTeams.schema.json");
const localizationSchema = loadSchema(manifestVersion, "MicrosoftTeams.Localization.schema.json");
const localizationInfo = manifest.localizationInfo as {
  defaultLanguageTag: string;
  additionalLanguages: { languageTag: string; file: string }[];
};
const english = JSON.parse(readText("appPackage/en.json")) as Json;

// Nothing here may touch the network: fail loudly if anything tries to fetch a schema.
beforeAll(() => {
  vi.stubGlobal("fetch", () => {
    throw new Error("network access attempted during manifest validation");
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe("Teams app manifest", () => {
  it("uses a recent manifest version whose $schema URL matches it", () => {
    const [major, minor] = manifestVersion.split(".").map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it("only uses placeholders that every environment defines", () => {
    const used = placeholdersIn(manifestTemplate);
    expect(used.sort()).toEqual(["APP_NAME_SUFFIX", "BOT_ID", "TEAMS_APP_ID"]);
    for (const envFile of ["env/.env.playground", "env/.env.local", "env/.env.dev"]) {
      const env = readEnv(envFile);
      for (const name of used) expect(env, `${name} in ${envFile}`).toHaveProperty(name);
    }
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(manifest.id).toBe("00000000-0000-0000-0000-00000000a001");
    expect((manifest.bots as { botId: string }[])[0]?.botId).toBe("00000000-0000-0000-0000-00000000b001");
  });

  it("is valid against the official schema for its manifestVersion", async () => {
    expect(await validate(manifest, manifestSchema)).toEqual([]);
  });

  it("describes the bot as specified", () => {
    const [bot, ...more] = manifest.bots as Json[];
    expect(more).toHaveLength(0);
    expect(bot).toMatchObject({
      scopes: ["personal", "team", "groupChat"],
      supportsFiles: true,
      isNotificationOnly: false,
    });
    const byScope = (scope: string) =>
      commandLists(manifest)
        .filter((list) => list.scopes.includes(scope))
        .flatMap((list) => list.commands.map((c) => c.title));
    expect(byScope("personal")).toEqual(["nieuw contact", "mijn contacten", "verder met registratie", "signaal", "mijn opvolgingen", "audit", "help", "start"]);
    expect(byScope("team")).toEqual(["overzicht", "opvolging", "kanaal koppelen", "rollen", "bezorging", "help"]);
    expect(byScope("groupChat")).toEqual(["help"]);
    expect(manifest.permissions).toEqual(["identity", "messageTeamMembers"]);
    expect(manifest.description).toMatchObject({ short: "Steun bij contact na een kantelmoment" });
  });

  it("keeps command titles ≤ 32 characters and descriptions within the limits", () => {
    const commandSchema = (
      (manifestSchema.properties as Json).bots as {
        items: { properties: { commandLists: { items: { properties: { commands: { items: Json } } } } } };
      }
    ).items.properties.commandLists.items.properties.commands.items.properties as Record<
      string,
      { maxLength: number }
    >;
    const descriptionLimit = Math.min(commandSchema.description?.maxLength ?? Infinity, MAX_COMMAND_DESCRIPTION);
    expect(commandLists(manifest).flatMap((l) => l.commands).length).toBeGreaterThan(0);
    expect(commandProblems(manifest, descriptionLimit)).toEqual([]);

    const broken = clone(manifest);
    const firstCommand = commandLists(broken)[0]?.commands[0] as Command;
    firstCommand.title = "x".repeat(MAX_COMMAND_TITLE + 1);
    firstCommand.description = "y".repeat(descriptionLimit + 1);
    expect(commandProblems(broken, descriptionLimit)).toHaveLength(2);
  });

  it.each(["id", "developer", "name", "description", "icons", "accentColor", "manifestVersion"])(
    "rejects a copy without the required field %s",
    async (field) => {
      const broken = clone(manifest);
      delete broken[field];
      const errors = await validate(broken, manifestSchema);
      expect(errors.join("\n")).toContain(`must have required property '${field}'`);
    },
  );

  it("rejects other broken copies (bad ids, over-long texts, unknown fields, raw placeholders)", async () => {
    const rawTemplate = JSON.parse(manifestTemplate) as Json; // ${{TEAMS_APP_ID}} is no GUID
    expect(await validate(rawTemplate, manifestSchema)).not.toEqual([]);

    const longDescription = clone(manifest);
    (longDescription.description as Json).short = "z".repeat(81);
    expect((await validate(longDescription, manifestSchema)).join("\n")).toContain("/description/short");

    const badBot = clone(manifest);
    delete (badBot.bots as Json[])[0]?.botId;
    expect((await validate(badBot, manifestSchema)).join("\n")).toContain("botId");

    const extra = clone(manifest);
    extra.somethingNew = true;
    expect(await validate(extra, manifestSchema)).not.toEqual([]);
  });
});

describe("localization", () => {
  it("declares nl-be as default and ships en.json with a matching schema version", () => {
    expect(localizationInfo.defaultLanguageTag).toBe("nl-be");
    expect(localizationInfo.additionalLanguages).toEqual([{ languageTag: "en", file: "en.json" }]);
    for (const { file } of localizationInfo.additionalLanguages) {
      expect(existsSync(path.join(APP_PACKAGE, file)), file).toBe(true);
    }
    expect(english.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    );
    expect(placeholdersIn(readText("appPackage/en.json"))).toEqual([]);
  });

  it("en.json is valid against the official localization schema", async () => {
    expect(await validate(english, localizationSchema)).toEqual([]);
  });

  it("translates exactly the manifest's commands, within the same limits", () => {
    const expectedKeys = commandLists(manifest).flatMap((list, l) =>
      list.commands.flatMap((_c, c) => [
        `bots[0].commandLists[${l}].commands[${c}].title`,
        `bots[0].commandLists[${l}].commands[${c}].description`,
      ]),
    );
    const commandKeys = Object.keys(english).filter((k) => k.startsWith("bots["));
    expect(commandKeys.sort()).toEqual(expectedKeys.sort());
    for (const key of commandKeys) {
      const limit = key.endsWith(".title") ? MAX_COMMAND_TITLE : MAX_COMMAND_DESCRIPTION;
      expect((english[key] as string).length, key).toBeLessThanOrEqual(limit);
    }
  });

  it("patches the schema's lone `]` without changing what the pattern matches", () => {
    const original = String.raw`^activities.activityTypes\[\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\b]\.description$`;
    expect(() => new RegExp(original, "u")).toThrow();
    const patched = new RegExp(escapeLoneBrackets(original), "u");
    for (const key of ["activities.activityTypes[7].description", "activities.activityTypes[128].description"]) {
      expect(patched.test(key), key).toBe(new RegExp(original).test(key));
    }
    expect(escapeLoneBrackets(String.raw`^bots\[0\]\.x[\]a-z]$`)).toBe(String.raw`^bots\[0\]\.x[\]a-z]$`);
    expect(Object.keys(localizationSchema.patternProperties as Json)).toContain(escapeLoneBrackets(original));
  });

  it("rejects broken translations", async () => {
    const missing = clone(english);
    delete missing["description.full"];
    expect((await validate(missing, localizationSchema)).join("\n")).toContain(
      "must have required property 'description.full'",
    );

    const unknownKey = clone(english);
    unknownKey["bots[0].commandLists[0].commands[0].titel"] = "typo";
    expect(await validate(unknownKey, localizationSchema)).not.toEqual([]);

    const tooLong = clone(english);
    tooLong["name.short"] = "n".repeat(31);
    expect(await validate(tooLong, localizationSchema)).not.toEqual([]);
  });
});

describe("icons", () => {
  const icons = manifest.icons as { color: string; outline: string };
  const colorPng = readFileSync(path.join(APP_PACKAGE, icons.color));
  const outlinePng = readFileSync(path.join(APP_PACKAGE, icons.outline));

  it("color icon is a 192×192 full-colour PNG", () => {
    const header = pngHeader(colorPng);
    expect([header.width, header.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(header.colorType); // truecolour (with or without alpha)
    const png = PNG.sync.read(colorPng);
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i] !== png.data[i + 1] || png.data[i + 1] !== png.data[i + 2]) coloured++;
    }
    expect(coloured).toBeGreaterThan((192 * 192) / 2);
  });

  it("outline icon is a 32×32 PNG with only white and transparent pixels", () => {
    const header = pngHeader(outlinePng);
    expect([header.width, header.height]).toEqual([32, 32]);
    expect(header.colorType).toBe(6); // truecolour with alpha: transparency is required
    const png = PNG.sync.read(outlinePng);
    expect(nonWhitePixels(png)).toBe(0);
    const alphas = Array.from({ length: 32 * 32 }, (_v, p) => png.data[p * 4 + 3] as number);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100); // a visible glyph
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(100); // a transparent background
  });

  it("the pixel checks catch wrong icons", () => {
    expect(() => pngHeader(Buffer.from("not a png at all, definitely not one"))).toThrow();
    expect(pngHeader(colorPng).width).not.toBe(32); // sizes really come from the header

    const tinted = PNG.sync.read(outlinePng);
    const firstOpaque = tinted.data.findIndex((_v, i) => i % 4 === 3 && tinted.data[i] === 255) - 3;
    tinted.data[firstOpaque] = 200; // a reddish-grey pixel instead of white
    expect(nonWhitePixels(tinted)).toBe(1);
  });
});
