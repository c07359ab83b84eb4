import { z } from 'zod';
import { MemberId } from '../members/model.js';

/**
 * Support cases (docs/cases.md): a numbered request from a member, a visitor
 * of a join site, support by hand or a CSV import, with a type, a priority, a
 * status, an assignee, an SLA deadline and a thread of messages, internal
 * notes, email replies and changes.
 */

export const CaseStatus = z.enum(['open', 'in_progress', 'waiting_on_member', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CASE_STATUSES = CaseStatus.options;

/** Statuses whose SLA clock runs: a case leaves the deadline list when resolved or closed. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'waiting_on_member'];
export const isActiveStatus = (status: CaseStatus) => ACTIVE_STATUSES.includes(status);

export const CasePriority = z.enum(['low', 'normal', 'high', 'urgent']);
export type CasePriority = z.infer<typeof CasePriority>;
export const CASE_PRIORITIES = CasePriority.options;

/** Where a case came from. */
export const CaseSource = z.enum(['portal', 'public', 'staff', 'import']);
export type CaseSource = z.infer<typeof CaseSource>;

/** A case number in a path or a filter: the counter's digits. */
export const CaseNumber = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a case number')
  .transform(Number);

/** A company-defined case type's id: lowercase letters, digits and dashes. */
export const CaseTypeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1 to 40 lowercase letters, digits or dashes');

/** Hours to answer, by priority (the SLA of a type). */
export const SlaHours = z.object({
  low: z.number().int().min(1).max(8760),
  normal: z.number().int().min(1).max(8760),
  high: z.number().int().min(1).max(8760),
  urgent: z.number().int().min(1).max(8760),
});
export type SlaHours = z.infer<typeof SlaHours>;

const TypeName = z.string().trim().min(1).max(80);

export const CaseTypeInput = z.object({
  names: z.object({ en: TypeName, es: TypeName }),
  slaHours: SlaHours,
  active: z.boolean().default(true),
});
export type CaseTypeInput = z.infer<typeof CaseTypeInput>;

export const CaseType = CaseTypeInput.extend({ id: CaseTypeId });
export type CaseType = z.infer<typeof CaseType>;

/**
 * The type every company has until its admin replaces it (same id): forms
 * without a type choice file under it.
 */
export const DEFAULT_CASE_TYPE: CaseType = {
  id: 'general',
  names: { en: 'General question', es: 'Consulta general' },
  slaHours: { low: 120, normal: 48, high: 24, urgent: 4 },
  active: true,
};

/** A case within this many hours of its deadline is "about to expire". */
export const ABOUT_TO_EXPIRE_HOURS = 4;
const HOUR_MS = 3_600_000;

/**
 * The SLA deadline: the case's creation plus its type's hours for its
 * priority. A change of type or priority recomputes it from the creation
 * time (not from the change), so an escalation can make a case late at once.
 */
export const slaDeadline = (createdAt: string, type: Pick<CaseType, 'slaHours'>, priority: CasePriority) =>
  new Date(Date.parse(createdAt) + type.slaHours[priority] * HOUR_MS).toISOString();

export const SlaState = z.enum(['on_track', 'about_to_expire', 'expired', 'done']);
export type SlaState = z.infer<typeof SlaState>;

/** Where a case stands against its deadline at `now`; resolved and closed cases are `done`. */
export function slaStateOf(c: { status: CaseStatus; deadline: string }, now: Date = new Date()): SlaState {
  if (!isActiveStatus(c.status)) return 'done';
  const left = Date.parse(c.deadline) - now.getTime();
  if (left <= 0) return 'expired';
  return left <= ABOUT_TO_EXPIRE_HOURS * HOUR_MS ? 'about_to_expire' : 'on_track';
}

/** A request's key: the same submit sent twice (a double click, a retry) makes one case or one entry. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _ (one per submit)');

export const Subject = z.string().trim().min(1).max(200);
export const MessageBody = z.string().trim().min(1).max(10_000);
export const ContactName = z.string().trim().min(1).max(120);
export const ContactEmail = z.email('must be an email address').max(254);

// ---- views --------------------------------------------------------------------------------------------------------

export const CaseView = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: CaseStatus,
  priority: CasePriority,
  typeId: z.string(),
  typeName: z.string(),
  source: CaseSource,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** Public cases: the join site the form was sent from. */
  siteName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  deadline: z.string(),
  sla: SlaState,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CaseView = z.infer<typeof CaseView>;

/** What a thread entry is: the first message, support's note (internal) or email reply, the member's reply, a change. */
export const EntryKind = z.enum(['message', 'note', 'reply', 'member_reply', 'status', 'assignee', 'priority', 'type']);
export type EntryKind = z.infer<typeof EntryKind>;

/** Entries the member sees in the portal: never support's notes, assignments or re-typing. */
export const MEMBER_VISIBLE_KINDS: readonly EntryKind[] = ['message', 'reply', 'member_reply', 'status'];

export const ThreadEntry = z.object({
  id: z.string(),
  kind: EntryKind,
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  body: z.string().nullable(),
  /** Changes: the value before and after. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Replies: the address mailed. */
  emailTo: z.string().nullable(),
});
export type ThreadEntry = z.infer<typeof ThreadEntry>;

export const CaseDetail = z.object({ case: CaseView, thread: z.array(ThreadEntry) });
export type CaseDetail = z.infer<typeof CaseDetail>;

/** The member's own case, without support's internals (assignee). */
export const MemberCaseView = CaseView.pick({
  number: true,
  subject: true,
  status: true,
  typeName: true,
  createdAt: true,
  updatedAt: true,
});
export type MemberCaseView = z.infer<typeof MemberCaseView>;

export const MemberCaseDetail = z.object({ case: MemberCaseView, thread: z.array(ThreadEntry) });

export const CaseStats = z.object({
  byStatus: z.record(CaseStatus, z.number().int()),
  /** Active cases past their deadline. */
  expired: z.number().int(),
  /** Active cases within ABOUT_TO_EXPIRE_HOURS of it. */
  aboutToExpire: z.number().int(),
  asOf: z.string(),
});
export type CaseStats = z.infer<typeof CaseStats>;

export const CaseTypeView = CaseType;

// ---- inputs -------------------------------------------------------------------------------------------------------

/** Support opens a case by hand: for a member, or for someone who wrote or called (name and email). */
export const StaffCaseInput = z
  .object({
    subject: Subject,
    message: MessageBody,
    typeId: CaseTypeId.optional(),
    priority: CasePriority.default('normal'),
    memberId: MemberId.optional(),
    contactName: ContactName.optional(),
    contactEmail: ContactEmail.optional(),
    assigneeId: MemberId.optional(),
    idempotencyKey: IdempotencyKey,
  })
  .superRefine((value, ctx) => {
    if (!value.memberId && !value.contactEmail) {
      ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'is required when no memberId is given' });
    }
  });
export type StaffCaseInput = z.infer<typeof StaffCaseInput>;

/** A member's request from the portal. */
export const MemberCaseInput = z.object({
  subject: Subject,
  message: MessageBody,
  typeId: CaseTypeId.optional(),
  idempotencyKey: IdempotencyKey,
});
export type MemberCaseInput = z.infer<typeof MemberCaseInput>;

/**
 * The public contact form of a join site (`/join/<site>`). `website` is a honeypot: hidden
 * from people, filled by bots; a request with it is answered like any other
 * and stores nothing.
 */
export const PublicContactInput = z.object({
  name: ContactName,
  email: ContactEmail,
  subject: Subject,
  message: MessageBody,
  typeId: CaseTypeId.optional(),
  website: z.string().max(500).optional(),
});
export type PublicContactInput = z.infer<typeof PublicContactInput>;

/** Staff change a case (the version read: 409 when someone changed it meanwhile). */
export const CaseChange = z
  .object({
    version: z.number().int().min(1),
    status: CaseStatus.optional(),
    priority: CasePriority.optional(),
    typeId: CaseTypeId.optional(),
    /** A staff member's ID, or null to unassign. */
    assigneeId: MemberId.nullable().optional(),
  })
  .refine(
    (value) =>
      value.status !== undefined ||
      value.priority !== undefined ||
      value.typeId !== undefined ||
      value.assigneeId !== undefined,
    { message: 'change at least one of status, priority, typeId, assigneeId', path: ['status'] },
  );
export type CaseChange = z.infer<typeof CaseChange>;

/** A note (internal), an email reply (support) or a member's reply (portal). */
export const EntryInput = z.object({ body: MessageBody, idempotencyKey: IdempotencyKey });
export type EntryInput = z.infer<typeof EntryInput>;

const DateOnly = z.iso.date('must be a date, e.g. 2026-01-31');

export const CaseListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(2000)
      .regex(/^[A-Za-z0-9_-]*$/, 'is not a cursor this list gave out')
      .optional(),
    status: CaseStatus.optional(),
    typeId: CaseTypeId.optional(),
    priority: CasePriority.optional(),
    /** A staff member's ID, or `me`. */
    assigneeId: z.union([z.literal('me'), MemberId]).optional(),
    memberId: MemberId.optional(),
    number: CaseNumber.optional(),
    /** Created on or after this day (UTC). */
    from: DateOnly.optional(),
    /** Created on or before this day (UTC). */
    to: DateOnly.optional(),
    order: z.enum(['newest', 'oldest']).default('newest'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const ImportInput = z.object({
  /** The CSV file's text (the template's columns). */
  csv: z.string().min(1).max(2_000_000),
  /** With errors in the file: import the valid rows anyway (the agent's explicit choice). */
  importValidRows: z.boolean().default(false),
});

export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportReport = z.object({
  rows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(ImportRowError),
  /** Cases made by this request. */
  imported: z.number().int(),
  /** Valid rows already imported before (the same row of this or another file): not made again. */
  alreadyImported: z.number().int(),
  numbers: z.array(z.number().int()),
  /** `has_errors`: nothing was imported (send again with importValidRows to import the valid rows). */
  outcome: z.enum(['imported', 'has_errors']),
});
export type ImportReport = z.infer<typeof ImportReport>;
