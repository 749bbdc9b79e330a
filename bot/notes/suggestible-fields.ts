import type { TSuggestibleField } from '../ai/registration-suggestion.ts';
import type { TStepDef } from '../registration/registration-steps.ts';

// Referrals and consent are never suggested: passing someone's details on needs the person's own yes.
const NEVER_SUGGESTED = new Set(['referrals']);

/** The registration inputs a model may fill, as `<step>.<input>` ids with a plain description. */
export function suggestibleFields(steps: TStepDef[]): TSuggestibleField[] {
  return steps
    .filter((step) => !NEVER_SUGGESTED.has(step.id))
    .flatMap((step) =>
      step.inputs.flatMap((input): TSuggestibleField[] => {
        const id = `${step.id}.${input.id}`;
        const description = `${step.title}: ${input.label}`;
        if (input.kind === 'choice') return [{ id, description, kind: 'choice', choices: (input.choices ?? []).map((c) => c.value) }];
        if (input.kind === 'number') return [{ id, description, kind: 'number' }];
        if (input.kind === 'date') return [{ id, description, kind: 'date' }];
        if (input.kind === 'text' || input.kind === 'multiline') return [{ id, description, kind: 'text' }];
        return [];
      }),
    );
}

/** Splits `<step>.<input>` back into its parts. */
export function splitFieldId(id: string): { stepId: string; inputId: string } {
  const dot = id.indexOf('.');
  return { stepId: id.slice(0, dot), inputId: id.slice(dot + 1) };
}
