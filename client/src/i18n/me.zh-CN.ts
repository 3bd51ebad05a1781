import { mergeMessages, type MessageTree } from './merge';

/** Texts of the contestant's own page (我的成绩), merged into the locales by index.ts. */
const meZhCN = {
  me: {
    title: '我的成绩',
    unit: '推荐单位：{name}',
    entries: '我的报名',
    noEntries: '暂无报名记录',
    entryNo: '参赛编号 {no}',
    workstation: '工位号',
    notDrawn: '未抽签',
    checkIn: '检录',
    late: '迟到',
    liveBoard: '实时成绩',
    results: '成绩',
    provisional: '暂定',
    provisionalHint: '实时成绩中的暂定名次，以公示成绩为准',
    resultsPending: '成绩公示后在此显示',
    rank: '名次',
    tied: '并列',
    total: '总成绩',
    prize: '奖项',
    titles: '称号',
    cash: '奖金',
    upgrade: '职业资格晋升',
    absent: '缺考',
    theoryAbsent: '理论缺考（按 0 分计）',
    noPrizeReasons: {
      'did-not-compete': '未参赛',
      'below-floor': '未达获奖分数线',
      'beyond-quota': '未获奖',
      'past-winner': '往届获奖选手，本赛项不再获奖',
      'field-too-small': '参赛人数不足，不设奖项',
    },
    publicationEnd: '公示至 {time}',
    appealDeadline: '申诉截止 {time}',
    grants: '我的奖励',
    noGrants: '暂无奖励（成绩确认后由组委会登记）',
    treatment: '享受劳模待遇',
    noUpgrade: '不晋升：{reason}',
    paidAt: '发放于 {time}',
    appeals: '我的申诉',
    noAppeals: '暂无申诉',
    fileAppeal: '提出申诉',
    appealTitle: '申诉：{event}',
    appealHint: '请写明申诉事项与理由；提交后由监督仲裁组处理，处理意见会显示在本页。',
    appealText: '申诉内容',
    appealFiled: '申诉已提交',
    submit: '提交',
    col: {
      event: '赛项',
      basis: '依据',
      filedAt: '提交时间',
      text: '申诉内容',
      status: '状态',
      decision: '处理意见',
    },
  },
};

export default meZhCN;

export type MeMessages = typeof meZhCN;

/** A locale's messages with the contestant page's texts (and their error codes) added. */
export function withMe<T extends MessageTree>(messages: T, me: MeMessages): T {
  return mergeMessages(messages, me);
}
