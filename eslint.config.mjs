// @ts-check
import eslint from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// The architecture, enforced (README "How this house is built").
// Platform folders hold what every feature uses; they never import a feature.
const PLATFORM = ['common', 'config', 'database', 'jobs', 'metrics', 'integrations', 'bootstrap'];
// Feature folders: one per product area. A feature may import another feature's public
// surface only: its Nest module, its services and repositories (what the module exports) and
// its types (`*.module.ts`, `*.service.ts`, `*.repository.ts`, `*.types.ts` at the folder's top).
// Controllers, DTOs, jobs, mappers and helpers are the feature's own business.
const FEATURES = [
  'campaigns',
  'calls',
  'post-call',
  'sync',
  'booking',
  'health',
  'events',
  'console',
  'alerts',
  'privacy',
];
const PUBLIC_SURFACE = ['module', 'service', 'repository', 'types'].map(
  (role) => `**/src/*/*.${role}.ts`,
);
// Files a feature exposes beyond that naming convention, each with its reason.
const EXPOSED = [
  // The event log's contract with every webhook feature: how a delivery is identified.
  '**/src/events/delivery-identity.ts',
  // The id rule of a call (ElevenLabs' conversation id), for every route and file path naming one.
  '**/src/calls/conversation-id.ts',
  // The data-collection ids every campaign agent carries, which post-call keeps apart.
  '**/src/campaigns/screening-items.ts',
];
// Deliberate edges beyond the public surface, each with its reason.
const ALLOWED_EDGES = {
  calls: [
    // A call without a stored package builds its script from the same templates as a campaign.
    '**/src/campaigns/agent-script.ts',
    // …read from the same template files (built-in or the operator's per-campaign override).
    '**/src/campaigns/script-templates.ts',
    // A call names its campaign with the same id rule as the campaign set-up.
    '**/src/campaigns/dto/setup-campaign.dto.ts',
  ],
  privacy: [
    // Erasure names a thread with the same id rule as the booking route.
    '**/src/booking/dto/booking-message.dto.ts',
  ],
};

// Specs beside the code may use test/support (e.g. the controller harness); the app may not.
const appOnlyZones = [
  { target: './src', from: './test', message: 'The app never imports test code.' },
];

// The one platform file that names feature types: the schema types its jsonb columns with the
// shapes the features own (`.$type<…>()`), imported as types from their `*.types.ts` only.
const SCHEMA = './src/database/schema.ts';

const boundaryZones = [
  {
    target: PLATFORM.map((folder) =>
      folder === 'database' ? './src/database/**/!(schema).ts' : `./src/${folder}`,
    ),
    from: FEATURES.map((folder) => `./src/${folder}`),
    message: 'Platform folders never import a feature; move the shared piece to the platform.',
  },
  {
    target: SCHEMA,
    from: `./src/{${FEATURES.join(',')}}/**`,
    except: ['**/src/*/*.types.ts'],
    message: "The schema imports only features' `*.types.ts` (the shapes of its jsonb columns).",
  },
  ...FEATURES.map((feature) => ({
    target: `./src/${feature}`,
    from: `./src/{${FEATURES.filter((other) => other !== feature).join(',')}}/**`,
    except: [...PUBLIC_SURFACE, ...EXPOSED, ...(ALLOWED_EDGES[feature] ?? [])],
    message:
      "A feature imports another feature's module, services, repositories or types only (eslint.config.mjs).",
  })),
  {
    target: './src',
    from: ['./scripts', './tools'],
    message: 'The app never imports scripts or tools.',
  },
  {
    target: './scripts',
    from: './test',
    message: 'Scripts share code with tests through tools/, not test/.',
  },
  {
    target: ['./test', './tools'],
    from: './scripts',
    message: 'Tests share code with scripts through tools/, not scripts/.',
  },
  { target: './tools', from: './test', message: 'tools/ is shared; it never imports test/.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'coverage',
      'node_modules',
      'data',
      'eslint.config.mjs',
      'src/metadata.ts',
      '**/*.js',
      // The console's browser code is checked like the rest (typed by JSDoc, tsconfig.console.json).
      '!src/console/public/**/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: boundaryZones },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      // A file over 300 lines of code asks to be split (docs/style.md 1).
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // No import cycles, type-only imports included (`npx madge --circular --extensions ts src`
      // agrees): a cycle means two files are one concern, or a shared piece wants its own file.
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...boundaryZones, ...appOnlyZones] },
      ],
    },
  },
  {
    // The console: browser ES modules, type-checked through JSDoc (`checkJs`) by their own
    // tsconfig, which also gives the lint its type information. tsc reports undefined names.
    files: ['src/console/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      parserOptions: {
        projectService: false,
        project: './tsconfig.console.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: { 'no-undef': 'off' },
  },
  {
    // `*.types.ts` may be imported across features and by the schema because it holds types
    // only; a runtime value there would ride on that exemption.
    files: ['src/**/*.types.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ExportNamedDeclaration > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSEnumDeclaration)',
          message: '`*.types.ts` holds types only: move the value to its own file.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'tools/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
