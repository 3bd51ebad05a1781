import {
  AuditContent,
  chainHash,
  ChainedRow,
  ChainVerdict,
  ChainWalker,
  GENESIS_HASH,
} from './audit-chain';

/** A whole chain through the walker, as the verifier feeds it page by page. */
function verifyChain(rows: Iterable<ChainedRow>): ChainVerdict {
  const walker = new ChainWalker();
  for (const row of rows) {
    if (!walker.push(row)) {
      break;
    }
  }
  return walker.verdict();
}

function chain(n: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const content: AuditContent = {
      seq,
      at: `2025-10-18T08:00:0${seq % 10}.000Z`,
      actorId: 7,
      actorName: 'chief',
      action: 'mark.edited',
      entityType: 'mark',
      entityId: String(seq),
      before: JSON.stringify({ value: seq }),
      after: JSON.stringify({ value: seq + 0.5 }),
      reason: seq === 2 ? '复核更正' : null,
    };
    const hash = chainHash(prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an intact chain and reports its length', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, rows: 5, lastHash: chain(5)[4].hash });
    expect(verifyChain([])).toEqual({ ok: true, rows: 0, lastHash: GENESIS_HASH });
  });

  it.each<[string, (rows: ChainedRow[]) => void, number, RegExp]>([
    ['an edited value', (rows) => (rows[2].after = '{"value":99}'), 3, /content/],
    ['an edited reason', (rows) => (rows[1].reason = null), 2, /content/],
    ['a deleted row', (rows) => rows.splice(3, 1), 5, /expected seq 4/],
    [
      'a recomputed hash without relinking',
      (rows) => {
        rows[1].actorName = 'mallory';
        rows[1].hash = chainHash(rows[1].prevHash, rows[1]);
      },
      3,
      /prevHash/,
    ],
    ['swapped rows', (rows) => ([rows[0], rows[1]] = [rows[1], rows[0]]), 2, /expected seq 1/],
  ])('names the first broken row after %s', (_name, tamper, brokenSeq, reason) => {
    const rows = chain(6);
    tamper(rows);
    const verdict = verifyChain(rows);
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: brokenSeq });
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });
});
