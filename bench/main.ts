// `npm run bench` after bench/run.sh has compiled it: runs each part in its own process (a clean
// heap and JIT state for each), collects their JSON results, prints the report and, on a full
// run, writes it to BENCHMARKS.md.
//   --only=receive,lifecycle,footprint,n8n   run some parts (the report is printed, not written)
//   --quick                                   fewer runs and shorter load, for trying the bench out
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { findN8nInstallation } from '../test/e2e/lib/paths';
import { readResult, REPO_ROOT, RESULTS_DIR } from './lib/common';
import type { Machine, Results } from './report';
import { renderReport } from './report';

/** Hand-written: how the figures moved from change to change (appended to the report). */
const HISTORY = path.join(REPO_ROOT, 'bench', 'history.md');

const PARTS = [
	{ name: 'receive', result: 'receivePath', script: 'receivePath.js', nodeArgs: ['--expose-gc'], title: 'receive path vs JSON.parse' },
	{ name: 'lifecycle', result: 'lifecycle', script: 'lifecycle.js', nodeArgs: [], title: 'provider calls per lifecycle step (in process)' },
	{ name: 'footprint', result: 'footprint', script: 'footprint.js', nodeArgs: [], title: 'footprint' },
	{ name: 'n8n', result: 'realN8n', script: 'realN8n.js', nodeArgs: [], title: 'real n8n vs its Webhook node' },
	{
		name: 'n8n',
		result: 'realN8nLazy',
		script: 'realN8n.js',
		nodeArgs: [],
		title: 'real n8n vs its Webhook node, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		env: { BENCH_N8N_PROFILE: 'lazy-isolate' },
	},
] as const;

function argValue(name: string): string | undefined {
	const prefix = `--${name}=`;
	return process.argv.slice(2).find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function runPart(part: (typeof PARTS)[number], env: NodeJS.ProcessEnv): Promise<string | undefined> {
	return await new Promise((resolve) => {
		const child = spawn(process.execPath, [...part.nodeArgs, path.join(__dirname, part.script)], {
			env: { ...env, ...('env' in part ? part.env : {}) },
			stdio: ['ignore', 'inherit', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			process.stderr.write(chunk);
		});
		child.on('close', (code) => resolve(code === 0 ? undefined : stderr.trim() || `exited with code ${code}`));
	});
}

function n8nVersion(): string {
	try {
		const manifest = path.join(findN8nInstallation().dir, 'node_modules', 'n8n', 'package.json');
		return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
	} catch {
		const pinned = path.join(REPO_ROOT, 'test', 'e2e', 'n8n', 'package.json');
		if (!existsSync(pinned)) return 'not installed';
		const version = (JSON.parse(readFileSync(pinned, 'utf8')) as { dependencies?: { n8n?: string } }).dependencies?.n8n;
		return `${version ?? '?'} pinned, not installed`;
	}
}

function machine(loadAverageBefore: number[]): Machine {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		memoryBytes: os.totalmem(),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		n8n: n8nVersion(),
		loadAverageBefore,
		loadAverageAfter: os.loadavg(),
	};
}

async function main(): Promise<void> {
	const started = Date.now();
	const loadAverageBefore = os.loadavg();
	const only = argValue('only')?.split(',').map((name) => name.trim());
	const quick = process.argv.includes('--quick');
	const unknown = only?.filter((name) => !PARTS.some((part) => part.name === name)) ?? [];
	if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.map((part) => part.name).join(', ')}`);

	rmSync(RESULTS_DIR, { recursive: true, force: true });
	const env: NodeJS.ProcessEnv = { ...process.env, BENCH_REPO_ROOT: REPO_ROOT, ...(quick ? { BENCH_QUICK: '1' } : {}) };
	const failures: Record<string, string> = {};
	for (const part of PARTS) {
		if (only && !only.includes(part.name)) continue;
		const partStarted = Date.now();
		process.stdout.write(`bench: ${part.title}...\n`);
		const failure = await runPart(part, env);
		if (failure !== undefined) failures[part.title] = failure;
		process.stdout.write(`bench: ${part.title} ${failure === undefined ? 'done' : 'FAILED'} in ${((Date.now() - partStarted) / 1000).toFixed(0)} s\n`);
	}

	const full = !only && !quick;
	const results: Results = {
		machine: machine(loadAverageBefore),
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		seconds: (Date.now() - started) / 1000,
		receivePath: readResult('receivePath'),
		lifecycle: readResult('lifecycle'),
		footprint: readResult('footprint'),
		realN8n: readResult('realN8n'),
		realN8nLazy: readResult('realN8nLazy'),
		failures,
		history: existsSync(HISTORY) ? readFileSync(HISTORY, 'utf8') : undefined,
	};
	const report = renderReport(results);
	writeFileSync(path.join(RESULTS_DIR, 'report.md'), report);
	process.stdout.write(`\n${report}\n`);
	if (full) {
		writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), report);
		process.stdout.write('bench: wrote BENCHMARKS.md\n');
	} else {
		process.stdout.write('bench: partial or quick run, BENCHMARKS.md left as it was (report in .cache/bench-results/report.md)\n');
	}
	if (Object.keys(failures).length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
