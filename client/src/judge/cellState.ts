import type { LocalMark } from './db';

export type CellState = 'empty' | LocalMark['state'];

/** Each state has an icon as well as a colour (WCAG 1.4.1: not colour alone). */
export const CELL_ICONS: Record<CellState, string> = {
  empty: '○',
  pending: '↑',
  synced: '✓',
  conflict: '⚠',
  error: '✕',
};

export const CELL_STATES = Object.keys(CELL_ICONS) as CellState[];
