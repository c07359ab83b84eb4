import { createHash } from 'node:crypto';
import {
  DEFAULT_CASE_TYPE,
  MEMBER_VISIBLE_KINDS,
  ABOUT_TO_EXPIRE_HOURS,
  slaDeadline,
  slaStateOf,
  type CaseChange,
  type CaseDetail,
  type CaseListQuery,
  type CasePriority,
  type CaseSource,
  type CaseStats,
  type CaseType,
  type CaseTypeInput,
  type CaseView,
  type MemberCaseView,
  type ThreadEntry,
} from '@arbor/shared/cases/model';
import { checkImportFile, rowContent, type ImportRow } from '@arbor/shared/cases/csv';
import type { ImportReport, ImportRowError } from '@arbor/shared/cases/model';
import { ForbiddenError, NotFoundError, RuleError, staleVersionError, ValidationError } from '@arbor/shared/errors';
import { isStaff, type Language, type Member, type Role } from '@arbor/shared/members/model';
import type { Page } from '../lib/db.js';
import { env } from '../lib/env.js';
import { keyReusedError } from '../lib/idempotency.js';
import { sendEmails } from '../email/send.js';
import { getMember, memberLogWrite } from '../members/repository.js';
import { caseReplyEmail } from './mail.js';
import {
  countActiveDue,
  getCase,
  getCaseRequest,
  getCaseType,
  insertCase,
  listCasesPage,
  listCaseTypes,
  nextCaseNumber,
  putCaseType,
  readCase,
  saveCase,
  statusCounts,
  type CaseList,
  type CaseRecord,
  type EntryRecord,
} from './repository.js';

/**
 * The case desk (docs/cases.md). A case is made once per request (a mark
 * keyed by who asked and its idempotency key, written in the case's
 * transaction); every change, note and reply is a new version of the case
 * with its thread entry, its counts and the member's log in one transaction.
 */

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');
const newEntryId = (seed: string) =>
  `e${sha(seed)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16)}`;

/** Who acts: a member in the portal, staff at the desk, or nobody (the public form). */
export interface Actor {
  id: string | null;
  name: string | null;
  role: Role | 'public';
}

export async function actorOf(principal: { memberId: string; role: Role }): Promise<Actor> {
  const member = await getMember(principal.memberId);
  return { id: principal.memberId, name: member?.displayName ?? null, role: principal.role };
}

// ---- views --------------------------------------------------------------------------------------------------------

export function caseView(record: CaseRecord, now = new Date()): CaseView {
  return {
    number: record.number,
    subject: record.subject,
    status: record.status,
    priority: record.priority,
    typeId: record.typeId,
    typeName: record.typeName,
    source: record.source,
    memberId: record.memberId,
    memberName: record.memberName,
    contactName: record.contactName,
    contactEmail: record.contactEmail,
    siteName: record.siteName ?? null,
    assigneeId: record.assigneeId,
    assigneeName: record.assigneeName,
    deadline: record.deadline,
    sla: slaStateOf(record, now),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

const memberCaseView = (record: CaseRecord): MemberCaseView => ({
  number: record.number,
  subject: record.subject,
  status: record.status,
  typeName: record.typeName,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

const entryView = (entry: EntryRecord): ThreadEntry => ({ ...entry });

async function detail(number: number): Promise<CaseDetail> {
  const found = await readCase(number);
  if (!found) throw caseNotFound();
  return { case: caseView(found.record), thread: found.entries.map(entryView) };
}

const caseNotFound = () => new NotFoundError('There is no such case.', 'case_not_found');

// ---- types --------------------------------------------------------------------------------------------------------

/** The company's types, with the default type while the admin has not replaced it. */
async function allTypes(): Promise<CaseType[]> {
  const stored = await listCaseTypes();
  return stored.some((type) => type.id === DEFAULT_CASE_TYPE.id) ? stored : [DEFAULT_CASE_TYPE, ...stored];
}

export const caseTypes = allTypes;

export async function activeTypeNames() {
  return (await allTypes()).filter((type) => type.active).map(({ id, names }) => ({ id, names }));
}

export async function saveCaseType(id: string, input: CaseTypeInput): Promise<CaseType> {
  const type: CaseType = { id, ...input };
  await putCaseType(type);
  return type;
}

const typeById = async (id: string) =>
  (await getCaseType(id)) ?? (id === DEFAULT_CASE_TYPE.id ? DEFAULT_CASE_TYPE : null);

/** The type a new case files under: the one named (it must exist and be active), or the default. */
async function typeForNewCase(typeId: string | undefined, field: string): Promise<CaseType> {
  const type = await typeById(typeId ?? DEFAULT_CASE_TYPE.id);
  if (!type || !type.active) throw fieldError(field, 'unknown_type', 'is not an active case type');
  return type;
}

const fieldError = (field: string, rule: string, message: string) =>
  new ValidationError(`${field}: ${message}`, [{ field, rule, message: `${field}: ${message}` }]);

// ---- who a case is about, who handles it --------------------------------------------------------------------------

/** The member a staff-made case is about: it must exist; support never acts on a staff account. */
async function caseMember(memberId: string, actor: Actor, field: string): Promise<Member> {
  const member = await getMember(memberId);
  if (!member) throw fieldError(field, 'not_found', 'is not a member');
  if (member.kind === 'staff' && actor.role !== 'admin') {
    throw new ForbiddenError('Support does not open cases on staff accounts.');
  }
  return member;
}

async function staffMember(id: string, field: string): Promise<Member> {
  const member = await getMember(id);
  if (!member || !isStaff(member.role)) throw fieldError(field, 'not_staff', 'is not a support or admin account');
  return member;
}

// ---- creating -----------------------------------------------------------------------------------------------------

export interface NewCase {
  source: CaseSource;
  subject: string;
  message: string;
  type: CaseType;
  priority: CasePriority;
  member: Member | null;
  contactName: string | null;
  contactEmail: string | null;
  siteName: string | null;
  language: Language;
  assignee: Member | null;
  actor: Actor;
  /** Who asked and with which key: the same scope makes one case. */
  scope: string;
  /** What was asked: the same scope with another request is a 409 (the key was reused). */
  requestHash: string;
}

/** Makes a case once per scope: `created` false when the same request made it before. */
export async function openCase(input: NewCase): Promise<{ record: CaseRecord; created: boolean }> {
  const hash = sha(input.scope);
  const existing = await existingCase(hash, input.requestHash);
  if (existing) return { record: existing, created: false };

  const now = new Date().toISOString();
  const number = await nextCaseNumber();
  const record: CaseRecord = {
    number,
    subject: input.subject,
    status: 'open',
    priority: input.priority,
    typeId: input.type.id,
    typeName: input.type.names.en,
    source: input.source,
    memberId: input.member?.id ?? null,
    memberName: input.member?.displayName ?? null,
    contactName: input.contactName ?? (input.member ? input.member.displayName : null),
    contactEmail: input.contactEmail,
    siteName: input.siteName,
    language: input.language,
    assigneeId: input.assignee?.id ?? null,
    assigneeName: input.assignee?.displayName ?? null,
    deadline: slaDeadline(now, input.type, input.priority),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const entries: EntryRecord[] = [
    entry(`${hash}:message`, 'message', now, input.actor, { body: input.message }),
    ...(input.assignee
      ? [entry(`${hash}:assignee`, 'assignee', now, input.actor, { to: input.assignee.displayName })]
      : []),
  ];
  const logActor = input.actor.id ?? input.member?.id ?? 'system';
  const log = input.member
    ? [
        memberLogWrite(input.member.id, {
          at: now,
          actorId: logActor,
          action: 'case.opened',
          detail: { number, subject: input.subject, source: input.source, type: input.type.id },
        }),
      ]
    : [];
  const outcome = await insertCase(record, entries, { hash, requestHash: input.requestHash }, log);
  if (outcome === 'duplicate') {
    const made = await existingCase(hash, input.requestHash);
    if (!made) throw new Error('a case request mark without its case');
    return { record: made, created: false };
  }
  return { record, created: true };
}

async function existingCase(hash: string, requestHash: string): Promise<CaseRecord | null> {
  const mark = await getCaseRequest(hash);
  if (!mark) return null;
  if (mark.requestHash !== requestHash) throw keyReusedError('body.idempotencyKey');
  return getCase(mark.number);
}

function entry(
  seed: string,
  kind: EntryRecord['kind'],
  at: string,
  actor: Actor,
  fields: Partial<Pick<EntryRecord, 'body' | 'from' | 'to' | 'emailTo'>>,
): EntryRecord {
  return {
    id: newEntryId(seed),
    kind,
    at,
    actorId: actor.id,
    actorName: actor.name,
    body: fields.body ?? null,
    from: fields.from ?? null,
    to: fields.to ?? null,
    emailTo: fields.emailTo ?? null,
  };
}

const requestHashOf = (value: unknown) => sha(JSON.stringify(value));

/** Support opens a case by hand. */
export async function staffOpenCase(
  input: {
    subject: string;
    message: string;
    typeId?: string | undefined;
    priority: CasePriority;
    memberId?: string | undefined;
    contactName?: string | undefined;
    contactEmail?: string | undefined;
    assigneeId?: string | undefined;
    idempotencyKey: string;
  },
  actor: Actor,
): Promise<CaseView> {
  const type = await typeForNewCase(input.typeId, 'body.typeId');
  const member = input.memberId ? await caseMember(input.memberId, actor, 'body.memberId') : null;
  const assignee = input.assigneeId ? await staffMember(input.assigneeId, 'body.assigneeId') : null;
  const { record } = await openCase({
    source: 'staff',
    subject: input.subject,
    message: input.message,
    type,
    priority: input.priority,
    member,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    siteName: null,
    language: member?.language ?? 'en',
    assignee,
    actor,
    scope: `staff:${actor.id}:${input.idempotencyKey}`,
    requestHash: requestHashOf({ ...input, idempotencyKey: undefined }),
  });
  return caseView(record);
}

/** A member's request from the portal. */
export async function memberOpenCase(
  input: { subject: string; message: string; typeId?: string | undefined; idempotencyKey: string },
  memberId: string,
): Promise<MemberCaseView> {
  const member = await getMember(memberId);
  if (!member) throw new NotFoundError('Your profile was not found.');
  const type = await typeForNewCase(input.typeId, 'body.typeId');
  const { record } = await openCase({
    source: 'portal',
    subject: input.subject,
    message: input.message,
    type,
    priority: 'normal',
    member,
    contactName: member.displayName,
    contactEmail: null,
    siteName: null,
    language: member.language,
    assignee: null,
    actor: { id: member.id, name: member.displayName, role: member.role },
    scope: `member:${member.id}:${input.idempotencyKey}`,
    requestHash: requestHashOf({ ...input, idempotencyKey: undefined }),
  });
  return memberCaseView(record);
}

/**
 * The public contact form of a join site. The same message from the same
 * address to the same site is one case (a double submit, a resend).
 */
export async function publicOpenCase(
  input: { name: string; email: string; subject: string; message: string; typeId?: string | undefined },
  site: Member,
): Promise<void> {
  const type = await typeForNewCase(input.typeId, 'body.typeId');
  const content = requestHashOf([input.email.toLowerCase(), input.subject, input.message, input.typeId ?? '']);
  await openCase({
    source: 'public',
    subject: input.subject,
    message: input.message,
    type,
    priority: 'normal',
    member: null,
    contactName: input.name,
    contactEmail: input.email.toLowerCase(),
    siteName: site.siteName ?? null,
    language: site.language,
    assignee: null,
    actor: { id: null, name: input.name, role: 'public' },
    scope: `public:${site.id}:${content}`,
    requestHash: content,
  });
}

// ---- the desk -----------------------------------------------------------------------------------------------------

export async function deskPage(query: CaseListQuery, callerId: string): Promise<Page<CaseView>> {
  if (query.number !== undefined) {
    const record = await getCase(query.number);
    return { items: record ? [caseView(record)] : [], cursor: null };
  }
  const assigneeId = query.assigneeId === 'me' ? callerId : query.assigneeId;
  // The most selective list holds the page; the other filters narrow it.
  const list: CaseList = query.memberId
    ? { by: 'member', memberId: query.memberId }
    : assigneeId
      ? { by: 'assignee', assigneeId }
      : query.status
        ? { by: 'status', status: query.status }
        : { by: 'all' };
  const filters: Record<string, string | undefined> = {
    typeId: query.typeId,
    priority: query.priority,
    status: list.by === 'status' ? undefined : query.status,
    assigneeId: list.by === 'member' ? assigneeId : undefined,
  };
  const page = await listCasesPage({
    list,
    filters,
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    newestFirst: query.order === 'newest',
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = new Date();
  return { items: page.items.map((record) => caseView(record, now)), cursor: page.cursor };
}

export async function deskStats(): Promise<CaseStats> {
  const now = new Date();
  const nowIso = now.toISOString();
  const soon = new Date(now.getTime() + ABOUT_TO_EXPIRE_HOURS * 3_600_000).toISOString();
  const [byStatus, expired, aboutToExpire] = await Promise.all([
    statusCounts(),
    countActiveDue('0', nowIso),
    countActiveDue(nowIso, soon),
  ]);
  return { byStatus, expired, aboutToExpire, asOf: nowIso };
}

export const caseDetail = detail;

/** Applies a change of status, priority, type or assignee to the version read. */
export async function changeCase(number: number, change: CaseChange, actor: Actor): Promise<CaseDetail> {
  const current = await getCase(number);
  if (!current) throw caseNotFound();
  if (current.version !== change.version) throw staleVersionError('Someone else changed this case. Reload it.');
  const now = new Date().toISOString();
  const next: CaseRecord = { ...current, updatedAt: now, version: current.version + 1 };
  const entries: EntryRecord[] = [];
  const seed = `${number}:${current.version}`;
  const changed = (kind: EntryRecord['kind'], from: string | null, to: string | null) =>
    entries.push(entry(`${seed}:${kind}`, kind, now, actor, { from, to }));

  if (change.status !== undefined && change.status !== current.status) {
    next.status = change.status;
    changed('status', current.status, change.status);
  }
  let type: CaseType | null = null;
  if (change.typeId !== undefined && change.typeId !== current.typeId) {
    type = await typeById(change.typeId);
    if (!type || !type.active) throw fieldError('body.typeId', 'unknown_type', 'is not an active case type');
    next.typeId = type.id;
    next.typeName = type.names.en;
    changed('type', current.typeName, type.names.en);
  }
  if (change.priority !== undefined && change.priority !== current.priority) {
    next.priority = change.priority;
    changed('priority', current.priority, change.priority);
  }
  if (change.assigneeId !== undefined && change.assigneeId !== current.assigneeId) {
    const assignee = change.assigneeId ? await staffMember(change.assigneeId, 'body.assigneeId') : null;
    next.assigneeId = assignee?.id ?? null;
    next.assigneeName = assignee?.displayName ?? null;
    changed('assignee', current.assigneeName, next.assigneeName);
  }
  if (entries.length === 0) return detail(number);
  if (next.typeId !== current.typeId || next.priority !== current.priority) {
    // The deadline follows the new type and priority, counted from the case's creation.
    type ??= (await typeById(next.typeId)) ?? DEFAULT_CASE_TYPE;
    next.deadline = slaDeadline(current.createdAt, type, next.priority);
  }
  const log = current.memberId
    ? [
        memberLogWrite(current.memberId, {
          at: now,
          actorId: actor.id ?? 'system',
          action: 'case.changed',
          detail: {
            number,
            changes: entries.map(({ kind, from, to }) => ({ field: kind, from, to })),
          },
        }),
      ]
    : [];
  const outcome = await saveCase(current, next, entries, null, log);
  if (outcome !== 'saved') throw staleVersionError('Someone else changed this case. Reload it.');
  return detail(number);
}

type EntryWriter = 'note' | 'reply' | 'member_reply';

/**
 * A note, a reply or the member's reply: one new entry on the case's next
 * version, once per idempotency key. A reply is mailed (its mail id is its
 * entry's, so a repeat never mails twice); a member's reply puts a case
 * waiting on it (or resolved) back in support's queue.
 */
async function addEntry(
  number: number,
  kind: EntryWriter,
  input: { body: string; idempotencyKey: string },
  actor: Actor,
  ownerId: string | null,
): Promise<CaseRecord> {
  const hash = sha(`${kind}:${number}:${actor.id}:${input.idempotencyKey}`);
  const requestHash = requestHashOf([number, input.body]);
  const entryId = newEntryId(`${hash}:entry`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const mark = await getCaseRequest(hash);
    if (mark) {
      if (mark.requestHash !== requestHash) throw keyReusedError('body.idempotencyKey');
      const record = (await getCase(number))!;
      if (kind === 'reply') await mailReply(record, entryId, input.body);
      return record;
    }
    const current = await getCase(number);
    if (!current || (ownerId !== null && current.memberId !== ownerId)) throw caseNotFound();
    if (kind === 'member_reply' && current.status === 'closed') {
      throw new RuleError('case_closed', 'This case is closed. Open a new request instead.');
    }
    const now = new Date().toISOString();
    const emailTo = kind === 'reply' ? await replyAddress(current) : null;
    const next: CaseRecord = { ...current, updatedAt: now, version: current.version + 1 };
    const entries = [entry(`${hash}:entry`, kind, now, actor, { body: input.body, emailTo })];
    if (kind === 'member_reply' && (current.status === 'waiting_on_member' || current.status === 'resolved')) {
      next.status = 'open';
      entries.push(entry(`${hash}:status`, 'status', now, actor, { from: current.status, to: 'open' }));
    }
    const log =
      current.memberId && kind !== 'member_reply'
        ? [
            memberLogWrite(current.memberId, {
              at: now,
              actorId: actor.id ?? 'system',
              action: kind === 'reply' ? 'case.replied' : 'case.noted',
              detail: { number, ...(emailTo ? { emailTo } : {}) },
            }),
          ]
        : [];
    const outcome = await saveCase(current, next, entries, { hash, requestHash, entryId }, log);
    if (outcome === 'stale') continue; // Changed meanwhile: read it again and add the entry to the new version.
    if (outcome === 'duplicate') continue; // Made by a parallel copy of this request: answer as a repeat.
    if (kind === 'reply') await mailReply(next, entryId, input.body);
    return next;
  }
  throw staleVersionError('The case is changing too fast; try again.');
}

async function replyAddress(record: CaseRecord): Promise<string> {
  if (record.memberId) {
    const member = await getMember(record.memberId);
    if (member?.email) return member.email;
  }
  if (record.contactEmail) return record.contactEmail;
  throw new RuleError('no_address', 'This case has no member or contact email to reply to.');
}

/** Queues the reply's mail under its entry's id: the email consumer sends an id once. */
async function mailReply(record: CaseRecord, entryId: string, body: string) {
  const to = await replyAddress(record);
  const app = env.appUrl().replace(/\/$/, '');
  const mail = caseReplyEmail({
    to,
    number: record.number,
    subject: record.subject,
    body,
    language: record.language,
    caseUrl: record.memberId ? `${app}/help/${record.number}` : null,
  });
  await sendEmails([{ id: `case-${record.number}-${entryId}`, kind: 'notice', ...mail }]);
}

export async function addNote(number: number, input: { body: string; idempotencyKey: string }, actor: Actor) {
  await addEntry(number, 'note', input, actor, null);
  return detail(number);
}

export async function replyToMember(number: number, input: { body: string; idempotencyKey: string }, actor: Actor) {
  await addEntry(number, 'reply', input, actor, null);
  return detail(number);
}

// ---- the member's own cases ---------------------------------------------------------------------------------------

export async function myCasesPage(memberId: string, limit: number, cursor?: string): Promise<Page<MemberCaseView>> {
  const page = await listCasesPage({
    list: { by: 'member', memberId },
    filters: {},
    newestFirst: true,
    limit,
    ...(cursor ? { cursor } : {}),
  });
  return { items: page.items.map(memberCaseView), cursor: page.cursor };
}

/** The member's own case, as it sees it: no internal notes or reassignments, support's people as "support". */
export async function myCase(number: number, memberId: string) {
  const found = await readCase(number);
  if (!found || found.record.memberId !== memberId) throw caseNotFound();
  return {
    case: memberCaseView(found.record),
    thread: found.entries
      .filter((e) => MEMBER_VISIBLE_KINDS.includes(e.kind))
      .map((e) => ({ ...entryView(e), ...(e.actorId === memberId ? {} : { actorId: null, actorName: null }) })),
  };
}

export async function memberReply(number: number, input: { body: string; idempotencyKey: string }, actor: Actor) {
  await addEntry(number, 'member_reply', input, actor, actor.id);
  return myCase(number, actor.id!);
}

// ---- the import ---------------------------------------------------------------------------------------------------

/** Rows imported this many at a time. */
const IMPORT_CONCURRENCY = 8;

/**
 * Imports a CSV file: every row is checked (the file's shape, then what the
 * table knows: the type, the member). With any error nothing is imported,
 * unless the agent asked for the valid rows. Each row is a case once: its
 * mark is keyed by its content, so the same file imported twice, or a
 * corrected file with the same good rows, makes no case twice.
 */
export async function importCases(csv: string, importValidRows: boolean, actor: Actor): Promise<ImportReport> {
  const checked = checkImportFile(csv);
  const errors: ImportRowError[] = [...checked.errors];
  const types = new Map((await allTypes()).map((type) => [type.id, type]));
  const members = new Map<string, Member | null>();
  const ready: { row: ImportRow; type: CaseType; member: Member | null }[] = [];
  for (const row of checked.valid) {
    const rowErrors: ImportRowError[] = [];
    const type = types.get(row.typeId ?? DEFAULT_CASE_TYPE.id);
    if (!type || !type.active) rowErrors.push({ row: row.row, field: 'type', message: 'is not an active case type' });
    let member: Member | null = null;
    if (row.memberId) {
      if (!members.has(row.memberId)) members.set(row.memberId, await getMember(row.memberId));
      member = members.get(row.memberId) ?? null;
      if (!member) rowErrors.push({ row: row.row, field: 'member_id', message: 'is not a member' });
      else if (member.kind === 'staff') {
        rowErrors.push({ row: row.row, field: 'member_id', message: 'is a staff account' });
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else ready.push({ row, type: type!, member });
  }
  errors.sort((a, b) => a.row - b.row);
  const report = { rows: checked.rows, validRows: ready.length, errors, imported: 0, alreadyImported: 0 };
  if (errors.length > 0 && (!importValidRows || ready.length === 0)) {
    return { ...report, numbers: [], outcome: 'has_errors' };
  }
  const numbers: number[] = [];
  for (let i = 0; i < ready.length; i += IMPORT_CONCURRENCY) {
    const results = await Promise.all(
      ready.slice(i, i + IMPORT_CONCURRENCY).map(({ row, type, member }) => {
        const content = rowContent(row);
        return openCase({
          source: 'import',
          subject: row.subject,
          message: row.message,
          type,
          priority: row.priority,
          member,
          contactName: row.contactName ?? null,
          contactEmail: row.contactEmail?.toLowerCase() ?? null,
          siteName: null,
          language: member?.language ?? 'en',
          assignee: null,
          actor,
          scope: `import:${content}`,
          requestHash: sha(content),
        });
      }),
    );
    for (const { record, created } of results) {
      numbers.push(record.number);
      if (created) report.imported++;
      else report.alreadyImported++;
    }
  }
  return { ...report, numbers, outcome: 'imported' };
}
