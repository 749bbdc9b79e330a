// Small helpers to read what a rendered Adaptive Card holds (tests only).

type TNode = Record<string, unknown>;

function walk(node: unknown, visit: (o: TNode) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as TNode);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

export type TCardAction = { type: string; title: string; verb?: string; url?: string; data?: Record<string, unknown> };

/** Every action in the card, including those in ActionSets and selectActions. */
export function actionsOf(card: unknown): TCardAction[] {
  const found: TCardAction[] = [];
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o as unknown as TCardAction);
  });
  return found;
}

/** The Input.* element with this id, if the card has one. */
export function inputOf(card: unknown, id: string): TNode | undefined {
  let found: TNode | undefined;
  walk(card, (o) => {
    if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
  });
  return found;
}

/** The value the card shows in the input with this id. */
export function inputValue(card: unknown, id: string): unknown {
  return inputOf(card, id)?.value;
}

/**
 * What a Teams client sends for an Action.Execute on this card: the action's data plus every input's value (what the
 * card shows, overlaid by what the test "typed"), or only the data when the action says `associatedInputs: "none"`.
 */
export function submissionFor(card: unknown, action: TCardAction, typed: Record<string, string> = {}): Record<string, unknown> {
  if ((action as { associatedInputs?: string }).associatedInputs === 'none') return { ...action.data };
  const inputs: Record<string, unknown> = {};
  walk(card, (o) => {
    if (typeof o.id === 'string' && typeof o.type === 'string' && o.type.startsWith('Input.')) {
      inputs[o.id] = o.value ?? (o.type === 'Input.Toggle' ? (o.valueOff ?? 'false') : '');
    }
  });
  return { ...action.data, ...inputs, ...typed };
}
