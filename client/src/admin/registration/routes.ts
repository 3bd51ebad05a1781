import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import type { Role } from '../../api/contracts';
import { ORGANIZER_ROLES } from '../../auth/session';

/** Who may open the competition desk (抽签, 检录, 加密) outside the organizer console. */
export const DESK_ROLES: readonly Role[] = [...ORGANIZER_ROLES, 'chief_judge', 'encryption_judge'];
const DRAW_ROLES: readonly Role[] = [...ORGANIZER_ROLES, 'chief_judge'];

const editionProps = (route: RouteLocationNormalized) => ({
  editionId: Number(route.params.id),
});

/** The pages every event of an edition has on the day; shared by /admin and /desk. */
function phaseRoutes(prefix: string): RouteRecordRaw[] {
  return [
    {
      path: 'editions/:id(\\d+)/draw',
      name: `${prefix}-draw`,
      component: () => import('./draw/DrawPage.vue'),
      props: editionProps,
      meta: { roles: DRAW_ROLES },
    },
    {
      path: 'editions/:id(\\d+)/check-in',
      name: `${prefix}-check-in`,
      component: () => import('./checkin/CheckInPage.vue'),
      props: editionProps,
      meta: { roles: DRAW_ROLES },
    },
    {
      path: 'editions/:id(\\d+)/codes',
      name: `${prefix}-codes`,
      component: () => import('./codes/CodesPage.vue'),
      props: editionProps,
    },
  ];
}

/** Children of /admin (organizers). */
export const editionRoutes: RouteRecordRaw[] = [
  {
    path: 'editions/:id(\\d+)/units',
    name: 'units',
    component: () => import('./units/UnitsPage.vue'),
    props: editionProps,
  },
  {
    path: 'editions/:id(\\d+)/entries',
    name: 'entries',
    component: () => import('./entries/EntriesPage.vue'),
    props: editionProps,
  },
  {
    path: 'editions/:id(\\d+)/import',
    name: 'import',
    component: () => import('./import/ImportWizard.vue'),
    props: editionProps,
  },
  ...phaseRoutes('admin'),
];

/** Children of /desk (chief judge, encryption judge, organizers). */
export const deskRoutes: RouteRecordRaw[] = [
  { path: '', name: 'desk', component: () => import('./DeskHome.vue') },
  ...phaseRoutes('desk'),
];
