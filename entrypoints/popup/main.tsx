// Popup entry: renders the current tab's audit.
import { render } from 'preact';

render(<p>Vigie</p>, document.getElementById('app')!);
