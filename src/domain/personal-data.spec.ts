import { maskBirthDate, maskPersonalData } from './personal-data';

describe('maskPersonalData', () => {
  const person = {
    id: 7,
    name: '陈一',
    birthDate: '1988-02-29',
    phone: '13812345678',
    certificateNo: 'GZ-1',
    employer: '无锡一汽铸造',
  };

  it.each([
    ['a person', person, { ...person, birthDate: '1988-**-**', phone: null, certificateNo: null }],
    [
      'a person nested in a row',
      { entryNo: '2027-01-001', contestant: person },
      {
        entryNo: '2027-01-001',
        contestant: { ...person, birthDate: '1988-**-**', phone: null, certificateNo: null },
      },
    ],
    [
      'an ID number anywhere',
      { rows: [{ idNumber: '32021119880229123X' }] },
      { rows: [{ idNumber: '3202**********123X' }] },
    ],
    [
      'a unit (its phone is a contact, not a person)',
      { name: '单位', phone: '0510-1' },
      { name: '单位', phone: '0510-1' },
    ],
    ['plain values', 'text', 'text'],
    ['null', null, null],
  ])('%s', (_name, input, expected) => {
    expect(maskPersonalData(input)).toEqual(expected);
  });

  it('leaves the input alone', () => {
    const input = { ...person };
    maskPersonalData(input);
    expect(input).toEqual(person);
  });

  it('keeps the year of birth only', () => {
    expect(maskBirthDate('2001-12-31')).toBe('2001-**-**');
  });
});
