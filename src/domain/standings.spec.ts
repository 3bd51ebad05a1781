import { DEFAULT_RANKING } from './ranking';
import { applyModule, computeStandings, StandingInput, StandingsConfig } from './standings';

const config: StandingsConfig = { theoryWeight: 30, practicalWeight: 70, ranking: DEFAULT_RANKING };

/** A small deterministic generator, so each case is reproducible from its seed. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('standings', () => {
  it('ranks by the weighted total of what is visible', () => {
    const rows = computeStandings(
      [
        {
          entryId: 1,
          workstationNo: 3,
          modules: { A: 40, B: 30 },
          theory: 80,
          timeUsedSeconds: 3600,
        },
        {
          entryId: 2,
          workstationNo: 1,
          modules: { A: 45, B: 30 },
          theory: 60,
          timeUsedSeconds: 3500,
        },
        { entryId: 3, workstationNo: 2, modules: { A: 20 }, theory: null, timeUsedSeconds: null },
      ],
      config,
    );
    // 1: 80×0.3 + 70×0.7 = 73; 2: 60×0.3 + 75×0.7 = 70.5; 3: 0 + 20×0.7 = 14
    expect(rows.map((r) => [r.entryId, r.total, r.rank])).toEqual([
      [1, 73, 1],
      [2, 70.5, 2],
      [3, 14, 3],
    ]);
  });

  // Property: any sequence of module locks and unlocks applied one at a time gives the table a
  // full recompute gives for the modules visible at the end.
  it.each(Array.from({ length: 40 }, (_, seed) => [seed]))(
    'incremental equals full recompute (seed %i)',
    (seed) => {
      const random = rng(seed + 1);
      const moduleCodes = ['A', 'B', 'C', 'D'];
      const people = Array.from({ length: 3 + Math.floor(random() * 30) }, (_, i) => i + 1);
      const marksOf = new Map(
        moduleCodes.map((code) => [
          code,
          new Map(people.map((id) => [id, Math.round(random() * 2500) / 100])),
        ]),
      );
      const base: StandingInput[] = people.map((entryId) => ({
        entryId,
        workstationNo: entryId,
        modules: {},
        theory: random() < 0.5 ? Math.round(random() * 10000) / 100 : null,
        timeUsedSeconds: random() < 0.7 ? Math.floor(random() * 5) * 600 : null,
      }));
      let table = computeStandings(base, config);
      const visible = new Set<string>();
      for (let step = 0; step < 12; step += 1) {
        const code = moduleCodes[Math.floor(random() * moduleCodes.length)];
        const lock = random() < 0.7;
        table = applyModule(table, code, lock ? marksOf.get(code)! : null, config);
        if (lock) {
          visible.add(code);
        } else {
          visible.delete(code);
        }
      }
      const full = computeStandings(
        base.map((b) => ({
          ...b,
          modules: Object.fromEntries(
            [...visible].map((c) => [c, marksOf.get(c)!.get(b.entryId)!]),
          ),
        })),
        config,
      );
      expect(table).toEqual(full);
    },
  );
});
