// Prints one closing line for the whole `npm test` run from jest's JSON results (the in-process
// suite and the real-n8n suite are two jest runs): "tests: N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of existsSync(folder) ? readdirSync(folder) : []) {
	const results = JSON.parse(readFileSync(join(folder, file), 'utf8'));
	passed += results.numPassedTests;
	failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
