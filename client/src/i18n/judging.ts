import judgingZhCN from './judging.zh-CN';

/** The judging texts' shape; judging.en.ts must have exactly the same keys. */
export type JudgingMessages = typeof judgingZhCN;

type Tree = { [key: string]: unknown };

function merge<T extends Tree>(base: T, extra: Tree): T {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const own = out[key];
    out[key] =
      typeof own === 'object' && own !== null && typeof value === 'object' && value !== null
        ? merge(own as Tree, value as Tree)
        : value;
  }
  return out as T;
}

/** A locale's messages with the judge / chief judge texts (and their error codes) added. */
export function withJudging<T extends Tree>(messages: T, judging: JudgingMessages): T {
  return merge(messages, judging);
}
