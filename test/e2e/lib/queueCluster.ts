// n8n in queue mode, scaled out as n8n documents it: PostgreSQL and Redis shared by one main
// instance (editor, API, activation: the triggers' create/checkExists/delete run here), webhook
// processors (`n8n webhook`: the triggers' webhook() runs here) and a worker (`n8n worker`: runs
// the executions), all with EXECUTIONS_MODE=queue, one encryption key and one public webhook URL
// (a round-robin balancer in front of the processors). Each process has its own user folder with
// our packed package installed as a user installs it. Main does not serve production webhooks
// (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true), so every delivery is a webhook processor's.
//
// start() starts everything or, if anything fails to start, stops what it started and throws with
// that process's log; stop() stops everything, whatever state it is in.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { installPackage, packPackage, PACKED_TARBALL_ENV } from './communityPackage';
import type { OwnerAccount } from './n8nClient';
import { N8n } from './n8nInstance';
import { N8nProcess } from './n8nProcess';
import { E2E_SCRATCH_ROOT } from './paths';
import type { N8nFlavor } from './paths';
import { LoadBalancer } from './loadBalancer';
import { startPostgres, startRedis } from './queueServices';
import type { PostgresServer, RedisServer } from './queueServices';

export interface QueueClusterOptions {
	/** How many `n8n webhook` processes (default 2). */
	webhookProcessors?: number;
	/** Root folder of the user folders and logs (default: a fresh scratch folder, removed by stop()). */
	folder?: string;
	keepFolder?: boolean;
	tarball?: string;
	flavor?: N8nFlavor;
	/** N8N_LOG_LEVEL of main and the processors (default warn). The worker logs at info: it names each execution it runs. */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Ports for `npm start -- --queue`: main's and the public webhook URL's (default free ones). */
	mainPort?: number;
	publicPort?: number;
	owner?: OwnerAccount;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	echo?: boolean;
}

export class QueueCluster {
	main: N8n | undefined;
	readonly webhookProcessors: N8nProcess[] = [];
	worker: N8nProcess | undefined;
	postgres: PostgresServer | undefined;
	redis: RedisServer | undefined;
	balancer: LoadBalancer | undefined;
	/** Seconds each part took to start, for the run's report. */
	readonly startSeconds: Record<string, number> = {};

	private constructor(
		readonly folder: string,
		private readonly options: QueueClusterOptions,
		private readonly removeFolder: boolean,
	) {}

	static async start(options: QueueClusterOptions = {}): Promise<QueueCluster> {
		const scratch = options.folder === undefined;
		const folder = options.folder ?? path.join(E2E_SCRATCH_ROOT, `queue-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`);
		mkdirSync(folder, { recursive: true });
		const keep = options.keepFolder ?? process.env.E2E_KEEP_USER_FOLDERS === '1';
		const cluster = new QueueCluster(folder, options, scratch && !keep);
		try {
			await cluster.startAll();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/** The public webhook base URL (with its trailing slash): what the triggers register. */
	get publicUrl(): string {
		if (!this.balancer) throw new Error('the queue cluster is not running');
		return this.balancer.url;
	}

	/** Main, for the driver API (workflows, credentials, activation, executions). */
	get n8n(): N8n {
		if (!this.main) throw new Error('the queue cluster is not running');
		return this.main;
	}

	/** Every n8n process with its label, main first. */
	processes(): N8nProcess[] {
		return [this.main?.server, ...this.webhookProcessors, this.worker].filter((process): process is N8nProcess => process !== undefined);
	}

	/** Marks in every process's log, for logsSince(). */
	logMarks(): Map<N8nProcess, number> {
		return new Map(this.processes().map((process) => [process, process.logMark()]));
	}

	/** What every process logged since `marks` (all of it without), each line prefixed with its label. */
	logsSince(marks?: Map<N8nProcess, number>): string {
		return this.processes()
			.map((process) => {
				const text = process.logSince(marks?.get(process) ?? 0).trimEnd();
				return text === '' ? '' : text.split('\n').map((line) => `[${process.label}] ${line}`).join('\n');
			})
			.filter(Boolean)
			.join('\n');
	}

	/** The ids of the executions the worker logged as finished ("Worker finished execution N"). */
	executionsFinishedByWorker(): string[] {
		return [...(this.worker?.log() ?? '').matchAll(/Worker finished execution (\d+)/g)].map((match) => match[1]);
	}

	async stop(): Promise<void> {
		const errors: unknown[] = [];
		const attempt = async (step: () => Promise<void> | undefined) => {
			try {
				await step();
			} catch (error) {
				errors.push(error);
			}
		};
		// Receivers first, then main, then what they share.
		await Promise.all([...this.webhookProcessors.map((processor) => attempt(() => processor.stop())), attempt(() => this.worker?.stop())]);
		await attempt(() => this.main?.stop());
		await attempt(() => this.balancer?.close());
		await attempt(() => this.redis?.stop());
		await attempt(() => this.postgres?.stop());
		if (this.removeFolder) rmSync(this.folder, { recursive: true, force: true });
		if (errors.length > 0) throw errors[0];
	}

	private async startAll(): Promise<void> {
		const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
			const started = Date.now();
			const result = await step();
			this.startSeconds[name] = (Date.now() - started) / 1000;
			return result;
		};
		const tarball =
			this.options.tarball ?? process.env[PACKED_TARBALL_ENV] ?? (await packPackage(path.join(this.folder, 'pack')));
		const count = this.options.webhookProcessors ?? 2;
		const folders = {
			main: path.join(this.folder, 'main'),
			webhooks: Array.from({ length: count }, (_, index) => path.join(this.folder, `webhook-${index + 1}`)),
			worker: path.join(this.folder, 'worker'),
		};

		// The package in every n8n's user folder, while the databases start.
		const installs = timed('package installs', async () => {
			await Promise.all([folders.main, ...folders.webhooks, folders.worker].map((folder) => installPackage(folder, tarball)));
		});
		installs.catch(() => undefined);
		[this.postgres, this.redis] = await Promise.all([
			timed('PostgreSQL', () => startPostgres({ logFile: path.join(this.folder, 'postgres.log') })),
			timed('Redis', () => startRedis({ logFile: path.join(this.folder, 'redis.log') })),
		]);
		await installs;

		// The public URL exists before anything registers it; the processors join it once started.
		const processorPorts: Array<{ host: string; port: number }> = [];
		this.balancer = await LoadBalancer.start(processorPorts, this.options.publicPort ?? 0);
		const env: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			...this.postgres.n8nEnv,
			...this.redis.n8nEnv,
			...this.options.env,
		};
		const common = {
			flavor: this.options.flavor,
			webhookUrl: this.balancer.url,
			logLevel: this.options.logLevel ?? (process.env.E2E_QUEUE_LOG_LEVEL as 'debug' | undefined) ?? 'warn',
			echo: this.options.echo,
		};

		// Main first: it creates the database schema the others need.
		this.main = await timed('main', () =>
			N8n.start({
				...common,
				label: 'main',
				userFolder: folders.main,
				installPackage: false,
				port: this.options.mainPort,
				owner: this.options.owner,
				keepUserFolder: true,
				env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			}),
		);
		const webhookProcessors = folders.webhooks.map((userFolder, index) =>
			timed(`webhook processor ${index + 1}`, () =>
				N8nProcess.start({ ...common, command: 'webhook', label: `webhook-${index + 1}`, userFolder, env }),
			),
		);
		const worker = timed('worker', () =>
			N8nProcess.start({ ...common, command: 'worker', label: 'worker', userFolder: folders.worker, env, logLevel: 'info' }),
		);
		const started = await Promise.allSettled([...webhookProcessors, worker]);
		for (const result of started.slice(0, -1)) {
			if (result.status === 'fulfilled') this.webhookProcessors.push(result.value);
		}
		const workerResult = started[started.length - 1];
		if (workerResult.status === 'fulfilled') this.worker = workerResult.value;
		const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failure) throw failure.reason;
		for (const processor of this.webhookProcessors) processorPorts.push({ host: '127.0.0.1', port: processor.port });
	}
}
