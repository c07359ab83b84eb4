import type { MemberSummary } from '@arbor/shared/members/model';
import { api, ApiError } from './api';
import { i18n } from './i18n/index.svelte';

export interface Me {
  member: MemberSummary & { rankName: string; highestRankName: string };
  session: { readOnly: boolean; impersonatedBy: string | null };
}

/** The signed-in member, shared by the shell and the pages. */
export const session = $state<{ me: Me | null; loaded: boolean }>({ me: null, loaded: false });

export async function loadSession(): Promise<Me | null> {
  try {
    session.me = await api<Me>('/auth/me');
    if (!i18n.hasExplicitChoice()) i18n.set(session.me.member.language, false);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session.me = null;
  } finally {
    session.loaded = true;
  }
  return session.me;
}

export async function signOut(): Promise<void> {
  await api('/auth/sign-out', { method: 'POST' }).catch(() => undefined);
  session.me = null;
}
