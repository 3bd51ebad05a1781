import type { PolicyClause } from './policy';
import { LADDER_2015, LADDER_2022, type Ladder } from './qualification';

/**
 * The ladders the console offers, each with the clause a policy cites for it. The 2015 one is
 * what data/policies/wuxi-2015.json holds; the 2022 one is 人社部's eight-level sequence.
 */
export const LADDER_PRESETS: Record<'2015' | '2022', { levels: Ladder; clause: PolicyClause }> = {
  '2015': {
    levels: LADDER_2015,
    clause: {
      id: 'practice.ladder-2015',
      source: '国家职业资格五个等级（职业资格证书制度）',
      quote: '五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师',
    },
  },
  '2022': {
    levels: LADDER_2022,
    clause: {
      id: 'practice.ladder-2022',
      source: '人社部《关于健全完善新时代技能人才职业技能等级制度的意见（试行）》（2022）',
      quote:
        '在原有“五级”框架基础上，往下补设学徒工，往上增设特级技师和首席技师技术职务（岗位），形成由学徒工、初级工、中级工、高级工、技师、高级技师、特级技师、首席技师构成的职业技能等级（岗位）序列',
    },
  },
};
