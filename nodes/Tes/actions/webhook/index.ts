// The Webhook resource of the Sarv and SendClean action nodes: one line per operation.
import { defineResource } from '../../../shared/actions/actionResource';
import { WEBHOOK_RESOURCE } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import type { TesWebhookOperation } from '../node.type';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as deleteOrphans from './deleteOrphans.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as resetKey from './resetKey.operation';
import * as update from './update.operation';

export const webhookResource = defineResource<TesWebhookOperation, TesBrand>({
	...WEBHOOK_RESOURCE,
	defaultOperation: 'create',
	operations: { create, update, resetKey, get, getAll, delete: deleteWebhook, deleteOrphans },
});
