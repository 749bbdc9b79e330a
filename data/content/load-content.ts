import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod/v4';
import {
  CONTENT_FILES,
  findCrossFileProblems,
  SOCIAL_MAP_DIR,
  ZChecklistFileSchema,
  ZDomainsFileSchema,
  ZGuideSchema,
  ZLetterSchema,
  ZLifeEventsFileSchema,
  ZRegistrationSchema,
  ZSocialMapSchema,
  ZTeamListsSchema,
  type TTeamLists,
  type TChecklistItem,
  type TContentProblem,
  type TDomain,
  type TGuide,
  type TLetter,
  type TLifeEvent,
  type TRegistration,
  type TSocialMap,
  type TSocialService,
} from './schemas.ts';

// Reads the content files (guide, checklist, letter, social maps …) once at start-up and validates them.
// Anything wrong stops the start with a ContentError that names the file, the place in it and the line.

const CONTENT_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(CONTENT_DIR, '..', '..');

export interface TContent {
  domains: TDomain[];
  lifeEvents: TLifeEvent[];
  guide: TGuide;
  checklist: TChecklistItem[];
  registration: TRegistration;
  letter: TLetter;
  /** Lists for signals and follow-ups (team.yaml). */
  team: TTeamLists;
  /** One per file in social-map/, sorted by file name. */
  socialMaps: TSocialMap[];
}

export interface TContentErrorProblem extends TContentProblem {
  /** The file as shown in the message: relative to the repository when inside it. */
  displayFile: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export class ContentError extends Error {
  constructor(readonly problems: TContentErrorProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}

function formatProblem(p: TContentErrorProblem): string {
  const where = p.path.length ? `${p.path.join('.')}: ` : '';
  const line = p.line ? ` (line ${p.line})` : '';
  return `${p.displayFile}: ${where}${p.message}${line}`;
}

interface TParsed<T> {
  value?: T;
  problems: TContentErrorProblem[];
}

/** Reads one YAML file and checks it against its schema; problems carry the line where they are. */
function readFile<T>(dir: string, file: string, schema: z.ZodType<T>): TParsed<T> {
  const fullPath = join(dir, file);
  const displayFile = displayName(fullPath);
  const problem = (path: (string | number)[], message: string, line?: number): TContentErrorProblem => ({ file, displayFile, path, message, line });
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch {
    return { problems: [problem([], 'file not found or not readable')] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => problem([], `not valid YAML: ${e.message.split('\n')[0]}`, lineCounter.linePos(e.pos[0]).line)) };
  }
  const parsed = schema.safeParse(doc.toJS(), { error: (iss) => (iss.input === undefined ? 'missing' : undefined) });
  if (parsed.success) return { value: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
      const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message.replace(/^Invalid input: /, '');
      return problem(path, message, lineOf(doc, lineCounter, path));
    }),
  };
}

/** The line of the deepest entry along the path that exists in the document (for a map entry: the line of its key). */
function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  const lineAt = (node: unknown) => {
    const start = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    return start === undefined ? undefined : lineCounter.linePos(start).line;
  };
  for (let n = path.length; n >= 1; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (pair) return lineAt(pair.key);
    } else if (isSeq(parent) && typeof key === 'number' && parent.items[key]) {
      return lineAt(parent.items[key]);
    }
  }
  return lineAt(doc.contents);
}

function displayName(fullPath: string): string {
  const rel = relative(REPO_ROOT, fullPath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : fullPath;
}

/**
 * Loads and validates all content under `dir` (default: data/content of this repository). Synchronous: call it once
 * at start-up and pass the result around. Throws a ContentError listing every problem found.
 */
export function loadContent(dir: string = CONTENT_DIR): TContent {
  const domains = readFile(dir, CONTENT_FILES.domains, ZDomainsFileSchema);
  const lifeEvents = readFile(dir, CONTENT_FILES.lifeEvents, ZLifeEventsFileSchema);
  const guide = readFile(dir, CONTENT_FILES.guide, ZGuideSchema);
  const checklist = readFile(dir, CONTENT_FILES.checklist, ZChecklistFileSchema);
  const registration = readFile(dir, CONTENT_FILES.registration, ZRegistrationSchema);
  const letter = readFile(dir, CONTENT_FILES.letter, ZLetterSchema);
  const team = readFile(dir, CONTENT_FILES.team, ZTeamListsSchema);

  const mapDir = join(dir, SOCIAL_MAP_DIR);
  const mapFiles = existsSync(mapDir)
    ? readdirSync(mapDir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => `${SOCIAL_MAP_DIR}/${f}`)
    : [];
  const maps = mapFiles.map((file) => ({ file, ...readFile(dir, file, ZSocialMapSchema) }));

  const problems = [domains, lifeEvents, guide, checklist, registration, letter, team, ...maps].flatMap((p) => p.problems);
  if (!mapFiles.length) {
    problems.push({ file: SOCIAL_MAP_DIR, displayFile: displayName(mapDir), path: [], message: 'no social map found (expected at least one .yaml file)' });
  }
  if (problems.length || !domains.value || !lifeEvents.value || !guide.value || !checklist.value || !registration.value || !letter.value || !team.value) {
    throw new ContentError(problems);
  }
  const socialMaps = maps.map((m) => ({ file: m.file, map: m.value as TSocialMap }));
  const crossProblems = findCrossFileProblems({ lifeEvents: lifeEvents.value, checklist: checklist.value, socialMaps });
  if (crossProblems.length) {
    throw new ContentError(crossProblems.map((p) => ({ ...p, displayFile: displayName(join(dir, p.file)) })));
  }
  return {
    domains: domains.value.domains,
    lifeEvents: lifeEvents.value.lifeEvents,
    guide: guide.value,
    checklist: checklist.value.items,
    registration: registration.value,
    letter: letter.value,
    team: team.value,
    socialMaps: socialMaps.map((m) => m.map),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export function lifeEventById(content: TContent, id: string): TLifeEvent | undefined {
  return content.lifeEvents.find((e) => e.id === id);
}

export function domainById(content: TContent, id: string): TDomain | undefined {
  return content.domains.find((d) => d.id === id);
}

/** The preparation checklist for a life event: the items for all life events plus the ones for this one, in file order. */
export function checklistFor(content: TContent, lifeEventId: string): TChecklistItem[] {
  return content.checklist.filter((item) => item.lifeEvents === 'all' || item.lifeEvents.includes(lifeEventId));
}

/** Lower case without accents, for searching: "Prémie" → "premie". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
}

/** The social map of a municipality (case and accents ignored). */
export function socialMapFor(content: TContent, municipality: string): TSocialMap | undefined {
  const wanted = normalizeForSearch(municipality.trim());
  return content.socialMaps.find((m) => normalizeForSearch(m.municipality) === wanted);
}

/**
 * Services of a social map, filtered by life domain and/or words (split on spaces; every word must occur in the
 * name, the keywords or the notes, ignoring case and accents). Sorted by name.
 */
export function searchSocialMap(map: TSocialMap, query: { domain?: string; words?: string }): TSocialService[] {
  const words = normalizeForSearch(query.words ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return map.services
    .filter((service) => {
      if (query.domain && !(service.domains as string[]).includes(query.domain)) return false;
      if (!words.length) return true;
      const haystack = normalizeForSearch([service.name, ...service.keywords, service.notes.nl, service.notes.en].join('\n'));
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }));
}
