import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { folderOf, forbiddenFor, LAYERS } from './architecture.js'

const byName = { group: ['../../*'], message: 'Import workspace packages by name.' }

/** Per package: no import of a package above it or beside it (architecture.js). */
const importDirections = [...LAYERS.flat(), 'web'].map((name) => ({
  files: [`${folderOf(name)}/**/*.{ts,tsx}`],
  // Tests and their support compose whatever they exercise.
  ignores: ['**/*.test.{ts,tsx}', '**/test/**', '**/testing.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          // The web app's pages reach its own models and ui two folders up, never beyond src.
          name === 'web' ? { ...byName, group: ['../../../*'] } : byName,
          {
            group: forbiddenFor(name).flatMap((other) => [
              `@dropmate/${other}`,
              `@dropmate/${other}/*`,
            ]),
            message: `${name} may not import this package: see docs/architecture.md.`,
          },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '.dropmate/', '.turbo/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [byName] }],
    },
  },
  // The service worker is plain JavaScript the browser runs as it is, in its own global scope.
  { files: ['web/public/**/*.js'], languageOptions: { globals: globals.serviceworker } },
  ...importDirections,
)
