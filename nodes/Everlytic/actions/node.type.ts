// Every resource and operation name of the Everlytic action node. Each resource's index.ts must
// register exactly these operations, so a misspelt or forgotten one does not compile.
export type EverlyticWebhookOperation =
	| 'create'
	| 'update'
	| 'get'
	| 'getAll'
	| 'delete'
	| 'deleteOrphans'
	| 'reprocessFailed';

export interface EverlyticNodeOperations {
	webhook: EverlyticWebhookOperation;
}

export type EverlyticResource = keyof EverlyticNodeOperations;
