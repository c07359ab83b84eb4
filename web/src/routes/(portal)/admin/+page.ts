import { redirect } from '@sveltejs/kit';

/** The admin section opens on the commission periods. */
export function load() {
  redirect(307, '/admin/periods');
}
