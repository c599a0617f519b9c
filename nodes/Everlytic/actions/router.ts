// The Everlytic action node's resources, and the parameters and execute method built from them
// (nodes/shared/actions/actionResource.ts). A new resource is one folder with an index.ts, its
// names in node.type.ts and one entry here.
import { actionExecute, actionProperties, type ActionResource } from '../../shared/actions/actionResource';
import { webhookResource } from './webhook';

export const EVERLYTIC_RESOURCES: ReadonlyArray<ActionResource> = [webhookResource];

export const everlyticActionProperties = actionProperties(EVERLYTIC_RESOURCES, undefined);

/** The `execute` method of the Everlytic action node. */
export const executeEverlyticAction = actionExecute(EVERLYTIC_RESOURCES, undefined);
