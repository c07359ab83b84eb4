/**
 * The signed-in member's own profile as the account page edits it. Every save sends the version
 * that was read; a 409 `version_conflict` means someone else (another tab, support) changed the
 * profile since, and nothing is written until the member reloads and applies the change again.
 */
import { ProfileUpdateBody } from '@arbor/shared/members/requests';
import { ApiError, call } from './api';
import { zodFieldErrors, type FieldErrors } from './forms';
import type { MemberView } from './genealogy';
import { i18n } from './i18n/index.svelte';
import { session } from './session.svelte';

/** `profileView` as the member itself reads it (with the private part). */
export type OwnProfile = Extract<MemberView, { documentCount: number }>;

/** The member reading its own profile always gets the full view. */
function own(member: MemberView): OwnProfile {
  if (!('documentCount' in member)) throw new Error('the own profile came without its private part');
  return member;
}

export type ProfileChanges = Omit<ProfileUpdateBody, 'version'>;

export class ProfileStore {
  profile = $state<OwnProfile | null>(null);
  /** Bumped when the profile is (re)loaded: the sections reset their drafts from it. */
  generation = $state(0);
  conflict = $state(false);
  failed = $state(false);

  async load(): Promise<void> {
    try {
      const answer = await call('members.getMember', { params: { id: 'me' } });
      this.profile = own(answer.member);
      this.conflict = false;
      this.failed = false;
      this.generation++;
    } catch {
      this.failed = true;
    }
  }

  /** PATCH with the version read; the answer becomes the profile (the drafts of other sections stay). */
  async save(changes: ProfileChanges): Promise<void> {
    const current = this.profile;
    if (!current) return;
    try {
      const answer = await call('members.updateMember', {
        params: { id: 'me' },
        body: { version: current.version, ...changes },
      });
      const saved = own(answer.member);
      this.profile = saved;
      this.#syncSession(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') this.conflict = true;
      throw error;
    }
  }

  async setTaxId(taxId: string): Promise<void> {
    const answer = await call('members.setTaxId', { params: { id: 'me' }, body: { taxId } });
    if (this.profile) {
      this.profile.taxId = answer.taxId;
      this.profile.version = answer.version;
    }
  }

  /** The header shows the name; the app follows the saved language. */
  #syncSession(profile: OwnProfile) {
    const member = session.me?.member;
    if (!member) return;
    if (member.language !== profile.language) i18n.set(profile.language);
    Object.assign(member, {
      displayName: profile.displayName,
      username: profile.username,
      email: profile.email,
      language: profile.language,
    });
  }
}

/** The shared schema's verdict on a section's changes (the version is the store's business). */
export function validateChanges(changes: ProfileChanges): FieldErrors {
  const parsed = ProfileUpdateBody.safeParse({ version: 1, ...changes });
  return parsed.success ? {} : zodFieldErrors(parsed.error);
}
