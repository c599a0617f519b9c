// End-to-end tests against a real n8n (test/e2e/**/*.e2e.test.ts). Each test file starts at most
// one n8n (about 12 s) in beforeAll and shares it between its tests, so files run one at a time
// in one process (--runInBand in run.sh) and timeouts are long.
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		// `tsc --noEmit` type-checks these files in `npm test`; ts-jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, sourceMap: true } }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 60,
};
