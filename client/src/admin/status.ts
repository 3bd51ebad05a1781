import type { EditionStatus, EventStatus } from '../api/contracts';

type TagType = 'info' | 'success' | 'warning';

/** Colour of a status tag: drafts grey, published green, closed amber. */
export function statusTagType(status: EditionStatus | EventStatus): TagType {
  switch (status) {
    case 'draft':
      return 'info';
    case 'published':
      return 'success';
    case 'closed':
      return 'warning';
  }
}
