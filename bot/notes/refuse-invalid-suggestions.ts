import type { TSuggestedFields } from '../../data/repositories/visit-notes.ts';
import type { TStepDef } from '../registration/registration-steps.ts';
import { splitFieldId } from './suggestible-fields.ts';

/**
 * Moves every suggested value that its registration step would refuse (longer than the step allows, not one of its
 * choices, a visit date in the future…) from `accepted` to `rejected`, so the card never pre-fills what saving
 * would refuse: the worker sees the field as not found and fills it in. The step's own zod schema decides, so the
 * rules are not written twice and a municipality's content changes apply here too.
 *
 * Each value is checked on its own. A rule about another field (an action's "who" once its "what" is filled, a
 * required field the model did not fill) is for the worker to meet when saving and does not refuse this value.
 * Run it on the values as the card will show them, after the placeholders are restored.
 */
export function refuseInvalidSuggestions(fields: TSuggestedFields, steps: TStepDef[]): TSuggestedFields {
  const accepted: TSuggestedFields['accepted'] = [];
  const refused: TSuggestedFields['rejected'] = [];
  for (const field of fields.accepted) {
    if (stepAccepts(steps, field.field, field.value)) accepted.push(field);
    else refused.push({ field: field.field, reason: 'invalid_value' });
  }
  return { accepted, rejected: [...fields.rejected, ...refused] };
}

function stepAccepts(steps: TStepDef[], fieldId: string, value: string): boolean {
  const { stepId, inputId } = splitFieldId(fieldId);
  const step = steps.find((s) => s.id === stepId);
  if (!step?.inputs.some((input) => input.id === inputId)) return false;
  // What the card submits for this input alone; issues about other inputs are not this value's.
  const parsed = step.schema.safeParse({ [inputId]: value });
  return parsed.success || !parsed.error.issues.some((issue) => issue.path[0] === inputId);
}
