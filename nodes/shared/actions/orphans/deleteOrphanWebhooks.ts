// Webhook -> Delete Orphans, for every provider: the provider's webhooks that point at this n8n
// but that no active workflow serves any more (a workflow deleted while its deactivation could not
// reach the provider). Each is probed on this n8n; only those n8n says it does not serve are
// deleted, and with Dry Run (the default) none is. One output item per webhook of the account.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationOption } from '../actionResource';
import { isUnderBaseUrl, n8nWebhookBaseUrl } from './n8nWebhookBaseUrl';
import { probeServedUrl, type ServedAnswer } from './probeServedUrl';

/** What the sweep needs from a provider: its webhooks, and deleting one. */
export interface OrphanSweepProvider {
	displayName: string;
	list(ctx: IExecuteFunctions): Promise<Array<{ id: string; url: string }>>;
	/** False when the provider had nothing to delete any more. */
	remove(ctx: IExecuteFunctions, webhookId: string): Promise<boolean>;
}

/** Probes sent to n8n at once: a sweep must not crowd n8n's own webhook handling. */
const PROBE_CONCURRENCY = 4;

export const deleteOrphansOption: OperationOption<'deleteOrphans'> = {
	name: 'Delete Orphans',
	value: 'deleteOrphans',
	action: 'Delete orphaned webhooks',
	description: 'Delete the webhooks that point at this n8n but that no active workflow serves',
};

export function deleteOrphansDescription(providerName: string): INodeProperties[] {
	return [
		{
			displayName: `Finds the ${providerName} webhooks whose URL points at this n8n, asks n8n whether an active workflow still serves each URL, and deletes those it does not serve. Use it after deleting a workflow whose trigger could not reach ${providerName} when it was deactivated.`,
			name: 'deleteOrphansNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: true,
			description: 'Whether to only report what would be deleted, without deleting anything',
		},
		{
			displayName: 'Webhook Base URL',
			name: 'webhookBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/',
			description: `Only ${providerName} webhooks whose URL starts with this are examined. Empty: this n8n's webhook base URL (WEBHOOK_URL, else the address n8n derives for itself). Set it when ${providerName} reaches this n8n through another address.`,
		},
	];
}

function baseUrlFor(ctx: IExecuteFunctions, itemIndex: number): string {
	const given = (ctx.getNodeParameter('webhookBaseUrl', itemIndex, '') as string).trim();
	const baseUrl = given || n8nWebhookBaseUrl(ctx);
	if (!baseUrl || !/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), given ? `The Webhook Base URL "${given}" is not an http(s) URL` : 'This n8n did not tell its own URL', {
			itemIndex,
			description: 'Set Webhook Base URL to the address the provider uses to reach this n8n, e.g. https://n8n.example.com/.',
		});
	}
	return baseUrl;
}

/** Runs `probe` over the URLs, at most PROBE_CONCURRENCY at a time, answers in input order. */
async function probeAll(ctx: IExecuteFunctions, urls: string[]): Promise<ServedAnswer[]> {
	const answers: ServedAnswer[] = new Array<ServedAnswer>(urls.length);
	let next = 0;
	const worker = async () => {
		while (next < urls.length) {
			const index = next++;
			answers[index] = await probeServedUrl(ctx, urls[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, urls.length) }, worker));
	return answers;
}

async function removeOrReport(
	ctx: IExecuteFunctions,
	provider: OrphanSweepProvider,
	webhookId: string,
): Promise<IDataObject> {
	try {
		return { action: (await provider.remove(ctx, webhookId)) ? 'deleted' : 'already gone' };
	} catch (error) {
		return { action: 'delete failed', deleteError: error instanceof Error ? error.message : String(error) };
	}
}

export async function deleteOrphanWebhooks(
	ctx: IExecuteFunctions,
	itemIndex: number,
	provider: OrphanSweepProvider,
): Promise<IDataObject[]> {
	const baseUrl = baseUrlFor(ctx, itemIndex);
	const dryRun = ctx.getNodeParameter('dryRun', itemIndex, true) as boolean;
	const webhooks = await provider.list(ctx);
	const ours = webhooks.filter((webhook) => isUnderBaseUrl(webhook.url, baseUrl));
	// A URL registered twice is asked once.
	const urls = [...new Set(ours.map((webhook) => webhook.url.trim()))];
	const answers = new Map(urls.map((url, index) => [url, index]));
	const probed = await probeAll(ctx, urls);

	const items: IDataObject[] = [];
	for (const webhook of webhooks) {
		const base = { webhookId: webhook.id, url: webhook.url, baseUrl, dryRun };
		if (!isUnderBaseUrl(webhook.url, baseUrl)) {
			items.push({ ...base, served: null, action: 'skipped', reason: `Points elsewhere, not at ${baseUrl}` });
			continue;
		}
		const answer = probed[answers.get(webhook.url.trim()) as number];
		const found = { ...base, served: answer.served, probeStatus: answer.status, reason: answer.reason };
		if (answer.served !== false) items.push({ ...found, action: 'kept' });
		else if (dryRun) items.push({ ...found, action: 'would delete' });
		else items.push({ ...found, ...(await removeOrReport(ctx, provider, webhook.id)) });
	}
	return items;
}
