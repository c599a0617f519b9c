// Child process of the footprint part: loads every node and credential package.json declares,
// the way n8n's loader does (require the file, construct the class), in a fresh process, and
// prints the times as JSON. n8n-workflow is loaded first and timed apart: inside n8n it is
// already loaded, so "ours" is the time after it.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import { DIST_DIR, msSince, REPO_ROOT } from './lib/common';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const declared = [...manifest.n8n.credentials, ...manifest.n8n.nodes].map((file) => path.join(DIST_DIR, file.replace(/^dist\//, '')));
const files = declared.filter((file) => existsSync(file));
const missing = declared.filter((file) => !existsSync(file)).map((file) => path.relative(DIST_DIR, file));

const workflowStart = process.hrtime.bigint();
require('n8n-workflow');
const workflowMs = msSince(workflowStart);

const start = process.hrtime.bigint();
let classes = 0;
for (const file of files) {
	const exported = require(file) as Record<string, unknown>;
	for (const value of Object.values(exported)) {
		if (typeof value === 'function') {
			new (value as new () => unknown)();
			classes++;
		}
	}
}
const oursMs = msSince(start);
process.stdout.write(`${JSON.stringify({ files: files.length, missing, classes, oursMs, workflowMs })}\n`);
