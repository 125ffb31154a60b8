/**
 * The files area's public face: what modules use to take uploads, read files and let
 * their users see attachments. Modules import from here, never from the files' inner files.
 */
export { canReadFile, type FileAccessRule, registerFileAccess } from './files.access.js';
export { FILE_KINDS, type TFileKind } from './files.detect.js';
export { filesApi, type TFileView, toFileView, ZFileView } from './files.routes.js';
export {
  getFileMeta,
  KIND_LIMIT_MB,
  markFilePublic,
  openFile,
  prepareUpload,
  saveUploads,
  setFileVisibility,
  storeUpload,
  type TFileOwner,
  type TFileRow,
  type TPreparedUpload,
  type TStoreUpload,
  type TVisibility,
} from './files.service.js';
