/**
 * The tabs of a member's account page in the support console (/support/members/[id]?tab=<id>),
 * in the order they show. Each area of the console adds its own tab here, one line each: an id for
 * the URL, a label from its dictionary, and its component (loaded when the tab is first opened; it
 * gets the member's ID). The page loads each area's words in its +page.ts, so a new tab whose
 * label or component uses a new dictionary also names that area there.
 */
import type { Component } from 'svelte';
import type { MessageKey } from '$lib/i18n/index.svelte';

export interface MemberTab {
  id: string;
  label: MessageKey;
  component: () => Promise<{ default: Component<{ memberId: string }> }>;
}

export const MEMBER_TABS: readonly MemberTab[] = [
  {
    id: 'overview',
    label: 'support.tab.overview',
    component: () => import('$lib/components/support/OverviewTab.svelte'),
  },
  {
    id: 'timeline',
    label: 'support.tab.timeline',
    component: () => import('$lib/components/support/TimelineTab.svelte'),
  },
  { id: 'calls', label: 'support.tab.calls', component: () => import('$lib/components/support/CallLogTab.svelte') },
  {
    id: 'sign-ins',
    label: 'support.tab.signIns',
    component: () => import('$lib/components/support/SignInsTab.svelte'),
  },
  { id: 'orders', label: 'support.tab.orders', component: () => import('$lib/components/support/OrdersTab.svelte') },
  { id: 'views', label: 'support.tab.views', component: () => import('$lib/components/support/ViewsTab.svelte') },
  {
    id: 'broadcasts',
    label: 'support.tab.broadcasts',
    component: () => import('$lib/components/support/BroadcastsTab.svelte'),
  },
  { id: 'cases', label: 'cases.tab', component: () => import('$lib/components/support/CasesTab.svelte') },
  {
    id: 'membership',
    label: 'toolbox.tab.membership',
    component: () => import('$lib/components/support/MembershipTab.svelte'),
  },
  {
    id: 'smart-orders',
    label: 'toolbox.tab.smartOrders',
    component: () => import('$lib/components/support/SmartOrdersTab.svelte'),
  },
  {
    id: 'commissions',
    label: 'toolbox.tab.commissions',
    component: () => import('$lib/components/support/CommissionsTab.svelte'),
  },
  { id: 'volumes', label: 'toolbox.tab.volumes', component: () => import('$lib/components/support/VolumesTab.svelte') },
  {
    id: 'genealogy',
    label: 'toolbox.tab.genealogy',
    component: () => import('$lib/components/support/GenealogyTab.svelte'),
  },
  {
    id: 'services',
    label: 'services.tab.services',
    component: () => import('$lib/components/support/ServicesTab.svelte'),
  },
  { id: 'points', label: 'services.tab.points', component: () => import('$lib/components/support/PointsTab.svelte') },
];

/** The tab a `?tab=` value names, else the first. */
export const tabOf = (id: string | null): MemberTab => MEMBER_TABS.find((tab) => tab.id === id) ?? MEMBER_TABS[0]!;
