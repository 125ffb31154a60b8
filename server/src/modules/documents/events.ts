/** The documents module's events (see platform/jobs/catalogue.ts). */
declare module '../../platform/jobs/catalogue.js' {
  interface EventCatalogue {
    'document.issued': {
      documentId: string;
      caseId: string | null;
      fileId: string;
      templateKey: string;
      title: { el: string; en: string };
      protocolNumber: string | null;
      code: string;
      verifyUrl: string;
      recipientUserId: string | null;
      recipientDeviceId: string | null;
      citizenUserId: string | null;
      deviceId: string | null;
    };
    'document.revoked': {
      documentId: string;
      caseId: string | null;
      reason: string;
      recipientUserId: string | null;
      recipientDeviceId: string | null;
    };
  }
}

export {};
