import { getMetadataStorage, IsInt, Min, MinLength, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata';

class Base {
  @IsInt()
  @Min(1)
  id: number;
}

class Child extends Base {
  @MinLength(3)
  name: string;
}

const failed = (errors: ReturnType<typeof validateSync>) =>
  errors.map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`).sort();

describe('memoizeValidationMetadata', () => {
  it('finds the same rules, inherited ones included, once per class', () => {
    const bad = Object.assign(new Child(), { id: 0, name: 'x' });
    const before = failed(validateSync(bad));
    const storage = getMetadataStorage();
    const scan = jest.spyOn(storage, 'getTargetValidationMetadatas');
    memoizeValidationMetadata(storage);
    expect(failed(validateSync(bad))).toEqual(before);
    expect(failed(validateSync(bad))).toEqual(['id:min', 'name:minLength']);
    // The original lookup ran once for the class; the second validation was answered from memory.
    expect(scan).toHaveBeenCalledTimes(1);
  });

  it('sees a rule registered after a lookup was kept', () => {
    // (The memo installed above stays: Child's rules were looked up and kept.)
    class Late {
      @IsInt()
      n: unknown;
    }
    expect(failed(validateSync(Object.assign(new Late(), { n: 'a' })))).toEqual(['n:isInt']);
    // A decorator applied later to a class already looked up (what a lazily loaded module does).
    MinLength(5)(Child.prototype, 'name');
    const late = failed(validateSync(Object.assign(new Child(), { id: 1, name: 'abcd' })));
    expect(late).toEqual(['name:minLength']);
  });
});
