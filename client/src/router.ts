import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from './api/types';
import { homeFor, JUDGE_ROLES, ORGANIZER_ROLES, session } from './auth/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles allowed to open the page; absent means public. */
    roles?: readonly Role[];
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => homeFor(session.user) },
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
    ],
  },
  {
    path: '/judge',
    name: 'judge',
    component: () => import('./judge/JudgeHome.vue'),
    meta: { roles: JUDGE_ROLES },
  },
  { path: '/live', name: 'live', component: () => import('./live/LiveBoard.vue') },
  { path: '/403', name: 'forbidden', component: () => import('./shared/ForbiddenPage.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

/** Protected pages need a session (else /login) and one of their roles (else 403). */
router.beforeEach((to) => {
  const roles = to.matched.find((r) => r.meta.roles)?.meta.roles;
  if (!roles) {
    return true;
  }
  const user = session.user;
  if (!user) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (!roles.includes(user.role)) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
});

/** True when the page on screen needs a signed-in user. */
export function onProtectedPage(): boolean {
  return router.currentRoute.value.matched.some((r) => r.meta.roles);
}
