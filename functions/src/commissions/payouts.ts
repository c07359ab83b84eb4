import type { Period } from '@arbor/shared/commissions/records';
import { decryptField } from '../lib/field-crypto.js';
import { getCompanySettings } from '../company/repository.js';
import { getMembers } from '../members/repository.js';
import { payoutCurrency } from './periods.js';
import { balancesOf, payOut } from './repository/balances.js';
import { earnersOf } from './repository/partner-periods.js';

export interface Payee {
  memberId: string;
  name: string;
  email: string;
  periodEarnings: number;
  balance: number;
  pay: boolean;
}

/**
 * Who is owed what after a finalized period: everyone the period paid, with
 * its balance (earlier carry-forward included). Balances under the payout
 * minimum carry forward to the next payout.
 */
export async function payees(period: Period): Promise<Payee[]> {
  const settings = await getCompanySettings();
  const minimum = settings?.payoutMinimum.amount ?? 1000;
  const earned = await earnersOf(period);
  const ids = earned.map((e) => e.memberId);
  const [balanceOf, members] = await Promise.all([balancesOf(ids), getMembers(ids)]);
  const memberOf = new Map(members.map((m) => [m.id, m]));
  return earned.map(({ memberId, total }) => {
    const balance = balanceOf.get(memberId) ?? 0;
    const member = memberOf.get(memberId);
    return {
      memberId,
      name: member?.displayName ?? '',
      email: member?.email ?? '',
      periodEarnings: total,
      balance,
      pay: balance >= minimum,
    };
  });
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@\t]/.test(text)
    ? `"${(/^[=+\-@\t]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`
    : text;
};
const decimal = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * The payout batch as CSV for the bank: full account numbers appear here only
 * (decrypted for the export), everywhere else they are masked. Members
 * without bank details are listed so someone can follow up.
 */
export async function payoutCsv(period: Period): Promise<string> {
  const list = await payees(period);
  const currency = await payoutCurrency();
  const members = new Map((await getMembers(list.map((p) => p.memberId))).map((m) => [m.id, m]));
  const rows = [
    [
      'member_id',
      'name',
      'email',
      'period_earnings',
      'balance',
      'currency',
      'action',
      'account_holder',
      'bank',
      'routing_number',
      'account_number',
    ],
  ];
  for (const payee of list) {
    const deposit = members.get(payee.memberId)?.directDeposit;
    const routing =
      deposit && payee.pay
        ? await decryptField(deposit.routingNumber, { memberId: payee.memberId, field: 'routingNumber' })
        : '';
    const account =
      deposit && payee.pay
        ? await decryptField(deposit.accountNumber, { memberId: payee.memberId, field: 'accountNumber' })
        : '';
    rows.push([
      payee.memberId,
      payee.name,
      payee.email,
      decimal(payee.periodEarnings),
      decimal(payee.balance),
      currency,
      payee.pay ? (deposit ? 'pay' : 'pay_missing_bank_details') : 'carry_forward',
      deposit?.holder ?? '',
      deposit?.bankName ?? '',
      routing,
      account,
    ]);
  }
  return `\ufeff${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** After the bank has paid: what was paid leaves the balances (once per period), and the period is paid. */
export async function markPaid(period: Period): Promise<number> {
  let paid = 0;
  for (const payee of await payees(period)) {
    if (!payee.pay) continue;
    if (await payOut(payee.memberId, period.id, payee.balance)) paid++;
  }
  return paid;
}
