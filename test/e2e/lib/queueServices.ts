// The two servers n8n's queue mode shares between its processes, from the machine's Debian
// packages (`apt-get install postgresql redis-server`; .ci/run installs them when missing), each
// started here on 127.0.0.1 with a free port and its own scratch data folder, and stopped again.
// PostgreSQL refuses to run as root: as root, its data folder (under the system temp folder, which
// every user can reach) belongs to the `postgres` user the Debian package creates, and initdb and
// postgres run as that user through `setpriv` (which execs in place, so the pid we hold is
// postgres itself). A server that does not start throws with its log.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { delay, freePort, recordPid } from './n8nProcess';

const run = promisify(execFile);

/** A server process with its output kept, started in its own process group. */
class ServerProcess {
	private logText = '';
	private exitedWith: string | undefined;
	readonly exited: Promise<void>;

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
		private readonly logFile: string,
	) {
		for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => this.append(chunk.toString()));
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.exitedWith = `code ${code}, signal ${signal}`;
				this.append(`--- harness: ${name} exited (${this.exitedWith}) ---\n`);
				resolve();
			});
			child.once('error', (error) => {
				this.exitedWith = error.message;
				this.append(`--- harness: could not start ${name}: ${error.message} ---\n`);
				resolve();
			});
		});
		child.unref();
	}

	get hasExited(): boolean {
		return this.exitedWith !== undefined;
	}

	log(): string {
		return this.logText;
	}

	append(text: string): void {
		this.logText += text;
		appendFileSync(this.logFile, text);
	}

	/** `signal` to the process group, SIGKILL after `graceMs`. */
	async stop(signal: NodeJS.Signals, graceMs = 15000): Promise<void> {
		if (this.hasExited || this.child.pid === undefined) return;
		signalGroup(this.child.pid, signal);
		const timer = delay(graceMs).then(() => 'timeout' as const);
		if ((await Promise.race([this.exited, timer])) === 'timeout') {
			this.append(`--- harness: ${this.name} did not exit within ${graceMs / 1000} s, SIGKILL ---\n`);
			signalGroup(this.child.pid, 'SIGKILL');
			await this.exited;
		}
	}

	/** Throws `message` with the server's log. */
	fail(message: string): never {
		throw new Error(`${message}\n${this.name}'s log:\n${this.logText.split('\n').slice(-80).join('\n')}`);
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

/** Waits until `ready()` or the process exits or `timeoutMs` passes (then throws with its log). */
async function waitUntilReady(server: ServerProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!server.hasExited && Date.now() < deadline) {
		if (await ready()) return;
		await delay(200);
	}
	const why = server.hasExited ? `${server.name} exited before it was ready` : `${server.name} was not ready after ${timeoutMs / 1000} s`;
	await server.stop('SIGKILL', 2000);
	server.fail(why);
}

// --- PostgreSQL -------------------------------------------------------------------------------

/** The newest PostgreSQL server installed by Debian's packages, or one on PATH. */
function findPostgresBin(): string {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((entry) => existsSync(path.join(root, entry, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return path.join(root, versions[0], 'bin');
	}
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb'))) return dir;
	}
	throw new Error('PostgreSQL is not installed: `apt-get install -y postgresql` (.ci/run does it when missing).');
}

/** Runs a PostgreSQL program as `user` (null: as ourselves). */
function asUser(user: { uid: number; gid: number } | null, program: string, args: string[]): [string, string[]] {
	if (!user) return [program, args];
	return ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', program, ...args]];
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
	if (process.getuid?.() !== 0) return null;
	try {
		const { stdout } = await run('getent', ['passwd', 'postgres']);
		const [, , uid, gid] = stdout.trim().split(':');
		return { uid: Number(uid), gid: Number(gid) };
	} catch {
		throw new Error(
			'PostgreSQL refuses to run as root and there is no `postgres` user to run it as: install it with ' +
				'`apt-get install -y postgresql` (which creates that user), or run the tests as a non-root user.',
		);
	}
}

export interface PostgresServer {
	host: string;
	port: number;
	database: string;
	user: string;
	/** The DB_* environment of every n8n process of the cluster. */
	n8nEnv: Record<string, string>;
	log(): string;
	stop(): Promise<void>;
}

/** initdb into a fresh scratch folder, start postgres on 127.0.0.1:<free port>, create the database. */
export async function startPostgres(options: { logFile: string; database?: string; timeoutMs?: number }): Promise<PostgresServer> {
	const bin = findPostgresBin();
	const user = await postgresUser();
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	if (user) chownSync(dataDir, user.uid, user.gid);
	writeFileSync(options.logFile, '');
	const database = options.database ?? 'n8n';
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C', PGTZ: 'UTC' };
	delete env.PGHOST;
	delete env.PGPORT;
	delete env.PGDATABASE;
	delete env.PGUSER;
	delete env.PGPASSWORD;

	const [initProgram, initArgs] = asUser(user, path.join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--no-locale',
		'--no-sync',
	]);
	try {
		await run(initProgram, initArgs, { env, cwd: dataDir, maxBuffer: 8 * 1024 * 1024 });
	} catch (error) {
		const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
		rmSync(dataDir, { recursive: true, force: true });
		throw new Error(`initdb failed (${(error as Error).message}):\n${stdout}\n${stderr}`);
	}

	const [program, args] = asUser(user, path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		dataDir, // its Unix socket stays in the scratch folder
		'-c',
		'listen_addresses=127.0.0.1',
		// A throwaway test database: durability settings off for speed.
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
		// E2E_POSTGRES_LOG_STATEMENTS=1: every data change in postgres.log (to see who wrote what).
		...(process.env.E2E_POSTGRES_LOG_STATEMENTS === '1' ? ['-c', 'log_statement=mod', '-c', 'log_line_prefix=%m [%p] %r '] : []),
	]);
	const child = spawn(program, args, { env, cwd: dataDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	recordPid(child.pid, dataDir);
	const server = new ServerProcess('PostgreSQL', child, options.logFile);
	server.append(`--- harness: ${path.join(bin, 'postgres')} on 127.0.0.1:${port}, data ${dataDir} ---\n`);
	const removeData = () => rmSync(dataDir, { recursive: true, force: true });
	const pgIsReady = async () =>
		await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q'], { env }).then(
			() => true,
			() => false,
		);
	try {
		await waitUntilReady(server, pgIsReady, options.timeoutMs ?? 60000);
		await run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], { env });
	} catch (error) {
		await server.stop('SIGKILL', 2000);
		removeData();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		database,
		user: 'postgres',
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		},
		log: () => server.log(),
		async stop() {
			// SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
			await server.stop('SIGINT');
			removeData();
		},
	};
}

// --- Redis --------------------------------------------------------------------------------------

export interface RedisServer {
	host: string;
	port: number;
	/** The QUEUE_BULL_REDIS_* environment of every n8n process of the cluster. */
	n8nEnv: Record<string, string>;
	log(): string;
	stop(): Promise<void>;
}

function findRedisServer(): string {
	for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin']) {
		if (dir && existsSync(path.join(dir, 'redis-server'))) return path.join(dir, 'redis-server');
	}
	throw new Error('Redis is not installed: `apt-get install -y redis-server` (.ci/run does it when missing).');
}

/** Answers PING with +PONG. */
async function redisPong(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** redis-server on 127.0.0.1:<free port>, nothing persisted, its folder a scratch one. */
export async function startRedis(options: { logFile: string; timeoutMs?: number }): Promise<RedisServer> {
	const program = findRedisServer();
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	writeFileSync(options.logFile, '');
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''];
	const child = spawn(program, args, { cwd: dataDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	// redis-server rewrites its command line to "redis-server 127.0.0.1:<port>".
	recordPid(child.pid, `127.0.0.1:${port}`);
	const server = new ServerProcess('Redis', child, options.logFile);
	server.append(`--- harness: ${program} on 127.0.0.1:${port} ---\n`);
	const removeData = () => rmSync(dataDir, { recursive: true, force: true });
	try {
		await waitUntilReady(server, async () => await redisPong(port), options.timeoutMs ?? 30000);
	} catch (error) {
		removeData();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		n8nEnv: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		log: () => server.log(),
		async stop() {
			await server.stop('SIGTERM');
			removeData();
		},
	};
}
