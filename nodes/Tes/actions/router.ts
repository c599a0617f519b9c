// The Sarv and SendClean action nodes' resources, and the parameters and execute method built
// from them (nodes/shared/actions/actionResource.ts). A new resource is one folder with an
// index.ts, its names in node.type.ts and one entry here.
import { actionExecute, actionProperties, type ActionResource } from '../../shared/actions/actionResource';
import type { TesBrand } from '../TesBrand';
import { messageResource } from './message';
import { webhookResource } from './webhook';

export const TES_RESOURCES: ReadonlyArray<ActionResource<TesBrand>> = [webhookResource, messageResource];

export function tesActionProperties(brand: TesBrand) {
	return actionProperties(TES_RESOURCES, brand);
}

/** The `execute` method of a brand's action node. */
export function executeTesAction(brand: TesBrand) {
	return actionExecute(TES_RESOURCES, brand);
}
