/**
 * The theme variables VS Code injects into a webview, for the browser tests:
 * the subset of Light Modern, Dark Modern and High Contrast the panel uses.
 */
const common = {
  'font-family': '"DejaVu Sans", "Segoe UI", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"DejaVu Sans Mono", monospace',
};

const light = {
  foreground: '#3b3b3b',
  descriptionForeground: '#717171',
  'editor-background': '#ffffff',
  focusBorder: '#005fb8',
  'button-background': '#005fb8',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#0258a8',
  'button-border': '#0000001a',
  'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc',
  'textLink-foreground': '#005fb8',
  'textLink-activeForeground': '#005fb8',
  'charts-foreground': '#616161',
  'charts-red': '#e51400',
  'charts-blue': '#1a85ff',
  'charts-yellow': '#bf8803',
  'charts-orange': '#d18616',
  'charts-green': '#388a34',
  'charts-purple': '#652d90',
  'badge-background': '#cccccc',
  'badge-foreground': '#3b3b3b',
  'list-hoverBackground': '#f2f2f2',
  'panelTitle-activeBorder': '#005fb8',
  'panelTitle-activeForeground': '#3b3b3b',
  'panelTitle-inactiveForeground': '#3b3b3b',
  errorForeground: '#a1260d',
  'testing-iconPassed': '#388a34',
  'notifications-background': '#ffffff',
  'notifications-foreground': '#3b3b3b',
  'notifications-border': '#e5e5e5',
  'widget-shadow': '#00000029',
  'inputValidation-infoBorder': '#007acc',
  'progressBar-background': '#005fb8',
};

const dark = {
  foreground: '#cccccc',
  descriptionForeground: '#9d9d9d',
  'editor-background': '#1f1f1f',
  focusBorder: '#0078d4',
  'button-background': '#0078d4',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1',
  'button-border': '#ffffff12',
  'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c',
  'textLink-foreground': '#4daafc',
  'textLink-activeForeground': '#4daafc',
  'charts-foreground': '#cccccc',
  'charts-red': '#f14c4c',
  'charts-blue': '#3794ff',
  'charts-yellow': '#cca700',
  'charts-orange': '#d18616',
  'charts-green': '#89d185',
  'charts-purple': '#b180d7',
  'badge-background': '#616161',
  'badge-foreground': '#f8f8f8',
  'list-hoverBackground': '#2a2d2e',
  'panelTitle-activeBorder': '#0078d4',
  'panelTitle-activeForeground': '#cccccc',
  'panelTitle-inactiveForeground': '#9d9d9d',
  errorForeground: '#f85149',
  'testing-iconPassed': '#73c991',
  'notifications-background': '#1f1f1f',
  'notifications-foreground': '#cccccc',
  'notifications-border': '#2b2b2b',
  'widget-shadow': '#0000005c',
  'inputValidation-infoBorder': '#007acc',
  'progressBar-background': '#0078d4',
};

const highContrast = {
  ...dark,
  foreground: '#ffffff',
  descriptionForeground: '#ffffff',
  'editor-background': '#000000',
  focusBorder: '#f38518',
  contrastBorder: '#6fc3df',
  contrastActiveBorder: '#f38518',
  'button-background': '#000000',
  'button-border': '#6fc3df',
  'textLink-foreground': '#21a6ff',
  'list-hoverBackground': '#000000',
};

export type ThemeName = 'light' | 'dark' | 'high-contrast';

const THEMES: Record<ThemeName, { bodyClass: string; vars: Record<string, string> }> = {
  light: { bodyClass: 'vscode-light', vars: light },
  dark: { bodyClass: 'vscode-dark', vars: dark },
  'high-contrast': { bodyClass: 'vscode-high-contrast', vars: highContrast },
};

/** The body class VS Code sets for the theme kind. */
export function themeBodyClass(theme: ThemeName): string {
  return THEMES[theme].bodyClass;
}

/** A stylesheet declaring the theme's `--vscode-*` variables on `:root`, as VS Code does. */
export function themeCss(theme: ThemeName): string {
  const vars = { ...common, ...THEMES[theme].vars };
  const lines = Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`);
  return `:root {\n${lines.join('\n')}\n}\n`;
}
