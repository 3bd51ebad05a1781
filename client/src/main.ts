import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './shared/global.css';
import './shared/theme.css';
import App from './App.vue';
import { me } from './api/auth';
import { setSignedOutHandler } from './api/http';
import { session } from './auth/session';
import { currentLocale, i18n } from './i18n';
import { onProtectedPage, router } from './router';

setSignedOutHandler(() => {
  void router.isReady().then(() => {
    if (onProtectedPage()) {
      void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
    }
  });
});

document.documentElement.lang = currentLocale();
createApp(App).use(ElementPlus).use(i18n).use(router).mount('#app');

// Keep the stored user fresh (name or role may have changed); a dead session signs out.
if (session.current) {
  me()
    .then((user) => session.setUser(user))
    .catch(() => undefined);
}
