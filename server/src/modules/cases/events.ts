/**
 * The case engine's events (see platform/jobs/catalogue.ts). Every case event names the case; most
 * carry the requester (account or device) and the protocol number, so notifications need no lookup.
 */
type Requester = { citizenUserId: string | null; deviceId: string | null };

export type TCaseTransitioned = Requester & {
  caseId: string;
  from: string;
  to: string;
  category: string;
  /** The citizen sees this change (and hears of it). */
  citizenVisible: boolean;
  protocolNumber: string | null;
  messageEl?: string | null;
  messageEn?: string | null;
  comment?: string | null;
  reopened?: boolean;
  byCitizen?: boolean;
  confirmedByRequester?: boolean;
  forwardedTo?: string;
  unitId?: string | null;
  assigneeId?: string | null;
  /** What to issue on this change, when the caller decides it (documents). */
  issuedDocument?: unknown;
};

declare module '../../platform/jobs/catalogue.js' {
  interface EventCatalogue {
    'case.submitted': Requester & {
      caseId: string;
      caseTypeKey: string;
      protocolNumber: string | null;
      trackingCode: string;
      unitId: string | null;
      channel: string;
      dueDate: string | null;
      /** The type version asks for a fee (payments binds its e-Παράβολο). Absent on events written before it existed. */
      hasFee?: boolean;
      /** Some required document can come from a registry (eservices notes what the registry holds). */
      registryDocuments?: boolean;
    };
    'case.protocol_assigned': Requester & { caseId: string; protocolNumber: string; trackingCode: string };
    'case.assigned': { caseId: string; unitId: string | null; assigneeId: string | null; protocolNumber: string | null };
    'case.transitioned': TCaseTransitioned;
    'case.replied': Requester & { caseId: string; body: string; fileIds: string[]; protocolNumber: string | null };
    'case.info_requested': Requester & { caseId: string; message: string; protocolNumber: string | null; trackingCode: string };
    'case.citizen_replied': { caseId: string; unitId: string | null; assigneeId: string | null };
    'case.merged': Requester & { caseId: string; intoId: string };
    'case.overdue': { caseId: string; dueDate: string | null; unitId: string | null; assigneeId: string | null };
    'case.escalated': {
      caseId: string;
      unitId: string | null;
      headUserIds: string[];
      protocolNumber: string | null;
      dueDate: string | null;
    };
  }
}
