import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import enLocale from 'element-plus/es/locale/lang/en';
import zhCnLocale from 'element-plus/es/locale/lang/zh-cn';
import en from './en';
import zhCN, { type Messages } from './zh-CN';
import judgingEn from './judging.en';
import judgingZhCN from './judging.zh-CN';
import { withJudging } from './judging';
import liveEn from './live.en';
import liveZhCN, { withLive } from './live.zh-CN';
import awardsZhCN, { withAwards } from './awards.zh-CN';
import awardsEn from './awards.en';
import meZhCN, { withMe } from './me.zh-CN';
import meEn from './me.en';
import dayZhCN from './day.zh-CN';
import dayEn from './day.en';
import { withDay } from './day';
import tabletZhCN from './tablet.zh-CN';
import tabletEn from './tablet.en';
import { mergeMessages } from './merge';
import { withGlossary } from './glossary';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'wuxi-skills.locale';

function savedLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': withGlossary(
      mergeMessages(
        withDay(
          withMe(
            withAwards(withLive(withJudging(zhCN, judgingZhCN), liveZhCN), awardsZhCN),
            meZhCN,
          ),
          dayZhCN,
        ),
        tabletZhCN,
      ),
      'zh-CN',
    ),
    en: withGlossary(
      mergeMessages(
        withDay(
          withMe(withAwards(withLive(withJudging(en, judgingEn), liveEn), awardsEn), meEn),
          dayEn,
        ),
        tabletEn,
      ),
      'en',
    ),
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Element Plus's own texts (pagination, date picker, dialogs) follow the chosen language. */
export const elementLocale = computed(() =>
  i18n.global.locale.value === 'en' ? enLocale : zhCnLocale,
);
