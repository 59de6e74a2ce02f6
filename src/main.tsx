// Entry point of the page: mounts the app. Nothing else runs at start-up.
import { render } from 'preact';
import { App } from './app/App';
import './app/app.css';
import { registerServiceWorker } from './app/pwa';

render(<App />, document.getElementById('app')!);
registerServiceWorker();
