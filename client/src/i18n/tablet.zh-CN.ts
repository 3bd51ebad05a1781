/** Texts of the judge's pad, sheet legend, requests and sync feedback (merged by index.ts). */
const tabletZhCN = {
  judge: {
    pad: {
      title: '评分键盘',
      none: '全部已评：点选单元格可修改',
      readonly: '本模块已签字或锁定，不能修改',
      back: '删除一位',
      keyboardHint: '可用键盘：数字、小数点、回车确认、方向键移动',
    },
    legend: {
      title: '图例',
      empty: '未评',
      pending: '待发送',
      synced: '已同步',
      conflict: '冲突',
      error: '出错',
      remark: '重评',
    },
    requests: {
      title: '裁判长的重评要求',
      cell: '{code} · {aspect}',
      open: '待重评',
      answered: '已重评',
      badge: '重评',
    },
    cleared: {
      remark: '您的签字已被撤销：裁判长要求重评（{reason}）。重评后请重新签字。',
      unlock: '您的签字已被撤销：裁判长解锁了本模块（{reason}）。核对后请重新签字。',
      resign: '重新签字',
    },
    sync: {
      offlineSaved: '离线：{count} 条评分已保存在本机，联网后自动发送',
      allSynced: '已全部同步',
      sent: '已同步',
      failed: '发送未成功，稍后自动重试',
    },
    tasksLabel: '评分模块',
  },
};

export default tabletZhCN;
export type TabletMessages = typeof tabletZhCN;
