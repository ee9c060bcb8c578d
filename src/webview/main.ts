/**
 * Entry point of the panel's browser bundle (`media/panel.js`). VS Code
 * injects `acquireVsCodeApi`; everything else lives in {@link PanelApp}.
 */
import type { WebviewMessage } from '../shared/protocol';
import { PanelApp } from './app';

declare function acquireVsCodeApi(): {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('app');
if (root) {
  const app = new PanelApp(root, (message) => vscode.postMessage(message), vscode);
  window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
  vscode.postMessage({ type: 'ready' });
}
