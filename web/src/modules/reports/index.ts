// What the faces may use from reports: the nearby-duplicates hint of the request form.
export { DuplicateReports } from './duplicates';
