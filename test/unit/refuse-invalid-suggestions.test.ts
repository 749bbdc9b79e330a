// A suggested value is offered only when its registration step would accept it: checked with the steps built from
// the real content files, the same ones the registration card saves with.
import { describe, expect, it } from 'vitest';
import { refuseInvalidSuggestions } from '../../bot/notes/refuse-invalid-suggestions.ts';
import { registrationSteps } from '../../bot/registration/registration-steps.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { loadContent } from '../../data/content/load-content.ts';

const content = loadContent();
const steps = registrationSteps(content, translator('nl'), 'nl', []);
const suggested = (field: string, value: string) => ({ field, value, quotes: ['een citaat uit de notities'] });
const maxLengthOf = (fieldId: string) => {
  const [stepId, inputId] = fieldId.split('.');
  return steps.find((s) => s.id === stepId)!.inputs.find((i) => i.id === inputId)!.maxLength!;
};

describe('refuseInvalidSuggestions', () => {
  it('keeps values the steps accept, including one exactly as long as the step allows', () => {
    const worries = maxLengthOf('wellbeing.worries');
    const kept = [
      suggested('wellbeing.worries', 'x'.repeat(worries)),
      suggested('wellbeing.wellbeing', '6'),
      suggested('visit.place', 'home'),
      suggested('visit.visitDate', '2020-03-04'),
      suggested('domains_a.emotionalStatus', 'attention'),
      suggested('follow_up.followUpMode', 'phone'),
      suggested('actions.action1When', '2030-01-15'),
    ];
    expect(refuseInvalidSuggestions({ accepted: kept, rejected: [] }, steps)).toEqual({ accepted: kept, rejected: [] });
  });

  it('moves what a step refuses to the fields not found, after those the model already missed', () => {
    const good = suggested('wellbeing.goingWell', 'Wandelt elke dag.');
    const result = refuseInvalidSuggestions(
      {
        accepted: [
          suggested('wellbeing.worries', 'x'.repeat(maxLengthOf('wellbeing.worries') + 1)),
          suggested('visit.visitors', 'y'.repeat(maxLengthOf('visit.visitors') + 1)),
          good,
          suggested('actions.action1Who', 'z'.repeat(maxLengthOf('actions.action1Who') + 1)),
          suggested('visit.place', 'kasteel'),
          suggested('domains_b.housingStatus', 'slecht'),
          suggested('wellbeing.wellbeing', '11'),
          // A rule only the step knows: a visit cannot lie in the future.
          suggested('visit.visitDate', '2999-01-01'),
          suggested('follow_up.followUpDate', 'volgende week'),
          suggested('wellbeing.bestaatNiet', 'iets'),
        ],
        rejected: [{ field: 'wellbeing.strengths', reason: 'no_quote' }],
      },
      steps,
    );
    expect(result.accepted).toEqual([good]);
    expect(result.rejected).toEqual([
      { field: 'wellbeing.strengths', reason: 'no_quote' },
      ...['wellbeing.worries', 'visit.visitors', 'actions.action1Who', 'visit.place', 'domains_b.housingStatus', 'wellbeing.wellbeing', 'visit.visitDate', 'follow_up.followUpDate', 'wellbeing.bestaatNiet'].map(
        (field) => ({ field, reason: 'invalid_value' }),
      ),
    ]);
  });

  it('does not hold another field’s rule against a value: an action without its "who", a follow-up without its date', () => {
    const alone = [suggested('actions.action2What', 'Premie aanvragen'), suggested('actions.action3Who', 'Lotte'), suggested('follow_up.followUp', 'yes'), suggested('visit.present', 'de dochter')];
    expect(refuseInvalidSuggestions({ accepted: alone, rejected: [] }, steps).accepted).toEqual(alone);
  });

  it('follows the content: a status the municipality removes is no longer offered', () => {
    const fewer = { ...content, registration: { ...content.registration, domainStatuses: content.registration.domainStatuses.filter((s) => s.id !== 'attention') } };
    const result = refuseInvalidSuggestions({ accepted: [suggested('domains_a.emotionalStatus', 'attention')], rejected: [] }, registrationSteps(fewer, translator('nl'), 'nl', []));
    expect(result).toEqual({ accepted: [], rejected: [{ field: 'domains_a.emotionalStatus', reason: 'invalid_value' }] });
  });
});
