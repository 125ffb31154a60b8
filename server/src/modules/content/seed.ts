import type { Tx } from '../../platform/db/database.js';
import { contentAlerts, contentCategories, contentItems, councilAgendaItems, councilMeetings } from './schema.js';

const DAY = 86400_000;

/** Demo content: categories, a handful of news and events, an expired alert, a council meeting with decisions. */
export async function seedContentDemo(tx: Tx, tenantId: string, now = new Date()) {
  const at = (days: number, hour = 10) => {
    const d = new Date(now.getTime() + days * DAY);
    d.setUTCHours(hour - 2, 0, 0, 0);
    return d;
  };
  const cats = await tx
    .insert(contentCategories)
    .values([
      { tenantId, slug: 'municipality', nameEl: 'Δήμος', nameEn: 'Municipality' },
      { tenantId, slug: 'culture', nameEl: 'Πολιτισμός', nameEn: 'Culture' },
      { tenantId, slug: 'environment', nameEl: 'Περιβάλλον', nameEn: 'Environment' },
      { tenantId, slug: 'sports', nameEl: 'Αθλητισμός', nameEn: 'Sports' },
    ])
    .returning();
  const cat = (slug: string) => cats.find((c) => c.slug === slug)?.id ?? null;
  const published = (daysAgo: number) => ({ status: 'published' as const, publishedAt: at(-daysAgo, 9) });
  await tx.insert(contentItems).values([
    {
      tenantId,
      kind: 'news',
      ...published(1),
      categoryId: cat('environment'),
      titleEl: 'Νέο πρόγραμμα ανακύκλωσης στις γειτονιές',
      titleEn: 'New recycling programme in the neighbourhoods',
      summaryEl: 'Από τη Δευτέρα ξεκινά η συλλογή ανακυκλώσιμων πόρτα-πόρτα σε τρεις γειτονιές.',
      summaryEn: 'From Monday, door-to-door collection of recyclables starts in three neighbourhoods.',
      bodyEl:
        'Ο Δήμος επεκτείνει το πρόγραμμα ανακύκλωσης με συλλογή πόρτα-πόρτα.\n\nΟι κάτοικοι θα παραλάβουν δωρεάν κάδους από την Υπηρεσία Καθαριότητας.',
      bodyEn:
        'The municipality extends its recycling programme with door-to-door collection.\n\nResidents will receive free bins from the Cleaning Service.',
    },
    {
      tenantId,
      kind: 'announcement',
      ...published(3),
      categoryId: cat('municipality'),
      titleEl: 'Ωράριο λειτουργίας των υπηρεσιών τις γιορτές',
      titleEn: 'Opening hours of the services during the holidays',
      summaryEl: 'Οι υπηρεσίες του Δήμου λειτουργούν με μειωμένο ωράριο 08:00–13:00.',
      summaryEn: 'Municipal services are open with reduced hours, 08:00–13:00.',
      bodyEl: 'Το ΚΕΠ και το Δημοτολόγιο θα εξυπηρετούν το κοινό 08:00–13:00.',
      bodyEn: 'The KEP and the Municipal Registry will serve the public 08:00–13:00.',
    },
    {
      tenantId,
      kind: 'news',
      ...published(6),
      categoryId: cat('municipality'),
      titleEl: 'Ολοκληρώθηκε η ανακατασκευή της κεντρικής πλατείας',
      titleEn: null,
      summaryEl: 'Η πλατεία Δημαρχείου αποδίδεται ξανά στους πολίτες με νέο φωτισμό και πράσινο.',
      bodyEl: 'Η κεντρική πλατεία αποδίδεται στους πολίτες μετά από έξι μήνες εργασιών.',
    },
    {
      tenantId,
      kind: 'news',
      status: 'draft',
      categoryId: cat('sports'),
      titleEl: 'Νέο γήπεδο μπάσκετ στο 2ο Δημοτικό (πρόχειρο)',
      titleEn: 'New basketball court at the 2nd Primary School (draft)',
      summaryEl: 'Πρόχειρο κείμενο του Γραφείου Τύπου.',
    },
    {
      tenantId,
      kind: 'event',
      ...published(2),
      categoryId: cat('culture'),
      titleEl: 'Συναυλία της Δημοτικής Φιλαρμονικής',
      titleEn: 'Concert of the Municipal Philharmonic',
      summaryEl: 'Κλασική και ελληνική μουσική στο Δημοτικό Θέατρο. Είσοδος ελεύθερη.',
      summaryEn: 'Classical and Greek music at the Municipal Theatre. Free entry.',
      bodyEl: 'Η Δημοτική Φιλαρμονική παρουσιάζει έργα Σκαλκώτα, Χατζιδάκι και Μότσαρτ.',
      bodyEn: 'The Municipal Philharmonic plays works by Skalkottas, Hadjidakis and Mozart.',
      startsAt: at(7, 20),
      endsAt: at(7, 22),
      placeEl: 'Δημοτικό Θέατρο Νέας Αρκαδίας',
      placeEn: 'Nea Arkadia Municipal Theatre',
      lat: 38.012,
      lon: 23.735,
      organiser: 'Δημοτική Φιλαρμονική',
    },
    {
      tenantId,
      kind: 'event',
      ...published(4),
      categoryId: cat('environment'),
      titleEl: 'Εθελοντικός καθαρισμός του άλσους',
      titleEn: 'Volunteer clean-up of the grove',
      summaryEl: 'Ελάτε να καθαρίσουμε μαζί το δημοτικό άλσος. Γάντια και σακούλες παρέχονται.',
      summaryEn: 'Come and clean the municipal grove together. Gloves and bags are provided.',
      startsAt: at(12, 9),
      endsAt: at(12, 13),
      placeEl: 'Δημοτικό Άλσος, κεντρική είσοδος',
      placeEn: 'Municipal Grove, main entrance',
      lat: 38.02,
      lon: 23.74,
      organiser: 'Διεύθυνση Καθαριότητας',
    },
    {
      tenantId,
      kind: 'event',
      ...published(5),
      categoryId: cat('sports'),
      titleEl: 'Λαϊκός αγώνας δρόμου 5 χλμ.',
      titleEn: 'Fun run 5 km',
      summaryEl: 'Αγώνας δρόμου για όλες τις ηλικίες.',
      summaryEn: 'A run for all ages.',
      startsAt: at(20, 10),
      endsAt: at(20, 12),
      placeEl: 'Δημοτικό Στάδιο',
      placeEn: 'Municipal Stadium',
      organiser: 'Τμήμα Αθλητισμού',
    },
    {
      tenantId,
      kind: 'internal',
      ...published(1),
      titleEl: 'Εκπαίδευση προσωπικού στη νέα πλατφόρμα',
      titleEn: 'Staff training on the new platform',
      summaryEl: 'Την Τετάρτη 10:00 στην αίθουσα συνεδριάσεων, για όλους τους υπαλλήλους.',
      summaryEn: 'Wednesday 10:00 in the meeting room, for all employees.',
      bodyEl: 'Παρακαλούνται οι προϊστάμενοι να ενημερώσουν τα τμήματά τους.',
      bodyEn: 'Heads of unit are asked to inform their departments.',
    },
  ]);
  await tx.insert(contentAlerts).values({
    tenantId,
    category: 'weather',
    severity: 'warning',
    titleEl: 'Έκτακτο δελτίο καιρού: ισχυρές βροχές',
    titleEn: 'Severe weather bulletin: heavy rain',
    textEl: 'Αποφύγετε τις άσκοπες μετακινήσεις και τα ρέματα.',
    textEn: 'Avoid unnecessary travel and stay away from streams.',
    areaEl: 'Όλος ο Δήμος',
    areaEn: 'The whole municipality',
    startsAt: new Date(now.getTime() - 10 * DAY),
    endsAt: new Date(now.getTime() - 9 * DAY),
  });
  const [past] = await tx
    .insert(councilMeetings)
    .values({
      tenantId,
      titleEl: '12η Τακτική Συνεδρίαση Δημοτικού Συμβουλίου',
      titleEn: '12th Regular Meeting of the Municipal Council',
      startsAt: at(-14, 19),
      placeEl: 'Αίθουσα Δημοτικού Συμβουλίου, Δημαρχείο',
      placeEn: 'Council Chamber, Town Hall',
      status: 'held',
    })
    .returning();
  const [next] = await tx
    .insert(councilMeetings)
    .values({
      tenantId,
      titleEl: '13η Τακτική Συνεδρίαση Δημοτικού Συμβουλίου',
      titleEn: '13th Regular Meeting of the Municipal Council',
      startsAt: at(9, 19),
      placeEl: 'Αίθουσα Δημοτικού Συμβουλίου, Δημαρχείο',
      placeEn: 'Council Chamber, Town Hall',
    })
    .returning();
  if (past && next) {
    await tx.insert(councilAgendaItems).values([
      {
        tenantId,
        meetingId: past.id,
        position: 1,
        titleEl: 'Έγκριση της 2ης αναμόρφωσης του προϋπολογισμού',
        titleEn: 'Approval of the 2nd budget amendment',
        decisionNumber: '145/2026',
        decisionEl: 'Εγκρίνεται ομόφωνα.',
        decisionEn: 'Approved unanimously.',
        ada: 'ΨΘ82ΩΡΦ-7ΑΙ',
      },
      {
        tenantId,
        meetingId: past.id,
        position: 2,
        titleEl: 'Παραχώρηση χρήσης του δημοτικού γηπέδου σε αθλητικούς συλλόγους',
        titleEn: 'Use of the municipal pitch by sports clubs',
        decisionNumber: '146/2026',
        decisionEl: 'Εγκρίνεται κατά πλειοψηφία.',
        decisionEn: 'Approved by majority.',
        ada: 'Ω4ΚΛΩΡΦ-Β2Ε',
      },
      {
        tenantId,
        meetingId: next.id,
        position: 1,
        titleEl: 'Τεχνικό πρόγραμμα του επόμενου έτους',
        titleEn: "Next year's technical programme",
      },
      {
        tenantId,
        meetingId: next.id,
        position: 2,
        titleEl: 'Καθορισμός τελών καθαριότητας και φωτισμού',
        titleEn: 'Cleaning and lighting fees',
      },
    ]);
  }
}
