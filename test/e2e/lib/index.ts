// The real-n8n end-to-end harness: start a self-hosted n8n with our packed package installed and
// drive it through its APIs. See test/e2e/README.md for the API and the environment variables.
export { N8n, startN8n } from './n8nInstance';
export type { ActivationResult, PublicationStatus, StartN8nOptions, TriggerWorkflow, TriggerWorkflowOptions } from './n8nInstance';
export { DEFAULT_OWNER, N8nApiError, N8nClient } from './n8nClient';
export type { OwnerAccount } from './n8nClient';
export { E2E_ENCRYPTION_KEY, freePort, N8nProcess } from './n8nProcess';
export type { N8nCommand, N8nProcessOptions } from './n8nProcess';
export { declaredNodeTypes, installPackage, packPackage } from './communityPackage';
export { executionError, fullNodeType, makeNode, nodeOutputItems, webhookEndpoints } from './workflows';
export type { StoredCredential, StoredExecution, StoredWorkflow, WebhookEndpoint, WorkflowDefinition } from './workflows';
export { DEV_HOME, findN8nInstallation, n8nFlavor, PACKAGE_NAME, REPO_ROOT } from './paths';
export type { N8nFlavor, N8nInstallation } from './paths';
export { findWorkflowProblems } from './workflowProblems';
export { QueueCluster } from './queueCluster';
export type { QueueClusterOptions } from './queueCluster';
export { LoadBalancer } from './loadBalancer';
export { startPostgres, startRedis } from './queueServices';
export type { PostgresServer, RedisServer } from './queueServices';
