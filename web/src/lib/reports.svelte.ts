/**
 * What the team reports share: a CursorPager over a team report of the API, the columns of a
 * team row, and sorting. Columns the API can order by (`serverSorts`: the unilevel team by level
 * or join date) sort the whole report, page after page; a click on another header sorts the page
 * shown, and an export fetches every page and sorts all rows, so the file is in the order asked for.
 */
import { call } from './api';
import { levelName } from './company';
import { intlLocale } from './format';
import type { TeamRow } from './genealogy';
import { t } from './i18n/index.svelte';
import { rankLabel } from './i18n/names';
import { CursorPager } from './paging.svelte';
import { sortRows, type Column, type ExportProvider, type ServerPaging, type SortState } from './table';
import type { MembershipLevel } from '@arbor/shared/company';
import type { TeamQuery } from '@arbor/shared/genealogy/requests';

export function sortPage<Row>(rows: Row[], sort: SortState | null, columns: readonly Column<Row>[]): Row[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  return sort && column ? sortRows(rows, column, sort.direction, intlLocale()) : rows;
}

/** The team reports that answer pages of team rows. */
export type TeamReportId =
  'genealogy.teamUnilevel' | 'genealogy.teamEnrolled' | 'genealogy.teamCustomers' | 'genealogy.teamNew';
/** Column key -> the order the API sorts the whole report in for it. */
export type ServerSorts = Readonly<Record<string, TeamQuery['sort']>>;

export interface ReportOptions {
  report: TeamReportId;
  /** Whose team (read at each request); the caller's when null. */
  of?: () => string | null;
  columns: () => readonly Column<TeamRow>[];
  pageSize?: number;
  /** Send the search box as `q` (the API ignores it on most reports). */
  search?: boolean;
  /** Columns the API sorts the whole report by. */
  serverSorts?: ServerSorts;
}

/** Whether the server orders the report by this sort (so no page needs sorting after it). */
export const sortedByServer = (sort: SortState | null, serverSorts: ServerSorts = {}) =>
  sort !== null && sort.key in serverSorts;

/** A pager over a team report; select filters go out as parameters named by their column key. */
export function teamReport(options: ReportOptions) {
  const pager = new CursorPager<TeamRow>(
    async ({ cursor, limit, sort, filter, signal }) => {
      const q = filter.query.trim();
      const selects = Object.fromEntries(Object.entries(filter.selects).filter(([, value]) => value !== ''));
      const page = await call(options.report, {
        query: {
          of: options.of?.() ?? undefined,
          ...selects,
          ...(options.search && q.length >= 2 ? { q } : {}),
          ...(sort && sortedByServer(sort, options.serverSorts)
            ? { sort: options.serverSorts![sort.key], dir: sort.direction }
            : {}),
          limit,
          cursor: cursor ?? undefined,
        },
        signal,
      });
      // The unilevel team is the owner's whole placement downline: its size is the row count, unfiltered.
      const unfiltered = Object.keys(selects).length === 0 && !(options.search && q.length >= 2);
      return {
        items: sortedByServer(sort, options.serverSorts) ? page.items : sortPage(page.items, sort, options.columns()),
        cursor: page.cursor,
        total: unfiltered && 'owner' in page ? page.owner.teamSize : null,
      };
    },
    { pageSize: options.pageSize ?? 25, exportPageSize: 500 },
  );
  const exportRows: ExportProvider<TeamRow> = async (progress, signal) => {
    const rows = await pager.exportAll(progress, signal);
    return sortedByServer(pager.sort, options.serverSorts) ? rows : sortPage(rows, pager.sort, options.columns());
  };
  const server = serverPaging(pager, {
    get filter() {
      return options.search === true;
    },
  });
  return { pager, exportRows, server };
}

/**
 * The pager as DataTable's `server` prop, leaving out what an endpoint cannot do: without
 * `onFilter` the table hides its search box (select filters of a column still need it).
 */
export function serverPaging<Row>(pager: CursorPager<Row>, can: { filter?: boolean | undefined }): ServerPaging {
  return {
    get hasMore() {
      return pager.hasMore;
    },
    get hasPrevious() {
      return pager.hasPrevious;
    },
    get pageIndex() {
      return pager.pageIndex;
    },
    get total() {
      return pager.total;
    },
    onNext: pager.onNext,
    onPrevious: pager.onPrevious,
    onSort: pager.onSort,
    onPageSize: pager.onPageSize,
    get onFilter() {
      return can.filter ? pager.onFilter : undefined;
    },
  };
}

export type TeamColumnKey =
  | 'name'
  | 'id'
  | 'level'
  | 'paidRank'
  | 'highestRank'
  | 'pv'
  | 'gv'
  | 'autoshipPv'
  | 'status'
  | 'joinedAt'
  | 'email'
  | 'phone'
  | 'region'
  | 'market'
  | 'membershipLevel'
  | 'teamSize'
  | 'sponsorId'
  | 'hasOrdered';

/** Column definitions of a team row, in the order asked for; labels follow the language. */
export function teamColumns(
  keys: readonly TeamColumnKey[],
  levels: readonly MembershipLevel[],
  options: { levelFilter?: number } = {},
): Column<TeamRow>[] {
  const all: Record<TeamColumnKey, Column<TeamRow>> = {
    name: { key: 'name', label: t('team.col.name'), value: (r) => r.name, width: 28 },
    id: { key: 'id', label: t('team.col.id'), value: (r) => r.id, sortValue: (r) => Number(r.id), width: 10 },
    level: {
      key: 'level',
      label: t('team.col.level'),
      type: 'number',
      value: (r) => r.level,
      searchable: false,
      ...(options.levelFilter
        ? {
            filter: Array.from({ length: options.levelFilter }, (_, i) => ({
              value: String(i + 1),
              label: String(i + 1),
            })),
          }
        : {}),
    },
    paidRank: {
      key: 'paidRank',
      label: t('team.col.paidRank'),
      value: (r) => r.rankName,
      text: (r) => rankLabel(r.rankName),
      sortValue: (r) => (r.kind === 'partner' ? r.paidRank : null),
    },
    highestRank: {
      key: 'highestRank',
      label: t('team.col.highestRank'),
      value: (r) => r.highestRankName,
      text: (r) => rankLabel(r.highestRankName),
      sortValue: (r) => (r.kind === 'partner' ? r.highestRank : null),
    },
    pv: { key: 'pv', label: t('team.col.pv'), type: 'number', value: (r) => r.pv },
    gv: { key: 'gv', label: t('team.col.gv'), type: 'number', value: (r) => r.gv },
    autoshipPv: { key: 'autoshipPv', label: t('team.col.autoshipPv'), type: 'number', value: (r) => r.autoshipPv },
    status: {
      key: 'status',
      label: t('team.col.status'),
      value: (r) => r.status,
      text: (r) => t(`status.${r.status}`),
    },
    joinedAt: { key: 'joinedAt', label: t('team.col.joinedAt'), type: 'date', value: (r) => r.joinedAt },
    email: { key: 'email', label: t('team.col.email'), value: (r) => r.email, width: 30 },
    phone: { key: 'phone', label: t('team.col.phone'), value: (r) => r.phone, width: 16 },
    region: { key: 'region', label: t('team.col.region'), value: (r) => r.region, width: 10 },
    market: { key: 'market', label: t('team.col.market'), value: (r) => r.market, width: 8 },
    membershipLevel: {
      key: 'membershipLevel',
      label: t('team.col.membershipLevel'),
      value: (r) => r.membershipLevel,
      text: (r) => levelName(levels, r.membershipLevel),
    },
    teamSize: { key: 'teamSize', label: t('team.col.teamSize'), type: 'number', value: (r) => r.teamSize },
    sponsorId: {
      key: 'sponsorId',
      label: t('team.col.sponsorId'),
      value: (r) => r.sponsorId,
      sortValue: (r) => (r.sponsorId ? Number(r.sponsorId) : null),
    },
    hasOrdered: {
      key: 'hasOrdered',
      label: t('team.col.hasOrdered'),
      value: (r) => (r.hasOrdered ? 'yes' : 'no'),
      text: (r) => (r.hasOrdered ? t('customers.ordered') : t('customers.neverOrdered')),
    },
  };
  return keys.map((key) => all[key]);
}
