/**
 * Forms from data: definitions an administrator edits, submission validation
 * with translated field errors, and the Greek id checks (ΑΦΜ, ΑΜΚΑ, ΑΔΤ).
 * No routes and no tables: the case engine stores definitions and submissions.
 */
import './forms.messages.js';

export { answerFileIds, renderAnswers, type TAnswer, type TFileName, ZAnswer } from './answers.js';
export { localizeDefinitionErrors, type TDefinitionResult, validateFormDefinition } from './definition.js';
export * from './form.schema.js';
export { FORMS_MESSAGES, PERSON_PART_LABELS } from './forms.messages.js';
export { isValidAfm, isValidAmka, isValidIdNumber, luhnValid, normalizeAfm, normalizeAmka, normalizeIdNumber } from './greek-ids.js';
export { formJsonSchema } from './json-schema.js';
export {
  fieldLabel,
  fileFieldsIn,
  fileIdsIn,
  localizeFieldErrors,
  parseNumber,
  personParts,
  showIfHolds,
  type TFieldIssue,
  type TSubmissionResult,
  type TValidateOptions,
  validateSubmission,
} from './validate.js';
