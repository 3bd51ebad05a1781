import { defineErrors } from './define';

/** Editions (届) and events (赛项). */
export const editionsErrors = defineErrors(
  {
    EDITION_NOT_FOUND: '届次不存在',
    EDITION_YEAR_TAKEN: '该年份的届次已存在[[：{year} 年]]',
    EDITION_HAS_EVENTS: '该届次下仍有赛项，不能删除[[：{events} 个赛项、{entries} 条报名]]',
    EDITION_POLICY_FROZEN: '该届次已结束或已有最终成绩，不能更换奖励政策',
    EDITION_YEAR_OFF_CADENCE: '大赛自 {first} 年起每两年举办一届，{year} 年不在此周期内',
    EVENT_NOT_FOUND: '赛项不存在[[：{occupation}]]',
    EVENT_DUPLICATE: '本届次已有相同职业(工种)和组别的赛项',
    WEIGHTS_INVALID: '理论权重与实操权重之和必须为 100',
    EVENT_HAS_ENTRIES: '该赛项已有报名，不能删除；请改为退赛或驳回报名',
  },
  {
    EDITION_NOT_FOUND: 'Edition not found.',
    EDITION_YEAR_TAKEN: 'There is already an edition for this year[[: {year}]].',
    EDITION_HAS_EVENTS:
      'This edition still has events and cannot be deleted[[: {events} events, {entries} entries]].',
    EDITION_POLICY_FROZEN:
      'The edition is closed or has final results; its reward policy can no longer change.',
    EDITION_YEAR_OFF_CADENCE:
      'The competition is held every two years since {first}; {year} is off that cadence.',
    EVENT_NOT_FOUND: 'Event not found[[: {occupation}]].',
    EVENT_DUPLICATE: 'This edition already has an event with the same occupation and group.',
    WEIGHTS_INVALID: 'Theory and practical weights must add up to 100.',
    EVENT_HAS_ENTRIES: 'This event has entries; withdraw or reject them instead of deleting it',
  },
);
