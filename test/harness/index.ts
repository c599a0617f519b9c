// The in-process test harness: runs this package's nodes inside n8n-core's real execution engine
// from jest. Entry points:
//   executeNode          one node's execute() through WorkflowExecute
//   testCredential       a credential's declarative test, as n8n's "Test" button does it
//   createTriggerHarness a webhook trigger: webhookMethods through HookContext, webhook() through
//                        WebhookContext with n8n's request/response handling around it
// env.ts (a jest setupFile) prepares the environment n8n-core needs before it loads.
import { installRecordingLogger } from './logger';

installRecordingLogger();

export { executeNode } from './execute-node';
export type { ExecuteNodeOptions, ExecuteNodeResult, HarnessNodeError } from './execute-node';
export { testCredential } from './credential-test';
export { createTriggerHarness } from './trigger-harness';
export type {
	ActivationResult,
	ReceiveRequest,
	ReceiveResult,
	TriggerHarness,
	TriggerHarnessOptions,
	WebhookSetupMethod,
	WebhookUrlMode,
} from './trigger-harness';
export { applyCredentialAuthentication } from './credentials-helper';
export type { LogEntry } from './logger';
export { unattributedLogs } from './logger';
export { PACKAGE_PREFIX } from './node-types';
