// Report page entry: a tab's audit (?tabId=N), a stored visit (?history=ID), or the history (no parameter).
import { render } from 'preact';
import { LangRoot } from '../options/LangRoot';
import { App } from './App';
import '../../components/style.css';

render(<LangRoot titleKey="reportPageTitle">{(lang, t) => <App lang={lang} t={t} />}</LangRoot>, document.getElementById('app')!);
