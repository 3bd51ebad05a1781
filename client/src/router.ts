import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from './api/contracts';
import { homeFor, JUDGE_ROLES, ORGANIZER_ROLES, session } from './auth/session';
import { deskRoutes, editionRoutes, DESK_ROLES } from './admin/registration/routes';
import { liveRoutes } from './live/routes';
import { awardRoutes, reviewRoutes } from './admin/awards/routes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles allowed to open the page; absent means public. */
    roles?: readonly Role[];
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/',
    redirect: () => (session.user?.role === 'chief_judge' ? '/chief' : homeFor(session.user)),
  },
  { path: '/login', name: 'login', component: () => import('./auth/LoginPage.vue') },
  {
    path: '/admin',
    component: () => import('./admin/AdminLayout.vue'),
    meta: { roles: ORGANIZER_ROLES },
    children: [
      { path: '', redirect: '/admin/editions' },
      {
        path: 'editions',
        name: 'editions',
        component: () => import('./admin/EditionsPage.vue'),
      },
      {
        path: 'editions/:id(\\d+)',
        name: 'edition',
        component: () => import('./admin/EditionEventsPage.vue'),
        props: (route) => ({ editionId: Number(route.params.id) }),
      },
      ...editionRoutes,
      {
        path: 'editions/:id(\\d+)/progress',
        name: 'progress',
        component: () => import('./admin/progress/ProgressPage.vue'),
        props: (route) => ({ editionId: Number(route.params.id) }),
      },
      ...awardRoutes,
    ],
  },
  {
    path: '/desk',
    component: () => import('./admin/registration/DeskLayout.vue'),
    meta: { roles: DESK_ROLES },
    children: deskRoutes,
  },
  {
    path: '/judge',
    name: 'judge',
    component: () => import('./judge/JudgeHome.vue'),
    meta: { roles: JUDGE_ROLES },
    // The encryption judge marks nothing: their work is the code map on the desk.
    beforeEnter: () =>
      session.user?.role === 'encryption_judge'
        ? '/desk'
        : session.user?.role === 'chief_judge'
          ? '/chief'
          : true,
  },
  {
    path: '/chief',
    name: 'chief',
    component: () => import('./chief/ChiefLayout.vue'),
    meta: { roles: ['chief_judge'] },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('./me/MyResultsPage.vue'),
    meta: { roles: ['contestant'] },
  },
  {
    // Outside the desk layout: a bare sheet to print and seal in the envelope.
    path: '/print/code-map/:eventId(\\d+)',
    name: 'code-map-print',
    component: () => import('./admin/registration/codes/CodeMapPrint.vue'),
    props: (route) => ({ eventId: Number(route.params.eventId) }),
    meta: { roles: ['encryption_judge'] },
  },
  { path: '/live', name: 'live', component: () => import('./live/LiveBoard.vue') },
  ...liveRoutes,
  ...reviewRoutes,
  { path: '/403', name: 'forbidden', component: () => import('./shared/ForbiddenPage.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

/** Protected pages need a session (else /login) and one of their roles at every level (else 403). */
router.beforeEach((to) => {
  const levels = to.matched.flatMap((r) => (r.meta.roles ? [r.meta.roles] : []));
  if (levels.length === 0) {
    return true;
  }
  const user = session.user;
  if (!user) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (!levels.every((roles) => roles.includes(user.role))) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
});

/** True when the page on screen needs a signed-in user. */
export function onProtectedPage(): boolean {
  return router.currentRoute.value.matched.some((r) => r.meta.roles);
}
