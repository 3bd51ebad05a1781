import type { CreateUserDto } from '../users/dto/user.dto';
import type { CreateEditionDto } from '../editions/dto/edition.dto';
import type { CreateEventDto } from '../editions/dto/event.dto';
import { idCheckCharacter } from '../domain/id-number';
import type { QualificationLevel } from '../domain/qualification';

/** Every demo account signs in with this password; printed at start-up. */
export const DEMO_PASSWORD = 'demo2025';

export const DEMO_ACCOUNTS: Omit<CreateUserDto, 'password'>[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'organizer', displayName: '组委会 李明', role: 'organizer' },
  {
    username: 'chief',
    displayName: '裁判长 张华',
    role: 'chief_judge',
    unitName: '无锡市职业技能鉴定中心',
  },
  { username: 'encryptor', displayName: '加密裁判 周敏', role: 'encryption_judge' },
  {
    username: 'judge1',
    displayName: '评分裁判 王强',
    role: 'judge',
    unitName: '无锡机电高等职业技术学校',
  },
  {
    username: 'judge2',
    displayName: '评分裁判 陈刚',
    role: 'judge',
    unitName: '无锡威孚高科技集团',
  },
  { username: 'supervisor', displayName: '监督仲裁 刘洋', role: 'supervisor' },
  {
    username: 'contestant',
    displayName: '选手 赵磊',
    role: 'contestant',
    unitName: '无锡一汽铸造有限公司',
  },
];

const DEMO_ID_BODY = '32021119870521017';

/**
 * The person behind the demo `contestant` account (赵磊): a contestant record without entries in
 * the demo edition, which starts with none (the browser tests register their own); with DEMO=day
 * the day's edition (demo-day.ts) enters him in its final event. An entry
 * submitted later with this ID number joins this record, and so the account's 我的成绩 page.
 */
export const DEMO_CONTESTANT = {
  account: 'contestant',
  idNumber: DEMO_ID_BODY + idCheckCharacter(DEMO_ID_BODY),
  name: '赵磊',
  unitName: '无锡一汽铸造有限公司',
  employer: '无锡一汽铸造有限公司',
  qualificationOccupation: '数控车工',
  qualificationLevel: 'senior' as QualificationLevel,
};

export const DEMO_EDITION: CreateEditionDto = {
  year: 2025,
  name: '第七届无锡技能精英大赛',
  startDate: '2025-10-18',
  endDate: '2025-10-26',
  status: 'published',
};

export const DEMO_EVENTS: CreateEventDto[] = [
  {
    occupation: '数控车工',
    name: '数控车工(职工组)',
    level: 'technician',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'published',
    // Fixed counts with a practical floor (one event of each quota kind, issue #14).
    rules: { quota: { kind: 'fixed', counts: [1, 4, 3] }, floor: { practical: 60 } },
  },
  {
    occupation: '电工',
    name: '电工(职工组)',
    level: 'senior',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'published',
    // The docs/domain.md default, spelled out: 10 / 20 / 30 % of those who competed, half up.
    rules: {
      quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'half-up', minimumOne: true },
    },
  },
  {
    occupation: '焊工',
    name: '焊工(职工组)',
    level: 'senior',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 20,
    practicalWeight: 80,
    status: 'published',
    // Shares rounded down, 优胜奖 down to two thirds of the field, no 1st prize below 15.
    rules: {
      quota: { kind: 'percent', percents: [15, 25, 30], rounding: 'down' },
      honourable: { kind: 'share', percent: 66.67 },
      minimumField: { competitors: 15, form: 'lower-only' },
    },
  },
  {
    occupation: '汽车维修工',
    name: '汽车维修工(学生组)',
    level: 'intermediate',
    group: 'student',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'published',
    // Fixed counts, a strict order (no shared ranks), past winners of one edition excluded.
    rules: {
      quota: { kind: 'fixed', counts: [1, 2, 3] },
      pastWinners: { editions: 1 },
      tieBreak: { chain: ['practical', 'time', 'theory'], then: 'strict' },
    },
  },
  {
    occupation: '工业机器人系统运维员',
    name: '工业机器人系统运维员(学生组,双人)',
    level: 'senior',
    group: 'student',
    mode: 'pair',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'draft',
  },
];
