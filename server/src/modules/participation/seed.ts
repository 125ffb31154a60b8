import type { Db } from '../../platform/db/database.js';
import { importDraft } from './draft-import.js';
import { articles, budgetProjects, budgets, consultations, ideaCalls, surveyQuestions, surveys } from './schema.js';

const DRAFT = `Ο κανονισμός ορίζει τις υποχρεώσεις δημοτών, επαγγελματιών και του Δήμου για την καθαριότητα των κοινόχρηστων χώρων.

## Άρθρο 1: Σκοπός και πεδίο εφαρμογής
Σκοπός του κανονισμού είναι η προστασία της δημόσιας υγείας και του περιβάλλοντος και η διατήρηση της καθαριότητας σε όλους τους κοινόχρηστους χώρους του Δήμου.

## Άρθρο 2: Ώρες απόθεσης απορριμμάτων
Τα οικιακά απορρίμματα τοποθετούνται στους κάδους από τις 19:00 έως τις 22:00, σε καλά δεμένες σακούλες. Απαγορεύεται η απόθεση εκτός κάδων.

## Άρθρο 3: Ανακύκλωση
Τα ανακυκλώσιμα υλικά (χαρτί, πλαστικό, μέταλλο, γυαλί) τοποθετούνται χωρίς σακούλα στους μπλε κάδους. Τα ογκώδη αντικείμενα παραλαμβάνονται κατόπιν ραντεβού.

## Άρθρο 4: Υποχρεώσεις καταστημάτων
Τα καταστήματα υγειονομικού ενδιαφέροντος καθαρίζουν καθημερινά το πεζοδρόμιο μπροστά από την είσοδό τους και διαθέτουν δικούς τους κάδους για τα απορρίμματα της επιχείρησης.

## Άρθρο 5: Πρόστιμα
Η παράβαση των άρθρων 2 έως 4 επισύρει πρόστιμο από 50 έως 500 ευρώ, ανάλογα με τη βαρύτητα και την υποτροπή. Τα έσοδα διατίθενται για την καθαριότητα.
`;

/** Demo data: an open consultation with five articles, an open survey, an open participatory budget with six projects, an open call for ideas. */
export async function seedParticipationDemo(db: Db, tenantId: string) {
  const in30 = new Date(Date.now() + 30 * 86400_000);
  const draft = importDraft(DRAFT, 'markdown');
  const [c] = await db
    .insert(consultations)
    .values({
      tenantId,
      title: 'Κανονισμός Καθαριότητας Δήμου',
      summary: 'Σχέδιο κανονισμού για την καθαριότητα των κοινόχρηστων χώρων. Σχολιάστε άρθρο προς άρθρο.',
      preamble: draft.preamble,
      status: 'open',
      verification: 'phone',
      publishedAt: new Date(),
      closesAt: in30,
    })
    .returning();
  if (!c) return;
  await db.insert(articles).values(draft.articles.map((a, i) => ({ tenantId, consultationId: c.id, position: i + 1, ...a })));

  const [s] = await db
    .insert(surveys)
    .values({
      tenantId,
      title: 'Πόσο ικανοποιημένοι είστε από την καθαριότητα;',
      description: 'Σύντομη έρευνα, 3 ερωτήσεις.',
      status: 'open',
      verification: 'none',
      closesAt: in30,
    })
    .returning();
  if (s) {
    await db.insert(surveyQuestions).values([
      { surveyId: s.id, position: 1, kind: 'scale', text: 'Πόσο καθαρή είναι η γειτονιά σας;', scaleMin: 1, scaleMax: 5 },
      {
        surveyId: s.id,
        position: 2,
        kind: 'multiple',
        text: 'Τι σας ενοχλεί περισσότερο;',
        options: ['Γεμάτοι κάδοι', 'Ογκώδη στο πεζοδρόμιο', 'Περιττώματα ζώων', 'Γκράφιτι'],
      },
      { surveyId: s.id, position: 3, kind: 'text', text: 'Τι θα προτείνατε;', required: 0 },
    ]);
  }

  const [b] = await db
    .insert(budgets)
    .values({
      tenantId,
      title: 'Συμμετοχικός προϋπολογισμός 2026',
      description: 'Αποφασίστε πώς θα διατεθούν 300.000 €.',
      totalCents: 30_000_000,
      mode: 'budget',
      verification: 'taxisnet',
      status: 'open',
      closesAt: in30,
    })
    .returning();
  if (b) {
    const projects = [
      ['Νέα παιδική χαρά στο Πάρκο Ειρήνης', 9_000_000],
      ['Ποδηλατόδρομος παραλιακής', 15_000_000],
      ['Φωτισμός LED στις γειτονιές', 7_000_000],
      ['Δενδροφύτευση 500 δέντρων', 4_000_000],
      ['Ράμπες προσβασιμότητας σε 40 διαβάσεις', 6_000_000],
      ['Κοινοτικός κήπος στο 3ο Δημοτικό', 2_500_000],
    ] as const;
    await db
      .insert(budgetProjects)
      .values(projects.map(([title, costCents], i) => ({ tenantId, budgetId: b.id, position: i + 1, title, costCents })));
  }

  await db.insert(ideaCalls).values({
    tenantId,
    title: 'Τι λείπει από τη γειτονιά σας;',
    description: 'Σημειώστε στον χάρτη ανάγκες και ιδέες: παγκάκια, σκιά, ράμπες, φωτισμό.',
    status: 'open',
    verification: 'phone',
    closesAt: in30,
  });
}
