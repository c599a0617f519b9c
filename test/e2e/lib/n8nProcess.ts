// One real n8n server process: the environment a headless self-hosted instance needs (see
// docs/real-n8n.md), start until /healthz/readiness answers, stop with SIGTERM, restart on
// the same user folder and ports, and n8n's own log kept in a file and in memory. A start that
// fails or takes too long throws with the log attached, because that log is the only way to
// tell why.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { findN8nInstallation } from './paths';
import type { N8nInstallation } from './paths';

/** The encryption key of every harness instance: credentials stay readable across restarts. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-email-webhooks-e2e-fixed-key';

export interface N8nProcessOptions {
	/** N8N_USER_FOLDER: n8n keeps its database, config and community packages in `<folder>/.n8n`. */
	userFolder: string;
	/** HTTP port of the editor, REST API and webhooks (default: a free port). */
	port?: number;
	/**
	 * false runs with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false: activation then runs the
	 * triggers' `create()` before answering, and a failure answers 400. Default true, n8n's default.
	 */
	publicationService?: boolean;
	/** Extra environment for n8n (wins over the harness's). */
	env?: Record<string, string>;
	/** How long to wait for /healthz/readiness (default E2E_N8N_START_TIMEOUT_MS or 120 s). */
	startTimeoutMs?: number;
	/** Also write n8n's output to this process's stdout (npm start). */
	echo?: boolean;
	/** N8N_LOG_LEVEL (default warn: our nodes' warnings are visible, n8n's chatter is not). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/**
 * When set, every n8n started appends its pid to this file, and the e2e globalTeardown ends those
 * still running: jest gives each test file a copy of `process`, whose exit event never fires.
 */
export const N8N_PID_FILE_ENV = 'E2E_N8N_PID_FILE';

const running = new Set<ChildProcess>();
process.once('exit', () => {
	// Outside jest (npm start): a crash must not leave an n8n (and its task runner) behind.
	for (const child of running) killGroup(child, 'SIGKILL');
});

export class N8nProcess {
	readonly userFolder: string;
	readonly port: number;
	readonly brokerPort: number;
	readonly baseUrl: string;
	/** N8N_WEBHOOK_URL, with its trailing slash: production URLs are `<this>webhook/...`. */
	readonly webhookBaseUrl: string;
	readonly logFile: string;
	readonly publicationService: boolean;
	/** Seconds the last start took until /healthz/readiness answered. */
	lastStartSeconds = 0;

	private child: ChildProcess | undefined;
	private exited: Promise<number | null> = Promise.resolve(null);
	private logText = '';

	private constructor(
		private readonly installation: N8nInstallation,
		private readonly options: N8nProcessOptions,
		port: number,
		brokerPort: number,
	) {
		this.userFolder = options.userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.webhookBaseUrl = `${this.baseUrl}/`;
		this.logFile = path.join(options.userFolder, 'n8n.log');
		this.publicationService = options.publicationService ?? true;
	}

	static async start(options: N8nProcessOptions): Promise<N8nProcess> {
		mkdirSync(options.userFolder, { recursive: true });
		const port = options.port ?? (await freePort());
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		const instance = new N8nProcess(findN8nInstallation(), options, port, brokerPort);
		await instance.launch();
		return instance;
	}

	get isRunning(): boolean {
		return this.child !== undefined;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Everything n8n printed since the first start (all restarts included). */
	log(): string {
		return this.logText;
	}

	/** A position in the log, for `logSince`. */
	logMark(): number {
		return this.logText.length;
	}

	logSince(mark: number): string {
		return this.logText.slice(mark);
	}

	/** SIGTERM (n8n's graceful shutdown: no trigger `delete()`), then start again on the same folder. */
	async restart(): Promise<void> {
		await this.stop();
		await this.launch();
	}

	/** SIGTERM and wait; SIGKILL the process group if n8n has not exited after `graceMs`. */
	async stop(graceMs = 30000): Promise<void> {
		const child = this.child;
		if (!child) return;
		this.appendLog(`\n--- harness: SIGTERM to n8n (pid ${child.pid}) ---\n`);
		child.kill('SIGTERM');
		const timer = new Promise<'timeout'>((resolve) => {
			const handle = setTimeout(() => resolve('timeout'), graceMs);
			handle.unref();
		});
		if ((await Promise.race([this.exited, timer])) === 'timeout') {
			this.appendLog(`--- harness: n8n did not exit within ${graceMs / 1000} s, SIGKILL ---\n`);
		}
		// The task runner is n8n's child in the same process group; never leave it behind.
		killGroup(child, 'SIGKILL');
		await this.exited;
	}

	private environment(): NodeJS.ProcessEnv {
		const inherited: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// Jest sets NODE_ENV=test, which changes n8n's behaviour; the in-process harness sets N8N_*.
			if (/^(N8N_|DB_|NODE_OPTIONS$|NODE_ENV$|JEST_|WEBHOOK_URL$|EXECUTIONS_)/.test(key)) continue;
			inherited[key] = value;
		}
		const nodeBin = path.dirname(this.installation.node);
		return {
			...inherited,
			PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
			NODE_ENV: 'production',
			NO_PROXY: ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(','),
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: this.webhookBaseUrl,
			N8N_EDITOR_BASE_URL: this.webhookBaseUrl,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			// It would block our nodes' calls to the emulators on 127.0.0.1 (it is off by default).
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: String(this.publicationService),
			DB_TYPE: 'sqlite',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'warn',
			...this.options.env,
		};
	}

	private async launch(): Promise<void> {
		const started = Date.now();
		const timeoutMs = this.options.startTimeoutMs ?? Number(process.env.E2E_N8N_START_TIMEOUT_MS ?? 120000);
		this.appendLog(`--- harness: starting n8n on ${this.baseUrl} (user folder ${this.userFolder}) ---\n`);
		const child = spawn(this.installation.node, [this.installation.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.environment(),
			// Its own process group, so that stop() can also end the task runner n8n starts.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		running.add(child);
		const pidFile = process.env[N8N_PID_FILE_ENV];
		if (pidFile && child.pid !== undefined) appendFileSync(pidFile, `${child.pid}\n`);
		// A test that forgets stop() must not keep jest alive; the exit hook above then ends n8n.
		child.unref();
		for (const stream of [child.stdout, child.stderr]) (stream as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
		child.stdout?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				running.delete(child);
				if (this.child === child) this.child = undefined;
				this.appendLog(`--- harness: n8n exited (code ${code}, signal ${signal}) ---\n`);
				resolve(code);
			});
			child.once('error', (error) => {
				running.delete(child);
				if (this.child === child) this.child = undefined;
				this.appendLog(`--- harness: could not start n8n: ${error.message} ---\n`);
				resolve(null);
			});
		});

		const deadline = started + timeoutMs;
		let exitedEarly = false;
		void this.exited.then(() => {
			exitedEarly = true;
		});
		while (!exitedEarly && Date.now() < deadline) {
			if (await isReady(this.baseUrl)) {
				this.lastStartSeconds = (Date.now() - started) / 1000;
				return;
			}
			await delay(250);
		}
		const why = exitedEarly ? 'n8n exited before it was ready' : `n8n was not ready after ${timeoutMs / 1000} s`;
		await this.stop(5000);
		throw new Error(`${why} (${this.baseUrl}, user folder ${this.userFolder}).\n` + `n8n's log:\n${tail(this.logText, 200)}`);
	}

	private appendLog(text: string): void {
		this.logText += text;
		appendFileSync(this.logFile, text);
		if (this.options.echo) process.stdout.write(text);
	}
}

async function isReady(baseUrl: string): Promise<boolean> {
	try {
		const response = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.status === 200;
	} catch {
		return false;
	}
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address() as net.AddressInfo;
			server.close(() => resolve(address.port));
		});
	});
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

function tail(text: string, lines: number): string {
	return text.split('\n').slice(-lines).join('\n');
}

export async function delay(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
