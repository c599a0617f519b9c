// After the end-to-end test files: ends every process a test left running (n8n processes,
// PostgreSQL, Redis, found through the pid file globalSetup named, and only if that pid's command
// line still shows it is ours) and removes the packed tarball.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { PACKED_TARBALL_ENV } from './lib/communityPackage';
import { N8N_PID_FILE_ENV } from './lib/n8nProcess';

export default async function globalTeardown(): Promise<void> {
	const pidFile = process.env[N8N_PID_FILE_ENV];
	if (pidFile && existsSync(pidFile)) {
		for (const line of readFileSync(pidFile, 'utf8').split('\n').filter(Boolean)) {
			const [pidText, proof = ''] = line.split('\t');
			const pid = Number(pidText);
			let commandLine = '';
			try {
				commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
			} catch {
				continue; // Exited, as it should have.
			}
			if (proof === '' || !commandLine.includes(proof)) continue; // The pid now belongs to another process.
			process.stderr.write(`e2e: a test did not stop pid ${pid} (${commandLine.trim().slice(0, 120)}); ending it\n`);
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone meanwhile.
				}
			}
		}
	}
	const tarball = process.env[PACKED_TARBALL_ENV];
	if (tarball) rmSync(path.dirname(tarball), { recursive: true, force: true });
}
