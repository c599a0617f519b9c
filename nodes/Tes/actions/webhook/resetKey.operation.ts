// Reset Key: the provider signs deliveries with the new key at once.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/actions/actionResource';
import { webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { resetTesWebhookKey } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export const option: OperationOption<'resetKey'> = {
	name: 'Reset Key',
	value: 'resetKey',
	action: 'Reset the key of a webhook',
	description: 'Issue a new signing key for a webhook',
};

export function description(): INodeProperties[] {
	return [webhookIdField()];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	return await resetTesWebhookKey(this, brand, webhookId);
}
