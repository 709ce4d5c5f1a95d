// Popup entry: renders the current tab's audit in the language chosen in the options (else the browser's).
import { render } from 'preact';
import { LangRoot } from '../options/LangRoot';
import { App } from './App';
import '../../components/style.css';

render(<LangRoot titleKey="popupTitle">{(lang, t) => <App lang={lang} t={t} />}</LangRoot>, document.getElementById('app')!);
