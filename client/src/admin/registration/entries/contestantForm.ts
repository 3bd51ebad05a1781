import type { Level } from '../../../api/contracts';

/** The contestant's part of the entry form, as typed (strings; '' for empty). */
export interface ContestantForm {
  idNumber: string;
  name: string;
  phone: string;
  employer: string;
  unitName: string;
  qualificationOccupation: string;
  qualificationLevel: Level | '';
  certificateNo: string;
  titlesHeld: string;
}

export const blankContestant = (): ContestantForm => ({
  idNumber: '',
  name: '',
  phone: '',
  employer: '',
  unitName: '',
  qualificationOccupation: '',
  qualificationLevel: '',
  certificateNo: '',
  titlesHeld: '',
});
