import { mergeMessages, type MessageTree } from './merge';
import judgingZhCN from './judging.zh-CN';

/** The judging texts' shape; judging.en.ts must have exactly the same keys. */
export type JudgingMessages = typeof judgingZhCN;

/** A locale's messages with the judge / chief judge texts (and their error codes) added. */
export function withJudging<T extends MessageTree>(messages: T, judging: JudgingMessages): T {
  return mergeMessages(messages, judging);
}
