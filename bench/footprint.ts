// Part 4 (without the memory figure, which receivePath.ts measures): what installing and loading
// the package costs. `npm pack --dry-run` gives the tarball and unpacked sizes of exactly what
// users download; package.json gives the runtime dependencies; the compiled files are scanned for
// every module they require; load time is the median over fresh processes (requireNodes.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

import { DIST_DIR, median, REPO_ROOT, writeResult } from './lib/common';

const LOAD_RUNS = process.env.BENCH_QUICK === '1' ? 5 : 11;

export interface FootprintResult {
	tarballBytes: number;
	unpackedBytes: number;
	files: number;
	runtimeDependencies: string[];
	peerDependencies: string[];
	/** Modules the compiled code requires that are not relative files. */
	externalRequires: string[];
	load: {
		runs: number;
		nodeFiles: number;
		/** Declared in package.json but not built. */
		missing: string[];
		classes: number;
		/** Median ms to require + construct every node and credential, n8n-workflow already loaded. */
		oursMs: number;
		/** Median ms to load n8n-workflow itself (n8n has it loaded already). */
		workflowMs: number;
	};
}

interface PackEntry {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function pack(): PackEntry {
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [entry] = JSON.parse(stdout) as PackEntry[];
	return entry;
}

function jsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return jsFiles(full);
		return name.endsWith('.js') ? [full] : [];
	});
}

function externalRequires(): string[] {
	const found = new Set<string>();
	for (const file of jsFiles(DIST_DIR)) {
		for (const match of readFileSync(file, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)) {
			if (!match[1].startsWith('.')) found.add(match[1]);
		}
	}
	return [...found].sort();
}

function loadTimes(): FootprintResult['load'] {
	const script = path.join(__dirname, 'requireNodes.js');
	const samples: Array<{ files: number; missing: string[]; classes: number; oursMs: number; workflowMs: number }> = [];
	for (let i = 0; i < LOAD_RUNS; i++) {
		const stdout = execFileSync(process.execPath, [script], { encoding: 'utf8', env: process.env });
		samples.push(JSON.parse(stdout) as (typeof samples)[number]);
	}
	return {
		runs: samples.length,
		nodeFiles: samples[0].files,
		missing: samples[0].missing,
		classes: samples[0].classes,
		oursMs: median(samples.map((sample) => sample.oursMs)),
		workflowMs: median(samples.map((sample) => sample.workflowMs)),
	};
}

function main(): void {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
		optionalDependencies?: Record<string, string>;
		bundleDependencies?: string[];
		bundledDependencies?: string[];
		peerDependencies?: Record<string, string>;
	};
	const packed = pack();
	const result: FootprintResult = {
		tarballBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		files: packed.entryCount,
		runtimeDependencies: [
			...Object.keys(manifest.dependencies ?? {}),
			...Object.keys(manifest.optionalDependencies ?? {}),
			...(manifest.bundleDependencies ?? manifest.bundledDependencies ?? []),
		],
		peerDependencies: Object.keys(manifest.peerDependencies ?? {}),
		externalRequires: externalRequires(),
		load: loadTimes(),
	};
	writeResult('footprint', result);
	process.stdout.write(
		`  tarball ${(result.tarballBytes / 1024).toFixed(1)} KB, unpacked ${(result.unpackedBytes / 1024).toFixed(1)} KB, ` +
			`${result.runtimeDependencies.length} runtime dependencies, load ${result.load.oursMs.toFixed(1)} ms\n`,
	);
}

main();
