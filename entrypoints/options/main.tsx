// Options page entry.
import { render } from 'preact';
import { LangRoot } from './LangRoot';
import { App } from './App';
import '../../components/style.css';

render(<LangRoot titleKey="optionsPageTitle">{(lang, t) => <App lang={lang} t={t} />}</LangRoot>, document.getElementById('app')!);
