import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Period } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { INDEX } from '@arbor/shared/table';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { batchGet, isConditionFailure, queryAll } from '../lib/db.js';
import { decryptField } from '../lib/field-crypto.js';
import { getCompanySettings } from '../company/repository.js';
import { getMembers } from '../members/repository.js';
import { payoutCurrency } from './periods.js';

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
  const earned = (
    await queryAll({
      index: INDEX.earnings,
      pk: keys.earnings(period.id),
      ExpressionAttributeValues: { ':run': period.runId },
      FilterExpression: 'runId = :run',
      ProjectionExpression: 'memberId, #total',
      ExpressionAttributeNames: { '#total': 'total' },
    })
  ).map((i) => ({ memberId: i.memberId as string, total: i.total as number }));
  const ids = earned.map((e) => e.memberId);
  const [balances, members] = await Promise.all([batchGet(ids.map((id) => keys.balance(id))), getMembers(ids)]);
  const balanceOf = new Map(balances.map((b) => [String(b.PK).slice('MEMBER#'.length), Number(b.amount ?? 0)]));
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
    try {
      await db().send(
        new UpdateCommand({
          TableName: env.tableName(),
          Key: keys.balance(payee.memberId),
          UpdateExpression: 'SET amount = amount - :paid ADD paidOut :period',
          ConditionExpression: 'attribute_not_exists(paidOut) OR NOT contains(paidOut, :periodId)',
          ExpressionAttributeValues: {
            ':paid': payee.balance,
            ':period': new Set([period.id]),
            ':periodId': period.id,
          },
        }),
      );
      paid++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return paid;
}
