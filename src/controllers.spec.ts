import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from './entities';

/** Every *.controller.ts under src/, with its text. */
function controllers(dir = __dirname): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return controllers(path);
    }
    return entry.name.endsWith('.controller.ts')
      ? [{ file: path.slice(__dirname.length + 1), text: readFileSync(path, 'utf8') }]
      : [];
  });
}

/**
 * The house rule beside the OpenAPI check (test/contracts.e2e-spec.ts): a route answers a
 * response DTO, never an entity, so a column added to a table is not handed out unnoticed.
 * Read from the handlers' declared return types.
 */
describe('controllers', () => {
  const entityNames = new Set(ENTITIES.map((entity) => entity.name));

  it('found the controllers and the entities', () => {
    expect(controllers().length).toBeGreaterThan(20);
    expect(entityNames.has('GrantRow')).toBe(true);
  });

  it('declare no handler that returns an entity', () => {
    const returnsEntity: string[] = [];
    for (const { file, text } of controllers()) {
      for (const match of text.matchAll(/\)\s*:\s*(?:Promise<)?([A-Za-z_]\w*)(?:\[\])?>?\s*\{/g)) {
        if (entityNames.has(match[1])) {
          returnsEntity.push(`${file}: ${match[1]}`);
        }
      }
    }
    expect(returnsEntity).toEqual([]);
  });
});
