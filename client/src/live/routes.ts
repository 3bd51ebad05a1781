import type { RouteRecordRaw } from 'vue-router';

const positive = (value: unknown, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** The public boards besides /live itself: no login. */
export const liveRoutes: RouteRecordRaw[] = [
  {
    path: '/live/editions/:id(\\d+)',
    name: 'live-edition',
    component: () => import('./LiveBoard.vue'),
    props: (route) => ({ editionId: Number(route.params.id) }),
  },
  {
    path: '/live/events/:id(\\d+)',
    name: 'live-event',
    component: () => import('./EventBoard.vue'),
    props: (route) => ({ eventId: Number(route.params.id) }),
  },
  {
    path: '/live/screen',
    name: 'live-screen',
    component: () => import('./BigScreen.vue'),
    props: (route) => ({
      editionId: route.query.edition ? positive(route.query.edition, 0) || null : null,
      interval: positive(route.query.interval, 15),
      startEvent: route.query.event ? positive(route.query.event, 0) : undefined,
    }),
  },
];
