import { describe, expect, it } from 'vitest';
import { emailChangedEmail, maskEmail } from '../../src/email/templates.js';

describe('email changed notice', () => {
  it('goes to the old address, in the member’s language, naming the new one only masked', () => {
    const mail = emailChangedEmail('ana.old@example.com', { firstName: 'Ana', language: 'es' }, 'thief@evil.test');
    expect(mail.to).toBe('ana.old@example.com');
    expect(mail.subject).toBe('Cambió el correo de tu cuenta de Arbor');
    expect(mail.text).toContain('t•••@evil.test');
    expect(mail.text).not.toContain('thief@');
    expect(mail.html).toContain('llama a soporte');
  });

  it('masks all but the first letter of the mailbox', () => {
    expect(maskEmail('sam.sample@example.com')).toBe('s•••@example.com');
  });
});
