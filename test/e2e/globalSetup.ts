// Runs once before the end-to-end test files: fails fast when the pinned n8n is not installed,
// packs the built package once so every test file installs the same tarball, and names the file
// where each n8n started records its pid (globalTeardown ends any a test left running).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { packPackage, PACKED_TARBALL_ENV } from './lib/communityPackage';
import { N8N_PID_FILE_ENV } from './lib/n8nProcess';
import { E2E_SCRATCH_ROOT, findN8nInstallation } from './lib/paths';

export default async function globalSetup(): Promise<void> {
	findN8nInstallation();
	const runFolder = path.join(E2E_SCRATCH_ROOT, `run-${process.pid}`);
	mkdirSync(runFolder, { recursive: true });
	const started = Date.now();
	const tarball = await packPackage(runFolder);
	// Test files run in band in this process and inherit these variables.
	process.env[PACKED_TARBALL_ENV] = tarball;
	process.env[N8N_PID_FILE_ENV] = path.join(runFolder, 'n8n-pids');
	process.stderr.write(`\ne2e: packed ${path.basename(tarball)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
