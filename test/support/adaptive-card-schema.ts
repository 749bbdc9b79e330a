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
// it has a "fallback" (our cards target 1.5 exactly, so they should not need one).
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

  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    errors.push(`parse (${target.toString()}): ${event.message}`);
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    errors.push(`validate: ${event.message}`);
  }

  for (const [o, source] of parsed) {
    unknownKeys(o, source, errors);
    if (o instanceof ShowCardAction && isObject(source.card)) unknownKeys(o.card, source.card, errors);
  }
  return errors;
}
