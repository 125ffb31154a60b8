// What other modules and the faces may use from forms: the form renderer (a module's other files are its own).
export { type FormAnswer, FormAnswers } from './answers-view';
export {
  cleanValues,
  type FieldErrors,
  FormRenderer,
  type FormValues,
  LocationInput,
  type LocationValue,
  visibleFields,
} from './form-renderer';
export {
  CATEGORIES,
  type Category,
  fieldErrors,
  postCase,
  type RequestDraft,
  toSubmission,
} from './request-submission';
