import { ApiError, call, type Response } from './api';
import { i18n } from './i18n/index.svelte';

export type Me = Response<'auth.me'>;

/** The signed-in member, shared by the shell and the pages. */
export const session = $state<{ me: Me | null; loaded: boolean }>({ me: null, loaded: false });

export async function loadSession(): Promise<Me | null> {
  try {
    const me = await call('auth.me');
    // The shell's first paint is in the member's language: its words load before the member is set.
    if (!i18n.hasExplicitChoice()) await i18n.set(me.member.language, false).catch(() => undefined);
    session.me = me;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session.me = null;
  } finally {
    session.loaded = true;
  }
  return session.me;
}

export async function signOut(): Promise<void> {
  await call('auth.signOut').catch(() => undefined);
  session.me = null;
}
