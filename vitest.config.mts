import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The bundles load rubric YAML as text (esbuild `loader: { '.yaml': 'text' }`); do the same in tests.
      name: 'yaml-as-text',
      transform(code, id) {
        if (id.endsWith('.yaml')) return { code: `export default ${JSON.stringify(code)};`, map: null };
        return undefined;
      },
    },
  ],
  define: { __SOP_MATURITY_VERSION__: JSON.stringify('0.0.0-test'), __SOP_MATURITY_BUILD__: JSON.stringify('test') },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/corpora/**/*.test.ts'],
    testTimeout: 120000,
  },
});
