// Lints what n8n's scanner lints, the way it lints it: the shippable sources (package.json,
// nodes/, credentials/) and, when built, the published JavaScript in dist/. Inline
// `eslint-disable` comments are ignored (allowInlineConfig: false), exactly as the scanner does,
// and warnings fail the run too so nothing reaches the scanner half-fixed.
import { ESLint } from 'eslint';
import { existsSync } from 'node:fs';

const eslint = new ESLint({ allowInlineConfig: false });
const patterns = ['package.json', 'nodes/**/*.{ts,json}', 'credentials/**/*.{ts,json}'];
if (existsSync('dist')) patterns.push('dist/**/*.js');

const results = await eslint.lintFiles(patterns);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
if (output) console.log(output);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
console.log(`lint: ${results.length} files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
