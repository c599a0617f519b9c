// Every resource and operation name of the Sarv and SendClean action nodes. Each resource's
// index.ts must register exactly these operations, so a misspelt or forgotten one does not compile.
export type TesWebhookOperation =
	| 'create'
	| 'update'
	| 'resetKey'
	| 'get'
	| 'getAll'
	| 'delete'
	| 'deleteOrphans';

export type TesMessageOperation = 'get';

export interface TesNodeOperations {
	webhook: TesWebhookOperation;
	message: TesMessageOperation;
}

export type TesResource = keyof TesNodeOperations;
