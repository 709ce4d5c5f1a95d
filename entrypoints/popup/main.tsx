// Popup entry: picks the language and renders the current tab's audit.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pickLang, translator } from '../../components/i18n';
import { App } from './App';
import '../../components/style.css';

const lang = pickLang(null, browser.i18n.getUILanguage());
const t = translator(lang);
document.documentElement.lang = lang;
document.title = t('popupTitle');
render(<App lang={lang} t={t} />, document.getElementById('app')!);
