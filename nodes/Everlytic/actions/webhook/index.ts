// The Webhook resource of the Everlytic action node: one line per operation.
import { defineResource } from '../../../shared/actions/actionResource';
import { WEBHOOK_RESOURCE } from '../../../shared/actions/webhookResourceFields';
import type { EverlyticWebhookOperation } from '../node.type';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as deleteOrphans from './deleteOrphans.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reprocessFailed from './reprocessFailed.operation';
import * as update from './update.operation';

export const webhookResource = defineResource<EverlyticWebhookOperation>({
	...WEBHOOK_RESOURCE,
	defaultOperation: 'create',
	operations: { create, update, get, getAll, delete: deleteWebhook, deleteOrphans, reprocessFailed },
});
