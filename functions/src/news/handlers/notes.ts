import { newsApi } from '@arbor/shared/api/news';
import { noContent, route } from '../../lib/http.js';
import { createNote, notesPage, readerOf, removeNote, updateNote } from '../service.js';

export const listMyNotes = route(newsApi.listMyNotes, async ({ principal, query }) =>
  notesPage(principal.memberId, query.limit, query.cursor),
);

export const createNoteHandler = route(newsApi.createNote, async ({ body, principal }) => ({
  note: await createNote(body, (await readerOf(principal)).member),
}));

/** Only the author's own notes: anyone else's is a 404. */
export const updateNoteHandler = route(newsApi.updateNote, async ({ params, body, principal }) => ({
  note: await updateNote(params.id, body, (await readerOf(principal)).member),
}));

export const deleteNote = route(newsApi.deleteNote, async ({ params, principal }) => {
  await removeNote(params.id, principal.memberId);
  return noContent();
});
