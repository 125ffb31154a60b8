import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may see and manage the fleet. Drivers (any staff) use the driver routes for their own shifts. */
definePermissions({
  'fleet.view': ['head', 'employee', 'operator'],
  'fleet.manage': ['head'],
});

registerMessages({
  'fleet.plate_invalid': {
    el: 'Ο αριθμός κυκλοφορίας δεν είναι έγκυρος (π.χ. ΚΗΥ-1234 ή ΜΕ-123456).',
    en: 'The registration plate is not valid (e.g. ΚΗΥ-1234 or ΜΕ-123456).',
  },
  'fleet.vehicle_exists': { el: 'Υπάρχει ήδη όχημα με αυτόν τον αριθμό κυκλοφορίας.', en: 'A vehicle with this plate already exists.' },
  'fleet.vehicle_not_found': { el: 'Το όχημα δεν βρέθηκε.', en: 'Vehicle not found.' },
  'fleet.vehicle_inactive': { el: 'Το όχημα είναι εκτός κυκλοφορίας.', en: 'The vehicle is out of service.' },
  'fleet.vehicle_in_use': { el: 'Το όχημα το έχει ήδη άλλος οδηγός σε βάρδια.', en: 'Another driver is on shift with this vehicle.' },
  'fleet.shift_already_open': { el: 'Έχετε ήδη ανοιχτή βάρδια.', en: 'You already have an open shift.' },
  'fleet.shift_not_found': { el: 'Η βάρδια δεν βρέθηκε ή έχει λήξει.', en: 'The shift was not found or has ended.' },
  'fleet.shift_not_sharing': {
    el: 'Η θέση του τηλεφώνου καταγράφεται μόνο κατά τη διάρκεια βάρδιας με κοινοποίηση θέσης.',
    en: 'The phone’s position is recorded only during a shift that shares it.',
  },
  'fleet.fix_outside_shift': { el: 'Η θέση είναι εκτός του χρόνου της βάρδιας.', en: 'The position is outside the shift’s time.' },
  'fleet.driver_not_staff': { el: 'Ο οδηγός πρέπει να είναι υπάλληλος του δήμου.', en: 'The driver must be a member of staff.' },
  'fleet.card_taken': { el: 'Η κάρτα οδηγού ανήκει ήδη σε άλλον οδηγό.', en: 'The driver card belongs to another driver.' },
  'fleet.photos_invalid': {
    el: 'Στείλτε έως {max} φωτογραφίες, στο σωστό πεδίο.',
    en: 'Send at most {max} photos, in the right field.',
  },
  'fleet.payload_invalid': {
    el: 'Τα στοιχεία της καταχώρισης λείπουν ή δεν είναι έγκυρα.',
    en: 'The entry’s details are missing or not valid.',
  },
  'fleet.not_your_vehicle': { el: 'Δεν είστε σε βάρδια με αυτό το όχημα.', en: 'You are not on shift with this vehicle.' },
  'fleet.litres_over_tank': {
    el: 'Τα λίτρα ξεπερνούν τη χωρητικότητα του ρεζερβουάρ ({tank} λίτρα).',
    en: 'More litres than the tank holds ({tank} litres).',
  },
  'fleet.receipt_invalid': {
    el: 'Η απόδειξη πρέπει να είναι φωτογραφία που ανεβάσατε εσείς.',
    en: 'The receipt must be a photo you uploaded.',
  },
  'fleet.paper_subject': { el: 'Ορίστε είτε όχημα είτε οδηγό.', en: 'Give either a vehicle or a driver.' },
  'fleet.paper_not_found': { el: 'Το έγγραφο δεν βρέθηκε.', en: 'Paper not found.' },
  'fleet.plan_interval_required': { el: 'Ορίστε χιλιόμετρα, ώρες ή μήνες.', en: 'Give kilometres, hours or months.' },
  'fleet.plan_not_found': { el: 'Το πρόγραμμα συντήρησης δεν βρέθηκε.', en: 'Service plan not found.' },
  'fleet.log_not_your_day': {
    el: 'Μόνο όποιος οδήγησε το όχημα εκείνη την ημέρα επιβεβαιώνει το δελτίο κίνησης.',
    en: 'Only someone who drove the vehicle that day can confirm the vehicle log.',
  },
  'fleet.log_empty': { el: 'Δεν υπάρχουν διαδρομές εκείνη την ημέρα.', en: 'There are no trips that day.' },
  'fleet.log_already_confirmed': { el: 'Το δελτίο κίνησης έχει ήδη επιβεβαιωθεί.', en: 'The vehicle log is already confirmed.' },
  'fleet.period_invalid': { el: 'Η περίοδος δεν είναι έγκυρη (έως ένα έτος).', en: 'The period is not valid (up to one year).' },
  'field.plate': { el: 'Αριθμός κυκλοφορίας', en: 'Plate' },
  'field.vehicleId': { el: 'Όχημα', en: 'Vehicle' },
  'field.litres': { el: 'Λίτρα', en: 'Litres' },
  'field.receiptFileId': { el: 'Απόδειξη', en: 'Receipt' },
  'field.driverUniqueId': { el: 'Κάρτα οδηγού', en: 'Driver card' },
  'field.driverUserId': { el: 'Οδηγός', en: 'Driver' },
  'field.validUntil': { el: 'Ισχύει έως', en: 'Valid until' },
  'field.everyKm': { el: 'Κάθε πόσα χιλιόμετρα', en: 'Every how many kilometres' },
  'field.planId': { el: 'Πρόγραμμα συντήρησης', en: 'Service plan' },
  'field.fuelType': { el: 'Καύσιμο', en: 'Fuel' },
  'field.tankLitres': { el: 'Ρεζερβουάρ (λίτρα)', en: 'Tank (litres)' },
});
