/**
 * The panel's HTML page. Pure string building, shared by the extension host
 * and the browser tests so both load exactly the same page and CSP.
 */

/** What the host fills in: the webview's CSP source, a fresh nonce and the `asWebviewUri` URLs. */
export interface PanelHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page: a strict CSP (`default-src 'none'`, styles from the webview's
 * resource origin, the one script by nonce, images from media or `data:`),
 * the stylesheet, an empty `#app` and the bundle. No report data is ever put
 * into the HTML: it arrives by message and is rendered as text.
 */
export function panelHtml({ cspSource, nonce, scriptUri, styleUri }: PanelHtmlOptions): string {
  const csp = `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource} data:;`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>SOP Maturity</title>
</head>
<body>
<main id="app" class="app"></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}
