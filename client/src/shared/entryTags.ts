import type { Entry, EntryStatus } from '../api/contracts';

type TagType = 'info' | 'success' | 'warning' | 'danger' | 'primary';

export function entryStatusTag(status: EntryStatus): TagType {
  switch (status) {
    case 'submitted':
      return 'primary';
    case 'approved':
      return 'success';
    case 'rejected':
      return 'danger';
    case 'withdrawn':
      return 'info';
  }
}

/** present / absent / waiting: the check-in state an entry shows. */
export function checkInState(entry: Entry): 'present' | 'absent' | 'waiting' {
  return entry.checkInStatus ?? 'waiting';
}

export function checkInTag(entry: Entry): TagType {
  switch (checkInState(entry)) {
    case 'present':
      return 'success';
    case 'absent':
      return 'danger';
    case 'waiting':
      return 'info';
  }
}
