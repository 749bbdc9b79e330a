import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { pseudonymise, type TKnownIdentifiers } from './pseudonymise.ts';

type TIdentifyingFields = Pick<
  TContactRecord,
  'firstName' | 'lastName' | 'street' | 'houseNumber' | 'phone' | 'email' | 'birthDate' | 'relatives'
>;

/**
 * Everything the contact record holds that identifies the person, for replacement and for the final check.
 * The relatives field is free text ("Dochter Els woont in Gent"): only the words the name detection takes for
 * a person count, so relation words and places stay usable and lower-case names are not missed.
 */
export function knownIdentifiersOf(contact: TIdentifyingFields): TKnownIdentifiers {
  const relatives = pseudonymise(contact.relatives ?? '');
  const relativesNames = relatives.findings.filter((f) => f.kind === 'PERSOON').map((f) => relatives.mapping.get(f.placeholder)!);
  return {
    names: [`${contact.firstName} ${contact.lastName}`, ...relativesNames],
    addresses: contact.street ? [`${contact.street}${contact.houseNumber ? ` ${contact.houseNumber}` : ''}`] : [],
    phones: contact.phone ? [contact.phone] : [],
    emails: contact.email ? [contact.email] : [],
    birthDates: contact.birthDate && contact.birthDate.length > 4 ? [contact.birthDate] : [],
  };
}
