/**
 * Merge fields: `{{firstName}}` in a template's subject or body becomes the
 * recipient's first name when the mail is rendered. The list is closed: a
 * template or a partner's text naming any other field is refused when it is
 * saved or sent (the error names the field), never rendered as a blank.
 */

/** Every merge field, with what it stands for (the admin's template editor lists them). */
export const MERGE_FIELDS = {
  firstName: "the recipient's first name",
  lastName: "the recipient's last name",
  fullName: "the recipient's full name",
  rank: "the recipient's paid rank",
  senderName: "the sender's name (the partner, or the company for an announcement)",
  senderEmail: "the sender's email address",
  senderPhone: "the sender's phone number",
  siteLink: "the sender's personal site (its join page), or the company's site",
  companyName: "the company's name",
  message: "the partner's own text (templates only: where it goes in the template's body)",
} as const;

export type MergeField = keyof typeof MERGE_FIELDS;
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeField[];

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{name}}` a text uses, in order of first use. */
export function mergeFieldsIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(FIELD)) names.add(match[1]!);
  return [...names];
}

/**
 * The merge fields a text uses that are not allowed: unknown ones, and any in
 * `forbidden` (a partner's own text cannot hold `{{message}}`). Empty when the text is fine.
 */
export function unknownMergeFields(text: string, forbidden: readonly MergeField[] = []): string[] {
  return mergeFieldsIn(text).filter((name) => !(name in MERGE_FIELDS) || forbidden.includes(name as MergeField));
}

export type MergeValues = Partial<Record<MergeField, string>>;

/**
 * Replaces every known merge field with its value (a field without a value
 * becomes empty); `escape` is applied to each value, e.g. for HTML.
 */
export function applyMergeFields(text: string, values: MergeValues, escape: (value: string) => string = (v) => v) {
  return text.replace(FIELD, (whole, name: string) =>
    name in MERGE_FIELDS ? escape(values[name as MergeField] ?? '') : whole,
  );
}
