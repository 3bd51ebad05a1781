import { mergeMessages, type MessageTree } from './merge';
import dayZhCN from './day.zh-CN';

/** The day pages' texts' shape; day.en.ts must have exactly the same keys. */
export type DayMessages = typeof dayZhCN;

/** A locale's messages with the day pages' texts (and their error codes) added. */
export function withDay<T extends MessageTree>(messages: T, day: DayMessages): T {
  return mergeMessages(messages, day);
}
