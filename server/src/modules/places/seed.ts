import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { type TAddressRow, upsertAddresses } from './addresses.js';
import { athensClock, parseHoursText } from './hours.js';
import { addresses, placeCategories, places } from './schema.js';

const CATEGORIES = [
  { key: 'municipal', nameEl: 'Δημοτικές υπηρεσίες και ΚΕΠ', nameEn: 'Municipal services and KEP', icon: 'building', color: '#0b5394' },
  { key: 'schools', nameEl: 'Σχολεία', nameEn: 'Schools', icon: 'school', color: '#6a1b9a' },
  { key: 'nurseries', nameEl: 'Παιδικοί σταθμοί', nameEn: 'Nurseries', icon: 'baby', color: '#ad1457' },
  { key: 'sports', nameEl: 'Αθλητισμός', nameEn: 'Sports', icon: 'ball', color: '#2e7d32' },
  { key: 'culture', nameEl: 'Πολιτισμός', nameEn: 'Culture', icon: 'theater', color: '#8d4f00' },
  { key: 'parks', nameEl: 'Πάρκα και πλατείες', nameEn: 'Parks and squares', icon: 'tree', color: '#1b5e20' },
  { key: 'parking', nameEl: 'Χώροι στάθμευσης', nameEn: 'Parking', icon: 'parking', color: '#37474f' },
  { key: 'pharmacies', nameEl: 'Φαρμακεία', nameEn: 'Pharmacies', icon: 'pharmacy', color: '#c62828' },
] as const;

type TSeed = [
  category: string,
  nameEl: string,
  nameEn: string,
  street: string,
  lat: number,
  lon: number,
  hours: string,
  wheelchair?: 'yes' | 'limited' | 'no',
];

const H = {
  office: 'mon-fri 07:30-15:00',
  kep: 'mon-fri 08:00-20:00; sat 08:00-14:00',
  school: 'mon-fri 08:00-14:00',
  nursery: 'mon-fri 07:00-16:00',
  sports: 'mon-fri 07:00-22:00; sat-sun 08:00-20:00',
  culture: 'tue-sat 10:00-14:00, 18:00-21:00; sun 10:00-14:00',
  park: 'mon-sun 06:00-23:00',
  parking: 'mon-sun 00:00-24:00',
  pharmacy: 'mon-fri 08:00-14:30, 17:30-21:00; sat 08:00-14:30',
};

const PLACES: TSeed[] = [
  ['municipal', 'Δημαρχείο Νέας Αρκαδίας', 'Nea Arkadia Town Hall', 'Πλατεία Δημαρχείου 1', 38.0152, 23.7351, H.office, 'yes'],
  ['municipal', 'ΚΕΠ Κέντρου', 'KEP Centre (Citizen Service Centre)', 'Ελευθερίου Βενιζέλου 12', 38.0161, 23.7332, H.kep, 'yes'],
  ['municipal', 'ΚΕΠ Άνω Αρκαδίας', 'KEP Ano Arkadia', 'Αγίου Νικολάου 40', 38.0324, 23.7411, H.kep, 'limited'],
  ['municipal', 'Τεχνικές Υπηρεσίες', 'Technical Services', 'Βιομηχανίας 5', 38.0023, 23.7188, H.office, 'yes'],
  ['municipal', 'Κοινωνική Υπηρεσία', 'Social Services', 'Ερμού 22', 38.0139, 23.7374, H.office, 'yes'],
  ['municipal', 'Δημοτική Αστυνομία', 'Municipal Police', 'Κολοκοτρώνη 9', 38.0118, 23.7305, 'mon-sun 07:00-23:00', 'limited'],
  ['schools', '1ο Δημοτικό Σχολείο', '1st Primary School', 'Σχολείων 3', 38.0178, 23.7289, H.school, 'yes'],
  ['schools', '2ο Δημοτικό Σχολείο', '2nd Primary School', 'Παπαφλέσσα 14', 38.0087, 23.7402, H.school, 'limited'],
  ['schools', '3ο Δημοτικό Σχολείο', '3rd Primary School', 'Αθηνάς 30', 38.0281, 23.7512, H.school, 'yes'],
  ['schools', '1ο Γυμνάσιο', '1st Junior High School', 'Μακεδονίας 8', 38.0205, 23.7221, H.school, 'yes'],
  ['schools', '1ο Γενικό Λύκειο', '1st High School', 'Ηπείρου 11', 38.0232, 23.7368, H.school, 'no'],
  ['schools', 'ΕΠΑΛ Νέας Αρκαδίας', 'Nea Arkadia Vocational High School', 'Τεχνών 2', 38.0016, 23.7305, H.school, 'yes'],
  ['nurseries', '1ος Παιδικός Σταθμός', '1st Nursery', 'Λουλουδιών 6', 38.0143, 23.7258, H.nursery, 'yes'],
  ['nurseries', '2ος Παιδικός Σταθμός', '2nd Nursery', 'Ανεμώνης 15', 38.0262, 23.7289, H.nursery, 'yes'],
  ['nurseries', '3ος Παιδικός Σταθμός', '3rd Nursery', 'Ιάσονος 4', 38.0059, 23.7447, H.nursery, 'limited'],
  ['nurseries', 'ΚΔΑΠ «Ουράνιο Τόξο»', 'Children’s creative centre "Rainbow"', 'Ίριδος 21', 38.0307, 23.7202, 'mon-fri 13:00-21:00', 'yes'],
  ['sports', 'Δημοτικό Στάδιο', 'Municipal Stadium', 'Σταδίου 1', 38.0094, 23.7236, H.sports, 'yes'],
  ['sports', 'Κλειστό Γυμναστήριο «Νίκος Γκάλης»', 'Indoor gym "Nikos Galis"', 'Ολυμπιονικών 7', 38.0196, 23.7455, H.sports, 'yes'],
  [
    'sports',
    'Δημοτικό Κολυμβητήριο',
    'Municipal Swimming Pool',
    'Ποσειδώνος 3',
    38.0041,
    23.7372,
    'mon-fri 06:30-21:30; sat 08:00-14:00',
    'yes',
  ],
  ['sports', 'Γήπεδα τένις', 'Tennis courts', 'Άλσους 2', 38.0338, 23.7336, H.sports, 'limited'],
  ['sports', 'Γήπεδο 5x5 Άνω Αρκαδίας', 'Five-a-side pitch Ano Arkadia', 'Ολύμπου 18', 38.0361, 23.7478, H.sports, 'no'],
  [
    'culture',
    'Δημοτική Βιβλιοθήκη',
    'Municipal Library',
    'Πανεπιστημίου 4',
    38.0148,
    23.7318,
    'mon-fri 08:30-20:00; sat 09:00-14:00',
    'yes',
  ],
  ['culture', 'Πολιτιστικό Κέντρο', 'Cultural Centre', 'Μουσών 10', 38.0171, 23.7395, H.culture, 'yes'],
  ['culture', 'Δημοτικό Θέατρο', 'Municipal Theatre', 'Θεάτρου 1', 38.0129, 23.7421, 'tue-sun 18:00-23:00', 'yes'],
  ['culture', 'Λαογραφικό Μουσείο', 'Folklore Museum', 'Παλαιών Πατρών Γερμανού 6', 38.0214, 23.7294, H.culture, 'limited'],
  ['culture', 'Δημοτική Πινακοθήκη', 'Municipal Art Gallery', 'Ζωγράφων 9', 38.0111, 23.7346, H.culture, 'yes'],
  ['parks', 'Κεντρική Πλατεία', 'Central Square', 'Πλατεία Δημαρχείου', 38.0155, 23.7362, H.park, 'yes'],
  ['parks', 'Άλσος Αρκαδίας', 'Arkadia Grove', 'Άλσους', 38.0349, 23.7305, H.park, 'limited'],
  ['parks', 'Πάρκο Ειρήνης', 'Peace Park', 'Ειρήνης 1', 38.0068, 23.7265, H.park, 'yes'],
  ['parks', 'Παιδική Χαρά Αγίου Νικολάου', 'Agios Nikolaos Playground', 'Αγίου Νικολάου 2', 38.0298, 23.7428, H.park, 'yes'],
  ['parks', 'Πλατεία Ελευθερίας', 'Liberty Square', 'Πλατεία Ελευθερίας', 38.0226, 23.7473, H.park, 'yes'],
  ['parks', 'Πάρκο Σκύλων', 'Dog Park', 'Ρεματιάς 12', 38.0004, 23.7412, H.park, 'limited'],
  ['parking', 'Δημοτικός Σταθμός Στάθμευσης Κέντρου', 'Central Municipal Car Park', 'Ερμού 40', 38.0137, 23.7341, H.parking, 'yes'],
  ['parking', 'Στάθμευση Σταδίου', 'Stadium Car Park', 'Σταδίου 3', 38.0089, 23.7249, H.parking, 'yes'],
  ['parking', 'Στάθμευση Άνω Αρκαδίας', 'Ano Arkadia Car Park', 'Ολύμπου 2', 38.0333, 23.7455, H.parking, 'limited'],
  ['parking', 'Σταθμός μετεπιβίβασης', 'Park and ride', 'Λεωφόρος Αρκαδίας 120', 37.9985, 23.7149, H.parking, 'yes'],
  ['pharmacies', 'Φαρμακείο Παπαδόπουλου', 'Papadopoulos Pharmacy', 'Ερμού 15', 38.0144, 23.7367, H.pharmacy, 'yes'],
  ['pharmacies', 'Φαρμακείο Γεωργίου', 'Georgiou Pharmacy', 'Βενιζέλου 30', 38.0169, 23.7311, H.pharmacy, 'limited'],
  ['pharmacies', 'Φαρμακείο Αλεξίου', 'Alexiou Pharmacy', 'Αθηνάς 12', 38.0265, 23.7492, H.pharmacy, 'yes'],
  ['pharmacies', 'Φαρμακείο Νικολάου', 'Nikolaou Pharmacy', 'Παπαφλέσσα 3', 38.0097, 23.7388, H.pharmacy, 'no'],
  ['pharmacies', 'Φαρμακείο Δημητρίου', 'Dimitriou Pharmacy', 'Μακεδονίας 20', 38.0212, 23.7241, H.pharmacy, 'yes'],
  ['pharmacies', 'Φαρμακείο Ιωάννου', 'Ioannou Pharmacy', 'Ολύμπου 25', 38.0352, 23.7441, H.pharmacy, 'limited'],
];

const ACCESS = {
  yes: ['Είσοδος χωρίς σκαλιά, προσβάσιμη τουαλέτα.', 'Step-free entrance, accessible toilet.'],
  limited: ['Ράμπα στην πλαϊνή είσοδο· ο όροφος μόνο με σκάλες.', 'Ramp at the side entrance; the upper floor only by stairs.'],
  no: ['Είσοδος με σκαλιά, χωρίς ράμπα.', 'Entrance with steps, no ramp.'],
} as const;

/** Days a pharmacy is on duty: a six-day rotation for the next two months, from today. */
function dutyDays(index: number, from: Date) {
  const out: string[] = [];
  for (let d = 0; d < 60; d++) {
    if ((d + index) % 6 === 0) out.push(athensClock(new Date(from.getTime() + d * 86_400_000)).date);
  }
  return out;
}

/** About 40 places around the demo municipality (Νέα Αρκαδία). Safe to run again. */
export async function seedPlacesDemo(db: DbOrTx, tenantId: string) {
  const existing = await db.select({ id: placeCategories.id }).from(placeCategories).where(eq(placeCategories.tenantId, tenantId)).limit(1);
  if (existing.length) return;
  const cats = await db
    .insert(placeCategories)
    .values(CATEGORIES.map((c, i) => ({ tenantId, ...c, sort: i * 10 })))
    .returning({ id: placeCategories.id, key: placeCategories.key });
  const catId = new Map(cats.map((c) => [c.key, c.id]));
  const now = new Date();
  let pharmacy = 0;
  await db.insert(places).values(
    PLACES.map(([category, nameEl, nameEn, street, lat, lon, hours, wheelchair]) => ({
      tenantId,
      categoryId: catId.get(category) as string,
      nameEl,
      nameEn,
      address: `${street}, 11111 Νέα Αρκαδία`,
      lat,
      lon,
      phones: [`210${String(1000000 + Math.round(lat * 1000 + lon * 100) * 7).slice(-7)}`],
      email: category === 'municipal' ? 'info@demo.dimos.gr' : null,
      hours: parseHoursText(hours),
      wheelchair: wheelchair ?? null,
      accessibilityEl: wheelchair ? ACCESS[wheelchair][0] : null,
      accessibilityEn: wheelchair ? ACCESS[wheelchair][1] : null,
      dutyDates: category === 'pharmacies' ? dutyDays(pharmacy++, now) : [],
      hoursNoteEl: category === 'pharmacies' ? 'Τις ημέρες εφημερίας ανοιχτό ως τις 23:00.' : null,
      hoursNoteEn: category === 'pharmacies' ? 'Open until 23:00 on duty days.' : null,
    })),
  );
}

/** Streets the demo reports and forms name that no place stands on: [street, lat, lon, runs east–west]. */
const MORE_STREETS: [string, number, number, boolean][] = [
  ['Λεωφόρος Αθηνών', 38.0128, 23.7335, true],
  ['Πλατεία Ελευθερίας', 38.0171, 23.7362, true],
  ['Αγίου Γεωργίου', 38.0201, 23.7401, false],
];

/**
 * The demo municipality's address register: every street a demo place stands on (and a few more)
 * with house numbers 1–60, about 9 m apart along the street, odd numbers on one side and even on
 * the other, the place's own number at the place. Real municipalities import theirs (OSM or CSV).
 */
export async function seedAddressesDemo(db: DbOrTx, tenantId: string) {
  const have = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.tenantId, tenantId)).limit(1);
  if (have.length) return;
  const streets = new Map<string, { lat: number; lon: number; at: number; eastWest: boolean }>();
  PLACES.forEach(([, , , street, lat, lon], i) => {
    const m = street.match(/^(.*?)\s+(\d+)$/);
    const name = m ? (m[1] as string) : street;
    if (!streets.has(name)) streets.set(name, { lat, lon, at: m ? Number(m[2]) : 1, eastWest: i % 2 === 0 });
  });
  for (const [name, lat, lon, eastWest] of MORE_STREETS) if (!streets.has(name)) streets.set(name, { lat, lon, at: 30, eastWest });
  const rows: TAddressRow[] = [];
  for (const [street, s] of streets) {
    rows.push({ street, number: '', lat: s.lat, lon: s.lon, source: 'demo' });
    for (let n = 1; n <= 60; n++) {
      const along = (Math.ceil(n / 2) - Math.ceil(s.at / 2)) * 0.00009;
      const side = (n % 2 === s.at % 2 ? 0 : 1) * 0.00012;
      rows.push({
        street,
        number: String(n),
        postcode: '11111',
        lat: Number((s.lat + (s.eastWest ? side : along)).toFixed(6)),
        lon: Number((s.lon + (s.eastWest ? along : side)).toFixed(6)),
        source: 'demo',
      });
    }
  }
  await upsertAddresses(db, tenantId, rows);
}
