import { mergeMessages, type MessageTree } from './merge';

/** Texts of the public live boards (merged into zh-CN.ts by withLive in index.ts). */
const liveZhCN = {
  live: {
    noStandings: '暂无成绩：实时显示已锁定模块，解密后显示成绩',
    sealed: '裁判长解密后显示成绩：此前只显示已锁定的模块数，以免作品编号与工位对应',
    provisional: '暂定成绩：尚未公示',
    openBoard: '查看排名',
    bigScreen: '大屏模式',
    back: '返回',
    workstation: '工位 {no}',
    conn: { connected: '已连接', reconnecting: '重连中', offline: '离线' },
    lastUpdate: '最后更新：{time}',
    neverUpdated: '尚未更新',
    seq: '第 {seq} 次更新',
    frozen: '成绩揭晓前暂停更新',
    tied: '并列',
    col: {
      lockedModules: '已锁定模块',
      rank: '名次',
      contestant: '工位 / 选手',
      practical: '实操',
      theory: '理论',
      total: '总分',
    },
    chart: { title: '总分分布', count: '人数' },
    screen: {
      fullscreen: '全屏',
      exitFullscreen: '退出全屏',
      next: '下一赛项',
      rotate: '每 {seconds} 秒轮播',
      noEdition: '请选择届次',
    },
    error: {
      EVENT_NOT_FOUND: '赛项不存在或尚未发布',
      TOO_MANY_JOINS: '请求过于频繁，请稍后',
      TIMEOUT: '服务器无响应，正在重试',
      other: '无法获取实时成绩',
    },
  },
};

export default liveZhCN;

export type LiveMessages = typeof liveZhCN;

/** A locale's messages with the live board texts added (existing live.* keys are kept). */
export function withLive<T extends MessageTree>(messages: T, live: LiveMessages): T {
  return mergeMessages(messages, live);
}
