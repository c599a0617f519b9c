// A real self-hosted n8n with our package installed, driven like a user would through its APIs:
// start (scratch or given user folder, owner and API key set up), credentials, workflows built
// around one trigger, activation with n8n's asynchronous publication made observable, executions
// read back, restart and stop. The end-to-end tests and `npm start` both build on this.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IConnections, INode, INodeCredentials, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { installPackage, packPackage, PACKED_TARBALL_ENV } from './communityPackage';
import { DEFAULT_OWNER, N8nApiError, N8nClient } from './n8nClient';
import type { OwnerAccount } from './n8nClient';
import { delay, N8nProcess } from './n8nProcess';
import type { N8nProcessOptions } from './n8nProcess';
import { E2E_SCRATCH_ROOT } from './paths';
import { declaresVersion, fullNodeType, latestVersion, makeNode, webhookEndpoints } from './workflows';
import type {
	StoredCredential,
	StoredExecution,
	StoredWorkflow,
	WebhookEndpoint,
	WorkflowDefinition,
} from './workflows';

export interface StartN8nOptions extends Partial<Omit<N8nProcessOptions, 'userFolder'>> {
	/** Default: a fresh scratch folder under .n8n-e2e/, removed by stop(). */
	userFolder?: string;
	/** Install our packed package into the user folder before starting (default true). */
	installPackage?: boolean;
	/** The `npm pack` tarball to install (default: the one the e2e globalSetup made, else pack now). */
	tarball?: string;
	owner?: OwnerAccount;
	/** Keep a scratch user folder after stop() (default: E2E_KEEP_USER_FOLDERS=1). */
	keepUserFolder?: boolean;
}

/** What activation did, as the user sees it in the editor. */
export interface ActivationResult {
	/** `published`: every trigger's `create()` succeeded; `partial` / `failed`: some / all did not. */
	status: 'published' | 'partial' | 'failed';
	/** The messages n8n shows for the failures (empty when published). */
	errors: string[];
	/** Per trigger node, from the publication service (empty when it is disabled). */
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface TriggerWorkflow {
	workflow: StoredWorkflow;
	/** The trigger node as stored (name, webhookId, parameters). */
	trigger: INode;
	/** Production URL of the trigger's first webhook: what the provider must be registered with. */
	webhookUrl: string;
	/** Every webhook of the trigger (e.g. the GET handshake and the POST delivery). */
	webhooks: WebhookEndpoint[];
}

export interface TriggerWorkflowOptions {
	/** A credential from createCredential(), or credentials as in workflow JSON. */
	credential?: StoredCredential;
	credentials?: INodeCredentials;
	name?: string;
	typeVersion?: number;
	/** Nodes after the trigger, connected in a chain from its main output. */
	followedBy?: Array<{ type: string; parameters?: INodeParameters; name?: string; typeVersion?: number }>;
}

export class N8n {
	private nodeTypesCache: INodeTypeDescription[] | undefined;

	private constructor(
		readonly server: N8nProcess,
		readonly client: N8nClient,
		private readonly owner: OwnerAccount,
		private readonly removeFolderOnStop: boolean,
		/** Seconds spent installing the packed package into the user folder. */
		readonly packageInstallSeconds: number,
	) {}

	static async start(options: StartN8nOptions = {}): Promise<N8n> {
		const scratch = options.userFolder === undefined;
		const userFolder =
			options.userFolder ?? path.join(E2E_SCRATCH_ROOT, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`);
		mkdirSync(userFolder, { recursive: true });

		let packageInstallSeconds = 0;
		if (options.installPackage ?? true) {
			const started = Date.now();
			const tarball = options.tarball ?? process.env[PACKED_TARBALL_ENV] ?? (await packPackage(path.join(userFolder, 'pack')));
			await installPackage(userFolder, tarball);
			packageInstallSeconds = (Date.now() - started) / 1000;
		}

		const keep = options.keepUserFolder ?? process.env.E2E_KEEP_USER_FOLDERS === '1';
		const removeFolder = scratch && !keep;
		let n8nProcess: N8nProcess | undefined;
		try {
			n8nProcess = await N8nProcess.start({ ...options, userFolder });
			const instance = new N8n(n8nProcess, new N8nClient(n8nProcess.baseUrl), options.owner ?? DEFAULT_OWNER, removeFolder, packageInstallSeconds);
			await instance.signIn();
			return instance;
		} catch (error) {
			// The error carries n8n's log; E2E_KEEP_USER_FOLDERS=1 keeps the folder for a closer look.
			await n8nProcess?.stop();
			if (removeFolder) rmSync(userFolder, { recursive: true, force: true });
			throw error;
		}
	}

	get baseUrl(): string {
		return this.server.baseUrl;
	}

	get userFolder(): string {
		return this.server.userFolder;
	}

	get publicationService(): boolean {
		return this.server.publicationService;
	}

	/** The n8n major version (1 or 2): the driver speaks each one's API. */
	get major(): number {
		return this.server.major;
	}

	/** The n8n version, e.g. 2.41.1. */
	get version(): string {
		return this.server.installation.version;
	}

	/** n8n's log since the first start; `logMark()`/`logSince()` for a slice. */
	log(): string {
		return this.server.log();
	}

	logMark(): number {
		return this.server.logMark();
	}

	logSince(mark: number): string {
		return this.server.logSince(mark);
	}

	/** SIGTERM and start again on the same user folder and port; signs in again. */
	async restart(): Promise<void> {
		await this.server.restart();
		this.nodeTypesCache = undefined;
		await this.signIn();
	}

	async stop(): Promise<void> {
		await this.server.stop();
		if (this.removeFolderOnStop) rmSync(this.userFolder, { recursive: true, force: true });
	}

	// --- node types -------------------------------------------------------------------------

	/** Every node type description n8n loaded (GET /types/nodes.json, one entry per version). */
	async nodeTypes(): Promise<INodeTypeDescription[]> {
		this.nodeTypesCache ??= await this.client.getWithSession<INodeTypeDescription[]>('/types/nodes.json');
		return this.nodeTypesCache;
	}

	/** The description of `typeName` (`sarvTrigger` or a full name), newest version unless given. */
	async nodeType(typeName: string, version?: number): Promise<INodeTypeDescription> {
		const type = fullNodeType(typeName);
		const candidates = (await this.nodeTypes()).filter((description) => description.name === type);
		if (candidates.length === 0) throw new Error(`n8n has not loaded node type ${type}`);
		const wanted = version ?? Math.max(...candidates.map(latestVersion));
		const match = candidates.find((description) => declaresVersion(description, wanted));
		if (!match) throw new Error(`n8n has node type ${type} but not version ${wanted}`);
		return match;
	}

	// --- credentials and workflows ----------------------------------------------------------

	async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<StoredCredential> {
		// n8n 1.x adds a domain allow-list field to the credential types that make HTTP requests
		// (ours among them), and its public API's schema then requires it; other types (n8n's own
		// OAuth credentials of the examples) refuse it.
		// Its public API also validates every field of OAuth types strictly; the examples' placeholder
		// credentials (HubSpot, Mailchimp, Slack) are then saved the way the editor saves them.
		if (this.major < 2) {
			const answer = await this.client.apiRaw('POST', '/credentials', { name, type, data: { allowedHttpRequestDomains: 'all', ...data } });
			if (answer.status >= 200 && answer.status <= 299) return answer.body as StoredCredential;
			if (answer.status !== 400) throw new N8nApiError('POST', '/api/v1/credentials', answer.status, answer.body);
			const saved = await this.client.rest<StoredCredential>('POST', '/credentials', { name, type, data });
			return { id: String(saved.id), name: saved.name, type: saved.type };
		}
		return await this.client.api<StoredCredential>('POST', '/credentials', { name, type, data });
	}

	/** POST /api/v1/workflows (settings default to the editor's `executionOrder: v1`). */
	async createWorkflow(workflow: WorkflowDefinition): Promise<StoredWorkflow> {
		return await this.client.api<StoredWorkflow>('POST', '/workflows', {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
	}

	async getWorkflow(workflowId: string): Promise<StoredWorkflow> {
		return await this.client.api<StoredWorkflow>('GET', `/workflows/${workflowId}`);
	}

	/**
	 * A workflow whose first node is the trigger `typeName` with `parameters` (plus optional nodes
	 * after it), saved but not active, and the trigger's production webhook URL.
	 */
	async createWorkflowWithTrigger(
		typeName: string,
		parameters: INodeParameters,
		options: TriggerWorkflowOptions = {},
	): Promise<TriggerWorkflow> {
		const description = await this.nodeType(typeName, options.typeVersion);
		const credentials =
			options.credentials ?? (options.credential ? { [options.credential.type]: { id: options.credential.id, name: options.credential.name } } : undefined);
		const trigger = makeNode(description, { parameters, credentials, typeVersion: options.typeVersion });
		const nodes: INode[] = [trigger];
		const connections: IConnections = {};
		for (const [index, next] of (options.followedBy ?? []).entries()) {
			const nextDescription = await this.nodeType(next.type, next.typeVersion);
			const node = makeNode(nextDescription, {
				parameters: next.parameters,
				name: next.name,
				typeVersion: next.typeVersion,
				position: [220 * (index + 1), 0],
			});
			const previous = nodes[nodes.length - 1];
			connections[previous.name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
			nodes.push(node);
		}
		const workflow = await this.createWorkflow({
			name: options.name ?? `${description.displayName} ${randomUUID().slice(0, 8)}`,
			nodes,
			connections,
		});
		const stored = workflow.nodes.find((node) => node.id === trigger.id) ?? trigger;
		const webhooks = webhookEndpoints(this.server.webhookBaseUrl, workflow.id, stored, description);
		if (webhooks.length === 0) throw new Error(`${description.name} declares no webhooks`);
		return { workflow, trigger: stored, webhookUrl: webhooks[0].productionUrl, webhooks };
	}

	/** GET /rest/workflows/{id}/publication-status (what the editor polls after Publish; 2.x only). */
	async publicationStatus(workflowId: string): Promise<PublicationStatus> {
		return await this.client.rest<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
	}

	/**
	 * Publishes (activates) a workflow and reports what happened to its triggers, without
	 * throwing for a trigger whose `create()` failed. With the publication service (n8n's default)
	 * the API answers before `create()` runs, so this polls the publication status until settled;
	 * without it, `create()` runs inside the request and a failure is its 400 answer.
	 */
	async publishWorkflow(workflowId: string, timeoutMs = 30000): Promise<ActivationResult> {
		// n8n 1.x calls it activating: POST /activate runs create() and answers 400 on a failure.
		const action = this.major < 2 ? 'activate' : 'publish';
		const answer = await this.client.apiRaw('POST', `/workflows/${workflowId}/${action}`, {});
		if (answer.status < 200 || answer.status > 299) {
			if (answer.status === 400 || answer.status === 409) {
				return { status: 'failed', errors: [messageOf(answer.body)], triggers: [] };
			}
			throw new N8nApiError('POST', `/api/v1/workflows/${workflowId}/${action}`, answer.status, answer.body);
		}
		if (!this.publicationService) return { status: 'published', errors: [], triggers: [] };
		const settled = await this.waitForPublication(workflowId, ['published', 'partial', 'failed'], timeoutMs);
		return {
			status: settled.status as ActivationResult['status'],
			errors: settled.triggers.filter((trigger) => trigger.errorMessage).map((trigger) => String(trigger.errorMessage)),
			triggers: settled.triggers,
		};
	}

	/** Publishes and throws (with n8n's messages and log) unless every trigger was created. */
	async activateWorkflow(workflowId: string): Promise<void> {
		const mark = this.logMark();
		const result = await this.publishWorkflow(workflowId);
		if (result.status !== 'published') {
			throw new Error(
				`Activating workflow ${workflowId} ended ${result.status}: ${result.errors.join('; ') || '(no message)'}\n` +
					`n8n's log meanwhile:\n${this.logSince(mark)}`,
			);
		}
	}

	/** Unpublishes and, with the publication service, waits until the triggers' `delete()` ran. */
	async deactivateWorkflow(workflowId: string, timeoutMs = 30000): Promise<void> {
		await this.client.api('POST', `/workflows/${workflowId}/${this.major < 2 ? 'deactivate' : 'unpublish'}`, {});
		if (this.publicationService) await this.waitForPublication(workflowId, ['not_published'], timeoutMs);
	}

	/** Deletes a workflow, retrying while n8n still unpublishes it (409). */
	async deleteWorkflow(workflowId: string, timeoutMs = 30000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await this.client.apiRaw('DELETE', `/workflows/${workflowId}`);
			if (answer.status === 200 || answer.status === 404) return;
			if (answer.status !== 409 || Date.now() > deadline) {
				throw new N8nApiError('DELETE', `/api/v1/workflows/${workflowId}`, answer.status, answer.body);
			}
			await delay(200);
		}
	}

	async waitForPublication(
		workflowId: string,
		statuses: Array<PublicationStatus['status']>,
		timeoutMs = 30000,
	): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		let last: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			last = await this.publicationStatus(workflowId);
			if (statuses.includes(last.status)) return last;
			await delay(100);
		}
		throw new Error(
			`Workflow ${workflowId} did not reach ${statuses.join('/')} within ${timeoutMs / 1000} s ` +
				`(last publication status: ${JSON.stringify(last)}).\nn8n's log:\n${this.log().split('\n').slice(-60).join('\n')}`,
		);
	}

	/**
	 * Imports a workflow file the way the editor does (Import from File, then Save): nodes of a
	 * webhook-based type without a webhookId get a fresh one, then POST /rest/workflows.
	 */
	async importWorkflow(file: WorkflowDefinition & Record<string, unknown>): Promise<StoredWorkflow> {
		const { id: _ignoredId, active: _ignoredActive, ...rest } = file;
		const withWebhooks = new Set((await this.nodeTypes()).filter((type) => type.webhooks?.length).map((type) => type.name));
		const nodes = file.nodes.map((node) =>
			withWebhooks.has(node.type) && !node.webhookId ? { ...node, webhookId: randomUUID() } : node,
		);
		// n8n 1.x stores `active` as sent (its editor sends false); 2.x derives it.
		const active = this.major < 2 ? { active: false } : {};
		return await this.client.rest<StoredWorkflow>('POST', '/workflows', { ...rest, ...active, nodes });
	}

	// --- executions -------------------------------------------------------------------------

	/** Every stored execution of a workflow with its data, oldest first. */
	async executions(workflowId: string): Promise<StoredExecution[]> {
		const found: StoredExecution[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const page = await this.client.api<{ data: StoredExecution[]; nextCursor: string | null }>(
				'GET',
				`/executions?${query.toString()}`,
			);
			found.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return found.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Waits until the workflow has at least `count` finished executions and returns them all,
	 * oldest first. n8n stores an execution after its webhook has answered, hence the polling.
	 */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30000): Promise<StoredExecution[]> {
		const deadline = Date.now() + timeoutMs;
		let finished: StoredExecution[] = [];
		while (Date.now() < deadline) {
			const all = await this.executions(workflowId);
			finished = all.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
			if (finished.length >= count && finished.length === all.length) return finished;
			await delay(200);
		}
		throw new Error(
			`Workflow ${workflowId} has ${finished.length} finished executions after ${timeoutMs / 1000} s, expected ${count}.\n` +
				`n8n's log:\n${this.log().split('\n').slice(-60).join('\n')}`,
		);
	}

	// --- session ----------------------------------------------------------------------------

	/** Owner setup on a new instance, else login; then an API key (kept in the user folder). */
	private async signIn(): Promise<void> {
		if (await this.client.needsOwnerSetup()) {
			await this.client.setupOwner(this.owner);
		} else {
			await this.client.login(this.owner.email, this.owner.password);
		}
		const keyFile = path.join(this.userFolder, 'harness-api-key');
		if (existsSync(keyFile)) {
			this.client.useApiKey(readFileSync(keyFile, 'utf8').trim());
			if ((await this.client.apiRaw('GET', '/workflows?limit=1')).status === 200) return;
		}
		writeFileSync(keyFile, await this.client.createApiKey(`e2e harness ${randomUUID().slice(0, 8)}`));
	}
}

/** Starts a real n8n with our package (see N8n.start). */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8n> {
	return await N8n.start(options);
}

function messageOf(body: unknown): string {
	if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
	return typeof body === 'string' ? body : JSON.stringify(body);
}
