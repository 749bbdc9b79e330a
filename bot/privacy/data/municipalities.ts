/**
 * Place names that must survive pseudonymisation. Written from general knowledge: the Flemish municipalities
 * as they were before the 2019 and 2025 mergers (people keep using the old names), the names of the merged
 * municipalities, the 19 Brussels municipalities, and the Dutch names of larger Walloon towns and the
 * provinces. Sub-municipalities (deelgemeenten) come from @faker-js/faker's nl_BE place list at load time.
 */

export const FLEMISH_MUNICIPALITIES: readonly string[] = [
  // Antwerpen
  'Aartselaar', 'Antwerpen', 'Arendonk', 'Baarle-Hertog', 'Balen', 'Beerse', 'Berlaar', 'Boechout', 'Bonheiden',
  'Boom', 'Bornem', 'Borsbeek', 'Brasschaat', 'Brecht', 'Dessel', 'Duffel', 'Edegem', 'Essen', 'Geel',
  'Grobbendonk', 'Heist-op-den-Berg', 'Hemiksem', 'Herentals', 'Herenthout', 'Herselt', 'Hoogstraten', 'Hove',
  'Hulshout', 'Kalmthout', 'Kapellen', 'Kasterlee', 'Kontich', 'Laakdal', 'Lier', 'Lille', 'Lint', 'Malle',
  'Mechelen', 'Meerhout', 'Merksplas', 'Mol', 'Mortsel', 'Niel', 'Nijlen', 'Olen', 'Oud-Turnhout', 'Putte', 'Puurs',
  'Puurs-Sint-Amands', 'Ranst', 'Ravels', 'Retie', 'Rijkevorsel', 'Rumst', 'Schelle', 'Schilde', 'Schoten',
  'Sint-Amands', 'Sint-Katelijne-Waver', 'Stabroek', 'Turnhout', 'Vorselaar', 'Vosselaar', 'Westerlo', 'Wijnegem',
  'Willebroek', 'Wommelgem', 'Wuustwezel', 'Zandhoven', 'Zoersel', 'Zwijndrecht', 'Borgerhout', 'Deurne',
  'Ekeren', 'Hoboken', 'Merksem', 'Wilrijk', 'Berchem', 'Berendrecht', 'Zandvliet', 'Lillo',
  // Limburg
  'Alken', 'As', 'Beringen', 'Bilzen', 'Bilzen-Hoeselt', 'Bocholt', 'Borgloon', 'Bree', 'Diepenbeek',
  'Dilsen-Stokkem', 'Genk', 'Gingelom', 'Halen', 'Ham', 'Hamont-Achel', 'Hasselt', 'Hechtel-Eksel', 'Heers',
  'Herk-de-Stad', 'Herstappe', 'Heusden-Zolder', 'Hoeselt', 'Houthalen-Helchteren', 'Kinrooi', 'Kortessem',
  'Lanaken', 'Leopoldsburg', 'Lommel', 'Lummen', 'Maaseik', 'Maasmechelen', 'Meeuwen-Gruitrode', 'Neerpelt',
  'Nieuwerkerken', 'Opglabbeek', 'Oudsbergen', 'Overpelt', 'Peer', 'Pelt', 'Riemst', 'Sint-Truiden',
  'Tessenderlo', 'Tessenderlo-Ham', 'Tongeren', 'Tongeren-Borgloon', 'Voeren', 'Wellen', 'Zonhoven', 'Zutendaal',
  // Oost-Vlaanderen
  'Aalst', 'Aalter', 'Assenede', 'Berlare', 'Beveren', 'Beveren-Kruibeke-Zwijndrecht', 'Brakel', 'Buggenhout',
  'De Pinte', 'Deinze', 'Denderleeuw', 'Dendermonde', 'Destelbergen', 'Eeklo', 'Erpe-Mere', 'Evergem', 'Gavere',
  'Gent', 'Geraardsbergen', 'Haaltert', 'Hamme', 'Herzele', 'Horebeke', 'Kaprijke', 'Kluisbergen', 'Knesselare',
  'Kruibeke', 'Kruishoutem', 'Kruisem', 'Laarne', 'Lebbeke', 'Lede', 'Lierde', 'Lievegem', 'Lochristi',
  'Lokeren', 'Lovendegem', 'Maarkedal', 'Maldegem', 'Melle', 'Merelbeke', 'Merelbeke-Melle', 'Moerbeke',
  'Nazareth', 'Nazareth-De Pinte', 'Nevele', 'Ninove', 'Oosterzele', 'Oudenaarde', 'Ronse', 'Sint-Gillis-Waas',
  'Sint-Laureins', 'Sint-Lievens-Houtem', 'Sint-Martens-Latem', 'Sint-Niklaas', 'Stekene', 'Temse', 'Waarschoot',
  'Waasmunster', 'Wachtebeke', 'Wetteren', 'Wichelen', 'Wortegem-Petegem', 'Zele', 'Zelzate', 'Zingem',
  'Zomergem', 'Zottegem', 'Zulte', 'Zwalm', 'Gentbrugge', 'Ledeberg', 'Sint-Amandsberg', 'Oostakker', 'Drongen',
  'Mariakerke', 'Wondelgem', 'Sint-Denijs-Westrem', 'Zwijnaarde', 'Baasrode', 'Grembergen', 'Appels',
  'Oudegem', 'Schoonaarde', 'Sint-Gillis-bij-Dendermonde', 'Mespelare', 'Denderbelle',
  // West-Vlaanderen
  'Alveringem', 'Anzegem', 'Ardooie', 'Avelgem', 'Beernem', 'Blankenberge', 'Bredene', 'Brugge', 'Damme',
  'De Haan', 'De Panne', 'Deerlijk', 'Dentergem', 'Diksmuide', 'Gistel', 'Harelbeke', 'Heuvelland', 'Hooglede',
  'Houthulst', 'Ichtegem', 'Ieper', 'Ingelmunster', 'Izegem', 'Jabbeke', 'Knokke-Heist', 'Koekelare', 'Koksijde',
  'Kortemark', 'Kortrijk', 'Kuurne', 'Langemark-Poelkapelle', 'Ledegem', 'Lendelede', 'Lichtervelde',
  'Lo-Reninge', 'Menen', 'Mesen', 'Meulebeke', 'Middelkerke', 'Moorslede', 'Nieuwpoort', 'Oostende', 'Oostkamp',
  'Oostrozebeke', 'Oudenburg', 'Pittem', 'Poperinge', 'Roeselare', 'Ruiselede', 'Spiere-Helkijn', 'Staden',
  'Tielt', 'Torhout', 'Vleteren', 'Waregem', 'Wervik', 'Wevelgem', 'Wielsbeke', 'Wingene', 'Zedelgem',
  'Zonnebeke', 'Zuienkerke', 'Zwevegem', 'Knokke', 'Heist', 'Lauwe', 'Rekkem', 'Assebroek', 'Sint-Andries',
  'Sint-Kruis', 'Sint-Michiels',
  // Vlaams-Brabant
  'Aarschot', 'Affligem', 'Asse', 'Beersel', 'Begijnendijk', 'Bekkevoort', 'Bertem', 'Bever', 'Bierbeek',
  'Boortmeerbeek', 'Boutersem', 'Diest', 'Dilbeek', 'Drogenbos', 'Galmaarden', 'Geetbets', 'Glabbeek', 'Gooik',
  'Grimbergen', 'Haacht', 'Halle', 'Herent', 'Herne', 'Hoegaarden', 'Hoeilaart', 'Holsbeek', 'Huldenberg',
  'Kampenhout', 'Kapelle-op-den-Bos', 'Keerbergen', 'Kortenaken', 'Kortenberg', 'Kraainem', 'Landen', 'Lennik',
  'Leuven', 'Liedekerke', 'Linkebeek', 'Linter', 'Londerzeel', 'Lubbeek', 'Machelen', 'Meise', 'Merchtem',
  'Opwijk', 'Oud-Heverlee', 'Overijse', 'Pajottegem', 'Pepingen', 'Roosdaal', 'Rotselaar', 'Scherpenheuvel-Zichem',
  'Sint-Genesius-Rode', 'Sint-Pieters-Leeuw', 'Steenokkerzeel', 'Ternat', 'Tervuren', 'Tielt-Winge', 'Tienen',
  'Tremelo', 'Vilvoorde', 'Wemmel', 'Wezembeek-Oppem', 'Zaventem', 'Zemst', 'Zoutleeuw', 'Heverlee', 'Kessel-Lo',
  'Wilsele', 'Wijgmaal',
];

export const BRUSSELS_MUNICIPALITIES: readonly string[] = [
  'Anderlecht', 'Brussel', 'Brussel-Stad', 'Elsene', 'Etterbeek', 'Evere', 'Ganshoren', 'Jette', 'Koekelberg',
  'Oudergem', 'Schaarbeek', 'Sint-Agatha-Berchem', 'Sint-Gillis', 'Sint-Jans-Molenbeek', 'Molenbeek',
  'Sint-Joost-ten-Node', 'Sint-Lambrechts-Woluwe', 'Sint-Pieters-Woluwe', 'Ukkel', 'Vorst',
  'Watermaal-Bosvoorde', 'Laken', 'Neder-Over-Heembeek', 'Haren',
];

/** Other place names likely in a Flemish note: provinces, regions, Walloon towns in Dutch, nearby cities. */
export const OTHER_PLACES: readonly string[] = [
  'Vlaanderen', 'Wallonië', 'België', 'Limburg', 'Oost-Vlaanderen', 'West-Vlaanderen', 'Vlaams-Brabant',
  'Waals-Brabant', 'Henegouwen', 'Luik', 'Namen', 'Luxemburg', 'Kempen', 'Westhoek', 'Waasland', 'Pajottenland',
  'Meetjesland', 'Vlaamse Ardennen', 'Haspengouw', 'Hageland', 'Denderstreek', 'Zuiderkempen', 'Voorkempen',
  'Noorderkempen', 'Maasland', 'Leiestreek', 'Brugse Ommeland', 'Kust', 'Bergen', 'Doornik', 'Charleroi',
  'Waver', 'Nijvel', 'Aarlen', 'Moeskroen', 'Komen', 'Komen-Waasten', 'Edingen', 'Lessen', 'Aat', 'Verviers',
  'Eupen', 'Sankt Vith', 'Hoei', 'Bastenaken', 'La Louvière', 'Waterloo', 'Ottignies', 'Louvain-la-Neuve',
  'Zinnik', 'Geldenaken', 'Terhulpen', 'Tubeke', 'Opzullik', 'Vloesberg', 'Elzele', 'Ronse', 'Rijsel', 'Duinkerke',
  'Maastricht', 'Breda', 'Roosendaal', 'Antwerpse', 'Gentse', 'Brusselse', 'Brugse', 'Leuvense', 'Mechelse',
  'Kempense', 'Limburgse', 'Waaslandse', 'Aalsterse', 'Dendermondse', 'Sint-Niklase',
  // Foreign cities that come up (holidays, family abroad)
  'Amsterdam', 'Rotterdam', 'Eindhoven', 'Parijs', 'Londen', 'Rome', 'Madrid', 'Barcelona', 'Lissabon', 'Keulen',
  'Aken', 'Berlijn', 'Istanbul', 'Ankara', 'Casablanca', 'Tanger', 'Nador', 'Kinshasa', 'Warschau', 'Krakau',
  'Boekarest', 'Kiev', 'Kyiv', 'Damascus', 'Kaboel',
];
