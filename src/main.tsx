// Entry point of the page: listens to the database connection (multi-tab notices), mounts the
// app, registers the service worker. Nothing else runs at start-up.
import { render } from 'preact';
import { App } from './app/App';
import './app/app.css';
import { registerServiceWorker } from './app/pwa';
import { watchAppDatabase } from './app/DatabaseNotice';

watchAppDatabase();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
