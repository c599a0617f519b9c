// The Message resource of the Sarv and SendClean action nodes: one line per operation.
import { defineResource } from '../../../shared/actions/actionResource';
import type { TesBrand } from '../../TesBrand';
import type { TesMessageOperation } from '../node.type';
import * as get from './get.operation';

export const messageResource = defineResource<TesMessageOperation, TesBrand>({
	name: 'Message',
	value: 'message',
	defaultOperation: 'get',
	operations: { get },
});
