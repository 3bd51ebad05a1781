import { maskIdNumber } from './id-number';

/** The year stays (age groups are public), the day of birth does not: 1990-**-**. */
export function maskBirthDate(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-**-**`;
}

/**
 * What someone who may not see a person's private data sees of any record that holds it: the
 * rule of the contestant's own response (ID number masked, birth date to the year, no phone, no
 * certificate number), applied wherever such a record appears — e.g. inside an audit row's
 * before/after. A record is a person's when it carries a birth date; an ID number is masked
 * wherever it is.
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskPersonalData);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  const person = typeof record.birthDate === 'string';
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    if (key === 'idNumber' && typeof field === 'string') {
      masked[key] = maskIdNumber(field);
    } else if (person && key === 'birthDate') {
      masked[key] = maskBirthDate(field as string);
    } else if (person && (key === 'phone' || key === 'certificateNo')) {
      masked[key] = null;
    } else {
      masked[key] = maskPersonalData(field);
    }
  }
  return masked;
}
