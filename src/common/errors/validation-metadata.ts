import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

const installed = new WeakSet<Storage>();

/**
 * class-validator finds a class's rules by testing it against every class that has any
 * (`instanceof`, for inherited rules) on every validation: with this app's few hundred DTOs that
 * scan was a fifth of validating a mark. The rules only change when a decorator registers one, so
 * each lookup is kept until then: the same arrays, found once per class and options.
 */
export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) {
    return;
  }
  installed.add(storage);
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new Map<unknown, Map<string, ReturnType<Lookup>>>();
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let byOptions = memo.get(target);
    if (!byOptions) {
      byOptions = new Map();
      memo.set(target, byOptions);
    }
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let found = byOptions.get(key);
    if (!found) {
      found = lookup(target, schema, always, strictGroups, groups);
      byOptions.set(key, found);
    }
    return found;
  };
}
