import { renderMarkdown } from '@arbor/shared/comms/render';
import { imageUrl, signedUrl } from '../lib/uploads.js';

/** How long a link to an article image lasts: long enough to read the page. */
const IMAGE_LINK_SECONDS = 3600;

/** An uploaded article image referenced from Markdown: `![alt](news/articles/<id>)`. */
const UPLOADED_IMAGE = /\]\((news\/articles\/[0-9a-f-]{36})\)/g;

/**
 * A Markdown body as HTML, its uploaded images as short-lived links (the
 * uploads bucket is private). markdown-it takes no raw HTML and no script
 * links (shared/src/comms/render.ts), so the web may show the result as it is.
 */
export async function bodyHtml(markdown: string): Promise<string> {
  const uploads = [...new Set([...markdown.matchAll(UPLOADED_IMAGE)].map((match) => match[1] as string))];
  const links = new Map(
    await Promise.all(uploads.map(async (key) => [key, await signedUrl(key, IMAGE_LINK_SECONDS)] as const)),
  );
  return renderMarkdown(markdown.replace(UPLOADED_IMAGE, (whole, key: string) => `](${links.get(key) ?? key})`));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const SUMMARY_LENGTH = 220;

/** The start of a Markdown body as plain text (for lists): no formatting, no images, cut at a word. */
export function summaryOf(markdown: string): string {
  const text = renderMarkdown(markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, ''))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= SUMMARY_LENGTH) return text;
  const cut = text.slice(0, SUMMARY_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_LENGTH / 2)).trimEnd()}…`;
}

/** A link to an article's cover image, if it has one. */
export const coverUrl = (imageKey: string | null) => (imageKey ? imageUrl(imageKey) : Promise.resolve(null));
