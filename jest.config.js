// Unit and in-process tests (test/**/*.test.ts). The real-n8n end-to-end tests have their own
// config (test/e2e/jest.config.js) because they share one n8n instance and run serially.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		// Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, sourceMap: true } }],
	},
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	testTimeout: 20000,
};
