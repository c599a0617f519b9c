// Puts our package into an n8n user folder the way a self-hosted user gets it: `npm pack` of the
// built package (so a file missing from package.json `files` fails here, as it would for users),
// then `npm install --omit=peer <tarball>` in `<user folder>/.n8n/nodes`, where n8n looks for
// community packages. `--omit=peer` keeps npm from installing a second n8n-workflow beside n8n's.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_NAME, REPO_ROOT } from './paths';

const run = promisify(execFile);

/** The tarball made by the e2e globalSetup, shared by every test file of the run. */
export const PACKED_TARBALL_ENV = 'E2E_PACKAGE_TARBALL';

/** Node files that package.json `n8n` declares, relative to the repository. */
export function declaredNodeFiles(): string[] {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[] };
	};
	return manifest.n8n?.nodes ?? [];
}

/**
 * The node type names a user will see in workflow JSON for every node package.json declares,
 * e.g. `n8n-nodes-email-webhooks.sarvTrigger` for `dist/nodes/Sarv/SarvTrigger.node.js`.
 */
export function declaredNodeTypes(): string[] {
	return declaredNodeFiles().map((file) => {
		const base = path.basename(file).replace(/\.node\.js$/, '');
		return `${PACKAGE_NAME}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}

/** Packs the built package (dist/ must exist) into `destination` and returns the tarball path. */
export async function packPackage(destination: string): Promise<string> {
	const missing = declaredNodeFiles().filter((file) => !existsSync(path.join(REPO_ROOT, file)));
	if (!existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ does not exist: run `npm run build` before the end-to-end tests.');
	}
	if (missing.length > 0) {
		// Packed anyway: n8n then reports the missing files, and the tests name the node types.
		process.stderr.write(`e2e: package.json declares node files that are not built: ${missing.join(', ')}\n`);
	}
	mkdirSync(destination, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		maxBuffer: 16 * 1024 * 1024,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return path.join(destination, packed.filename);
}

/** Installs the packed package into `<userFolder>/.n8n/nodes` (created when missing). */
export async function installPackage(userFolder: string, tarball: string): Promise<void> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	await run(
		'npm',
		['install', '--omit=peer', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
		{ cwd: nodesDir, maxBuffer: 16 * 1024 * 1024 },
	);
}
