// ESLint (flat config): Next.js's core-web-vitals and TypeScript rules (react, react-hooks — including React 19's
// compiler rules —, @next/next, typescript-eslint). `npm run lint`; a layer of `npm test`, where a warning fails too.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { id: _, ...rest } = row` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS by design (the solc shim forge runs as a compiler).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    ignores: ['.next/**', 'node_modules/**', 'contracts/**', 'contracts-abi/**', 'public/**', '.chain/**', '.index/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
];
export default config;
