import type { z } from 'zod';
import type { EnrollmentBody } from '../members/requests.js';

type EnrollmentRequest = z.input<typeof EnrollmentBody>;
let count = 0;

/**
 * A valid quick enrollment of a US partner in Austin (a postal code the demo
 * tax table rates), for tests and benchmarks: each call gets a fresh email.
 */
export function sampleEnrollment(overrides: Partial<EnrollmentRequest> = {}): EnrollmentRequest {
  count += 1;
  return {
    kind: 'partner',
    firstName: 'Sam',
    lastName: 'Sample',
    email: `sample.${Date.now().toString(36)}.${count}@example.com`,
    phone: '+1 555 0100',
    password: 'a long enough password',
    language: 'en',
    market: 'US',
    address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    document: { type: 'national_id', country: 'US', number: 'A1234-5678' },
    dateOfBirth: '1990-04-12',
    acceptTerms: true,
    ...overrides,
  };
}
