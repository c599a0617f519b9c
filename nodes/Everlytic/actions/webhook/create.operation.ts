// Create: register a URL and return the new webhook with its id; with Reuse Existing, return the
// webhook already registered for that URL instead of adding a second one.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { createOption, reuseExistingOptions } from '../../../shared/actions/webhookResourceFields';
import {
	EVERLYTIC_WEBHOOK_DEFAULTS,
	createEverlyticWebhook,
	everlyticWebhooksForUrl,
	listEverlyticWebhooks,
} from '../../transport/everlyticWebhooks';
import {
	contentTypeField,
	eventTypesField,
	fieldSetField,
	includeHtmlField,
	receiverAuthField,
	receiverAuthFrom,
	requireEventTypes,
	statusField,
	urlField,
	verbField,
} from './commonFields';
import { includeReceiverPasswordOption, withReceiverPassword } from './receiverPassword';

export const option = createOption;

export function description(): INodeProperties[] {
	return [
		{ ...urlField, required: true },
		{ ...eventTypesField, required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				contentTypeField,
				fieldSetField,
				verbField,
				includeHtmlField,
				receiverAuthField,
				statusField,
			],
		},
		{ ...reuseExistingOptions, options: [...(reuseExistingOptions.options ?? []), includeReceiverPasswordOption] },
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = (this.getNodeParameter('url', itemIndex) as string).trim();
	const eventTypes = requireEventTypes(this, itemIndex, this.getNodeParameter('eventTypes', itemIndex));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const receiverAuth = receiverAuthFrom(this, itemIndex, additional.receiverAuth);
	if (url === '') {
		throw new NodeOperationError(this.getNode(), 'The URL is empty', { itemIndex });
	}

	let knownIds: Set<string> | undefined;
	if (options.reuseExisting === true) {
		const existing = await listEverlyticWebhooks(this);
		const [registered] = everlyticWebhooksForUrl(existing, url);
		if (registered) return withReceiverPassword(registered, options.includeReceiverPassword === true);
		knownIds = new Set(existing.map((webhook) => webhook.id));
	}
	const created = await createEverlyticWebhook(
		this,
		{
			url,
			eventTypes,
			verb: (additional.verb as string | undefined) ?? EVERLYTIC_WEBHOOK_DEFAULTS.verb,
			status: (additional.status as string | undefined) ?? EVERLYTIC_WEBHOOK_DEFAULTS.status,
			contentType: (additional.contentType as string | undefined) ?? EVERLYTIC_WEBHOOK_DEFAULTS.contentType,
			fieldSet: (additional.fieldSet as string | undefined) ?? EVERLYTIC_WEBHOOK_DEFAULTS.fieldSet,
			includeHtml: additional.includeHtml === true,
			authType: 'basic',
			receiverAuth,
		},
		knownIds,
	);
	return withReceiverPassword(created, options.includeReceiverPassword === true);
}
