import { casesApi } from '@arbor/shared/api/cases';
import { areaRouter } from '../area-router.js';
import { contactUs } from './handlers/contact.js';
import {
  addNoteHandler,
  caseStats,
  createCase,
  getCase,
  importCasesHandler,
  listCases,
  replyToMemberHandler,
  updateCase,
} from './handlers/desk.js';
import { createMyCase, getMyCase, listMyCases, replyMyCase } from './handlers/member.js';
import { adminListCaseTypes, adminPutCaseType, listCaseTypes } from './handlers/types.js';

export const handler = areaRouter('cases', casesApi, {
  listCaseTypes,
  adminListCaseTypes,
  adminPutCaseType,
  contactUs,
  listMyCases,
  createMyCase,
  getMyCase,
  replyMyCase,
  listCases,
  caseStats,
  createCase,
  importCases: importCasesHandler,
  getCase,
  updateCase,
  addNote: addNoteHandler,
  replyToMember: replyToMemberHandler,
});
