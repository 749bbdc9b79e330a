// Offline validator for Adaptive Cards up to schema 1.5 (what Teams renders).
//
// No npm package ships the official 1.5 JSON schema (http://adaptivecards.io/schemas/1.5.0/adaptive-card.json):
// adaptivecards-designer 2.4.4 only embeds the old 1.0 schema (no Action.Execute, no Table), and
// @microsoft/adaptivecards-tools and @microsoft/teams.cards ship none. So the validator is Microsoft's own
// parser, the `adaptivecards` 3.x JavaScript SDK, used strictly:
// - the card is parsed with a SerializationContext whose targetVersion is the card's declared version
//   (which must be a valid version ≤ 1.5), so elements, actions, properties and enum values newer than
//   the declared version are unknown/unsupported (e.g. Action.Execute in a 1.0 card, Carousel in 1.5);
// - every parse event the SDK logs (unknown element/action type, missing type, invalid or unsupported
//   property value, forbidden type, …) is an error, and so is every card.validateProperties() event
//   (missing card type, unsupported version, duplicate id, required input without label, …);
// - the SDK ignores properties it does not know, so on top of it every JSON key of every parsed element,
//   action and nested object (fact, choice, background image, table column, show-card card, …) is checked
//   against that class's SDK property schema plus the collections the SDK parses by hand (body, items,
//   columns, …). That catches misspelled properties (e.g. "txet" on a TextBlock).
// Stricter than a host: an element or action type unknown at the card's version is an error even when
// it has a "fallback" (our cards target 1.5 exactly, so they should not need one). The one exception is
// Teams' chart elements (TEAMS_CHARTS below): Teams renders them in 1.5 cards, the SDK does not know them,
// and every other host (the local Teams client included) renders their fallback. So a chart is accepted
// only with an element as fallback; its own keys, and those of its data points, are checked against
// Microsoft's Teams documentation ("Charts in Adaptive Cards"), and the fallback is validated like any
// element.
// Not caught: a wrongly typed value the SDK coerces silently (e.g. "wrap": "yes" falls back to false),
// and "lang" must be a 2–3 letter code (the SDK's rule; the JSON schema allows any string).
import {
  Action,
  AdaptiveCard,
  CardElement,
  SerializableObject,
  SerializableObjectCollectionProperty,
  SerializableObjectProperty,
  SerializationContext,
  ShowCardAction,
  Version,
  Versions,
} from 'adaptivecards';

export const MAX_CARD_VERSION = Versions.v1_5;

type TJsonObject = Record<string, unknown>;

/**
 * JSON keys the SDK parses in hand-written code rather than through its property schema, by the type
 * name the SDK reports for the object. Taken from adaptivecards 3.0.6 src (internalParse overrides).
 */
const HAND_PARSED_KEYS: Record<string, readonly string[]> = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  Column: ['items'],
  TableCell: ['items'],
  ColumnSet: ['columns'],
  ActionSet: ['actions'],
  Table: ['rows'],
  TableRow: ['cells'],
  RichTextBlock: ['inlines'],
  'Action.ShowCard': ['card'],
};
/** Every element and action may carry a fallback (parsed by SerializationContext itself). */
const CARD_OBJECT_KEYS = ['fallback'];
/** Host extensions outside the Adaptive Cards schema that Teams documents: msteams.width, msteams.entities. */
const HOST_EXTENSION_KEYS: Record<string, readonly string[]> = { AdaptiveCard: ['msteams'] };

const CHART_ELEMENT_KEYS = ['type', 'id', 'title', 'color', 'colorSet', 'data', 'fallback', 'grid.area', 'height', 'horizontalAlignment', 'isVisible', 'lang', 'requires', 'separator', 'spacing', 'targetWidth'];
/**
 * Teams chart elements this validator accepts (with an element as fallback), with the keys Microsoft's Teams
 * documentation gives them and their data points. Add a chart type here only from that documentation.
 */
const TEAMS_CHARTS: Record<string, { keys: readonly string[]; data: readonly string[]; values?: readonly string[] }> = {
  'Chart.VerticalBar.Grouped': { keys: [...CHART_ELEMENT_KEYS, 'xAxisTitle', 'yAxisTitle', 'showBarValues', 'stacked'], data: ['legend', 'values', 'color'], values: ['x', 'y'] },
  'Chart.HorizontalBar': { keys: [...CHART_ELEMENT_KEYS, 'xAxisTitle', 'yAxisTitle', 'displayMode'], data: ['x', 'y', 'color'] },
};

// adaptivecards 3.0.6 checks "lang" with a shared /^[a-z]{2,3}$/gi and RegExp.exec: the g flag keeps
// lastIndex between calls, so after "nl" has matched, the next "en" is rejected. Use the same pattern
// without g (the only regex-checked string property in the SDK).
const langRegEx = CardElement.langProperty.regEx;
if (langRegEx?.global) {
  Object.defineProperty(CardElement.langProperty, 'regEx', { value: new RegExp(langRegEx.source, langRegEx.flags.replace('g', '')) });
}

const isObject = (value: unknown): value is TJsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function label(o: SerializableObject, source: TJsonObject): string {
  const typeName = o instanceof CardElement || o instanceof Action ? o.getJsonTypeName() : o.constructor.name;
  return typeof source.id === 'string' ? `${typeName}#${source.id}` : typeName;
}

/** Unknown JSON keys of `source` (parsed into `o`), recursing into nested schema objects that have no parse hook. */
function unknownKeys(o: SerializableObject, source: TJsonObject, errors: string[]): void {
  const schema = o.getSchema();
  const typeName = o instanceof CardElement || o instanceof Action ? o.getJsonTypeName() : '';
  const allowed = new Set<string>([...(HAND_PARSED_KEYS[typeName] ?? []), ...(HOST_EXTENSION_KEYS[typeName] ?? [])]);
  if ((o instanceof CardElement || o instanceof Action) && !(o instanceof AdaptiveCard)) CARD_OBJECT_KEYS.forEach((k) => allowed.add(k));

  for (let i = 0; i < schema.getCount(); i++) {
    const prop = schema.getItemAt(i);
    allowed.add(prop.name);
    const value = source[prop.name];
    // Nested plain objects (BackgroundImage, Fact, Choice, TableColumnDefinition, Image in an ImageSet, …)
    // are parsed without the element/action hooks, so check them here.
    if (prop instanceof SerializableObjectProperty && isObject(value)) {
      unknownKeys(new prop.objectType(), value, errors);
    } else if (prop instanceof SerializableObjectCollectionProperty && Array.isArray(value)) {
      for (const item of value) if (isObject(item)) unknownKeys(new prop.objectType(), item, errors);
    }
  }
  for (const key of Object.keys(source)) {
    if (!allowed.has(key)) errors.push(`${label(o, source)}: unknown property "${key}"`);
  }
}

function objectsIn(value: unknown): TJsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Every object in the card with a Teams chart type, wherever it is. */
function teamsCharts(node: unknown): TJsonObject[] {
  if (Array.isArray(node)) return node.flatMap(teamsCharts);
  if (!isObject(node)) return [];
  const self = typeof node.type === 'string' && node.type in TEAMS_CHARTS ? [node] : [];
  return [...self, ...Object.values(node).flatMap(teamsCharts)];
}

/** A chart's own keys and those of its data points; the fallback is parsed (and checked) by the SDK. */
function chartProblems(chart: TJsonObject): string[] {
  const type = String(chart.type);
  const spec = TEAMS_CHARTS[type]!;
  const name = typeof chart.id === 'string' ? `${type}#${chart.id}` : type;
  const problems: string[] = [];
  if (!isObject(chart.fallback)) problems.push(`${name}: a chart needs an element as "fallback" for hosts without charts`);
  const unknown = (o: TJsonObject, allowed: readonly string[], where: string) => {
    for (const key of Object.keys(o)) if (!allowed.includes(key)) problems.push(`${where}: unknown property "${key}"`);
  };
  unknown(chart, spec.keys, name);
  for (const point of objectsIn(chart.data)) {
    unknown(point, spec.data, `${name} data`);
    if (spec.values) for (const value of objectsIn(point.values)) unknown(value, spec.values, `${name} values`);
  }
  return problems;
}

/**
 * Validates a rendered (template-free) Adaptive Card for schema 1.5 or lower.
 * Returns the list of problems; an empty list means valid.
 */
export function validateAdaptiveCard(card: unknown): string[] {
  if (!isObject(card)) return ['card is not a JSON object'];
  const errors: string[] = [];
  if (card.type !== 'AdaptiveCard') errors.push(`root: "type" must be "AdaptiveCard", got ${JSON.stringify(card.type)}`);

  let target = MAX_CARD_VERSION;
  const probe = new SerializationContext(MAX_CARD_VERSION);
  const declared = typeof card.version === 'string' ? Version.parse(card.version, probe) : undefined;
  if (!declared?.isValid) {
    errors.push(`root: "version" must be a version string like "1.5", got ${JSON.stringify(card.version)}`);
  } else if (declared.compareTo(MAX_CARD_VERSION) > 0) {
    errors.push(`root: card version ${declared.toString()} is newer than ${MAX_CARD_VERSION.toString()}`);
  } else {
    target = declared;
  }

  const context = new SerializationContext(target);
  const parsed: [SerializableObject, TJsonObject][] = [];
  context.onParseElement = (element, source) => {
    if (isObject(source)) parsed.push([element, source]);
  };
  context.onParseAction = (action, source) => {
    if (isObject(source)) parsed.push([action, source]);
  };

  const adaptiveCard = new AdaptiveCard();
  adaptiveCard.parse(card, context);
  parsed.push([adaptiveCard, card]);

  const charts = teamsCharts(card);
  const chartsWithFallback = new Set(charts.filter((c) => isObject(c.fallback)).map((c) => String(c.type)));
  const chartsWithout = new Set(charts.filter((c) => !isObject(c.fallback)).map((c) => String(c.type)));
  errors.push(...charts.flatMap(chartProblems));
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    // The SDK logs every chart as unknown and renders its fallback: fine when every chart of that type has one.
    const chartType = /^Unknown element type "([^"]+)"/.exec(event.message)?.[1];
    if (chartType && chartsWithFallback.has(chartType) && !chartsWithout.has(chartType)) continue;
    errors.push(`parse (${target.toString()}): ${event.message}`);
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    errors.push(`validate: ${event.message}`);
  }

  for (const [o, source] of parsed) {
    // A chart's fallback is reported with the chart's JSON: check the fallback's keys (the chart's are checked above).
    if (typeof source.type === 'string' && source.type in TEAMS_CHARTS) {
      if (isObject(source.fallback)) unknownKeys(o, source.fallback, errors);
      continue;
    }
    unknownKeys(o, source, errors);
    if (o instanceof ShowCardAction && isObject(source.card)) unknownKeys(o.card, source.card, errors);
  }
  return errors;
}
