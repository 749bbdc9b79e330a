/**
 * Terms that must never be replaced although they are capitalised or look like names: services and
 * organisations from the social map, holidays, countries, nationalities and languages, and common products.
 * Matching is case-insensitive and accent-insensitive; multi-word entries match as phrases.
 */

export const ORGANISATIONS: readonly string[] = [
  // Banks and post offices: signals about cash and counters name them
  'Belfius', 'Argenta', 'Crelan', 'Beobank', 'KBC', 'ING', 'BNP Paribas Fortis', 'bpost',
  // Social map (domain reference)
  'CAW', 'CGG', 'LEIF', 'LEIFartsen', 'Mobitwin', 'Wit-Gele Kruis', 'Wit Gele Kruis', 'WGK', 'Familiehulp',
  'OCMW', 'ziekenfonds', 'LDC', 'lokaal dienstencentrum', 'dienstencentrum', 'My Handicap', 'Myhandicap',
  'minder-mobielencentrale', 'Minder Mobielen Centrale', 'MMC', 'Sociaal Huis', 'Welzijnshuis', 'Zorgpunt',
  'Zorgbedrijf', 'Zorgband', 'i-mens', 'Familiezorg', 'Landelijke Thuiszorg', 'Thuiszorg', 'Solidariteit voor het Gezin',
  'Tele-Onthaal', 'Awel', 'Zelfmoordlijn', 'Rode Kruis', 'Kom op tegen Kanker', 'Samenlevingsopbouw',
  'Eerstelijnszone', 'ELZ', 'Woonwijzer', 'Huurdersbond', 'Woonmaatschappij', 'Woondienst', 'Wonen Vlaanderen',
  'VMSW', 'Vlaamse Sociale Bescherming', 'Zorgbudget', 'Zorgkas', 'Vlaamse Zorgkas', 'FOD', 'FOD Financiën',
  'FOD Sociale Zekerheid', 'Federale Pensioendienst', 'Pensioendienst', 'SFPD', 'RVA', 'RIZIV', 'VDAB', 'CLB',
  'Kind en Gezin', 'Opgroeien', 'Fedasil', 'Agentschap Integratie en Inburgering', 'Atlas', 'Ligo', 'CVO',
  'Digipunt', 'Digidak', 'Myminfin', 'MyMinfin', 'Tax-on-web', 'Itsme', 'itsme', 'eID', 'Belbus', 'Mobipunt',
  'De Lijn', 'NMBS', 'bpost', 'Proximus', 'Telenet', 'Orange', 'Fluvius', 'Engie', 'Luminus', 'De Watergroep',
  'Farys', 'Pidpa', 'Water-link', 'Aquafin', 'Sibelga',
  // Health funds, social organisations
  'CM', 'Christelijke Mutualiteit', 'Solidaris', 'Socialistische Mutualiteit', 'Helan', 'Partena',
  'Liberale Mutualiteit', 'LM', 'Onafhankelijk Ziekenfonds', 'Vlaams & Neutraal Ziekenfonds',
  'Vlaams en Neutraal Ziekenfonds', 'Neutraal Ziekenfonds', 'HZIV', 'Hulpkas', 'Securex', 'Okra', 'OKRA', 'Vief',
  'S-Plus', 'Samana', 'Femma', 'Ferm', 'Markant', 'Vlaamse Ouderenraad', 'Seniorenraad', 'Zorgnet-Icuro',
  'Vlaams Patiëntenplatform', 'Alzheimer Liga', 'Expertisecentrum Dementie', 'Dementie Vlaanderen', 'Similes',
  'Te Gek', 'Ons Zorgnetwerk', 'Palliatief Netwerk', 'Netwerk Palliatieve Zorg', 'Palliatieve Thuiszorg',
  'Vrijwilligerswerk', 'Buurtwerk', 'Buurtpensioen', 'Vrienden van het LDC', 'Davidsfonds', 'Gezinsbond',
  'Landelijke Gilden', 'KVLV', 'KWB', 'Neos', 'Vlaamse Vereniging voor Steden en Gemeenten', 'VVSG',
  'Rap op Stap', 'UiTPAS', 'Uitpas', 'Sociaal Restaurant', 'Voedselbank', 'Kringwinkel', 'De Kringwinkel',
  'Sint-Vincentius', 'Vincentiusvereniging', 'Armoedeorganisatie', 'Welzijnsschakels', 'Netwerk tegen Armoede',
  'Huis van het Kind', 'JAC', 'Justitiehuis', 'Vredegerecht', 'Vrederechter', 'Politie', 'Brandweer',
  'Sociale Kaart', 'Zorgzame Buurt', 'Buurtzorg', 'Thuisverpleging',
  // Hospitals and care homes (generic forms)
  'AZ', 'UZ', 'UZ Gent', 'UZ Leuven', 'UZA', 'UZ Brussel', 'ZNA', 'GZA', 'AZ Delta', 'AZ Groeninge',
  'AZ Nikolaas', 'AZ Sint-Blasius', 'AZ Sint-Jan', 'AZ Damiaan', 'AZ Oostende', 'AZ Klina', 'AZ Turnhout',
  'AZ Monica', 'AZ Rivierenland', 'AZ Vesalius', 'Jessa', 'Jessa Ziekenhuis', 'ZOL', 'OLV', 'OLV Aalst',
  'Onze-Lieve-Vrouwziekenhuis', 'Maria Middelares', 'AZ Maria Middelares', 'Sint-Lucas', 'Jan Yperman', 'Jan Palfijn',
  'AZ Jan Palfijn', 'AZ Alma', 'AZ Zeno', 'AZ West', 'AZ Lokeren', 'AZ Glorieux', 'AZ Oudenaarde', 'Heilig Hart',
  'PZ', 'PC', 'Psychiatrisch Centrum', 'WZC', 'Woonzorgcentrum', 'Assistentiewoningen', 'Serviceflats',
  'Dagverzorgingscentrum', 'CADO', 'Kortverblijf',
  // Technology and services people mention
  'Teams', 'Microsoft', 'Outlook', 'WhatsApp', 'Facebook', 'Messenger', 'Skype', 'Zoom', 'Google', 'YouTube',
  'Netflix', 'Android', 'iPhone', 'iPad', 'Samsung', 'Apple', 'Windows', 'Gmail', 'Hotmail', 'Skynet',
  'Colruyt', 'Delhaize', 'Aldi', 'Lidl', 'Carrefour', 'Okay', 'Spar', 'Kruidvat', 'Action', 'Hema', 'Zeeman',
  'Brico', 'Gamma', 'Ikea', 'Torfs', 'Standaard Boekhandel', 'Het Nieuwsblad', 'Nieuwsblad', 'De Standaard',
  'Het Laatste Nieuws', 'HLN', 'Gazet van Antwerpen', 'Dag Allemaal', 'Libelle', 'Story', 'VRT', 'Eén', 'VTM',
  'Radio 2', 'Canvas', 'Ketnet', 'Familie', 'Thuis', 'Dagelijkse Kost',
  // Administrative words written in capitals
  'IBAN', 'BIC', 'GSM', 'PIN', 'BTW', 'NRN', 'QR', 'PDF', 'SMS', 'BV', 'NV', 'VZW', 'KBO',
  // Team names the workers use
  'Nabij', 'Samen voor alleenstaanden', 'New Horizon',
];

export const HOLIDAYS_AND_RELIGION: readonly string[] = [
  'Kerstmis', 'Kerst', 'Kerstdag', 'Kerstavond', 'Nieuwjaar', 'Oudejaar', 'Oudejaarsavond', 'Pasen', 'Paasmaandag',
  'Pinksteren', 'Pinkstermaandag', 'Hemelvaart', 'Allerheiligen', 'Allerzielen', 'Wapenstilstand',
  'Moederdag', 'Vaderdag', 'Valentijn', 'Sinterklaas', 'Sint-Maarten', 'Carnaval', 'Aswoensdag', 'Ramadan',
  'Suikerfeest', 'Offerfeest', 'Kermis', 'God', 'Jezus', 'Allah', 'Onze-Lieve-Vrouw', 'Lieve Vrouw', 'Maria-Hemelvaart',
];

export const COUNTRIES_AND_LANGUAGES: readonly string[] = [
  'Nederland', 'Frankrijk', 'Duitsland', 'Luxemburg', 'Spanje', 'Portugal', 'Italië', 'Griekenland', 'Turkije',
  'Marokko', 'Algerije', 'Tunesië', 'Congo', 'Rwanda', 'Burundi', 'Polen', 'Roemenië', 'Bulgarije', 'Oekraïne',
  'Rusland', 'Syrië', 'Irak', 'Iran', 'Afghanistan', 'Eritrea', 'Somalië', 'Ethiopië', 'Nigeria', 'Ghana',
  'Kameroen', 'Senegal', 'Egypte', 'Albanië', 'Kosovo', 'Servië', 'Bosnië', 'Kroatië', 'Slovakije', 'Tsjechië',
  'Hongarije', 'Oostenrijk', 'Zwitserland', 'Engeland', 'Schotland', 'Ierland', 'Amerika', 'Canada', 'Brazilië',
  'India', 'Pakistan', 'China', 'Thailand', 'Filipijnen', 'Europa', 'Afrika', 'Azië', 'Benidorm', 'Lourdes',
  'Nederlands', 'Vlaams', 'Frans', 'Engels', 'Duits', 'Spaans', 'Italiaans', 'Turks', 'Arabisch', 'Berbers',
  'Pools', 'Roemeens', 'Russisch', 'Oekraïens', 'Portugees', 'Grieks', 'Albanees', 'Lingala', 'Swahili',
  'Belg', 'Belgen', 'Belgische', 'Vlaming', 'Vlamingen', 'Vlaamse', 'Nederlander', 'Nederlandse', 'Franse',
  'Fransman', 'Duitse', 'Duitser', 'Spaanse', 'Italiaanse', 'Turkse', 'Marokkaanse', 'Marokkaan', 'Congolese',
  'Poolse', 'Roemeense', 'Russische', 'Oekraïense', 'Syrische', 'Afghaanse', 'Europese', 'Waalse', 'Waal',
];
