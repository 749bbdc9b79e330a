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
