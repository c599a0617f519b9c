// One real n8n process: the environment a headless self-hosted instance needs (see
// docs/real-n8n.md), start until /healthz/readiness answers, stop with SIGTERM, restart on
// the same user folder and ports, and n8n's own log kept in a file and in memory. A start that
// fails or takes too long throws with the log attached, because that log is the only way to
// tell why. The process is `n8n start` (a main instance) by default, or, in queue mode, a
// webhook processor (`n8n webhook`) or a worker (`n8n worker`, readiness on its health port); it
// runs the pinned 2.x or 1.x (`flavor`).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { findN8nInstallation } from './paths';
import type { N8nFlavor, N8nInstallation } from './paths';

/** The encryption key of every harness instance: credentials stay readable across restarts. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-email-webhooks-e2e-fixed-key';

/** `start`: a main instance; `webhook` / `worker`: queue mode's webhook processor and worker. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nProcessOptions {
	/** Which n8n command runs (default `start`). */
	command?: N8nCommand;
	/** Which pinned n8n (default: E2E_N8N, else 2x). */
	flavor?: N8nFlavor;
	/** Names the process in messages and in its log (default `n8n`, `n8n webhook`, `n8n worker`). */
	label?: string;
	/**
	 * The public base URL of production webhooks (N8N_WEBHOOK_URL; WEBHOOK_URL on 1.x), with a
	 * trailing slash. Default: this process's own address. Queue mode gives all processes one.
	 */
	webhookUrl?: string;
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

/**
 * Records a process the e2e globalTeardown must end if a test leaves it running: its pid (a
 * process group leader) and a piece of its command line that proves the pid is still ours.
 */
export function recordPid(pid: number | undefined, commandLineContains: string): void {
	const pidFile = process.env[N8N_PID_FILE_ENV];
	if (pidFile && pid !== undefined) appendFileSync(pidFile, `${pid}\t${commandLineContains}\n`);
}

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
	readonly command: N8nCommand;
	readonly label: string;
	readonly installation: N8nInstallation;
	/** Seconds the last start took until /healthz/readiness answered. */
	lastStartSeconds = 0;

	private child: ChildProcess | undefined;
	private exited: Promise<number | null> = Promise.resolve(null);
	private logText = '';

	private constructor(
		installation: N8nInstallation,
		private readonly options: N8nProcessOptions,
		port: number,
		brokerPort: number,
	) {
		this.installation = installation;
		this.command = options.command ?? 'start';
		this.label = options.label ?? (this.command === 'start' ? 'n8n' : `n8n ${this.command}`);
		this.userFolder = options.userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.webhookBaseUrl = options.webhookUrl ?? `${this.baseUrl}/`;
		this.logFile = path.join(options.userFolder, 'n8n.log');
		// n8n 1.x has no publication service: activation always runs create() before answering.
		this.publicationService = installation.major >= 2 && (options.publicationService ?? true);
	}

	static async start(options: N8nProcessOptions): Promise<N8nProcess> {
		mkdirSync(options.userFolder, { recursive: true });
		const port = options.port ?? (await freePort());
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		const instance = new N8nProcess(findN8nInstallation(options.flavor), options, port, brokerPort);
		await instance.launch();
		return instance;
	}

	/** The n8n major version this process runs (1 or 2). */
	get major(): number {
		return this.installation.major;
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
		this.appendLog(`\n--- harness: SIGTERM to ${this.label} (pid ${child.pid}) ---\n`);
		child.kill('SIGTERM');
		const timer = new Promise<'timeout'>((resolve) => {
			const handle = setTimeout(() => resolve('timeout'), graceMs);
			handle.unref();
		});
		if ((await Promise.race([this.exited, timer])) === 'timeout') {
			this.appendLog(`--- harness: ${this.label} did not exit within ${graceMs / 1000} s, SIGKILL ---\n`);
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
		const v1 = this.installation.major < 2;
		const worker = this.command === 'worker';
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
			// n8n 1.x reads only WEBHOOK_URL; 2.x prefers N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated).
			...(v1 ? { WEBHOOK_URL: this.webhookBaseUrl } : { N8N_WEBHOOK_URL: this.webhookBaseUrl }),
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			// A 2.x module (it logs ENOTFOUND stack traces here); 1.x refuses to start with it named.
			...(v1 ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
			// A worker serves no editor: its health endpoints answer on this port instead.
			...(worker ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
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
		this.appendLog(
			`--- harness: starting ${this.label} (n8n ${this.installation.version} ${this.command}) on ${this.baseUrl} (user folder ${this.userFolder}) ---\n`,
		);
		const child = spawn(this.installation.node, [this.installation.n8nBin, this.command], {
			cwd: this.userFolder,
			env: this.environment(),
			// Its own process group, so that stop() can also end the task runner n8n starts.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		running.add(child);
		recordPid(child.pid, this.installation.n8nBin);
		// A test that forgets stop() must not keep jest alive; the exit hook above then ends n8n.
		child.unref();
		for (const stream of [child.stdout, child.stderr]) (stream as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
		child.stdout?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				running.delete(child);
				if (this.child === child) this.child = undefined;
				this.appendLog(`--- harness: ${this.label} exited (code ${code}, signal ${signal}) ---\n`);
				resolve(code);
			});
			child.once('error', (error) => {
				running.delete(child);
				if (this.child === child) this.child = undefined;
				this.appendLog(`--- harness: could not start ${this.label}: ${error.message} ---\n`);
				resolve(null);
			});
		});

		const deadline = started + timeoutMs;
		let exitedEarly = false;
		void this.exited.then(() => {
			exitedEarly = true;
		});
		while (!exitedEarly && Date.now() < deadline) {
			if (await isReady(this.baseUrl, this.command === 'start' && this.installation.major < 2)) {
				this.lastStartSeconds = (Date.now() - started) / 1000;
				return;
			}
			await delay(250);
		}
		const why = exitedEarly ? `${this.label} exited before it was ready` : `${this.label} was not ready after ${timeoutMs / 1000} s`;
		await this.stop(5000);
		throw new Error(`${why} (${this.baseUrl}, user folder ${this.userFolder}).\n` + `${this.label}'s log:\n${tail(this.logText, 200)}`);
	}

	private appendLog(text: string): void {
		this.logText += text;
		appendFileSync(this.logFile, text);
		if (this.options.echo) process.stdout.write(text);
	}
}

/**
 * /healthz/readiness answers 200. n8n 1.x answers it while migrations still run and before its
 * REST routes exist (they answer Express's "Cannot GET"), so a 1.x main must also answer
 * /rest/settings with JSON.
 */
async function isReady(baseUrl: string, alsoRest: boolean): Promise<boolean> {
	try {
		const response = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		if (response.status !== 200) return false;
		if (!alsoRest) return true;
		const settings = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2000) });
		const text = await settings.text();
		return settings.status === 200 && text.trimStart().startsWith('{');
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
