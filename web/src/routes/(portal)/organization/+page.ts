import { redirect } from '@sveltejs/kit';

/** The section opens on the tree; whose organization (`of`) carries over as the tree's top. */
export function load({ url }) {
  const of = url.searchParams.get('of');
  redirect(307, of ? `/organization/tree?top=${encodeURIComponent(of)}` : '/organization/tree');
}
