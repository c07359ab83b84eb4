import { z } from 'zod';
import {
  CaseChange,
  CaseDetail,
  CaseListQuery,
  CaseNumber,
  CaseStats,
  CaseType,
  CaseTypeId,
  CaseTypeInput,
  CaseView,
  EntryInput,
  ImportInput,
  ImportReport,
  MemberCaseDetail,
  MemberCaseInput,
  MemberCaseView,
  PublicContactInput,
  StaffCaseInput,
} from '../cases/model.js';
import { SiteName } from '../members/requests.js';
import { PageQuery, pageOf } from '../paging.js';
import { ADMIN, STAFF, endpoint } from './endpoint.js';

/** Members who file and follow their own cases in the portal (staff use the desk). */
const MEMBERS = ['customer', 'partner'] as const;

const ByNumber = z.object({ number: CaseNumber });
const CaseAnswer = z.object({ case: CaseView });
const MemberCasesQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** The support case desk (docs/cases.md): contact forms, the staff desk, case types with their SLA, the import. */
export const casesApi = {
  listCaseTypes: endpoint({
    auth: 'public',
    summary: 'The active case types a contact form offers (names only).',
    response: z.object({
      items: z.array(z.object({ id: z.string(), names: z.object({ en: z.string(), es: z.string() }) })),
    }),
  }),
  adminListCaseTypes: endpoint({
    auth: STAFF,
    summary: 'Every case type with its SLA hours per priority, active or not.',
    response: z.object({ items: z.array(CaseType) }),
  }),
  adminPutCaseType: endpoint({
    auth: ADMIN,
    summary: 'Create or replace a case type: its names and SLA hours per priority (open cases keep their deadline).',
    params: z.object({ id: CaseTypeId }),
    body: CaseTypeInput,
    response: z.object({ type: CaseType }),
  }),
  contactUs: endpoint({
    auth: 'public',
    summary:
      'The public contact form of a join site: opens a case for the name and email given (rate limited per address and network).',
    description:
      'Answers 202 whether or not a case was opened: a request with the hidden `website` field filled (a bot) stores nothing. The same message from the same address again opens no second case.',
    params: z.object({ siteName: SiteName }),
    body: PublicContactInput,
    response: z.object({ received: z.literal(true) }),
    status: 202,
  }),
  listMyCases: endpoint({
    auth: MEMBERS,
    summary: "The caller's own cases, newest first.",
    query: MemberCasesQuery,
    response: pageOf(MemberCaseView),
  }),
  createMyCase: endpoint({
    auth: MEMBERS,
    summary: 'A request to support from the portal; the same idempotencyKey again answers the same case.',
    body: MemberCaseInput,
    response: z.object({ case: MemberCaseView }),
    status: 201,
  }),
  getMyCase: endpoint({
    auth: MEMBERS,
    summary: "One of the caller's cases with its thread (support's internal notes left out); anyone else's is a 404.",
    params: ByNumber,
    response: MemberCaseDetail,
  }),
  replyMyCase: endpoint({
    auth: MEMBERS,
    summary: "The member's reply on its own case (a case waiting on the member goes back to support).",
    params: ByNumber,
    body: EntryInput,
    response: MemberCaseDetail,
    status: 201,
  }),
  listCases: endpoint({
    auth: STAFF,
    summary: 'The case desk: filter by status, type, priority, assignee, member, number and creation dates, paged.',
    query: CaseListQuery,
    response: pageOf(CaseView),
  }),
  caseStats: endpoint({
    auth: STAFF,
    summary: 'Cases by status, and active cases past their SLA deadline or about to pass it.',
    response: CaseStats,
  }),
  createCase: endpoint({
    auth: STAFF,
    summary:
      'Support opens a case by hand (for a member, or a name and email); the same idempotencyKey answers the same case.',
    body: StaffCaseInput,
    response: CaseAnswer,
    status: 201,
  }),
  importCases: endpoint({
    auth: STAFF,
    summary:
      'Import cases from the CSV template: every row is checked; a file with errors imports nothing unless importValidRows.',
    description:
      'The answer lists each error by row (the header is row 1), column and message. A row imported before (same content, in this or another file) is not imported again.',
    body: ImportInput,
    response: ImportReport,
  }),
  getCase: endpoint({
    auth: STAFF,
    summary: 'A case with its whole thread: messages, notes, replies and changes.',
    params: ByNumber,
    response: CaseDetail,
  }),
  updateCase: endpoint({
    auth: STAFF,
    summary:
      'Change the status, priority, type or assignee of the version read (409 if it changed); a new type or priority recomputes the deadline.',
    params: ByNumber,
    body: CaseChange,
    response: CaseDetail,
  }),
  addNote: endpoint({
    auth: STAFF,
    summary: 'An internal note on the case (the member never sees it).',
    params: ByNumber,
    body: EntryInput,
    response: CaseDetail,
    status: 201,
  }),
  replyToMember: endpoint({
    auth: STAFF,
    summary: "An email reply to the case's member or contact: queued to send and kept in the thread.",
    params: ByNumber,
    body: EntryInput,
    response: CaseDetail,
    status: 201,
  }),
};
