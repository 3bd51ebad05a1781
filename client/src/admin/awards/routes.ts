import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';

const editionProps = (route: RouteLocationNormalized) => ({
  editionId: Number(route.params.id),
});

/** Children of /admin: 成绩与奖励 (policies are global, the rest per edition). */
export const awardRoutes: RouteRecordRaw[] = [
  {
    path: 'policies',
    name: 'policies',
    component: () => import('./policies/PoliciesPage.vue'),
  },
  {
    path: 'editions/:id(\\d+)/results',
    name: 'results',
    component: () => import('./results/ResultsPage.vue'),
    props: editionProps,
  },
  {
    path: 'editions/:id(\\d+)/ledger',
    name: 'ledger',
    component: () => import('./ledger/LedgerPage.vue'),
    props: editionProps,
  },
  {
    path: 'editions/:id(\\d+)/selection',
    name: 'selection',
    component: () => import('./selection/SelectionPage.vue'),
    props: editionProps,
  },
];

/** Top level: the supervisor decides appeals on the results page without the console. */
export const reviewRoutes: RouteRecordRaw[] = [
  {
    path: '/review',
    name: 'review',
    component: () => import('./ReviewPage.vue'),
    meta: { roles: ['supervisor'] },
  },
];
