// After the end-to-end test files: ends every n8n a test left running (found through the pid file
// globalSetup named, and only if that pid is still our n8n) and removes the packed tarball.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { PACKED_TARBALL_ENV } from './lib/communityPackage';
import { N8N_PID_FILE_ENV } from './lib/n8nProcess';
import { findN8nInstallation } from './lib/paths';

export default async function globalTeardown(): Promise<void> {
	const pidFile = process.env[N8N_PID_FILE_ENV];
	if (pidFile && existsSync(pidFile)) {
		const { n8nBin } = findN8nInstallation();
		for (const pid of readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)) {
			let commandLine = '';
			try {
				commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			} catch {
				continue; // Exited, as it should have.
			}
			if (!commandLine.includes(n8nBin)) continue; // The pid now belongs to another process.
			process.stderr.write(`e2e: a test did not stop n8n (pid ${pid}); ending it\n`);
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// Gone meanwhile.
			}
		}
	}
	const tarball = process.env[PACKED_TARBALL_ENV];
	if (tarball) rmSync(path.dirname(tarball), { recursive: true, force: true });
}
