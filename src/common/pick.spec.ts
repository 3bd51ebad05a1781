import { pick } from './pick';

describe('pick', () => {
  it('copies the named fields, in the order named, and nothing else', () => {
    const row = { id: 7, name: '张三', secret: 'x', note: null };
    const picked = pick(row, ['note', 'id', 'name']);
    expect(picked).toEqual({ note: null, id: 7, name: '张三' });
    expect(Object.keys(picked)).toEqual(['note', 'id', 'name']);
    expect(picked).not.toBe(row);
  });
});
