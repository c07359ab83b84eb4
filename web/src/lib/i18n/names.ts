/**
 * Names a company may choose for itself, shown in the member's language when they are the
 * defaults it did not change.
 */
import { hasMessage, t } from './index.svelte';

/**
 * A rank's name as the API sends it (`rankName`, from the plan in force). The default plan's names
 * are translated (`rankName.Gold` → "Oro"); a name the company chose is shown as written, and the
 * API's "Rank 7" for a rank without a name reads "Rango 7". Keyed by name, not by rank number: a
 * company that renumbers its ranks keeps the right words, and telling the defaults apart needs no
 * copy of the default plan in the shell.
 */
export function rankLabel(name: string | null | undefined): string {
  if (!name) return '';
  const key = `rankName.${name}`;
  if (hasMessage(key)) return t(key);
  const unnamed = /^Rank (\d+)$/.exec(name);
  return unnamed ? t('rank.number', { rank: Number(unnamed[1]) }) : name;
}
